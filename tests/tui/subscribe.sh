#!/bin/sh
# The feed list's a, E and d (issue 13): a takes a web page's address
# and adds its one feed (fetched at once); with several it asks for a
# number; E edits the line's name=, title and tags; d removes the line
# after y (n keeps it). The feeds file keeps its comments, and a line
# another program added meanwhile stays. a's fetches run off the input
# loop.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
WWW=$NR_TMP/www
mkdir -p "$WWW/one" "$WWW/two"
start_server "$WWW"
F=$XDG_CONFIG_HOME/newsreader/feeds
printf '# my feeds\n%s\n' "$(cat "$F")" >"$F"

# rss PATH TITLE WORD
rss()
{
	printf '<?xml version="1.0"?><rss version="2.0"><channel>
<title>%s</title><item><title>%s story</title><guid>urn:%s</guid></item>
</channel></rss>\n' "$2" "$3" "$1" >"$WWW/$1"
}
rss one.xml "One Feed" Alpha
rss two-a.xml "Two A" Bravo
rss two-b.xml "Two B" Charlie
printf '<html><head><link rel="alternate" type="application/rss+xml" title="One" href="../one.xml"></head></html>\n' \
    >"$WWW/one/index.html"
printf '<html><head><link rel="alternate" type="application/rss+xml" title="Two A" href="/two-a.xml">
<link rel="alternate" type="application/atom+xml" title="Two B" href="/two-b.xml"></head></html>\n' \
    >"$WWW/two/index.html"

tui_start
tui_wait "Sputnik"
# a: one feed on the page, added and fetched.
tui_keys a
tui_wait "add (URL"
tui_keys -l "$NR_URL/one/index.html news ~Uno"
tui_keys Enter
# (the status says "added 127.0.0.1: One Feed; fetching...", then what
# the fetch brought, which may come first under load)
tui_wait "1/1    Uno"
grep -qx "$NR_URL/one.xml news \"~Uno\"" "$F" ||
    fail "feeds file after a: $(cat "$F")"
# a: two feeds; the second is picked.
tui_keys a
tui_wait "add (URL"
tui_keys -l "$NR_URL/two/index.html name=second"
tui_keys Enter
tui_wait "2 feeds: 1 Two A | 2 Two B; which?"
tui_keys 2 Enter
tui_wait "1/1    Two B"
grep -qx "$NR_URL/two-b.xml name=second" "$F" ||
    fail "feeds file after pick: $(cat "$F")"
# Meanwhile another program adds a line.
printf '# by hand\n' >>"$F"
# E on the feed under the cursor (the last one: second).
tui_keys G
tui_keys E
tui_wait "edit second: name=second"
tui_keys C-u
tui_keys -l 'tech "~Second Title" name=deux'
tui_keys Enter
tui_wait "second: saved"
tui_wait "Second Title"
grep -qx "$NR_URL/two-b.xml tech name=deux \"~Second Title\"" "$F" ||
    fail "feeds file after E: $(cat "$F")"
grep -qx '# by hand' "$F" || fail "E lost another program's line"
# d, n keeps it; d, y removes it.
tui_keys d
tui_wait "remove second from the feeds file? (y/n)"
tui_keys n
tui_wait "kept second"
tui_keys d
tui_wait "remove second"
tui_keys y
tui_wait "removed second; its items stay until --prune"
tui_wait_gone "Second Title"
# a on a page that takes 6 s to answer: the fetch runs off the input
# loop, so help opens at once meanwhile; then the page's answer (not a
# feed) is said.
tui_keys a
tui_wait "add (URL"
tui_keys -l "$NR_URL/stall/6"
tui_keys Enter
tui_wait "fetching $NR_URL/stall/6"
t0=$(date +%s)
tui_keys '?'
tui_wait "keys"
t1=$(date +%s)
[ $((t1 - t0)) -le 3 ] || fail "help took $((t1 - t0)) s while a fetched"
tui_keys q
tui_wait "not a feed"
tui_quit
printf '# my feeds\nhttp://127.0.0.1:1/closed.xml name=sputnik "~Sputnik"\n%s\n# by hand\n' \
    "$NR_URL/one.xml news \"~Uno\"" >"$NR_TMP/want"
cmp -s "$NR_TMP/want" "$F" || fail "feeds file at the end: $(cat "$F")"
# Its items are still on disk.
"$NR_BIN" --list '=second' | grep -q 'Charlie story' ||
    fail "the removed feed's items are gone"
exit 0
