#!/bin/sh
# Work proportional to what changed, counted (article files opened, with
# an LD_PRELOAD shim), not timed: in a feed of 100,000 items, a file
# dropped in, a file replaced, and a refresh adding 10 items each open a
# handful of article files, not the feed's.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
CC=${CC:-cc}
N=${NR_REVALIDATE_ITEMS:-100000}
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler for the shim"
"$CC" -shared -fPIC -o "$NR_TMP/opencount.so" \
    "$NR_SRCDIR/tests/shim/opencount.c" -ldl 2>"$NR_TMP/cc.err" ||
    skip "cannot build the shim: $(cat "$NR_TMP/cc.err")"
free=$(df -Pk "$NR_TMP" | awk 'NR == 2 { print $4 }')
[ "${free:-0}" -ge 2000000 ] || skip "less than 2 GB free in $NR_TMP"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
mkdir -p "$WWW"

# rss FIRST LAST: a feed of items FIRST..LAST.
rss()
{
	python3 - "$1" "$2" >"$WWW/big.xml" <<'PY'
import sys
a, b = int(sys.argv[1]), int(sys.argv[2])
print('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>')
for i in range(a, b + 1):
    print('<item><title>Item %d</title><guid>urn:big:%d</guid>'
          '<pubDate>Mon, 30 Nov 2026 %02d:%02d:00 GMT</pubDate></item>'
          % (i, i, i // 60 % 24, i % 60))
print('</channel></rss>')
PY
}

# Run the binary counting article files opened; the count on stdout.
counted()
{
	rm -f "$NR_TMP/count"
	LD_PRELOAD=$NR_TMP/opencount.so NR_COUNT_DIR=$NEWSREADER_HOME \
	    NR_COUNT_OUT=$NR_TMP/count "$NR" "$@" >"$NR_TMP/out" 2>&1 ||
	    fail "$*: $(head -5 "$NR_TMP/out")"
	awk '{ s += $1 } END { print s + 0 }' "$NR_TMP/count"
}

# The feed, made by a refresh (so its URL is recorded for "big").
start_server "$WWW"
rss 1 5
printf '%s/big.xml name=big\n' "$NR_URL" >"$NR_TMP/feeds"
"$NR" --feeds "$NR_TMP/feeds" --refresh >/dev/null || fail "first refresh"
# Then N items more by hand, older than those, as article files.
python3 - "$NEWSREADER_HOME/big" "$N" <<'PY' || fail "generating"
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    h = 0x1000000000000000 + i
    with open(os.path.join(d, "%06d_%016x.txt" % (100 + i, h)), "w") as f:
        f.write(" date 2026-10-%02d https://big.example/%d\n"
                "Old %d\n\nold\nOld %d\n09:00 GMT %02d.10.2026\nx"
                % (1 + i % 28, i, i, i, 1 + i % 28))
PY
"$NR" --list >/dev/null || fail "--list (building the index)"
[ "$("$NR" --list | wc -l)" -eq $((N + 5)) ] || fail "want $((N + 5)) items"

# A file dropped in by hand: it alone is read.
cp "$NEWSREADER_HOME/big/000100_1000000000000000.txt" "$NR_TMP/x.txt"
sed -i 's/^Old 0$/Dropped in/' "$NR_TMP/x.txt"
mv "$NR_TMP/x.txt" "$NEWSREADER_HOME/big/999000_00000000000000aa.txt"
n=$(counted --list)
[ "$n" -le 5 ] || fail "a file dropped in: $n article files opened"
grep -q '	Dropped in	' "$NR_TMP/out" || fail "the dropped-in file is not listed"

# A file replaced through a rename, as editors and rsync do.
f=$NEWSREADER_HOME/big/000150_1000000000000032.txt
sed 's/^Old 50$/Edited/' "$f" >"$NR_TMP/y.txt"
mv "$NR_TMP/y.txt" "$f"
n=$(counted --list)
[ "$n" -le 5 ] || fail "a file replaced: $n article files opened"
grep -q '	Edited	' "$NR_TMP/out" || fail "the edited title is not listed"

# A refresh that stores 10 new items (and finds 5 it has).
rss 1 15
touch -d '+1 minute' "$WWW/big.xml"
n=$(counted --feeds "$NR_TMP/feeds" --refresh)
grep -q '^big	ok	10	0	' "$NR_TMP/out" ||
    fail "refresh: $(cat "$NR_TMP/out")"
[ "$n" -le 15 ] || fail "a refresh of 10 new items: $n article files opened"
[ "$("$NR" --list | wc -l)" -eq $((N + 16)) ] ||
    fail "want $((N + 16)) items after the refresh"
echo "PASS: revalidate ($N items)"
