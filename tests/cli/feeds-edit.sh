#!/bin/sh
# --remove NAME and --rename NAME NEW (issue 13): only the feed's line
# changes (comments, blank lines, CR LF and the other lines stay byte
# for byte, the old file is kept as feeds~); a removed feed's items stay
# until --prune; a renamed feed keeps its items (=NEW lists them).
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
		printf '<title>Feed %s</title>' "$1"
		i=1
		while [ $i -le "$3" ]; do
			printf '<item><title>%s %d</title><guid>urn:%s:%d</guid>' \
			    "$2" $i "$1" $i
			printf '</item>'
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} >"$WWW/$1.xml"
}
feed A alpha 2
feed B bravo 3
feed C charlie 1
start_server "$WWW"
F=$NR_TMP/feeds
{
	printf '# my feeds\r\n'
	printf '\n'
	printf '%s/A.xml  news "~The A"   # keep me\n' "$NR_URL"
	printf '\t# indented comment\n'
	printf '%s/B.xml name=bravo tech\n' "$NR_URL"
	printf 'query:x:unread = "yes"\n'
	printf '%s/C.xml' "$NR_URL"
} >"$F"
cp "$F" "$NR_TMP/orig"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "refresh: $(cat "$NR_TMP/out")"
"$NR" --list '=bravo' >"$NR_TMP/out" || fail "--list =bravo"
[ "$(wc -l <"$NR_TMP/out")" -eq 3 ] || fail "want 3 bravo items"

# Rename the feed without name= (its directory is 127.0.0.1).
"$NR" --feeds "$F" --rename 'The A' first 2>"$NR_TMP/err" ||
    fail "rename: $(cat "$NR_TMP/err")"
grep -q 'renamed 127.0.0.1 to first' "$NR_TMP/err" ||
    fail "rename message: $(cat "$NR_TMP/err")"
cmp -s "$NR_TMP/orig" "$F~" || fail "feeds~ is not the old file"
{
	printf '# my feeds\r\n'
	printf '\n'
	printf '%s/A.xml  news "~The A" name=first   # keep me\n' "$NR_URL"
	printf '\t# indented comment\n'
	printf '%s/B.xml name=bravo tech\n' "$NR_URL"
	printf 'query:x:unread = "yes"\n'
	printf '%s/C.xml' "$NR_URL"
} >"$NR_TMP/want"
cmp -s "$NR_TMP/want" "$F" || fail "after rename: $(od -c "$F" | head -20)"
"$NR" --feeds "$F" --list '=first' >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "--list =first: $(cat "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/out")" -eq 2 ] ||
    fail "renamed feed lost its items: $(cat "$NR_TMP/out")"
grep -q 'alpha 1' "$NR_TMP/out" || fail "=first: $(cat "$NR_TMP/out")"
# A refresh after the rename adds nothing new and keeps them together.
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "refresh after rename: $(cat "$NR_TMP/out")"
"$NR" --feeds "$F" --list '=first' >"$NR_TMP/out" || fail "--list =first"
[ "$(wc -l <"$NR_TMP/out")" -eq 2 ] || fail "=first after refresh"

# Rename the named one, then refuse collisions and bad names.
"$NR" --feeds "$F" --rename bravo b2 2>"$NR_TMP/err" ||
    fail "rename bravo: $(cat "$NR_TMP/err")"
"$NR" --feeds "$F" --list '=b2' >"$NR_TMP/out" || fail "--list =b2"
[ "$(wc -l <"$NR_TMP/out")" -eq 3 ] || fail "=b2: $(cat "$NR_TMP/out")"
cp "$F" "$NR_TMP/before"
for args in "first b2" "b2 first" "first Bad/Name" "nosuch x" "fir x"; do
	# shellcheck disable=SC2086
	"$NR" --feeds "$F" --rename $args >"$NR_TMP/out" 2>"$NR_TMP/err"
	rc=$?
	[ $rc -eq 1 ] || fail "--rename $args: exit $rc, want 1"
	[ "$(grep -vc 'warning:' "$NR_TMP/err")" -eq 1 ] ||
	    fail "--rename $args: not one line: $(cat "$NR_TMP/err")"
	cmp -s "$NR_TMP/before" "$F" || fail "--rename $args changed the file"
done
"$NR" --feeds "$F" --rename first b2 2>&1 | grep -q 'taken' ||
    fail "collision message"
# The directory of another feed is no name to take either.
"$NR" --feeds "$F" --rename b2 127.0.0.1-2 >/dev/null 2>&1 && {
	ls "$NEWSREADER_HOME"
	fail "took the directory name of another feed"
}
"$NR" --feeds "$F" --rename x >/dev/null 2>&1
[ $? -eq 2 ] || fail "--rename with one argument: want exit 2"

# Remove: the line goes, the rest stays byte for byte, items stay.
"$NR" --feeds "$F" --remove b2 2>"$NR_TMP/err" ||
    fail "remove: $(cat "$NR_TMP/err")"
grep -q 'items stay until --prune' "$NR_TMP/err" ||
    fail "remove message: $(cat "$NR_TMP/err")"
grep -v '/B.xml' "$NR_TMP/before" >"$NR_TMP/want"
# (grep adds the last line's missing newline back)
head -c -1 "$NR_TMP/want" >"$NR_TMP/want2"
cmp -s "$NR_TMP/want2" "$F" || fail "after remove: $(od -c "$F" | head)"
cmp -s "$NR_TMP/before" "$F~" || fail "feeds~ after remove"
"$NR" --feeds "$F" --list '=bravo' >"$NR_TMP/out" ||
    fail "items of the removed feed are gone"
[ "$(wc -l <"$NR_TMP/out")" -eq 3 ] || fail "removed feed's items"
"$NR" --feeds "$F" --prune --dry-run >"$NR_TMP/out" 2>&1
grep -q bravo "$NR_TMP/out" || fail "--prune does not list it: $(cat "$NR_TMP/out")"
"$NR" --feeds "$F" --remove b2 >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "removing it again: want exit 1"
[ "$(grep -vc 'warning:' "$NR_TMP/err")" -eq 1 ] ||
    fail "not one line: $(cat "$NR_TMP/err")"

# The last line (no newline) and the first feed.
"$NR" --feeds "$F" --remove 127.0.0.1-2 2>/dev/null || {
	cat "$F"
	fail "remove the last line"
}
"$NR" --feeds "$F" --remove first 2>/dev/null || fail "remove first"
printf '# my feeds\r\n\n\t# indented comment\nquery:x:unread = "yes"\n' \
    >"$NR_TMP/want"
cmp -s "$NR_TMP/want" "$F" || fail "comments not kept: $(od -c "$F")"
exit 0
