#!/bin/sh
# Dates before 1970 show in the interface (issue 11, item 4): the item
# list's date column and the article's header (on 2557f40 both were
# empty for any time before the epoch).
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article moon 001 00000000000000a1 1969-07-20 "Moon Landing" space "one small step"
tui_article moon 002 00000000000000a2 2026-11-20 "Recent Item" space "now"
"$NR_BIN" --list >"$NR_TMP/list" 2>&1 || fail "--list"
grep -q '	1969-07-20T12:00:00Z	moon	.*Moon Landing' "$NR_TMP/list" ||
    fail "--list: $(cat "$NR_TMP/list")"

tui_start --feed moon
tui_wait "Recent Item"
tui_wait "Moon Landing"
tui_screen | grep -q '1969-07-20 Moon Landing' ||
    { tui_screen >&2; fail "no date on the 1969 row"; }
tui_keys G Enter
tui_wait "Title: Moon Landing"
tui_wait "1969-07-20 12:00"
tui_keys q q
tui_quit
exit 0
