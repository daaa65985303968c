#!/bin/sh
# Changes made by another process (--import, as a cron --refresh would)
# show in a running interface within 2 seconds without a key press: new
# items in an item list (the cursor stays on the same item, by hash, not
# by row), the feed list's counts, a new feed directory, an item list
# under a query; an item removed under the cursor leaves the cursor on a
# neighbour.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
TZ=UTC
export TZ
TUI_ENV="TZ=UTC NO_COLOR=1"
tui_setup
tui_article alpha 001 00000000000000a1 2026-11-20 "Alpha One" news "a"
tui_article alpha 002 00000000000000a2 2026-11-21 "Alpha Two" sport "b"
tui_article alpha 003 00000000000000a3 2026-11-22 "Alpha Three" news "c"
tui_article beta 001 00000000000000b1 2026-11-19 "Beta One" news "d"
esc=$(printf '\033')

# An article file outside the data dir: inc NAME HASH DATE TITLE TAG
inc()
{
	mkdir -p "$NR_TMP/in" || fail "mkdir"
	printf ' date %s https://example.com/%s\n%s\n\n%s\n%s\n12:00 GMT %s\n%s' \
	    "$3" "$2" "$4" "$5" "$4" \
	    "$(echo "$3" | awk -F- '{ print $3 "." $2 "." $1 }')" "body" \
	    >"$NR_TMP/in/$1_$2.txt" || fail "write article"
	echo "$NR_TMP/in/$1_$2.txt"
}

# Import into a feed from outside, as cron would, while the UI runs.
ext_import()
{
	"$NR_BIN" --import "$1" --into "$2" >/dev/null 2>"$NR_TMP/imp.err" ||
	    { cat "$NR_TMP/imp.err" >&2; fail "--import $1 --into $2"; }
}

# The text of the rows drawn in reverse between the title and status
# lines: the cursor row (NO_COLOR: the cursor is reverse video).
cursor_row()
{
	tui_screen -e | sed '1d;$d' |
	    grep -E "${esc}\[([0-9]+;)*7(;[0-9]+)*m" |
	    sed "s/${esc}\[[0-9;]*m//g"
}

# Wait up to 2.5 s (no key is sent) for TEXT; the bound is the promise.
wait_live()
{
	_i=0
	while [ $_i -lt 25 ]; do
		tui_screen | grep -qF -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "--- screen ---" >&2
	tui_screen >&2
	fail "not shown within 2.5 s without a key: $1"
}

tui_start
tui_wait "Feeds (3)"
tui_wait "alpha"

# 1. The feed list: counts follow another process's import.
tui_wait "Feeds (3) - 4 unread, 4 items"
tui_screen | grep -q '^ *3/3 *alpha' || { tui_screen >&2; fail "alpha 3/3"; }
ext_import "$(inc 004 00000000000000a4 2026-11-23 "Alpha Four" news)" alpha
wait_live "Feeds (3) - 5 unread, 5 items"
tui_screen | grep -q '^ *4/4 *alpha' || { tui_screen >&2; fail "alpha 4/4"; }

# 2. A feed directory made by another process appears in the list.
ext_import "$(inc 001 00000000000000c1 2026-11-18 "Gamma One" news)" gamma
wait_live "gamma"
wait_live "Feeds (4) - 6 unread, 6 items"
tui_screen | grep -q '^ *1/1 *gamma' || fail "gamma not 1/1"

# 3. The mixed list (all items): a new item above the cursor.
tui_keys g g Enter
tui_wait "All items (4 feeds) - 6 unread, 6 items"
tui_keys G
sleep 0.3
cursor_row | grep -q "Gamma One" ||
    fail "all items: cursor not on Gamma One: $(cursor_row)"
ext_import "$(inc 002 00000000000000b2 2026-11-24 "Beta Two" sport)" beta
wait_live "Beta Two"
wait_live "All items (4 feeds) - 7 unread, 7 items"
cursor_row | grep -q "Gamma One" ||
    fail "all items: after an import, cursor on: $(cursor_row)"
tui_keys q
tui_wait "Feeds (4) - 7 unread, 7 items"

# 4. An item list: a new item above the cursor keeps it on its item.
tui_quit
tui_start --feed alpha
tui_wait "alpha - 4 unread, 4 items"
tui_keys G
tui_wait "alpha - 4 unread, 4 items"
sleep 0.3
cursor_row | grep -q "Alpha One" ||
    fail "cursor not on Alpha One: $(cursor_row)"
ext_import "$(inc 005 00000000000000a5 2026-11-24 "Alpha Five" sport)" alpha
wait_live "Alpha Five"
wait_live "alpha - 5 unread, 5 items"
cursor_row | grep -q "Alpha One" ||
    fail "after an import above it, cursor on: $(cursor_row)"
# In the middle of the list too (row number and item differ then).
tui_keys k k
sleep 0.3
cursor_row | grep -q "Alpha Three" ||
    fail "cursor not on Alpha Three: $(cursor_row)"
ext_import "$(inc 006 00000000000000a6 2026-11-25 "Alpha Six" news)" alpha
wait_live "Alpha Six"
cursor_row | grep -q "Alpha Three" ||
    fail "after a second import, cursor on: $(cursor_row)"

# 5. The item under the cursor removed by another process (as a prune
# does): the list no longer shows it and the cursor goes to a neighbour.
rm -f "$NEWSREADER_HOME/alpha/003_00000000000000a3.txt" ||
    fail "rm Alpha Three"
_i=0
while tui_screen | grep -qF "Alpha Three"; do
	_i=$((_i + 1))
	[ $_i -le 25 ] || fail "removed item still shown after 2.5 s"
	sleep 0.1
done
wait_live "alpha - 5 unread, 5 items"
cursor_row | grep -Eq "Alpha (Two|Four)" ||
    fail "removed item: cursor on: $(cursor_row)"

# 6. An item list under a query: a new matching item shows, one that
# does not match does not, and the cursor stays.
tui_keys F +sport Enter
tui_wait "alpha - "
tui_wait "of "
tui_keys G
sleep 0.3
cursor_row | grep -q "Alpha Two" ||
    fail "query: cursor not on Alpha Two: $(cursor_row)"
ext_import "$(inc 008 00000000000000a8 2026-11-27 "Alpha Eight" news)" alpha
ext_import "$(inc 009 00000000000000a9 2026-11-27 "Alpha Nine" sport)" alpha
wait_live "Alpha Nine"
tui_screen | grep -q "Alpha Eight" && fail "query: non-matching item shown"
cursor_row | grep -q "Alpha Two" ||
    fail "query: after an import, cursor on: $(cursor_row)"

# 7. The article view stays on its article; J/K walk the updated list.
tui_keys g g Enter
tui_wait "alpha - article 1/3"
tui_wait "Title: Alpha Nine"
ext_import "$(inc 010 00000000000000aa 2026-11-28 "Alpha Ten" sport)" alpha
wait_live "alpha - article 2/4"
tui_screen | grep -q "Title: Alpha Nine" || fail "article view: not on Nine"
tui_keys K
tui_wait "Title: Alpha Ten"
tui_keys J J
tui_wait "Title: Alpha Five"

# 8. A date view (under the query) takes a new item of its day.
tui_keys q g 2026-11-29 Enter
tui_wait "Sun 29 Nov 2026"
ext_import "$(inc 011 00000000000000ab 2026-11-29 "Alpha Eleven" sport)" alpha
ext_import "$(inc 012 00000000000000ac 2026-11-29 "Alpha Twelve" news)" alpha
wait_live "Alpha Eleven"
tui_screen | grep -q "Alpha Twelve" && fail "dates: non-matching item shown"
tui_screen | grep -q "Alpha Ten" && fail "dates: item of another day shown"
tui_keys q
tui_quit

# 9. A --refresh from cron against the loopback server: a feed of the
# feeds file with no directory yet gets its items, counts, title and
# the time of the refresh.
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
printf '%s name=loop\n' "$NR_URL/feed.xml" \
    >>"$XDG_CONFIG_HOME/newsreader/feeds"
tui_start
tui_wait "Feeds (5) - 10 unread, 13 items"
tui_screen | grep -q '^ *0/0 *loop  *never' ||
    { tui_screen >&2; fail "loop not 0/0, never"; }
"$NR_BIN" --refresh --feed loop >/dev/null 2>"$NR_TMP/ref.err" ||
    { cat "$NR_TMP/ref.err" >&2; fail "--refresh --feed loop"; }
wait_live "Feeds (5) - 12 unread, 15 items"
tui_screen | grep -q '^ *2/2 *Loop ' || { tui_screen >&2; fail "Loop 2/2"; }
tui_screen | grep '^ *2/2 *Loop ' | grep -q never &&
    fail "loop: refresh time not shown"
tui_quit
echo "PASS: live-reload"
