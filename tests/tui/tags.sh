#!/bin/sh
# The tag view: counts, combining +tag and -tag into the query, Enter,
# sorting, the query editor (F) with a column error, c clearing; the
# counts agree with newsreader --list QUERY.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"

tui_start
tui_wait "Feeds (3) - 5 unread, 5 items"
tui_keys t
tui_wait "Tags (3) - by count"
tui_screen | sed -n 2p | grep -q '^ *3/3 *china' || fail "china first"
tui_screen | sed -n 3p | grep -q '^ *2/2 *news' || fail "news second"
tui_keys S
tui_wait "Tags (3) - by name"
tui_keys S
tui_wait "Tags (3) - by count"
# Two tags combined: +china +sport.
tui_keys Space j j Space
tui_wait "filter: +china +sport"
tui_screen | sed -n 2p | grep -q '^+ *3/3 *china' || fail "china mark"
tui_keys q Enter
n=$(list_count '+china +sport')
[ "$n" = 1 ] || fail "--list +china +sport: $n"
tui_wait "filter: +china +sport · $n item"
tui_wait "Alpha Two"
# Exclude one: +china -news.
tui_keys t
tui_wait "Tags (3)"
tui_keys g g j x
tui_wait "filter: +china +sport -news"
tui_keys g g j j Space
tui_wait "filter: +china -news"
tui_keys q
n=$(list_count '+china -news')
[ "$n" = 2 ] || fail "--list +china -news: $n"
tui_wait "filter: +china -news · $n items"
tui_wait "Beta Two"
tui_screen | grep -q "Beta One" && fail "news item shown"
# Enter in the tag view: the items with that tag.
tui_keys c
tui_wait "All items (3 feeds)"
tui_wait_gone "filter:"
tui_keys t
tui_wait "Tags (3)"
tui_keys j Enter
n=$(list_count '+news')
tui_wait "filter: +news · $n items"
# F edits the query; a bad one shows the column under the prompt.
tui_keys F C-u
tui_wait "filter:"
tui_keys -l '+china ('
tui_keys Enter
tui_wait "^ column 8: unbalanced '('"
tui_keys C-u
tui_keys -l 'is:unread @2026-11-18..2026-11-20'
tui_keys Enter
n=$(list_count 'is:unread @2026-11-18..2026-11-20')
[ "$n" = 3 ] || fail "--list date range: $n"
tui_wait "filter: is:unread @2026-11-18..2026-11-20 · $n items"
tui_keys c
tui_wait_gone "filter:"
tui_quit
exit 0
