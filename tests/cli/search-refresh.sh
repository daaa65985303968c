#!/bin/sh
# Searching while --refresh stores items (issue 14): every search
# answers (exit 0, nothing on stderr) with the items before or after,
# never an error; the refresh keeps the index in step (the search after
# it has nothing to index), and items the refresh stored are found.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 40 100 || fail "mkfeeds"
start_server "$WWW"
i=0
while [ $i -lt 40 ]; do
	printf '%s/feed%03d.xml name=feed%02d\n' "$NR_URL" $i $i
	i=$((i + 1))
done >"$NR_TMP/feeds"
head -1 "$NR_TMP/feeds" >"$NR_TMP/feeds1"

# One feed first: 100 items with the word "item".
"$NR" --feeds "$NR_TMP/feeds1" --refresh >/dev/null 2>&1 || fail "refresh 1"
[ -f "$NEWSREADER_HOME/.meta/search.db" ] || fail "the refresh made no index"
n=$("$NR" --list item | wc -l)
[ "$n" -eq 100 ] || fail "want 100 items, got $n"

# The other 39 feeds while searching in a loop.
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/r" 2>&1 &
r=$!
k=0
seen=""
while kill -0 $r 2>/dev/null && [ $k -lt 2000 ]; do
	"$NR" --list item >"$NR_TMP/out" 2>"$NR_TMP/err" ||
	    fail "search $k during the refresh: exit $?: $(cat "$NR_TMP/err")"
	[ -s "$NR_TMP/err" ] &&
	    fail "search $k during the refresh said: $(cat "$NR_TMP/err")"
	n=$(wc -l <"$NR_TMP/out")
	[ "$n" -ge 100 ] && [ "$n" -le 4000 ] || fail "search $k: $n items"
	seen="$seen $n"
	k=$((k + 1))
done
wait $r || fail "refresh: $(cat "$NR_TMP/r")"
[ $k -ge 1 ] || echo "note: the refresh ended before the first search"
n=$("$NR" --list item | wc -l)
[ "$n" -eq 4000 ] || fail "after the refresh: want 4000 items, got $n"
# A search that ran while the refresh stored a feed may have indexed it
# itself, and the refresh's own update of that feed then leaves it to be
# compared once more: harmless, so the check that the refresh keeps the
# index in step runs on a refresh with no search beside it. Two feeds
# change (a new title for item 0, one new item).
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 40 100 --change 3,34 ||
    fail "mkfeeds --change"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/r" 2>&1 ||
    fail "refresh 3: $(cat "$NR_TMP/r")"
: >"$NEWSREADER_HOME/.debug.log"
"$NR" -v --list item >"$NR_TMP/out" 2>"$NR_TMP/err" || fail "search after"
n=$(wc -l <"$NR_TMP/out")
[ "$n" -eq 4002 ] || fail "after the second refresh: want 4002 items, got $n"
grep -q "search: indexed" "$NEWSREADER_HOME/.debug.log" &&
    fail "the refresh left items to index: $(grep 'search: indexed' \
"$NEWSREADER_HOME/.debug.log")"
[ "$("$NR" --list corrected | wc -l)" -eq 2 ] ||
    fail "the corrected titles are not found"
# Every item has its own title words: "feed 7 item 42".
"$NR" --list '"feed 7 item 42"' | cut -f5 >"$NR_TMP/one"
[ "$(cat "$NR_TMP/one")" = "Feed 7 item 42" ] ||
    fail "phrase: got $(cat "$NR_TMP/one")"
# A refresh killed while its index thread still has words to write
# loses nothing: the feeds it stored are found by the next search (the
# index catches up with what it missed), as many as there are files.
NEWSREADER_HOME=$NR_TMP/data2
"$NR" --feeds "$NR_TMP/feeds1" --refresh >/dev/null 2>&1 || fail "refresh 4"
"$NR" --feeds "$NR_TMP/feeds" --refresh >/dev/null 2>&1 &
r=$!
# Killed once 5 more feeds are stored (their files are there).
stored()
{
	find "$NEWSREADER_HOME" -path '*/.meta' -prune -o -name '*.txt' \
	    -print | wc -l
}
w=0
while [ $w -lt 1000 ] && kill -0 $r 2>/dev/null && [ "$(stored)" -lt 600 ]
do
	sleep 0.01
	w=$((w + 1))
done
kill -9 $r 2>/dev/null
wait $r 2>/dev/null
files=$(stored)
n=$("$NR" --list item 2>"$NR_TMP/err" | wc -l) || fail "search after kill"
[ "$n" -eq "$files" ] && [ "$n" -ge 100 ] ||
    fail "after a killed refresh: $n items found, $files files"
echo "killed refresh: $n items found in $files files"
NEWSREADER_HOME=$NR_TMP/data
echo "PASS: search-refresh ($k searches during the refresh:$(echo "$seen" |
    tr ' ' '\n' | sort -un | tr '\n' ' '))"
