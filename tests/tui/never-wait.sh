#!/bin/sh
# The interface never waits for the lock: while another process holds
# the data directory's lock for 5 s, a mark shows at once ("saving..."),
# the cursor still moves within a second, and the mark is on disk once
# the lock is free.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
command -v flock >/dev/null 2>&1 || skip "flock(1) is missing"
tui_setup
TZ=UTC
export TZ
tui_article local 001 00000000000000a1 2026-11-20 "Item one" news "one"
tui_article local 002 00000000000000a2 2026-11-21 "Item two" news "two"
tui_article local 003 00000000000000a3 2026-11-22 "Item three" news "3"
tui_start --feed local
tui_wait "Item three"

hold_lock
tui_keys m
tui_wait "saving"
# Every key is answered while the lock is held: j moves the cursor and
# Enter opens the second item, within 1 s.
start=$(date +%s%N)
tui_keys j Enter
until tui_screen | grep -q "article 2/3"; do
	[ $(( ($(date +%s%N) - start) / 1000000 )) -le 1000 ] ||
	    fail "j was not answered within 1 s while the lock was held"
	sleep 0.02
done
tui_screen | grep -q "saving" || fail "the mark was saved under the lock"
"$NR_BIN" --list | grep -q "^00000000000000a3	.*	N-	Item three" ||
    fail "the mark reached the disk while the lock was held"
# Once the lock is free, the mark is written.
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
tui_wait_gone "saving"
"$NR_BIN" --list | grep -q "^00000000000000a3	.*	--	Item three" ||
    fail "the mark is not on disk: $("$NR_BIN" --list)"
"$NR_BIN" --list | grep -q "^00000000000000a2	.*	--	Item two" ||
    fail "opening did not mark read: $("$NR_BIN" --list)"
tui_quit
echo "PASS: never-wait"
