#!/usr/bin/env python3
"""Write NFEEDS RSS 2.0 feeds of NITEMS items each into DIR (feedNNN.xml).

usage: mkfeeds.py DIR NFEEDS NITEMS [--change N,M,...]
--change lists feeds in which item 0 gets a new title and one new item
is added (the "changed feed" of the refresh tests). Deterministic.
"""
import os
import sys


def main():
    out, nfeeds, nitems = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    changed = set()
    if len(sys.argv) > 5 and sys.argv[4] == "--change":
        changed = {int(x) for x in sys.argv[5].split(",") if x}
    os.makedirs(out, exist_ok=True)
    for f in range(nfeeds):
        items = []
        n = nitems + (1 if f in changed else 0)
        for i in range(n):
            title = "Feed %d item %d" % (f, i)
            if i == 0 and f in changed:
                title += " (corrected)"
            day = 1 + i % 28
            items.append(
                "<item><title>%s</title>"
                "<link>http://127.0.0.1/f%d/i%d</link>"
                "<guid isPermaLink=\"false\">urn:f%d:i%d</guid>"
                "<pubDate>Tue, %02d Mar 2026 %02d:%02d:00 GMT</pubDate>"
                "<category>cat%d</category>"
                "<description>Summary of item %d of feed %d.</description>"
                "</item>" % (title, f, i, f, i, day, i % 24, i % 60,
                             i % 3, i, f))
        doc = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
               "<rss version=\"2.0\"><channel><title>Feed %d</title>"
               "<link>http://127.0.0.1/f%d</link>"
               "<description>Test feed %d</description>\n%s\n"
               "</channel></rss>\n" % (f, f, f, "\n".join(items)))
        path = os.path.join(out, "feed%03d.xml" % f)
        if os.path.exists(path) and open(path).read() == doc:
            continue   # unchanged: keep its time, so it stays 304
        tmp = path + ".tmp"
        with open(tmp, "w") as fp:
            fp.write(doc)
        os.replace(tmp, path)


if __name__ == "__main__":
    main()
