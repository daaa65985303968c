#!/bin/sh
# In the article view the query's words are highlighted (reverse) and
# \ and | scroll to the next and previous line with a match, wrapping;
# / searches the article's text and goes to its first match (issue 14).
# Words match whole, ignoring case: "reactors" is not "reactor". On
# 8766e15 nothing was highlighted and \ in an article did nothing.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
body=$(i=1; while [ $i -le 60 ]; do
	case $i in
	3) echo "Two reactors were planned." ;;
	45) echo "The REACTOR is deep below the hill." ;;
	52) echo "Only wind turbines remain." ;;
	*) echo "Filler paragraph number $i." ;;
	esac
	echo
	i=$((i + 1))
done)
tui_article alpha 001 00000000000000a1 2026-11-20 "Reactor News" energy \
    "$body"
tui_article alpha 002 00000000000000a2 2026-11-21 "Other Story" news "x"
tui_article beta 001 00000000000000b1 2026-11-22 "技術" tech \
    "東京都庁で新型チップ"
esc=$(printf '\033')

tui_start --feed alpha
tui_wait "alpha - 2 unread, 2 items"
tui_keys F
tui_keys -l reactor
tui_keys Enter
tui_wait "filter: reactor · 1 item"
tui_keys Enter
tui_wait "Title: Reactor News"
# The title's word is in reverse; the plural in the text is not.
tui_screen -e >"$NR_TMP/screen"
grep -q "${esc}\[[0-9;]*7m[^${esc}]*Reactor" "$NR_TMP/screen" ||
    fail "Reactor not highlighted: $(cat -v "$NR_TMP/screen" | head -5)"
grep "reactors" "$NR_TMP/screen" | grep -q "${esc}\[[0-9;]*7m[^${esc}]*reactors" &&
    fail "reactors highlighted as reactor"
tui_screen | grep -q "deep below" && fail "line 45 on the first screen"
# \: the next line with a match comes to the top.
tui_keys '\'
tui_wait "The REACTOR is deep below the hill."
[ "$(tui_screen | sed -n 2p | grep -c 'deep below')" = 1 ] ||
    fail "the match is not the first line: $(tui_screen | head -3)"
tui_screen -e | grep -q "${esc}\[[0-9;]*7mREACTOR" ||
    fail "REACTOR not highlighted"
# \ again wraps to the title; | goes back.
tui_keys '\'
tui_wait "search wrapped"
tui_wait "Title: Reactor News"
tui_keys '|'
tui_wait "deep below the hill"
# / searches the text: from the top, to the line with "turbines" (the
# last page: it shows as far down as it goes).
tui_keys g g
tui_wait_gone "deep below"
tui_keys /
tui_keys -l turbines
tui_keys Enter
tui_wait "Only wind turbines remain."
tui_screen -e | grep -q "${esc}\[[0-9;]*7mturbines" ||
    fail "turbines not highlighted"
tui_quit

# CJK text is matched anywhere, as the index's bigrams match it.
tui_start --feed beta
tui_wait "beta - 1 unread, 1 item"
tui_keys F
tui_keys -l 都庁
tui_keys Enter
tui_wait "filter: 都庁 · 1 item"
tui_keys Enter
tui_wait "東京都庁で新型チップ"
tui_screen -e | grep -q "東京${esc}\[[0-9;]*7m都庁" ||
    fail "都庁 not highlighted inside its run: $(tui_screen -e | cat -v | grep 東京)"
tui_quit
exit 0
