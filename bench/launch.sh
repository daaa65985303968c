#!/bin/sh
# Benchmark: the interface's first screens over N cached items, in tmux
# (200x50), side by side with sfeed_curses on the same items in the same
# run, and its peak memory (VmHWM from /proc/PID/status).
# usage: bench/launch.sh [N] [FEEDS] [RUNS]   (default 100000 100 3)
#
#   feed list     launch; until a feed row shows its counts
#                 ("  102/1000 Feed 0 ..."), then until the title counts
#                 every item ("Feeds (101) - ... unread, 100000 items")
#   all items     launch, press Enter on the "(all items)" row at once;
#                 until the newest item's title shows
#   sfeed_curses  the same items as sfeed TSV files; until the first item
#                 title of the first feed shows
#   floor         `echo` started the same way: exec, tmux drawing it and
#                 the polling (bench/tui.py: the clock starts when the
#                 pane's shell is let go to exec the program, so tmux's
#                 own start is not counted)
#   peak RSS      VmHWM 2 s after the all-items list first showed (what
#                 loads in the background counts too)
# Figures are medians of RUNS runs, with the range. The working copy of
# the data (lib.sh) gets its indexes first (two --list runs).
# Needs: python3, tmux, sfeed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${1:-100000}
FEEDS=${2:-100}
RUNS=${3:-3}
PFX=${BENCH_PFX:-$N}
bench_set "$N" "$FEEDS"
bench_copy "set-${N}x$FEEDS"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nr-launch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$NR" --list >/dev/null
sleep 2		# let the indexes leave their 'racy' second
"$NR" --list >"$tmp/list"
[ "$(wc -l <"$tmp/list")" -eq "$N" ] ||
    { echo "launch.sh: --list gives $(wc -l <"$tmp/list") items, not $N" >&2
    exit 1; }
# The newest title overall (first 30 characters), and the first item
# title of the first feed as sfeed_curses lists it (file order).
newest=$(head -qn1 "$SET"/sfeed/* | sort -t '	' -k1,1nr | head -1 |
    cut -f2 | cut -c1-30)
first=$(head -1 "$(ls -d "$SET"/sfeed/* | head -1)" | cut -f2 | cut -c1-30)
env="env TERM=xterm-256color NEWSREADER_HOME=$NEWSREADER_HOME"

tui()
{
	name=$1
	shift
	if python3 "$here/tui.py" launch --sock "nr-launch-$$" "$@" \
	    >"$tmp/one"; then
		sed "s/^{/{\"name\": \"$name\", /" "$tmp/one" >>"$tmp/runs"
	else
		echo "launch.sh: $name failed: $(cat "$tmp/one")" >&2
		exit 1
	fi
}

echo "first screens, $N items in $FEEDS feeds, $RUNS runs (tmux 200x50):"
r=1
while [ "$r" -le "$RUNS" ]; do
	tui tmux --hold 0 --wait 'tmux-baseline' -- \
	    sh -c 'echo tmux-baseline; exec sleep 60'
	tui feedlist --wait '^ +[0-9]+/[0-9]+ +Feed [0-9]+ ' \
	    --then "^Feeds \\([0-9]+\\) - [0-9]+ unread, $N items" -- \
	    $env "$NR"
	tui allitems --keys Enter --wait "$newest" -- $env "$NR"
	tui sfeed_curses --wait "$first" -- \
	    env TERM=xterm-256color sfeed_curses "$SET"/sfeed/*
	r=$((r + 1))
done

python3 - "$tmp/runs" "$PFX" "${BENCH_OUT:-}" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
pfx, out = sys.argv[2], sys.argv[3]
def vals(name, key):
    return [r[key] for r in runs if r["name"] == name and key in r]
def med(name, key):
    return statistics.median(vals(name, key))
def rng(name, key):
    v = vals(name, key)
    return "%.0f-%.0f" % (min(v), max(v))
rows = []
def fig(label, key, name, field, peer="sfeed_curses"):
    a, p = med(name, field), med(peer, "ms")
    rows.append((label, a, p, rng(name, field)))
    if out:
        with open(out, "a") as f:
            f.write("%s.%s\t%.3f\ts\trange %s ms, %d runs\n" % (
                    pfx, key, a / 1e3, rng(name, field),
                    len(vals(name, field))))
            f.write("%s.%s.peer\t%.3f\ts\tsfeed_curses; range %s ms\n"
                    % (pfx, key, p / 1e3, rng(peer, "ms")))
fig("feed list, first feed row (ms)", "feedlist", "feedlist", "ms")
fig("feed list, all counted (ms)", "feedlist_all", "feedlist", "ms_then")
fig("all items, newest title (ms)", "allitems", "allitems", "ms")
print("  %-36s %10s %10s %6s  %s" % ("figure (median)", "newsreader",
      "sfeed_c.", "ratio", "range"))
for label, a, p, r in rows:
    print("  %-36s %10.0f %10.0f %6.2f  %s" % (label, a, p, a / p, r))
hw = max(vals("feedlist", "hwm") + vals("allitems", "hwm"))
sc = max(vals("sfeed_curses", "hwm"))
print("  %-36s %10.1f %10.1f %6.2f" % ("peak RSS, VmHWM (MiB)", hw / 1024,
      sc / 1024, hw / sc))
print("  sfeed_curses range %s ms; floor (sh echo in the same pane): "
      "%.0f ms" % (rng("sfeed_curses", "ms"), med("tmux", "ms")))
if out:
    with open(out, "a") as f:
        f.write("%s.rss\t%.1f\tMiB\tVmHWM, 2 s after the first screen\n"
                % (pfx, hw / 1024))
        f.write("%s.rss.peer\t%.1f\tMiB\tsfeed_curses\n" % (pfx, sc / 1024))
        f.write("%s.launch_floor\t%.3f\ts\techo in the same pane\n" % (
                pfx, med("tmux", "ms") / 1e3))
PY
