#!/bin/sh
# A marks read exactly the items the view shows (an active query, a date
# view, a saved filter, the feed list) and says how many; it asks y/n
# first for more than a screenful and on the feed list; u puts the items
# of the last A back as they were. Checked on disk with --list.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
. "$NR_SRCDIR/tests/tui/lib-tags.sh"
cat >"$XDG_CONFIG_HOME/newsreader/config" <<'EOF2'
filter "China news" "+china"
EOF2

# Wait until the unread items on disk are exactly the ids given.
disk_unread()
{
	want=$(echo "$*" | tr ' ' '\n' | sed '/^$/d' | sort)
	i=0
	while :; do
		got=$("$NR_BIN" --list | awk -F '	' '$4 ~ /^N/ { print $1 }' |
		    sort)
		[ "$got" = "$want" ] && return 0
		i=$((i + 1))
		[ $i -le 50 ] || fail "unread on disk: '$got', want '$want'"
		sleep 0.1
	done
}
a1=00000000000000a1 a2=00000000000000a2
b1=00000000000000b1 b2=00000000000000b2 b3=00000000000000b3

tui_start
tui_wait "Feeds (3) - 5 unread, 5 items"
# An active query: 2 of 5 items shown, 2 marked.
tui_keys F +sport Enter
tui_wait "filter: +sport · 2 items"
tui_keys A
tui_wait "marked 2 read"
disk_unread $a1 $b1 $b2
# u: exactly those two are unread again.
tui_keys u
tui_wait "undone: 2 marked unread"
disk_unread $a1 $a2 $b1 $b2 $b3
# A date view: the items of 18 Nov.
tui_keys c q
tui_wait "Feeds (3)"
tui_keys g 2026-11-18 Enter
tui_wait "Wed 18 Nov 2026 · 2 items"
tui_keys A
tui_wait "marked 2 read"
disk_unread $a1 $a2 $b1
# A saved filter: +china shows a1, a2, b2 (read already): 2 marked.
tui_keys 0 q
tui_wait "Feeds (3)"
tui_keys j Enter
tui_wait "filter: +china · 3 items"
tui_keys A
tui_wait "marked 2 read"
disk_unread $b1
# The feed list asks first; n marks nothing, y marks every feed.
tui_keys c q
tui_wait "Feeds (3) - 1 unread"
tui_keys k A
tui_wait "mark every feed read? 1 unread item (y/n)"
tui_keys n
tui_wait "nothing marked"
disk_unread $b1
tui_keys A
tui_wait "mark every feed read?"
tui_keys y
tui_wait "marked 1 read"
disk_unread
tui_quit

# More than a screenful (6 rows shown, 8 unread): asked first.
for n in 1 2 3 4 5 6 7 8; do
	tui_article gamma 00$n 00000000000000c$n 2026-11-2$n "Gamma $n" news x
done
TUI_ROWS=8
tui_start --feed gamma
tui_wait "Gamma 8"
tui_keys A
tui_wait "mark 8 items read? (y/n)"
tui_keys n
tui_wait "nothing marked"
[ "$("$NR_BIN" --list | grep -c '	N-	Gamma')" = 8 ] || fail "n marked"
tui_keys A
tui_wait "mark 8 items read? (y/n)"
tui_keys y
tui_wait "marked 8 read"
i=0
while [ "$("$NR_BIN" --list | grep -c '	N-	Gamma')" != 0 ]; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "A did not reach the disk"
	sleep 0.1
done
tui_keys u
tui_wait "undone: 8 marked unread"
i=0
while [ "$("$NR_BIN" --list | grep -c '	N-	Gamma')" != 8 ]; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "u did not reach the disk"
	sleep 0.1
done
tui_quit
echo "PASS: mark-view"
