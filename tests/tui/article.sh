#!/bin/sh
# The article view: header, scrolling, next article, back, and the cursor
# surviving a restart.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
body=$(i=1; while [ $i -le 60 ]; do echo "Paragraph number $i."; \
    i=$((i + 1)); done)
tui_article long 001 00000000000000a1 2026-11-20 "Older Long Story" \
    news "$body"
tui_article long 002 00000000000000a2 2026-11-21 "Newest Long Story" \
    news "$body"

tui_start --feed long
tui_wait "long - 2 unread, 2 items"
tui_keys Enter
tui_wait "Title: Newest Long Story"
tui_wait "Link:  https://example.com/00000000000000a2"
tui_wait "Date:  2026-11-21 12:00 UTC"
tui_wait "Paragraph number 1."
tui_wait "article 1/2 - more"
tui_keys Space
tui_wait_gone "Title: Newest Long Story"
tui_wait "Paragraph number 30."
tui_keys G
tui_wait "Paragraph number 60."
tui_wait "article 1/2 - end"
tui_keys g g k
tui_wait "Title: Newest Long Story"
tui_keys j j j
tui_wait_gone "Title: Newest Long Story"
tui_keys J
tui_wait "Title: Older Long Story"
tui_wait "article 2/2"
tui_keys q
tui_wait "long - 0 unread, 2 items"
tui_quit

# The cursor (on the older story) is kept across a restart.
tui_start --feed long
tui_wait "long - 0 unread, 2 items"
tui_keys Enter
tui_wait "Title: Older Long Story"
tui_keys K
tui_wait "Title: Newest Long Story"
tui_keys q q
tui_wait "Feeds (2)"
tui_quit
exit 0
