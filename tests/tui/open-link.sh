#!/bin/sh
# `o` opens a link with fork/execvp: a URL full of shell metacharacters
# reaches the browser as one unchanged argument and runs nothing else; a
# link starting with '-' or a javascript: link is refused.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
# The browser records its arguments, one per line, and their count.
printf '#!/bin/sh\necho "$#" >>"%s/argc"\nfor a; do printf "%%s\\n" "$a"; done >>"%s/opened"\n' \
    "$NR_TMP" "$NR_TMP" >"$NR_TMP/browser" || fail "write browser"
chmod +x "$NR_TMP/browser" || fail "chmod"
TUI_ENV="BROWSER=$NR_TMP/browser"
URL='http://127.0.0.1/a;touch${IFS}'$NR_TMP'/p1$(touch${IFS}'$NR_TMP'/p2)`touch${IFS}'$NR_TMP'/p3`'"'"'"q'
mkdir -p "$NEWSREADER_HOME/evil"
{
	printf ' date 2026-11-01 %s\nShell link\nS\nShell link\n10:00 GMT 01.11.2026\nbody' \
	    "$URL"
} >"$NEWSREADER_HOME/evil/000_0000000000000001.txt"
printf ' date 2026-11-02 -oProxyCommand=touch\nDash link\nS\nDash link\n10:00 GMT 02.11.2026\nbody' \
    >"$NEWSREADER_HOME/evil/001_0000000000000002.txt"
printf ' date 2026-11-03 javascript:alert(1)\nScript link\nS\nScript link\n10:00 GMT 03.11.2026\nbody' \
    >"$NEWSREADER_HOME/evil/002_0000000000000003.txt"
tui_start --feed evil
tui_wait "Script link"
# Newest first: Script link, Dash link, Shell link.
tui_keys o
tui_wait "refusing to open this link"
tui_keys j o
tui_wait "refusing to open this link"
tui_keys j o
tui_wait "opened in"
tui_quit
i=0
while [ ! -s "$NR_TMP/opened" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(cat "$NR_TMP/argc")" = 1 ] ||
    fail "want one launch with one argument: $(cat "$NR_TMP/argc")"
[ "$(cat "$NR_TMP/opened")" = "$URL" ] ||
    fail "URL changed: $(cat "$NR_TMP/opened") want $URL"
for p in p1 p2 p3; do
	[ ! -e "$NR_TMP/$p" ] || fail "the URL ran a command ($p)"
done
exit 0
