#!/usr/bin/env python3
"""Write hostile feed documents into DIR for tests/cli/hostile.sh.

escapes.xml   terminal escapes (CSI, OSC 52, OSC 8, title, DCS, C1, bidi)
              in every text field, and links with shell metacharacters
many.xml      1,000,000 items
cats.xml      one item with 100,000 categories
title.xml     one item with a 10 MB title
deep.xml      100,000 nested elements inside an item
paths.xml     guids and links crafted as paths
zeros.txt     64 MiB of spaces (served gzip-compressed: a gzip bomb)
"""
import os
import sys

ESC = "\x1b"
HOSTILE = (ESC + "[31mred" + ESC + "[0m" + ESC + "]52;c;ZXZpbA==\x07"
           + ESC + "]0;pwned\x07" + ESC + "]8;;http://evil/\x1b\\link"
           + ESC + "]8;;\x1b\\" + ESC + "Pq#0\x1b\\" + "\u009b31m"
           + "\u202egnp.exe" + "\u0085")


def xml_text(s):
    """Encode control characters as they would arrive: raw bytes."""
    return s.replace("&", "&amp;").replace("<", "&lt;")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "escapes.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
                "<channel><title>Feed %s</title><link>http://127.0.0.1/</link>"
                % xml_text(HOSTILE))
        links = ["http://127.0.0.1/a;touch${IFS}/tmp/nr-pwned",
                 "http://127.0.0.1/$(touch /tmp/nr-pwned)",
                 "http://127.0.0.1/`id`'\"", "-oProxyCommand=id",
                 "javascript:alert(1)", "data:text/html,<b>x</b>"]
        for i, link in enumerate(links):
            f.write("<item><title>T%d %s</title><link>%s</link>"
                    "<guid>g%d</guid><category>%s</category>"
                    "<description>%s</description>"
                    "<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>"
                    % (i, xml_text(HOSTILE), xml_text(link), i,
                       xml_text(HOSTILE), xml_text(HOSTILE)))
        f.write("</channel></rss>\n")
    with open(os.path.join(out, "many.xml"), "w") as f:
        f.write('<rss version="2.0"><channel><title>Many</title>\n')
        item = "<item><title>i%d</title><guid>g%d</guid></item>\n"
        for i in range(1000000):
            f.write(item % (i, i))
        f.write("</channel></rss>\n")
    with open(os.path.join(out, "cats.xml"), "w") as f:
        f.write('<rss version="2.0"><channel><title>Cats</title><item>'
                "<title>cats</title><guid>c</guid>")
        for i in range(100000):
            f.write("<category>c%d</category>" % i)
        f.write("</item></channel></rss>\n")
    with open(os.path.join(out, "title.xml"), "w") as f:
        f.write('<rss version="2.0"><channel><title>Title</title><item>'
                "<title>" + "x" * (10 * 1024 * 1024) + "</title>"
                "<guid>t</guid></item></channel></rss>\n")
    with open(os.path.join(out, "deep.xml"), "w") as f:
        f.write('<rss version="2.0"><channel><title>Deep</title><item>'
                "<title>deep</title><guid>d</guid><description>")
        f.write("<x>" * 100000 + "bottom" + "</x>" * 100000)
        f.write("</description></item></channel></rss>\n")
    with open(os.path.join(out, "paths.xml"), "w") as f:
        f.write('<rss version="2.0"><channel><title>../../etc</title>')
        for i, g in enumerate(["../../.bashrc", "/etc/passwd",
                               "a/../../../b", "..", "x\x00y"]):
            f.write("<item><title>p%d</title><guid>%s</guid>"
                    "<link>file:///etc/passwd</link></item>"
                    % (i, xml_text(g.replace("\x00", ""))))
        f.write("</channel></rss>\n")
    with open(os.path.join(out, "zeros.txt"), "w") as f:
        block = " " * (1024 * 1024)
        for _ in range(64):
            f.write(block)


if __name__ == "__main__":
    main()
