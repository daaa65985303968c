#!/bin/sh
# f under an active search and in a day view of the mixed list: the item
# under the cursor is the one fetched, its article file gets the page's
# article as its text (its header, title, summary and time line stay the
# feed's: the pages carry no time), the list keeps its search or day and
# its cursor, a second f shows the feed's text again, and J/K step to
# the neighbours of the list it was opened from.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
TZ=UTC
export TZ
tui_setup
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
start_server "$WWW"

# page FILE TITLE WORDS: an article page without a time.
page()
{
	cat >"$WWW/$1" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"><title>$2</title></head>
<body><nav><a href="/">Home</a> <a href="/x">News</a></nav>
<article><h1>$2</h1>
<p>$3 This first paragraph of the page article carries enough words,
commas, and sentences to be taken for the body of a story.</p>
<p>A second paragraph follows with more words, more commas, and more
sentences, so that the article block wins over the navigation.</p>
</article><footer>Copyright footer</footer></body></html>
HTML
}
# item TITLE GUID DAY HOUR PAGE DESCRIPTION
item()
{
	printf '<item><title>%s</title><link>%s/%s</link><guid>%s</guid>
<pubDate>%s Apr 2023 %s:00:00 GMT</pubDate><description>%s</description>
</item>\n' "$1" "$NR_URL" "$5" "$2" "$3" "$4" "$6"
}
for n in one two three four five six; do
	page "$n.html" "Page $n" "Pagetext-$n."
done
{
	printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title>\n'
	item "Reactor One" g1 14 10 one.html "Feedtext one."
	item "Plain Two" g2 13 10 two.html "Feedtext two."
	item "Reactor Three" g3 12 10 three.html "Feedtext three."
	item "Reactor Four" g4 11 10 four.html "Feedtext four."
	item "Plain Five" g5 10 10 five.html "Feedtext five."
	printf '</channel></rss>\n'
} >"$WWW/loop.xml"
{
	printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Other</title>\n'
	item "Other Noon" o1 12 12 six.html "Feedtext six."
	item "Other Morning" o2 12 08 two.html "Feedtext other two."
	printf '</channel></rss>\n'
} >"$WWW/other.xml"
printf '%s/loop.xml name=loop\n%s/other.xml name=other\n' "$NR_URL" \
    "$NR_URL" >"$XDG_CONFIG_HOME/newsreader/feeds"
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "--refresh"

# The article file whose title (line 2) is $2, in feed directory $1.
file_of()
{
	for _f in "$NEWSREADER_HOME/$1"/*.txt; do
		[ "$(sed -n 2p "$_f")" = "$2" ] && { echo "$_f"; return; }
	done
	fail "no article file for $2 in $1"
}
# check_stored FEED TITLE WORD: the file's text is the page's article,
# its first five lines (header, title, summary, title, time) as before.
check_stored()
{
	_f=$(file_of "$1" "$2")
	head -5 "$_f" | cmp -s - "$NR_TMP/before-$3" ||
	    fail "$2: header lines changed: $(head -5 "$_f")"
	sed -n '6p' "$_f" | grep -q "^Pagetext-$3\. This first paragraph" ||
	    fail "$2: not the page's article: $(cat "$_f")"
	sed -n '6,$p' "$_f" | grep -q "Feedtext" &&
	    fail "$2: the feed's text is still in the body: $(cat "$_f")"
	return 0
}
head -5 "$(file_of loop "Reactor Three")" >"$NR_TMP/before-three"
head -5 "$(file_of other "Other Morning")" >"$NR_TMP/before-two"
head -5 "$(file_of loop "Reactor One")" >"$NR_TMP/before-one"

tui_start --feed loop
tui_wait "Reactor One"
# A search narrows the list to One, Three, Four; the cursor on Three.
tui_keys /
tui_keys -l reactor
tui_keys Enter
tui_wait "search: reactor"
tui_wait "3 of 5 items"
tui_keys j
tui_keys f
tui_wait "Title: Reactor Three"
tui_wait "the page's article is stored: Reactor Three"
tui_wait "Pagetext-three."
tui_wait "article 2/3"
[ "$(count_log '^GET /three.html 200')" -eq 1 ] ||
    fail "page requests: $(cat "$NR_SERVER_LOG")"
[ "$(count_log '^GET /(one|two|four|five|six).html')" -eq 0 ] ||
    fail "another page was fetched: $(cat "$NR_SERVER_LOG")"
check_stored loop "Reactor Three" three
# The toggle: the feed's text, then the page's again.
tui_keys f
tui_wait "the feed's text (f: the page's)"
tui_wait "Feedtext three."
tui_wait_gone "Pagetext-three."
tui_keys f
tui_wait "the page's article (f: the feed's text)"
tui_wait "Pagetext-three."
# J and K: the neighbours in the search's rows.
tui_keys J
tui_wait "Title: Reactor Four"
tui_wait "article 3/3"
tui_keys K K
tui_wait "Title: Reactor One"
tui_wait "article 1/3"
tui_keys J
tui_wait "Title: Reactor Three"
tui_wait "article 2/3"
# Back: the search and its cursor are kept.
tui_keys q
tui_wait "search: reactor"
tui_wait "3 of 5 items"
tui_keys Enter
tui_wait "Title: Reactor Three"
tui_wait "article 2/3"
tui_keys q
# f on the first row, then q: the cursor there; J from a fetch.
tui_keys k f
tui_wait "Title: Reactor One"
tui_wait "the page's article is stored: Reactor One"
tui_wait "Pagetext-one."
check_stored loop "Reactor One" one
tui_keys J
tui_wait "Title: Reactor Three"
tui_wait "article 2/3"
tui_keys q
tui_wait "search: reactor"
tui_keys q
tui_wait "loop (Loop) - "
tui_wait "5 items"
tui_keys q
tui_wait "Feeds ("

# The mixed list, a day: Other Noon, Reactor Three, Other Morning.
tui_keys g g Enter
tui_wait "All items (3 feeds)"
tui_keys g
tui_keys -l 2023-04-12
tui_keys Enter
tui_wait "Wed 12 Apr 2023 · 3 items"
tui_keys G
tui_keys f
tui_wait "Title: Other Morning"
tui_wait "the page's article is stored"
tui_wait "Pagetext-two."
tui_wait "article 3/3"
check_stored other "Other Morning" two
[ "$(count_log '^GET /two.html 200')" -eq 1 ] ||
    fail "page requests: $(cat "$NR_SERVER_LOG")"
[ "$(count_log '^GET /six.html')" -eq 0 ] ||
    fail "Other Noon's page was fetched: $(cat "$NR_SERVER_LOG")"
tui_keys f
tui_wait "Feedtext other two."
tui_keys f
tui_wait "Pagetext-two."
tui_keys K
tui_wait "Title: Reactor Three"
tui_wait "article 2/3"
tui_keys J
tui_wait "Title: Other Morning"
tui_keys J
tui_wait "no next article"
tui_keys q
tui_wait "Wed 12 Apr 2023 · 3 items"
tui_keys Enter
tui_wait "Title: Other Morning"
tui_wait "article 3/3"
tui_quit
exit 0
