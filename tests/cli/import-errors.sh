#!/bin/sh
# Bad input: garbage files are reported (file and line) and skipped,
# good files still land, and nothing is half-written.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
IN=$NR_TMP/in
mkdir -p "$IN"

cp "$NR_SRCDIR/demo/001_509b68a89738fcfe.txt" "$IN/"
printf '' >"$IN/empty.txt"
head -c 4096 /dev/urandom >"$IN/garbage.txt"
printf ' date 2023-02-30x https://e.example/x\nT\nS\nT\nbody' >"$IN/baddate.txt"
printf ' date 2023-04-14 https://e.example/x\nTitle\nSummary\ntag\nno repeat' \
    >"$IN/norepeat.txt"
printf ' date 2023-04-14 https://e.example/y\nT\377\376\nS\nT\377\376\nbody' \
    >"$IN/badutf8.txt"
"$NR" --import "$IN" >/dev/null 2>"$NR_TMP/err"
rc=$?
[ $rc -eq 1 ] || fail "import with bad files exited $rc, want 1"
grep -q "empty.txt:1: empty file" "$NR_TMP/err" || fail "empty file message"
grep -q "garbage.txt:1: " "$NR_TMP/err" || fail "garbage message"
grep -q "baddate.txt:1: " "$NR_TMP/err" || fail "bad date message"
grep -q "norepeat.txt:6: no line repeats the title" "$NR_TMP/err" ||
    fail "no-repeat message: $(cat "$NR_TMP/err")"
grep -q "badutf8.txt:2: title: invalid UTF-8" "$NR_TMP/err" ||
    fail "invalid UTF-8 message"
grep -q "imported 1 new, 0 updated, 0 already present, 5 failed" \
    "$NR_TMP/err" || fail "summary: $(cat "$NR_TMP/err")"
[ "$("$NR" --list | wc -l)" -eq 1 ] || fail "the good file did not land"
[ -z "$(find "$NEWSREADER_HOME" -name '.tmp-*')" ] || fail "temp files left"

# A garbage file dropped into the cache by hand: reported, others listed.
cp "$IN/garbage.txt" "$NEWSREADER_HOME/northwind.example/050_00000000deadbeef.txt"
"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "--list with garbage"
[ "$(wc -l <"$NR_TMP/list")" -eq 1 ] || fail "garbage changed the listing"
grep -q "050_00000000deadbeef.txt:1: .*(skipped)" "$NR_TMP/err" ||
    fail "garbage in the cache not reported: $(cat "$NR_TMP/err")"

# A corrupt index is rebuilt; the article files are the truth.
printf 'garbage\n' >"$NEWSREADER_HOME/northwind.example/.meta/items"
[ "$("$NR" --list 2>/dev/null | wc -l)" -eq 1 ] || fail "corrupt index"
[ "$(head -c 8 "$NEWSREADER_HOME/northwind.example/.meta/items")" = \
    "nr-items" ] || fail "the corrupt index was not rebuilt"

# Invalid feed names never become directories.
"$NR" --import "$IN/001_509b68a89738fcfe.txt" --into ../../escape \
    2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "--into ../../escape must be a usage error"
[ ! -e "$NR_TMP/escape" ] && [ ! -e "$NR_TMP/data/../escape" ] ||
    fail "a path escaped the data dir"

# A read-only data directory: a clear error, exit 1, nothing lost, and
# listing still works. Root ignores permissions, so as root the data dir
# is made a read-only bind mount in a private mount namespace instead.
before=$("$NR" --list 2>/dev/null | md5sum)
if [ "$(id -u)" -ne 0 ]; then
	chmod -R a-w "$NEWSREADER_HOME"
	"$NR" --import "$NR_SRCDIR/demo" >/dev/null 2>"$NR_TMP/err"
	rc=$?
	"$NR" --list 2>/dev/null | md5sum >"$NR_TMP/after"
	chmod -R u+w "$NEWSREADER_HOME"
elif unshare -m true 2>/dev/null; then
	unshare -m sh -c 'mount --bind "$1" "$1" &&
	    mount -o remount,bind,ro "$1" || exit 9
	    "$2" --import "$3/demo" >/dev/null 2>"$4/err"
	    rc=$?
	    "$2" --list 2>/dev/null | md5sum >"$4/after"
	    exit $rc' sh "$NEWSREADER_HOME" "$NR" "$NR_SRCDIR" "$NR_TMP"
	rc=$?
else
	rc=skip
fi
if [ "$rc" != skip ] && [ "$rc" != 9 ]; then
	[ "$rc" -eq 1 ] || fail "read-only import exited $rc"
	grep -Eq 'Permission denied|Read-only file system' "$NR_TMP/err" ||
	    fail "read-only message: $(cat "$NR_TMP/err")"
	[ "$(cat "$NR_TMP/after")" = "$before" ] ||
	    fail "listing a read-only data dir changed or failed"
fi
# A data dir that is a file.
: >"$NR_TMP/afile"
NEWSREADER_HOME= "$NR" --data-dir "$NR_TMP/afile" --list >/dev/null \
    2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "a file as data dir must exit 1"
grep -q "^newsreader: .*afile" "$NR_TMP/err" || fail "data dir message"
# A feed directory with 10,000 garbage files: a short report, and the
# good item is still listed.
G=$NEWSREADER_HOME/northwind.example
python3 - "$G" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(10000):
    with open(os.path.join(d, "%05d_%016x.txt" % (i + 100, i)), "wb") as f:
        f.write(os.urandom(64))
PY
"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "--list with 10,000 bad files"
[ "$(wc -l <"$NR_TMP/list")" -eq 1 ] || fail "10,000 bad files: listing"
[ "$(wc -l <"$NR_TMP/err")" -le 25 ] ||
    fail "10,000 bad files gave $(wc -l <"$NR_TMP/err") lines of warnings"
grep -qE "[0-9]{4} more bad files not shown" "$NR_TMP/err" ||
    fail "no summary: $(tail -2 "$NR_TMP/err")"
echo "PASS: import-errors"
