#!/bin/sh
# Make a benchmark data set with bench/gen-items.c (compiled here with
# `cc -O2` when missing or older than its source), unless it is there.
# usage: bench/gen.sh N FEEDS OUTDIR     N items in FEEDS feeds: OUTDIR/data
#                                        (article and state files), sfeed/
#                                        (TSV), xml/ (RSS 2.0); OUTDIR/.done
#                                        marks a finished set
#        bench/gen.sh -x|-a ...          run gen-items with these arguments
#                                        (see the head of gen-items.c)
#        bench/gen.sh -b                 only build gen-items, print its path
# GEN_JOBS (default 2) processes write the set; GEN_BIN is where the
# program goes (default ${TMPDIR:-/tmp}/nr-bench-bin/gen-items).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
GEN=${GEN_BIN:-${TMPDIR:-/tmp}/nr-bench-bin/gen-items}
if [ ! -x "$GEN" ] || [ "$here/gen-items.c" -nt "$GEN" ]; then
	mkdir -p "$(dirname "$GEN")"
	${CC:-cc} -O2 -std=c99 -D_POSIX_C_SOURCE=200809L -o "$GEN.tmp" \
	    "$here/gen-items.c"
	mv "$GEN.tmp" "$GEN"
fi
case ${1:-} in
-b)	echo "$GEN"; exit 0 ;;
-x|-a|-r) exec "$GEN" "$@" ;;
esac
[ $# -eq 3 ] || { sed -n '3,10p' "$0" >&2; exit 2; }
N=$1 FEEDS=$2 out=$3
[ -e "$out/.done" ] && exit 0
[ ! -e "$out" ] || [ -z "$(ls -A "$out" 2>/dev/null)" ] ||
    { echo "gen.sh: $out exists but is not a finished set" >&2; exit 1; }
echo "generating $N items in $FEEDS feeds under $out ..." >&2
s=$(date +%s)
"$GEN" -j "${GEN_JOBS:-2}" "$N" "$FEEDS" "$out"
# A set that cannot be listed in full would measure a failure.
n=$(find "$out/data" -name '*.txt' | wc -l)
[ "$n" -eq "$N" ] || { echo "gen.sh: $n article files, not $N" >&2; exit 1; }
n=$(cat "$out"/sfeed/* | wc -l)
[ "$n" -eq "$N" ] || { echo "gen.sh: $n TSV lines, not $N" >&2; exit 1; }
echo "$N $FEEDS" >"$out/.done"
echo "  done in $(($(date +%s) - s)) s" >&2
