#!/bin/sh
# The title bar counts what the list shows under a query or dates
# ("1 unread, 2 of 5 items"), plurals are right ("1 item"), and unread
# and starred are two flag columns.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"
tui_article gamma 001 00000000000000c1 2026-11-19 "Gamma Only" misc "g"

tui_start
tui_wait "Feeds (4) - 6 unread, 6 items"
tui_keys Enter
tui_wait "All items (4 feeds) - 6 unread, 6 items"
tui_keys F +sport Enter
tui_wait "All items (4 feeds) - 2 unread, 2 of 6 items"
tui_keys g 2026-11-18 Enter
tui_wait "All items (4 feeds) - 1 unread, 1 of 6 items"
tui_wait "Beta Three"
# Unread, then starred too, then read and starred.
tui_screen | grep -q '^N  2026-11-18 beta  *Beta Three' ||
    fail "unread row: $(tui_screen | sed -n 2p)"
tui_keys s
tui_wait "N* 2026-11-18 beta"
tui_keys m
tui_wait "All items (4 feeds) - 0 unread, 1 of 6 items"
tui_wait " * 2026-11-18 beta"
tui_keys c q
tui_wait "Feeds (4) - 5 unread, 6 items"
# gamma has one item.
tui_keys G Enter
tui_wait "gamma - 1 unread, 1 item"
tui_screen | sed -n 1p | grep -q "1 items" && fail "plural: 1 items"
tui_quit
echo "PASS: counts"
