# Shared by the benchmark scripts (sourced; POSIX sh). Set `here` first.
#
#   NR_BIN       the newsreader binary measured (default ../newsreader)
#   NR_TAG       a name for that build, used for its own copy of the data
#                (default: the name of the binary's directory)
#   BENCH_DATA   where data sets and working copies live
#                (default ${TMPDIR:-/tmp}/nr-bench)
#   BENCH_OUT    when set, every figure is appended to this file as
#                "key<TAB>value<TAB>unit<TAB>note"
#
#   bench_set N FEEDS    the data set (made by gen.sh when missing); sets SET
#   bench_copy NAME      a working copy of $SET/data for this build, made
#                        (cp -a) when missing: $BENCH_DATA/run-$NR_TAG/NAME;
#                        sets RUN and exports NEWSREADER_HOME=$RUN/data
#   bench_fresh NAME     the same, but always made again
#   result KEY VALUE UNIT [NOTE]   record a figure
#   row FIGURE NR PEER UNIT        print a table row with NR/PEER
NR=${NR_BIN:-$here/../newsreader}
[ -x "$NR" ] || { echo "no newsreader binary at $NR (set NR_BIN)" >&2; exit 1; }
NR=$(cd "$(dirname "$NR")" && pwd -P)/$(basename "$NR")
NR_TAG=${NR_TAG:-$(basename "$(dirname "$NR")")}
BENCH_DATA=${BENCH_DATA:-${TMPDIR:-/tmp}/nr-bench}
mkdir -p "$BENCH_DATA"
BENCH_DATA=$(cd "$BENCH_DATA" && pwd)
# A private home: no user config, an empty feeds file.
BHOME=$BENCH_DATA/home-$NR_TAG
mkdir -p "$BHOME/.config/newsreader"
[ -e "$BHOME/.config/newsreader/feeds" ] ||
    : >"$BHOME/.config/newsreader/feeds"
HOME=$BHOME XDG_CONFIG_HOME=$BHOME/.config XDG_DATA_HOME=$BHOME/.local/share
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
export HOME XDG_CONFIG_HOME XDG_DATA_HOME LANG LC_ALL TZ

bench_set()
{
	SET=$BENCH_DATA/set-${1}x$2
	"$here/gen.sh" "$1" "$2" "$SET"
}

bench_copy()
{
	RUN=$BENCH_DATA/run-$NR_TAG/$1
	if [ ! -e "$RUN/.done" ]; then
		rm -rf "$RUN"
		mkdir -p "$RUN"
		echo "copying $SET/data to $RUN/data ..." >&2
		cp -a "$SET/data" "$RUN/data"
		: >"$RUN/.done"
		RUN_FRESH=1
	else
		RUN_FRESH=0
	fi
	NEWSREADER_HOME=$RUN/data
	export NEWSREADER_HOME
}

bench_fresh()
{
	rm -rf "$BENCH_DATA/run-$NR_TAG/$1"
	bench_copy "$1"
}

result()
{
	[ -z "${BENCH_OUT:-}" ] ||
	    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$BENCH_OUT"
}

row()
{
	awk -v f="$1" -v a="$2" -v b="$3" -v u="$4" 'BEGIN {
		r = (b + 0 > 0 && a != "-" && b != "-") ? \
		    sprintf("%.2f", a / b) : "-"
		printf "  %-44s %12s %12s %7s  %s\n", f, a, b, r, u
	}'
}

row_head()
{
	printf '  %-44s %12s %12s %7s\n' figure newsreader "${1:-peer}" ratio
}

# Seconds as a number (for awk) from `date +%s.%N` differences.
now()
{
	date +%s.%N
}
