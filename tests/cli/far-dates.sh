#!/bin/sh
# Dates the cache cannot hold (issue 11, item 4): past 9999 (once in UTC)
# they are treated as missing, with a warning; the item gets its
# first-seen time, is listed, and a second refresh finds nothing new.
# Dates before 1970 are kept and listed.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
CONF=$XDG_CONFIG_HOME/newsreader
export NEWSREADER_HOME
mkdir -p "$CONF" || fail "mkdir"
cat >"$NR_TMP/far.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Far</title>
<item><title>Far One</title><guid>far1</guid>
<pubDate>Fri, 31 Dec 9999 23:59:59 -2359</pubDate></item>
<item><title>Far Two</title><guid>far2</guid>
<pubDate>9999-12-31T23:59:59-12:00</pubDate></item>
<item><title>Moon Landing</title><guid>moon</guid>
<pubDate>Sun, 20 Jul 1969 20:17:40 GMT</pubDate></item>
<item><title>Edge</title><guid>edge</guid>
<pubDate>9999-12-31T23:59:59Z</pubDate></item>
</channel></rss>
XML
echo "file://$NR_TMP/far.xml name=far" >"$CONF/feeds"
today=$(date -u +%Y-%m-%d)

# --parse: no year 0000 or 10000; the first-seen time instead.
"$NR" --parse "$NR_TMP/far.xml" >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "--parse: $(cat "$NR_TMP/err")"
grep -q '2 dates outside the years 1000-9999 (UTC) ignored' "$NR_TMP/err" ||
    fail "--parse: no warning: $(cat "$NR_TMP/err")"
grep -q '	0000-\|	10000-' "$NR_TMP/out" && fail "--parse: $(cat "$NR_TMP/out")"
grep -q "	$today"'T.*Far One' "$NR_TMP/out" ||
    fail "--parse: Far One not at the first-seen time: $(cat "$NR_TMP/out")"
grep -q '	1969-07-20T20:17:40Z	.*Moon Landing' "$NR_TMP/out" ||
    fail "--parse: the 1969 date: $(cat "$NR_TMP/out")"
grep -q '	9999-12-31T23:59:59Z	.*Edge' "$NR_TMP/out" ||
    fail "--parse: the last date that fits: $(cat "$NR_TMP/out")"

"$NR" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "--refresh: $(cat "$NR_TMP/out" "$NR_TMP/err")"
grep -q '^far	ok	4	0	2 dates outside the years 1000-9999' \
    "$NR_TMP/out" || fail "--refresh: $(cat "$NR_TMP/out")"
if grep -rq ' date 10000-' "$NEWSREADER_HOME/far"; then
	fail "a five-digit year was written"
fi
"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "--list"
[ ! -s "$NR_TMP/err" ] || fail "--list warned: $(cat "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/list")" -eq 4 ] ||
    fail "--list: want 4 items: $(cat "$NR_TMP/list")"
grep -q "	$today"'T[0-9:]*Z	far	.*Far One' "$NR_TMP/list" ||
    fail "--list: Far One: $(cat "$NR_TMP/list")"
grep -q '	1969-07-20T20:17:[0-9]*Z	far	.*Moon Landing' "$NR_TMP/list" ||
    fail "--list: the 1969 date: $(cat "$NR_TMP/list")"
grep -q '	9999-12-31T23:59:[0-9]*Z	far	.*Edge' "$NR_TMP/list" ||
    fail "--list: the last date that fits: $(cat "$NR_TMP/list")"

# A second refresh finds the same items: nothing new, nothing rewritten.
touch "$NR_TMP/far.xml"
"$NR" --refresh >"$NR_TMP/out" 2>&1 || fail "second --refresh"
grep -q '^far	ok	0	0	' "$NR_TMP/out" ||
    fail "second --refresh: $(cat "$NR_TMP/out")"
[ "$(ls "$NEWSREADER_HOME/far" | grep -c '\.txt$')" -eq 4 ] ||
    fail "article files: $(ls "$NEWSREADER_HOME/far")"
exit 0
