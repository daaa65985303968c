#!/bin/sh
# Benchmark: time from launch to the first drawn item list over N cached
# items, in tmux, side by side with sfeed_curses and newsboat in the same
# run; peak memory is VmHWM read from /proc before quitting.
# usage: bench/launch.sh [N] [FEEDS] [RUNS]   (default 100000 100 3)
#
#   newsreader   the cache of gen-cache.py; launch, press Enter on the
#                "all items" row, wait for the newest title (so the time
#                covers loading every feed and building the mixed list)
#   nr-feed000   newsreader --feed feed000: the first feed's item list
#                (feeds load lazily: only that one before the first draw)
#   sfeed_curses the same items as sfeed TSV files (gen-cache.py); wait
#                for the first item title of the first feed
#   newsboat     the same items as one local RSS file per feed, loaded
#                once into its cache with `newsboat -x reload` (file://
#                URLs); launch, press Enter on the first feed, wait for
#                one of its titles
# Needs: python3, tmux, sfeed and newsboat (Debian packages).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NR=${NR_BIN:-$here/../newsreader}
N=${1:-100000}
FEEDS=${2:-100}
RUNS=${3:-3}
work=${BENCH_DIR:-/tmp/nr-bench-launch}
T="tmux -L nr-bench-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null || true' EXIT

if [ ! -d "$work/data" ]; then
	echo "generating $N items in $FEEDS feeds under $work ..."
	python3 "$here/gen-cache.py" "$N" "$FEEDS" "$work"
fi
mkdir -p "$work/home/.config/newsreader" "$work/nb"
: >"$work/home/.config/newsreader/feeds"
if [ ! -s "$work/nb/cache.db" ] && command -v newsboat >/dev/null; then
	echo "writing RSS files and loading newsboat's cache ..."
	python3 - "$work" <<'PY'
import html, os, sys, time
work = sys.argv[1]
os.makedirs(os.path.join(work, "rss"), exist_ok=True)
urls = open(os.path.join(work, "nb", "urls"), "w")
for feed in sorted(os.listdir(os.path.join(work, "sfeed"))):
    out = os.path.join(work, "rss", feed + ".xml")
    with open(out, "w") as fp:
        fp.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
                 '<channel><title>%s</title><link>https://%s.example/</link>'
                 '<description>bench</description>\n' % (feed, feed))
        for line in open(os.path.join(work, "sfeed", feed)):
            f = line.rstrip("\n").split("\t")
            fp.write("<item><title>%s</title><link>%s</link><guid>%s</guid>"
                     "<pubDate>%s</pubDate><description>%s</description>"
                     "</item>\n" % (html.escape(f[1]), html.escape(f[2]),
                                    html.escape(f[2]),
                                    time.strftime("%a, %d %b %Y %H:%M:%S +0000",
                                                  time.gmtime(int(f[0]))),
                                    html.escape(f[3].replace("\\n", "\n"))))
        fp.write("</channel></rss>\n")
    urls.write("file://%s\n" % out)
PY
	printf 'max-items 0\nshow-read-feeds yes\n' >"$work/nb/config"
	HOME=$work/home newsboat -u "$work/nb/urls" -c "$work/nb/cache.db" \
	    -C "$work/nb/config" -x reload >/dev/null 2>&1
fi

# The title to wait for: newest overall, and first of feed000.
newest=$(cat "$work"/sfeed/* | sort -t '	' -k1,1nr | head -1 | cut -f2 |
    cut -c1-30)
first=$(head -1 "$work/sfeed/feed000" | cut -f2 | cut -c1-30)
nbfirst=$(sort -t '	' -k1,1nr "$work/sfeed/feed000" | head -1 | cut -f2 |
    cut -c1-30)

now_ms()
{
	echo $(($(date +%s%N) / 1000000))
}

# run NAME KEYS TEXT COMMAND: launch, send KEYS, wait for TEXT, report
# the time and VmHWM then and 2 s later.
run()
{
	name=$1 keys=$2 text=$3
	shift 3
	$T kill-server 2>/dev/null || true
	t0=$(now_ms)
	$T new-session -d -x 200 -y 50 "exec env HOME='$work/home' \
	    XDG_CONFIG_HOME='$work/home/.config' TERM=xterm-256color \
	    LANG=C.UTF-8 LC_ALL=C.UTF-8 $*"
	[ -n "$keys" ] && $T send-keys "$keys"
	i=0
	until $T capture-pane -p 2>/dev/null | grep -qF -- "$text"; do
		i=$((i + 1))
		if [ $i -gt 6000 ]; then
			echo "  $name: timed out"
			return
		fi
		sleep 0.005
	done
	t1=$(now_ms)
	pid=$($T display-message -p '#{pane_pid}')
	hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
	sleep 2		# background loading, then the peak so far
	hwm2=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
	printf '  %-13s %6d ms %7d KiB peak at first draw, %7d KiB 2 s on\n' \
	    "$name" $((t1 - t0)) "$hwm" "$hwm2"
	$T kill-server 2>/dev/null || true
	sleep 0.2
}

echo "launch to first item list, $N items in $FEEDS feeds (tmux 200x50):"
r=1
while [ "$r" -le "$RUNS" ]; do
	echo "run $r:"
	NEWSREADER_HOME=$work/data
	export NEWSREADER_HOME
	run newsreader Enter "$newest" "'$NR'"
	run nr-feed000 "" "$nbfirst" "'$NR'" --feed feed000
	run sfeed_curses "" "$first" sfeed_curses "$work"/sfeed/*
	if [ -s "$work/nb/cache.db" ]; then
		run newsboat Enter "$nbfirst" newsboat -u "'$work/nb/urls'" \
		    -c "'$work/nb/cache.db'" -C "'$work/nb/config'"
	fi
	r=$((r + 1))
done
