#!/bin/sh
# Extraction quality on the fixtures: token-level precision, recall and
# F1 of --extract against tests/fixtures/extract/ground-truth.json (as
# bench/extract.sh computes them); the mean F1 must stay at 0.85 or more,
# and no page may fall below 0.5.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
command -v python3 >/dev/null || skip "python3 missing"
FX=$NR_SRCDIR/tests/fixtures/extract
python3 "$NR_SRCDIR/tests/extract_eval.py" "${NR_BIN:?}" "$FX" \
    "$FX/ground-truth.json" 0.85 >"$NR_TMP/out" ||
    fail "quality below the threshold: $(cat "$NR_TMP/out")"
cat "$NR_TMP/out"
awk '$1 != "mean" && $7 + 0 < 0.5 { bad = bad " " $1 } END {
	if (bad != "") { print "pages below F1 0.5:" bad; exit 1 } }' \
    "$NR_TMP/out" || fail "a page scores below 0.5"
[ "$(grep -c 'F1' "$NR_TMP/out")" -ge 13 ] || fail "pages missing"
echo "PASS: extract-quality"
