#!/bin/sh
# A file:// feed that is a FIFO (issue 11, item 3): the refresh at start
# and R fail with a clear error and never freeze the interface; keys
# keep working and Q quits. On 2557f40 the input loop blocked in open(2).
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
command -v mkfifo >/dev/null 2>&1 || skip "mkfifo(1) is missing"
tui_setup
mkfifo "$NR_TMP/fifo" || fail "mkfifo"
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><item><title>Local Item</title><guid>l1</guid></item></channel></rss>\n' \
    >"$NR_TMP/local.xml"
printf 'file://%s name=fifo\nfile://%s name=local\n' "$NR_TMP/fifo" \
    "$NR_TMP/local.xml" >>"$XDG_CONFIG_HOME/newsreader/feeds"

tui_start
tui_wait "Feeds (3)"
tui_wait "fifo"
# R refreshes every feed: the interface still answers.
tui_keys R
tui_wait "fifo: a FIFO, not"
tui_wait "1/1"
tui_keys '?'
tui_wait "Help - keys"
tui_keys q
tui_wait "Feeds (3)"
# A writer on the FIFO makes no difference: refused, not read.
(sleep 30 >"$NR_TMP/fifo") &
writer=$!
nr_at_exit "kill $writer 2>/dev/null"
tui_keys R
tui_keys Enter
tui_wait "Local Item"
tui_keys q
tui_wait "Feeds (3)"
kill "$writer" 2>/dev/null
tui_quit
exit 0
