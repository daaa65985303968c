#!/bin/sh
# Benchmark: `newsreader --list '+TAG @YYYY-MM'` over N cached items,
# side by side in the same run with the same selection done the sfeed way
# (awk on the TSV files: the month's items carrying the tag, piped to
# sfeed_plain); both must select the same number of items. Optionally,
# the in-memory re-filter of every item (bench/query-bench, built by
# `make bench/query-bench` in the build tree: set NR_QBENCH to it).
# usage: bench/query.sh [QUERY] [N] [FEEDS] [RUNS]
#   (default '+science @2026-11', 100000 items in 100 feeds, 10 runs)
# Needs: sfeed, hyperfine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
Q=${1:-+science @2026-11}
N=${2:-100000}
FEEDS=${3:-100}
RUNS=${4:-10}
PFX=${BENCH_PFX:-$N}
bench_set "$N" "$FEEDS"
bench_copy "set-${N}x$FEEDS"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nr-query.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tag=$(echo "$Q" | sed -n 's/^+\([a-z]*\) @\([0-9-]*\)$/\1/p')
month=$(echo "$Q" | sed -n 's/^+\([a-z]*\) @\([0-9-]*\)$/\2/p')
[ -n "$tag" ] && [ -n "$month" ] ||
    { echo "query.sh: QUERY must be '+TAG @YYYY-MM'" >&2; exit 1; }
start=$(date -u -d "$month-01" +%s)
end=$(date -u -d "$month-01 +1 month" +%s)
{
	printf 'exec awk -F "\\t" -v s=%s -v e=%s ' "$start" "$end"
	printf '%s' "'\$1 >= s && \$1 < e && (\"|\" \$9 \"|\") ~ /\\|$tag\\|/'"
	printf ' %s | sfeed_plain\n' "$(ls -d "$SET"/sfeed/* | tr '\n' ' ')"
} >"$tmp/peer.sh"
# The peer's pipeline needs sh; so does the exec of awk: same for both.
"$NR" --list >/dev/null
sleep 2
"$NR" --list >/dev/null
hits=$("$NR" --list "$Q" | wc -l)
phits=$(sh "$tmp/peer.sh" | wc -l)
echo "--list '$Q', $N items in $FEEDS feeds ($NR_TAG): $hits items"
[ "$hits" -eq "$phits" ] && [ "$hits" -gt 0 ] ||
    { echo "query.sh: newsreader selects $hits, awk $phits" >&2; exit 1; }
hyperfine -N -w 2 -r "$RUNS" --export-json "$tmp/h.json" \
    -n nr "$NR --list '$Q'" -n peer "sh $tmp/peer.sh" >"$tmp/h.out" 2>&1 ||
    { cat "$tmp/h.out" >&2; exit 1; }
row_head "awk|sfeed_plain"
python3 - "$tmp/h.json" "$PFX" "${BENCH_OUT:-}" "$hits" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
pfx, out, hits = sys.argv[2], sys.argv[3], sys.argv[4]
a, b = r["nr"], r["peer"]
def rng(x):
    return "%.3f-%.3f" % (min(x["times"]), max(x["times"]))
print("  %-44s %12.3f %12.3f %7.2f  s, range %s / %s" % (
    "--list QUERY, median (s)", a["median"], b["median"],
    a["median"] / b["median"], rng(a), rng(b)))
if out:
    with open(out, "a") as f:
        f.write("%s.query\t%.3f\ts\t%s items; range %s\n" % (
            pfx, a["median"], hits, rng(a)))
        f.write("%s.query.peer\t%.3f\ts\tawk | sfeed_plain; range %s\n" % (
            pfx, b["median"], rng(b)))
PY
if [ -n "${NR_QBENCH:-}" ] && [ -x "$NR_QBENCH" ]; then
	"$NR_QBENCH" "$NEWSREADER_HOME" "$Q" 20 | sed 's/^/  query-bench: /'
fi
