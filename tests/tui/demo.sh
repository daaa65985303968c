#!/bin/sh
# --demo on a terminal: the bundled feeds refreshed over file:// into a
# temporary data dir (no Sputnik), the mixed list, links by number, and
# nothing left behind.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
mkdir -p "$NR_TMP/tmp" || fail "mkdir"
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >>"%s/opened"\n' "$NR_TMP" \
    >"$NR_TMP/browser" || fail "write browser"
chmod +x "$NR_TMP/browser" || fail "chmod"
TUI_ENV="TMPDIR=$NR_TMP/tmp BROWSER=$NR_TMP/browser"
tui_start --demo
tui_wait "Feeds (4) - 12 unread, 12 items"
tui_wait "Городские новости"
tui_wait "東京テック"
tui_screen | grep -q '^  *12/12  *(all items)' || fail "no all-items row"
tui_screen | grep -qi sputnik && fail "the built-in feed is shown"
ls "$NR_TMP/tmp" | grep -q '^newsreader-demo\.' || fail "no temp dir"

# The mixed list: newest first, with the feed column.
tui_keys Enter
tui_wait "All items (4 feeds) - 12 unread, 12 items"
tui_screen | sed -n 2p | grep -q '^N  2026-11-27 東京テック *新型チップの量産開始' ||
    fail "newest item is not first"
tui_screen | sed -n 3p | grep -q 'Lattice Science *Rain Gauges Go Solar' ||
    fail "second row is not Rain Gauges"
tui_screen | grep -q 'Городские новос.*Новый трамвайный маршрут' ||
    fail "no Cyrillic row"

# An article from the mixed list; its links by number.
tui_keys j j j Enter
tui_wait "Title: Bees Count Better Than Expected"
tui_wait "all - article 4/12"
tui_wait "[2] https://lattice.example/"
tui_keys 2
tui_wait "open link: 2"
tui_keys Enter
tui_wait "opened in"
grep -qx 'https://lattice.example/' "$NR_TMP/opened" ||
    fail "link 2 was not opened"
tui_keys 9 Enter
tui_wait "no link 9 (the article has 2)"
tui_keys J
tui_wait "Title: В парке высадили двести лип"
tui_wait "all - article 5/12"
tui_keys q
tui_wait "All items (4 feeds) - 10 unread, 12 items"
tui_keys q
tui_wait "Feeds (4) - 10 unread, 12 items"
tui_quit
[ -z "$(ls "$NR_TMP/tmp")" ] || fail "--demo left its temporary data dir"
exit 0
