#!/bin/sh
# An unknown --feed is a usage error listing the known feeds, before curses.
. "$NR_SRCDIR/tests/lib.sh"
# Until main.c calls cli_tui(), the binary has no interface: skip.
"$NR_BIN" </dev/null 2>&1 | grep -q 'not built yet' &&
    skip "main.c does not call cli_tui() yet"
mk_tmp
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
"$NR_BIN" --feed no-such-feed </dev/null >"$NR_TMP/out" 2>"$NR_TMP/err"
rc=$?
[ $rc -eq 2 ] || fail "exit status $rc, expected 2"
grep -q "unknown feed 'no-such-feed'" "$NR_TMP/err" || fail "no message"
grep -q 'sputnik' "$NR_TMP/err" || fail "known names not listed"
[ -s "$NR_TMP/out" ] && fail "wrote on stdout"
# Without a terminal the interface refuses to start (exit 1).
"$NR_BIN" </dev/null >"$NR_TMP/out" 2>"$NR_TMP/err"
rc=$?
[ $rc -eq 1 ] || fail "no terminal: exit status $rc, expected 1"
exit 0
