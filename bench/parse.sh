#!/bin/sh
# Benchmark "newsreader --parse" against sfeed on a 50 MiB RSS and a 50 MiB
# Atom feed: MB/s, peak RSS (GNU time %M) and our/sfeed ratios.
# usage: bench/parse.sh [NEWSREADER] [SIZE_MIB]
set -e
here=$(cd "$(dirname "$0")" && pwd)
nr=${1:-${NR_BIN:-./newsreader}}
size=${2:-50}
tmp=${TMPDIR:-/tmp}/nr-bench-parse.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v sfeed >/dev/null || { echo "sfeed missing: apt-get install sfeed"; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time"; exit 1; }
[ -x "$nr" ] || { echo "no newsreader binary at $nr"; exit 1; }

# Best of 3 runs: prints "seconds maxrss_kb".
run() {
	best=""
	for i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>&1
		t=$(cat "$tmp/t")
		if [ -z "$best" ] || [ "$(echo "$t $best" | awk '{print ($1 < $3)}')" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}

printf '%-6s %-8s %8s %8s %10s\n' feed tool MB/s peakMiB seconds
for kind in rss atom; do
	f="$tmp/$kind.xml"
	python3 "$here/parse-gen.py" "$kind" "$size" > "$f"
	mb=$(wc -c < "$f" | awk '{print $1 / 1048576}')
	set -- $(run "$nr" --parse "$f"); nt=$1; nm=$2
	set -- $(run sh -c "sfeed < '$f'"); st=$1; sm=$2
	# sfeed's RSS includes the sh wrapper; close enough for a ratio.
	awk -v k="$kind" -v mb="$mb" -v nt="$nt" -v nm="$nm" -v st="$st" \
	    -v sm="$sm" 'BEGIN {
		if (nt <= 0) nt = 0.01; if (st <= 0) st = 0.01;
		printf "%-6s %-8s %8.1f %8.1f %10.2f\n", k, "nr", mb/nt, nm/1024, nt
		printf "%-6s %-8s %8.1f %8.1f %10.2f\n", k, "sfeed", mb/st, sm/1024, st
		printf "%-6s speed ratio nr/sfeed %.2f, peak RSS ratio nr/sfeed %.2f\n",
		    k, st/nt, nm/sm
	}'
	rm -f "$f"
done
