#!/bin/sh
# Feed and server text in messages (issue 11, item 2): an encoding name
# with escape sequences in the XML declaration, a C1 CSI in the HTTP
# charset, and a bidi override in the name of the root element. None of
# it may reach --parse's stderr, --refresh's output (to a pipe and to a
# terminal), or the cache.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"

# 1. ESC ]0;pwned BEL ESC c in the declared encoding.
printf '<?xml version="1.0" encoding="\033]0;pwned\007\033c"?><rss version="2.0"><channel><title>E</title><item><title>a</title><guid>a</guid></item></channel></rss>' \
    >"$WWW/enc.xml"
# 2. A good feed, served with "charset=<U+009B>31m" (C1 CSI).
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>C</title><item><title>b</title><guid>b</guid></item></channel></rss>' \
    >"$WWW/c1.xml"
# 3. U+202E (right-to-left override) in the root element's name.
printf '<?xml version="1.0"?><x\342\200\256gnp.exe><a/></x\342\200\256gnp.exe>' \
    >"$WWW/bidi.xml"

# No ESC, BEL, C1 control (UTF-8 C2 80-9F) or bidi control (E2 80 AA-AE,
# E2 81 A6-A9) in a file; with "tty", ESC [ K (the progress line's own
# erase) is allowed.
clean_bytes()
{
	_f=$1
	if [ "${2:-}" = tty ]; then
		_f=$NR_TMP/stripped
		LC_ALL=C sed "s/$(printf '\033')\[K//g" "$1" >"$_f"
	fi
	! LC_ALL=C grep -q "$(printf '\033')" "$_f" &&
	! LC_ALL=C grep -q "$(printf '\007')" "$_f" &&
	! LC_ALL=C grep -qE "$(printf '\302[\200-\237]')" "$_f" &&
	! LC_ALL=C grep -qE "$(printf '\342\200[\252-\256]|\342\201[\246-\251]')" "$_f"
}

# --parse: the warning and the errors on stderr.
"$NR" --parse "$WWW/enc.xml" >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "--parse enc.xml: $(cat "$NR_TMP/err")"
grep -q 'encoding .*unknown, read as UTF-8' "$NR_TMP/err" ||
    fail "--parse: no encoding warning: $(cat "$NR_TMP/err")"
clean_bytes "$NR_TMP/err" || fail "--parse: escapes in the encoding warning"
clean_bytes "$NR_TMP/out" || fail "--parse: escapes on stdout"
"$NR" --parse "$WWW/bidi.xml" >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "--parse bidi.xml should fail"
grep -q 'not a feed: root element' "$NR_TMP/err" ||
    fail "--parse: no root element error: $(cat "$NR_TMP/err")"
clean_bytes "$NR_TMP/err" || fail "--parse: bidi override in the error"

# --refresh: the message column, to a pipe.
start_server "$WWW"
printf '%s name=enc\n%s name=cone\n%s name=bidi\n' "$NR_URL/enc.xml" \
    "$NR_URL/charset/%C2%9B31m/c1.xml" "$NR_URL/bidi.xml" \
    >"$NR_TMP/feeds"
# The server really sends the C1 byte pair (it is the test's premise).
python3 - "$NR_URL/charset/%C2%9B31m/c1.xml" <<'PY' ||
import sys, urllib.request
ct = urllib.request.urlopen(sys.argv[1]).headers.get("Content-Type")
sys.exit(0 if "\u00c2\u009b31m" in ct else 1)
PY
    fail "the test server did not send the C1 charset"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "--refresh: bidi.xml should fail"
grep -q '^enc	ok	1	0	encoding .*unknown' "$NR_TMP/out" ||
    fail "--refresh: enc: $(cat "$NR_TMP/out")"
grep -q '^cone	ok	1	0	' "$NR_TMP/out" ||
    fail "--refresh: cone: $(cat "$NR_TMP/out")"
grep -q '^bidi	error	0	0	not a feed: root element' "$NR_TMP/out" ||
    fail "--refresh: bidi: $(cat "$NR_TMP/out")"
for f in "$NR_TMP/out" "$NR_TMP/err"; do
	clean_bytes "$f" || fail "--refresh: escapes in $f"
done
# The cache keeps no message with them either (the text files: the
# binary index, .meta/items, holds hashes and offsets; the search index,
# .meta/search.db, is SQLite's binary pages of words, which its tokenizer
# never makes of control characters).
for f in $(find "$NEWSREADER_HOME" -type f ! -name items \
    ! -name 'search.db*'); do
	clean_bytes "$f" || fail "escapes stored in $f"
done

# A file name with escapes, found by --import in a directory, is
# cleaned in the message that names it.
mkdir -p "$NR_TMP/drop" || fail "mkdir"
: >"$NR_TMP/drop/$(printf 'x\033]0;pwned\007\033c\302\233''2J.txt')"
"$NR" --import "$NR_TMP/drop" >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "--import of an empty file should fail"
grep -q 'empty file' "$NR_TMP/err" || fail "--import: $(cat "$NR_TMP/err")"
clean_bytes "$NR_TMP/err" || fail "--import: escapes in a file name"

# --refresh to a terminal (script(1) gives it one): the same messages.
if command -v script >/dev/null 2>&1; then
	rm -rf "$NEWSREADER_HOME"
	script -qec \
	    "'$NR' --feeds '$NR_TMP/feeds' --refresh" "$NR_TMP/tty" \
	    >/dev/null 2>&1 </dev/null
	grep -q 'bidi: not a feed: root element' "$NR_TMP/tty" ||
	    fail "--refresh on a terminal: $(cat -v "$NR_TMP/tty")"
	clean_bytes "$NR_TMP/tty" tty ||
	    fail "--refresh on a terminal: escapes: $(cat -v "$NR_TMP/tty")"
fi
exit 0
