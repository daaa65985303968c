#!/usr/bin/env python3
"""Pages for bench/extract.sh's speed figures.

usage: extract-gen.py DIR

Writes into DIR:
  extract-dense.html    1 MB of markup: navigation, 2000 paragraphs with
                        links, a sidebar, related lists, comments.
  extract-news.html     1 MB laid out as a big news site's article page:
                        its bulk is what such pages carry (inline script
                        bundles, JSON state blobs, <style>, inline <svg>
                        icons, tracking pixels and iframes, comments)
                        around a 1,500-word article.
  extract-news.txt      that article's paragraphs, one per line (what
                        --extract should print after the title line).
  extract-small.html    1 KB: the process start.
Deterministic: the same bytes on every run.
"""
import os
import random
import sys


def dense():
    para = ("<p>The committee met on Tuesday, and after a long debate about "
            "the budget, the schedule and the <a href=\"/x\">new rules</a>, "
            "it agreed to publish its report in the spring.</p>\n")
    side = "<li><a href=\"/s\">A related story with a long headline</a></li>"
    return ("<html><head><title>Big page</title></head><body><nav><ul>" +
            side * 600 + "</ul></nav><div class=\"article-body\">" +
            para * 2000 + "</div><aside><ul>" + side * 1000 +
            "</ul></aside><div class=\"comments\">" + para * 3000 +
            "</div><footer>" + side * 300 + "</footer></body></html>")


WORDS = ("the council said on monday that its plan for the harbour would "
         "cost more than expected and that work on the new bridge could "
         "not start before next year because of delays in the supply of "
         "steel while residents asked why nobody had told them sooner "
         "about the change to the route of the buses which many of them "
         "take every morning to reach the station and the schools").split()


def sentence(rng, n):
    w = [rng.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    if n > 10:
        w[n // 2] += ","
    return " ".join(w) + "."


def js_bundle(rng, size):
    """Minified-looking JavaScript with the traps real bundles have."""
    parts = []
    n = 0
    i = 0
    while n < size:
        i += 1
        s = rng.choice([
            'function a%d(e,t){return e&&t?e.map(function(n){return n*%d})'
            ':[]}' % (i, i),
            'var b%d="<div class=\\"card\\">"+t+"</div>";' % i,
            'e.innerHTML="<a href=\'/x\'>"+n+"</a><p>"+r+"</p>";',
            'document.write("<scr"+"ipt src=\'/t%d.js\'></scr"+"ipt>");' % i,
            'if(a<b&&c>d){x%d=a<<2|b>>>1}' % i,
            'var s%d="</scr\\u0069pt>";' % i,
            '/* <!-- not a comment in HTML terms --> */',
            'window.__c%d={k:"<!--",v:"-->",w:"</style>"};' % i,
        ])
        parts.append(s)
        n += len(s)
    return "".join(parts)


def json_blob(rng, size):
    items = []
    n = 0
    i = 0
    while n < size:
        i += 1
        s = ('{"id":%d,"headline":"%s","url":"/news/%d","html":'
             '"\\u003cp\\u003e%s\\u003c/p\\u003e","tags":["a","b"]}'
             % (i, sentence(rng, 8), i, sentence(rng, 12)))
        items.append(s)
        n += len(s) + 1
    return '{"props":{"pageProps":{"items":[' + ",".join(items) + ']}}}'


def css(rng, size):
    out = []
    n = 0
    i = 0
    while n < size:
        i += 1
        s = (".c%d{display:flex;margin:0 %dpx;color:#%06x}"
             "@media (min-width:%dpx){.c%d>a:hover{color:red}}\n"
             % (i, i % 40, rng.randrange(1 << 24), 300 + i % 900, i))
        out.append(s)
        n += len(s)
    return "".join(out)


def svg(rng):
    d = " ".join("L%d %d" % (rng.randrange(24), rng.randrange(24))
                 for _ in range(60))
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" '
            'width="24" height="24" aria-hidden="true"><path d="M0 0 %s Z" '
            'fill="currentColor"/><circle cx="12" cy="12" r="4"/></svg>' % d)


def news():
    rng = random.Random(15)
    title = "Harbour plan will cost more and the bridge waits a year"
    paras = []
    words = 0
    while words < 1500:
        n = rng.randrange(3, 7)
        p = " ".join(sentence(rng, rng.randrange(9, 22)) for _ in range(n))
        words += len(p.split())
        paras.append(p)
    head = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
            '<title>%s | The Daily Example</title>' % title,
            '<meta property="og:title" content="%s">' % title,
            '<link rel="canonical" href="https://news.example/harbour">',
            '<script type="application/ld+json">{"@type":"NewsArticle",'
            '"headline":"%s","datePublished":"2023-04-14T09:15:00Z",'
            '"dateModified":"2023-04-14T09:31:00Z"}</script>' % title,
            '<style>%s</style>' % css(rng, 110000),
            '<!-- Google Tag Manager --><script>(function(w,d,s,l,i){'
            'w[l]=w[l]||[];})(window,document,"script","dataLayer");'
            '</script><!-- End Google Tag Manager -->',
            '<SCRIPT>%s</SCRIPT>' % js_bundle(rng, 90000),
            '</head><body class="article-page">',
            '<noscript><iframe src="https://t.example/ns" height="0" '
            'width="0" style="display:none"></iframe></noscript>',
            '<div class="cookie-banner" role="dialog"><p>We use cookies '
            'to improve your experience.</p><button>Accept</button></div>',
            '<header class="site-header"><a href="/">%s The Daily '
            'Example</a><nav><ul>' % svg(rng)]
    for i in range(40):
        head.append('<li><a href="/s%d">%sSection %d</a></li>' %
                    (i, svg(rng), i))
    head.append('</ul></nav></header>')
    body = ['<main><article class="article"><h1>%s</h1>' % title,
            '<div class="byline">By A. Reporter <time datetime='
            '"2023-04-14T09:15:00Z">14 April 2023</time></div>',
            '<div class="share">%s</div>' % "".join(
                '<a href="/share%d">%s</a>' % (i, svg(rng))
                for i in range(6)),
            '<div class="article-body" itemprop="articleBody">']
    for i, p in enumerate(paras):
        body.append('<p>%s</p>\n' % p)
        if i % 6 == 5:
            body.append('<!-- ad slot %d --><div class="ad-slot" '
                        'data-slot="%d"><script>googletag.cmd.push('
                        'function(){googletag.display("ad-%d")});</script>'
                        '</div>\n' % (i, i, i))
            body.append('<img src="https://px.example/p.gif?i=%d" '
                        'width="1" height="1" alt="">' % i)
    body.append('</div></article>')
    body.append('<aside class="related"><h2>Related</h2><ul>')
    for i in range(30):
        body.append('<li><a href="/r%d">%s%s</a></li>' %
                    (i, svg(rng), sentence(rng, 8)))
    body.append('</ul></aside></main>')
    foot = ['<footer class="site-footer"><ul>']
    for i in range(30):
        foot.append('<li><a href="/f%d">Footer link %d</a></li>' % (i, i))
    foot.append('</ul></footer>')
    foot.append('<script id="__NEXT_DATA__" type="application/json">%s'
                '</script>' % json_blob(rng, 300000))
    foot.append('<script>window.__APOLLO_STATE__=%s;</script>' %
                json_blob(rng, 120000))
    page = "".join(head + body + foot)
    # The rest of a megabyte: the site's main bundle, inline.
    rest = 1000000 - len(page.encode()) - 40
    foot.append('<script type="module">%s</script>' %
                js_bundle(rng, max(rest, 0)))
    foot.append('</body></html>\n')
    page = "".join(head + body + foot)
    return page, title, paras


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    page, title, paras = news()
    small = ("<html><body><div>" + "<p>The committee met on Tuesday, and "
             "after a long debate about the budget, it agreed to publish "
             "its report in the spring.</p>\n" * 4 + "</div></body></html>")
    for name, text in (("dense.html", dense()), ("news.html", page),
                       ("small.html", small),
                       ("news.txt", "\n".join(paras) + "\n")):
        with open(os.path.join(d, "extract-" + name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
