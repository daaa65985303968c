#!/bin/sh
# A full disk (ENOSPC) or an I/O error (EIO) while refreshing and
# importing: a clear error, old items intact, nothing half-written.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler for the shim"
"$CC" -shared -fPIC -o "$NR_TMP/enospc.so" "$NR_SRCDIR/tests/shim/enospc.c" \
    -ldl 2>"$NR_TMP/cc.err" || skip "cannot build the shim: $(cat "$NR_TMP/cc.err")"
# The sanitizer runtime must come first; let it accept the shim.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 3 30 || fail "mkfeeds"
start_server "$WWW"
i=0
while [ $i -lt 3 ]; do
	printf '%s/feed%03d.xml name=feed%02d\n' "$NR_URL" $i $i
	i=$((i + 1))
done >"$NR_TMP/feeds"
"$NR" --feeds "$NR_TMP/feeds" --refresh >/dev/null || fail "first refresh"
snapshot()
{
	find "$NEWSREADER_HOME" -name '*.txt' -exec md5sum {} + | sort
}
good=$(snapshot)
[ "$(echo "$good" | wc -l)" -eq 90 ] || fail "want 90 items"

for err in ENOSPC EIO; do
	# Every feed changes, so the refresh must write; the disk is full
	# after 512 bytes (a refresh writes only what changed: a few KiB).
	python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 3 30 --change 0,1,2 ||
	    fail "change"
	touch -d '+1 minute' "$WWW"/*.xml
	LD_PRELOAD=$NR_TMP/enospc.so NR_SHIM_DIR=$NEWSREADER_HOME \
	    NR_SHIM_BYTES=512 NR_SHIM_ERRNO=$err \
	    "$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] || fail "$err: refresh exited $rc: $(cat "$NR_TMP/out")"
	case $err in
	ENOSPC) want='No space left on device' ;;
	EIO) want='Input/output error' ;;
	esac
	grep -q "error.*$want" "$NR_TMP/out" ||
	    fail "$err: message: $(cat "$NR_TMP/out")"
	# Old items intact, nothing half-written, every file parses.
	"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "$err: --list"
	[ ! -s "$NR_TMP/err" ] || fail "$err: $(head -3 "$NR_TMP/err")"
	[ -z "$(find "$NEWSREADER_HOME" -name '.tmp-*')" ] ||
	    fail "$err: temp files left"
	for f in $(echo "$good" | awk '{ print $2 }'); do
		[ -f "$f" ] || fail "$err: $f was lost"
	done
	# Put the feeds back for the next round.
	python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 3 30 || fail "restore"
done

# An import into a full disk: a clear error, nothing half-written.
LD_PRELOAD=$NR_TMP/enospc.so NR_SHIM_DIR=$NEWSREADER_HOME NR_SHIM_BYTES=0 \
    "$NR" --import "$NR_SRCDIR/demo" >"$NR_TMP/out" 2>&1
[ $? -eq 1 ] || fail "import into a full disk must exit 1"
grep -q 'No space left on device' "$NR_TMP/out" ||
    fail "import message: $(cat "$NR_TMP/out")"
[ -z "$(find "$NEWSREADER_HOME" -name '.tmp-*')" ] || fail "import temp files"
"$NR" --list >/dev/null 2>"$NR_TMP/err" || fail "--list after import"
[ ! -s "$NR_TMP/err" ] || fail "import: $(head -3 "$NR_TMP/err")"
# With space again, everything lands.
"$NR" --feeds "$NR_TMP/feeds" --refresh >/dev/null || fail "refresh after"
"$NR" --import "$NR_SRCDIR/demo" || fail "import after"
# 90 + 12 demo items, and whatever a failed refresh stored whole (its
# files land before its state file is written): each listed once.
n=$("$NR" --list | wc -l)
files=$(find "$NEWSREADER_HOME" -name '*.txt' | wc -l)
[ "$n" -ge 102 ] && [ "$n" -eq "$files" ] ||
    fail "want every one of $files files listed once, at least 102: $n"
echo "PASS: disk-full"
