#!/bin/sh
# Benchmark: one feed of N items (200,000 by default): a refresh that adds
# 10 items, an import of one article file, the revalidation after one
# file dropped in by hand, and the interface's key latency while another
# process refreshes or imports.
# usage: bench/bigfeed.sh [N] [RUNS]   (default 200000 5)
#
# The feed: its RSS document is served by tests/server.py (with --port,
# a port kept from run to run, so the URL stays); the feeds file line
# is "URL name=feed000". Setup, once per build (in $BENCH_DATA/run-TAG/
# big-N): a first --refresh of a document holding the feed's 40 oldest
# items creates the feed (and, for a build with feed identity, records
# the URL for feed000); then the other N-40 article files of the data set
# are copied in and their state lines appended (as if refreshed over
# years), and a --list builds the index ("setup --list").
#
#   refresh   --refresh of a document holding 10 new items and the 40
#             newest stored ones; must report 10 new
#   import    --import of one new article file --into feed000
#   drop-in   an article file copied into the feed's directory by hand,
#             then --list (revalidation: must list it)
#   keys      the interface on that feed (--feed feed000) in tmux; j/k
#             pressed one at a time, 50 ms apart, each timed until the
#             selection is on the next row (bench/tui.py keylat), after
#             the interface's own refresh of the feed at its start: 20 with
#             nothing else running, then for KEYS_SECONDS (10) while
#             another process refreshes (adding 10 items each time) again
#             and again, then likewise while it imports one file at a
#             time; max and median (goal: every key within 50 ms); a
#             key not answered in KEY_TIMEOUT (10) s counts as timed out;
#             KEYS_SECONDS=0 skips this step
# Every new item has a new index (past the feed's N, dates after
# 2026-11-30): each run adds to the feed, and the counts are checked.
# A step taking more than 60 s is run once only; any command is stopped
# after 600 s (timeout) and reported so.
# Needs: python3, tmux.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${1:-200000}
RUNS=${2:-5}
PFX=${BENCH_PFX:-big}
KEYS_SECONDS=${KEYS_SECONDS:-10}
CAP=${BENCH_CAP:-600}
bench_set "$N" 1
RUN=$BENCH_DATA/run-$NR_TAG/big-$N
NEWSREADER_HOME=$RUN/data
export NEWSREADER_HOME
FEED=$NEWSREADER_HOME/feed000
GEN=$("$here/gen.sh" -b)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nr-bigfeed.XXXXXX")
srv=
trap '[ -z "$srv" ] || kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$RUN/www"

# The server, on the port of the last run when it is free.
port=
[ ! -s "$RUN/port" ] || port="--port $(cat "$RUN/port")"
# shellcheck disable=SC2086
python3 "$here/../tests/server.py" --root "$RUN/www" --port-file "$tmp/port" \
    --lifetime 3600 $port &
srv=$!
while [ ! -s "$tmp/port" ]; do sleep 0.1; done
cp "$tmp/port" "$RUN/port"
echo "http://127.0.0.1:$(cat "$RUN/port")/big.xml name=feed000" >"$RUN/feeds"

# secs CMD...: run CMD (capped), its wall time in seconds into $tmp/secs,
# its output into $tmp/out; the exit status is kept.
secs()
{
	s=$(now)
	st=0
	timeout "$CAP" "$@" >"$tmp/out" 2>&1 || st=$?
	echo "$s $(now)" | awk '{ printf "%.3f\n", $2 - $1 }' >"$tmp/secs"
	return $st
}

count()
{
	"$NR" --list | wc -l
}

if [ ! -e "$RUN/.done" ]; then
	echo "setting up $N items in one feed under $RUN ..."
	rm -rf "$NEWSREADER_HOME"
	"$GEN" -x -r "$N" 1 0 0 40 >"$RUN/www/big.xml"
	"$NR" --feeds "$RUN/feeds" --refresh >"$tmp/out" 2>&1 ||
	    { cat "$tmp/out" >&2; exit 1; }
	grep -q '^feed000	ok	40	' "$tmp/out" ||
	    { echo "bigfeed.sh: first refresh: $(cat "$tmp/out")" >&2; exit 1; }
	ls "$FEED" | grep '\.txt$' >"$tmp/a"
	ls "$SET/data/feed000" | sort | head -40 >"$tmp/b"
	cmp -s "$tmp/a" "$tmp/b" ||
	    { echo "bigfeed.sh: the refresh named its files otherwise" >&2
	    exit 1; }
	cp -an "$SET/data/feed000/." "$FEED/"
	grep '^item	' "$SET/data/feed000/.meta/state" >>"$FEED/.meta/state"
	echo "$N" >"$RUN/next"
	echo "$N" >"$RUN/count"
	secs "$NR" --list || { echo "bigfeed.sh: setup --list failed" >&2
	    cat "$tmp/out" >&2; exit 1; }
	[ "$(wc -l <"$tmp/out")" -eq "$N" ] ||
	    { echo "bigfeed.sh: setup --list: $(wc -l <"$tmp/out") items" >&2
	    exit 1; }
	echo "  setup --list (index of $N items built): $(cat "$tmp/secs") s"
	result "$PFX.setup_list" "$(cat "$tmp/secs")" s \
	    "first --list after the files were copied in"
	: >"$RUN/.done"
	sleep 2
fi
have=$(count)
[ "$have" -eq "$(cat "$RUN/count")" ] ||
    { echo "bigfeed.sh: $have items, expected $(cat "$RUN/count")" >&2
    exit 1; }

# The steps, as scripts (the key-latency runs start them in a loop).
cat >"$tmp/refresh.sh" <<EOF
#!/bin/sh
# one refresh: 10 new items, 40 stored ones
set -eu
next=\$(cat '$RUN/next')
'$GEN' -x $N 1 0 \$((next - 40)) 50 >'$RUN/www/big.xml.tmp'
mv '$RUN/www/big.xml.tmp' '$RUN/www/big.xml'
'$NR' --feeds '$RUN/feeds' --refresh >'$tmp/refresh.out' 2>&1 || true
echo \$((next + 10)) >'$RUN/next'
if grep -q '^feed000	ok	10	' '$tmp/refresh.out'; then
	echo \$((\$(cat '$RUN/count') + 10)) >'$RUN/count'
else
	echo "bigfeed.sh: refresh: \$(cat '$tmp/refresh.out')" >&2
	exit 1
fi
EOF
cat >"$tmp/one.sh" <<EOF
#!/bin/sh
# one new article file: imported (import) or dropped into the feed's
# directory by hand (dropin)
set -eu
next=\$(cat '$RUN/next')
rm -rf '$tmp/imp'
mkdir '$tmp/imp'
'$GEN' -a $N 1 0 \$next 1 '$tmp/imp'
echo \$((next + 1)) >'$RUN/next'
if [ "\$1" = import ]; then
	'$NR' --import '$tmp/imp'/*.txt --into feed000 >'$tmp/import.out' \
	    2>&1 || { echo "bigfeed.sh: import: \$(cat '$tmp/import.out')" >&2
	    exit 1; }
else
	cp '$tmp/imp'/*.txt '$FEED/'
fi
echo \$((\$(cat '$RUN/count') + 1)) >'$RUN/count'
EOF

# step NAME SCRIPT [CHECK-LIST]: RUNS runs of one step, timed; a run
# over 60 s ends the series. With CHECK-LIST, the step's time is that of
# the --list after it (the revalidation).
step()
{
	name=$1 script=$2 list=${3:-}
	: >"$tmp/times"
	k=1
	while [ $k -le "$RUNS" ]; do
		if [ -n "$list" ]; then
			sh $script
			sleep 1.1	# the drop-in's second, not a racy one
			st=0
			secs "$NR" --list || st=$?
			[ $st -eq 124 ] || [ "$(wc -l <"$tmp/out")" -eq \
			    "$(cat "$RUN/count")" ] ||
			    { echo "bigfeed.sh: $name: $(wc -l <"$tmp/out")" \
			    "items, not $(cat "$RUN/count")" >&2; exit 1; }
		else
			st=0
			secs sh $script || st=$?
		fi
		if [ $st -eq 124 ]; then
			echo ">$CAP" >>"$tmp/times"
			echo "  $name: stopped after $CAP s (timeout)"
			break
		fi
		[ $st -eq 0 ] || { cat "$tmp/out" >&2; exit 1; }
		cat "$tmp/secs" >>"$tmp/times"
		awk '$1 > 60 { exit 1 }' "$tmp/secs" || break
		k=$((k + 1))
	done
	sort -n "$tmp/times" | awk -v n="$name" -v p="$PFX" -v o="${BENCH_OUT:-}" '
	    { v[NR] = $1 }
	    END {
		if (v[1] ~ />/) m = v[1]; else m = v[int((NR + 1) / 2)]
		printf "  %-44s %12s  s (%d runs, range %s-%s)\n",
		    n ", median", m, NR, v[1], v[NR]
		if (o != "")
			printf "%s.%s\t%s\ts\t%d runs, range %s-%s\n", p, n, m,
			    NR, v[1], v[NR] >> o
	    }'
}

echo "one feed of $(cat "$RUN/count") items ($NR_TAG):"
step refresh "$tmp/refresh.sh"
step import "$tmp/one.sh import"
step dropin "$tmp/one.sh dropin" list
n=$(count)
[ "$n" -eq "$(cat "$RUN/count")" ] ||
    { echo "bigfeed.sh: $n items, expected $(cat "$RUN/count")" >&2; exit 1; }

# Key latency. The item list's title names the feed's items.
keys()
{
	name=$1 script=$2
	python3 "$here/tui.py" keylat --sock "nr-keys-$$" --size 120x40 \
	    --timeout "$CAP" --key-timeout "${KEY_TIMEOUT:-10}" \
	    --bg-timeout "$CAP" \
	    --min-keys 0 --wait '^feed000 .* items' \
	    --settle 'feed000: ([0-9]+ new|not modified|FAIL)' \
	    --bg "s=\$(date +%s); while :; do sh $script || exit 1;
		[ \$((\$(date +%s) - s)) -lt $KEYS_SECONDS ] || break; done" \
	    -- env TERM=screen-256color NEWSREADER_HOME="$NEWSREADER_HOME" \
	    "$NR" --feeds "$RUN/feeds" --feed feed000 >"$tmp/keys.json" ||
	    { echo "bigfeed.sh: keys ($name) failed: $(cat "$tmp/keys.json")" >&2
	    exit 1; }
	python3 - "$tmp/keys.json" "$name" "$PFX" "${BENCH_OUT:-}" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
name, pfx, out = sys.argv[2:5]
def line(label, v, to=0):
    if not v:
        return "  %-30s no key answered" % label
    return ("  %-30s %3d keys: median %6.1f ms, max %8.1f ms, over 50 ms: "
            "%d%s" % (label, len(v) + to, statistics.median(v), max(v),
                      sum(x > 50 for x in v) + to,
                      ", %d timed out" % to if to else ""))
print(line("keys, nothing else running", r["idle"]))
print(line("keys, while %s runs" % name, r["busy"], r["timeouts"]) +
      " (%s for %.1f s%s)" % (name, r.get("bg_s", 0),
                              ", stopped" if r.get("bg_killed") else ""))
if r.get("bg_status"):
    print("  (the %s loop failed: %s)" % (name, r["bg_status"]))
if r.get("errors"):
    print("  (keys not answered: %s)" % ", ".join(sorted(set(r["errors"]))))
if out:
    with open(out, "a") as f:
        if name == "refresh":
            f.write("%s.keys_idle\t%.1f\tms\tmax of %d; median %.1f\n" % (
                pfx, max(r["idle"]), len(r["idle"]),
                statistics.median(r["idle"])))
        v = r["busy"]
        mx = max(v) if v else 0
        note = "median %.1f, %d keys" % (statistics.median(v) if v else 0,
                                         len(v))
        if r["timeouts"]:
            mx = "> %d s" % 600
            note += ", %d timed out" % r["timeouts"]
        f.write("%s.keys_%s\t%s\tms\tmax; %s; %s ran %.0f s\n" % (
            pfx, name, mx, note, name, r.get("bg_s", 0)))
PY
}
if [ "$KEYS_SECONDS" -gt 0 ]; then
	keys refresh "$tmp/refresh.sh"
	keys import "$tmp/one.sh import"
fi
n=$(count)
[ "$n" -eq "$(cat "$RUN/count")" ] ||
    { echo "bigfeed.sh: $n items, expected $(cat "$RUN/count")" >&2; exit 1; }
echo "  the feed now holds $n items"
