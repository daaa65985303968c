# Helpers for the TUI tests; source tests/lib.sh first, then this file.
#
#   tui_setup          private HOME/XDG dirs, a data dir and a feeds file
#                      whose "sputnik" points at a closed loopback port
#   tui_start ARGS...  run $NR_BIN ARGS in a private tmux server (80x24)
#   tui_keys KEYS...   tmux send-keys
#   tui_screen         the pane's text
#   tui_wait TEXT      wait up to 5 s for TEXT (fixed string) on screen
#   tui_wait_re ERE    the same for a line matching ERE (grep -E)
#   tui_wait_gone TEXT wait up to 5 s for TEXT to disappear
#   tui_quit [PAT]     press Q, wait for the program to exit, and check
#                      that it wrote nothing on stderr (or PAT, grep)
#   tui_wait_exit [PAT] the same without Q
#   tui_loop_feed FILE NAME:DAY...  an RSS feed "Loop" in FILE: items
#                      "Item NAME", guid NAME, link $NR_URL/NAME.html,
#                      dated DAY April 2023, "Feedtext NAME." each
command -v tmux >/dev/null 2>&1 || skip "tmux is missing"
# Until main.c calls cli_tui(), the binary has no interface: skip.
"$NR_BIN" </dev/null 2>&1 | grep -q 'not built yet' &&
    skip "main.c does not call cli_tui() yet"
LANG=C.UTF-8
LC_ALL=C.UTF-8
export LANG LC_ALL
NR_TMUX="tmux -L nr-$$ -f /dev/null"

tui_setup()
{
	mk_tmp
	NEWSREADER_HOME=$NR_TMP/data
	mkdir -p "$NEWSREADER_HOME" "$XDG_CONFIG_HOME/newsreader" ||
	    fail "mkdir"
	echo 'http://127.0.0.1:1/closed.xml name=sputnik "~Sputnik"' \
	    >"$XDG_CONFIG_HOME/newsreader/feeds"
	export NEWSREADER_HOME
	nr_at_exit "$NR_TMUX kill-server 2>/dev/null"
}

tui_start()
{
	: >"$NR_TMP/stderr"
	$NR_TMUX new-session -d -x "${TUI_COLS:-80}" -y "${TUI_ROWS:-24}" \
	    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
	    XDG_DATA_HOME='$XDG_DATA_HOME' NEWSREADER_HOME='$NEWSREADER_HOME' \
	    BROWSER=false ${TUI_ENV:-} '$NR_BIN' $* 2>'$NR_TMP/stderr'" ||
	    fail "tmux new-session failed"
	$NR_TMUX set-option -g remain-on-exit off >/dev/null 2>&1
}

tui_keys()
{
	$NR_TMUX send-keys "$@"
}

tui_screen()
{
	$NR_TMUX capture-pane -p "$@"
}

# tui_help_within MS WHY: ? opens the help within MS ms (then q).
tui_help_within()
{
	_start=$(date +%s%N)
	tui_keys '?'
	until tui_screen | grep -q "^Keys"; do
		[ $(( ($(date +%s%N) - _start) / 1000000 )) -le "$1" ] ||
		    fail "? was not answered within $1 ms $2"
		sleep 0.05
	done
	tui_keys q
}

tui_wait()
{
	_tui_wait_grep -F "$1"
}

tui_wait_re()
{
	_tui_wait_grep -E "$1"
}

# _tui_wait_grep -F|-E PATTERN: tui_wait and tui_wait_re.
_tui_wait_grep()
{
	_i=0
	while [ $_i -lt 50 ]; do
		tui_screen | grep -q "$1" -- "$2" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "--- screen ---" >&2
	tui_screen >&2
	echo "--- stderr ---" >&2
	cat "$NR_TMP/stderr" >&2
	fail "timed out waiting for: $2"
}

tui_wait_gone()
{
	_i=0
	while [ $_i -lt 50 ]; do
		tui_screen | grep -qF -- "$1" || return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	tui_screen >&2
	fail "still on screen: $1"
}

tui_quit()
{
	tui_keys Q
	tui_wait_exit "$@"
}

# tui_wait_exit [PATTERN]: wait for the program to exit; its stderr must
# be empty, or match PATTERN (grep) when given.
tui_wait_exit()
{
	_i=0
	while $NR_TMUX has-session 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -le 50 ] || fail "newsreader did not quit"
		sleep 0.1
	done
	if [ $# -gt 0 ]; then
		grep -q "$1" "$NR_TMP/stderr" ||
		    fail "stderr is not '$1': $(cat "$NR_TMP/stderr")"
	elif [ -s "$NR_TMP/stderr" ]; then
		cat "$NR_TMP/stderr" >&2
		fail "newsreader wrote on stderr"
	fi
}

# Write an article file: tui_article FEED SEQ HASH DATE TITLE TAG BODY
tui_article()
{
	mkdir -p "$NEWSREADER_HOME/$1" || fail "mkdir"
	printf ' date %s https://example.com/%s\n%s\n\n%s\n%s\n12:00 GMT %s\n%s' \
	    "$4" "$3" "$5" "$6" "$5" \
	    "$(echo "$4" | awk -F- '{ print $3 "." $2 "." $1 }')" "$7" \
	    >"$NEWSREADER_HOME/$1/$2_$3.txt" || fail "write article"
}

tui_loop_feed()
{
	_f=$1
	shift
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel>'
		printf '<title>Loop</title>\n'
		for _n in "$@"; do
			printf '<item><title>Item %s</title><link>%s/%s.html</link>
<guid>%s</guid><pubDate>%s Apr 2023 10:00:00 GMT</pubDate>
<description>Feedtext %s.</description></item>\n' "${_n%:*}" "$NR_URL" \
			    "${_n%:*}" "${_n%:*}" "${_n#*:}" "${_n%:*}"
		done
		printf '</channel></rss>\n'
	} >"$_f"
}
