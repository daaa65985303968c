#!/bin/sh
# Q while changes wait for another process's lock, from the views a
# user quits from: a / search in an item list, a day view, a saved
# filter, and a terminal whose locale is not UTF-8. Q waits, says so, and ends by
# itself once the lock is free, all stored; Q twice ends at once and
# says on stderr what was not stored.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
command -v flock >/dev/null 2>&1 || skip "flock(1) is missing"
TZ=UTC
export TZ
tui_setup
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
start_server "$WWW"
tui_loop_feed "$WWW/loop.xml" one:14 two:13 three:12 four:11
printf '%s/loop.xml name=loop\n' "$NR_URL" >"$XDG_CONFIG_HOME/newsreader/feeds"
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "--refresh"
flags_of()
{
	"$NR_BIN" --list "=loop" | awk -F '\t' -v t="Item $1" '$5 == t {
	    print $4 }'
}
[ "$(flags_of three)" = "N-" ] || fail "item three: $(flags_of three)"

# A / search, a star made while another process holds the lock, Q: the
# search stays on screen while Q waits; the star is stored after it.
tui_start
tui_wait "Feeds ("
tui_keys j Enter
tui_wait "Item four"
tui_keys / t h r e e Enter
tui_wait "search: three"
tui_screen | grep -q "Item two" && fail "the search shows item two"
hold_lock
tui_keys s
tui_wait "[saving… waiting for another newsreader]"
tui_keys Q
tui_wait "newsreader] quitting after it (Q: quit unsaved)"
tui_wait "search: three"
sleep 0.5
$NR_TMUX has-session 2>/dev/null || fail "quit without waiting"
[ "$(flags_of three)" = "N-" ] || fail "stored under another's lock"
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
tui_wait_exit
[ "$(flags_of three)" = "NS" ] || fail "the star: $(flags_of three)"

# A day view (] from all dates: the day of the item under the cursor),
# a read mark under the lock, Q twice: out at once, the mark not stored.
rm -f "$NR_TMP/release"
tui_start
tui_wait "Feeds ("
tui_keys j Enter
tui_wait "Item four"
tui_keys j ']'
tui_wait "2023-04-13"
tui_screen | grep -q "Item four" && fail "the day view shows item four"
hold_lock
tui_keys m
tui_wait "waiting for another newsreader"
tui_keys Q
tui_wait "quitting after it (Q: quit unsaved)"
tui_quit "^newsreader: warning: quit while 1 change (read, stars, tags) \
waited for another newsreader's lock: not stored$"
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
[ "$(flags_of two)" = "N-" ] || fail "the mark was stored: $(flags_of two)"

# A saved filter (the second row of the feed list), a star under the
# lock, Q twice: out at once, the star not stored.
rm -f "$NR_TMP/release"
echo 'filter "Loop days" "=loop @2023-04-12..2023-04-13"' \
    >"$XDG_CONFIG_HOME/newsreader/config"
tui_start
tui_wait "Loop days"
# (all items), the saved filter, the feeds: the second row.
tui_keys k k k k j Enter
tui_wait "filter: =loop @2023-04-12..2023-04-13 · 2 items"
tui_screen | grep -q "Item one" && fail "the saved filter shows item one"
hold_lock
tui_keys s
tui_wait "waiting for another newsreader"
tui_keys Q
tui_wait "quitting after it (Q: quit unsaved)"
tui_screen | head -1 | grep -q "^Loop days - " ||
    fail "the saved filter left: $(tui_screen | head -1)"
tui_quit "^newsreader: warning: quit while 1 change (read, stars, tags) \
waited for another newsreader's lock: not stored$"
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
[ "$(flags_of two)" = "N-" ] || fail "the star was stored: $(flags_of two)"
rm -f "$XDG_CONFIG_HOME/newsreader/config"

# The same wait in a day view in a terminal without a UTF-8 locale: the
# interface's own "…" and "·" are drawn as "..." and "-", not as '?';
# Q still waits.
rm -f "$NR_TMP/release"
TUI_ENV="LANG=C LC_ALL=C"
tui_start
tui_wait "Feeds ("
tui_keys j Enter
tui_wait "Item four"
tui_keys G ']'
tui_wait "Tue 11 Apr 2023 - 1 item"
hold_lock
tui_keys s
tui_wait "[saving... waiting for another newsreader]"
tui_keys Q
tui_wait "newsreader] quitting after it (Q: quit unsaved)"
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
tui_wait_exit
[ "$(flags_of four)" = "NS" ] || fail "item four: $(flags_of four)"
exit 0
