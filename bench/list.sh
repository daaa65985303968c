#!/bin/sh
# Benchmark: `newsreader --list` over N cached items against `sfeed_plain`
# over the same items as sfeed TSV files, in the same run.
# usage: bench/list.sh [N] [FEEDS] [RUNS]   (default 100000 100 10)
#
#   first    the first --list on a fresh copy of the data (no index yet:
#            it builds them; a new build also migrates the data dir); the
#            files were just copied, so the page cache is warm
#   second   the next one, 2 s later (indexes out of their racy second)
#   warm     hyperfine, 2 warm-ups then RUNS runs of each, interleaved
#            by hyperfine command by command; median and range
#   peak     peak RSS of each (GNU time %M)
# A fresh copy is made for every run when N <= 200000 (LIST_FRESH=1, the
# default there); else the working copy is reused and "first" is only
# measured when it was just made.
# Needs: sfeed, hyperfine, GNU time (/usr/bin/time).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${1:-100000}
FEEDS=${2:-100}
RUNS=${3:-10}
PFX=${BENCH_PFX:-$N}
bench_set "$N" "$FEEDS"
fresh=${LIST_FRESH:-$([ "$N" -le 200000 ] && echo 1 || echo 0)}
if [ "$fresh" = 1 ]; then
	bench_fresh "set-${N}x$FEEDS"
else
	bench_copy "set-${N}x$FEEDS"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nr-list.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
files=$(ls -d "$SET"/sfeed/* | tr '\n' ' ')

# tm OUT CMD...: time one run into OUT ("seconds peakKiB"); output
# counted into $tmp/n.
tm()
{
	o=$1
	shift
	/usr/bin/time -f '%e %M' -o "$tmp/$o" "$@" | wc -l >"$tmp/n"
}

echo "--list, $N items in $FEEDS feeds ($NR_TAG):"
row_head sfeed_plain
if [ "$RUN_FRESH" = 1 ]; then
	tm first "$NR" --list
	[ "$(cat "$tmp/n")" -eq "$N" ] ||
	    { echo "list.sh: first --list: $(cat "$tmp/n") items" >&2; exit 1; }
	set -- $(cat "$tmp/first")
	row "first --list, builds the indexes (s)" "$1" - s
	result "$PFX.list_first" "$1" s "indexes built; $2 KiB peak"
	sleep 2
fi
tm second "$NR" --list
[ "$(cat "$tmp/n")" -eq "$N" ] ||
    { echo "list.sh: --list: $(cat "$tmp/n") items, not $N" >&2; exit 1; }
set -- $(cat "$tmp/second")
row "second --list (s)" "$1" - s
[ "$RUN_FRESH" = 0 ] || result "$PFX.list_second" "$1" s
# shellcheck disable=SC2086
[ "$(sfeed_plain $files | wc -l)" -eq "$N" ] ||
    { echo "list.sh: sfeed_plain does not list $N items" >&2; exit 1; }
hyperfine -N -w 2 -r "$RUNS" --export-json "$tmp/h.json" \
    -n nr "$NR --list" -n sfeed "sfeed_plain $files" >"$tmp/h.out" 2>&1 ||
    { cat "$tmp/h.out" >&2; exit 1; }
tm nrpeak "$NR" --list
# shellcheck disable=SC2086
tm sfpeak sfeed_plain $files
python3 - "$tmp/h.json" "$PFX" "${BENCH_OUT:-}" "$(cut -d' ' -f2 "$tmp/nrpeak")" \
    "$(cut -d' ' -f2 "$tmp/sfpeak")" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
pfx, out, nrk, sfk = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
a, b = r["nr"], r["sfeed"]
def rng(x):
    return "%.3f-%.3f" % (min(x["times"]), max(x["times"]))
print("  %-44s %12.3f %12.3f %7.2f  s, range %s / %s" % (
    "warm --list, median (s)", a["median"], b["median"],
    a["median"] / b["median"], rng(a), rng(b)))
print("  %-44s %12.1f %12.1f %7.2f  MiB" % ("peak RSS (MiB)", nrk / 1024,
      sfk / 1024, nrk / sfk))
if out:
    with open(out, "a") as f:
        f.write("%s.list\t%.3f\ts\trange %s, %d runs\n" % (
            pfx, a["median"], rng(a), len(a["times"])))
        f.write("%s.list.peer\t%.3f\ts\tsfeed_plain, range %s\n" % (
            pfx, b["median"], rng(b)))
        f.write("%s.list_rss\t%.1f\tMiB\t\n" % (pfx, nrk / 1024))
        f.write("%s.list_rss.peer\t%.1f\tMiB\tsfeed_plain\n" % (pfx,
                sfk / 1024))
PY
