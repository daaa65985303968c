#!/bin/sh
# Benchmark of full-text search (issue 14), side by side in one run:
#  - building the index of N articles (~2 KB bodies, Zipf words, 5 %
#    Russian, 5 % Japanese) from scratch (--reindex);
#  - its size against the article text;
#  - a selective query (< 100 hits), a common word (~N/10 hits), a
#    Russian and a Japanese word, a phrase and a prefix: `newsreader
#    --list QUERY` (process start included) against `grep -rliw WORD`
#    over the same article files;
#  - a cold refresh of FEEDS x ITEMS (~2 KB each) from a loopback server
#    with the index and without it (search.db made unwritable).
# usage: bench/search.sh [N] [FEEDS] [ITEMS]     (default 100000 100 100)
# COLD_ONLY=1 runs only the cold refresh; COLD_RUNS=n (5) pairs of runs;
# COLD_DIR=dir refreshes into dir (e.g. on tmpfs) instead of $work/r.
# Needs python3, hyperfine; run from the build directory (or set NR_BIN).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
NR=${NR_BIN:-$top/newsreader}
N=${1:-100000}
FEEDS=${2:-100}
ITEMS=${3:-100}
work=${BENCH_DIR:-/tmp/nr-bench-search}
export TZ=UTC
if [ -z "${COLD_ONLY:-}" ]; then
if [ ! -d "$work/data" ]; then
	echo "generating $N articles under $work/data ..."
	python3 "$here/search-gen.py" cache "$N" 100 "$work/data"
fi
export NEWSREADER_HOME="$work/data"
"$NR" --list >/dev/null		# the store's indexes
sleep 2
"$NR" --list >/dev/null

echo "== build: --reindex of $N items"
rm -f "$work/data/.meta/search.db"*
s=$(date +%s.%N)
"$NR" --reindex
e=$(date +%s.%N)
printf '  build %.1f s\n' "$(echo "$e - $s" | bc)"
text=$(find "$work/data" -name '*.txt' -printf '%s\n' |
    awk '{ s += $1 } END { print s }')
db=$(stat -c %s "$work/data/.meta/search.db")
printf '  article files %.1f MiB, search.db %.1f MiB (%.0f %%)\n' \
    "$(echo "$text / 1048576" | bc -l)" "$(echo "$db / 1048576" | bc -l)" \
    "$(echo "100 * $db / $text" | bc -l)"

echo "== queries: hits, then hyperfine (median) against grep -rliw"
echo "   (the article files are in the page cache: grep is warm)"
q()
{
	label=$1 query=$2 word=$3 gflags=${4:--rliw}
	hits=$("$NR" --list "$query" | wc -l)
	ghits=$(grep $gflags -- "$word" "$work/data" | wc -l)
	hyperfine -N -w 3 -r 15 --export-json "$work/q.json" \
	    -n nr "$NR --list '$query'" >/dev/null 2>&1
	hyperfine -i -w 1 -r 3 --export-json "$work/g.json" \
	    -n grep "grep $gflags -- '$word' '$work/data'" >/dev/null 2>&1
	python3 - "$label" "$query" "$hits" "$ghits" "$work/q.json" \
	    "$work/g.json" <<'PY'
import json, sys
label, query, hits, ghits = sys.argv[1:5]
q = json.load(open(sys.argv[5]))["results"][0]["median"]
g = json.load(open(sys.argv[6]))["results"][0]["median"]
print("  %-10s %-22s %6s hits %7.1f ms | grep %6s files %8.1f ms"
      " | 1/%.0f" % (label, query, hits, q * 1e3, ghits, g * 1e3, g / q))
PY
}
q selective selectivum selectivum
q common communis communis
ru=$(sed -n 2p "$(ls -d "$work/data/feed007/"* | head -1)" | cut -d' ' -f2)
q russian "$ru" "$ru"
# (grep -w finds no word in Japanese: it has no spaces)
q japanese 半導体 半導体 -rli
q phrase '"communis selectivum"' communis
q prefix 'selectiv*' selectivum
q combined 'communis +bench @2026-03' communis
hyperfine -N -w 3 -r 15 "$NR --list --sort relevance --snippet selectivum" \
    2>/dev/null | grep -E "Time|Range" | sed 's/^/  snippet+relevance: /'

fi

echo "== cold refresh of $FEEDS x $ITEMS items (~2 KB each)"
python3 "$here/search-gen.py" rss "$FEEDS" "$ITEMS" "$work/www" 2>/dev/null
rm -f "$work/port"
python3 "$top/tests/server.py" --root "$work/www" --port-file "$work/port" \
    --lifetime 900 &
srv=$!
trap 'kill $srv 2>/dev/null' EXIT
while [ ! -s "$work/port" ]; do sleep 0.1; done
url=http://127.0.0.1:$(cat "$work/port")
i=0
: >"$work/feeds"
while [ $i -lt "$FEEDS" ]; do
	printf '%s/feed%03d.xml name=feed%03d\n' "$url" $i $i >>"$work/feeds"
	i=$((i + 1))
done
mkdir -p "$work/cfg/newsreader"
echo "max-per-host 8" >"$work/cfg/newsreader/config"
export XDG_CONFIG_HOME="$work/cfg"
# One cold refresh into $work/r (or COLD_DIR, e.g. on tmpfs); prints the
# wall time and the CPU time (user + sys) in seconds.
rdir=${COLD_DIR:-$work/r}
cold()
{
	rm -rf "$rdir"
	mkdir -p "$rdir/.meta"
	# Without: search.db cannot be made (a directory is in its place).
	[ "$1" = without ] && mkdir "$rdir/.meta/search.db"
	sync
	NEWSREADER_HOME=$rdir /usr/bin/time -f '%e %U %S' -o "$work/time" \
	    "$NR" --feeds "$work/feeds" --refresh >/dev/null 2>&1 || true
	awk '{ printf "%s %.2f", $1, $2 + $3 }' "$work/time"
}
# Runs alternate, so that a busy machine slows both alike.
: >"$work/cold.txt"
k=1
while [ $k -le "${COLD_RUNS:-5}" ]; do
	set -- $(cold with) $(cold without)
	printf '  run %d: with index %.2f s (CPU %.2f), without %.2f s ' \
	    "$k" "$1" "$2" "$3"
	printf '(CPU %.2f): %+.0f %%\n' "$4" "$(echo "100 * ($1 - $3) / $3" | bc -l)"
	echo "$1 $3" >>"$work/cold.txt"
	k=$((k + 1))
done
sort -n -k1,1 "$work/cold.txt" | awk '{ w[NR] = $1 } END { printf "%s", w[int((NR + 1) / 2)] }' >"$work/cold.w"
sort -n -k2,2 "$work/cold.txt" | awk '{ o[NR] = $2 } END { printf "%s", o[int((NR + 1) / 2)] }' >"$work/cold.o"
w=$(cat "$work/cold.w")
o=$(cat "$work/cold.o")
printf '  median: with %.2f s, without %.2f s: %+.0f %% (goal <= +30 %%)\n' \
    "$w" "$o" "$(echo "100 * ($w - $o) / $o" | bc -l)"
n=$(NEWSREADER_HOME=$rdir "$NR" --list 2>/dev/null | wc -l)
[ "$n" -gt 0 ] || echo "  the refresh stored nothing: see $rdir"
