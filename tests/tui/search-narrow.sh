#!/bin/sh
# / in an item list narrows it (issues 12 and 14): the items that also
# match the words (searched in the full text), under the query already
# active; the header names the search; q returns to the list and the
# query as they were, the cursor where it was. A bad search reopens the
# prompt with the error. On 8766e15 / in an item list only moved the
# cursor to the next title that contained the text.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article alpha 001 00000000000000a1 2026-11-20 "Plant News" energy \
    "<p>The old reactor restarted on Monday.</p>"
tui_article alpha 002 00000000000000a2 2026-11-23 "Other Story" news \
    "Nothing to see."
tui_article alpha 003 00000000000000a3 2026-11-22 "Grid Report" energy \
    "No reactor here, only wind."
tui_article alpha 004 00000000000000a4 2026-11-21 "Reactor Vote" news \
    "The council votes on the reactor."

tui_start --feed alpha
tui_wait "alpha - 4 unread, 4 items"
# The cursor on the second row, then a search: a list of its own.
tui_keys j
tui_keys /
tui_keys -l reactor
tui_keys Enter
tui_wait "alpha - search: reactor - 3 unread, 3 of 4 items"
tui_screen | grep -q "Other Story" && fail "Other Story matches reactor"
tui_wait "Reactor Vote"
tui_wait "Grid Report"
tui_wait "Plant News"
# q: back to the whole list, the cursor on the row it was on.
tui_keys q
tui_wait "alpha - 4 unread, 4 items"
tui_screen | grep -q "filter:" && fail "the search's query stayed"
tui_keys m
tui_wait "alpha - 3 unread, 4 items"
"$NR_BIN" --list '=alpha is:read' | cut -f5 | grep -qx "Grid Report" ||
    fail "the cursor moved: $("$NR_BIN" --list '=alpha is:read' | cut -f5)"
# Under a query, / narrows it further; q brings the query back.
tui_keys F
tui_keys -l '+energy'
tui_keys Enter
tui_wait "filter: +energy · 2 items"
tui_keys /
tui_keys -l reactor
tui_keys Enter
tui_wait "search: reactor"
tui_wait "filter: (+energy) reactor · 2 items"
tui_keys /
tui_keys -l wind
tui_keys Enter
tui_wait "filter: ((+energy) reactor) wind · 1 item"
tui_wait "Grid Report"
tui_keys q
tui_wait "filter: (+energy) reactor · 2 items"
tui_keys q
tui_wait "filter: +energy · 2 items"
# A malformed search: the prompt again, with the error.
tui_keys /
tui_keys -l 'reactor ('
tui_keys Enter
tui_wait "/reactor ("
tui_keys Escape
tui_wait "filter: +energy · 2 items"
# / on the feed list searches every feed; q puts the query back.
tui_keys q
tui_wait "Feeds ("
tui_keys /
tui_keys -l council
tui_keys Enter
tui_wait "All items (2 feeds) - search: council"
tui_wait "filter: council · 1 item"
tui_keys q
tui_wait "Feeds ("
tui_keys Enter
tui_wait "filter: +energy · 2 items"
# In the tag view, / moves to the next matching tag and \ repeats it.
tui_keys c
tui_wait_gone "filter:"
tui_keys t
tui_wait "Tags ("
tui_keys /
tui_keys -l e
tui_keys Enter Enter
tui_wait "filter: +news · 2 items"
tui_keys q
tui_wait "Tags ("
tui_keys -l '\'
tui_keys Enter
tui_wait "filter: +news +energy · 0 items"
tui_quit

# Narrowing as deep as the view stack goes (8 views: the feed list, the
# list, 6 searches): one more changes nothing and says so.
tui_start --feed alpha
tui_wait "alpha - 3 unread, 4 items"
q=""
for i in 1 2 3 4 5 6; do
	tui_keys /
	tui_keys -l reactor
	tui_keys Enter
	q=${q:+($q) }reactor
	tui_wait "filter: $q · 3 items"
done
tui_keys /
tui_keys -l reactor
tui_keys Enter
tui_wait "too many lists open"
tui_keys j
tui_wait_gone "too many lists open"
tui_screen | grep -q "filter: $q · 3 items" ||
    fail "the seventh search changed the query: $(tui_screen | tail -1)"
for i in 1 2 3 4 5 6; do
	tui_keys q
done
tui_wait "alpha - 3 unread, 4 items"
tui_screen | grep -q "filter:" && fail "a query stayed after six q"
# In a day view the search narrows that day; q keeps the day.
tui_keys g
tui_keys -l 2026-11-21
tui_keys Enter
tui_wait "Sat 21 Nov 2026 · 1 item"
tui_keys /
tui_keys -l council
tui_keys Enter
tui_wait "alpha - search: council - 1 unread, 1 of 4 items"
tui_wait "Reactor Vote"
tui_keys /
tui_keys -l wind
tui_keys Enter
tui_wait "No items match"
tui_keys q
tui_wait "alpha - search: council"
tui_keys q
tui_wait "Sat 21 Nov 2026 · 1 item"
tui_keys 0
tui_wait_gone "Nov 2026 ·"
# The item list's / keeps the search history (Up recalls).
tui_keys /
tui_keys Up
tui_wait "/wind"
tui_keys Up
tui_wait "/council"
tui_keys Escape
tui_quit
exit 0
