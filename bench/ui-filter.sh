#!/bin/sh
# Benchmark: how long the interface takes to re-filter its item list when
# the query or the date changes (a key press: F and a query, c to clear,
# [ for the previous day with items). Runs newsreader in tmux with
# NR_UI_BENCH=1, which times each re-filter of the list ten times and
# shows "bench: [QUERY] filtered X of Y items in A ms (first), B ms (best
# of 10)" in the status line; this script reports those lines, over N
# cached items, on the all-items list.
# usage: bench/ui-filter.sh [N] [FEEDS]   (default 100000 100)
#
#   tag/date/state   the worst "first" time over +TAG, +TAG -TAG,
#                    is:unread @7d, +TAG @2026-11 and [ (the goal's
#                    "re-filter on a key press")
#   text             the worst "first" time over +TAG ~word and /regex/
#                    (~word reads summaries: from the article files when
#                    the index holds none)
# Each wait for the screen is capped at UI_CAP seconds (default 600).
# Needs: tmux.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${1:-100000}
FEEDS=${2:-100}
PFX=${BENCH_PFX:-$N}
CAP=${UI_CAP:-600}
TAG=${BENCH_TAG:-science}
bench_set "$N" "$FEEDS"
bench_copy "set-${N}x$FEEDS"
T="tmux -L nr-uibench-$$ -f /dev/null"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nr-uifilter.XXXXXX")
trap '$T kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$NR" --list >/dev/null
sleep 2

# The status line's bench text, or nothing.
bench_line()
{
	$T capture-pane -p | grep -o 'bench: \[.*' || true
}

# wait_bench PREFIX OLD: wait (up to CAP s) for a bench line that starts
# with PREFIX and is not OLD; print it.
wait_bench()
{
	s=$(date +%s)
	while :; do
		l=$(bench_line)
		case $l in
		"$1"*) [ "$l" = "$2" ] || break ;;
		esac
		[ $(($(date +%s) - s)) -lt "$CAP" ] ||
		    { echo "ui-filter.sh: timed out waiting for '$1'" >&2
		    $T capture-pane -p >&2; exit 1; }
		sleep 0.05
	done
	echo "$l"
}

$T new-session -d -x 160 -y 40 "env TERM=xterm-256color \
    NEWSREADER_HOME='$NEWSREADER_HOME' NR_UI_BENCH=1 '$NR'"
s=$(date +%s)
until $T capture-pane -p | grep -q '^Feeds ('; do
	[ $(($(date +%s) - s)) -lt "$CAP" ] ||
	    { echo "ui-filter.sh: no feed list" >&2; exit 1; }
	sleep 0.1
done
echo "re-filter on a key press, all items, $N items in $FEEDS feeds ($NR_TAG):"
$T send-keys Enter
l=$(wait_bench "bench: [] filtered" "")
echo "  open: $l"
case $l in
*" of $N items"*) ;;
*) echo "ui-filter.sh: the list does not hold $N items: $l" >&2; exit 1 ;;
esac
for q in "+$TAG" "+$TAG -sport" 'is:unread @7d' "+$TAG @2026-11" \
    "+$TAG ~storm" '/b.*y/'; do
	$T send-keys F C-u
	$T send-keys -l "$q"
	$T send-keys Enter
	l=$(wait_bench "bench: [$q] filtered" "")
	echo "  $l"
	case $q in
	*'~'*|/*) echo "text $l" ;;
	*) echo "key $l" ;;
	esac >>"$tmp/lines"
	$T send-keys c
	l=$(wait_bench "bench: [] filtered" "")
done
$T send-keys '['
l=$(wait_bench "bench: [] filtered" "$l")
echo "  [ (one day): $l"
echo "key $l" >>"$tmp/lines"
$T send-keys Q
worst()
{
	grep "^$1 " "$tmp/lines" |
	    sed -n 's/.* in \([0-9.]*\) ms (first).*/\1/p' | sort -n | tail -1
}
k=$(worst key)
x=$(worst text)
[ -n "$k" ] && [ -n "$x" ] && [ "$(wc -l <"$tmp/lines")" -eq 7 ] ||
    { echo "ui-filter.sh: missing bench lines" >&2; exit 1; }
echo "  worst first re-filter, tag/date/state keys: $k ms; text queries: $x ms"
ms2s()
{
	echo "$1" | awk '{ printf "%.4f", $1 / 1000 }'
}
result "$PFX.refilter" "$(ms2s "$k")" s \
    "worst first of +tag, +tag -tag, is:unread @7d, +tag @2026-11, [ (NR_UI_BENCH)"
result "$PFX.refilter_text" "$(ms2s "$x")" s \
    "worst first of +tag ~word, /regex/ (NR_UI_BENCH)"
