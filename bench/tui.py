#!/usr/bin/env python3
"""Drive a terminal program in a private tmux server and time what it
draws; used by bench/launch.sh, bench/bigfeed.sh and bench/feedsfile.sh.

usage: tui.py launch [options] -- COMMAND...
  Start a tmux session whose shell waits on a FIFO; the clock starts when
  the FIFO is closed and the shell execs COMMAND (so tmux's own start is
  not counted); send --keys at once, and wait for --wait REGEX on the
  screen, then for --then REGEX; print one line of JSON: ms to each, the
  program's VmHWM (KiB) at the first and after --hold seconds more.
  tmux is driven through one control-mode client: the screen is captured
  after each output of the program, and a time is that of the output
  that made the screen match (tmux reports output and replies in order).
usage: tui.py keylat [options] -- COMMAND...
  Start COMMAND, wait for --wait REGEX and for a selected (reverse video)
  row, then press j (or k, to stay off the screen's edges) and time until
  the selection is on the row that was next to it: --count of them with
  nothing else running, then more while --bg (a shell command) runs, at
  least --min-keys, until it exits. One line of JSON: the latencies (ms)
  of both phases, the background's exit status and time.
Common options: --sock NAME (tmux -L), --size COLSxROWS, --timeout S.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import queue
import tempfile
import threading
import time

SGR = re.compile(r"\x1b\[([0-9;]*)m")
ESC = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class Tmux:
    """A private tmux server driven through one control-mode client
    (tmux -C): commands and screen captures cost a pipe round trip, not
    a new tmux process each, and the client is told of every output of
    the program (%output), with the time it came."""

    def __init__(self, sock):
        self.base = ["tmux", "-L", sock, "-f", "/dev/null"]
        self.ctl = None
        self.pane = None
        self.last_out = 0.0
        self.out = threading.Event()
        self.replies = queue.Queue()
        self.script = None

    def kill(self):
        if self.ctl is not None:
            try:
                self.ctl.stdin.close()
            except OSError:
                pass
        subprocess.run(self.base + ["kill-server"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if self.ctl is not None:
            self.ctl.wait()
            self.ctl = None
        if self.script:
            os.unlink(self.script)
            self.script = None

    def _read(self):
        blk = None
        f = self.ctl.stdout
        while True:
            line = f.readline()
            if not line:
                break
            line = line.decode("utf-8", "replace").rstrip("\n")
            if blk is not None:
                if line.startswith("%end") or line.startswith("%error"):
                    self.replies.put((line.startswith("%end"), blk))
                    blk = None
                else:
                    blk.append(line)
            elif line.startswith("%begin"):
                blk = []
            elif line.startswith("%output"):
                self.last_out = time.monotonic()
                self.out.set()
        self.replies.put((False, ["control client gone"]))

    def cmd(self, line):
        self.ctl.stdin.write((line + "\n").encode())
        ok, out = self.replies.get(timeout=60)
        if not ok:
            raise RuntimeError("tmux: %s: %s" % (line, " ".join(out)))
        return out

    def server(self, cols, rows):
        """A server with an idle session and the control client on it."""
        self.kill()
        subprocess.run(self.base + ["new-session", "-d", "-s", "idle",
                                    "-x", str(cols), "-y", str(rows),
                                    "exec sleep 86400"], check=True)
        self.ctl = subprocess.Popen(self.base + ["-C", "attach", "-t",
                                                 "idle"],
                                    stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, bufsize=0)
        threading.Thread(target=self._read, daemon=True).start()
        self.replies.get(timeout=60)    # the attach's own reply

    def start(self, cmd, gate=None):
        """Start cmd in a new window (its pane is self.pane); with gate (a
        FIFO), only once the gate is opened and closed."""
        fd, self.script = tempfile.mkstemp(prefix="nr-tui-", suffix=".sh")
        with os.fdopen(fd, "w") as f:
            if gate:
                f.write("cat %s >/dev/null\n" % shlex.quote(gate))
            f.write("exec " + " ".join(shlex.quote(c) for c in cmd) + "\n")
        self.cmd("set-option -g remain-on-exit on")
        r = self.cmd("new-window -d -P -F '#{pane_id}' 'exec sh %s'" %
                     self.script)
        self.pane = r[0].split()[0]

    def screen(self):
        return "\n".join(self.cmd("capture-pane -p -t " + self.pane))

    def screen_attr(self):
        return "\n".join(self.cmd("capture-pane -p -e -t " + self.pane))

    def pid(self):
        return int(self.cmd("display-message -p -t %s '#{pane_pid}'" %
                            self.pane)[0])

    def dead(self):
        return self.cmd("display-message -p -t %s '#{pane_dead}'" %
                        self.pane)[0].strip() == "1"

    def keys(self, *k):
        self.cmd("send-keys -t %s %s" % (self.pane, " ".join(k)))


def hwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def rows_with_reverse(text):
    """Each line of a capture-pane -e as (plain text, first cell reverse)."""
    rev = False
    out = []
    for line in text.split("\n"):
        first = None
        plain = []
        pos = 0
        for m in SGR.finditer(line):
            chunk = ESC.sub("", line[pos:m.start()])
            if chunk and first is None:
                first = rev
            plain.append(chunk)
            ps = m.group(1).split(";") if m.group(1) else ["0"]
            for p in ps:
                if p in ("", "0"):
                    rev = False
                elif p == "7":
                    rev = True
                elif p == "27":
                    rev = False
            pos = m.end()
        chunk = ESC.sub("", line[pos:])
        if chunk and first is None:
            first = rev
        plain.append(chunk)
        out.append(("".join(plain).rstrip(), bool(first)))
    return out


def selected(t, top, bottom):
    """(index, text, all rows' text) of the first reversed row in the
    list area (screen rows top..bottom-1), or (None, None, rows)."""
    rows = rows_with_reverse(t.screen_attr())
    texts = [r[0] for r in rows]
    for i in range(top, min(bottom, len(rows))):
        if rows[i][1] and rows[i][0]:
            return i, rows[i][0], texts
    return None, None, texts


def wait_text(t, text, deadline, regex=False):
    """The time of the output that put text on the screen, or None."""
    pat = re.compile(text, re.M) if regex else None
    while time.monotonic() < deadline:
        t.out.clear()
        s = t.screen()
        # Output comes in order with replies: the last before this one
        # is what the screen shows.
        seen = t.last_out
        if (pat.search(s) if regex else text in s):
            return seen or time.monotonic()
        if t.dead():
            return None
        t.out.wait(0.05)
    return None


def cmd_launch(a, cmd):
    t = Tmux(a.sock)
    cols, rows = (int(x) for x in a.size.split("x"))
    res = {"ok": False}
    gate = tempfile.mktemp(prefix="nr-gate-")
    os.mkfifo(gate)
    try:
        t.server(cols, rows)
        t.start(cmd, gate)
        # Blocks until the pane's cat opens the FIFO: the pane is up.
        fd = os.open(gate, os.O_WRONLY)
        t0 = time.monotonic()
        os.close(fd)
        for k in a.keys:
            t.keys(k)
        deadline = t0 + a.timeout
        t1 = wait_text(t, a.wait, deadline, regex=True)
        if t1 is None:
            res["screen"] = t.screen()[-2000:]
            return res
        pid = t.pid()
        res["ms"] = round((t1 - t0) * 1e3, 1)
        res["hwm_first"] = hwm(pid)
        if a.then:
            t2 = wait_text(t, a.then, deadline, regex=True)
            if t2 is None:
                res["screen"] = t.screen()[-2000:]
                return res
            res["ms_then"] = round((t2 - t0) * 1e3, 1)
        time.sleep(a.hold)
        res["hwm"] = hwm(pid)
        res["ok"] = True
        return res
    finally:
        t.kill()
        os.unlink(gate)


def one_key(t, top, bottom, down, timeout):
    """Press j (down) or k; the latency in ms, or None on a timeout."""
    i, text, texts = selected(t, top, bottom)
    if i is None:
        return None, "no selection"
    j = i + 1 if down else i - 1
    want = texts[j] if 0 <= j < len(texts) else None
    t.out.clear()
    t0 = time.monotonic()
    t.keys("j" if down else "k")
    while time.monotonic() - t0 < timeout:
        k, now, _ = selected(t, top, bottom)
        seen = t.last_out
        # The selection moved to the next row, or to the item that was
        # there; or, when the list scrolled under it (another process
        # added items above, so the selection sat on the last row and
        # the next item came up to it), to another item on the same row.
        if k is not None and now != text and (want is None or now == want
                                               or k == j or k == i):
            return (max(seen, t0) - t0) * 1e3, None
        t.out.wait(0.05)
        t.out.clear()
    k, now, _ = selected(t, top, bottom)
    if os.environ.get("TUI_DEBUG"):
        sys.stderr.write("timeout screen:\n%s\n" % t.screen_attr())
    return None, "timeout (row %s %r, then row %s %r)" % (
        i, (text or "")[:40], k, (now or "")[:40])


def cmd_keylat(a, cmd):
    t = Tmux(a.sock)
    cols, rows = (int(x) for x in a.size.split("x"))
    res = {"ok": False, "idle": [], "busy": [], "timeouts": 0}
    # The list may reach the row above the hint line (no status shown).
    top, bottom = 1, rows - 1
    bg = None
    try:
        t.server(cols, rows)
        t0 = time.monotonic()
        t.start(cmd)
        if wait_text(t, a.wait, t0 + a.timeout, regex=True) is None:
            res["screen"] = t.screen()[-2000:]
            return res
        # The program's own work at the start (a refresh of the feed it
        # opens) done first: what is timed is the keys.
        if a.settle and wait_text(t, a.settle, t0 + a.timeout,
                                  regex=True) is None:
            res["screen"] = t.screen()[-2000:]
            res["error"] = "did not settle"
            return res
        # a selection to move, away from the edges: the first row (the
        # list may open on the item saved as the cursor, off the screen).
        # Home must be what the program's terminfo says: TERM=screen-256color
        # (tmux's own), else it can read as ESC [ ... ([: one day back).
        t.keys("Home")
        d = time.monotonic() + a.timeout
        while selected(t, top, bottom)[0] != top:
            if time.monotonic() > d:
                res["screen"] = t.screen()[-2000:]
                res["error"] = "no selected row"
                return res
            time.sleep(0.05)
        for _ in range(5):
            one_key(t, top, bottom, True, a.timeout)
        down, run = True, 0

        def press(into):
            nonlocal down, run
            ms, err = one_key(t, top, bottom, down, a.key_timeout)
            if ms is None:
                res["timeouts"] += 1
                res.setdefault("errors", []).append(err)
            else:
                into.append(round(ms, 1))
            run += 1
            if run == 10:
                down, run = not down, 0
            time.sleep(a.gap)

        for _ in range(a.count):
            press(res["idle"])
        if a.bg:
            b0 = time.monotonic()
            bg = subprocess.Popen(["sh", "-c", a.bg])
            while bg.poll() is None or len(res["busy"]) < a.min_keys:
                if time.monotonic() - b0 > a.bg_timeout:
                    break
                press(res["busy"])
                if bg.poll() is not None and res["timeouts"] > 3:
                    break
            if bg.poll() is None:
                res["bg_killed"] = True
                bg.kill()
            res["bg_status"] = bg.wait()
            res["bg_s"] = round(time.monotonic() - b0, 2)
        res["hwm"] = hwm(t.pid())
        res["ok"] = True
        return res
    finally:
        if bg is not None and bg.poll() is None:
            bg.kill()
        t.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["launch", "keylat"])
    ap.add_argument("--sock", default="nr-bench-%d" % os.getpid())
    ap.add_argument("--size", default="200x50")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--keys", action="append", default=[])
    ap.add_argument("--wait", required=True)
    ap.add_argument("--then")
    ap.add_argument("--settle")
    ap.add_argument("--hold", type=float, default=2)
    ap.add_argument("--bg")
    ap.add_argument("--bg-timeout", type=float, default=600)
    ap.add_argument("--min-keys", type=int, default=40)
    ap.add_argument("--key-timeout", type=float, default=30)
    ap.add_argument("--gap", type=float, default=0.05)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()
    if a.mode == "launch":
        res = cmd_launch(a, a.cmd)
    else:
        res = cmd_keylat(a, a.cmd)
    print(json.dumps(res))
    return 0 if res["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
