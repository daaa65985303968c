#!/usr/bin/env python3
"""Generate articles for bench/search.sh: N items with ~2 KB bodies of
Zipf-distributed words (s = 1.1 over a vocabulary of 30,000), 5 % of the
items in Russian and 5 % in Japanese.

usage: search-gen.py cache N FEEDS OUTDIR     article files, OUTDIR/<feed>/
       search-gen.py rss FEEDS ITEMS OUTDIR    RSS files, OUTDIR/feedNNN.xml
Planted words: "selectivum" in 80 items (a selective query) and
"communis" in 10,000 of 100,000 (a common word), in proportion for other
N. Deterministic.
"""
import bisect
import itertools
import os
import random
import sys

SYL = ("ka ri to na mo se lu pa ve di go ra ne ti so mi ba de ku zo fa le "
       "ho ju wi ce xa py qu").split()
RU = ("ми ра ко ло ве ст на ти до ре па но ру ка ся бо жи лу ни де").split()
JA = ("東京 大阪 経済 政府 会議 市場 技術 開発 新型 量産 開始 発表 研究 "
      "電力 地震 台風 選挙 首相 企業 株価 半導体 ロボット 配達 商店街 "
      "の は が を に で と も から まで").split()


def vocab(rng, syl, n, lo, hi):
    seen, out = set(), []
    while len(out) < n:
        w = "".join(rng.choice(syl) for _ in range(rng.randint(lo, hi)))
        if w not in seen and w not in ("selectivum", "communis"):
            seen.add(w)
            out.append(w)
    return out


def zipf_cdf(n, s):
    weights = [1.0 / (k ** s) for k in range(1, n + 1)]
    return list(itertools.accumulate(weights)), sum(weights)


class Words:
    def __init__(self, rng, words, s=1.1):
        self.rng, self.words = rng, words
        self.cdf, self.total = zipf_cdf(len(words), s)

    def pick(self, k):
        r = self.rng.random
        return [self.words[bisect.bisect_left(self.cdf, r() * self.total)]
                for _ in range(k)]


def make_item(rng, en, ru, i, n):
    kind = i % 20
    if kind == 7:
        w = ru
        sep = " "
    elif kind == 13:
        w = None
    else:
        w = en
        sep = " "
    def text(k):
        if w is None:
            return "".join(rng.choice(JA) for _ in range(k // 2)) + "。"
        return sep.join(w.pick(k))
    title = text(8).capitalize()
    summary = text(25)
    paras = []
    size = 0
    while size < 2000:
        p = text(40)
        paras.append(p)
        size += len(p.encode())
    if i % (n // 80 or 1) == 3:
        paras[-1] += " selectivum"
    if i % 10 == 1:
        paras[0] = "communis " + paras[0]
    return title, summary, paras


def cache(n, nfeeds, out):
    rng = random.Random(14)
    en = Words(rng, vocab(rng, SYL, 30000, 2, 5))
    ru = Words(rng, vocab(rng, RU, 30000, 2, 5))
    seq = {}
    base = 1767225600  # 2026-01-01
    for i in range(n):
        feed = "feed%03d" % (i % nfeeds)
        d = os.path.join(out, feed)
        if feed not in seq:
            os.makedirs(d, exist_ok=True)
            seq[feed] = 0
        s = seq[feed]
        seq[feed] = s + 1
        title, summary, paras = make_item(rng, en, ru, i, n)
        t = base + rng.randrange(330 * 86400)
        y, mo, dd, hh, mi = __import__("time").gmtime(t)[:5]
        body = "".join("<p>%s</p>\n" % p for p in paras)
        lines = [" date %04d-%02d-%02d https://e.example/%s/%d" %
                 (y, mo, dd, feed, s), title, summary, "bench", title,
                 "%02d:%02d GMT %02d.%02d.%04d" % (hh, mi, dd, mo, y)]
        name = "%03d_%016x.txt" % (s, rng.getrandbits(64))
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n" + body)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rss(nfeeds, nitems, out):
    rng = random.Random(15)
    en = Words(rng, vocab(rng, SYL, 30000, 2, 5))
    ru = Words(rng, vocab(rng, RU, 30000, 2, 5))
    os.makedirs(out, exist_ok=True)
    for f in range(nfeeds):
        items = []
        for i in range(nitems):
            title, summary, paras = make_item(rng, en, ru, f * nitems + i,
                                              nfeeds * nitems)
            body = "".join("<p>%s</p>" % p for p in paras)
            items.append(
                "<item><title>%s</title><link>http://127.0.0.1/f%d/i%d</link>"
                "<guid isPermaLink=\"false\">urn:f%d:i%d</guid>"
                "<pubDate>Tue, %02d Mar 2026 %02d:%02d:00 GMT</pubDate>"
                "<description>%s</description></item>"
                % (esc(title), f, i, f, i, 1 + i % 28, i % 24, i % 60,
                   esc(body)))
        with open(os.path.join(out, "feed%03d.xml" % f), "w",
                  encoding="utf-8") as fp:
            fp.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<rss version="2.0"><channel><title>Feed %d</title>'
                     '<link>http://127.0.0.1/</link>%s</channel></rss>\n'
                     % (f, "".join(items)))


def main():
    if sys.argv[1] == "cache":
        cache(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        rss(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])


if __name__ == "__main__":
    main()
