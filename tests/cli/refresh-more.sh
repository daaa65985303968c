#!/bin/sh
# Retention (starred items stay), a permanent redirect reported, and the
# OPML round trip through the feeds file.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 2 10 || fail "mkfeeds"
start_server "$WWW"
mkdir -p "$XDG_CONFIG_HOME/newsreader"

# Retention: keep 4 items per feed; a starred old item is never removed.
printf '%s/feed000.xml name=a\n' "$NR_URL" >"$NR_TMP/feeds"
"$NR" --feeds "$NR_TMP/feeds" --refresh >/dev/null || fail "refresh"
old=$("$NR" --list | tail -n1 | cut -f1)
sed -i "s/^item	$old	-/item	$old	s/" "$NEWSREADER_HOME/a/.meta/state"
echo "keep-items 4" >"$XDG_CONFIG_HOME/newsreader/config"
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 2 10 --change 0 || fail "change"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" || fail "refresh 2"
[ "$(ls "$NEWSREADER_HOME/a" | wc -l)" -eq 5 ] ||
    fail "want 4 newest + 1 starred, got $(ls "$NEWSREADER_HOME/a" | wc -l)"
"$NR" --list | grep -q "^$old	.*	NS	" || fail "the starred item was removed"
# Removed items do not come back on the next refresh.
touch -d '+2 minutes' "$WWW/feed000.xml"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" || fail "refresh 3"
grep -q "^a	ok	0	0	" "$NR_TMP/out" || fail "expired items came back: $(cat "$NR_TMP/out")"
[ "$(ls "$NEWSREADER_HOME/a" | wc -l)" -eq 5 ] || fail "count changed"
rm "$XDG_CONFIG_HOME/newsreader/config"

# A permanent redirect is followed and reported; the feeds file stays.
printf '%s/301/feed001.xml name=b\n' "$NR_URL" >"$NR_TMP/feeds"
cp "$NR_TMP/feeds" "$NR_TMP/feeds.orig"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" || fail "301 refresh"
grep -q "^b	ok	10	0	moved permanently to $NR_URL/feed001.xml" \
    "$NR_TMP/out" || fail "301 line: $(cat "$NR_TMP/out")"
cmp -s "$NR_TMP/feeds" "$NR_TMP/feeds.orig" || fail "feeds file changed"

# OPML: import nested outlines as tags, no duplicates, export parses.
cat >"$NR_TMP/in.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
<outline text="News">
  <outline text="Feed A" type="rss" xmlUrl="$NR_URL/feed000.xml"/>
  <outline text="Feed B &amp; more" type="rss" xmlUrl="$NR_URL/feed001.xml"/>
</outline></body></opml>
OPML
F=$NR_TMP/opmlfeeds
"$NR" --feeds "$F" --opml-import "$NR_TMP/in.opml" 2>/dev/null ||
    fail "--opml-import"
"$NR" --feeds "$F" --opml-import "$NR_TMP/in.opml" 2>/dev/null ||
    fail "--opml-import twice"
[ "$(grep -c '^http' "$F")" -eq 2 ] || fail "duplicates: $(cat "$F")"
grep -q "feed000.xml.*news" "$F" || fail "nested outline not a tag: $(cat "$F")"
"$NR" --feeds "$F" --opml-export >"$NR_TMP/out.opml" || fail "--opml-export"
grep -q 'xmlUrl="'"$NR_URL"'/feed001.xml"' "$NR_TMP/out.opml" ||
    fail "export lacks a feed"
grep -q 'Feed B &amp; more' "$NR_TMP/out.opml" || fail "export escaping"
"$NR" --feeds "$F" --refresh >"$NR_TMP/out" || fail "refresh from OPML"
# feed000's URL is recorded as feed "a" (stored above): it stays "a".
grep -q '^a	\(ok\|not-modified\)	' "$NR_TMP/out" ||
    fail "feed000 is not feed a: $(cat "$NR_TMP/out")"
grep -q '^127\.0\.0\.1	ok	10	' "$NR_TMP/out" ||
    fail "feed001: $(cat "$NR_TMP/out")"
echo "PASS: refresh-more"
