#!/bin/sh
# Titles and bodies carrying escape sequences reach the screen cleaned:
# no OSC title or clipboard payload, no colour or erase sequences.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
esc=$(printf '\033')
bel=$(printf '\007')
# Article lines reject C0 controls (docs/FORMAT.md), so the title carries
# a C1 CSI; the body keeps OSC, CSI and DCS sequences.
title="Evil$(printf '\302\233')31m title red end"
body="Body ${esc}]52;c;U0VDUkVUUEFZTE9BRA==${bel}text$(printf '\302\233')31m \
more ${esc}P1;2qDCSDATA${esc}\\ done"
tui_article evil 001 00000000000000e1 2026-11-20 "$title" tag "$body"

tui_start --feed evil
tui_wait "title red end"
tui_keys Enter
tui_wait "title red end"
tui_wait "Body text"
tui_screen -e >"$NR_TMP/screen"
for bad in "31m title" "31m more" U0VDUkVUUEFZTE9BRA SECRETPAYLOAD \
    DCSDATA; do
	grep -q "$bad" "$NR_TMP/screen" && fail "$bad reached the screen"
done
# Only SGR sequences (attributes) may remain in the captured text.
sed 's/\x1b\[[0-9;:]*m//g' "$NR_TMP/screen" | grep -q "$esc" &&
    fail "a non-SGR escape sequence reached the screen"
title=$($NR_TMUX display-message -p '#{pane_title}')
case $title in *PWNED*) fail "the window title was changed" ;; esac
tui_quit
exit 0
