#!/bin/sh
# Extraction quality and speed of "newsreader --extract".
#
# usage: bench/extract.sh [PAGES_DIR GROUND_TRUTH.json]
#
# Quality: every page named in GROUND_TRUTH.json ({"page.html":
# {"articleBody": "..."}}, the format of the scrapinghub
# article-extraction-benchmark) is extracted and scored by token-level
# precision, recall and F1 on lowercased whitespace-separated words,
# counted as multisets (tests/extract_eval.py); per page and the mean.
# Default: the fixtures in tests/fixtures/extract.
#
# Speed: a 1 MB news page (navigation, 2000 paragraphs with links, a
# sidebar, related lists, comments) extracted 20 times: the mean wall
# time per run, and that of a 1 KB page (the process start) beside it.
set -e
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
src=$(cd "$here/.." && pwd)
pages=${1:-$src/tests/fixtures/extract}
truth=${2:-$pages/ground-truth.json}
command -v python3 >/dev/null || { echo "python3 missing"; exit 1; }

echo "== quality: $pages"
python3 "$src/tests/extract_eval.py" "$NR" "$pages" "$truth" |
    tee "$BENCH_DATA/extract-quality.txt"
f1=$(awk '$1 == "mean" { print $7 }' "$BENCH_DATA/extract-quality.txt")
result extract_mean_f1 "$f1" "F1" "$(basename "$pages")"

echo "== speed"
python3 - "$NR" "$BENCH_DATA" <<'PY'
import subprocess, sys, time
nr, d = sys.argv[1], sys.argv[2]
para = ("<p>The committee met on Tuesday, and after a long debate about the "
        "budget, the schedule and the <a href=\"/x\">new rules</a>, it "
        "agreed to publish its report in the spring.</p>\n")
side = "<li><a href=\"/s\">A related story with a long headline</a></li>"
big = ("<html><head><title>Big page</title></head><body><nav><ul>" +
       side * 600 + "</ul></nav><div class=\"article-body\">" +
       para * 2000 + "</div><aside><ul>" + side * 1000 + "</ul></aside>" +
       "<div class=\"comments\">" + para * 3000 + "</div>" +
       "<footer>" + side * 300 + "</footer></body></html>")
small = "<html><body><div>" + para * 4 + "</div></body></html>"
res = {}
for name, page in (("1mb", big), ("1kb", small)):
    path = "%s/extract-%s.html" % (d, name)
    with open(path, "w") as f:
        f.write(page)
    subprocess.run([nr, "--extract", path], stdout=subprocess.DEVNULL)
    t = time.perf_counter()
    for _ in range(20):
        subprocess.run([nr, "--extract", path], stdout=subprocess.DEVNULL,
                       check=True)
    res[name] = (time.perf_counter() - t) / 20 * 1000
    print("  %-30s %8.1f ms per run (%d bytes)" % (name, res[name],
                                                    len(page.encode())))
print("  %-30s %8.1f ms" % ("1 MB page, less process start",
                             res["1mb"] - res["1kb"]))
PY
