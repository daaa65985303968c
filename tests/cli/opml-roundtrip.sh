#!/bin/sh
# OPML export and import (issue 12, item 4): the export has the feeds of
# the feeds file only (not the built-in sputnik), each titled with its
# display name, else the feed's own title (never the short name), and
# import -> export -> import gives the same feeds file. On 6332144 the
# export listed sputnik and wrote "lattice", which came back as ~lattice.
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
feed c 'Never fetched'
start_server "$WWW"
F=$NR_TMP/feeds
cat >"$F" <<EOF
$NR_URL/a.xml name=lattice science
$NR_URL/b.xml "~My B" news
EOF
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "refresh: $(cat "$NR_TMP/out" "$NR_TMP/err")"
echo "$NR_URL/c.xml" >>"$F"

"$NR" --feeds "$F" --opml-export >"$NR_TMP/o1" 2>"$NR_TMP/err" ||
    fail "--opml-export: $(cat "$NR_TMP/err")"
[ "$(grep -c '<outline ' "$NR_TMP/o1")" -eq 3 ] ||
    fail "want 3 outlines: $(cat "$NR_TMP/o1")"
grep -qi sputnik "$NR_TMP/o1" && fail "exported the built-in sputnik"
grep -q "text=\"Lattice Science\" title=\"Lattice Science\" xmlUrl=\"$NR_URL/a.xml\" category=\"/science\"" \
    "$NR_TMP/o1" || fail "feed a: $(grep a.xml "$NR_TMP/o1")"
grep -q "title=\"My B\" xmlUrl=\"$NR_URL/b.xml\"" "$NR_TMP/o1" ||
    fail "feed b: $(grep b.xml "$NR_TMP/o1")"
grep -q "title=\"$NR_URL/c.xml\" xmlUrl=\"$NR_URL/c.xml\"" "$NR_TMP/o1" ||
    fail "feed c (no title known): $(grep c.xml "$NR_TMP/o1")"

# import -> export -> import: the same feeds file.
"$NR" --feeds "$NR_TMP/f1" --opml-import "$NR_TMP/o1" 2>"$NR_TMP/err" ||
    fail "import 1: $(cat "$NR_TMP/err")"
grep -q '~' "$NR_TMP/f1" && ! grep -q '"~My B"' "$NR_TMP/f1" &&
    fail "import 1 titles: $(cat "$NR_TMP/f1")"
grep -q '~lattice\|~Lattice\|~http' "$NR_TMP/f1" &&
    fail "a title became a display name: $(cat "$NR_TMP/f1")"
"$NR" --feeds "$NR_TMP/f1" --opml-export >"$NR_TMP/o2" 2>"$NR_TMP/err" ||
    fail "export 2: $(cat "$NR_TMP/err")"
cmp -s "$NR_TMP/o1" "$NR_TMP/o2" ||
    fail "export changed: $(diff "$NR_TMP/o1" "$NR_TMP/o2")"
"$NR" --feeds "$NR_TMP/f2" --opml-import "$NR_TMP/o2" 2>"$NR_TMP/err" ||
    fail "import 2: $(cat "$NR_TMP/err")"
cmp -s "$NR_TMP/f1" "$NR_TMP/f2" ||
    fail "feeds file changed: $(diff "$NR_TMP/f1" "$NR_TMP/f2")"

# With no feeds file there is nothing to export.
"$NR" --feeds "$NR_TMP/none" --opml-export >"$NR_TMP/o3" 2>/dev/null ||
    fail "export of no file"
grep -q '<outline' "$NR_TMP/o3" && fail "exported: $(cat "$NR_TMP/o3")"
exit 0
