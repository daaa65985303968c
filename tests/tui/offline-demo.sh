#!/bin/sh
# --feed sputnik offline with a demo article: the cached item shows at
# once, the refresh fails and the status line says why.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
"$NR_BIN" --import --into sputnik \
    "$NR_SRCDIR/demo/001_509b68a89738fcfe.txt" 2>/dev/null || fail "import"
tui_start --feed sputnik
tui_wait "sputnik (Sputnik) - 1 unread, 1 item"
tui_wait "Harbour Reopens After Storm Repairs"
tui_wait "sputnik: FAIL"
tui_wait "onnect"
tui_keys Enter
tui_wait "Title: Harbour Reopens After Storm Repairs"
tui_keys q q
tui_wait "Feeds (1)"
tui_screen | grep -q '^!' || fail "no error mark in the feed list"
tui_quit
exit 0
