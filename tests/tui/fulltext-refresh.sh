#!/bin/sh
# f and then a refresh: the page's article that f stored stays the
# item's text through the interface's r and another process's --refresh
# of a feed without fulltext=yes (the feed changed meanwhile, so it is
# fetched whole, not a 304), while the feed's new item comes in and the
# other items follow the feed.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
TZ=UTC
export TZ
tui_setup
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
start_server "$WWW"
cat >"$WWW/one.html" <<HTML
<!DOCTYPE html><html><head><title>Page one</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Page one</h1>
<p>Pagetext-one. This first paragraph of the page article carries enough
words, commas, and sentences to be taken for the body of a story.</p>
<p>A second paragraph follows with more words, more commas, and more
sentences, so that the article block wins over the navigation.</p>
</article></body></html>
HTML
# feed EXTRA-ITEM TWO-TEXT
feed()
{
	cat >"$WWW/loop.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title>
$1
<item><title>Item one</title><link>$NR_URL/one.html</link><guid>one</guid>
<pubDate>Fri, 14 Apr 2023 10:00:00 GMT</pubDate>
<description>Feedtext one.</description></item>
<item><title>Item two</title><link>$NR_URL/two.html</link><guid>two</guid>
<pubDate>Thu, 13 Apr 2023 10:00:00 GMT</pubDate>
<description>$2</description></item>
</channel></rss>
XML
}
feed "" "Feedtext two."
printf '%s/loop.xml name=loop\n' "$NR_URL" >"$XDG_CONFIG_HOME/newsreader/feeds"
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "--refresh"
# text_of TITLE: the item's text (after the time line).
text_of()
{
	"$NR_BIN" --list "=loop" | grep "	$1	" | cut -f1 |
	    xargs "$NR_BIN" --show | sed -n '6,$p'
}

tui_start --feed loop
tui_wait "Item one"
tui_keys f
tui_wait "the page's article is stored"
text_of "Item one" | grep -q "^Pagetext-one\." || fail "f: $(text_of "Item one")"
# r in the interface, the feed changed: a new item, two's text changed.
feed "<item><title>Item new</title><guid>new</guid></item>" "Feedtext 2b."
tui_keys q r
tui_wait "loop: 1 new, 1 updated"
tui_wait "Item new"
text_of "Item one" | grep -q "^Pagetext-one\." ||
    fail "r undid f: $(text_of "Item one")"
text_of "Item two" | grep -qx "Feedtext 2b\." ||
    fail "two did not follow the feed: $(text_of "Item two")"
tui_keys Enter
tui_wait "Title: Item one"
tui_wait "Pagetext-one."
tui_keys q
# Another process's --refresh (as cron would), the feed changed again.
feed "<item><title>Item newer</title><guid>newer</guid></item>" "Feedtext 2c."
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "--refresh"
text_of "Item one" | grep -q "^Pagetext-one\." ||
    fail "--refresh undid f: $(text_of "Item one")"
text_of "Item two" | grep -qx "Feedtext 2c\." ||
    fail "two did not follow the feed: $(text_of "Item two")"
tui_wait "Item newer"
tui_quit
exit 0
