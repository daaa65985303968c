#!/usr/bin/env python3
"""Bigrams or FTS5's trigram tokenizer for Chinese and Japanese text?
Indexes N Japanese articles (~2 KB, the words of search-gen.py) both
ways with Python's SQLite (the system's libsqlite3) and prints build
time, size and query times. The bigram index is unicode61 over the text
with each CJK run cut into overlapping bigrams: what newsreader's
tokenizer passes on for such text.

usage: search-cjk.py [N] [DIR]     (default 20000, /tmp/nr-bench-cjk)
"""
import os
import random
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
JA = __import__("search-gen").JA


def doc(rng):
    out, size = [], 0
    while size < 2000:
        p = "".join(rng.choice(JA) for _ in range(20)) + "。"
        out.append(p)
        size += len(p.encode())
    return "\n".join(out)


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")


def bigrams(text):
    def cut(m):
        r = m.group(0)
        if len(r) == 1:
            return " " + r + " "
        return " " + " ".join(r[i:i + 2] for i in range(len(r) - 1)) + " "
    return CJK.sub(cut, text)


def build(path, tok, docs, prep):
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, content='', "
               "tokenize='%s')" % tok)
    s = time.time()
    db.executemany("INSERT INTO t(rowid, body) VALUES(?, ?)",
                   ((i, prep(d)) for i, d in enumerate(docs)))
    db.execute("INSERT INTO t(t) VALUES('optimize')")
    db.commit()
    el = time.time() - s
    db.execute("VACUUM")
    db.close()
    return el, os.path.getsize(path)


def query(path, q, reps=20):
    db = sqlite3.connect(path)
    n = -1
    s = time.time()
    for _ in range(reps):
        try:
            n = db.execute("SELECT count(*) FROM t WHERE t MATCH ?",
                           (q,)).fetchone()[0]
        except sqlite3.Error as e:
            n = "error: %s" % e
    el = (time.time() - s) / reps
    db.close()
    return n, el


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    d = sys.argv[2] if len(sys.argv) > 2 else "/tmp/nr-bench-cjk"
    os.makedirs(d, exist_ok=True)
    rng = random.Random(7)
    docs = [doc(rng) for _ in range(n)]
    text = sum(len(x.encode()) for x in docs)
    print("%d Japanese articles, %.1f MiB of text (SQLite %s)" %
          (n, text / 1048576, sqlite3.sqlite_version))
    res = {}
    for name, tok, prep in (("bigram", "unicode61", bigrams),
                            ("trigram", "trigram", lambda x: x)):
        p = os.path.join(d, name + ".db")
        el, size = build(p, tok, docs, prep)
        res[name] = p
        print("  %-8s build %5.1f s, index %6.1f MiB (%3.0f %% of the text)"
              % (name, el, size / 1048576, 100.0 * size / text))
    for q in ("東京", "半導体", "経済政府", "ロボット配達"):
        for name in ("bigram", "trigram"):
            qq = '"%s"' % (bigrams(q).strip() if name == "bigram" else q)
            hits, el = query(res[name], qq)
            print("  %-8s %-14s %8s hits %7.2f ms" % (name, q, hits,
                                                     el * 1e3))


if __name__ == "__main__":
    main()
