#!/bin/sh
# Locale fallback (issue 12): run with no locale variables at all
# (env -i), the interface reads characters as C.UTF-8, as tmux does, and
# draws Cyrillic and CJK titles; with a locale the user set (LC_ALL=C),
# that locale is kept. Before this test's commit, env -i drew '?'.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || skip "no C.UTF-8 locale"
tui_setup
tui_article mixed 001 00000000000000d1 2026-11-20 "Plain ASCII title" \
    tagx "x"
tui_article mixed 002 00000000000000d2 2026-11-21 \
    "Новый трамвай выходит на линию" tagx "x"
tui_article mixed 003 00000000000000d3 2026-11-22 "東京の工場で生産開始" \
    tagx "x"

# start ENV...: the interface on feed "mixed" under env -i ENV.
start()
{
	: >"$NR_TMP/stderr"
	$NR_TMUX new-session -d -x 80 -y 24 \
	    "env -i TERM=xterm-256color HOME='$HOME' \
	    XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
	    NEWSREADER_HOME='$NEWSREADER_HOME' BROWSER=false \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS='$ASAN_OPTIONS'} \
	    ${UBSAN_OPTIONS:+UBSAN_OPTIONS='$UBSAN_OPTIONS'} $* \
	    '$NR_BIN' --feed mixed 2>'$NR_TMP/stderr'" ||
	    fail "tmux new-session failed"
}

start
tui_wait "Plain ASCII title"
tui_wait "Новый трамвай выходит на линию"
tui_wait "東京の工場で生産開始"
tui_quit

# A locale of the user's own choosing is kept: no UTF-8 under LC_ALL=C.
start LC_ALL=C
tui_wait "Plain ASCII title"
tui_screen >"$NR_TMP/screen"
grep -q "Новый" "$NR_TMP/screen" && fail "LC_ALL=C was replaced by UTF-8"
tui_quit
exit 0
