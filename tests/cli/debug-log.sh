#!/bin/sh
# The debug log lives under a dot name (issue 11, item 6): with -v, an
# article whose link's host is "debug.log" still imports into a feed
# named debug.log (on 2557f40 DATA/debug.log was the log file, and the
# import failed with "Not a directory").
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
mkdir -p "$NR_TMP/in" "$NEWSREADER_HOME" || fail "mkdir"
printf ' date 2026-11-01 https://debug.log/post\nLog Post\nS\nLog Post\n10:00 GMT 01.11.2026\nbody' \
    >"$NR_TMP/in/001_0000000000000001.txt"
"$NR" -v --import "$NR_TMP/in/001_0000000000000001.txt" \
    >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "-v --import: $(cat "$NR_TMP/err")"
[ -d "$NEWSREADER_HOME/debug.log" ] || fail "no feed directory debug.log"
[ -f "$NEWSREADER_HOME/.debug.log" ] || fail "no DATA/.debug.log"
"$NR" -v --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "-v --list"
grep -q '	debug.log	.*Log Post' "$NR_TMP/list" ||
    fail "--list: $(cat "$NR_TMP/list" "$NR_TMP/err")"
# A second -v run appends to the same log and the feed stays a feed.
"$NR" -v --import "$NR_TMP/in/001_0000000000000001.txt" \
    >/dev/null 2>"$NR_TMP/err" || fail "second -v --import"
[ -d "$NEWSREADER_HOME/debug.log" ] || fail "debug.log is not a directory"
exit 0
