#!/usr/bin/env python3
"""Generate a large RSS 2.0 or Atom 1.0 feed for bench/parse.sh.

usage: parse-gen.py rss|atom SIZE_MIB > file
"""
import sys


def main():
    kind = sys.argv[1]
    size = int(sys.argv[2]) * 1024 * 1024
    out = sys.stdout
    body = ("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
            "sed do eiusmod tempor incididunt ut labore et dolore magna "
            "aliqua &amp; more.</p>") * 8
    n = 0
    total = 0
    if kind == "rss":
        head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
                '<title>Bench RSS</title><link>https://example.org/</link>\n'
                '<description>benchmark feed</description>\n')
        tail = '</channel>\n</rss>\n'
    else:
        head = ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<feed xmlns="http://www.w3.org/2005/Atom">\n'
                '<title>Bench Atom</title>\n'
                '<link href="https://example.org/"/>\n'
                '<id>urn:bench</id><updated>2024-01-01T00:00:00Z</updated>\n')
        tail = '</feed>\n'
    out.write(head)
    total += len(head)
    esc = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    while total < size - len(tail):
        n += 1
        day = n % 28 + 1
        if kind == "rss":
            s = ('<item>\n<title>Item number %d &amp; friends</title>\n'
                 '<link>https://example.org/posts/%d</link>\n'
                 '<guid isPermaLink="false">urn:bench:%d</guid>\n'
                 '<pubDate>Mon, %02d Jan 2024 10:%02d:00 +0000</pubDate>\n'
                 '<dc:creator>Author %d</dc:creator>\n'
                 '<category>cat%d</category><category>bench</category>\n'
                 '<description>%s</description>\n'
                 '<content:encoded><![CDATA[%s]]></content:encoded>\n'
                 '</item>\n' % (n, n, n, day, n % 60, n % 17, n % 5,
                                esc[:300], body))
        else:
            s = ('<entry>\n<title>Entry number %d &amp; friends</title>\n'
                 '<link rel="alternate" href="https://example.org/e/%d"/>\n'
                 '<id>urn:bench:%d</id>\n'
                 '<published>2024-01-%02dT10:%02d:00Z</published>\n'
                 '<updated>2024-01-%02dT11:%02d:00+01:00</updated>\n'
                 '<author><name>Author %d</name></author>\n'
                 '<category term="cat%d"/><category term="bench"/>\n'
                 '<summary>Summary of entry %d</summary>\n'
                 '<content type="html">%s</content>\n'
                 '</entry>\n' % (n, n, n, day, n % 60, day, n % 60, n % 17,
                                 n % 5, n, esc))
        out.write(s)
        total += len(s)
    out.write(tail)


if __name__ == "__main__":
    main()
