#!/bin/sh
# fulltext=yes: each new item's page is fetched after the feed (loopback
# server), its article stored as the item's text with the page's time
# line; failed pages keep the feed's text, are named in the feed's error
# and tried again, three times in all; stored pages are never fetched
# again nor overwritten by the feed's text; pages on one host start at
# least 1 s apart; a feed without fulltext fetches no page.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
FX=$NR_SRCDIR/tests/fixtures/extract
WWW=$NR_TMP/www
mkdir -p "$WWW/a" "$WWW/b" || fail "mkdir"
cp "$FX/news-seed.html" "$WWW/a/seed.html" || fail "cp"
cp "$FX/blog.html" "$WWW/a/blog.html" || fail "cp"
cp "$FX/blog.html" "$WWW/b/blog.html" || fail "cp"
echo "plain text, not a page" >"$WWW/a/notes.txt"
NR_SERVER_ARGS=--log-times
start_server "$WWW"

# The gone page's link carries a password, never shown in an error.
NR_URL_AUTH=$(echo "$NR_URL" | sed 's|://|://reader:s3cret@|')
SUMMARY="Chinese Defense Ministry spokesman Tan Kefei underscored that Li Shangfu’s visit to Russia comes amid new progress in military collaboration between Beijing and Moscow."
# mkfeed FILE SUFFIX: the fulltext feed; SUFFIX is added to descriptions.
mkfeed()
{
	cat >"$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Full</title><link>$NR_URL/</link>
<description>A feed of short items</description>
<item><title>Chinese Defense Minister to Visit Russia on April 16-18</title>
<link>$NR_URL/a/seed.html</link><guid>seed-1</guid>
<description>$SUMMARY$2</description>
<category>russia</category><category>china</category>
<pubDate>Fri, 14 Apr 2023 10:00:00 GMT</pubDate></item>
<item><title>Rebuilding my home server</title>
<link>$NR_URL/a/blog.html</link><guid>blog-1</guid>
<description>The feed's short text of the blog post.$2</description>
<pubDate>Thu, 02 Mar 2023 19:00:00 GMT</pubDate></item>
<item><title>A page that is gone</title>
<link>$NR_URL_AUTH/a/gone.html</link><guid>gone-1</guid>
<description>The feed's text of the gone page.$2</description>
<pubDate>Wed, 01 Mar 2023 08:00:00 GMT</pubDate></item>
<item><title>A page that redirects to a file</title>
<link>$NR_URL/redirect-file/etc/passwd</link><guid>file-1</guid>
<description>The feed's text of the redirecting page.</description>
<pubDate>Wed, 01 Mar 2023 07:00:00 GMT</pubDate></item>
<item><title>Not a web page</title>
<link>$NR_URL/a/notes.txt</link><guid>txt-1</guid>
<description>The feed's text of the notes.</description>
<pubDate>Wed, 01 Mar 2023 06:00:00 GMT</pubDate></item>
<item><title>A local file</title>
<link>file:///etc/passwd</link><guid>local-1</guid>
<description>The feed's text of a local file.</description>
<pubDate>Wed, 01 Mar 2023 05:00:00 GMT</pubDate></item>
</channel></rss>
XML
}
mkfeed "$WWW/full.xml" ""
cat >"$WWW/plain.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Plain</title><link>$NR_URL/</link>
<item><title>Plain item</title><link>$NR_URL/b/blog.html</link>
<description>Only the feed's text.</description>
<pubDate>Thu, 02 Mar 2023 19:00:00 GMT</pubDate></item>
</channel></rss>
XML
FEEDS=$NR_TMP/feeds
printf '%s/full.xml name=full fulltext=yes\n%s/plain.xml name=plain\n' \
    "$NR_URL" "$NR_URL" >"$FEEDS"

refresh()
{
	: >"$NR_SERVER_LOG"
	"$NR" --feeds "$FEEDS" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
	    fail "refresh $1: $(cat "$NR_TMP/err")"
}
# id TITLE: the item's id from --list.
id()
{
	"$NR" --list >"$NR_TMP/list" || fail "--list"
	grep "	$1	" "$NR_TMP/list" | cut -f1
}
# page_count PATH: requests for it in the last refresh.
page_count()
{
	count_log "^GET $1 "
}
STATE=$NEWSREADER_HOME/full/.meta/state

refresh 1
grep -q "^full	ok	6	0	3 of 5 pages failed: $NR_URL/a/gone.html: HTTP 404$" \
    "$NR_TMP/out" || fail "full: $(cat "$NR_TMP/out")"
grep -q "^plain	ok	1	0	$" "$NR_TMP/out" || fail "plain: $(cat "$NR_TMP/out")"
! grep -q s3cret "$NR_TMP/out" "$STATE" || fail "a password is shown"
grep -q "^feed	error	3 of 5 pages failed: $NR_URL/a/gone.html: HTTP 404$" \
    "$STATE" || fail "no error value: $(grep error "$STATE")"
for p in /a/seed.html /a/blog.html /a/gone.html /redirect-file/etc/passwd \
    /a/notes.txt; do
	[ "$(page_count "$p")" -eq 1 ] || fail "want one GET $p: $(cat "$NR_SERVER_LOG")"
done
[ "$(count_log '^GET /b/')" -eq 0 ] || fail "the plain feed's page was fetched"

# The seed's item: the page's article, the page's times, the feed's
# title, summary and tags.
ID=$(id "Chinese Defense Minister to Visit Russia on April 16-18")
[ -n "$ID" ] || fail "no seed item"
"$NR" --show "$ID" >"$NR_TMP/seed" || fail "--show seed"
sed -n 3p "$NR_TMP/seed" | grep -qxF "$SUMMARY" || fail "summary: $(sed -n 3p "$NR_TMP/seed")"
sed -n 4,5p "$NR_TMP/seed" | tr '\n' ' ' | grep -qx "russia china " ||
    fail "tags: $(cat "$NR_TMP/seed")"
sed -n 7p "$NR_TMP/seed" |
    grep -qx "09:15 GMT 14.04.2023 (Updated: 09:31 GMT 14.04.2023)" ||
    fail "time line: $(sed -n 7p "$NR_TMP/seed")"
head -1 "$NR_TMP/seed" | grep -q "^ date 2023-04-14 $NR_URL/a/seed.html$" ||
    fail "header: $(head -1 "$NR_TMP/seed")"
"$NR" --extract "$FX/news-seed.html" | tail -n +3 >"$NR_TMP/want"
awk 'NR >= 8' "$NR_TMP/seed" >"$NR_TMP/body"
cmp -s "$NR_TMP/want" "$NR_TMP/body" ||
    fail "body: $(diff "$NR_TMP/want" "$NR_TMP/body")"
# With the seed at hand: everything but the link equals it.
SEED=${NR_SHARED:-}/seeds/000_2e33281f82945b95.txt
if [ -f "$SEED" ]; then
	tail -n +2 "$SEED" >"$NR_TMP/seedrest"
	tail -n +2 "$NR_TMP/seed" >"$NR_TMP/rest"
	cmp -s "$NR_TMP/seedrest" "$NR_TMP/rest" ||
	    fail "not the seed: $(diff "$NR_TMP/seedrest" "$NR_TMP/rest")"
fi

# The blog post: its page's text and its page's time (no update).
BID=$(id "Rebuilding my home server")
"$NR" --show "$BID" >"$NR_TMP/blog" || fail "--show blog"
sed -n 5p "$NR_TMP/blog" | grep -qx "18:00 GMT 02.03.2023" ||
    fail "blog time line: $(sed -n 5p "$NR_TMP/blog")"
grep -q "^I have been running the same home server for nine years" \
    "$NR_TMP/blog" || fail "blog body: $(cat "$NR_TMP/blog")"
grep -q "short text of the blog post" "$NR_TMP/blog" &&
    sed -n 3p "$NR_TMP/blog" | grep -q "short text" ||
    fail "blog summary: $(sed -n 3p "$NR_TMP/blog")"

# Failed pages keep the feed's text; a file: link is never fetched.
GID=$(id "A page that is gone")
"$NR" --show "$GID" >"$NR_TMP/gone" || fail "--show gone"
tail -1 "$NR_TMP/gone" | grep -qx "The feed's text of the gone page." ||
    fail "gone: $(cat "$NR_TMP/gone")"
sed -n 5p "$NR_TMP/gone" | grep -qx "08:00 GMT 01.03.2023" ||
    fail "gone time line: $(cat "$NR_TMP/gone")"
"$NR" --show "$(id "A local file")" | grep -q "root:" &&
    fail "a file: link was read"
[ "$(grep -c "^fulltext	[0-9a-f]*	1	" "$STATE")" -eq 3 ] ||
    fail "want 3 records of one try: $(grep fulltext "$STATE")"
grep -q "^fulltext	[0-9a-f]*	1	not HTML (text/plain)$" "$STATE" ||
    fail "not HTML: $(grep fulltext "$STATE")"
[ "$(grep -c "^fulltext	[0-9a-f]*	done	$" "$STATE")" -eq 2 ] ||
    fail "want 2 done: $(grep fulltext "$STATE")"
# The feed is stored without validators while pages are left to try.
grep -q "^feed	etag	" "$STATE" && fail "etag kept with pages to try"

# Pages on one host start at least 1 s apart (newsreader waits 1.1 s).
# The server sees when a request arrives, which a loaded machine (the
# sanitizer builds) delays by up to a tenth of a second or so: each gap
# must be over 0.9 s, and the five requests must span over 4 s.
awk '/^GET \/(a|redirect-file)\// { sub("t=", "", $5); print $5 }' \
    "$NR_SERVER_LOG" | sort -n >"$NR_TMP/times"
[ "$(wc -l <"$NR_TMP/times")" -eq 5 ] || fail "times: $(cat "$NR_SERVER_LOG")"
awk 'NR == 1 { first = $1 } NR > 1 && $1 - prev < 0.9 { bad = 1 }
    { prev = $1 } END { if (prev - first < 4.0) bad = 1; exit bad }' \
    "$NR_TMP/times" || fail "pages less than 1 s apart: $(cat "$NR_TMP/times")"

# Second refresh: the feed changed every text. Stored pages are neither
# fetched nor overwritten; the failed ones are tried again.
mkfeed "$WWW/full.xml" " (changed)"
touch -d '+1 minute' "$WWW/full.xml"
refresh 2
grep -q "^full	ok	0	1	3 of 3 pages failed: " "$NR_TMP/out" ||
    fail "second: $(cat "$NR_TMP/out")"
[ "$(count_log '^GET /full.xml 200 cond=0')" -eq 1 ] ||
    fail "the feed was not fetched whole: $(cat "$NR_SERVER_LOG")"
[ "$(page_count /a/seed.html)" -eq 0 ] || fail "seed page fetched again"
[ "$(page_count /a/blog.html)" -eq 0 ] || fail "blog page fetched again"
[ "$(page_count /a/gone.html)" -eq 1 ] || fail "gone page not retried"
"$NR" --show "$ID" >"$NR_TMP/seed2" || fail "--show seed 2"
cmp -s "$NR_TMP/seed" "$NR_TMP/seed2" ||
    fail "stored page overwritten: $(diff "$NR_TMP/seed" "$NR_TMP/seed2")"
"$NR" --show "$GID" | tail -1 |
    grep -qx "The feed's text of the gone page. (changed)" ||
    fail "the failed item did not follow the feed"
grep -q "^fulltext	[0-9a-f]*	2	HTTP 404$" "$STATE" || fail "tries 2"

# Third: the last try. Fourth: none, the feed is conditional again and
# the error is gone.
refresh 3
[ "$(page_count /a/gone.html)" -eq 1 ] || fail "third try missing"
grep -q "^fulltext	[0-9a-f]*	3	HTTP 404$" "$STATE" || fail "tries 3"
refresh 4
[ "$(count_log '^GET /(a|redirect-file)/')" -eq 0 ] ||
    fail "tried more than 3 times: $(cat "$NR_SERVER_LOG")"
[ "$(count_log '^GET /full.xml 304 cond=1')" -eq 1 ] ||
    fail "fourth not conditional: $(cat "$NR_SERVER_LOG")"
grep -q "^full	not-modified	0	0	$" "$NR_TMP/out" ||
    fail "fourth: $(cat "$NR_TMP/out")"
# A 304 after an error clears it (the feed line is written).
tail -5 "$STATE" | grep -q "^feed	error	$" || fail "error not cleared: $(tail -5 "$STATE")"
exit 0
