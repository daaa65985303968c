#!/bin/sh
# Two refreshes (and an import) at once on one data dir: the lock makes
# them take turns storing; nothing lost, no duplicates, no partial files.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 24 20 || fail "mkfeeds"
start_server "$WWW"
i=0
while [ $i -lt 24 ]; do
	printf '%s/feed%03d.xml name=feed%02d\n' "$NR_URL" $i $i
	i=$((i + 1))
done >"$NR_TMP/feeds"

"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/a" 2>&1 &
a=$!
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/b" 2>&1 &
b=$!
"$NR" --import "$NR_SRCDIR/demo" >"$NR_TMP/c" 2>&1 &
c=$!
wait $a || fail "refresh A failed: $(cat "$NR_TMP/a")"
wait $b || fail "refresh B failed: $(cat "$NR_TMP/b")"
wait $c || fail "import failed: $(cat "$NR_TMP/c")"
[ "$(find "$NEWSREADER_HOME" -name '*.txt' | wc -l)" -eq 492 ] ||
    fail "want 480 + 12 files, got $(find "$NEWSREADER_HOME" -name '*.txt' | wc -l)"
[ -z "$(find "$NEWSREADER_HOME" -name '.tmp-*')" ] || fail "temp files left"
"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "--list"
[ ! -s "$NR_TMP/err" ] || fail "warnings: $(head -3 "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/list")" -eq 492 ] || fail "want 492 rows"
[ "$(cut -f1,3 "$NR_TMP/list" | sort -u | wc -l)" -eq 492 ] ||
    fail "duplicate ids"
# Between them the two runs stored each item once.
new=$(cat "$NR_TMP/a" "$NR_TMP/b" | awk -F'\t' '{ n += $3 } END { print n }')
[ "$new" -eq 480 ] || fail "the runs stored $new new items, want 480"
# A writer holding the lock: the next one says it waits, then goes on.
if command -v flock >/dev/null 2>&1; then
	flock "$NEWSREADER_HOME/.lock" sleep 2 &
	holder=$!
	sleep 0.5
	s=$(date +%s)
	"$NR" -v --import "$NR_SRCDIR/demo" 2>"$NR_TMP/err" ||
	    fail "import behind the lock: $(cat "$NR_TMP/err")"
	e=$(date +%s)
	wait $holder
	grep -q "another newsreader is writing here; waiting" "$NR_TMP/err" ||
	    fail "no waiting message: $(cat "$NR_TMP/err")"
	[ $((e - s)) -ge 1 ] || fail "the import did not wait for the lock"
	# Readers take no lock.
	flock "$NEWSREADER_HOME/.lock" sleep 2 &
	holder=$!
	sleep 0.5
	[ "$("$NR" --list | wc -l)" -eq 492 ] || fail "--list behind the lock"
	wait $holder
fi
echo "PASS: refresh-concurrent"
