#!/bin/sh
# Problems in the config and feeds file are shown in the interface at
# start (issue 12): the status line counts them, M opens the message log
# with each one (file:line: what), q goes back; the log also keeps what
# the status line said during the session. On 8766e15 they went to
# stderr only, where curses hid them until the user quit, and the feeds
# file's problems nowhere.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article cfg 001 00000000000000c1 2026-11-20 "Config Story" news "x"
C=$XDG_CONFIG_HOME/newsreader/config
cat >"$C" <<'CFG'
bind x no-such-op
color nosuch red default
filter "broken" "+news ("
CFG
echo 'http://127.0.0.1:1/a.xml name=a "~unterminated' \
    >>"$XDG_CONFIG_HOME/newsreader/feeds"

tui_start --feed cfg
tui_wait "4 problems in the config or feeds file: M shows them"
tui_keys M
tui_wait "Messages ("
tui_screen >"$NR_TMP/screen"
for want in "config:1:" "config:2:" "config:3:" "feeds:2: unterminated quote"; do
	grep -q "$want" "$NR_TMP/screen" ||
	    fail "no '$want' in the log: $(cat "$NR_TMP/screen")"
done
tui_keys q
tui_wait "cfg - 1 unread, 1 item"
# What the status line says goes to the log too.
tui_keys m
tui_wait "marked read"
tui_keys M
tui_wait "marked read"
tui_screen | grep -q "^[0-2][0-9]:[0-5][0-9] marked read" ||
    fail "no time-stamped 'marked read' in the log"
tui_keys q
tui_wait "cfg - 0 unread, 1 item"
# The config's problems were also printed on stderr (before curses).
tui_quit "config:1:"

# A clean config: no announcement, and M says there is nothing yet.
: >"$C"
echo 'http://127.0.0.1:1/closed.xml name=sputnik "~Sputnik"' \
    >"$XDG_CONFIG_HOME/newsreader/feeds"
tui_start --feed cfg
tui_wait "cfg - 0 unread, 1 item"
tui_screen | grep -q "problem" && fail "problems announced with none"
tui_keys M
tui_wait "Messages ("
tui_quit
exit 0
