#!/bin/sh
# Benchmark: how long the interface takes to re-filter its loaded items
# when the query or the date changes (a key press in the tag view, [ or
# ], F). Runs newsreader in tmux with NR_UI_BENCH=1, which puts the time
# of each re-filter of the item list on the status line, over N cached
# items (bench/gen-cache.py), for a few queries.
# usage: bench/ui-filter.sh [N] [FEEDS]   (default 100000 100)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NR=${NR_BIN:-$here/../newsreader}
N=${1:-100000}
FEEDS=${2:-100}
work=${BENCH_DIR:-/tmp/nr-bench-launch}
T="tmux -L nr-uibench-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null || true' EXIT

if [ ! -d "$work/data" ]; then
	echo "generating $N items in $FEEDS feeds under $work ..."
	python3 "$here/gen-cache.py" "$N" "$FEEDS" "$work"
fi
mkdir -p "$work/home/.config/newsreader"
: >"$work/home/.config/newsreader/feeds"

# Wait up to 60 s for TEXT on the screen.
wait_for()
{
	i=0
	while ! $T capture-pane -p | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -le 600 ] || { echo "timed out: $1" >&2; exit 1; }
		sleep 0.1
	done
}

$T new-session -d -x 120 -y 30 "env TERM=xterm-256color LANG=C.UTF-8 \
    HOME='$work/home' XDG_CONFIG_HOME='$work/home/.config' \
    NEWSREADER_HOME='$work/data' NR_UI_BENCH=1 '$NR'"
wait_for "Feeds ("
$T send-keys Enter
wait_for "bench: [] filtered"
$T capture-pane -p | tail -1
for q in '+china' '+china -sport' 'is:unread @7d' '+china ~storm' \
    '/b.*y/'; do
	$T send-keys F C-u
	$T send-keys -l "$q"
	$T send-keys Enter
	wait_for "bench: [$q] filtered"
	$T capture-pane -p | tail -1
	$T send-keys c
	wait_for "bench: [] filtered"
done
$T send-keys '['
wait_for "bench: [] filtered"
sleep 1
echo "[ (one day):"
$T capture-pane -p | tail -1
$T send-keys Q
