#!/bin/sh
# --list QUERY on the demo articles (and two written for today): which
# items each query selects, the time zone of dates, and errors with the
# column (exit 2).
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
TZ=UTC
export NEWSREADER_HOME TZ

"$NR" --import "$NR_SRCDIR/demo" || fail "demo import exited $?"
# A display name for gorod.example; one item read, one starred.
printf 'newsreader-state 1\nfeed\ttitle\tГород Daily\nitem\t87cd6f0b36b32ae4\tr\t\t\t\nitem\tabdfe5b0081f678a\ts\t\t\t\n' \
    >"$NEWSREADER_HOME/gorod.example/.meta/state" || fail "state file"

# Two items relative to now: today 00:05 UTC and ten days ago.
article()
{
	printf ' date %s https://extra.example/%s\n%s\nsummary\nextra\n%s\n00:05 GMT %s\nbody' \
	    "$(date -u -d "$1" +%Y-%m-%d)" "$2" "$2" "$2" \
	    "$(date -u -d "$1" +%d.%m.%Y)" >"$NR_TMP/$2.txt"
}
article today fresh
article '10 days ago' older
"$NR" --import "$NR_TMP/fresh.txt" "$NR_TMP/older.txt" --into extra ||
    fail "extra import"
FRESH=$("$NR" --list '=extra' | awk -F'\t' '$5 == "fresh" { print $1 }')
OLDER=$("$NR" --list '=extra' | awk -F'\t' '$5 == "older" { print $1 }')
[ -n "$FRESH" ] && [ -n "$OLDER" ] || fail "extra items not listed"

# want QUERY ID... : the ids --list QUERY prints, in order.
want()
{
	_q=$1
	shift
	_got=$("$NR" --list "$_q" | cut -f1 | tr '\n' ' ')
	[ $? -eq 0 ] || fail "--list '$_q' failed"
	_want=
	[ $# -eq 0 ] || _want=$(printf '%s ' "$@")
	[ "$_got" = "$_want" ] ||
	    fail "--list '$_q': want '$_want', got '$_got'"
}

want '+science' e0067b3d4b36779f 5f70eaebdc0dc0c5 90942e788c0c03d7 \
    3e34f31bfd5dfbd0
want '+SCIENCE -energy @2026-11-26..' e0067b3d4b36779f 5f70eaebdc0dc0c5
want '+science @2026-11-22..2026-11-24' 90942e788c0c03d7 3e34f31bfd5dfbd0
want '@2026-11-22..2026-11-23 -extra' 87cd6f0b36b32ae4 509b68a89738fcfe \
    3e34f31bfd5dfbd0
want '(+local or +technology) not +politics' 8fdf30800401114c \
    0f66f1f6224b23d3 ed9b4cfe52e5d1bb 509b68a89738fcfe
want '+local or +technology not +politics' 8fdf30800401114c \
    664b5abafd3f5840 abe2392c801e99cc 0f66f1f6224b23d3 ed9b4cfe52e5d1bb \
    509b68a89738fcfe
want '=tokyo-tech.example' 8fdf30800401114c ed9b4cfe52e5d1bb
want '="город daily"' abdfe5b0081f678a 87cd6f0b36b32ae4
want 'is:starred' abdfe5b0081f678a
want 'is:read' 87cd6f0b36b32ae4
want 'is:unread =gorod.example' abdfe5b0081f678a
want '~ПАРКЕ' abdfe5b0081f678a
want '~"second river"' 664b5abafd3f5840 abe2392c801e99cc
want '/^(bees|rain) /' e0067b3d4b36779f 5f70eaebdc0dc0c5
want '+город +природа' abdfe5b0081f678a
want '@2026-11-28'
want '@today' "$FRESH"
want '@7d =extra' "$FRESH"
want '@2w =extra' "$FRESH" "$OLDER"
want '@yesterday =extra'
[ "$("$NR" --list '' | wc -l)" -eq 14 ] || fail "an empty query lists all"
# A query starting with '-' goes after --list=.
"$NR" --list='-local' >"$NR_TMP/out" || fail "--list=-local exited $?"
[ "$(wc -l <"$NR_TMP/out")" -eq 10 ] || fail "--list=-local: 10 rows"
grep -q "${TAB:-	}local" "$NR_TMP/out" && fail "--list=-local kept local"
# Same seven columns as --list.
awk -F'\t' 'NF != 7 { exit 1 }' "$NR_TMP/out" || fail "not 7 columns"

# Days follow TZ: 2026-11-27T21:00Z and 16:40Z are on the 28th in Tokyo.
TZ=Asia/Tokyo want '@2026-11-28' 8fdf30800401114c e0067b3d4b36779f
TZ=America/New_York want '@2026-11-26' 664b5abafd3f5840 5f70eaebdc0dc0c5
TZ=UTC want '@2026-11-27' 8fdf30800401114c e0067b3d4b36779f

# bad QUERY COLUMN MESSAGE: exit 2, nothing on stdout, the column and the
# message (a prefix of it) on stderr, then the query and a caret under it.
bad()
{
	"$NR" --list "$1" >"$NR_TMP/out" 2>"$NR_TMP/err"
	_rc=$?
	[ $_rc -eq 2 ] || fail "--list '$1': want exit 2, got $_rc"
	[ -s "$NR_TMP/out" ] && fail "--list '$1' printed rows"
	_line=$(sed -n 1p "$NR_TMP/err")
	case $_line in
	"newsreader: query: column $2: $3"*) ;;
	*) fail "--list '$1': got '$_line'" ;;
	esac
	[ "$(sed -n 2p "$NR_TMP/err")" = "  $1" ] ||
	    fail "--list '$1': the query is not echoed"
	_caret=$(printf "%$(($2 + 2))s" '^')
	[ "$(sed -n 3p "$NR_TMP/err")" = "$_caret" ] ||
	    fail "--list '$1': caret: '$(sed -n 3p "$NR_TMP/err")'"
}

bad '+cn @2023-13-45' 5 "bad date '2023-13-45'"
bad '+' 1 "empty tag after '+'"
bad '(+a or +b' 1 "unbalanced '(' (no matching ')')"
bad '+a or +b)' 9 "unbalanced ')'"
bad '+x is:new' 4 "unknown 'is:new' (is:unread, is:read or is:starred)"
bad '+x @2026-01..2026-13' 14 "bad date '2026-13'"
bad '~"парк" /a(/' 9 "bad regex 'a(': "
# Several arguments are one query (issue 12), not a usage error.
[ "$("$NR" --list '+science' '-space')" = "$("$NR" --list '+science -space')" ] ||
    fail "two arguments are not one query"
echo "PASS: list-query"
