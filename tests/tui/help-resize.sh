#!/bin/sh
# The help screen comes from the key table; the screen redraws on resize
# and stays usable at 40x10.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
"$NR_BIN" --import "$NR_SRCDIR/demo" 2>/dev/null || fail "import"
tui_start
tui_wait "Feeds (5)"
tui_keys ?
tui_wait "Help - keys"
tui_wait "Keys of the feeds view"
tui_wait "j, Down"
tui_wait "mark the items shown read"
tui_wait "open the link in \$BROWSER"
tui_keys q
tui_wait "Feeds (5)"

$NR_TMUX resize-window -x 40 -y 10 || fail "resize"
tui_wait "Feeds (5)"
tui_screen | awk 'length($0) > 40 { bad = 1 } END { exit bad }' ||
    fail "a line is wider than 40 columns"
[ "$(tui_screen | wc -l)" -le 10 ] || fail "more than 10 lines"
tui_keys G
tui_wait "tokyo-tech.exam"
tui_keys Enter
tui_wait "tokyo-tech.example - 2 unread"
tui_keys Enter
tui_wait "Title:"
tui_keys q q ?
tui_wait "Help"
tui_keys G
tui_wait "redraw the screen"
tui_keys q
$NR_TMUX resize-window -x 100 -y 30 || fail "resize"
tui_wait "Feeds (5) - 11 unread"
tui_quit
exit 0
