#!/bin/sh
# The mixed list of every feed's items: order across feeds, the feed
# column, toggles, A marking every item shown read, and the state
# kept on disk.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article alpha 001 00000000000000a1 2026-11-20 "Alpha Oldest" news "a"
tui_article alpha 002 00000000000000a2 2026-11-23 "Alpha Newest" news "b"
tui_article beta 001 00000000000000b1 2026-11-22 "Beta Middle" sport "c"
tui_article beta 002 00000000000000b2 2026-11-21 "Beta Early" sport "d"

tui_start
tui_wait "Feeds (3) - 4 unread, 4 items"
tui_screen | sed -n 2p | grep -q '4/4 *(all items)' ||
    fail "the all-items row is not first"
tui_keys Enter
tui_wait "All items (3 feeds) - 4 unread, 4 items"
tui_screen >"$NR_TMP/s"
sed -n 2p "$NR_TMP/s" | grep -q '^N  2026-11-23 alpha  *Alpha Newest' ||
    fail "row 1"
sed -n 3p "$NR_TMP/s" | grep -q '^N  2026-11-22 beta  *Beta Middle' ||
    fail "row 2"
sed -n 4p "$NR_TMP/s" | grep -q '^N  2026-11-21 beta  *Beta Early' ||
    fail "row 3"
sed -n 5p "$NR_TMP/s" | grep -q '^N  2026-11-20 alpha  *Alpha Oldest' ||
    fail "row 4"
tui_keys j m j s
tui_wait "All items (3 feeds) - 3 unread, 4 items"
tui_wait "* 2026-11-21 beta"
tui_keys A
tui_wait "All items (3 feeds) - 0 unread, 4 items"
tui_wait "marked 3 read"
tui_keys q
tui_wait "Feeds (3) - 0 unread, 4 items"
tui_quit
"$NR_BIN" --list | grep -q '	N' && fail "read state not saved"
"$NR_BIN" --list | grep -q '^00000000000000b2.*	-S	' ||
    fail "starred state not saved"
exit 0
