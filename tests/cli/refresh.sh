#!/bin/sh
# --refresh against a loopback server: 24 feeds in parallel, conditional
# re-runs (304s counted by the server), a changed feed, state kept.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 24 5 || fail "mkfeeds"
start_server "$WWW"
FEEDS=$NR_TMP/feeds
i=0
{
	echo "# test feeds"
	while [ $i -lt 24 ]; do
		printf '%s/feed%03d.xml name=feed%02d news "~Feed %d"\n' \
		    "$NR_URL" $i $i $i
		i=$((i + 1))
	done
} >"$FEEDS"

"$NR" --feeds "$FEEDS" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err"
rc=$?
[ $rc -eq 0 ] || fail "first refresh exited $rc: $(cat "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/out")" -eq 24 ] || fail "want 24 summary lines"
grep -q "^feed07	ok	5	0	$" "$NR_TMP/out" ||
    fail "feed07 line: $(grep feed07 "$NR_TMP/out")"
[ "$(grep -c '	ok	5	0	' "$NR_TMP/out")" -eq 24 ] || fail "not all ok"
[ "$(find "$NEWSREADER_HOME" -name '*.txt' | wc -l)" -eq 120 ] ||
    fail "want 120 article files"
[ "$(count_log ' cond=1$')" -eq 0 ] || fail "first run sent conditionals"
"$NR" --list >"$NR_TMP/list" || fail "--list"
[ "$(wc -l <"$NR_TMP/list")" -eq 120 ] || fail "--list rows"
# Item tags plus the feed's tag from the feeds file.
grep -q '	feed03	N-	Feed 3 item 1	cat1,news	http://127.0.0.1/f3/i1$' \
    "$NR_TMP/list" || fail "row: $(grep 'Feed 3 item 1' "$NR_TMP/list")"

# Mark one item read by hand in its state file; refreshes must keep it.
id=$(grep '	Feed 3 item 2	' "$NR_TMP/list" | cut -f1)
sed -i "s/^item	$id	-/item	$id	r/" "$NEWSREADER_HOME/feed03/.meta/state"
grep -q "^item	$id	r	" "$NEWSREADER_HOME/feed03/.meta/state" ||
    fail "could not mark $id read"
find "$NEWSREADER_HOME" -name '*.txt' -exec ls -l --time-style=full-iso {} + \
    | sort >"$NR_TMP/before"
sleep 1

# Second run: every request conditional, every answer 304, nothing written.
: >"$NR_SERVER_LOG"
"$NR" --feeds "$FEEDS" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "second refresh: $(cat "$NR_TMP/err")"
[ "$(grep -c '	not-modified	0	0	' "$NR_TMP/out")" -eq 24 ] ||
    fail "second run: $(head -3 "$NR_TMP/out")"
[ "$(count_log ' 304 cond=1$')" -eq 24 ] ||
    fail "want 24 conditional 304s, log: $(head -3 "$NR_SERVER_LOG")"
find "$NEWSREADER_HOME" -name '*.txt' -exec ls -l --time-style=full-iso {} + \
    | sort >"$NR_TMP/after"
cmp -s "$NR_TMP/before" "$NR_TMP/after" || fail "a 304 touched the cache"

# Feed 3 changes: item 0 corrected, item 5 added. Only it is written.
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 24 5 --change 3 || fail "change"
touch -d '+1 minute' "$WWW/feed003.xml"
"$NR" --feeds "$FEEDS" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "third refresh: $(cat "$NR_TMP/err")"
grep -q "^feed03	ok	1	1	$" "$NR_TMP/out" ||
    fail "feed03 after change: $(grep feed03 "$NR_TMP/out")"
[ "$(grep -c 'not-modified' "$NR_TMP/out")" -eq 23 ] ||
    fail "the other feeds were not 304: $(grep -v not-mod "$NR_TMP/out")"
find "$NEWSREADER_HOME" -name '*.txt' -exec ls -l --time-style=full-iso {} + \
    | sort >"$NR_TMP/after"
[ "$(diff "$NR_TMP/before" "$NR_TMP/after" | grep -c '^>')" -eq 2 ] ||
    fail "want exactly 2 files new or changed"
"$NR" --list >"$NR_TMP/list" || fail "--list after change"
[ "$(wc -l <"$NR_TMP/list")" -eq 121 ] || fail "want 121 rows"
grep -q '	Feed 3 item 0 (corrected)	' "$NR_TMP/list" || fail "no correction"
[ "$(grep -c '	Feed 3 item 0' "$NR_TMP/list")" -eq 1 ] ||
    fail "the corrected item was duplicated"
grep -q "^$id	.*	--	Feed 3 item 2	" "$NR_TMP/list" ||
    fail "read state lost: $(grep "^$id" "$NR_TMP/list")"

# --feed picks one feed by short name, display name or URL.
"$NR" --feeds "$FEEDS" --refresh --feed feed05 --feed "Feed 6" \
    --feed "$NR_URL/feed007.xml" >"$NR_TMP/out" || fail "--feed refresh"
[ "$(cut -f1 "$NR_TMP/out" | tr '\n' ' ')" = "feed05 feed06 feed07 " ] ||
    [ "$(cut -f1 "$NR_TMP/out" | sort | tr '\n' ' ')" = \
    "feed05 feed06 feed07 " ] || fail "--feed chose: $(cut -f1 "$NR_TMP/out")"
"$NR" --feeds "$FEEDS" --refresh --feed nosuch >/dev/null 2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "unknown --feed must exit 2"
grep -q 'feed00' "$NR_TMP/err" || fail "unknown --feed must list names"

# A file:// feed works too.
printf 'file://%s/feed001.xml name=local\n' "$WWW" >"$NR_TMP/local"
"$NR" --feeds "$NR_TMP/local" --refresh >"$NR_TMP/out" ||
    fail "file:// refresh: $(cat "$NR_TMP/out")"
grep -q '^local	ok	5	0	' "$NR_TMP/out" || fail "file:// line"
echo "PASS: refresh"
