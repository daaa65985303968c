#!/bin/sh
# Items of the same time (to the minute, which is what the cache keeps)
# keep the feed's own order (issue 12, item 6): in --list, in the
# interface, after the index is rebuilt from the article files and after
# a second and third refresh. An Atom entry with only <updated> is listed
# with that time, not 1970. On 6332144 the index kept the feed's seconds,
# so n29 (10:00:29) came first, and the Atom entries were dated 1970.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
NR=${NR_BIN:?}
LOCAL=$NR_TMP/local
mkdir -p "$LOCAL" || fail "mkdir"
# same.xml: n0 ... n29 in one minute, seconds rising (n0 at 10:00:00).
rss()
{
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel>'
		printf '<title>Same</title><link>https://same.example/</link>\n'
		i=0
		while [ $i -lt 30 ]; do
			printf '<item><title>n%d%s</title><guid>urn:n%d</guid>' \
			    $i "$(if [ $i -eq 5 ]; then echo "$1"; fi)" $i
			printf '<pubDate>Tue, 03 Mar 2026 10:00:%02d GMT' $i
			printf '</pubDate></item>\n'
			i=$((i + 1))
		done
		printf '</channel></rss>\n'
	} >"$LOCAL/same.xml.tmp" && mv "$LOCAL/same.xml.tmp" "$LOCAL/same.xml"
}
rss ""
{
	printf '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
	printf '<title>Upd</title><id>urn:upd</id>\n'
	for i in 0 1 2 3; do
		printf '<entry><title>e%d</title><id>urn:e%d</id>' $i $i
		printf '<updated>2026-03-03T09:00:00Z</updated></entry>\n'
	done
	printf '</feed>\n'
} >"$LOCAL/upd.xml"
cat >"$XDG_CONFIG_HOME/newsreader/feeds" <<EOF
file://$LOCAL/same.xml name=same
file://$LOCAL/upd.xml name=upd
EOF

WANT=$NR_TMP/want
i=0
while [ $i -lt 30 ]; do
	echo "n$i"
	i=$((i + 1))
done >"$WANT"

# check WHAT: --list =same gives n0 ... n29, all at 10:00.
check()
{
	"$NR" --list '=same' >"$NR_TMP/list" 2>"$NR_TMP/err" ||
	    fail "$1: --list: $(cat "$NR_TMP/err")"
	cut -f5 "$NR_TMP/list" | sed 's/ (changed)//' >"$NR_TMP/got"
	cmp -s "$WANT" "$NR_TMP/got" ||
	    fail "$1: order $(tr '\n' ' ' <"$NR_TMP/got")"
	[ "$(cut -f2 "$NR_TMP/list" | sort -u)" = "2026-03-03T10:00:00Z" ] ||
	    fail "$1: dates $(cut -f2 "$NR_TMP/list" | sort -u | tr '\n' ' ')"
}

"$NR" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "refresh: $(cat "$NR_TMP/out" "$NR_TMP/err")"
check "first refresh"
"$NR" --list '=upd' | cut -f2,5 >"$NR_TMP/upd"
printf '2026-03-03T09:00:00Z\te%d\n' 0 1 2 3 | cmp -s - "$NR_TMP/upd" ||
    fail "atom <updated> only: $(cat "$NR_TMP/upd")"

# The interface shows the same order.
tui_start --feed same
tui_wait "n0"
tui_screen | grep -E ' n[0-9]+$' | head -4 | sed 's/.* //' >"$NR_TMP/screen"
printf 'n0\nn1\nn2\nn3\n' | cmp -s - "$NR_TMP/screen" ||
    fail "interface order: $(tr '\n' ' ' <"$NR_TMP/screen")"
tui_quit

# An index rebuilt from the article files agrees.
rm -f "$NEWSREADER_HOME/same/.meta/items" || fail "rm index"
check "rebuilt index"

# A second refresh rewrites n5; a third one changes nothing.
rss " (changed)"
touch -d '+1 minute' "$LOCAL/same.xml"
"$NR" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "second refresh: $(cat "$NR_TMP/err")"
grep -q '^same	ok	0	1	' "$NR_TMP/out" ||
    fail "second refresh: $(cat "$NR_TMP/out")"
check "second refresh"
"$NR" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "third refresh: $(cat "$NR_TMP/err")"
check "third refresh"
exit 0
