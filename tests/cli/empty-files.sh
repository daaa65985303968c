#!/bin/sh
# Every file empty (zero bytes): the config file, the feeds file, a
# feed's .meta/state, .meta/index and .meta/items, the data dir's
# .meta/feeds, an article file, the files given to --import, --parse and
# --opml-import, and a feed document served over HTTP. Every command
# (and the interface, when tmux is there) must give a clear error or
# succeed: no crash, no sanitizer report, only "newsreader:" lines on
# stderr. Under --enable-sanitizers any over-read stops the run (issue
# 11, item 1: util_read_file gave an unterminated buffer for an empty
# file).
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
CONF=$XDG_CONFIG_HOME/newsreader
export NEWSREADER_HOME
IN=$NR_TMP/in
WWW=$NR_TMP/www
mkdir -p "$IN" "$WWW" "$CONF" || fail "mkdir"
: >"$IN/empty.txt"
: >"$IN/empty.xml"
: >"$IN/empty.opml"
: >"$WWW/empty.xml"
cat >"$WWW/good.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Good</title>
<item><title>Good One</title><guid>g1</guid>
<pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>
XML

# Make every file of the data and config dirs empty again (a command may
# have rewritten some).
empty_tree()
{
	for f in foo bar; do
		mkdir -p "$NEWSREADER_HOME/$f/.meta" || fail "mkdir"
		: >"$NEWSREADER_HOME/$f/.meta/state"
		: >"$NEWSREADER_HOME/$f/.meta/index"
		: >"$NEWSREADER_HOME/$f/.meta/items"
		: >"$NEWSREADER_HOME/$f/001_00000000000000e1.txt"
	done
	mkdir -p "$NEWSREADER_HOME/.meta" || fail "mkdir"
	: >"$NEWSREADER_HOME/.meta/feeds"
	: >"$CONF/config"
	: >"$CONF/feeds"
}

# check NAME RCS CMD...: run a command on the empty tree; its exit status
# must be one of RCS ("0 1"), and stderr must be sane.
check()
{
	_name=$1
	_rcs=$2
	shift 2
	empty_tree
	"$@" >"$NR_TMP/out" 2>"$NR_TMP/err" </dev/null
	_rc=$?
	case " $_rcs " in
	*" $_rc "*) ;;
	*)	cat "$NR_TMP/err" >&2
		fail "$_name exited $_rc, want one of: $_rcs" ;;
	esac
	if grep -Eq 'Sanitizer|runtime error|==[0-9]+==' "$NR_TMP/err"; then
		cat "$NR_TMP/err" >&2
		fail "$_name: sanitizer report"
	fi
	if grep -v '^newsreader: ' "$NR_TMP/err" | grep -q .; then
		cat "$NR_TMP/err" >&2
		fail "$_name: stderr has lines that are not messages"
	fi
	if LC_ALL=C grep -q '[[:cntrl:]]' "$NR_TMP/err"; then
		fail "$_name: control characters on stderr"
	fi
}

check "--help" "0" "$NR" --help
grep -q -- '--refresh' "$NR_TMP/out" || fail "--help printed no usage"
check "--version" "0" "$NR" --version
grep -q '^newsreader ' "$NR_TMP/out" || fail "--version printed nothing"

# --list and --show: the empty article file is reported and skipped.
check "--list" "0 1" "$NR" --list
[ ! -s "$NR_TMP/out" ] || fail "--list listed something: $(cat "$NR_TMP/out")"
check "--list QUERY" "0 1" "$NR" --list '+news'
check "--show" "1" "$NR" --show 00000000000000e1
[ -s "$NR_TMP/err" ] || fail "--show: no error message"

# --refresh with an empty feeds file: nothing to do.
check "--refresh (no feeds)" "0" "$NR" --refresh
[ ! -s "$NR_TMP/out" ] || fail "--refresh without feeds printed rows"

# --import of an empty article file: a clear error, exit 1.
check "--import" "1" "$NR" --import "$IN/empty.txt"
grep -q 'empty.txt.*empty file' "$NR_TMP/err" ||
    fail "--import: no clear error: $(cat "$NR_TMP/err")"
check "--import --into" "1" "$NR" --import "$IN/empty.txt" --into foo
check "--import DIR" "0 1" "$NR" --import "$NEWSREADER_HOME/foo"

# --parse of an empty document, from a file and from stdin.
check "--parse" "1" "$NR" --parse "$IN/empty.xml"
grep -q 'not a feed' "$NR_TMP/err" ||
    fail "--parse: no clear error: $(cat "$NR_TMP/err")"
check "--parse -" "1" "$NR" --parse -

# OPML: an empty document is an error and the feeds file stays empty;
# exporting an empty feeds file gives a document.
check "--opml-import" "1" "$NR" --opml-import "$IN/empty.opml"
grep -q 'empty.opml: ' "$NR_TMP/err" ||
    fail "--opml-import: no clear error: $(cat "$NR_TMP/err")"
[ ! -s "$CONF/feeds" ] || fail "--opml-import changed the feeds file"
check "--opml-import -" "1" "$NR" --opml-import -
check "--opml-export" "0" "$NR" --opml-export
grep -q '</opml>' "$NR_TMP/out" || fail "--opml-export: no document"

# --refresh from the loopback server into the feeds with empty state and
# index: an empty body is "not a feed"; the good feed is stored.
start_server "$WWW"
refresh_feeds()
{
	printf '%s name=foo\n%s name=bar\n' "$NR_URL/empty.xml" \
	    "$NR_URL/good.xml" >"$CONF/feeds"
	"$NR" --refresh
}
check "--refresh" "1" refresh_feeds
grep -q '^foo	error	0	0	.*not a feed' "$NR_TMP/out" ||
    fail "--refresh: the empty body: $(cat "$NR_TMP/out" "$NR_TMP/err")"
grep -q '^bar	ok	1	0	' "$NR_TMP/out" ||
    fail "--refresh: the good feed: $(cat "$NR_TMP/out" "$NR_TMP/err")"
list_after_refresh()
{
	printf '%s name=foo\n%s name=bar\n' "$NR_URL/empty.xml" \
	    "$NR_URL/good.xml" >"$CONF/feeds"
	"$NR" --refresh >/dev/null 2>&1
	"$NR" --list
}
check "--list after --refresh" "0" list_after_refresh
grep -q 'Good One' "$NR_TMP/out" || fail "the refreshed item is not listed"

# The interface starts on the empty tree and quits.
if command -v tmux >/dev/null 2>&1; then
	TMUX_CMD="tmux -L nr-empty-$$ -f /dev/null"
	nr_at_exit "$TMUX_CMD kill-server 2>/dev/null"
	empty_tree
	$TMUX_CMD new-session -d -x 80 -y 24 \
	    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
	    NEWSREADER_HOME='$NEWSREADER_HOME' '$NR' 2>'$NR_TMP/err'; \
	    echo \$? >'$NR_TMP/rc'" || fail "tmux new-session failed"
	i=0
	until $TMUX_CMD capture-pane -p 2>/dev/null | grep -q 'Feeds'; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			cat "$NR_TMP/err" >&2
			fail "the interface did not start"
		fi
		sleep 0.1
	done
	$TMUX_CMD send-keys Q
	i=0
	while [ ! -s "$NR_TMP/rc" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "the interface did not quit"
		sleep 0.1
	done
	[ "$(cat "$NR_TMP/rc")" = 0 ] ||
	    fail "the interface exited $(cat "$NR_TMP/rc"): $(cat "$NR_TMP/err")"
	if grep -Eq 'Sanitizer|runtime error' "$NR_TMP/err"; then
		cat "$NR_TMP/err" >&2
		fail "the interface: sanitizer report"
	fi
fi
exit 0
