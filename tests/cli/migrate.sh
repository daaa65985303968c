#!/bin/sh
# A data directory written by the previous layout (tests/fixtures/
# datadir-v1, made by commit 703f700: text indexes, no record of feed
# identity) opens with every item, read mark, star and user tag in the
# right feed; its feeds keep their directories when the feeds file
# changes; and a kill -9 at any step of the migration leaves a directory
# the next start migrates right.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
CC=${CC:-cc}
FX=$NR_SRCDIR/tests/fixtures
[ -d "$FX/datadir-v1" ] || fail "the fixture is missing"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
WWW=$NR_TMP/www
cp -R "$FX/datadir-v1-www" "$WWW"
start_server "$WWW"
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
F=$NR_TMP/feeds

# A fresh copy of the fixture, the server's port in its URLs.
fresh()
{
	rm -rf "$NEWSREADER_HOME"
	cp -R "$FX/datadir-v1" "$NEWSREADER_HOME"
	chmod -R u+w "$NEWSREADER_HOME"
	for s in "$NEWSREADER_HOME"/*/.meta/state; do
		sed -i "s/@PORT@/$NR_PORT/g" "$s"
	done
	sed "s/@PORT@/$NR_PORT/g" "$FX/datadir-v1.feeds" >"$F"
}

fresh
"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "--list: $(cat "$NR_TMP/err")"
cmp -s "$NR_TMP/list" "$FX/datadir-v1.list" ||
    fail "the migrated listing differs: $(diff "$FX/datadir-v1.list" \
    "$NR_TMP/list")"
[ ! -s "$NR_TMP/err" ] || fail "warnings: $(cat "$NR_TMP/err")"
grep -q "^127.0.0.1	http://127.0.0.1:$NR_PORT/a.xml\$" \
    "$NEWSREADER_HOME/.meta/feeds" || fail "a.xml is not recorded"
grep -q "^127.0.0.1-2	http://127.0.0.1:$NR_PORT/b.xml\$" \
    "$NEWSREADER_HOME/.meta/feeds" || fail "b.xml is not recorded"
for d in 127.0.0.1 127.0.0.1-2 gamma imports.example; do
	[ ! -e "$NEWSREADER_HOME/$d/.meta/index" ] ||
	    fail "$d: the old index was not migrated"
done

# The data bug of the old layout: without the first line, the second
# feed kept writing into its own directory, never the first's.
sed -i '/a\.xml/d' "$F"
python3 - "$WWW/b.xml" <<'PY' || fail "adding Beta four"
import sys
p = sys.argv[1]
add = ("<item><title>Beta four</title><guid>urn:b4</guid>"
       "<pubDate>Sat, 07 Nov 2026 09:00:00 GMT</pubDate></item>\n")
s = open(p).read().replace("</channel>", add + "</channel>")
open(p, "w").write(s)
PY
touch -d '+1 minute' "$WWW/b.xml"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "refresh: $(cat "$NR_TMP/out")"
"$NR" --list >"$NR_TMP/list2" || fail "--list after the refresh"
grep -q '	127.0.0.1-2	N-	Beta four	' "$NR_TMP/list2" ||
    fail "Beta four is not in 127.0.0.1-2: $(cat "$NR_TMP/list2")"
[ "$(cut -f1 "$NR_TMP/list2" | sort | uniq -d)" = "" ] ||
    fail "items listed twice: $(cat "$NR_TMP/list2")"
grep -v 'Beta four' "$NR_TMP/list2" | cmp -s - "$FX/datadir-v1.list" ||
    fail "the refresh changed other items: $(diff "$FX/datadir-v1.list" \
    "$NR_TMP/list2")"
cp "$WWW/b.xml" "$NR_TMP/b.changed"
cp "$FX/datadir-v1-www/b.xml" "$WWW/b.xml"

# kill -9 at every step of the migration, then start again.
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler for the crash shim"
"$CC" -shared -fPIC -o "$NR_TMP/crash.so" "$NR_SRCDIR/tests/shim/crash.c" \
    -ldl 2>"$NR_TMP/cc.err" || skip "cannot build the shim: $(cat "$NR_TMP/cc.err")"
k=1
while [ $k -le 300 ]; do
	fresh
	LD_PRELOAD=$NR_TMP/crash.so NR_CRASH_DIR=$NEWSREADER_HOME \
	    NR_CRASH_AFTER=$k "$NR" --list >/dev/null 2>&1
	rc=$?
	"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" ||
	    fail "k=$k: --list after the crash: $(cat "$NR_TMP/err")"
	cmp -s "$NR_TMP/list" "$FX/datadir-v1.list" ||
	    fail "k=$k: the listing differs: $(diff "$FX/datadir-v1.list" \
	    "$NR_TMP/list")"
	[ -z "$(find "$NEWSREADER_HOME" -name '.tmp-*' -newer "$F")" ] ||
	    [ $rc -eq 137 ] || fail "k=$k: temporary files left"
	[ $rc -eq 137 ] || break
	k=$((k + 1))
done
[ $rc -eq 0 ] || fail "the migration was still killed at k=$k"
[ $k -gt 3 ] || fail "the migration made only $k changes: not exercised"
# After the last crash, a refresh without the first line stores nothing
# in the wrong directory.
fresh
LD_PRELOAD=$NR_TMP/crash.so NR_CRASH_DIR=$NEWSREADER_HOME \
    NR_CRASH_AFTER=2 "$NR" --list >/dev/null 2>&1
sed -i '/a\.xml/d' "$F"
cp "$NR_TMP/b.changed" "$WWW/b.xml"
touch -d '+2 minutes' "$WWW/b.xml"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "refresh after a crash: $(cat "$NR_TMP/out")"
"$NR" --list >"$NR_TMP/list2" || fail "--list"
grep -q '	127.0.0.1-2	N-	Beta four	' "$NR_TMP/list2" ||
    fail "after a crash, Beta four is not in 127.0.0.1-2"
echo "PASS: migrate (kill -9 at each of $((k - 1)) steps)"
