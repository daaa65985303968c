#!/bin/sh
# CJK and Cyrillic titles are cut by display width: the tag column lines
# up in every row and no row is wider than the screen.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is missing"
tui_setup
tui_article mixed 001 00000000000000c1 2026-11-20 "Plain ASCII title" \
    tagx "x"
tui_article mixed 002 00000000000000c2 2026-11-21 \
    "新型チップの量産が始まる、東京の工場で三交代制の生産ライン稼働、輸出も視野に" \
    tagx "x"
tui_article mixed 003 00000000000000c3 2026-11-22 \
    "Новый трамвай выходит на линию: маршрут через весь город и мост" \
    tagx "x"
tui_article mixed 004 00000000000000c4 2026-11-23 "e$(printf '\314\201')" \
    tagx "x"

tui_start --feed mixed
tui_wait "Plain ASCII title"
tui_screen >"$NR_TMP/screen"
python3 - "$NR_TMP/screen" <<'PY' || fail "columns do not line up"
import sys, unicodedata
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if "tagx" not in line:
        continue
    pre = line[:line.index("tagx")]
    w = 0
    for ch in pre:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    cols.add(w)
print(cols)
sys.exit(0 if len(cols) == 1 else 1)
PY
grep -c tagx "$NR_TMP/screen" | grep -qx 4 || fail "not 4 rows"
tui_quit
exit 0
