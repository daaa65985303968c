#!/bin/sh
# Benchmark: the interface's response over N cached items, in tmux:
#   first    launch, Enter on "(all items)", until the newest title shows
#   A        in that list, A (and y when it asks) until the status line
#            says what it marked (the marks are shown at once and written
#            by the queue: "saving" until then, timed too)
#   J        in the article view opened from that list, each of 10 J
#            presses until the header shows the next article
# The data set (bench/gen.sh, through bench/lib.sh) is copied afresh
# for each run, so every run starts with every item unread, and gets its
# indexes (two --list runs) before the clock starts. Times include tmux
# polling (5 ms).
# With QUERY set (QUERY=+sport), A and J run in the list under that query.
# usage: bench/ui-keys.sh [N] [FEEDS] [RUNS]   (default 100000 100 3)
#        NR_BIN=path/to/old/newsreader bench/ui-keys.sh ...  (before)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${1:-100000}
FEEDS=${2:-100}
RUNS=${3:-3}
T="tmux -L nr-keybench-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
bench_set "$N" "$FEEDS"
newest=$(cat "$SET"/sfeed/* | sort -t '	' -k1,1nr | head -1 | cut -f2 |
    cut -c1-30)

now_ms()
{
	echo $(($(date +%s%N) / 1000000))
}

# Wait up to 60 s for TEXT (fixed string) on the screen.
wait_for()
{
	i=0
	until $T capture-pane -p 2>/dev/null | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -le 12000 ] || { echo "timed out: $1" >&2; exit 1; }
		sleep 0.005
	done
}

r=1
while [ "$r" -le "$RUNS" ]; do
	bench_fresh "keys-${N}x$FEEDS" 2>/dev/null
	# The indexes first, as bench/launch.sh does: a warm start.
	"$NR" --list >/dev/null
	sleep 2
	"$NR" --list >/dev/null
	$T kill-server 2>/dev/null || true
	t0=$(now_ms)
	$T new-session -d -x 200 -y 50 "exec env HOME='$HOME' \
	    XDG_CONFIG_HOME='$XDG_CONFIG_HOME' TERM=xterm-256color \
	    LANG=C.UTF-8 LC_ALL=C.UTF-8 NEWSREADER_HOME='$NEWSREADER_HOME' \
	    '$NR'"
	$T send-keys Enter
	wait_for "$newest"
	t1=$(now_ms)
	first=$((t1 - t0))
	if [ -n "${QUERY:-}" ]; then
		$T send-keys F
		$T send-keys -l "$QUERY"
		$T send-keys Enter
		wait_for "filter: $QUERY"
	fi
	# J: ten articles, each timed.
	$T send-keys Enter
	wait_for "article "
	jmax=0 jsum=0 k=2
	while [ $k -le 11 ]; do
		# The header's "article X/N" before J (old builds count the
		# whole list under a query, so X is not always k - 1).
		was=$($T capture-pane -p | head -1 | grep -o 'article [0-9]*/')
		t0=$(now_ms)
		$T send-keys J
		i=0
		while $T capture-pane -p | head -1 | grep -qF -- "$was"; do
			i=$((i + 1))
			[ $i -le 12000 ] || { echo "timed out: J" >&2; exit 1; }
			sleep 0.005
		done
		d=$(($(now_ms) - t0))
		jsum=$((jsum + d))
		[ $d -gt $jmax ] && jmax=$d
		k=$((k + 1))
	done
	$T send-keys q
	wait_for "All items ("
	sleep 1.5	# let the ten marks be written
	t0=$(now_ms)
	$T send-keys A
	# The new A asks (y/n) for more than a page; the old one does not.
	i=0 asked=0
	while :; do
		s=$($T capture-pane -p | tail -1)
		case $s in
		*"(y/n)"*) [ $asked = 1 ] || $T send-keys y; asked=1 ;;
		*"marked "*" read"*|*"all feeds read"*) break ;;
		esac
		i=$((i + 1))
		[ $i -le 12000 ] || { echo "timed out: A" >&2; exit 1; }
		sleep 0.005
	done
	ta=$(now_ms)
	until ! $T capture-pane -p | tail -1 | grep -q saving; do
		sleep 0.005
	done
	tw=$(now_ms)
	printf 'run %d: first screen %5d ms; J %3d ms avg, %3d ms max; ' \
	    "$r" "$first" $((jsum / 10)) "$jmax"
	printf 'A %5d ms (%s), written %5d ms\n' $((ta - t0)) \
	    "$($T capture-pane -p | tail -1 | sed 's/^\[[^]]*\] //' |
	    cut -c1-30)" $((tw - t0))
	$T send-keys Q
	sleep 0.3
	r=$((r + 1))
done
