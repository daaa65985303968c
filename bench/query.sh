#!/bin/sh
# Benchmark: `newsreader --list QUERY` over N cached items against
# `sfeed_plain` listing all of the same items, in the same run; then a
# re-filter of every item in memory (bench/query-bench).
# usage: bench/query.sh [QUERY] [N] [FEEDS]
#   (default '+china @2023-04', 100000 items in 100 feeds)
# Needs: python3, sfeed, hyperfine; run from the build directory (or set
# NR_BIN and NR_QBENCH).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NR=${NR_BIN:-./newsreader}
QB=${NR_QBENCH:-./bench/query-bench}
Q=${1:-+china @2023-04}
N=${2:-100000}
FEEDS=${3:-100}
work=${BENCH_DIR:-/tmp/nr-bench-list}
if [ ! -d "$work/data" ]; then
	echo "generating $N items in $FEEDS feeds under $work ..."
	python3 "$here/gen-cache.py" "$N" "$FEEDS" "$work"
fi
[ -x "$QB" ] || make bench/query-bench >/dev/null
export NEWSREADER_HOME="$work/data"
"$NR" --list >/dev/null		# build the indexes
sleep 2				# let them leave their 'racy' second
"$NR" --list >/dev/null
echo "items: $("$NR" --list | wc -l), matching '$Q':" \
    "$("$NR" --list "$Q" | wc -l)"
hyperfine -N -w 2 -r 10 --export-json "$work/query.json" \
    -n "newsreader --list '$Q'" "$NR --list '$Q'" \
    -n "sfeed_plain (all $N items)" \
    "sfeed_plain $(ls -d "$work"/sfeed/* | tr '\n' ' ')" \
    -n "newsreader --list" "$NR --list" 2>&1 | sed 's/^/  /'
python3 - "$work/query.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
q, s, a = (x["median"] for x in r)
print("  median: --list QUERY %.1f ms, sfeed_plain %.1f ms, --list %.1f ms"
      % (q * 1e3, s * 1e3, a * 1e3))
print("  ratio --list QUERY / sfeed_plain: %.2f" % (q / s))
PY
"$QB" "$work/data" "$Q" 50 | sed 's/^/  /'
"$QB" "$work/data" '~harbour or /^river/' 20 | sed 's/^/  /'
