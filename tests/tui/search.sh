#!/bin/sh
# The interface's query searches the full text through the search index
# (issue 14): a word only in an article's text, a Russian word in another
# case, a Japanese run, a prefix; combined with a tag; the same items as
# --list QUERY.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
list_count()
{
	"$NR_BIN" --list="$1" | wc -l | tr -d ' '
}
tui_article alpha 001 00000000000000a1 2026-11-20 "Plant News" energy \
    "<p>The old reactor restarted on Monday.</p>"
tui_article alpha 002 00000000000000a2 2026-11-23 "Other Story" news \
    "Nothing to see."
tui_article beta 001 00000000000000b1 2026-11-22 "Город" city \
    "Новости: МОСКВА готовится."
tui_article beta 002 00000000000000b2 2026-11-21 "技術" tech \
    "東京都庁で新型チップ"

tui_start
tui_wait "Feeds (3) - 4 unread, 4 items"
q()
{
	tui_keys F C-u
	tui_keys -l "$1"
	tui_keys Enter
	tui_wait "filter: $1 · $2 item"
}
q reactor 1
tui_keys Enter
tui_wait "Plant News"
tui_screen | grep -q "Other Story" && fail "Other Story matches reactor"
[ "$(list_count reactor)" = 1 ] || fail "--list reactor"
tui_keys q
q москва 1
q 'reac* or 都庁' 2
q 'restarted +energy' 1
q 'restarted -energy' 0
# A refresh-like change: a new article dropped in is found (the index
# is brought up to date when items change).
tui_article alpha 003 00000000000000a3 2026-11-24 "Late" news \
    "another reactor story"
tui_keys F C-u
tui_keys -l reactor
tui_keys Enter
tui_wait "filter: reactor · 2 items"
# / on the feed list: every feed's items, as a list; q returns.
tui_keys c
tui_wait "All items (3 feeds) - 4 unread, 5 items"
tui_keys q
tui_wait "Feeds (3)"
tui_keys /
tui_keys -l 'москва or 都庁'
tui_keys Enter
tui_wait "filter: москва or 都庁 · 2 items"
tui_wait "Город"
tui_wait "技術"
tui_screen | grep -q "Plant News" && fail "/: Plant News listed"
tui_keys q
tui_wait "Feeds (3)"
tui_quit
echo "PASS: tui search"
