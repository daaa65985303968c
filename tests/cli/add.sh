#!/bin/sh
# --add URL (issue 13): a feed is added as it is; a web page's
# <link rel="alternate"> feeds are found with the HTML tokenizer
# (relative hrefs, <base>, rel with several tokens, any case, any
# quoting, entities, comments and scripts skipped); several are listed
# (exit 2) until --pick N chooses; a page naming none gets /feed, /rss,
# /atom.xml, /index.xml, /feed.xml tried on its origin; a page with no
# feed at all and a 404 are errors (exit 1, one line). The ten front
# pages in tests/fixtures/discover are <head>s written in the shapes of
# real news sites, not copies.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
FIX=$NR_SRCDIR/tests/fixtures/discover
mkdir -p "$WWW"
start_server "$WWW"
F=$NR_TMP/feeds

# rss PATH TITLE: an RSS feed of two items at /PATH.
rss()
{
	mkdir -p "$(dirname "$WWW/$1")"
	printf '<?xml version="1.0"?><rss version="2.0"><channel>
<title>%s</title><link>%s/</link>
<item><title>%s one</title><guid>urn:%s:1</guid></item>
<item><title>%s two</title><guid>urn:%s:2</guid></item>
</channel></rss>\n' "$2" "$NR_URL" "$2" "$1" "$2" "$1" >"$WWW/$1"
}

# atom PATH TITLE: an Atom feed of one entry at /PATH.
atom()
{
	mkdir -p "$(dirname "$WWW/$1")"
	printf '<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title>
<id>urn:%s</id><updated>2026-11-01T00:00:00Z</updated>
<entry><title>%s entry</title><id>urn:%s:1</id>
<updated>2026-11-01T00:00:00Z</updated>
<link href="%s/e1"/></entry></feed>\n' "$2" "$1" "$2" "$1" "$NR_URL" \
	    >"$WWW/$1"
}

# The front pages, their hosts and ports filled in.
for f in "$FIX"/s*.html; do
	d=$(basename "$f" | cut -c1-3)
	mkdir -p "$WWW/$d"
	sed -e "s|@URL@|$NR_URL|g" -e "s|@HOSTPORT@|127.0.0.1:$NR_PORT|g" \
	    "$f" >"$WWW/$d/index.html"
done
rss world/rss "World news"
rss services/xml/rss/nyt/HomePage.xml "NYT > Top Stories"
rss s03/feed "TechCrunch"
rss s03/comments/feed "Comments for TechCrunch"
rss s04/fr/rss/une.xml "Le Monde.fr - Actualites"
rss s05/index.rss "DER SPIEGEL - Schlagzeilen"
atom s06/feed.atom "Ars Technica - All content"
atom s07/rss/heise-atom.xml "heise online News"
rss s08/rss/rss.php "NPR Topics: News"
rss s09/xml/rss/all.xml "Al Jazeera - Breaking News"
rss s09/old.xml "Old"
rss s09/script.xml "Script"
rss s09/style.xml "Style"
atom s10/feeds/main "Daring Fireball"
printf '{"version": "https://jsonfeed.org/version/1.1", "title": "DF", "items": []}\n' \
    >"$WWW/s10/feeds/json"

# 1. A feed URL is added as it is, fetched once, its title shown.
rss direct.xml "Direct Feed"
"$NR" --feeds "$F" --add "$NR_URL/direct.xml" name=direct news \
    >"$NR_TMP/out" 2>"$NR_TMP/err" || fail "add direct: $(cat "$NR_TMP/err")"
grep -q 'added direct: Direct Feed' "$NR_TMP/err" ||
    fail "no title shown: $(cat "$NR_TMP/err")"
[ "$(cat "$F")" = "$NR_URL/direct.xml news name=direct" ] ||
    fail "feeds file: $(cat "$F")"
"$NR" --feeds "$F" --list '=direct' >"$NR_TMP/out" || fail "--list =direct"
[ "$(wc -l <"$NR_TMP/out")" -eq 2 ] ||
    fail "the new feed was not fetched: $(cat "$NR_TMP/out")"
# Again: already there (exit 1, one line, nothing fetched).
: >"$NR_SERVER_LOG"
"$NR" --feeds "$F" --add "$NR_URL/direct.xml" >"$NR_TMP/out" \
    2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "adding twice: want exit 1"
grep -q 'already in the feeds file as direct' "$NR_TMP/err" ||
    fail "twice: $(cat "$NR_TMP/err")"
[ "$(count_log GET)" -eq 0 ] || fail "adding twice fetched something"
# A taken name is refused before any request.
"$NR" --feeds "$F" --add "$NR_URL/s01/index.html" name=direct \
    >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "taken name: want exit 1"
grep -q 'name direct is taken' "$NR_TMP/err" || fail "$(cat "$NR_TMP/err")"

# 2. The ten front pages: site, --pick (0: none), the feed's path.
while read -r site pick path; do
	set -- --feeds "$F" --add "$NR_URL/$site/index.html" "name=$site"
	[ "$pick" = 0 ] || set -- "$@" --pick "$pick"
	cp "$F" "$NR_TMP/before"
	"$NR" "$@" >"$NR_TMP/out" 2>"$NR_TMP/err" ||
	    fail "$site: exit $?: $(cat "$NR_TMP/err")"
	line=$(tail -n 1 "$F")
	[ "$line" = "$NR_URL$path name=$site" ] ||
	    fail "$site: added '$line', want $NR_URL$path"
	# The lines before stay as they were.
	head -n -1 "$F" | cmp -s - "$NR_TMP/before" ||
	    fail "$site: the other lines changed"
	"$NR" --feeds "$F" --list "=$site" >"$NR_TMP/out" ||
	    fail "--list =$site"
	[ -s "$NR_TMP/out" ] || fail "$site: no items after --add"
done <<EOF2
s01 0 /world/rss
s02 0 /services/xml/rss/nyt/HomePage.xml
s03 1 /s03/feed/
s04 0 /s04/fr/rss/une.xml
s05 0 /s05/index.rss
s06 0 /s06/feed.atom
s07 0 /s07/rss/heise-atom.xml
s08 0 /s08/rss/rss.php?id=1001&fmt=x
s09 0 /s09/xml/rss/all.xml
s10 1 /s10/feeds/main
EOF2

# 3. Several feeds: listed, exit 2, nothing added; --pick 2 chooses.
cp "$F" "$NR_TMP/before"
"$NR" --feeds "$F" --add "$NR_URL/s03/index.html" >"$NR_TMP/out" \
    2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "several: want exit 2"
grep -q -- '--pick N' "$NR_TMP/err" || fail "several: $(cat "$NR_TMP/err")"
printf '1\tTechCrunch \302\273 Feed\tapplication/rss+xml\t%s\n2\tTechCrunch \302\273 Comments Feed\tapplication/rss+xml\t%s\n' \
    "$NR_URL/s03/feed/" "$NR_URL/s03/comments/feed/" >"$NR_TMP/want"
cmp -s "$NR_TMP/want" "$NR_TMP/out" ||
    fail "several: listed $(cat "$NR_TMP/out")"
cmp -s "$NR_TMP/before" "$F" || fail "several: the feeds file changed"
"$NR" --feeds "$F" --add "$NR_URL/s03/index.html" --pick 2 tech \
    "~TC comments" >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "--pick 2: $(cat "$NR_TMP/err")"
[ "$(tail -n 1 "$F")" = "$NR_URL/s03/comments/feed/ tech \"~TC comments\"" ] ||
    fail "--pick 2 added: $(tail -n 1 "$F")"
"$NR" --feeds "$F" --add "$NR_URL/s10/index.html" --pick 3 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--pick 3 of 2: want exit 2"
"$NR" --feeds "$F" --add "$NR_URL/s10/index.html" --pick x >/dev/null 2>&1
[ $? -eq 2 ] || fail "--pick x: want exit 2"
"$NR" --feeds "$F" --pick 1 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--pick without --add: want exit 2"

# 4. A page with no feed: the five paths are tried (then exit 1).
mkdir -p "$WWW/plain"
printf '<!DOCTYPE html><html><head><title>Blog</title>
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/json" href="/wp-json/">
</head><body><p>Hello</p></body></html>\n' >"$WWW/plain/index.html"
: >"$NR_SERVER_LOG"
cp "$F" "$NR_TMP/before"
"$NR" --feeds "$F" --add "$NR_URL/plain/index.html" >"$NR_TMP/out" 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "no feed: want exit 1"
[ "$(wc -l <"$NR_TMP/err")" -eq 1 ] || fail "no feed: $(cat "$NR_TMP/err")"
grep -q 'names no feed' "$NR_TMP/err" || fail "no feed: $(cat "$NR_TMP/err")"
[ "$(count_log GET)" -eq 6 ] || fail "no feed: $(cat "$NR_SERVER_LOG")"
for p in /feed /rss /atom.xml /index.xml /feed.xml; do
	grep -q "^GET $p 404" "$NR_SERVER_LOG" || fail "$p not tried"
done
cmp -s "$NR_TMP/before" "$F" || fail "no feed: the feeds file changed"
# A web page's file:// link is never followed: it names no feed.
mkdir -p "$WWW/local"
printf '<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">' \
    >"$WWW/local/index.html"
"$NR" --feeds "$F" --add "$NR_URL/local/index.html" >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "file link: want exit 1"
grep -q 'names no feed' "$NR_TMP/err" || fail "file link: $(cat "$NR_TMP/err")"
grep -q 'passwd' "$F" && fail "a web page added a file:// feed"

# 5. The fallback: /feed is a web page (a soft 404), /rss a feed; the
# search stops there.
printf '<html><body>Not found</body></html>\n' >"$WWW/feed"
rss rss "Fallback Feed"
: >"$NR_SERVER_LOG"
"$NR" --feeds "$F" --add "$NR_URL/plain/index.html" name=fb >"$NR_TMP/out" \
    2>"$NR_TMP/err" || fail "fallback: $(cat "$NR_TMP/err")"
[ "$(tail -n 1 "$F")" = "$NR_URL/rss name=fb" ] ||
    fail "fallback added $(tail -n 1 "$F")"
grep -q 'atom.xml' "$NR_SERVER_LOG" && fail "went on after /rss"
grep -q 'added fb: Fallback Feed' "$NR_TMP/err" || fail "$(cat "$NR_TMP/err")"

# 6. Errors: a 404, not a feed nor a page, another scheme.
"$NR" --feeds "$F" --add "$NR_URL/nope" >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "404: want exit 1"
grep -q '404' "$NR_TMP/err" || fail "404: $(cat "$NR_TMP/err")"
printf 'just text\n' >"$WWW/t.txt"
"$NR" --feeds "$F" --add "$NR_URL/t.txt" >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "text: want exit 1"
[ "$(wc -l <"$NR_TMP/err")" -eq 1 ] || fail "text: $(cat "$NR_TMP/err")"
"$NR" --feeds "$F" --add "ftp://127.0.0.1/x" >/dev/null 2>"$NR_TMP/err"
[ $? -eq 1 ] || fail "ftp: want exit 1"
grep -q 'not an http' "$NR_TMP/err" || fail "ftp: $(cat "$NR_TMP/err")"

# 7. Then --remove and --rename keep the comments of this file.
printf '# added by hand\n' >>"$F"
cp "$F" "$NR_TMP/before"
"$NR" --feeds "$F" --rename s05 spiegel 2>/dev/null || fail "rename s05"
"$NR" --feeds "$F" --list '=spiegel' >"$NR_TMP/out" || fail "=spiegel"
[ "$(wc -l <"$NR_TMP/out")" -eq 2 ] || fail "spiegel: $(cat "$NR_TMP/out")"
"$NR" --feeds "$F" --remove spiegel 2>/dev/null || fail "remove spiegel"
grep -v '/s05/' "$NR_TMP/before" | cmp -s - "$F" ||
    fail "remove: other lines changed"
exit 0
