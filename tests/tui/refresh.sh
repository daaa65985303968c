#!/bin/sh
# Background refresh from a loopback server: keys keep working while a
# slow feed loads, and new items arrive without moving the cursor off
# the item it was on.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
mkdir -p "$NR_TMP/www" || fail "mkdir"
cat >"$NR_TMP/www/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loop</title>
<link>http://127.0.0.1/</link><description>d</description>
<item><title>Fresh One</title><link>http://127.0.0.1/fresh1</link>
<guid>fresh1</guid><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate>
<description>first fresh</description></item>
<item><title>Fresh Two</title><link>http://127.0.0.1/fresh2</link>
<guid>fresh2</guid><pubDate>Mon, 30 Nov 2026 11:00:00 GMT</pubDate>
<description>second fresh</description></item>
</channel></rss>
XML
start_server "$NR_TMP/www"
printf '%s name=loop\n%s name=slow\n' "$NR_URL/feed.xml" \
    "$NR_URL/stall/4" >"$XDG_CONFIG_HOME/newsreader/feeds"
tui_article loop 001 00000000000000d1 2026-11-20 "Cached Old" t "old"
tui_article loop 002 00000000000000d2 2026-11-21 "Cached New" t "new"

tui_start --feed loop
tui_wait "Cached Old"
tui_wait "loop: 2 new, 0 updated"
tui_wait "4 unread, 4 items"
# The cursor stayed on the item it was on before the new ones came.
tui_keys Enter
tui_wait "Title: Cached New"
tui_keys q
tui_wait "3 unread, 4 items"
tui_keys G
# The slow feed keeps a transfer running while we move.
tui_keys R
tui_wait "refreshing"
tui_keys k
tui_keys Enter
tui_wait "Title: Cached New"
tui_keys q
tui_wait "3 unread, 4 items"
tui_keys r
tui_wait "loop: not modified"
tui_keys Enter
tui_wait "Title: Cached New"
tui_keys q q
tui_wait "Feeds (3)"
tui_wait "slow"
# Let the slow transfer end (it is not a feed) before quitting: R sums
# up when its last feed is done. (The slow feed never stored an item, so
# it gets no directory: FORMAT.md, section 6.)
i=0
while ! tui_screen | grep -qF '2 feeds: 1 ok, 1 failed (!)'; do
	i=$((i + 1))
	[ $i -le 100 ] || fail "the slow feed never finished"
	sleep 0.1
done
[ ! -e "$NEWSREADER_HOME/slow" ] || fail "a feed that stored nothing got a directory"
tui_quit
exit 0
