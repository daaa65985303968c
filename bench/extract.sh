#!/bin/sh
# Extraction quality and speed of "newsreader --extract".
#
# usage: bench/extract.sh [PAGES_DIR GROUND_TRUTH.json]
#
# Quality: every page named in GROUND_TRUTH.json ({"page.html":
# {"articleBody": "..."}}, the format of the scrapinghub
# article-extraction-benchmark) is extracted and scored by token-level
# precision, recall and F1 on lowercased whitespace-separated words,
# counted as multisets (tests/extract_eval.py); per page and the mean;
# then the mean by the benchmark's own rules (4-token shingles, F1 of
# the mean P and R). Default: the fixtures in tests/fixtures/extract.
# The benchmark's checkout runs as it is (keys without ".html", pages
# gzipped): bench/extract.sh BENCH/html BENCH/ground-truth.json.
#
# Speed (pages from bench/extract-gen.py): two 1 MB pages, each
# extracted RUNS times (default 20), runs of the pages interleaved:
#   dense  markup: navigation, 2000 paragraphs with links, a sidebar,
#          related lists, comments;
#   news   a big news site's article page: inline script bundles, JSON
#          state blobs, <style>, inline <svg> icons, tracking markup and
#          comments around a 1,500-word article (which must come out
#          whole: checked against extract-news.txt);
#   small  a 1 KB page: the process start.
# Per page: mean CPU (user + sys of the child, from wait4) and wall
# time per run, and both less the small page's per MB; then the median
# CPU less the small page's median, per MB. With
# NR_BIN_BEFORE set, that binary is measured beside, in the same runs.
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
f1=$(awk '$1 == "benchmark" { print $NF }' "$BENCH_DATA/extract-quality.txt")
result extract_bench_f1 "$f1" "F1 (the benchmark's rules)" "$(basename "$pages")"

echo "== speed"
python3 "$here/extract-gen.py" "$BENCH_DATA"
python3 - "$BENCH_DATA" "${RUNS:-20}" "$NR" ${NR_BIN_BEFORE:+"$NR_BIN_BEFORE"} <<'PY'
import os, subprocess, sys, time
d, runs, bins = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
names = ("small", "dense", "news")
pages = {n: "%s/extract-%s.html" % (d, n) for n in names}
size = {n: os.path.getsize(pages[n]) for n in names}
want = open("%s/extract-news.txt" % d).read()


def run(nr, page):
    t = time.perf_counter()
    p = subprocess.Popen([nr, "--extract", page], stdout=subprocess.PIPE)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit("%s --extract %s failed" % (nr, page))
    return ru.ru_utime + ru.ru_stime, wall, out.decode()


cpu = {(b, n): 0.0 for b in bins for n in names}
wall = dict(cpu)
each = {(b, n): [] for b in bins for n in names}
for b in bins:
    for n in names:
        run(b, pages[n])                # warm the page cache
    body = run(b, pages["news"])[2].split("\n", 2)[2]
    print("  %s: news article %s" % (b, "whole" if body == want else
                                      "NOT WHOLE"))
for _ in range(runs):
    for n in names:
        for b in bins:
            c, w, _ = run(b, pages[n])
            cpu[b, n] += c * 1000 / runs
            wall[b, n] += w * 1000 / runs
            each[b, n].append(c * 1000)
for b in bins:
    print("  %s" % b)
    for n in names:
        print("    %-6s %8d bytes  CPU %6.1f ms  wall %6.1f ms" %
              (n, size[n], cpu[b, n], wall[b, n]))
    for n in ("dense", "news"):
        mb = size[n] / 1e6
        print("    %-6s less process start, per MB: CPU %5.1f ms  "
              "wall %5.1f ms" % (n, (cpu[b, n] - cpu[b, "small"]) / mb,
                                 (wall[b, n] - wall[b, "small"]) / mb))
    # Medians: a run slowed by the machine weighs nothing.
    med = {n: sorted(each[b, n])[runs // 2] for n in names}
    for n in ("dense", "news"):
        print("    %-6s median, less the median start, per MB: CPU %5.1f "
              "ms" % (n, (med[n] - med["small"]) / (size[n] / 1e6)))
PY
