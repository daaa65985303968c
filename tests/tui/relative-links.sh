#!/bin/sh
# Relative links in an article (issue 12, item 7) are resolved when the
# item is stored: against xml:base when the document sets one, else the
# item's link, else the feed's URL. So --show prints absolute URLs and
# `1 Enter` in the article view opens one. On 6332144 the content kept
# "/about" and the interface said "refusing to open this link".
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
NR=${NR_BIN:?}
WWW=$NR_TMP/www
mkdir -p "$WWW" || fail "mkdir"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"%s/opened"\n' "$NR_TMP" \
    >"$NR_TMP/browser" || fail "write browser"
chmod +x "$NR_TMP/browser" || fail "chmod"
cat >"$WWW/rel.xml" <<'EOF'
<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Rel</title><link>https://chan.example/</link>
<item><title>With link</title><guid>urn:r1</guid>
<link>https://rel.example/2026/03/post.html</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;&lt;a href="/about"&gt;about&lt;/a&gt;
&lt;a href='next.html?a=1&amp;amp;b=2'&gt;next&lt;/a&gt;
&lt;a href=../up&gt;up&lt;/a&gt; &lt;img src="img/x.png" alt="x"&gt;
&lt;a href="https://abs.example/x"&gt;abs&lt;/a&gt;
&lt;a href="#top"&gt;top&lt;/a&gt; &lt;a href="mailto:a@b.example"&gt;m&lt;/a&gt;
&lt;a href="//cdn.example/y"&gt;cdn&lt;/a&gt;&lt;/p&gt;</description></item>
<item><title>No link</title><guid>urn:r2</guid>
<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p><a href="contact">contact</a></p>]]></content:encoded></item>
<item><title>Relative link</title><guid>urn:r3</guid><link>/r3.html</link>
<pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate>
<description>&lt;a href="r3-more"&gt;more&lt;/a&gt;</description></item>
</channel></rss>
EOF
cat >"$WWW/base.xml" <<'EOF'
<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Base</title><id>urn:b</id>
<entry><title>Based</title><id>urn:b1</id>
<link href="https://other.example/b1"/><updated>2026-03-03T10:00:00Z</updated>
<content type="html" xml:base="https://base.example/dir/">&lt;a href="page"&gt;p&lt;/a&gt;</content></entry>
</feed>
EOF
start_server "$WWW"
cat >"$XDG_CONFIG_HOME/newsreader/feeds" <<EOF
$NR_URL/rel.xml name=rel
$NR_URL/base.xml name=base
EOF
"$NR" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "refresh: $(cat "$NR_TMP/out" "$NR_TMP/err")"

# show TITLE: the article of the item titled TITLE.
show()
{
	id=$("$NR" --list | awk -F'\t' -v t="$1" '$5 == t { print $1 }')
	[ -n "$id" ] || fail "no item '$1'"
	"$NR" --show "$id" || fail "--show $id"
}
show "With link" >"$NR_TMP/a1"
for want in 'href="https://rel.example/about"' \
    "href='https://rel.example/2026/03/next.html?a=1&amp;b=2'" \
    'href="https://rel.example/2026/up"' \
    'src="https://rel.example/2026/03/img/x.png"' \
    'href="https://abs.example/x"' 'href="#top"' \
    'href="mailto:a@b.example"' 'href="https://cdn.example/y"'; do
	grep -qF "$want" "$NR_TMP/a1" || fail "want $want in: $(cat "$NR_TMP/a1")"
done
show "No link" | grep -qF "href=\"$NR_URL/contact\"" ||
    fail "no link: $(show "No link")"
show "Relative link" >"$NR_TMP/a3"
head -1 "$NR_TMP/a3" | grep -qF " $NR_URL/r3.html" ||
    fail "item link: $(head -1 "$NR_TMP/a3")"
grep -qF "href=\"$NR_URL/r3-more\"" "$NR_TMP/a3" ||
    fail "relative item link as base: $(cat "$NR_TMP/a3")"
show "Based" | grep -qF 'href="https://base.example/dir/page"' ||
    fail "xml:base: $(show "Based")"

# The article view lists the absolute link and opens it.
TUI_ENV="BROWSER=$NR_TMP/browser"
tui_start --feed rel
tui_wait "With link"
tui_keys Enter
tui_wait "https://rel.example/about"
tui_keys 1 Enter
tui_wait "opened in"
tui_quit
i=0
while [ ! -s "$NR_TMP/opened" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(cat "$NR_TMP/opened")" = "https://rel.example/about" ] ||
    fail "opened: $(cat "$NR_TMP/opened" 2>/dev/null)"
exit 0
