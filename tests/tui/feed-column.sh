#!/bin/sh
# The mixed list's feed column is as wide as the longest feed title, up
# to a third of the screen (issue 12): on 8766e15 it was 16 columns at
# 80, so "Lattice Science Weekly" was cut, and 16 wasted columns stayed
# with short titles.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
F=$XDG_CONFIG_HOME/newsreader/feeds
echo 'http://127.0.0.1:1/sci.xml name=sci "~Lattice Science Weekly"' >>"$F"
echo 'http://127.0.0.1:1/ab.xml name=ab "~AB"' >>"$F"
tui_article sci 001 00000000000000f1 2026-11-20 "Quarks seen" tagx "x"
tui_article ab 001 00000000000000f2 2026-11-21 "Bridge opens" tagx "x"

# col TEXT: the display column where TEXT starts on the screen.
col()
{
	tui_screen | python3 -c '
import sys, unicodedata
t = sys.argv[1]
for line in sys.stdin:
    if t in line:
        pre = line[:line.index(t)]
        print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
            for c in pre))
        break' "$1"
}
command -v python3 >/dev/null 2>&1 || skip "python3 is missing"
tui_start
tui_wait "Lattice Science Weekly"
tui_keys Enter
tui_wait "All items"
tui_wait "Lattice Science Weekly Quarks seen"
# Flags (3), date (11), the longest title (22) and a space.
[ "$(col 'Quarks seen')" = 37 ] || fail "title column: $(col 'Quarks seen')"
[ "$(col 'Bridge opens')" = 37 ] || fail "rows differ: $(col 'Bridge opens')"
tui_quit

# A title longer than a third of the screen is cut there.
echo 'http://127.0.0.1:1/long.xml name=long "~An Extremely Long Feed Title For Testing"' >>"$F"
tui_article long 001 00000000000000f3 2026-11-19 "Long one" tagx "x"
tui_start
tui_wait "An Extremely Long"
tui_keys Enter
tui_wait "All items"
tui_wait "Long one"
[ "$(col 'Long one')" = $((3 + 11 + 80 / 3 + 1)) ] ||
    fail "long title column: $(col 'Long one')"
[ "$(col 'Quarks seen')" = "$(col 'Long one')" ] || fail "rows differ"
tui_quit
exit 0
