#!/bin/sh
# Hostile feeds: escapes never reach the output or the cache, links with
# shell metacharacters are stored as text, paths stay inside the data dir,
# and size bombs are cut with a warning in bounded memory.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/hostile.py" "$WWW" || fail "hostile.py"
start_server "$WWW"

# Sanitizers multiply memory use: check the bounds only without them.
LIMIT=65536
BOMBLIMIT=131072
if [ -n "${NR_SANITIZERS:-}" ]; then
	LIMIT=2097152
	BOMBLIMIT=2097152
fi

# Peak memory (KiB) of a command, through python's getrusage.
peak()
{
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

# No ESC, C1 controls (UTF-8 C2 80-9F) or bidi overrides (E2 80 AA-AE,
# E2 81 A6-A9) in a file.
clean_bytes()
{
	! LC_ALL=C grep -q "$(printf '\033')" "$1" &&
	! LC_ALL=C grep -qE "$(printf '\302[\200-\237]')" "$1" &&
	! LC_ALL=C grep -qE "$(printf '\342\200[\252-\256]|\342\201[\246-\251]')" "$1"
}

printf '%s/escapes.xml name=esc\n%s/paths.xml name=paths\n' \
    "$NR_URL" "$NR_URL" >"$NR_TMP/feeds"
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "refresh: $(cat "$NR_TMP/out")"
"$NR" --list >"$NR_TMP/list" || fail "--list"
"$NR" --parse "$WWW/escapes.xml" >"$NR_TMP/parse" || fail "--parse"
# The index (.meta/items) is binary: its strings are the article files'
# (checked here) and reach the terminal through --list (checked too).
for f in "$NR_TMP/list" "$NR_TMP/parse" "$NR_TMP/out" \
    "$NEWSREADER_HOME"/esc/*.txt "$NEWSREADER_HOME"/esc/.meta/state; do
	clean_bytes "$f" || fail "escape bytes in $f"
done
# (Raw ESC bytes are illegal in XML: the repair pass drops them, so what
# followed them stays as inert text; the sequences themselves are gone.)
# An article file dropped in with escapes in its text: --show to a
# terminal cleans them, --show to a pipe gives the stored bytes.
mkdir -p "$NEWSREADER_HOME/drop"
printf ' date 2026-11-01 http://e.example/x\nDropped\nS\nDropped\n10:00 GMT 01.11.2026\nbody \033]52;c;ZXZpbA==\007 \033[2J end' \
    >"$NEWSREADER_HOME/drop/000_00000000000000aa.txt"
"$NR" --show 00000000000000aa | cmp -s - \
    "$NEWSREADER_HOME/drop/000_00000000000000aa.txt" ||
    fail "--show to a pipe changed the bytes"
python3 - "$NR" >"$NR_TMP/tty" <<'PY' || fail "pty run failed"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--show", "00000000000000aa"])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
PY
grep -q 'body' "$NR_TMP/tty" || fail "--show to a terminal printed nothing"
clean_bytes "$NR_TMP/tty" || fail "--show to a terminal passed escapes on"
rm -r "$NEWSREADER_HOME/drop"

# Links are data: stored as they are (minus controls), nothing ran.
grep -q 'a;touch${IFS}/tmp/nr-pwned' "$NR_TMP/list" || fail "link changed"
[ ! -e /tmp/nr-pwned ] || fail "a link was run through a shell"
# Paths: item files are named by hashes, inside the feed's directory.
[ "$(find "$NEWSREADER_HOME" -name '*.txt' | wc -l)" -eq 11 ] ||
    fail "want 11 items"
find "$NEWSREADER_HOME" -name '*.txt' | grep -vqE \
    '/data/(esc|paths)/[0-9]{3,}_[0-9a-f]{16}\.txt$' &&
    fail "an item file outside the pattern"
[ ! -e "$NR_TMP/.bashrc" ] && [ ! -e "$NR_TMP/etc" ] ||
    fail "a path escaped the data dir"

# A million items: cut at max-items with a warning, bounded memory.
kib=$(peak "$NR" --parse "$WWW/many.xml")
"$NR" --parse "$WWW/many.xml" >"$NR_TMP/out" 2>"$NR_TMP/err" ||
    fail "many items: exit $?"
[ "$(wc -l <"$NR_TMP/out")" -eq 10000 ] || fail "want 10000 rows"
grep -q 'warning' "$NR_TMP/err" || fail "no warning for the item limit"
[ "$kib" -lt $LIMIT ] || fail "1M items took $kib KiB"
echo "note: 1,000,000 items: peak $kib KiB"

# 100,000 categories, a 10 MB title, 100,000 levels of nesting.
for doc in cats title deep; do
	kib=$(peak "$NR" --parse "$WWW/$doc.xml")
	"$NR" --parse "$WWW/$doc.xml" >"$NR_TMP/out" 2>"$NR_TMP/err" ||
	    fail "$doc: exit $?: $(cat "$NR_TMP/err")"
	[ "$(wc -l <"$NR_TMP/out")" -eq 1 ] || fail "$doc: want one row"
	[ "$kib" -lt $LIMIT ] || fail "$doc took $kib KiB"
	echo "note: $doc: peak $kib KiB"
done
[ "$(cut -f6 "$NR_TMP/out" | wc -c)" -lt 100 ] || true
"$NR" --parse "$WWW/cats.xml" | cut -f6 | tr ',' '\n' | wc -l >"$NR_TMP/n"
[ "$(cat "$NR_TMP/n")" -le 256 ] || fail "tags not capped: $(cat "$NR_TMP/n")"
"$NR" --parse "$WWW/title.xml" 2>"$NR_TMP/err" | cut -f5 | wc -c >"$NR_TMP/n"
[ "$(cat "$NR_TMP/n")" -le 65537 ] || fail "title not cut: $(cat "$NR_TMP/n")"
grep -q 'warning' "$NR_TMP/err" || fail "no warning for the cut title"

# A gzip bomb and a 1 GB body stop at max-size, quickly.
printf '%s/gzip/zeros.txt name=bomb\n%s/huge/1024 name=huge\n' \
    "$NR_URL" "$NR_URL" >"$NR_TMP/feeds2"
kib=$(peak "$NR" --feeds "$NR_TMP/feeds2" --refresh)
"$NR" --feeds "$NR_TMP/feeds2" --refresh >"$NR_TMP/out" 2>&1
[ $? -eq 1 ] || fail "bombs must fail the refresh"
[ "$(grep -c '	error	' "$NR_TMP/out")" -eq 2 ] ||
    fail "bombs: $(cat "$NR_TMP/out")"
[ "$kib" -lt $BOMBLIMIT ] || fail "bombs took $kib KiB"
echo "note: gzip bomb + 1 GB body: peak $kib KiB"
echo "PASS: hostile"
