#!/bin/sh
# Each view's hint line shows its own keys (from the live key table, so
# a rebound key shows as bound); ? lists the current view's keys first,
# then the other ones; state changes say what they did.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"
echo 'bind M toggle-read' >"$XDG_CONFIG_HOME/newsreader/config"
echo 'unbind m' >>"$XDG_CONFIG_HOME/newsreader/config"

# The last line of the screen.
last()
{
	tui_screen | sed -n '$p'
}
# Wait for the last line to have TEXT.
wait_last()
{
	i=0
	until last | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "last line: '$(last)', want '$1'"
		sleep 0.1
	done
}

tui_start
tui_wait "Feeds (3)"
wait_last "q:quit  Enter:open  r:refresh  R:refresh all  A:mark read"
last | grep -q "M:read\|J:next" && fail "feed list hints: $(last)"
# ?: the feed list's keys first.
tui_keys ?
tui_wait "Keys of the feeds view"
tui_screen | sed -n 2p | grep -q "Keys of the feeds view" ||
    fail "the view's keys are not first"
tui_screen | sed -n '3,/^$/p' | grep -q "^R  *refresh" ||
    fail "R is not among the feed list's keys"
tui_screen | sed -n '3,/^$/p' | grep -q "^J " &&
    fail "J is among the feed list's keys"
tui_keys q
tui_keys j j Enter
tui_wait "alpha - 2 unread"
wait_last "q:back  Enter:open  M:read  s:star  A:mark all read  F:filter"
tui_keys M
wait_last "marked read"
tui_keys M
wait_last "marked unread"
tui_keys s
wait_last "starred"
tui_keys s
wait_last "unstarred"
tui_keys Enter
tui_wait "alpha - article 1/2"
wait_last "q:back  o:open  J:next  K:prev  n:next unread  M:unread  s:star"
tui_keys ?
tui_wait "Keys of the article view"
tui_screen | sed -n '3,/^$/p' | grep -q "^J  *next article" ||
    fail "J is not among the article view's keys"
tui_screen | grep -q "^Other keys" || fail "no other keys"
tui_screen | sed -n '/^Other keys/,$p' | grep -q "^j, Down" ||
    fail "j is not among the other keys"
tui_keys q
wait_last "q:back  o:open"
tui_keys M
wait_last "marked unread"
tui_quit
echo "PASS: hints"
