#!/bin/sh
# Local feeds (issue 11, item 3): a file:// feed that is a FIFO, a device
# or a directory is refused at once with a clear error while the other
# feeds are stored; a local file is capped at max-size like an HTTP body;
# --opml-import adds file:// URLs only with --allow-file and says so.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
CONF=$XDG_CONFIG_HOME/newsreader
export NEWSREADER_HOME
command -v timeout >/dev/null 2>&1 || skip "timeout(1) is missing"
command -v mkfifo >/dev/null 2>&1 || skip "mkfifo(1) is missing"
LOCAL=$NR_TMP/local
WWW=$NR_TMP/www
mkdir -p "$LOCAL/dir" "$WWW" "$CONF" || fail "mkdir"
mkfifo "$LOCAL/fifo" || fail "mkfifo"
feed()
{
	printf '<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><item><title>%s item</title><guid>%s</guid></item></channel></rss>\n' \
	    "$1" "$1" "$1"
}
feed Local >"$LOCAL/local.xml"
feed Web >"$WWW/web.xml"
start_server "$WWW"
cat >"$CONF/feeds" <<EOF
file://$LOCAL/fifo name=fifo
file:///dev/null name=dev
file://$LOCAL/dir name=dir
file://$LOCAL/local.xml name=local
$NR_URL/web.xml name=web
EOF

# On 2557f40 the FIFO's open(2) blocks: the refresh never ends.
timeout 20 "$NR" --refresh >"$NR_TMP/out" 2>"$NR_TMP/err"
rc=$?
[ $rc -ne 124 ] || fail "--refresh hung on the FIFO (killed after 20 s)"
[ $rc -eq 1 ] || fail "--refresh exited $rc, want 1: $(cat "$NR_TMP/err")"
grep -q '^fifo	error	0	0	.*fifo: a FIFO, not a regular file' \
    "$NR_TMP/out" || fail "fifo: $(cat "$NR_TMP/out")"
grep -q '^dev	error	0	0	.*/dev/null: a character device, not a regular file' \
    "$NR_TMP/out" || fail "dev: $(cat "$NR_TMP/out")"
grep -q '^dir	error	0	0	.*dir: a directory, not a regular file' \
    "$NR_TMP/out" || fail "dir: $(cat "$NR_TMP/out")"
grep -q '^local	ok	1	0	' "$NR_TMP/out" || fail "local: $(cat "$NR_TMP/out")"
grep -q '^web	ok	1	0	' "$NR_TMP/out" || fail "web: $(cat "$NR_TMP/out")"
"$NR" --list >"$NR_TMP/list" || fail "--list"
grep -q 'Local item' "$NR_TMP/list" || fail "the local feed was not stored"
grep -q 'Web item' "$NR_TMP/list" || fail "the web feed was not stored"

# A writer on the FIFO changes nothing: it is refused, not read.
(sleep 30 >"$LOCAL/fifo") &
writer=$!
nr_at_exit "kill $writer 2>/dev/null"
timeout 20 "$NR" --refresh --feed fifo >"$NR_TMP/out" 2>&1
rc=$?
kill "$writer" 2>/dev/null
[ $rc -eq 1 ] || fail "--feed fifo with a writer exited $rc"
grep -q 'a FIFO' "$NR_TMP/out" || fail "fifo with a writer: $(cat "$NR_TMP/out")"

# max-size holds for local files as for HTTP bodies.
printf 'max-size 1K\n' >"$CONF/config"
python3 -c 'import sys
sys.stdout.write("<rss version=\"2.0\"><channel><title>Big</title>" +
    "<item><title>" + "x" * 4096 + "</title></item></channel></rss>")' \
    >"$LOCAL/big.xml" || fail "python3"
echo "file://$LOCAL/big.xml name=big" >>"$CONF/feeds"
timeout 20 "$NR" --refresh --feed big >"$NR_TMP/out" 2>&1
[ $? -eq 1 ] || fail "an over-size local file was accepted"
grep -q '^big	error	0	0	.*larger than 1024 bytes' "$NR_TMP/out" ||
    fail "big: $(cat "$NR_TMP/out")"
: >"$CONF/config"

# --parse takes a file:// URL as before.
timeout 20 "$NR" --parse "file://$LOCAL/local.xml" >"$NR_TMP/out" ||
    fail "--parse file://"
grep -q 'Local item' "$NR_TMP/out" || fail "--parse file:// printed nothing"

# OPML: file:// outlines are skipped unless --allow-file.
cat >"$NR_TMP/in.opml" <<EOF
<?xml version="1.0"?>
<opml version="2.0"><body>
<outline text="T" xmlUrl="file:///tmp/nr-fifo-$$"/>
<outline text="L" xmlUrl="FILE://$LOCAL/local2.xml"/>
<outline text="W" xmlUrl="http://127.0.0.1:1/w.xml"/>
</body></opml>
EOF
: >"$CONF/feeds"
"$NR" --opml-import "$NR_TMP/in.opml" 2>"$NR_TMP/err" ||
    fail "--opml-import: $(cat "$NR_TMP/err")"
grep -q "file:///tmp/nr-fifo-$$: not an http or https URL (skipped; --allow-file adds file:// URLs)" \
    "$NR_TMP/err" || fail "no refusal message: $(cat "$NR_TMP/err")"
grep -q '1 added, 0 already listed, 2 skipped' "$NR_TMP/err" ||
    fail "summary: $(cat "$NR_TMP/err")"
grep -q 'file:' "$CONF/feeds" && fail "a file:// URL was imported"
grep -q 'http://127.0.0.1:1/w.xml' "$CONF/feeds" ||
    fail "the http feed was not imported"
"$NR" --opml-import --allow-file "$NR_TMP/in.opml" 2>"$NR_TMP/err" ||
    fail "--opml-import --allow-file: $(cat "$NR_TMP/err")"
grep -q '2 added, 1 already listed, 0 skipped' "$NR_TMP/err" ||
    fail "--allow-file summary: $(cat "$NR_TMP/err")"
grep -q "^file:///tmp/nr-fifo-$$" "$CONF/feeds" ||
    fail "--allow-file did not import the file:// URL"
"$NR" --allow-file --list >/dev/null 2>&1
[ $? -eq 2 ] || fail "--allow-file without --opml-import is not a usage error"
"$NR" --help | grep -q -- '--allow-file' || fail "--help: no --allow-file"
exit 0
