#!/bin/sh
# "newsreader --parse" on a JSON Feed and on an RSS file holding the same
# items, in the same run: MB/s of each, peak RSS (GNU time %M), best of 3.
# Goals (issue 13): JSON MB/s >= RSS MB/s; peak RSS < 32 MiB at 50 MiB.
# usage: bench/jsonfeed.sh [SIZE_MIB]   (NR_BIN: the binary, see lib.sh)
set -e
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
size=${1:-50}
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time"; exit 1; }
tmp=$BENCH_DATA/jsonfeed.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

# Best of 3 runs: prints "seconds maxrss_kb".
run()
{
	best=""
	for i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>&1 ||
		    { echo "failed: $*" >&2; exit 1; }
		t=$(cat "$tmp/t")
		if [ -z "$best" ] ||
		    [ "$(echo "$t $best" | awk '{print ($1 < $3)}')" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}

n=$(python3 "$here/jsonfeed-gen.py" "$size" "$tmp/feed.json" "$tmp/feed.xml")
echo "$n items; newsreader: $NR"
printf '  %-6s %8s %8s %8s %10s\n' feed MiB MB/s peakMiB seconds
for kind in json xml; do
	f=$tmp/feed.$kind
	mb=$(wc -c <"$f" | awk '{print $1 / 1048576}')
	items=$("$NR" --parse "$f" | wc -l)
	[ "$items" -eq "$n" ] || [ "$items" -eq 10000 ] ||
	    { echo "$kind: $items items, want $n" >&2; exit 1; }
	set -- $(run "$NR" --parse "$f")
	awk -v k="$kind" -v mb="$mb" -v t="$1" -v m="$2" 'BEGIN {
		if (t <= 0) t = 0.01
		printf "  %-6s %8.1f %8.1f %8.1f %10.2f\n", k, mb, mb / t,
		    m / 1024, t
	}'
	result "jsonfeed.$kind.mbps" "$(awk -v mb="$mb" -v t="$1" \
	    'BEGIN { if (t <= 0) t = 0.01; printf "%.1f", mb / t }')" MB/s
	result "jsonfeed.$kind.peak" "$(awk -v m="$2" \
	    'BEGIN { printf "%.1f", m / 1024 }')" MiB
done
