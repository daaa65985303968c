#!/usr/bin/env python3
"""A generated cache for the search tests, and the answer to a query by
brute force over its article files (no index).

usage: search-brute.py gen DATA NITEMS [SEED]
       search-brute.py eval DATA QUERY      (prints the matching ids)
       search-brute.py evalmany DATA FILE OUTDIR
                                (each line of FILE a query: OUTDIR/N
                                 gets the ids of line N, from 1)

gen writes NITEMS article files into DATA/feed1 ... DATA/feed5 (dropped
in, as a user or rsync would): titles, summaries, tags and bodies (plain
or HTML) of words drawn from a Zipf-like vocabulary with some accented
Latin, Greek, Russian and Japanese. eval understands what the tests ask:
words, "phrases", word*, +tag, -tag, @YYYY-MM, not, or, parentheses;
words match whole words ignoring case and accents (Japanese: any run of
two or more characters), in the title, summary, tags, text and feed
name. Times are UTC (run with TZ=UTC).
"""
import os
import random
import re
import sys
import unicodedata

LATIN = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu "
         "nu xi omicron pi rho sigma tau upsilon phi chi psi omega reactor "
         "river bridge harbour council energy solar storm ferry library "
         "market budget vote china nuclear plant grid wind coal rail port "
         "school museum garden tower canal island valley forest desert "
         "summit treaty border tariff export import harvest drought flood "
         "quake volcano comet planet orbit rocket probe signal cable fiber "
         "chip robot sensor battery engine turbine pump valve filter").split()
EXTRA = ["café", "Crème", "naïve", "Москва", "МОСКВА", "город", "Ёлка",
         "Αθήνα", "ΑΘΗΝΑ", "Zürich", "São"]
CJK = ["東京都庁", "新型チップ", "量産開始", "京都の秋", "配達ロボット",
       "商店街", "東京"]
TAGS = ["local", "science", "politics", "energy", "culture", "sport"]


def word(rng):
    r = rng.random()
    if r < 0.04:
        return rng.choice(EXTRA)
    if r < 0.07:
        return rng.choice(CJK)
    # Zipf-like: low indexes are common.
    k = int(len(LATIN) * (rng.random() ** 3))
    return LATIN[k]


def words(rng, n):
    return " ".join(word(rng) for _ in range(n))


def gen(data, n, seed):
    rng = random.Random(seed)
    seqs = {}
    for i in range(n):
        feed = "feed%d" % (1 + i % 5)
        d = os.path.join(data, feed)
        os.makedirs(d, exist_ok=True)
        seq = seqs.get(feed, 0)
        seqs[feed] = seq + 1
        h = rng.getrandbits(64)
        day = 1 + rng.randrange(28)
        month = 10 + rng.randrange(2)
        hh, mm = rng.randrange(24), rng.randrange(60)
        title = words(rng, 5).capitalize()
        summary = words(rng, 12)
        tags = sorted(set(rng.sample(TAGS, rng.randrange(3))))
        tags = [t for t in tags if t != title]
        paras = [words(rng, 30) for _ in range(1 + rng.randrange(4))]
        if rng.random() < 0.5:
            body = "".join("<p>%s <b>%s</b></p>\n" % (p, word(rng))
                           for p in paras)
        else:
            body = "\n".join(paras)
        # An unlikely word in a few items: a selective query.
        if i % 97 == 0:
            body += " rarissimum"
        lines = [" date 2026-%02d-%02d https://e.example/%s/%d" %
                 (month, day, feed, seq), title, summary] + tags + [
            title, "%02d:%02d GMT %02d.%02d.2026" % (hh, mm, day, month)]
        text = "\n".join(lines) + "\n" + body
        name = "%03d_%016x.txt" % (seq, h)
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)


def fold(s):
    s = s.lower()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ς", "σ")


def is_cjk(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30ff or 0x3400 <= o <= 0x4dbf or
            0x4e00 <= o <= 0x9fff)


def tokens(text):
    """Words, with each CJK run whole (matched as substrings)."""
    out = []
    for w in re.findall(r"[^\W_]+", fold(text)):
        for part in re.findall(r"[\u3040-\u30ff\u3400-\u9fff]+|"
                               r"[^\u3040-\u30ff\u3400-\u9fff]+", w):
            out.append(part)
    return out


class Doc:
    def __init__(self, feed, path):
        raw = open(path, encoding="utf-8").read()
        lines = raw.split("\n")
        self.id = os.path.basename(path).split("_")[1][:16]
        self.title = lines[1]
        summary = lines[2]
        k = 3
        self.tags = []
        while lines[k] != self.title:
            self.tags.append(lines[k].lower())
            k += 1
        stamp = lines[k + 1]
        m = re.match(r"(\d\d):(\d\d) GMT (\d\d)\.(\d\d)\.(\d{4})", stamp)
        self.month = "%s-%s" % (m.group(5), m.group(4))
        body = "\n".join(lines[k + 2:])
        if "<p>" in body:
            body = re.sub(r"<[^>]+>", " ", body)
        # Fields apart: a phrase does not run from one into the next.
        self.fields = [tokens(x) for x in
                       (self.title, summary, " ".join(self.tags), body, feed)]
        self.tokset = set(w for f in self.fields for w in f)


def phrase_match(doc, qtoks, prefix):
    if not qtoks:
        return False
    if len(qtoks) == 1 and is_cjk(qtoks[0][0]):
        # Two or more characters anywhere in a run of the text.
        return any(qtoks[0] in w for w in doc.tokset if is_cjk(w[0]))
    if len(qtoks) == 1 and not prefix:
        return qtoks[0] in doc.tokset
    n = len(qtoks)
    for t in doc.fields:
        for i in range(len(t) - n + 1):
            if all(piece_match(t[i + j], q, j, n, prefix)
                   for j, q in enumerate(qtoks)):
                return True
    return False


def piece_match(w, q, j, n, prefix):
    """Word j of a phrase of n: a CJK run may be entered at its end and
    left at its start (bigrams); the last word may be a prefix."""
    if is_cjk(q[0]) and is_cjk(w[0]):
        if j == 0 and w.endswith(q) and (n == 1 or len(q) > 1 or
                                         len(w) == 1):
            return True
        if j == n - 1 and w.startswith(q) and (len(q) > 1 or len(w) == 1):
            return True
        return w == q
    if j == n - 1 and prefix:
        return w.startswith(q)
    return w == q


def lex(q):
    return re.findall(r'\(|\)|[+~-]?"[^"]*"\*?|[^\s()]+', q)


def parse(toks):
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def p_or():
        kids = [p_and()]
        while peek() is not None and peek().lower() == "or":
            pos[0] += 1
            kids.append(p_and())
        return lambda d: any(k(d) for k in kids)

    def p_and():
        kids = [p_not()]
        while peek() is not None and peek() != ")" and \
                peek().lower() != "or":
            if peek().lower() == "and":
                pos[0] += 1
            kids.append(p_not())
        return lambda d: all(k(d) for k in kids)

    def p_not():
        if peek().lower() == "not":
            pos[0] += 1
            k = p_not()
            return lambda d: not k(d)
        return p_prim()

    def p_prim():
        t = peek()
        pos[0] += 1
        if t == "(":
            k = p_or()
            pos[0] += 1
            return k
        if t[0] == "+":
            return lambda d: t[1:].lower() in d.tags
        if t[0] == "-":
            return lambda d: t[1:].lower() not in d.tags
        if t[0] == "@":
            return lambda d: d.month == t[1:]
        if t[0] == "~":
            t = t[1:]
        prefix = False
        if t.endswith("*") and not t.endswith('"'):
            prefix = True
            t = t[:-1]
        if t.startswith('"'):
            t = t[1:-1]
        qt = tokens(t)
        return lambda d: phrase_match(d, qt, prefix)

    return p_or()


def load(data):
    docs = []
    for feed in sorted(os.listdir(data)):
        d = os.path.join(data, feed)
        if feed.startswith(".") or not os.path.isdir(d):
            continue
        for name in os.listdir(d):
            if name.endswith(".txt") and not name.startswith("."):
                docs.append(Doc(feed, os.path.join(d, name)))
    return docs


def answer(docs, query):
    pred = parse(lex(query))
    return "".join(i + "\n" for i in sorted(d.id for d in docs if pred(d)))


def evaluate(data, query):
    sys.stdout.write(answer(load(data), query))


def evalmany(data, qfile, outdir):
    docs = load(data)
    with open(qfile, encoding="utf-8") as f:
        queries = [q.rstrip("\n") for q in f]
    for k, q in enumerate(queries, 1):
        with open(os.path.join(outdir, str(k)), "w") as out:
            out.write(answer(docs, q))


def main():
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]),
            int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    elif sys.argv[1] == "evalmany":
        evalmany(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        evaluate(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
