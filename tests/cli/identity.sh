#!/bin/sh
# Stable feed identity: a feed's directory is recorded for its URL the
# first time its items are stored, and editing the feeds file (removing,
# reordering, renaming lines, adding name= or a title) never moves items
# between feeds or mixes two feeds (docs/FORMAT.md, section 6).
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
mkdir -p "$WWW"

# feed NAME N: /NAME.xml with items NAME1 .. NAMEn (guid, date).
feed()
{
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel>'
		printf '<title>Feed %s</title><link>http://127.0.0.1/%s</link>' \
		    "$1" "$1"
		i=1
		while [ $i -le "$2" ]; do
			printf '<item><title>%s%d</title><guid>urn:%s:%d</guid>' \
			    "$1" $i "$1" $i
			printf '<pubDate>Mon, %02d Nov 2026 10:00:00 GMT</pubDate>' $i
			printf '</item>'
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} >"$WWW/$1.xml"
}
feed A 3
feed B 3
feed C 3
feed D 2
start_server "$WWW"
F=$NR_TMP/feeds

refresh()
{
	"$NR" --feeds "$F" --refresh "$@" >"$NR_TMP/out" 2>&1 ||
	    fail "refresh $*: $(cat "$NR_TMP/out")"
}

# Every item is listed once, in the directory its feed first got.
check()
{
	"$NR" --list >"$NR_TMP/list" || fail "--list"
	dups=$(cut -f1 "$NR_TMP/list" | sort | uniq -d)
	[ -z "$dups" ] || fail "$1: items listed twice: $dups"
	for t in $(cut -f5 "$NR_TMP/list"); do
		case $t in
		A*) want=$dir_a ;;
		B*) want=$dir_b ;;
		C*) want=$dir_c ;;
		D*) want=$dir_d ;;
		esac
		got=$(awk -F '\t' -v t="$t" '$5 == t { print $3 }' \
		    "$NR_TMP/list")
		[ "$got" = "$want" ] ||
		    fail "$1: $t is in $got, want $want: $(cat "$NR_TMP/list")"
	done
}

printf '%s/A.xml\n%s/B.xml\n%s/C.xml\n' "$NR_URL" "$NR_URL" "$NR_URL" >"$F"
refresh
dir_a=127.0.0.1
dir_b=127.0.0.1-2
dir_c=127.0.0.1-3
dir_d=
check "first refresh"
[ "$(wc -l <"$NR_TMP/list")" -eq 9 ] || fail "want 9 items"
grep -q "^127.0.0.1-2	$NR_URL/B.xml\$" "$NEWSREADER_HOME/.meta/feeds" ||
    fail "B is not recorded: $(cat "$NEWSREADER_HOME/.meta/feeds")"

# The first line goes: B and C keep their directories (the old code
# moved B into A's directory here).
feed B 4
feed C 4
printf '%s/B.xml\n%s/C.xml\n' "$NR_URL" "$NR_URL" >"$F"
refresh
check "without A"
grep -q '^127.0.0.1-2	ok	1	' "$NR_TMP/out" ||
    fail "B's new item: $(cat "$NR_TMP/out")"
[ "$(awk -F '\t' '$3 == "127.0.0.1"' "$NR_TMP/list" | wc -l)" -eq 3 ] ||
    fail "A's items changed"

# Reordered.
feed C 5
printf '%s/C.xml\n%s/B.xml\n' "$NR_URL" "$NR_URL" >"$F"
refresh
check "reordered"

# A name and a title for B: --feed takes the name; items stay put.
feed B 5
printf '%s/C.xml\n%s/B.xml name=bee "~Bee"\n' "$NR_URL" "$NR_URL" >"$F"
refresh --feed bee
check "named"
grep -q '^127.0.0.1-2	ok	1	' "$NR_TMP/out" ||
    fail "--feed bee: $(cat "$NR_TMP/out")"
refresh --feed Bee
refresh --feed 127.0.0.1-2

# A new feed on the host: a directory no feed had (127.0.0.1 still
# exists, recorded for A).
printf '%s/C.xml\n%s/B.xml name=bee\n%s/D.xml\n' "$NR_URL" "$NR_URL" \
    "$NR_URL" >"$F"
refresh
dir_d=127.0.0.1-4
check "new feed"
[ -d "$NEWSREADER_HOME/127.0.0.1-4" ] || fail "D has no directory of its own"

# A new URL with name= takes a directory whose URL left the feeds file:
# the feed moved. (A's URL is gone; a new URL claims "127.0.0.1".)
cp "$WWW/A.xml" "$WWW/A2.xml"
printf '%s/A2.xml name=127.0.0.1\n%s/B.xml name=bee\n' "$NR_URL" \
    "$NR_URL" >"$F"
refresh
check "moved"
grep -q "^127.0.0.1	$NR_URL/A2.xml\$" "$NEWSREADER_HOME/.meta/feeds" ||
    fail "the moved feed is not recorded"
[ "$(awk -F '\t' '$3 == "127.0.0.1"' "$NR_TMP/list" | wc -l)" -eq 3 ] ||
    fail "the moved feed's items were stored twice"

# ... but name= cannot take the directory of a URL still listed: E asks
# for B's directory while B is in the file, and gets one of its own.
feed E 1
printf '%s/E.xml name=127.0.0.1-2\n%s/B.xml\n' "$NR_URL" "$NR_URL" >"$F"
refresh
"$NR" --list >"$NR_TMP/list" || fail "--list"
e=$(awk -F '\t' '$5 == "E1" { print $3 }' "$NR_TMP/list")
[ -n "$e" ] && [ "$e" != 127.0.0.1-2 ] ||
    fail "E took B's directory: $(cat "$NR_TMP/list")"
[ "$(awk -F '\t' '$3 == "127.0.0.1-2"' "$NR_TMP/list" | wc -l)" -eq 5 ] ||
    fail "B's directory changed"

# A URL that fails before any item of it was stored gets no directory
# and no record (FORMAT.md, section 6): once the line is corrected, the
# feed takes the name the typo would have claimed. A recorded feed that
# fails keeps its directory, and its error is kept there.
NEWSREADER_HOME=$NR_TMP/data2
export NEWSREADER_HOME
printf '%s/typo.xml\n' "$NR_URL" >"$F"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 &&
    fail "a refresh of a 404 exits 0: $(cat "$NR_TMP/out")"
grep -q '404' "$NR_TMP/out" || fail "no 404 in: $(cat "$NR_TMP/out")"
[ ! -e "$NEWSREADER_HOME/127.0.0.1" ] ||
    fail "a 404 that stored nothing got a directory"
! grep -qs typo "$NEWSREADER_HOME/.meta/feeds" ||
    fail "a 404 that stored nothing was recorded"
printf '%s/A.xml\n' "$NR_URL" >"$F"
refresh
"$NR" --list >"$NR_TMP/list" || fail "--list"
[ "$(awk -F '\t' '$3 == "127.0.0.1"' "$NR_TMP/list" | wc -l)" -eq 3 ] ||
    fail "the corrected feed is not in 127.0.0.1: $(cat "$NR_TMP/list")"
mv "$WWW/A.xml" "$WWW/A.gone"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 &&
    fail "a refresh of a 404 exits 0: $(cat "$NR_TMP/out")"
grep -q '^feed	error	.*404' "$NEWSREADER_HOME/127.0.0.1/.meta/state" ||
    fail "a recorded feed's error is not kept: $(cat "$NEWSREADER_HOME/127.0.0.1/.meta/state"; cat "$NR_TMP/out")"
[ "$(awk -F '\t' '$3 == "127.0.0.1"' "$NR_TMP/list" | wc -l)" -eq 3 ] ||
    fail "a failing feed lost items"

echo "PASS: identity"
