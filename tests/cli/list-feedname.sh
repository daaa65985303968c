#!/bin/sh
# "=NAME" in a --list query names a feed as --feed does: its directory,
# its name=, its "~Title" (any case), its own title, its URL in the feeds
# file, or a unique prefix of a short name; an ambiguous prefix is a
# usage error that lists the candidates, an unknown name matches nothing.
# On 809e122 '="my b"' (a ~Title), the URL and the prefix matched
# nothing: only the directory and the feed's own title were compared.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
feed()
{
	printf '<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><item><title>%s item</title><guid>%s</guid></item></channel></rss>\n' \
	    "$2" "$2" "$1" >"$WWW/$1.xml"
}
feed a 'Lattice Science'
feed b 'Northwind Daily'
start_server "$WWW"
F=$NR_TMP/feeds
cat >"$F" <<EOF
$NR_URL/a.xml name=lattice science
$NR_URL/b.xml "~My B" news
$NR_URL/c.xml name=lateral
EOF
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err"
grep -q 'lattice' "$NR_TMP/out" ||
    fail "refresh: $(cat "$NR_TMP/out" "$NR_TMP/err")"

# titles QUERY: the titles --list QUERY prints, sorted, on one line.
titles()
{
	"$NR" --feeds "$F" --list "$1" 2>"$NR_TMP/err" | cut -f5 | sort |
	    tr '\n' '|'
}
check()
{
	got=$(titles "$1")
	[ "$got" = "$2" ] ||
	    fail "--list '$1': '$got' want '$2' $(cat "$NR_TMP/err")"
}
check '=lattice' 'Lattice Science item|'
check '=LATTICE' 'Lattice Science item|'
check '="northwind daily"' 'Northwind Daily item|'
check '="my b"' 'Northwind Daily item|'
check '="My B"' 'Northwind Daily item|'
check "=$NR_URL/b.xml" 'Northwind Daily item|'
check '=latt' 'Lattice Science item|'
check '="my b" or =lattice' 'Lattice Science item|Northwind Daily item|'
check 'not ="my b"' 'Lattice Science item|'
check '=nosuch' ''
"$NR" --feeds "$F" --list '=lat' >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "ambiguous prefix: exit status"
grep -q "ambiguous feed 'lat'.*lattice.*lateral" "$NR_TMP/err" ||
    fail "ambiguous prefix: $(cat "$NR_TMP/err")"
[ ! -s "$NR_TMP/out" ] || fail "ambiguous prefix printed rows"

# --feed names feeds the same way (--refresh, the interface).
"$NR" --feeds "$F" --refresh --feed "Lattice Science" >"$NR_TMP/out" \
    2>"$NR_TMP/err" || fail "--feed own title: $(cat "$NR_TMP/err")"
[ "$(cut -f1 "$NR_TMP/out")" = lattice ] ||
    fail "--feed own title refreshed: $(cat "$NR_TMP/out")"
"$NR" --feeds "$F" --refresh --feed latt >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "--feed prefix: $(cat "$NR_TMP/err")"
[ "$(cut -f1 "$NR_TMP/out")" = lattice ] ||
    fail "--feed prefix refreshed: $(cat "$NR_TMP/out")"
"$NR" --feeds "$F" --refresh --feed lat >/dev/null 2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "--refresh --feed lat: exit status"
grep -q "ambiguous feed 'lat'" "$NR_TMP/err" || fail "$(cat "$NR_TMP/err")"
# The interface resolves the name before it needs a terminal.
"$NR" --feeds "$F" --feed lat </dev/null >/dev/null 2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "--feed lat: exit status"
"$NR" --feeds "$F" --feed "my b" </dev/null >/dev/null 2>"$NR_TMP/err"
grep -q "needs a terminal" "$NR_TMP/err" ||
    fail "--feed 'my b' not resolved: $(cat "$NR_TMP/err")"
exit 0
