# Helpers for shell tests; source it:  . "$NR_SRCDIR/tests/lib.sh"
#
#   fail MSG           print "FAIL: MSG" on stderr and exit 1
#   skip MSG           print "SKIP: MSG" and exit 77 (automake's skip)
#   mk_tmp             make $NR_TMP with a private HOME and XDG_* dirs,
#                      removed on exit
#   start_server ROOT  start tests/server.py serving ROOT on 127.0.0.1;
#                      sets NR_PORT, NR_URL (http://127.0.0.1:PORT),
#                      NR_SERVER_PID and NR_SERVER_LOG (its request log);
#                      the server is killed on exit; NR_SERVER_ARGS
#                      adds options (--log-times)
#   stop_server        stop it early
#   count_log PATTERN  count request-log lines matching PATTERN (grep -E)
#
# Everything registers with one EXIT trap, so scripts that need their own
# cleanup should call nr_at_exit "command" instead of trap.

# make check sets NR_SRCDIR; otherwise look upward from the script.
if [ -z "$NR_SRCDIR" ]; then
	NR_SRCDIR=$(dirname "$0")
	for _d in 1 2 3 4; do
		[ -f "$NR_SRCDIR/tests/server.py" ] && break
		NR_SRCDIR=$NR_SRCDIR/..
	done
	NR_SRCDIR=$(cd "$NR_SRCDIR" && pwd)
fi
NR_CLEANUP=

fail()
{
	echo "FAIL: $*" >&2
	exit 1
}

skip()
{
	echo "SKIP: $*" >&2
	exit 77
}

nr_cleanup()
{
	eval "$NR_CLEANUP"
	NR_CLEANUP=
}

# Run a command (a string) on exit, newest first.
nr_at_exit()
{
	NR_CLEANUP="$1; $NR_CLEANUP"
	trap 'nr_cleanup' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

mk_tmp()
{
	NR_TMP=$(mktemp -d "${TMPDIR:-/tmp}/nr-test.XXXXXX") ||
	    fail "mktemp failed"
	nr_at_exit "rm -rf '$NR_TMP'"
	HOME=$NR_TMP/home
	XDG_CONFIG_HOME=$NR_TMP/config
	XDG_DATA_HOME=$NR_TMP/data
	XDG_CACHE_HOME=$NR_TMP/cache
	XDG_STATE_HOME=$NR_TMP/state
	mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" \
	    "$XDG_CACHE_HOME" "$XDG_STATE_HOME" || fail "mkdir failed"
	export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME \
	    XDG_STATE_HOME NR_TMP
}

start_server()
{
	command -v python3 >/dev/null 2>&1 || skip "python3 is missing"
	[ -n "$NR_TMP" ] || mk_tmp
	_root=${1:?start_server ROOT}
	_pf=$NR_TMP/server.port
	NR_SERVER_LOG=$NR_TMP/server.log
	rm -f "$_pf"
	: >"$NR_SERVER_LOG"
	python3 "$NR_SRCDIR/tests/server.py" --root "$_root" \
	    --port-file "$_pf" --log "$NR_SERVER_LOG" \
	    --lifetime "${NR_SERVER_LIFETIME:-120}" $NR_SERVER_ARGS </dev/null &
	NR_SERVER_PID=$!
	nr_at_exit "kill $NR_SERVER_PID 2>/dev/null"
	_i=0
	while [ ! -s "$_pf" ]; do
		_i=$((_i + 1))
		[ $_i -le 100 ] || fail "test server did not start"
		kill -0 "$NR_SERVER_PID" 2>/dev/null ||
		    fail "test server exited"
		sleep 0.1
	done
	NR_PORT=$(cat "$_pf")
	NR_URL=http://127.0.0.1:$NR_PORT
	export NR_PORT NR_URL NR_SERVER_LOG
}

stop_server()
{
	[ -n "$NR_SERVER_PID" ] && kill "$NR_SERVER_PID" 2>/dev/null
	[ -n "$NR_SERVER_PID" ] && wait "$NR_SERVER_PID" 2>/dev/null
	NR_SERVER_PID=
	return 0
}

count_log()
{
	grep -cE "$1" "$NR_SERVER_LOG" 2>/dev/null || true
}

# hold_lock: another process holds $NEWSREADER_HOME/.lock (flock(1))
# until $NR_TMP/release exists (30 s at most); returns once it is held.
hold_lock()
{
	flock "$NEWSREADER_HOME/.lock" sh -c "i=0; while [ ! -e \
'$NR_TMP/release' ] && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done" &
	NR_LOCK_HOLDER=$!
	nr_at_exit "touch '$NR_TMP/release'; kill $NR_LOCK_HOLDER 2>/dev/null"
	_i=0
	while flock -n "$NEWSREADER_HOME/.lock" true; do
		_i=$((_i + 1))
		[ $_i -le 50 ] || fail "flock did not take the lock"
		sleep 0.1
	done
}
