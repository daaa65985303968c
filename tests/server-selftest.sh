#!/bin/sh
# Check tests/lib.sh and tests/server.py: start, validators, 304s in the
# log, fault paths, and that the server stops with the script.
. "${NR_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

mk_tmp
[ -d "$XDG_CONFIG_HOME" ] && [ "$HOME" = "$NR_TMP/home" ] ||
    fail "mk_tmp did not set up the directories"
start_server "$NR_SRCDIR/tests/fixtures/fetch"
[ -n "$NR_PORT" ] || fail "no port"

python3 - "$NR_URL" <<'PY' || fail "requests did not behave"
import sys, urllib.request, urllib.error
base = sys.argv[1]

def get(path, headers=None):
    req = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), b""

st, h, body = get("/feed1.xml")
assert st == 200 and b"<rss" in body, st
st, _, _ = get("/feed1.xml", {"If-None-Match": h["ETag"]})
assert st == 304, st
st, _, _ = get("/feed1.xml", {"If-Modified-Since": h["Last-Modified"]})
assert st == 304, st
st, h2, _ = get("/status/503?retry-after=120")
assert st == 503 and h2["Retry-After"] == "120", st
st, _, _ = get("/status/404")
assert st == 404, st
st, _, body = get("/301/feed1.xml")
assert st == 200 and b"<rss" in body, st
st, h3, _ = get("/charset/koi8-r/feed1.xml")
assert "charset=koi8-r" in h3["Content-Type"], h3
st, _, _ = get("/../../etc/passwd")
assert st == 404, st
PY

[ "$(count_log ' 304 cond=1')" = 2 ] || fail "expected two 304s in the log"
[ "$(count_log ' 200 cond=0')" -ge 3 ] || fail "expected 200s in the log"
pid=$NR_SERVER_PID
stop_server
kill -0 "$pid" 2>/dev/null && fail "server still running after stop_server"
exit 0
