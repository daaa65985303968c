#!/usr/bin/env python3
"""Generate the same N items as a newsreader cache and as sfeed TSV files.

usage: gen-cache.py N FEEDS OUTDIR
  OUTDIR/data/<feed>/<seq>_<hash>.txt   article files (docs/FORMAT.md)
  OUTDIR/sfeed/<feed>                   sfeed(5) TSV, one line per item
Deterministic: the same arguments give the same bytes.
"""
import os
import random
import sys

WORDS = ("harbour council bridge vote energy battery science comet market "
         "river storm library transport culture policy report study city "
         "school budget rail weather summit trade health data chip robot").split()
TAGS = ["world", "politics", "science", "tech", "sport", "economy",
        "culture", "health", "china", "russia", "europe", "energy"]


def fnv1a(s):
    h = 0xcbf29ce484222325
    for c in s.encode():
        h ^= c
        h = (h * 0x100000001b3) & 0xffffffffffffffff
    return h


def main():
    n, nfeeds, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(42)
    base = 1672531200  # 2023-01-01
    per = n // nfeeds
    for f in range(nfeeds):
        feed = "feed%03d" % f
        ddir = os.path.join(out, "data", feed)
        os.makedirs(ddir, exist_ok=True)
        os.makedirs(os.path.join(out, "sfeed"), exist_ok=True)
        tsv = open(os.path.join(out, "sfeed", feed), "w")
        for i in range(per):
            t = base + rnd.randrange(0, 365 * 86400)
            t -= t % 60
            title = " ".join(rnd.choice(WORDS) for _ in range(7)).capitalize()
            link = "https://%s.example/%d/%d" % (feed, t, i)
            tags = rnd.sample(TAGS, 2)
            summary = " ".join(rnd.choice(WORDS) for _ in range(25))
            body = "\n".join(" ".join(rnd.choice(WORDS) for _ in range(30))
                             for _ in range(5))
            import time as _t
            tm = _t.gmtime(t)
            art = (" date %s %s\n%s\n%s\n%s\n%s\n%s\n%s" % (
                _t.strftime("%Y-%m-%d", tm), link, title, summary,
                "\n".join(tags), title,
                _t.strftime("%H:%M GMT %d.%m.%Y", tm), body))
            name = "%03d_%016x.txt" % (i, fnv1a(link))
            with open(os.path.join(ddir, name), "w") as fp:
                fp.write(art)
            content = (summary + " " + body).replace("\n", "\\n")
            tsv.write("\t".join([str(t), title, link, content, "plain",
                                 link, "", "", "|".join(tags)]) + "\n")
        tsv.close()


if __name__ == "__main__":
    main()
