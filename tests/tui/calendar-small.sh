#!/bin/sh
# The calendar at 40x10 (issue 12, small items): day counts are shown
# whole (on a line under the day when they do not fit beside it) and the
# selected day stays on screen when not every week fits. On 8766e15 the
# cell "20 37" was cut to "20 3" and the last weeks of the month were
# not drawn, the selected day with them.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
i=100
while [ $i -lt 137 ]; do
	tui_article busy $i "00000000000a0$i" 2026-11-20 "Busy day item $i" \
	    tagx "x"
	i=$((i + 1))
done
for i in 1 2 3; do
	tui_article busy 20$i "00000000000b020$i" 2026-11-27 "Late item $i" \
	    tagx "x"
done
TUI_COLS=40 TUI_ROWS=10
# grid: the calendar's cells (not the title bar, legend or status line).
grid()
{
	tui_screen | sed -e 1d -e '/ · /d' -e '/^dim:/d'
}
tui_start --feed busy
tui_wait "Late item 3"
tui_keys D
tui_wait "Fri 27 Nov 2026"
grid >"$NR_TMP/screen"
# The selected day (27) is on screen.
grep -q '\b27\b' "$NR_TMP/screen" || fail "day 27 not on screen: $(cat "$NR_TMP/screen")"
# Back to the busy day: its count is whole.
tui_keys Up
tui_wait "Fri 20 Nov 2026 · 37 items"
grid >"$NR_TMP/screen"
grep -q '\b37\b' "$NR_TMP/screen" || fail "count 37 cut: $(cat "$NR_TMP/screen")"
grep -q '\b20\b' "$NR_TMP/screen" || fail "day 20 not on screen"
# Forward past the month's end and back: the cursor stays on screen.
tui_keys Down Down
tui_wait "Fri 04 Dec 2026"
grid | grep -q '\b4\b' || fail "day 4 not on screen"

tui_quit
exit 0
