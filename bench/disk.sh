#!/bin/sh
# Benchmark: the cache on disk against what it came from, for N items:
# `du -sk` of the data dir once the indexes exist (article files, state
# files, indexes and every other file newsreader keeps there) against the
# RSS documents the items came from and against sfeed's TSV files.
# usage: bench/disk.sh [N] [FEEDS]   (default 100000 100)
# Also gives the bytes the index takes per 1,000 items (.meta/items, or
# .meta/index before the mapped index) and the apparent sizes (du -b).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${1:-100000}
FEEDS=${2:-100}
PFX=${BENCH_PFX:-$N}
bench_set "$N" "$FEEDS"
bench_copy "set-${N}x$FEEDS"
"$NR" --list >/dev/null
sleep 2
n=$("$NR" --list | wc -l)
[ "$n" -eq "$N" ] || { echo "disk.sh: --list gives $n items" >&2; exit 1; }
d=$(du -sk "$NEWSREADER_HOME" | cut -f1)
x=$(du -sk "$SET/xml" | cut -f1)
s=$(du -sk "$SET/sfeed" | cut -f1)
da=$(du -sb "$NEWSREADER_HOME" | cut -f1)
xa=$(du -sb "$SET/xml" | cut -f1)
sa=$(du -sb "$SET/sfeed" | cut -f1)
idx=$(find "$NEWSREADER_HOME" -path '*/.meta/items' -o -path '*/.meta/index' |
    xargs cat | wc -c)
st=$(find "$NEWSREADER_HOME" -path '*/.meta/state' | xargs cat | wc -c)
echo "the cache on disk, $N items in $FEEDS feeds ($NR_TAG):"
row_head "raw XML"
row "data dir, du -sk (MB)" "$((d / 1000))" "$((x / 1000))" MB
row "data dir vs sfeed TSV, du -sk (MB)" "$((d / 1000))" "$((s / 1000))" MB
row "apparent size, du -sb (MB)" "$((da / 1000000))" "$((xa / 1000000))" MB
echo "  index files: $((idx / 1000)) kB, $((idx / (N / 1000))) bytes per 1,000 items;" \
    "state files: $((st / 1000)) kB"
result "$PFX.disk" "$((d / 1000))" MB "du -sk; apparent $((da / 1000000)) MB"
result "$PFX.disk.peer" "$((x / 1000))" MB "raw XML; apparent $((xa / 1000000)) MB"
result "$PFX.disk.sfeed" "$((s / 1000))" MB "sfeed TSV; apparent $((sa / 1000000)) MB"
result "$PFX.index_per_1k" "$((idx / (N / 1000)))" bytes "index bytes per 1,000 items"
