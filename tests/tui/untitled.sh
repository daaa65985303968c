#!/bin/sh
# An item with no title shows one made from its link, as newsboat does
# (issue 12, small items): the link's last path segment, extension off,
# dashes as spaces, first letter upper case, in the item list and the
# article view; cleaned like any field (an escape in the link never
# reaches the terminal); "(no title)" when the link has no path. On
# 8766e15 every untitled row read "(no title)".
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
# untitled SEQ HASH DATE LINK: an article file with an empty title.
untitled()
{
	mkdir -p "$NEWSREADER_HOME/bare" || fail "mkdir"
	printf 'date %s %s\n\n\n\nbody of %s\n' "$3" "$4" "$2" \
	    >"$NEWSREADER_HOME/bare/$1_$2.txt" || fail "write article"
}
untitled 001 00000000000000e1 2026-11-20 \
    'https://example.com/2026/11/new-tram-line.html?utm=x'
untitled 002 00000000000000e2 2026-11-21 'https://example.com/'
untitled 003 00000000000000e3 2026-11-22 \
    'https://example.com/%1b%5d0%3bpwned%07city_library-opens/'
tui_start --feed bare
tui_wait "New tram line"
tui_wait "City library opens"
tui_wait "(no title)"
tui_screen | grep -q pwned && fail "an escape's text reached the screen"
tui_keys G
tui_keys Enter
tui_wait "Title: New tram line"
tui_quit
exit 0
