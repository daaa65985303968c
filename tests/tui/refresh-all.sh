#!/bin/sh
# R refreshes the feeds of the feeds file and the feed given with
# --feed, not the built-in feeds the file does not list, and ends with a
# summary: "N feeds: N ok, N failed (!), N new". A proxy on a closed
# port keeps the built-in feed off the network.
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
# No sputnik line: the built-in sputnik feed is added to the list.
printf '%s name=loop\n%s name=gone\n' "$NR_URL/feed.xml" \
    "$NR_URL/missing.xml" >"$XDG_CONFIG_HOME/newsreader/feeds"
TUI_ENV="http_proxy=http://127.0.0.1:1 https_proxy=http://127.0.0.1:1 \
    HTTPS_PROXY=http://127.0.0.1:1 no_proxy=127.0.0.1 NO_PROXY=127.0.0.1"

tui_start
tui_wait "Sputnik"
tui_keys R
tui_wait "2 feeds: 1 ok, 1 failed (!), 2 new"
tui_screen | grep -q '^!.*Sputnik' && fail "the built-in feed was refreshed"
[ -d "$NEWSREADER_HOME/sputnik" ] && fail "the built-in feed was stored"
tui_screen | grep -q '^!.*gone' || fail "gone is not marked failed"
tui_quit

# --feed sputnik: R refreshes it too (it fails through the proxy).
tui_start --feed sputnik
tui_wait "sputnik: FAIL"
tui_keys R
tui_wait "3 feeds: 1 ok, 2 failed (!), 0 new"
tui_quit
echo "PASS: refresh-all"
