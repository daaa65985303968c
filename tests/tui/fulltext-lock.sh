#!/bin/sh
# f while another process holds the data directory's lock: the page is
# fetched, the status line says the article waits for the other
# newsreader, keys are answered (? within 3 s), nothing reaches the disk
# until the lock is free; then both items' pages (f on two items of the
# same feed meanwhile) are stored and a mark made meanwhile is kept;
# after that, f works at once. Q while a page and a mark wait for the
# lock waits, then ends by itself when the lock is free; Q twice ends at
# once and says on stderr what was not stored.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
command -v flock >/dev/null 2>&1 || skip "flock(1) is missing"
TZ=UTC
export TZ
tui_setup
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
start_server "$WWW"
for n in one two three four five; do
	cat >"$WWW/$n.html" <<HTML
<!DOCTYPE html><html><head><title>Page $n</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Page $n</h1>
<p>Pagetext-$n. This first paragraph of the page article carries enough
words, commas, and sentences to be taken for the body of a story.</p>
<p>A second paragraph follows with more words, more commas, and more
sentences, so that the article block wins over the navigation.</p>
</article></body></html>
HTML
done
tui_loop_feed "$WWW/loop.xml" one:14 two:13 three:12 four:11 five:10
printf '%s/loop.xml name=loop\n' "$NR_URL" >"$XDG_CONFIG_HOME/newsreader/feeds"
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "--refresh"
body_of()
{
	"$NR_BIN" --list "=loop" | grep "	Item $1	" | cut -f1 |
	    xargs "$NR_BIN" --show | sed -n '6,$p'
}

tui_start
tui_wait "Feeds ("
tui_keys j
tui_keys Enter
tui_wait "Item three"
tui_keys g g

# Another process holds the lock until $NR_TMP/release exists (30 s at
# most).
hold_lock

tui_keys f
tui_wait "Title: Item one"
tui_wait "waiting for another newsreader"
[ "$(count_log '^GET /one.html 200')" -eq 1 ] ||
    fail "page requests: $(cat "$NR_SERVER_LOG")"
# Keys are answered: help within 3 s.
tui_help_within 3000 "while the lock was held"
tui_wait "Title: Item one"
# The second item's page, and a star, meanwhile.
tui_keys q
tui_wait "Item two"
tui_keys j f
tui_wait "Title: Item two"
tui_keys q
tui_keys j s
tui_wait "starred"
i=0
while [ "$(count_log '^GET /two.html 200')" -ne 1 ]; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "page two not fetched: $(cat "$NR_SERVER_LOG")"
	sleep 0.1
done
sleep 1
tui_screen | grep -q "waiting for another newsreader" ||
    fail "no word of the lock: $(tui_screen | tail -1)"
body_of one | grep -q "Pagetext" && fail "stored under another's lock"

# The lock is let go: both pages and the star are stored.
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
i=0
until body_of one | grep -q "^Pagetext-one\." &&
    body_of two | grep -q "^Pagetext-two\."; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "not stored after the lock was freed:
$(body_of one)
$(body_of two)"
	sleep 0.1
done
tui_wait_gone "waiting for another newsreader"
"$NR_BIN" --list "=loop" | grep -q "	NS	Item three	" ||
    fail "the star was lost: $("$NR_BIN" --list "=loop")"
# f works at once now.
tui_keys f
tui_wait "Title: Item three"
tui_wait "the page's article is stored"
tui_wait "Pagetext-three."
body_of three | grep -q "^Pagetext-three\." || fail "page three not stored"

# page_fetched NAME: its page came in, and waits for the lock (a fetch
# still under way is dropped by Q, as a feed's is).
page_fetched()
{
	i=0
	while [ "$(count_log "^GET /$1.html 200")" -ne 1 ]; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "page $1 not fetched: $(cat "$NR_SERVER_LOG")"
		sleep 0.1
	done
	sleep 1
	tui_wait "waiting for another newsreader"
}

# Q while a page and a read mark wait for the lock: the interface waits
# for it, saying so, and ends by itself once it is free, all stored.
rm -f "$NR_TMP/release"
hold_lock
tui_keys q
tui_wait "Item four"
tui_keys j f
tui_wait "Title: Item four"
page_fetched four
tui_keys Q
tui_wait "newsreader] quitting after it (Q: quit unsaved)"
sleep 0.5
$NR_TMUX has-session 2>/dev/null || fail "quit without waiting"
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
tui_wait_exit
body_of four | grep -q "^Pagetext-four\." || fail "page four: $(body_of four)"
"$NR_BIN" --list "=loop" | grep -q "	--	Item four	" ||
    fail "item four not read: $("$NR_BIN" --list "=loop")"

# Q twice: out at once; stderr says what was not stored.
rm -f "$NR_TMP/release"
tui_start
tui_wait "Feeds ("
hold_lock
tui_keys Enter
tui_wait "Item five"
tui_keys G f
tui_wait "Title: Item five"
page_fetched five
tui_keys Q
tui_wait "newsreader] quitting after it (Q: quit unsaved)"
tui_quit "^newsreader: warning: quit while 1 fetched feed or page and [0-9]* \
changes* (read, stars, tags) waited for another newsreader's lock: not stored$"
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
body_of five | grep -q "Pagetext" && fail "page five stored after all"
body_of five | grep -q "^Feedtext five\." || fail "item five: $(body_of five)"
exit 0
