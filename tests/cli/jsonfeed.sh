#!/bin/sh
# JSON Feed over HTTP: the same feed served as application/json, as
# application/feed+json and as text/html (a wrong Content-Type) is read
# by its content; --list shows its items' titles, dates and links. A JSON
# document that is not a JSON Feed is a clear error, and so is --parse of
# one.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
cat >"$WWW/feed.json" <<'JSON'
{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON \u00c9dition",
  "home_page_url": "https://example.org/",
  "items": [
    {"id": "a1", "url": "https://example.org/a1", "title": "First \u201cquoted\u201d",
     "content_html": "<p>One</p>", "date_published": "2024-05-06T07:08:09Z"},
    {"id": "a2", "url": "/relative/a2", "title": "Second\u001b[2J",
     "content_text": "Two", "date_published": "2024-05-05T12:00:00+02:00",
     "tags": ["Misc"]}
  ]
}
JSON
cp "$WWW/feed.json" "$WWW/feed.html"
cp "$WWW/feed.json" "$WWW/feed.jsonfeed"
printf '{"name": "package.json, not a feed", "version": "1.0.0"}\n' \
    >"$WWW/other.json"
start_server "$WWW"
cat >"$NR_TMP/feeds" <<FEEDS
$NR_URL/feed.json name=js
$NR_URL/feed.html name=html
$NR_URL/feed.jsonfeed name=feedjson
$NR_URL/other.json name=other
FEEDS

"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err"
rc=$?
[ $rc -eq 1 ] ||
    fail "--refresh exited $rc, want 1 (other.json): $(cat "$NR_TMP/out")"
for n in js html feedjson; do
	grep -q "^$n	ok	2	0	" "$NR_TMP/out" ||
	    fail "$n: $(cat "$NR_TMP/out")"
done
grep -q "^other	error	0	0	.*not a JSON Feed" "$NR_TMP/out" ||
    fail "other: $(grep '^other' "$NR_TMP/out")"
"$NR" --feeds "$NR_TMP/feeds" --list >"$NR_TMP/list" 2>"$NR_TMP/err" ||
    fail "--list: $(cat "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/list")" -eq 6 ] ||
    fail "--list rows: $(cat "$NR_TMP/list")"
for n in js html feedjson; do
	grep -q "	$n	N-	First “quoted”		https://example.org/a1$" \
	    "$NR_TMP/list" || fail "$n first: $(cat "$NR_TMP/list")"
	grep -q "	$n	N-	Second	misc	$NR_URL/relative/a2$" \
	    "$NR_TMP/list" || fail "$n second: $(cat "$NR_TMP/list")"
done
grep -q '^[0-9a-f]*	2024-05-06T07:08:[0-9]*Z	js	' "$NR_TMP/list" ||
    fail "first date: $(cat "$NR_TMP/list")"
grep -q '^[0-9a-f]*	2024-05-05T10:00:[0-9]*Z	html	' "$NR_TMP/list" ||
    fail "second date: $(cat "$NR_TMP/list")"
# A relative url is resolved against the feed's own URL, as in RSS.
# The escape sequence in a title never reaches the output.
if grep -q "$(printf '\033')" "$NR_TMP/list"; then
	fail "an escape sequence reached --list"
fi

# --parse reads the same file by its content, whatever its name.
"$NR" --parse "$WWW/feed.html" >"$NR_TMP/parse" 2>"$NR_TMP/err" ||
    fail "--parse: $(cat "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/parse")" -eq 2 ] ||
    fail "--parse: $(cat "$NR_TMP/parse")"
grep -q "JSON Édition" "$NR_TMP/parse" ||
    fail "--parse title: $(cat "$NR_TMP/parse")"
"$NR" --parse "$WWW/other.json" >"$NR_TMP/parse" 2>"$NR_TMP/err"
rc=$?
[ $rc -ne 0 ] || fail "--parse of other.json succeeded"
grep -q "not a JSON Feed" "$NR_TMP/err" ||
    fail "--parse error: $(cat "$NR_TMP/err")"
exit 0
