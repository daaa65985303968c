#!/bin/sh
# Crash consistency: SIGKILL a large refresh at 50 seeded random moments.
# Afterwards every article file parses, no temp file is taken for an item,
# the state files parse, and a following refresh completes with nothing
# lost or duplicated.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
RUNS=${NR_CRASH_RUNS:-50}
WWW=$NR_TMP/www
python3 "$NR_SRCDIR/tests/mkfeeds.py" "$WWW" 24 40 || fail "mkfeeds"
start_server "$WWW"
i=0
while [ $i -lt 24 ]; do
	printf '%s/feed%03d.xml name=feed%02d\n' "$NR_URL" $i $i
	i=$((i + 1))
done >"$NR_TMP/feeds"
# How long a whole refresh takes, to spread the kills over it.
s=$(date +%s%N)
"$NR" --feeds "$NR_TMP/feeds" --refresh >/dev/null || fail "full refresh"
e=$(date +%s%N)
full=$(( (e - s) / 1000 ))
[ $full -gt 1000 ] || full=1000
rm -rf "$NEWSREADER_HOME"

seed=12345
run=0
while [ $run -lt "$RUNS" ]; do
	# A small LCG keeps the delays the same from run to run of the test.
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	delay=$(( seed % full ))
	"$NR" --feeds "$NR_TMP/feeds" --refresh >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%06d' "$delay")" 2>/dev/null || sleep 0.1
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" ||
	    fail "run $run: --list failed after a kill at ${delay}us"
	[ ! -s "$NR_TMP/err" ] ||
	    fail "run $run (kill at ${delay}us): $(head -3 "$NR_TMP/err")"
	n=$(wc -l <"$NR_TMP/list")
	[ "$(cut -f1,3 "$NR_TMP/list" | sort -u | wc -l)" -eq "$n" ] ||
	    fail "run $run: duplicate items"
	for st in "$NEWSREADER_HOME"/*/.meta/state; do
		[ -f "$st" ] || continue
		head -n1 "$st" | grep -qx 'newsreader-state 1' ||
		    fail "run $run: $st is not a whole state file"
	done
	run=$((run + 1))
done
"$NR" --feeds "$NR_TMP/feeds" --refresh >"$NR_TMP/out" 2>&1 ||
    fail "the refresh after the kills failed: $(cat "$NR_TMP/out")"
"$NR" --list >"$NR_TMP/list" 2>"$NR_TMP/err" || fail "final --list"
[ ! -s "$NR_TMP/err" ] || fail "final warnings: $(head -3 "$NR_TMP/err")"
[ "$(wc -l <"$NR_TMP/list")" -eq 960 ] ||
    fail "want 960 items after all, got $(wc -l <"$NR_TMP/list")"
[ "$(cut -f1,3 "$NR_TMP/list" | sort -u | wc -l)" -eq 960 ] ||
    fail "duplicates after all"
[ "$(find "$NEWSREADER_HOME" -name '*.txt' | wc -l)" -eq 960 ] ||
    fail "stray article files"
echo "PASS: crash-kill ($RUNS kills over ${full}us)"
