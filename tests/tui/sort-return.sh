#!/bin/sh
# S and the way back. In a search's results (/ on the feed list, and a
# saved filter with words), S orders best match first; Enter opens the
# row under the cursor, J follows the order shown, and q comes back to
# the same order with the cursor on the item last shown (opening marks
# it read, which must not undo the order); another process adding a
# matching item keeps the order and the cursor's item. In the tag view, S sorts by
# name; Enter on a tag and q come back sorted so, the cursor on the tag.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
tui_setup
cat >"$XDG_CONFIG_HOME/newsreader/config" <<'EOF2'
filter "Reactors" "reactor"
EOF2
tui_article alpha 001 00000000000000a1 2026-11-10 "Triple story" zeta \
    "<p>The reactor and the reactor hall: reactor safety.</p>"
tui_article alpha 002 00000000000000a2 2026-11-20 "Town meeting" beta \
    "<p>A long report on the town meeting, the budget, the roads, the \
schools, the library, the parks, the market, the weather, the bridge, \
the harbour, the school board, and one reactor.</p>"
tui_article beta 001 00000000000000b1 2026-11-15 "Double story" beta \
    "<p>A reactor hall, and a reactor again, in a short text here.</p>"
tui_article beta 002 00000000000000b2 2026-11-18 "Single story" alpha \
    "<p>One mention of a reactor in a text of some middling length, \
with a few more words after it.</p>"
tui_article beta 003 00000000000000b3 2026-11-19 "Unrelated" alpha \
    "<p>Nothing here.</p>"
TITLES="Triple story|Town meeting|Double story|Single story|Late story"

# The titles of the list's rows, in screen order, on one line.
rows()
{
	tui_screen | sed 1d | grep -oE "^[N ][ *] +[0-9]{4}-.*($TITLES)" |
	    grep -oE "$TITLES" | tr '\n' ,
}
want=$("$NR_BIN" --list --sort relevance reactor | cut -f5 | tr '\n' ,)
newest=$("$NR_BIN" --list reactor | cut -f5 | tr '\n' ,)
[ "$want" != "$newest" ] || fail "the fixture orders alike: $want"
# nth N: the Nth title of $want.
nth()
{
	echo "$want" | cut -d, -f"$1"
}

# check_return: in a list of the four, S to relevance, the third row
# opened, J to the fourth, q: the same order, the cursor on the fourth.
check_return()
{
	tui_keys S
	tui_wait "best match first"
	tui_wait "by relevance"
	[ "$(rows)" = "$want" ] || fail "$1: by relevance: $(rows), not $want"
	tui_keys g g j j Enter
	tui_wait "Title: $(nth 3)"
	tui_wait "article 3/4"
	tui_keys J
	tui_wait "Title: $(nth 4)"
	tui_wait "article 4/4"
	tui_keys q
	tui_wait "by relevance"
	[ "$(rows)" = "$want" ] ||
	    fail "$1: after q: $(rows), not $want"
	tui_keys Enter
	tui_wait "Title: $(nth 4)"
	tui_keys q
	tui_wait "by relevance"
	# Back to newest first: the same item under the cursor.
	tui_keys S
	tui_wait "newest first"
	tui_wait_gone "by relevance"
	[ "$(rows)" = "$newest" ] || fail "$1: newest: $(rows), not $newest"
	tui_keys Enter
	tui_wait "Title: $(nth 4)"
	tui_keys q
	tui_wait "$2"
}

tui_start
tui_wait "Feeds ("
tui_keys /
tui_keys -l reactor
tui_keys Enter
tui_wait "filter: reactor · 4 items"
check_return "/ on the feed list" "filter: reactor · 4 items"
tui_keys q
tui_wait "Feeds ("
tui_wait "Reactors"
tui_keys g g j Enter
tui_wait "Reactors - "
tui_wait "filter: reactor · 4 items"
check_return "saved filter" "Reactors - "

# Another process imports a matching item meanwhile: still best match
# first (the new one among them), the cursor on the same item.
tui_keys S
tui_wait "best match first"
tui_keys g g j
cur=$(nth 2)
mkdir -p "$NR_TMP/in" || fail "mkdir"
printf ' date 2026-11-25 https://example.com/late\nLate story\n\nLate story\n12:00 GMT 25.11.2026\n<p>A reactor, once, in a late and rather long text about many other things.</p>' \
    >"$NR_TMP/in/late.txt" || fail "write"
"$NR_BIN" --import "$NR_TMP/in/late.txt" --into gamma >/dev/null 2>&1 ||
    fail "--import"
want=$("$NR_BIN" --list --sort relevance reactor | cut -f5 | tr '\n' ,)
tui_wait "filter: reactor · 5 items"
tui_wait "by relevance"
[ "$(rows)" = "$want" ] || fail "after the import: $(rows), not $want"
tui_keys Enter
tui_wait "Title: $cur"
tui_keys q
tui_keys q
tui_wait "Feeds ("

# The tag view: by count (beta 2, alpha 2, zeta 1), S by name.
tui_keys t
tui_wait "Tags (3) - by count"
tui_keys S
tui_wait "Tags (3) - by name"
tags()
{
	tui_screen | grep -oE "[0-9]+/[0-9]+ +(alpha|beta|zeta)" |
	    grep -oE "alpha|beta|zeta" | tr '\n' ,
}
[ "$(tags)" = "alpha,beta,zeta," ] || fail "by name: $(tags)"
tui_keys g g j
tui_keys Enter
tui_wait "filter: +beta"
tui_keys Enter
tui_wait "Title: "
tui_keys q q
tui_wait "Tags ("
tui_wait "by name"
[ "$(tags)" = "alpha,beta,zeta," ] || fail "by name after q: $(tags)"
tui_screen | grep -E "^\+ .* beta" >/dev/null ||
    fail "the +beta row: $(tui_screen)"
# The cursor is on beta: x excludes the tag under it.
tui_keys x
tui_wait "filter: -beta"
tui_quit
exit 0
