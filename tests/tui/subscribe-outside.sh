#!/bin/sh
# a, E and d in the states a user reaches. a while another process holds
# the data directory's lock: the line is written, keys are answered, the
# feed's items come once the lock is free. E after another program
# edited the feed's line since the start: the prompt shows the line as it
# is on disk now, and saving keeps that program's change; a line changed
# between E and Enter is not overwritten (said, nothing saved). d after
# another program's edits: only the feed's line goes; a line another
# program removed is said to be gone, and the file is left alone; a of
# its URL then writes the line and keeps the feed on the list.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
command -v flock >/dev/null 2>&1 || skip "flock(1) is missing"
tui_setup
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
start_server "$WWW"
F=$XDG_CONFIG_HOME/newsreader/feeds
# rss PATH TITLE WORD
rss()
{
	printf '<?xml version="1.0"?><rss version="2.0"><channel>
<title>%s</title><item><title>%s story</title><guid>urn:%s</guid></item>
</channel></rss>\n' "$2" "$3" "$1" >"$WWW/$1"
}
rss one.xml "One Feed" Alpha
rss two.xml "Two Feed" Bravo
rss three.xml "Three Feed" Charlie
rss four.xml "Four Feed" Delta
printf '# mine\n%s/one.xml name=one news "~One"\n%s/two.xml name=two "~Two"\n%s/three.xml name=three "~Three"\n' \
    "$NR_URL" "$NR_URL" "$NR_URL" >"$F"
"$NR_BIN" --refresh >/dev/null 2>&1 || fail "--refresh"

tui_start
tui_wait "Three"

# a under another process's lock.
hold_lock
tui_keys a
tui_wait "add (URL"
tui_keys -l "$NR_URL/four.xml name=four ~Four"
tui_keys Enter
tui_wait "waiting for another newsreader"
grep -qx "$NR_URL/four.xml \"~Four\" name=four" "$F" ||
    fail "feeds file after a: $(cat "$F")"
tui_help_within 3000 "while the lock was held"
tui_wait "Four"
"$NR_BIN" --list '=four' 2>/dev/null | grep -q "Delta story" &&
    fail "stored under another's lock"
touch "$NR_TMP/release"
wait $NR_LOCK_HOLDER
tui_wait_gone "waiting for another newsreader"
i=0
until "$NR_BIN" --list '=four' 2>/dev/null | grep -q "Delta story"; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "four's items not stored after the lock"
	sleep 0.1
done

# Another program edits two's line (a tag, another title) and adds one.
sed "s|^$NR_URL/two.xml .*|$NR_URL/two.xml tech name=two \"~Two Edited\"|" \
    "$F" >"$F.new" && mv "$F.new" "$F" || fail "edit"
printf '%s/five.xml name=five\n' "$NR_URL" >>"$F"
# E on two: the line as it is now; adding a tag keeps theirs.
tui_keys g g j j
tui_keys E
tui_wait "edit two: "
tui_wait "tech"
tui_wait "~Two Edited"
tui_keys End
tui_keys -l " mine"
tui_keys Enter
tui_wait "two: saved"
grep -qx "$NR_URL/two.xml tech name=two \"~Two Edited\" mine" "$F" ||
    grep -qx "$NR_URL/two.xml tech mine name=two \"~Two Edited\"" "$F" ||
    fail "E lost the other program's change: $(cat "$F")"
grep -qx "$NR_URL/five.xml name=five" "$F" || fail "E lost five: $(cat "$F")"
# The line changes between E and Enter: not saved, and said.
tui_keys E
tui_wait "edit two: "
sed "s|^$NR_URL/two.xml .*|$NR_URL/two.xml name=two \"~Two Again\"|" \
    "$F" >"$F.new" && mv "$F.new" "$F" || fail "edit"
cp "$F" "$NR_TMP/want"
tui_keys C-u
tui_keys -l 'name=two "~Mine"'
tui_keys Enter
tui_wait "its line was changed in the feeds file meanwhile"
cmp -s "$F" "$NR_TMP/want" || fail "E overwrote their line: $(cat "$F")"

# d on three after another program's edit of one's line: three goes,
# the rest stays as they left it.
sed "s|^$NR_URL/one.xml .*|$NR_URL/one.xml name=one news extra \"~One\"|" \
    "$F" >"$F.new" && mv "$F.new" "$F" || fail "edit"
grep -v "/three.xml" "$F" >"$NR_TMP/want"
tui_keys g g j j j
tui_keys d
tui_wait "remove three from the feeds file?"
tui_keys y
tui_wait "removed three"
cmp -s "$F" "$NR_TMP/want" || fail "d: $(cat "$F")"
# d on one after another program removed its line: said, file unchanged.
grep -v "/one.xml" "$F" >"$F.new" && mv "$F.new" "$F" || fail "edit"
cp "$F" "$NR_TMP/want"
tui_keys g g j
tui_keys d
tui_wait "remove one from the feeds file?"
tui_keys y
tui_wait "no longer in the feeds file"
cmp -s "$F" "$NR_TMP/want" || fail "d rewrote the file: $(cat "$F")"
# a of that URL again: its line is back, and the list has the feed.
tui_keys a
tui_wait "add (URL"
tui_keys -l "$NR_URL/one.xml name=one"
tui_keys Enter
tui_wait "added one; it is on the list already"
grep -qx "$NR_URL/one.xml name=one" "$F" || fail "a: $(cat "$F")"
tui_quit
exit 0
