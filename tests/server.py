#!/usr/bin/env python3
"""Loopback HTTP test server for newsreader (python3 standard library only).

Usage: server.py --root DIR --port-file FILE [--log FILE] [--log-times]
                 [--lifetime S]

Binds 127.0.0.1 on a free port, writes the port number to --port-file
(atomically, via rename), serves files from --root and exits by itself
after --lifetime seconds (default 300) or on SIGTERM/SIGINT.

Every file response carries ETag and Last-Modified; If-None-Match and
If-Modified-Since are honoured with 304.  With --log, one line is
appended per request:  METHOD PATH STATUS cond=0|1
(cond=1 when the request carried If-None-Match or If-Modified-Since);
--log-times appends " t=SECONDS" (Unix time the request arrived, to the
millisecond) to each line.

Fault and special paths:
  /status/N[?retry-after=S]  answer with status N (Retry-After: S if given)
  /stall/N                   sleep N seconds (at most 60), then answer 200
  /truncate/FILE             announce FILE's full length, send half, close
  /huge/MIB[?length=1]       stream MIB MiB of 'x' (no Content-Length
                             unless length=1), then close
  /redirect-loop             302 to itself, forever
  /redirect/CODE/FILE        CODE (301, 302, 303, 307, 308) to /FILE
  /301/FILE, /302/FILE       short forms of the above
  /redirect-port/PORT/PATH   302 to http://127.0.0.1:PORT/PATH (another
                             server on the loopback)
  /redirect-file/PATH        302 to file:///PATH (another scheme)
  /gzip/FILE                 FILE gzip-compressed, Content-Encoding: gzip
  /html                      an HTML page (not a feed)
  /charset/NAME/FILE         FILE with Content-Type: ...; charset=NAME
                             (%XX in NAME are sent as raw bytes)
  /headers                   the request headers as text/plain
"""

import argparse
import email.utils
import gzip
import hashlib
import mimetypes
import os
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".opml": "text/x-opml",
    ".txt": "text/plain",
    ".html": "text/html",
    ".json": "application/json",
    ".jsonfeed": "application/feed+json",
}

HTML_PAGE = (b"<!DOCTYPE html>\n<html><head><title>Not a feed</title>"
             b"</head><body><p>This is a web page.</p></body></html>\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nr-test-server/1"

    def log_message(self, fmt, *args):
        pass

    def note(self, status):
        srv = self.server
        if srv.logfile is None:
            return
        cond = int("If-None-Match" in self.headers or
                   "If-Modified-Since" in self.headers)
        line = "%s %s %d cond=%d" % (self.command, self.path, status, cond)
        if srv.logtimes:
            line += " t=%.3f" % getattr(self, "t0", time.time())
        line += "\n"
        with srv.loglock:
            with open(srv.logfile, "a") as f:
                f.write(line)

    def reply(self, status, body=b"", ctype="text/plain", headers=()):
        self.note(status)   # before answering: tests read the log at once
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def local(self, rel):
        """Map a URL path to a file under root, or None."""
        rel = urllib.parse.unquote(rel).lstrip("/")
        root = os.path.realpath(self.server.root)
        p = os.path.realpath(os.path.join(root, rel))
        if not p.startswith(root + os.sep) or not os.path.isfile(p):
            return None
        return p

    def validators(self, p):
        st = os.stat(p)
        tag = hashlib.sha1(("%d-%d" % (st.st_mtime_ns, st.st_size))
                           .encode()).hexdigest()[:16]
        return '"%s"' % tag, int(st.st_mtime)

    def not_modified(self, etag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return etag in tags or "*" in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None:
            try:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return mtime <= t
        return False

    def serve_file(self, rel, ctype=None, encode=None):
        p = self.local(rel)
        if p is None:
            return self.reply(404, b"not found\n")
        etag, mtime = self.validators(p)
        hdrs = [("ETag", etag),
                ("Last-Modified", email.utils.formatdate(mtime, usegmt=True))]
        if self.not_modified(etag, mtime):
            return self.reply(304, headers=hdrs)
        with open(p, "rb") as f:
            body = f.read()
        if ctype is None:
            ext = os.path.splitext(p)[1]
            ctype = TYPES.get(ext) or (mimetypes.guess_type(p)[0] or
                                       "application/octet-stream")
        if encode == "gzip":
            body = gzip.compress(body)
            hdrs.append(("Content-Encoding", "gzip"))
        return self.reply(200, body, ctype, hdrs)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.t0 = time.time()
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def route(self):
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query)
        parts = u.path.split("/")[1:]
        head = parts[0] if parts else ""
        rest = "/".join(parts[1:])
        if head == "status" and parts[1:] and parts[1].isdigit():
            code = int(parts[1])
            hdrs = []
            if "retry-after" in q:
                hdrs.append(("Retry-After", q["retry-after"][0]))
            return self.reply(code, b"status %d\n" % code, headers=hdrs)
        if head == "stall" and parts[1:] and parts[1].isdigit():
            time.sleep(min(int(parts[1]), 60))
            return self.reply(200, b"stalled\n")
        if head == "truncate":
            p = self.local(rest)
            if p is None:
                return self.reply(404, b"not found\n")
            with open(p, "rb") as f:
                body = f.read()
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        if head == "huge" and parts[1:] and parts[1].isdigit():
            mib = min(int(parts[1]), 4096)
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            if q.get("length") == ["1"]:
                self.send_header("Content-Length", str(mib << 20))
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"x" * 65536
            for _ in range(mib * 16):
                self.wfile.write(chunk)
            self.close_connection = True
            return None
        if head == "redirect-loop":
            return self.reply(302, b"loop\n",
                              headers=[("Location", "/redirect-loop")])
        if head in ("301", "302"):
            return self.reply(int(head), b"moved\n",
                              headers=[("Location", "/" + rest)])
        if head == "redirect-port" and len(parts) > 2 and \
                parts[1].isdigit():
            return self.reply(302, b"moved\n", headers=[(
                "Location", "http://127.0.0.1:%d/%s" %
                (int(parts[1]), "/".join(parts[2:])))])
        if head == "redirect" and len(parts) > 2 and parts[1].isdigit():
            return self.reply(int(parts[1]), b"moved\n",
                              headers=[("Location", "/" +
                                        "/".join(parts[2:]))])
        if head == "redirect-file":
            return self.reply(302, b"moved\n",
                              headers=[("Location", "file:///" + rest)])
        if head == "gzip":
            return self.serve_file(rest, encode="gzip")
        if head == "html":
            return self.reply(200, HTML_PAGE, "text/html; charset=utf-8")
        if head == "charset" and len(parts) > 2:
            rel = "/".join(parts[2:])
            p = self.local(rel)
            base = TYPES.get(os.path.splitext(p or "")[1], "application/xml")
            # %XX are raw bytes in the header (send_header is latin-1).
            name = urllib.parse.unquote(parts[1], encoding="latin-1")
            return self.serve_file(rel, "%s; charset=%s" % (base, name))
        if head == "headers":
            body = "".join("%s: %s\n" % (k, v)
                           for k, v in self.headers.items()).encode()
            return self.reply(200, body)
        return self.serve_file(u.path)


def main():
    ap = argparse.ArgumentParser(description="newsreader test server")
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ap.add_argument("--log-times", action="store_true")
    ap.add_argument("--lifetime", type=float, default=300)
    ap.add_argument("--port", type=int, default=0,
                    help="this port if free (benchmarks keep their URLs)")
    a = ap.parse_args()

    try:
        srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    except OSError:
        srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.root = a.root
    srv.logfile = a.log
    srv.logtimes = a.log_times
    srv.loglock = threading.Lock()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    t = threading.Thread(target=srv.serve_forever, kwargs={
        "poll_interval": 0.1}, daemon=True)
    t.start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)

    deadline = time.monotonic() + a.lifetime
    while not stop.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            break
        stop.wait(min(left, 0.5))
    srv.shutdown()
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
