#!/bin/sh
# A feed removed from the feeds file leaves the feed list (issue 12): its
# files stay until --prune, --feed still opens it and says so; a feed
# that never came from the feeds file (--import --into) stays listed.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
mkdir -p "$NR_TMP/www" || fail "mkdir"
for f in alpha bravo; do
	cat >"$NR_TMP/www/$f.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Feed $f</title>
<link>http://127.0.0.1/</link><description>d</description>
<item><title>Item of $f</title><link>http://127.0.0.1/$f/1</link>
<guid>$f-1</guid><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate>
<description>one</description></item>
</channel></rss>
XML
done
start_server "$NR_TMP/www"
FEEDS=$XDG_CONFIG_HOME/newsreader/feeds
printf '%s name=alpha\n%s name=bravo\n' "$NR_URL/alpha.xml" \
    "$NR_URL/bravo.xml" >"$FEEDS"
"$NR_BIN" --refresh >"$NR_TMP/out" 2>&1 || fail "refresh: $(cat "$NR_TMP/out")"
"$NR_BIN" --import --into saved "$NR_SRCDIR/demo/001_509b68a89738fcfe.txt" \
    2>"$NR_TMP/out" || fail "import: $(cat "$NR_TMP/out")"

tui_start
tui_wait "Feeds (4)"
tui_wait "Feed bravo"
tui_quit

# bravo leaves the feeds file: it leaves the list; saved stays.
printf '%s name=alpha\n' "$NR_URL/alpha.xml" >"$FEEDS"
tui_start
tui_wait "Feeds (3)"
tui_wait "saved"
tui_wait "Feed alpha"
tui_screen | grep -q 'bravo' && fail "bravo is still in the feed list"
tui_quit
[ -d "$NEWSREADER_HOME/bravo" ] || fail "bravo's files went"

# --feed bravo still opens it, saying it is not in the feeds file.
tui_start --feed bravo
tui_wait "Item of bravo"
tui_wait "not in the feeds file"
tui_quit
exit 0
