#!/usr/bin/env python3
"""Generate a large JSON Feed and an RSS 2.0 feed with the same items.

usage: jsonfeed-gen.py SIZE_MIB OUT.json OUT.xml
The JSON Feed is about SIZE_MIB MiB; the RSS file holds the same items
(title, link, id, date, author, tags, summary, HTML content).
"""
import json
import sys
from xml.sax.saxutils import escape


def main():
    size = int(sys.argv[1]) * 1024 * 1024
    body = ("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
            "sed do eiusmod tempor incididunt ut labore et dolore magna "
            "aliqua &amp; more.</p>") * 36
    js = open(sys.argv[2], "w", encoding="utf-8")
    rss = open(sys.argv[3], "w", encoding="utf-8")
    head = ('{\n"version": "https://jsonfeed.org/version/1.1",\n'
            '"title": "Bench JSON",\n"home_page_url": "https://example.org/",'
            '\n"description": "benchmark feed",\n"items": [\n')
    js.write(head)
    rss.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<rss version="2.0" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
              '<title>Bench RSS</title><link>https://example.org/</link>\n'
              '<description>benchmark feed</description>\n')
    total = len(head)
    n = 0
    while total < size - 8:
        n += 1
        day = n % 28 + 1
        title = "Item number %d & friends" % n
        link = "https://example.org/posts/%d" % n
        guid = "urn:bench:%d" % n
        author = "Author %d" % (n % 17)
        tags = ["cat%d" % (n % 5), "bench"]
        summary = "Summary of item %d: lorem ipsum dolor sit amet" % n
        item = {
            "id": guid, "url": link, "title": title,
            "date_published": "2024-01-%02dT10:%02d:00Z" % (day, n % 60),
            "authors": [{"name": author}], "tags": tags,
            "summary": summary, "content_html": body,
        }
        s = ("," if n > 1 else "") + json.dumps(item, indent=1) + "\n"
        js.write(s)
        total += len(s)
        rss.write('<item>\n<title>%s</title>\n<link>%s</link>\n'
                  '<guid isPermaLink="false">%s</guid>\n'
                  '<pubDate>Mon, %02d Jan 2024 10:%02d:00 +0000</pubDate>\n'
                  '<dc:creator>%s</dc:creator>\n'
                  '<category>%s</category><category>%s</category>\n'
                  '<description>%s</description>\n'
                  '<content:encoded><![CDATA[%s]]></content:encoded>\n'
                  '</item>\n' % (escape(title), link, guid, day, n % 60,
                                 author, tags[0], tags[1], escape(summary),
                                 body))
    js.write("]\n}\n")
    rss.write('</channel>\n</rss>\n')
    print(n)


if __name__ == "__main__":
    main()
