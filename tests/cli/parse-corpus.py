#!/usr/bin/env python3
"""Compare newsreader's parser with feedparser's and newsboat's expectations.

usage: parse-corpus.py CORPUS_PARSE_BINARY CORPUS_DIR
Prints the matches per kind and in total; fails below the floors.
"""
import html
import json
import os
import re
import subprocess
import sys

# Floors: the counts measured when this test was written, minus a margin.
FLOOR_FEEDPARSER = 1550
FLOOR_NEWSBOAT = 180
FLOOR_DATES = 50


SUPPORTED = {
    "no_crash", "bozo", "feed_title", "feed_link", "feed_description",
    "entry_count", "entry_title", "entry_link", "entry_id", "entry_author",
    "entry_author_name", "entry_summary", "entry_content", "entry_date",
    "entry_tag", "entry_enclosure_url", "entry_enclosure_type",
}


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def loose(s):
    s = re.sub(r"<[^>]*>", " ", s or "")
    return norm(html.unescape(s))


def parse_files(binary, corpus, files):
    out = {}
    files = sorted(set(files))
    for i in range(0, len(files), 200):
        chunk = [os.path.join(corpus, f) for f in files[i:i + 200]]
        r = subprocess.run([binary] + chunk, capture_output=True, timeout=300)
        if r.returncode != 0:
            print("corpus-parse failed (crash?):", r.returncode,
                  r.stderr.decode(errors="replace")[:2000])
            sys.exit(1)
        for line in r.stdout.decode("utf-8", "replace").splitlines():
            d = json.loads(line)
            out[os.path.relpath(d["file"], corpus)] = d
    return out


def entry(d, idx):
    e = d.get("entries") or []
    idx = idx or 0
    return e[idx] if idx < len(e) else None


def check(row, d):
    """Return True/False for a comparable row, None when not comparable."""
    kind, val, idx = row["kind"], row.get("value"), row.get("index")
    ms = row.get("markup_sensitive")
    if kind not in SUPPORTED:
        return None
    if kind == "no_crash":
        return True
    if kind == "bozo":
        # A feed must be read whether well-formed or not.
        return "error" not in d
    if "error" in d:
        return False
    cmp = (lambda a, b: loose(a) == loose(b)) if ms else \
        (lambda a, b: norm(a) == norm(b))
    if kind == "feed_title":
        return cmp(d["title"], val)
    if kind == "feed_link":
        return d["link"] == val
    if kind == "feed_description":
        return cmp(d["description"], val)
    if kind == "entry_count":
        return len(d["entries"]) == val
    e = entry(d, idx)
    if e is None:
        return False
    if kind == "entry_title":
        return cmp(e["title"], val)
    if kind == "entry_link":
        return e["link"] == val
    if kind == "entry_id":
        return e["id"] == val
    if kind in ("entry_author", "entry_author_name"):
        return e["author"] is not None and (norm(val) in norm(e["author"]))
    if kind == "entry_summary":
        return loose(e["summary"]) == loose(val) or \
            loose(e["content"]) == loose(val)
    if kind == "entry_content":
        return loose(e["content"]) == loose(val)
    if kind == "entry_date":
        return val in (e["published"], e["updated"])
    if kind == "entry_tag":
        return norm(val).lower() in e["tags"]
    if kind == "entry_enclosure_url":
        return any(x[0] == val for x in e["enclosures"])
    if kind == "entry_enclosure_type":
        return any(x[1] == val for x in e["enclosures"])
    return None


def run_rows(binary, corpus, rows, label):
    docs = parse_files(binary, corpus, [r["file"] for r in rows])
    stats = {}
    ok = total = 0
    for r in rows:
        d = docs.get(r["file"])
        if d is None:
            continue
        res = check(r, d)
        if res is None:
            continue
        s = stats.setdefault(r["kind"], [0, 0])
        s[1] += 1
        total += 1
        if res:
            s[0] += 1
            ok += 1
    for k in sorted(stats):
        print("  %-22s %4d / %4d" % (k, stats[k][0], stats[k][1]))
    print("%s: %d of %d comparable expectations match" % (label, ok, total))
    return ok


def main():
    binary, corpus = sys.argv[1], sys.argv[2]
    fp = json.load(open(os.path.join(corpus, "feedparser-expect.json")))
    nb = json.load(open(os.path.join(corpus, "newsboat-expect.json")))
    dates = json.load(open(os.path.join(corpus, "feedparser-dates.json")))
    a = run_rows(binary, corpus, fp, "feedparser")
    b = run_rows(binary, corpus, nb, "newsboat")
    inputs = [d["input"] for d in dates]
    r = subprocess.run([binary, "--date"] + inputs, capture_output=True)
    got = r.stdout.decode().splitlines()
    c = 0
    for d, g in zip(dates, got):
        want = d["value"]
        if (want is None and g == "null") or (want is not None and
                                              g == str(want)):
            c += 1
    print("dates: %d of %d match" % (c, len(dates)))
    fail = a < FLOOR_FEEDPARSER or b < FLOOR_NEWSBOAT or c < FLOOR_DATES
    if fail:
        print("FAIL: below the floors %d/%d/%d" % (
            FLOOR_FEEDPARSER, FLOOR_NEWSBOAT, FLOOR_DATES))
    sys.exit(1 if fail else 0)


if __name__ == "__main__":
    main()
