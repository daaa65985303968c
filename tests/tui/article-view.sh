#!/bin/sh
# In the article view J/K, n/N and Enter walk the rows of the item list
# it was opened from (the query and the date range included), and the
# header counts those rows; items outside the view are not opened, so
# they stay unread.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"

# The mixed list under a query: +sport shows Alpha Two and Beta Three.
tui_start
tui_wait "Feeds (3) - 5 unread, 5 items"
tui_keys F +sport Enter
tui_wait "filter: +sport · 2 items"
tui_keys Enter
tui_wait "all - article 1/2"
tui_wait "Title: Alpha Two"
tui_keys J
tui_wait "all - article 2/2"
tui_wait "Title: Beta Three"
tui_keys J
tui_wait "no next article"
tui_keys K
tui_wait "Title: Alpha Two"
tui_keys K
tui_wait "no previous article"
tui_keys Enter
tui_wait "Title: Beta Three"
tui_keys q c q
tui_wait "Feeds (3) - 3 unread"
tui_quit
[ "$("$NR_BIN" --list | awk -F '	' '$4 ~ /^N/' | wc -l)" -eq 3 ] ||
    fail "items outside the view were marked read: $("$NR_BIN" --list)"

# One feed under a date range: beta on 18 Nov (Beta Two, Beta Three).
tui_start --feed beta
tui_wait "Beta One"
tui_keys g 2026-11-18 Enter
tui_wait "Wed 18 Nov 2026 · 2 items"
tui_keys k Enter
tui_wait "beta - article 1/2"
tui_wait "Title: Beta Two"
tui_keys n
tui_wait "no next unread article"
tui_keys J
tui_wait "beta - article 2/2"
tui_keys N
tui_wait "no previous unread article"
tui_keys m K
tui_wait "beta - article 1/2"
tui_keys n
tui_wait "beta - article 2/2"
tui_keys q 0
tui_wait "Beta One"
tui_quit
"$NR_BIN" --list | grep -q '^00000000000000b1	.*	N-	Beta One' ||
    fail "Beta One, outside the dates, was marked read"
echo "PASS: article-view"
