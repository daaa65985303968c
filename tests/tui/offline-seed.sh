#!/bin/sh
# --feed sputnik offline with the seed article: the cached item shows at
# once, the refresh fails and the status line says why.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
[ -f "$NR_SHARED/seeds/000_2e33281f82945b95.txt" ] || skip "no seed article"
tui_setup
"$NR_BIN" --import --into sputnik \
    "$NR_SHARED/seeds/000_2e33281f82945b95.txt" 2>/dev/null || fail "import"
tui_start --feed sputnik
tui_wait "sputnik (Sputnik) - 1 unread, 1 item"
tui_wait "Chinese Defense Minister to Visit Russia"
tui_wait "sputnik: FAIL"
tui_wait "onnect"
tui_keys Enter
tui_wait "Title: Chinese Defense Minister to Visit Russia"
tui_keys q q
tui_wait "Feeds (1)"
tui_screen | grep -q '^!' || fail "no error mark in the feed list"
tui_quit
exit 0
