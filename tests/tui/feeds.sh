#!/bin/sh
# The feed list: counts, opening a feed, marking read, going back.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
"$NR_BIN" --import "$NR_SRCDIR/demo" 2>/dev/null || fail "import"

tui_start
tui_wait "Feeds (5)"
tui_wait "northwind.example"
tui_screen | grep -q '^ *4/4 *northwind.example' || fail "no 4/4 count"
# (/ on the feed list searches every feed's text: open the feed by name)
tui_quit
tui_start --feed northwind.example
tui_wait "northwind.example - 4 unread, 4 items"
tui_wait "Bridge Study Approved by One Vote"
tui_screen | grep -q '^N  2026-11-26 Bridge Study' || fail "unread not marked"
tui_keys m
tui_wait "northwind.example - 3 unread, 4 items"
tui_screen | grep -q '^   2026-11-26 Bridge Study' || fail "still unread"
tui_keys j s
tui_wait "* 2026-11-25 Council Votes"
tui_keys q
tui_wait "Feeds (5)"
tui_screen | grep -q '^ *3/4 *northwind.example' || fail "count not 3/4"
tui_keys q
tui_quit
"$NR_BIN" --list | grep -q '^664b5abafd3f5840.*northwind.example	--' ||
    fail "read state not saved"
"$NR_BIN" --list | grep -q '^abe2392c801e99cc.*northwind.example	NS' ||
    fail "starred state not saved"
exit 0
