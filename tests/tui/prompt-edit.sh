#!/bin/sh
# The prompt's line editor (issue 12): Left/Right/Home/End move the
# cursor, text goes in at the cursor, Delete, ^W, ^K; Up/Down walk the
# history of the prompt's kind, kept in $DATA/.history across restarts;
# Cyrillic and CJK edit by whole characters with the cursor in the right
# column; a long line scrolls; a bad history file does not stop start-up.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"

# The prompt line (the last one) without its trailing blanks.
prompt_line()
{
	tui_screen | tail -n 1 | sed 's/ *$//'
}

# Wait until the prompt line is exactly $1.
wait_prompt()
{
	_i=0
	while [ $_i -lt 50 ]; do
		[ "$(prompt_line)" = "$1" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "--- screen ---" >&2
	tui_screen >&2
	fail "prompt line is '$(prompt_line)', not '$1'"
}

# The terminal cursor's column must be $1.
check_cursor()
{
	_x=$($NR_TMUX display -p '#{cursor_x}')
	[ "$_x" = "$1" ] || fail "cursor at column $_x, not $1 ($2)"
}

tui_start
tui_wait "Feeds (3) - 5 unread, 5 items"

# Left moves (it used to delete), text goes in at the cursor.
tui_keys F
wait_prompt "filter:"
tui_keys -l 'sport +chna'
tui_keys Left Left
tui_keys -l 'i'
wait_prompt "filter: sport +china"
check_cursor 18 "after the inserted i"
# Home, then Delete takes "sport " away.
tui_keys Home DC DC DC DC DC DC
wait_prompt "filter: +china"
check_cursor 8 "Home"
# End, a word, ^W takes it back.
tui_keys End
tui_keys -l ' xyz'
wait_prompt "filter: +china xyz"
tui_keys C-w
wait_prompt "filter: +china"
check_cursor 15 "after ^W"
# ^K cuts from the cursor to the end.
tui_keys -l -- '-sport junk'
tui_keys Left Left Left Left Left C-k
wait_prompt "filter: +china -sport"
# ^A and ^E move as Home and End do.
tui_keys C-a
check_cursor 8 "^A"
tui_keys C-e Enter
n=$(list_count '+china -sport')
[ "$n" = 2 ] || fail "--list +china -sport: $n"
tui_wait "filter: +china -sport · $n items"
tui_wait "Beta Two"

# A second query; Up walks back through both, Down comes back to the
# line being typed.
tui_keys F C-u
wait_prompt "filter:"
tui_keys -l '+news'
tui_keys Enter
tui_wait "filter: +news · 2 items"
tui_keys F C-u
tui_keys -l 'typed'
wait_prompt "filter: typed"
tui_keys Up
wait_prompt "filter: +news"
tui_keys Up
wait_prompt "filter: +china -sport"
check_cursor 21 "a recalled entry: cursor at its end"
tui_keys Up
wait_prompt "filter: +china -sport"
tui_keys Down
wait_prompt "filter: +news"
tui_keys Down
wait_prompt "filter: typed"
tui_keys Escape
# Another kind has a history of its own: / does not offer filters.
tui_keys /
wait_prompt "/"
tui_keys Up
sleep 0.3
wait_prompt "/"
tui_keys Escape

# Cyrillic and CJK: whole characters, the cursor in the right column.
tui_keys F C-u
tui_keys -l '中文 при'
wait_prompt "filter: 中文 при"
check_cursor 16 "after CJK and Cyrillic"
tui_keys Home Right
check_cursor 10 "after one wide character"
tui_keys -l 'x'
wait_prompt "filter: 中x文 при"
tui_keys End Left Left BSpace
wait_prompt "filter: 中x文 ри"
check_cursor 14 "after deleting a Cyrillic letter"
tui_keys Left Left BSpace
wait_prompt "filter: 中文 ри"
check_cursor 10 "after deleting the x between two CJK characters"
# e + U+0301 goes as one.
tui_keys C-u
tui_keys -l 'café'
tui_keys Left
check_cursor 11 "before e with its accent"
tui_keys DC
wait_prompt "filter: caf"
# A long line scrolls: the cursor stays on screen, Home shows the start.
tui_keys C-u
tui_keys -l 'is:unread aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaazz'
tui_wait "aazz"
prompt_line | grep -q '^filter: a*zz$' || fail "long line not scrolled"
check_cursor 79 "end of a long line"
tui_keys Home
tui_wait "filter: is:unread aaa"
check_cursor 8 "Home of a long line"
tui_keys Escape
tui_quit

# The file: kind-prefixed lines, newest last.
hist=$NEWSREADER_HOME/.history
[ -f "$hist" ] || fail "no $hist"
[ "$(cat "$hist")" = "$(printf 'F +china -sport\nF +news')" ] ||
    fail "history file: $(cat "$hist")"

# After a restart Up still recalls them.
tui_start
tui_wait "Feeds (3)"
tui_keys F
wait_prompt "filter:"
tui_keys Up
wait_prompt "filter: +news"
tui_keys Up Enter
tui_wait "filter: +china -sport · 2 items"
tui_quit
# Submitting an entry again moves it to the end, once.
[ "$(cat "$hist")" = "$(printf 'F +news\nF +china -sport')" ] ||
    fail "history file after a repeat: $(cat "$hist")"

# Garbage, controls and a torn line are skipped; the rest is kept.
printf 'junk\nF a\033[2Jb\n\001\002\nF +sport\nZ nope\nF torn' >"$hist"
tui_start
tui_wait "Feeds (3)"
tui_keys F Up
wait_prompt "filter: +sport"
tui_keys Up
wait_prompt "filter: +sport"
tui_keys Escape
tui_quit
# A FIFO in its place does not block start-up.
rm -f "$hist"
mkfifo "$hist" || fail "mkfifo"
tui_start
tui_wait "Feeds (3)"
tui_quit
exit 0
