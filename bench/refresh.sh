#!/bin/sh
# Benchmark: cold refresh of FEEDS feeds x ITEMS items from a loopback
# server into an empty cache, then warm re-runs (all 304 for newsreader),
# side by side with sfeed_update (maxjobs=8) and newsboat -x reload.
# usage: bench/refresh.sh [FEEDS] [ITEMS]    (default 100 x 100)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
NR=${NR_BIN:-$top/newsreader}
FEEDS=${1:-100}
ITEMS=${2:-100}
work=$(mktemp -d /tmp/nr-bench-refresh.XXXXXX)
trap 'kill $srv 2>/dev/null; rm -rf "$work"' EXIT
python3 "$top/tests/mkfeeds.py" "$work/www" "$FEEDS" "$ITEMS"
python3 "$top/tests/server.py" --root "$work/www" --port-file "$work/port" \
    --lifetime 900 &
srv=$!
while [ ! -s "$work/port" ]; do sleep 0.1; done
url=http://127.0.0.1:$(cat "$work/port")

# The same feed list for all three.
i=0
: >"$work/feeds"
: >"$work/urls"
{
	echo "sfeedpath=\"$work/sfeed\""
	echo "maxjobs=8"
	echo "feeds() {"
} >"$work/sfeedrc"
while [ $i -lt "$FEEDS" ]; do
	u=$(printf '%s/feed%03d.xml' "$url" $i)
	printf '%s name=feed%03d\n' "$u" $i >>"$work/feeds"
	printf '%s\n' "$u" >>"$work/urls"
	printf '\tfeed "feed%03d" "%s"\n' $i "$u" >>"$work/sfeedrc"
	i=$((i + 1))
done
echo "}" >>"$work/sfeedrc"

t()
{
	label=$1
	shift
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || true
	e=$(date +%s.%N)
	printf '  %-34s %6.3f s\n' "$label" "$(echo "$e - $s" | bc)"
}

echo "$FEEDS feeds x $ITEMS items from $url"
# All the feeds are on one host here: newsreader's default of 2
# connections per host is polite but not what sfeed_update (maxjobs=8)
# does, so the like-for-like run allows 8 per host, as sfeed does.
mkdir -p "$work/cfg8/newsreader" "$work/nb"
echo "max-per-host 8" >"$work/cfg8/newsreader/config"
export NEWSREADER_HOME=$work/nr-default
t "newsreader --refresh (cold, 2/host)" "$NR" --feeds "$work/feeds" --refresh
export NEWSREADER_HOME=$work/nr
export XDG_CONFIG_HOME=$work/cfg8
t "newsreader --refresh (cold, 8/host)" "$NR" --feeds "$work/feeds" --refresh
t "sfeed_update (cold)" sfeed_update "$work/sfeedrc"
if command -v newsboat >/dev/null 2>&1; then
	t "newsboat -x reload (cold)" env HOME="$work/nb" newsboat \
	    -u "$work/urls" -c "$work/nb/cache.db" -C /dev/null -x reload
fi
for run in 2 3; do
	t "newsreader --refresh (run $run)" "$NR" --feeds "$work/feeds" --refresh
	t "sfeed_update (run $run)" sfeed_update "$work/sfeedrc"
	if command -v newsboat >/dev/null 2>&1; then
		t "newsboat -x reload (run $run)" env HOME="$work/nb" newsboat \
		    -u "$work/urls" -c "$work/nb/cache.db" -C /dev/null \
		    -x reload
	fi
done
echo "newsreader items: $("$NR" --list | wc -l)"
