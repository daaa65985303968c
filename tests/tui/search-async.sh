#!/bin/sh
# A search's words are looked up on a thread of their own (issue 14):
# while a slow lookup runs (made slow by NR_TEST_LOOKUP_DELAY_MS), the
# list says "Searching...", keys are answered (help opens and closes),
# and the results come when it is done; q while it runs goes back, and
# the answer that comes later changes nothing.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article alpha 001 00000000000000a1 2026-11-20 "Plant News" energy \
    "<p>The old reactor restarted on Monday.</p>"
tui_article alpha 002 00000000000000a2 2026-11-23 "Other Story" news \
    "Nothing to see."
TUI_ENV="NR_TEST_LOOKUP_DELAY_MS=2500"
tui_start
tui_wait "Feeds (2)"
tui_keys /
tui_keys -l reactor
tui_keys Enter
tui_wait "Searching..."
# The input loop goes on: help opens and closes while the lookup sleeps.
tui_keys '?'
tui_wait "keys"
tui_keys q
tui_wait "Searching..."
tui_wait "Plant News"
tui_wait "filter: reactor · 1 item"
tui_screen | grep -q "Other Story" && fail "Other Story matches reactor"
tui_keys q
tui_wait "Feeds (2)"
# q while a lookup runs: back to the feed list, which stays as it was
# when the answer comes.
tui_keys /
tui_keys -l restarted
tui_keys Enter
tui_wait "Searching..."
tui_keys q
tui_wait "Feeds (2) - 2 unread, 2 items"
sleep 3
tui_screen | grep -q "Feeds (2) - 2 unread, 2 items" ||
    fail "the feed list changed: $(tui_screen)"
tui_screen | grep -q "filter:" && fail "a filter came back: $(tui_screen)"
tui_quit
echo "PASS: tui search async"
