#!/bin/sh
# check-layers must fail on what it is there to catch: each case copies
# docs/HACKING.md, src/ and include/ into a temporary tree, breaks one
# thing, and expects check-layers to exit 1 with the right message.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
CHECK=$NR_SRCDIR/tests/check-layers.sh

# A fresh copy of what the check reads, in $NR_TMP/t.
fresh()
{
	rm -rf "$NR_TMP/t"
	mkdir -p "$NR_TMP/t/docs" || fail "mkdir"
	cp "$NR_SRCDIR/docs/HACKING.md" "$NR_TMP/t/docs/" &&
	    cp -R "$NR_SRCDIR/src" "$NR_SRCDIR/include" "$NR_TMP/t/" ||
	    fail "cannot copy the tree"
	# Writable (distcheck's source tree is not), and only sources: a
	# build in the source tree leaves objects there.
	chmod -R u+w "$NR_TMP/t"
	find "$NR_TMP/t/src" "$NR_TMP/t/include" -type f \
	    ! -name '*.c' ! -name '*.h' -exec rm -f {} +
}

# Add a line after line N of a file of the copy; print the new line's
# number.
add_line()
{
	awk -v n="$2" -v l="$3" '{ print } NR == n { print l }' \
	    "$NR_TMP/t/$1" >"$NR_TMP/x" && mv "$NR_TMP/x" "$NR_TMP/t/$1" ||
	    fail "cannot edit $1"
	echo $(($2 + 1))
}

# expect_fail NAME MESSAGE: check-layers exits 1 and prints MESSAGE.
expect_fail()
{
	sh "$CHECK" "$NR_TMP/t" >"$NR_TMP/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || { cat "$NR_TMP/out"; fail "$1: exit $rc, not 1"; }
	grep -qxF -- "$2" "$NR_TMP/out" ||
	    { cat "$NR_TMP/out"; fail "$1: no line '$2'"; }
}

# expect_include NAME FILE LINE M H N: the message for one include.
expect_include()
{
	expect_fail "$1" \
	    "$2:$3: module $4 includes $5 of module $6, which is not below it"
}

# expect_unplaced FILE: the message for a file in no module.
expect_unplaced()
{
	expect_fail "$1 placed" "$1: in no module: add it to the files (src/)\
 or headers (include/newsreader/) of a row of docs/HACKING.md"
}

# The unbroken copy passes, so the failures below are the breakage's.
fresh
sh "$CHECK" "$NR_TMP/t" >"$NR_TMP/out" 2>&1 ||
    { cat "$NR_TMP/out"; fail "the unbroken copy fails"; }

# A filter file that includes store.h: filter is below store.
ln=$(grep -n '#include "newsreader/filter.h"' \
    "$NR_TMP/t/src/filter_parse.c" | cut -d: -f1)
[ -n "$ln" ] || fail "filter_parse.c does not include filter.h"
ln=$(add_line src/filter_parse.c "$ln" '#include "newsreader/store.h"')
expect_include "filter includes store.h" src/filter_parse.c "$ln" filter \
    newsreader/store.h store
grep -q 'problem' "$NR_TMP/out" || fail "no summary line"

# The same with angle brackets.
fresh
ln=$(add_line src/filter.c 1 '#include <newsreader/store.h>')
expect_include "filter includes <newsreader/store.h>" src/filter.c "$ln" \
    filter newsreader/store.h store

# Another module's private header.
fresh
ln=$(add_line src/html.c 1 '#include "store_int.h"')
expect_include "html includes store_int.h" src/html.c "$ln" html \
    store_int.h store

# A public header including one above it.
fresh
ln=$(add_line include/newsreader/feed.h 1 '#include "newsreader/refresh.h"')
expect_include "feed.h includes refresh.h" include/newsreader/feed.h "$ln" \
    feed newsreader/refresh.h refresh

# Transitive, but not upward: config may use util only, not text.
fresh
ln=$(add_line src/config.c 1 '#include "newsreader/text.h"')
expect_include "config includes text.h" src/config.c "$ln" config \
    newsreader/text.h text

# New files must be placed.
fresh
echo 'int x;' >"$NR_TMP/t/src/newthing.c"
expect_unplaced src/newthing.c
fresh
echo '/* */' >"$NR_TMP/t/include/newsreader/newthing.h"
expect_unplaced include/newsreader/newthing.h
fresh
echo '/* */' >"$NR_TMP/t/src/nomodule_int.h"
expect_unplaced src/nomodule_int.h

# A file gone from the tree but still in the table.
fresh
rm "$NR_TMP/t/src/xmalloc.c"
sh "$CHECK" "$NR_TMP/t" >"$NR_TMP/out" 2>&1 && fail "a missing file passes"
grep -q ': module util lists xmalloc.c, which is not in src/$' \
    "$NR_TMP/out" || { cat "$NR_TMP/out"; fail "no stale-entry line"; }

# A cycle in the table: text may use feed, which may use text.
fresh
sed 's/^| text | \(.*\) | util |$/| text | \1 | util, feed |/' \
    "$NR_TMP/t/docs/HACKING.md" >"$NR_TMP/x" &&
    mv "$NR_TMP/x" "$NR_TMP/t/docs/HACKING.md"
sh "$CHECK" "$NR_TMP/t" >"$NR_TMP/out" 2>&1 && fail "a cycle passes"
grep -Eq \
    ': "may use" has a cycle: (text -> feed -> text|feed -> text -> feed)$' \
    "$NR_TMP/out" || { cat "$NR_TMP/out"; fail "no cycle line"; }
grep -q \
    ': module text may use feed, but the one-way line puts feed at or above' \
    "$NR_TMP/out" || { cat "$NR_TMP/out"; fail "no one-way line"; }

# A table without the headers column is refused, not read as empty.
fresh
sed 's/^| module | files | headers |/| module | files | hdrs |/' \
    "$NR_TMP/t/docs/HACKING.md" >"$NR_TMP/x" &&
    mv "$NR_TMP/x" "$NR_TMP/t/docs/HACKING.md"
sh "$CHECK" "$NR_TMP/t" >"$NR_TMP/out" 2>&1 && fail "a bad table passes"
grep -q 'the module table needs the columns' "$NR_TMP/out" ||
    { cat "$NR_TMP/out"; fail "no column line"; }
exit 0
