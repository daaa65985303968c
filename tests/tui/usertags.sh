#!/bin/sh
# User tags: + adds one to the item under the cursor, - removes it; they
# are kept in the feed's state file, survive a restart and a refresh,
# take part in +tag queries and the tag view, and --list shows them.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
TZ=UTC
export TZ
mkdir -p "$NR_TMP/www" || fail "mkdir"
cat >"$NR_TMP/www/feed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local</title>
<link>http://127.0.0.1/</link><description>d</description>
<item><title>First Story</title><link>http://127.0.0.1/1</link>
<guid>s1</guid><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate>
<category>world</category><description>one</description></item>
<item><title>Second Story</title><link>http://127.0.0.1/2</link>
<guid>s2</guid><pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate>
<description>two</description></item>
</channel></rss>
XML
echo "file://$NR_TMP/www/feed.xml name=local" \
    >"$XDG_CONFIG_HOME/newsreader/feeds"
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "first refresh"
[ "$("$NR_BIN" --list | wc -l)" = 2 ] || fail "2 items"

tui_start --feed local
tui_wait "First Story"
tui_keys +
tui_wait "add tag:"
tui_keys -l Later
tui_keys Enter
tui_wait "added user tag 'later'"
tui_wait "world,later"
tui_keys j +
tui_keys -l later
tui_keys Enter
# (The message is still on screen from the first tag: wait for the row.)
tui_wait_re "Second Story +later *$"
tui_keys +
tui_keys -l 'bad,tag'
tui_keys Enter
tui_wait "bad tag 'bad,tag'"
tui_keys t
tui_wait "Tags (2)"
tui_screen | sed -n 2p | grep -q '^ *2/2 *later' || fail "tag view"
tui_keys Enter
tui_wait "filter: +later · 2 items"
tui_quit
state=$NEWSREADER_HOME/local/.meta/state
[ "$(grep -c '^usertag	[0-9a-f]\{16\}	later$' "$state")" = 2 ] ||
    fail "usertag lines not in the state file"
[ "$("$NR_BIN" --list=+later | wc -l)" = 2 ] || fail "--list +later"
"$NR_BIN" --list=+later | grep -q 'First Story	world,later	' ||
    fail "--list does not show the user tag"

# A refresh (the feed changed) keeps them.
sed 's/First Story/First Story, updated/' "$NR_TMP/www/feed.xml" \
    >"$NR_TMP/www/f2" && mv "$NR_TMP/www/f2" "$NR_TMP/www/feed.xml"
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "second refresh"
"$NR_BIN" --list=+later | grep -q 'First Story, updated	world,later' ||
    fail "user tag lost in a refresh"
grep -q 'later' "$NEWSREADER_HOME"/local/*.txt &&
    fail "user tags leaked into an article file"

# A restart: the tags are still there, also after a refresh from the
# interface; - removes one.
sed 's/Second Story/Second Story, again/' "$NR_TMP/www/feed.xml" \
    >"$NR_TMP/www/f2" && mv "$NR_TMP/www/f2" "$NR_TMP/www/feed.xml"
tui_start --feed local
tui_wait "local: 0 new, 1 updated"
tui_wait "Second Story, again"
tui_wait "First Story, updated"
tui_wait "world,later"
tui_keys t
tui_wait "Tags (2)"
tui_screen | sed -n 2p | grep -q '^ *2/2 *later' || fail "tag view 2"
tui_keys q
tui_keys g g -
tui_wait "remove tag:"
tui_keys -l later
tui_keys Enter
tui_wait "removed user tag 'later'"
tui_keys -
tui_keys -l world
tui_keys Enter
tui_wait "no user tag 'world' on this item"
tui_quit
[ "$("$NR_BIN" --list=+later | wc -l)" = 1 ] || fail "not removed"
"$NR_BIN" --list=+later | grep -q 'Second Story' || fail "wrong one left"
exit 0
