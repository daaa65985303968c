#!/bin/sh
# Saved filters: "filter NAME QUERY" lines of the config file appear as
# virtual feeds with live counts matching newsreader --list QUERY; Enter
# makes the query the active one; a bad query is reported at start-up.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"
cat >"$XDG_CONFIG_HOME/newsreader/config" <<'EOF2'
filter "China news" "+china"
filter 'Not sport, Nov' '-sport @2026-11-01..2026-11-30'
EOF2

tui_start
tui_wait "Feeds (3) - 5 unread, 5 items"
n=$(list_count '+china')
tui_wait "   $n/$n    China news  [+china]"
n=$(list_count '-sport @2026-11-01..2026-11-30')
[ "$n" = 3 ] || fail "--list: $n"
tui_wait "   $n/$n    Not sport, Nov  [-sport @2026-11-01..2026-11-30]"
tui_screen | sed -n 3p | grep -q '^=' || fail "saved filters after all"
tui_keys j Enter
tui_wait "filter: +china · 3 items"
# The list is named after the saved filter (issue 12).
tui_screen | head -1 | grep -q "^China news - 3 unread, 3 of 5 items" ||
    fail "saved filter title: $(tui_screen | head -1)"
# m marks Alpha Two (china, sport) read: only the first count moves.
tui_keys m
tui_keys q
tui_wait "   2/3    China news"
# q put the query back as it was (none).
tui_screen | grep -q "filter:" && fail "the saved filter's query stayed"
tui_wait "   3/3    Not sport, Nov"
tui_quit

# A malformed saved query: a warning with the line, before curses.
echo 'filter "Broken" "+china ("' >>"$XDG_CONFIG_HOME/newsreader/config"
tui_start
tui_wait "Feeds (3)"
tui_quit 'config:3: filter: column 8: unbalanced'
exit 0
