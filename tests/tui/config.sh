#!/bin/sh
# Keys and colours from the config file: rebinds act and show on the help
# screen; colours reach the screen on 256- and 8-colour terminals, and
# NO_COLOR leaves attributes only.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
tui_article cfg 001 00000000000000c1 2026-11-20 "Config Story" news "x"
cat >"$XDG_CONFIG_HOME/newsreader/config" <<'CFG'
# keys
bind x toggle-read
unbind m
bind C-d page-down
color title yellow red bold
color cursor black green
color link color200 default underline
CFG
esc=$(printf '\033')

tui_start --feed cfg
tui_wait "cfg - 1 unread, 1 item"
tui_keys m
sleep 0.3
tui_screen | grep -q "cfg - 1 unread" || fail "m still toggles read"
tui_keys x
tui_wait "cfg - 0 unread, 1 item"
tui_keys '?'
tui_wait "Help - keys"
tui_screen | grep -q '^x  *toggle read$' || fail "help does not show x"
# Page down is among the other keys, below the item list's own.
tui_keys j j j j j j j j
tui_wait "page down"
tui_screen | grep -q '^PgDn, Space, b\|^PgDn, Space, ^D  *page down$' ||
    fail "help does not show ^D"
tui_keys q
tui_wait "cfg - 0 unread, 1 item"
tui_screen -e >"$NR_TMP/screen"
grep -q "${esc}\[33m" "$NR_TMP/screen" || fail "no yellow title (256)"
grep -q "${esc}\[41m" "$NR_TMP/screen" || fail "no red title bg (256)"
grep -q "${esc}\[42m" "$NR_TMP/screen" || fail "no green cursor (256)"
tui_quit

# An 8-colour terminal: named colours still work, color200 falls back.
TUI_ENV="TERM=xterm"
tui_start --feed cfg
tui_wait "cfg - 0 unread, 1 item"
tui_screen -e >"$NR_TMP/screen"
grep -q "${esc}\[41m" "$NR_TMP/screen" || fail "no red title bg (8)"
grep -q "${esc}\[42m" "$NR_TMP/screen" || fail "no green cursor (8)"
tui_keys Enter
tui_wait "Link:  https://example.com/00000000000000c1"
tui_quit

# NO_COLOR: attributes (bold, reverse) but no colour at all.
TUI_ENV="NO_COLOR=1"
tui_start --feed cfg
tui_wait "cfg - 0 unread, 1 item"
tui_screen -e >"$NR_TMP/screen"
grep -q "${esc}\[[0-9;]*\(3[0-8]\|4[0-8]\|9[0-7]\|10[0-7]\)[;m]" \
    "$NR_TMP/screen" && fail "colour codes with NO_COLOR"
grep -q "${esc}\[\(0;\)\?1m" "$NR_TMP/screen" || fail "no bold with NO_COLOR"
grep -q "${esc}\[\(0;\)\?7m" "$NR_TMP/screen" || {
	cat -v "$NR_TMP/screen" >&2
	fail "no reverse cursor"
}
tui_quit
exit 0
