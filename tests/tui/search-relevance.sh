#!/bin/sh
# S in a search's results orders them best match first (bm25, as
# --sort relevance) and back to newest first; the same item stays under
# the cursor; J in the article view follows the order shown; a list
# without search words says S has nothing to order (issue 14).
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article alpha 001 00000000000000a1 2026-11-10 "Reactor reactor news" \
    energy "<p>The reactor and the reactor hall: reactor safety.</p>"
tui_article alpha 002 00000000000000a2 2026-11-20 "Town meeting" news \
    "<p>A long report on the town meeting, the budget, the roads, the \
schools, the library, the parks, the market, and one reactor.</p>"
tui_article beta 001 00000000000000b1 2026-11-15 "Quiet day" city \
    "<p>Nothing about energy.</p>"

# The line number of the first screen line holding $1.
line_of()
{
	tui_screen | grep -n -- "$1" | head -n 1 | cut -d: -f1
}
tui_start
tui_wait "Feeds (3)"
tui_keys /
tui_keys -l reactor
tui_keys Enter
tui_wait "filter: reactor · 2 items"
# Newest first: the town meeting (Nov 20) above the reactor news.
a=$(line_of "Town meeting"); b=$(line_of "Reactor reactor news")
[ "$a" -lt "$b" ] || fail "newest first: town $a, reactor $b"
tui_keys S
tui_wait "by relevance"
tui_wait "best match first"
a=$(line_of "Town meeting"); b=$(line_of "Reactor reactor news")
[ "$b" -lt "$a" ] || fail "by relevance: reactor $b, town $a"
# The article view's J follows the order shown: from the best match to
# the next.
tui_keys Home
tui_keys Enter
tui_wait "reactor safety"
tui_keys J
tui_wait "town meeting, the budget"
tui_keys q
tui_keys S
tui_wait "newest first"
tui_wait_gone "by relevance"
a=$(line_of "Town meeting"); b=$(line_of "Reactor reactor news")
[ "$a" -lt "$b" ] || fail "newest first again: town $a, reactor $b"
tui_keys q
tui_wait "Feeds (3)"
# A feed's list with no query: S says what it is for.
tui_keys Enter
tui_wait "alpha"
tui_keys S
tui_wait "relevance order is for a query with words"
tui_quit
echo "PASS: tui search relevance"
