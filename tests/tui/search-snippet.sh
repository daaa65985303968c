#!/bin/sh
# On a wide screen (120 columns and more), under a query with words, each
# row of an item list shows a snippet of the text around the first match
# in place of the tags (issue 14); narrower, each row takes two lines,
# the snippet under the title; without words, the tags only.
# On f091274 the rows showed the tags only.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article alpha 001 00000000000000a1 2026-11-20 "Plant News" energy \
    "<p>Long before the vote, the old reactor restarted on Monday morning.</p>"
tui_article beta 001 00000000000000b1 2026-11-21 "Wind Report" weather \
    "<p>Only the wind turbines near the coast kept turning all week.</p>"
TUI_COLS=160 TUI_ROWS=20
tui_start
tui_wait "Feeds ("
tui_keys /
tui_keys -l 'reactor or turbines'
tui_keys Enter
tui_wait "search: reactor or turbines"
tui_wait "old reactor restarted"
tui_wait "wind turbines near"
tui_screen | grep "Plant News" | grep -q "energy" &&
    fail "the tags column stayed: $(tui_screen | grep 'Plant News')"
tui_keys q
tui_wait "Feeds ("
# No words: the tags.
tui_keys F
tui_keys -l '+energy'
tui_keys Enter
tui_wait "filter: +energy"
tui_wait "Plant News"
tui_screen | grep "Plant News" | grep -q "energy" || fail "no tags column: $(tui_screen)"
tui_screen | grep -q "reactor restarted" && fail "a snippet with no words"
tui_quit
# 80 columns: the snippet on a line of its own under each row; j moves
# from item to item, not from line to line.
TUI_COLS=80 TUI_ROWS=20
tui_start
tui_wait "Feeds ("
tui_keys /
tui_keys -l 'reactor or turbines'
tui_keys Enter
tui_wait "search: reactor or turbines"
tui_wait "wind turbines near"
scr=$(tui_screen)
row=$(printf '%s\n' "$scr" | grep -n "Plant News" | cut -d: -f1)
[ -n "$row" ] || fail "no Plant News row: $scr"
printf '%s\n' "$scr" | grep "Plant News" | grep -q "energy" ||
    fail "no tags on the row: $scr"
printf '%s\n' "$scr" | sed -n "$((row + 1))p" | grep -q "^  *.*reactor restarted" ||
    fail "no snippet under Plant News: $scr"
row=$(printf '%s\n' "$scr" | grep -n "Wind Report" | cut -d: -f1)
printf '%s\n' "$scr" | sed -n "$((row + 1))p" | grep -q "wind turbines near" ||
    fail "no snippet under Wind Report: $scr"
# Newest first: Wind Report (Nov 21), then Plant News; j then Enter opens
# the second item.
tui_keys Home j Enter
tui_wait "Long before the vote"
tui_keys q
# Without words again: one line a row.
tui_keys q
tui_wait "Feeds ("
tui_keys F
tui_keys -l '+energy'
tui_keys Enter
tui_wait "filter: +energy"
tui_wait "Plant News"
tui_screen | grep -q "reactor restarted" && fail "a snippet line with no words"
tui_quit
exit 0
