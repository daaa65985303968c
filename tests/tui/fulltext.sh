#!/bin/sh
# The f key: in the article view, fetch the item's web page (loopback),
# show its article and store it; f again shows the feed's text, and
# again the page's. In the item list, f opens the article and fetches;
# a page that fails says why and keeps the feed's text.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
mkdir -p "$NR_TMP/www" || fail "mkdir"
cp "$NR_SRCDIR/tests/fixtures/extract/news-seed.html" "$NR_TMP/www/page.html" ||
    fail "cp"
start_server "$NR_TMP/www"
cat >"$NR_TMP/www/feed.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loop</title>
<link>$NR_URL/</link><description>d</description>
<item><title>Defense Minister visit</title><link>$NR_URL/page.html</link>
<guid>p1</guid><pubDate>Fri, 14 Apr 2023 10:00:00 GMT</pubDate>
<description>Only the short text of the feed.</description></item>
<item><title>Gone page</title><link>$NR_URL/gone.html</link>
<guid>p2</guid><pubDate>Thu, 13 Apr 2023 10:00:00 GMT</pubDate>
<description>The gone page's feed text.</description></item>
</channel></rss>
XML
printf '%s name=loop\n' "$NR_URL/feed.xml" >"$XDG_CONFIG_HOME/newsreader/feeds"

tui_start --feed loop
tui_wait "loop: 2 new, 0 updated"
tui_wait "Defense Minister visit"
tui_keys Enter
tui_wait "Title: Defense Minister visit"
tui_wait "Only the short text of the feed."
tui_keys f
tui_wait "the page's article is stored: Defense Minister visit (f on it"
tui_wait "Li Shangfu is due to arrive in Russia"
tui_wait_gone "Only the short text of the feed."
[ "$(count_log '^GET /page.html 200')" -eq 1 ] || fail "page requests: $(cat "$NR_SERVER_LOG")"
tui_keys f
tui_wait "the feed's text (f: the page's)"
tui_wait "Only the short text of the feed."
tui_wait_gone "Li Shangfu is due to arrive"
tui_keys f
tui_wait "the page's article (f: the feed's text)"
tui_wait "Li Shangfu is due to arrive in Russia"
[ "$(count_log '^GET /page.html')" -eq 1 ] || fail "the toggle fetched again"
# In the item list: f opens the article and fetches; a 404 says so.
tui_keys q
tui_wait "Gone page"
tui_keys j f
tui_wait "Title: Gone page"
tui_wait "page of Gone page: FAIL:"
tui_wait "HTTP 404"
tui_wait "The gone page's feed text."
tui_quit
# Stored: the page's article, the feed's summary.
"$NR_BIN" --list >"$NR_TMP/list" || fail "--list"
ID=$(grep '	Defense Minister visit	' "$NR_TMP/list" | cut -f1)
"$NR_BIN" --show "$ID" >"$NR_TMP/show" || fail "--show"
grep -q "^Chinese Defense Minister Li Shangfu is due to arrive in Russia" \
    "$NR_TMP/show" || fail "not stored: $(cat "$NR_TMP/show")"
sed -n 3p "$NR_TMP/show" | grep -qx "Only the short text of the feed." ||
    fail "summary: $(cat "$NR_TMP/show")"
grep -qx "09:15 GMT 14.04.2023 (Updated: 09:31 GMT 14.04.2023)" \
    "$NR_TMP/show" || fail "time line: $(cat "$NR_TMP/show")"
GID=$(grep '	Gone page	' "$NR_TMP/list" | cut -f1)
"$NR_BIN" --show "$GID" | tail -1 | grep -qx "The gone page's feed text." ||
    fail "the failed page changed the item"
exit 0
