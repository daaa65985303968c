#!/bin/sh
# f fetches only http and https pages: an item whose link is file://,
# javascript: or data: is refused with a message, as is a page that
# redirects to file://; nothing is requested but that page, no article
# file changes, and the feed's text stays on screen.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
TZ=UTC
export TZ
tui_setup
mkdir -p "$NR_TMP/www" || fail "mkdir"
start_server "$NR_TMP/www"
# art SEQ HASH DAY TITLE LINK
art()
{
	mkdir -p "$NEWSREADER_HOME/local" || fail "mkdir"
	printf ' date 2023-04-%s %s\n%s\n\n%s\n12:00 GMT %s.04.2023\nFeedtext %s.' \
	    "$3" "$5" "$4" "$4" "$3" "$4" \
	    >"$NEWSREADER_HOME/local/$1_$2.txt" || fail "write article"
}
art 001 00000000000000a1 14 "File link" "file:///etc/passwd"
art 002 00000000000000a2 13 "Script link" "javascript:alert(1)"
art 003 00000000000000a3 12 "Data link" "data:text/html,<p>x</p>"
# (Its link carries a password, which the failure never shows.)
art 004 00000000000000a4 11 "Redirect link" \
    "$(echo "$NR_URL" | sed 's|://|://reader:s3cret@|')/redirect-file/etc/passwd"
art 005 00000000000000a5 10 "Upper link" "FILE:///etc/hostname"
cp -R "$NEWSREADER_HOME/local" "$NR_TMP/before" || fail "cp"

tui_start --feed local
tui_wait "File link"
for t in "File link" "Script link" "Data link"; do
	tui_keys f
	tui_wait "Title: $t"
	tui_wait "page: not an http or https link"
	tui_wait "Feedtext $t."
	tui_keys q
	tui_wait_gone "Title: $t"
	tui_keys j
done
tui_keys f
tui_wait "Title: Redirect link"
tui_wait "page of Redirect link: FAIL: $NR_URL/redirect-file/"
tui_screen | tail -1 | grep -q s3cret && fail "a password shown: $(tui_screen)"
tui_wait "Feedtext Redirect link."
tui_keys q j f
tui_wait "Title: Upper link"
tui_wait "page: not an http or https link"
# In the article view too, the same answer.
tui_keys f
tui_wait "page: not an http or https link"
tui_wait "Feedtext Upper link."
tui_quit
[ "$(grep -c . "$NR_SERVER_LOG")" -eq 1 ] &&
    grep -q '^GET /redirect-file/etc/passwd 302' "$NR_SERVER_LOG" ||
    fail "requests: $(cat "$NR_SERVER_LOG")"
for f in "$NR_TMP"/before/*.txt; do
	cmp -s "$f" "$NEWSREADER_HOME/local/${f##*/}" ||
	    fail "${f##*/} changed: $(cat "$NEWSREADER_HOME/local/${f##*/}")"
done
"$NR_BIN" --list "=local" | grep -c . | grep -qx 5 ||
    fail "items: $("$NR_BIN" --list "=local")"
grep -rq "passwd\|root:" "$NEWSREADER_HOME/local/.meta/state" 2>/dev/null &&
    fail "state: $(cat "$NEWSREADER_HOME/local/.meta/state")"
exit 0
