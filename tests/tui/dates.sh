#!/bin/sh
# Date navigation: [ and ] step over days with items (skipping empty
# ones), { and } by week, g jumps to a date, 0 returns to all dates; the
# calendar (D) shows each day's count, moves with the arrows and < >,
# and Enter opens a day under the current tag filter. Counts agree with
# newsreader --list QUERY.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"

tui_start
tui_wait "Feeds (3) - 5 unread, 5 items"
tui_keys Enter
tui_wait "All items (3 feeds)"
# From all dates, [ takes the day of the item under the cursor.
tui_keys '['
n=$(list_count '@2026-11-23')
tui_wait "Mon 23 Nov 2026 · $n items"
tui_keys '['
tui_wait "Fri 20 Nov 2026 · 1 item"
tui_wait "Alpha One"
tui_keys '['
tui_wait "Wed 18 Nov 2026 · 2 items"
tui_keys '['
tui_wait "no earlier day with items"
tui_keys ']'
tui_wait "Fri 20 Nov 2026 · 1 item"
tui_keys ']' ']'
tui_wait "no later day with items"
tui_keys 0
tui_wait_gone "Nov 2026 ·"
[ "$(tui_screen | grep -c '^N ')" = 5 ] || fail "0: not every item"
# Weeks (Monday first).
tui_keys '{'
tui_wait "week of Mon 23 Nov 2026 · 2 items"
tui_keys '{'
n=$(list_count '@2026-11-16..2026-11-22')
tui_wait "week of Mon 16 Nov 2026 · $n items"
tui_keys '}'
tui_wait "week of Mon 23 Nov 2026 · 2 items"
# g asks for a date.
tui_keys g
tui_wait "date (gg: top):"
tui_keys -l 2026-11-18
tui_keys Enter
tui_wait "Wed 18 Nov 2026 · 2 items"
tui_wait "Beta Three"
tui_keys g
tui_keys -l 2026-13-01
tui_keys Enter
tui_wait "bad date '2026-13-01'"
tui_keys 0
# The calendar, with a tag filter: Enter opens the day under it.
tui_keys F
tui_keys -l '+china'
tui_keys Enter
tui_wait "filter: +china · 3 items"
tui_keys D
tui_wait "Calendar - November 2026 - 3 items - filter: +china"
tui_wait "Mon 23 Nov 2026 · 1 item"
tui_screen | grep -q '^16  *\. 17  *\. 18  *1 19  *\. 20  *1 ' ||
    fail "calendar counts"
tui_keys Up
tui_wait "Mon 16 Nov 2026 · 0 items"
tui_keys Right Right
tui_wait "Wed 18 Nov 2026 · 1 item"
tui_keys '<'
tui_wait "Calendar - October 2026 - 0 items"
tui_keys '>'
tui_wait "Calendar - November 2026"
tui_keys Enter
n=$(list_count '+china @2026-11-18')
[ "$n" = 1 ] || fail "--list +china @2026-11-18: $n"
tui_wait "filter: +china · Wed 18 Nov 2026 · $n item"
tui_wait "Beta Two"
tui_screen | grep -q "Beta Three" && fail "sport item shown"
# Clearing the tag filter keeps the day: both directions combine.
tui_keys t
tui_wait "Tags ("
tui_screen | sed -n 2p | grep -q '^+ *1/1 *china' ||
    fail "the tag view counts the chosen day"
tui_keys q c
tui_wait_gone "filter:"
tui_keys D
tui_wait "Calendar - November 2026 - 5 items"
tui_keys q q
tui_wait "Feeds (3)"
tui_quit
exit 0
