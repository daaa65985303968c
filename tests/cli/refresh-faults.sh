#!/bin/sh
# --refresh faults: each one gives a clear error line, exit 1, and leaves
# the feed's cached items exactly as they were.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 1 6 || fail "mkfeeds"
start_server "$WWW"
# Short limits so the stall and the size limit are quick.
mkdir -p "$XDG_CONFIG_HOME/newsreader"
printf 'timeout 2\nconnect-timeout 2\nmax-size 64K\n' \
    >"$XDG_CONFIG_HOME/newsreader/config"

printf '%s/feed000.xml name=f\n' "$NR_URL" >"$NR_TMP/feeds"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" ||
    fail "the good refresh failed: $(cat "$NR_TMP/out")"
snapshot()
{
	( cd "$NEWSREADER_HOME/f" && ls -l --time-style=full-iso *.txt &&
	    cat *.txt ) | md5sum
}
good=$(snapshot)
# A feed value of the state file: its last "feed" line wins (the format
# appends changes; an empty value means none).
value()
{
	awk -F '\t' -v k="$1" '$1 == "feed" && $2 == k { v = $3 }
	    END { print v }' "$NEWSREADER_HOME/f/.meta/state"
}
[ "$(ls "$NEWSREADER_HOME/f" | wc -l)" -eq 6 ] || fail "want 6 items"

# fault URL, then a pattern the error message must match
check()
{
	printf '%s name=f\n' "$1" >"$NR_TMP/feeds"
	"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "$1: exited $rc, want 1: $(cat "$NR_TMP/out")"
	grep -Eq "^f	error	0	0	.*($2)" "$NR_TMP/out" ||
	    fail "$1: message: $(cat "$NR_TMP/out")"
	[ "$(snapshot)" = "$good" ] || fail "$1 changed the cached items"
	[ -z "$(find "$NEWSREADER_HOME" -name '.tmp-*')" ] ||
	    fail "$1 left a temp file"
	[ -n "$(value error)" ] ||
	    fail "$1: the error is not in the state file"
}
check "$NR_URL/status/404" "HTTP 404"
check "$NR_URL/status/500" "HTTP 500"
check "$NR_URL/status/503?retry-after=120" "HTTP 503.*120"
check "http://127.0.0.1:1/feed.xml" "onnect|refused"
check "$NR_URL/stall/10" "imed out|imeout"
check "$NR_URL/truncate/feed000.xml" "transfer closed|artial|runcat|end of file|closed"
check "$NR_URL/huge/2" "larger|limit|size|exceed"
check "$NR_URL/redirect-loop" "edirect"
check "$NR_URL/html" "not a feed: got an HTML page"
check "http://nonexistent.invalid/feed.xml" "resolve"
check "$NR_URL/nosuchfile.xml" "HTTP 404"

# A gzip body is fine, and so is the feed again afterwards.
printf '%s/gzip/feed000.xml name=f\n' "$NR_URL" >"$NR_TMP/feeds"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" ||
    fail "gzip refresh: $(cat "$NR_TMP/out")"
grep -q "^f	ok	0	0	" "$NR_TMP/out" || fail "gzip: $(cat "$NR_TMP/out")"
[ "$(snapshot)" = "$good" ] || fail "the gzip copy rewrote items"
[ -z "$(value error)" ] ||
    fail "the error was not cleared by a good refresh"
echo "PASS: refresh-faults"
