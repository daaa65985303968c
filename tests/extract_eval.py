#!/usr/bin/env python3
"""Score newsreader --extract against a ground-truth JSON.

Usage: extract_eval.py NR_BIN PAGES_DIR GROUND_TRUTH.json [MIN_MEAN_F1]

GROUND_TRUTH.json is {"page.html": {"articleBody": "..."}, ...}, as the
scrapinghub article-extraction-benchmark's ground-truth.json. A key K is
the page PAGES_DIR/K, else K.html, else K.html.gz (the benchmark's own
layout: its html/ folder and ground-truth.json can be given as they
are); a key with no page is counted and reported, not scored. Each page
is run through `NR_BIN --extract PAGE`; the prediction is what follows
the title and the blank line (nothing when it exits non-zero). Tokens
are the whitespace-separated words of the lowercased text; precision
and recall are computed on token multisets: common = sum over tokens
of min(count in prediction, count in truth), P = common / predicted
tokens, R = common / true tokens, F1 their harmonic mean. A page whose
truth is empty scores 1 when nothing is extracted, else 0. Prints one
line per page and the means; with MIN_MEAN_F1, exits 1 below it.

The last line adds the benchmark's own figure (its evaluate.py, as its
README describes it): tokens are the \\w+ runs (case kept), counted as
shingles of 4 tokens; a page's true positives, false positives and
false negatives are the multiset's common, extra and missing shingles;
P and R are averaged over the pages, and F1 is the harmonic mean of
those two averages (not the mean of the pages' F1).
"""
import collections
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def tokens(text):
    return text.lower().split()


def prf(pred, true):
    if not true:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 1.0, 0.0)
    if not pred:
        return (0.0, 0.0, 0.0)
    cp, ct = collections.Counter(pred), collections.Counter(true)
    common = sum(min(n, ct[t]) for t, n in cp.items())
    p, r = common / len(pred), common / len(true)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shingles(text):
    w = re.findall(r"\w+", text)
    return collections.Counter(tuple(w[i:i + 4])
                               for i in range(max(1, len(w) - 3)) if w)


def bench_pr(pred, true):
    """The benchmark's (P, R) of one page; None where undefined."""
    cp, ct = shingles(pred), shingles(true)
    tp = sum(min(n, ct[k]) for k, n in cp.items())
    fp = sum(cp.values()) - tp
    fn = sum(ct.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    return p, r


def page_of(pages, name):
    """The page of a ground-truth key, or None."""
    for path in (os.path.join(pages, name),
                 os.path.join(pages, name + ".html"),
                 os.path.join(pages, name + ".html.gz")):
        if os.path.isfile(path):
            return path
    return None


def extract(nr, path):
    tmp = None
    if path.endswith(".gz"):
        with gzip.open(path) as z, tempfile.NamedTemporaryFile(
                suffix=".html", delete=False) as t:
            shutil.copyfileobj(z, t)
            tmp = path = t.name
    try:
        res = subprocess.run([nr, "--extract", path],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    finally:
        if tmp is not None:
            os.unlink(tmp)
    if res.returncode != 0:
        return ""
    lines = res.stdout.decode("utf-8", "replace").split("\n")
    return "\n".join(lines[2:])


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    nr, pages, truthfile = sys.argv[1:4]
    minf1 = float(sys.argv[4]) if len(sys.argv) > 4 else None
    with open(truthfile, encoding="utf-8") as f:
        truth = json.load(f)
    rows = []
    bps, brs = [], []
    missing = 0
    for name in sorted(truth):
        path = page_of(pages, name)
        if path is None:
            missing += 1
            continue
        pred, true = extract(nr, path), truth[name].get("articleBody") or ""
        p, r, f1 = prf(tokens(pred), tokens(true))
        rows.append((p, r, f1))
        bp, br = bench_pr(pred, true)
        if bp is not None:
            bps.append(bp)
        if br is not None:
            brs.append(br)
        print("%-40s P %.3f  R %.3f  F1 %.3f" % (name[:40], p, r, f1))
    if missing:
        print("(%d of the %d pages in %s not found: not scored)" %
              (missing, len(truth), os.path.basename(truthfile)))
    if not rows:
        sys.exit("no pages scored")
    mp, mr, mf = (sum(x[i] for x in rows) / len(rows) for i in range(3))
    print("%-40s P %.3f  R %.3f  F1 %.3f  (%d pages)" %
          ("mean", mp, mr, mf, len(rows)))
    bp = sum(bps) / len(bps) if bps else 0.0
    br = sum(brs) / len(brs) if brs else 0.0
    print("%-40s P %.3f  R %.3f  F1 %.3f" % (
        "benchmark rules (4-shingles)", bp, br,
        2 * bp * br / (bp + br) if bp + br else 0.0))
    if minf1 is not None and mf < minf1:
        print("mean F1 %.3f is below %.3f" % (mf, minf1))
        sys.exit(1)


if __name__ == "__main__":
    main()
