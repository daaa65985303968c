#!/bin/sh
# The feed list's count column is as wide as the largest count (issue 11,
# item 7): with 100,000 items the counts show whole (2557f40 cut them to
# "100000/100"), and the names after them line up.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
python3 - "$NEWSREADER_HOME" <<'PY' || fail "python3"
import os, sys
for feed, n in (("big", 100000), ("small", 7)):
    d = os.path.join(sys.argv[1], feed)
    os.makedirs(d)
    for i in range(n):
        with open("%s/%06d_%016x.txt" % (d, i + 1, i + 1), "w") as f:
            f.write(" date 2026-11-01 https://%s.example/%d\nItem %d\n\n"
                    "Item %d\n10:00 GMT 01.11.2026\nb" % (feed, i, i, i))
PY
"$NR_BIN" --list >/dev/null 2>&1 || fail "--list"

tui_start
tui_wait "Feeds (3)"
# Counting 100,000 items takes a while (longer under sanitizers).
i=0
until tui_screen | grep -q '^ *100000/'; do
	i=$((i + 1))
	[ $i -le 600 ] || { tui_screen >&2; fail "the counts never came"; }
	sleep 0.1
done
tui_wait "7/7"
tui_screen >"$NR_TMP/screen"
grep -q '^ *100007/100007 *(all items)' "$NR_TMP/screen" ||
    { cat "$NR_TMP/screen" >&2; fail "the all-items count is cut"; }
grep -q '^ *100000/100000 *big' "$NR_TMP/screen" ||
    { cat "$NR_TMP/screen" >&2; fail "the big feed's count is cut"; }
grep -q '^ *7/7  *small' "$NR_TMP/screen" ||
    { cat "$NR_TMP/screen" >&2; fail "the small feed's count"; }
# The names start in one column.
cols=$(grep -E '(all items)|big|small' "$NR_TMP/screen" |
    awk '{ print index($0, $2) }' | sort -u | wc -l)
[ "$cols" -eq 1 ] || { cat "$NR_TMP/screen" >&2; fail "names not aligned"; }
tui_quit
exit 0
