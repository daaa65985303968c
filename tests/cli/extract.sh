#!/bin/sh
# --extract FILE|URL: the title, a blank line, the article's paragraphs;
# exit 1 with a message for no article, HTTP errors, pages that are not
# HTML and redirects to another scheme.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
FX=$NR_SRCDIR/tests/fixtures/extract
start_server "$FX"

"$NR" --extract "$FX/news-seed.html" >"$NR_TMP/file" || fail "--extract file"
[ "$(sed -n 1p "$NR_TMP/file")" = \
    "Chinese Defense Minister to Visit Russia on April 16-18" ] ||
    fail "title line: $(sed -n 1p "$NR_TMP/file")"
[ -z "$(sed -n 2p "$NR_TMP/file")" ] || fail "no blank second line"
grep -q "^Chinese Defense Minister Li Shangfu is due to arrive in Russia" \
    "$NR_TMP/file" || fail "first body paragraph missing"
grep -q "backfired on those who imposed them.$" "$NR_TMP/file" ||
    fail "last body paragraph missing"
for noise in cookies Telegram "Related" "Latest news" "All rights" \
    "Naval Drills" "Comment on this"; do
	grep -q "$noise" "$NR_TMP/file" && fail "noise kept: $noise"
done
[ "$(wc -l <"$NR_TMP/file")" -eq 10 ] ||
    fail "want 10 lines: $(cat "$NR_TMP/file")"

# The page is made around the seed article's text: its paragraphs are
# the seed's text, line for line (the seed's last paragraph spans two
# lines, the page has a <br> there).
SEED=${NR_SHARED:-}/seeds/000_2e33281f82945b95.txt
if [ -f "$SEED" ]; then
	awk 'f { print } /^[0-9][0-9]:[0-9][0-9] GMT / { f = 1 }' "$SEED" \
	    >"$NR_TMP/seedtext"
	tail -n +3 "$NR_TMP/file" >"$NR_TMP/text"
	cmp -s "$NR_TMP/text" "$NR_TMP/seedtext" ||
	    fail "not the seed's text: $(diff "$NR_TMP/text" "$NR_TMP/seedtext")"
fi

"$NR" --extract "file://$FX/news-seed.html" >"$NR_TMP/furl" ||
    fail "--extract file://"
cmp -s "$NR_TMP/file" "$NR_TMP/furl" || fail "file:// output differs"
"$NR" --extract "$NR_URL/news-seed.html" >"$NR_TMP/url" || fail "--extract URL"
cmp -s "$NR_TMP/file" "$NR_TMP/url" ||
    fail "URL output differs: $(diff "$NR_TMP/file" "$NR_TMP/url")"

# No article: exit 1, a message, nothing on standard output.
"$NR" --extract "$FX/index-links.html" >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "an index page must exit 1"
grep -q "no article found" "$NR_TMP/err" || fail "message: $(cat "$NR_TMP/err")"
[ ! -s "$NR_TMP/out" ] || fail "output for no article"

"$NR" --extract "$NR_URL/status/404" >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "404 must exit 1"
grep -q "HTTP 404" "$NR_TMP/err" || fail "404 message: $(cat "$NR_TMP/err")"

"$NR" --extract "$NR_URL/ground-truth.json" >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "a JSON document must exit 1"
grep -q "not an HTML page" "$NR_TMP/err" ||
    fail "type message: $(cat "$NR_TMP/err")"

# A redirect to file:// is refused as for feeds.
"$NR" --extract "$NR_URL/redirect-file$FX/news-seed.html" >"$NR_TMP/out" \
    2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "a redirect to file:// must exit 1"
[ ! -s "$NR_TMP/out" ] || fail "a redirect to file:// was followed"

"$NR" --extract "$NR_TMP/missing.html" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "a missing file must exit 1"
"$NR" --extract 2>/dev/null
[ $? -eq 2 ] || fail "--extract without FILE must be a usage error"

# Hostile: deep nesting and a huge page end quickly, without a crash.
python3 -c 'import sys; sys.stdout.write("<div>" * 500000 + "<p>x</p>")' \
    >"$NR_TMP/deep.html"
"$NR" --extract "$NR_TMP/deep.html" >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "deep page: $(cat "$NR_TMP/err")"
"$NR" --extract "$NR_URL/huge/20" >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "huge page must exit 1"
echo "PASS: extract"
