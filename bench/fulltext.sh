#!/bin/sh
# Benchmark: a fulltext=yes feed of ITEMS new items whose pages are on
# one loopback host (copies of tests/fixtures/extract/news-seed.html).
# Refreshes until every page is stored (50 pages per feed and refresh),
# printing wall and CPU seconds of each: the politeness delay (1 s
# between page starts per host) should bound the wall time, not the CPU.
# usage: bench/fulltext.sh [ITEMS]    (default 100)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
NR=${NR_BIN:-$top/newsreader}
ITEMS=${1:-100}
work=$(mktemp -d /tmp/nr-bench-fulltext.XXXXXX)
trap 'kill $srv 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/www/p"
i=1
while [ $i -le "$ITEMS" ]; do
	cp "$top/tests/fixtures/extract/news-seed.html" "$work/www/p/$i.html"
	i=$((i + 1))
done
python3 "$top/tests/server.py" --root "$work/www" --port-file "$work/port" \
    --log "$work/log" --lifetime 3600 &
srv=$!
while [ ! -s "$work/port" ]; do sleep 0.1; done
url=http://127.0.0.1:$(cat "$work/port")
python3 - "$url" "$ITEMS" "$work/www/feed.xml" <<'PY'
import sys
url, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
items = "".join(
    "<item><title>Item %d</title><link>%s/p/%d.html</link>"
    "<guid>g%d</guid><description>short %d</description>"
    "<pubDate>Fri, 14 Apr 2023 10:%02d:00 GMT</pubDate></item>"
    % (i, url, i, i, i, i % 60) for i in range(1, n + 1))
with open(out, "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel>'
            '<title>B</title><link>%s/</link>%s</channel></rss>'
            % (url, items))
PY
echo "$url/feed.xml name=b fulltext=yes" >"$work/feeds"
run=1
while :; do
	/usr/bin/time -f "%e %U %S" -o "$work/time" env \
	    NEWSREADER_HOME="$work/data" "$NR" --feeds "$work/feeds" \
	    --refresh >"$work/out"
	done=$(grep -c '^fulltext.*	done	' "$work/data/b/.meta/state" || true)
	pages=$(grep -c '^GET /p/' "$work/log" || true)
	read -r wall user sys <"$work/time"
	printf 'refresh %d: %s s wall, %s s CPU (user %s, sys %s); %s pages stored, %s page requests in all\n' \
	    $run "$wall" "$(awk "BEGIN { print $user + $sys }")" "$user" "$sys" \
	    "$done" "$pages"
	[ "$done" -lt "$ITEMS" ] || break
	run=$((run + 1))
	[ $run -le 10 ] || break
done
