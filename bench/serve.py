#!/usr/bin/env python3
"""tests/server.py (the loopback test server) on a port of one's choice,
so that a feed keeps its URL from one benchmark run to the next.

usage: serve.py --root DIR --port-file FILE [--port P] [--lifetime S]
Binds 127.0.0.1:P (a free port without --port, or when P is busy) and
then writes the port to FILE (atomically).
"""
import argparse
import importlib.util
import os
import signal
import sys
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "server", os.path.join(here, "..", "tests", "server.py"))
server = importlib.util.module_from_spec(spec)
spec.loader.exec_module(server)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--port", type=int)
    ap.add_argument("--lifetime", type=float, default=3600)
    a = ap.parse_args()
    port = a.port
    try:
        srv = server.ThreadingHTTPServer(("127.0.0.1", port or 0),
                                         server.Handler)
    except OSError:
        srv = server.ThreadingHTTPServer(("127.0.0.1", 0), server.Handler)
    srv.daemon_threads = True
    srv.root = a.root
    srv.logfile = None
    srv.loglock = threading.Lock()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    t = threading.Thread(target=srv.serve_forever,
                         kwargs={"poll_interval": 0.1}, daemon=True)
    t.start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    deadline = time.monotonic() + a.lifetime
    while not stop.is_set() and time.monotonic() < deadline:
        stop.wait(0.5)
    srv.shutdown()
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
