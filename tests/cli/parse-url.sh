#!/bin/sh
# --parse URL: the document comes from the loopback server; HTTP errors,
# HTML pages and the HTTP charset are handled as for files.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
FX=$NR_SRCDIR/tests/fixtures/feeds
start_server "$FX"

"$NR" --parse "$FX/rss20-basic.xml" >"$NR_TMP/file" || fail "--parse file"
[ -s "$NR_TMP/file" ] || fail "no rows from the file"
"$NR" --parse "$NR_URL/rss20-basic.xml" >"$NR_TMP/url" || fail "--parse URL"
cmp -s "$NR_TMP/file" "$NR_TMP/url" ||
    fail "URL rows differ: $(diff "$NR_TMP/file" "$NR_TMP/url")"

"$NR" --parse "$NR_URL/html" >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "an HTML page must exit 1"
grep -q "not a feed: got an HTML page" "$NR_TMP/err" ||
    fail "HTML message: $(cat "$NR_TMP/err")"
[ ! -s "$NR_TMP/out" ] || fail "rows printed for an HTML page"

"$NR" --parse "$NR_URL/status/404" >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "404 must exit 1"
grep -q "HTTP 404" "$NR_TMP/err" || fail "404 message: $(cat "$NR_TMP/err")"

# No declaration in the document: the HTTP charset decides.
"$NR" --parse "$NR_URL/charset/windows-1251/rss20-no-decl-cp1251.xml" \
    >"$NR_TMP/out" || fail "charset URL"

cut -f5 "$NR_TMP/out" | grep -qF 'Тест' ||
    fail "the HTTP charset was not used: $(cut -f5 "$NR_TMP/out")"
echo "PASS: parse-url"
