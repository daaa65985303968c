#!/bin/sh
# newsreader --parse FILE: rows in document order, exit codes, messages.
[ -x "$NR_BIN" ] || { echo "no binary: skipped"; exit 77; }
fx=${NR_SRCDIR:-.}/tests/fixtures/feeds
tmp=${TMPDIR:-/tmp}/nr-parse-test.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$NR_BIN" --parse "$fx/rss20-basic.xml" >"$tmp/out" 2>"$tmp/err" ||
    fail "rss20-basic exit $?"
[ "$(wc -l < "$tmp/out")" -eq 2 ] || fail "rss20-basic: want 2 rows"
line1=$(sed -n 1p "$tmp/out")
echo "$line1" | grep -q "	2006-01-02T15:04:05Z	Test Feed	--	First item		https://example.org/1$" ||
    fail "rss20-basic row 1: $line1"
sed -n 2p "$tmp/out" | grep -q "	Second item	" || fail "rss20-basic row 2"
[ -s "$tmp/err" ] && fail "rss20-basic: unexpected stderr"

"$NR_BIN" --parse "file://$fx/atom10-basic.xml" >"$tmp/out" 2>&1 ||
    fail "file:// exit $?"
grep -q "	Atom Feed	--	Atom entry	atom-tag,only label	https://example.org/a1$" "$tmp/out" ||
    fail "atom10-basic row: $(cat "$tmp/out")"

"$NR_BIN" --parse "$fx/rss20-empty-channel.xml" >"$tmp/out" 2>&1 ||
    fail "empty channel exit $?"
[ -s "$tmp/out" ] && fail "empty channel printed something"

"$NR_BIN" --parse "$fx/not-a-feed-html.html" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "html: want exit 1"
grep -qx "newsreader: $fx/not-a-feed-html.html: not a feed: got an HTML page" \
    "$tmp/err" || fail "html message: $(cat "$tmp/err")"

"$NR_BIN" --parse "$fx/rss20-stray-ampersand.xml" >"$tmp/out" 2>"$tmp/err" ||
    fail "stray ampersand exit $?"
grep -q "	AT&T & friends	" "$tmp/out" || fail "stray ampersand row"
grep -q "^newsreader: warning: .*stray '&'" "$tmp/err" ||
    fail "stray ampersand warning: $(cat "$tmp/err")"

"$NR_BIN" --parse "$fx/rss20-cp1251.xml" 2>/dev/null | grep -q "Привет мир" ||
    fail "cp1251 title"

"$NR_BIN" --parse "$tmp/missing.xml" >/dev/null 2>&1
[ $? -eq 1 ] || fail "missing file: want exit 1"

[ "$fails" -eq 0 ] || exit 1
echo "parse.sh: all passed"
