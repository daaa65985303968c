#!/bin/sh
# --prune (issue 12): the feed directories that are no longer listed
# (recorded for a URL that no line of the feeds file resolves to any
# more) are listed by --prune --dry-run and deleted by --prune --yes,
# but for their starred items; feeds that never came from a feeds file
# (--import --into, the demo) are never touched, and the search index
# forgets what was deleted.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
mkdir -p "$WWW"

# feed NAME WORD N: /NAME.xml with items "WORD 1" .. "WORD n".
feed()
{
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel>'
		printf '<title>Feed %s</title><link>http://127.0.0.1/%s</link>' \
		    "$1" "$1"
		i=1
		while [ $i -le "$3" ]; do
			printf '<item><title>%s %d</title><guid>urn:%s:%d</guid>' \
			    "$2" $i "$1" $i
			printf '<pubDate>Mon, %02d Nov 2026 10:00:00 GMT</pubDate>' $i
			printf '</item>'
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} >"$WWW/$1.xml"
}
feed A alpha 2
feed B bravo 3
start_server "$WWW"
F=$NR_TMP/feeds
printf '%s/A.xml name=alpha\n%s/B.xml name=bravo\n' "$NR_URL" "$NR_URL" \
    >"$F"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "refresh: $(cat "$NR_TMP/out")"
"$NR" --import "$NR_SRCDIR/demo" 2>"$NR_TMP/err" ||
    fail "import demo: $(cat "$NR_TMP/err")"
"$NR" --import --into saved "$NR_SRCDIR/demo/001_509b68a89738fcfe.txt" \
    2>"$NR_TMP/err" || fail "import --into: $(cat "$NR_TMP/err")"
"$NR" --list >"$NR_TMP/before" || fail "--list"
nall=$(wc -l <"$NR_TMP/before")

# Star "bravo 2" (an appended flags line, docs/FORMAT.md section 4).
star=$(awk -F '\t' '$5 == "bravo 2" { print $1 }' "$NR_TMP/before")
[ -n "$star" ] || fail "no bravo 2: $(cat "$NR_TMP/before")"
printf 'flags\t%s\ts\n' "$star" >>"$NEWSREADER_HOME/bravo/.meta/state"
"$NR" --list bravo >"$NR_TMP/out" || fail "--list bravo"
[ "$(wc -l <"$NR_TMP/out")" -eq 3 ] || fail "search: want 3 bravo items"

# Listed feeds: nothing to prune.
"$NR" --feeds "$F" --prune --dry-run >"$NR_TMP/out" 2>&1 ||
    fail "dry-run with nothing to prune failed"
[ -s "$NR_TMP/out" ] && fail "nothing to prune, but: $(cat "$NR_TMP/out")"

# B leaves the feeds file: the dry run lists exactly bravo.
printf '%s/A.xml name=alpha\n' "$NR_URL" >"$F"
"$NR" --feeds "$F" --prune --dry-run >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "--prune --dry-run: $(cat "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/out")" -eq 1 ] ||
    fail "dry run lists: $(cat "$NR_TMP/out")"
grep -q "^bravo	3 items	1 starred	$NR_URL/B.xml\$" "$NR_TMP/out" ||
    fail "dry run: $(cat "$NR_TMP/out")"
[ "$(ls "$NEWSREADER_HOME/bravo" | grep -c '\.txt$')" -eq 3 ] ||
    fail "the dry run deleted files"

# Not a terminal, no --yes: a usage error, nothing deleted.
"$NR" --feeds "$F" --prune </dev/null >/dev/null 2>"$NR_TMP/err"
rc=$?
[ $rc -eq 2 ] || fail "prune without a tty or --yes: exit $rc, want 2"
grep -q -- '--yes' "$NR_TMP/err" || fail "the error does not say --yes"
[ "$(ls "$NEWSREADER_HOME/bravo" | grep -c '\.txt$')" -eq 3 ] ||
    fail "prune without --yes deleted files"
"$NR" --feeds "$F" --prune --dry-run --yes >/dev/null 2>&1
[ $? -eq 2 ] || fail "--dry-run --yes is not a usage error"
"$NR" --dry-run --list >/dev/null 2>&1
[ $? -eq 2 ] || fail "--dry-run without --prune is not a usage error"

# --yes: bravo's items go but the starred one, which keeps its directory.
"$NR" --feeds "$F" --prune --yes </dev/null >"$NR_TMP/out" \
    2>"$NR_TMP/err" || fail "--prune --yes: $(cat "$NR_TMP/err")"
grep -q '2 items deleted, 1 starred kept' "$NR_TMP/err" ||
    fail "summary: $(cat "$NR_TMP/err")"
ls "$NEWSREADER_HOME/bravo" >"$NR_TMP/ls" || fail "bravo's directory is gone"
[ "$(cat "$NR_TMP/ls")" = "$(ls "$NEWSREADER_HOME/bravo" | grep "_$star.txt")" ] ||
    fail "bravo keeps: $(cat "$NR_TMP/ls")"
"$NR" --list >"$NR_TMP/after" || fail "--list after"
[ "$(wc -l <"$NR_TMP/after")" -eq $((nall - 2)) ] ||
    fail "want $((nall - 2)) items: $(cat "$NR_TMP/after")"
grep -q "^$star	.*	bravo	NS	bravo 2	" "$NR_TMP/after" ||
    fail "the starred item is not listed: $(cat "$NR_TMP/after")"
grep -q '	bravo 1	\|	bravo 3	' "$NR_TMP/after" &&
    fail "pruned items are listed"
for d in alpha saved northwind.example; do
	grep -q "	$d	" "$NR_TMP/after" || fail "$d lost its items"
done
[ "$(grep -c '	saved	' "$NR_TMP/after")" -eq 1 ] || fail "saved changed"
grep "	alpha	" "$NR_TMP/after" | cut -f5 | sort >"$NR_TMP/alpha"
[ "$(cat "$NR_TMP/alpha")" = "alpha 1
alpha 2" ] || fail "alpha: $(cat "$NR_TMP/alpha")"
# The search index forgot the pruned items.
"$NR" --list bravo >"$NR_TMP/out" 2>"$NR_TMP/err" || fail "--list bravo"
[ "$(cut -f5 "$NR_TMP/out")" = "bravo 2" ] ||
    fail "search after prune: $(cat "$NR_TMP/out")"
grep -q "^bravo	" "$NEWSREADER_HOME/.meta/feeds" ||
    fail "bravo's record went with its directory still there"
# Again: only the starred item is left, and it stays.
"$NR" --feeds "$F" --prune --yes </dev/null >"$NR_TMP/out" \
    2>"$NR_TMP/err" || fail "--prune --yes again: $(cat "$NR_TMP/err")"
[ "$(cat "$NR_TMP/out")" = "bravo	1 item	1 starred	$NR_URL/B.xml" ] ||
    fail "prune again lists: $(cat "$NR_TMP/out")"
grep -q '0 items deleted, 1 starred kept' "$NR_TMP/err" ||
    fail "summary again: $(cat "$NR_TMP/err")"
[ "$("$NR" --list | grep -c "^$star	")" -eq 1 ] ||
    fail "the starred item went"

# Unstarred, the last item goes, then the directory and its record;
# the imported feeds and the demo are never listed.
printf 'flags\t%s\t-\n' "$star" >>"$NEWSREADER_HOME/bravo/.meta/state"
"$NR" --feeds "$F" --prune --dry-run >"$NR_TMP/out" 2>&1 || fail "dry run"
[ "$(cat "$NR_TMP/out")" = "bravo	1 item	0 starred	$NR_URL/B.xml" ] ||
    fail "second dry run: $(cat "$NR_TMP/out")"
"$NR" --feeds "$F" --prune --yes >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "second prune: $(cat "$NR_TMP/err")"
[ -e "$NEWSREADER_HOME/bravo" ] && fail "bravo's directory is still there"
grep -q "bravo" "$NEWSREADER_HOME/.meta/feeds" &&
    fail "bravo is still recorded: $(cat "$NEWSREADER_HOME/.meta/feeds")"
"$NR" --list bravo >"$NR_TMP/out" 2>&1 || fail "--list bravo"
[ -s "$NR_TMP/out" ] && fail "search finds: $(cat "$NR_TMP/out")"
"$NR" --list >"$NR_TMP/after" || fail "--list"
[ "$(wc -l <"$NR_TMP/after")" -eq $((nall - 3)) ] ||
    fail "want $((nall - 3)) items"
ls "$NEWSREADER_HOME/saved" "$NEWSREADER_HOME/northwind.example" \
    >/dev/null || fail "an imported feed was pruned"

# B comes back: it is a new feed again, with all its items.
printf '%s/A.xml name=alpha\n%s/B.xml name=bravo\n' "$NR_URL" "$NR_URL" \
    >"$F"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "refresh: $(cat "$NR_TMP/out")"
[ "$("$NR" --list | grep -c '	bravo	')" -eq 3 ] ||
    fail "bravo's items did not come back"
"$NR" --list bravo >"$NR_TMP/out" 2>&1 || fail "--list bravo"
[ "$(wc -l <"$NR_TMP/out")" -eq 3 ] ||
    fail "search after B came back: $(cat "$NR_TMP/out")"
exit 0
