#!/bin/sh
# Benchmark: `newsreader --list` over N cached items against `sfeed_plain`
# over the same items in sfeed's TSV format, in the same run.
# usage: bench/list.sh [N] [FEEDS]   (default 100000 items in 100 feeds)
# Needs: python3, sfeed (Debian package), hyperfine (optional), GNU time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NR=${NR_BIN:-$here/../newsreader}
N=${1:-100000}
FEEDS=${2:-100}
work=${BENCH_DIR:-/tmp/nr-bench-list}
if [ ! -d "$work/data" ]; then
	echo "generating $N items in $FEEDS feeds under $work ..."
	python3 "$here/gen-cache.py" "$N" "$FEEDS" "$work"
fi
export NEWSREADER_HOME="$work/data"
echo "cold (builds the indexes):"
/usr/bin/time -f "  newsreader --list: %e s, %M KiB peak" \
    "$NR" --list >/dev/null
sleep 2   # let the indexes leave their 'racy' second
"$NR" --list >/dev/null
[ "$("$NR" --list | wc -l)" -eq "$N" ] || { echo "wrong item count"; exit 1; }
echo "warm, same run:"
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N -w 2 -r 10 \
	    "$NR --list" \
	    "sfeed_plain $(ls -d "$work"/sfeed/* | tr '\n' ' ')" \
	    2>&1 | sed 's/^/  /'
else
	for i in 1 2 3; do
		/usr/bin/time -f "  newsreader --list: %e s, %M KiB" \
		    "$NR" --list >/dev/null
		/usr/bin/time -f "  sfeed_plain:       %e s, %M KiB" \
		    sfeed_plain "$work"/sfeed/* >/dev/null
	done
fi
/usr/bin/time -f "  newsreader --list peak: %M KiB" "$NR" --list >/dev/null
/usr/bin/time -f "  sfeed_plain peak:       %M KiB" \
    sfeed_plain "$work"/sfeed/* >/dev/null
