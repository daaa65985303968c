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

# The benchmark's own layout: keys without ".html", pages gzipped, and a
# key with no page is reported, not scored. Two fixtures so laid out
# score as they do plain.
mkdir "$NR_TMP/gz"
gzip -c "$FX/news-seed.html" >"$NR_TMP/gz/aaaa.html.gz"
gzip -c "$FX/forum.html" >"$NR_TMP/gz/bbbb.html.gz"
python3 - "$FX/ground-truth.json" "$NR_TMP/gz/truth.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
json.dump({"aaaa": t["news-seed.html"], "bbbb": t["forum.html"],
           "cccc": t["forum.html"]}, open(sys.argv[2], "w"))
PY
python3 "$NR_SRCDIR/tests/extract_eval.py" "$NR_BIN" "$NR_TMP/gz" \
    "$NR_TMP/gz/truth.json" >"$NR_TMP/gzout" ||
    fail "gz layout: $(cat "$NR_TMP/gzout")"
cat "$NR_TMP/gzout"
for p in news-seed:aaaa forum:bbbb; do
	want=$(awk -v n="${p%%:*}.html" '$1 == n { print $3, $5, $7 }' \
	    "$NR_TMP/out")
	got=$(awk -v n="${p#*:}" '$1 == n { print $3, $5, $7 }' \
	    "$NR_TMP/gzout")
	[ -n "$want" ] && [ "$got" = "$want" ] ||
	    fail "${p#*:}.html.gz scores '$got', plain '$want'"
done
grep -q '^(1 of the 3 pages in truth.json not found: not scored)$' \
    "$NR_TMP/gzout" || fail "the missing page is not reported"
grep -q '(2 pages)' "$NR_TMP/gzout" || fail "not 2 pages scored"
echo "PASS: extract-quality"
