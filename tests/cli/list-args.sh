#!/bin/sh
# Every argument after --list is part of the query, as with notmuch
# (issue 12): "--list -transport +local" lists what
# "--list='-transport +local'" lists. Options go before --list; a long
# option after it is a usage error. On 6332144 "--list -transport" failed
# with "unknown option '-t'".
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME
"$NR" --import "$NR_SRCDIR/demo" || fail "demo import exited $?"

# titles ARGS...: the titles --list ARGS prints, on one line.
titles()
{
	"$NR" "$@" 2>"$NR_TMP/err" | cut -f5 | tr '\n' '|'
}
want=$(titles --list='-transport +local')
[ "$want" = "Bridge Study Approved by One Vote|City Library Opens Late on Thursdays|" ] ||
    fail "reference query: $want"
got=$(titles --list -transport +local)
[ "$got" = "$want" ] || fail "--list -transport +local: '$got' $(cat "$NR_TMP/err")"
got=$(titles -l -transport +local)
[ "$got" = "$want" ] || fail "-l -transport +local: '$got' $(cat "$NR_TMP/err")"
got=$(titles --list +local -transport)
[ "$got" = "$want" ] || fail "--list +local -transport: '$got'"
# Options before --list still apply; --list=Q takes more words too.
got=$(titles --data-dir "$NR_TMP/ignored" -v --list -transport +local)
[ "$got" = "$want" ] || fail "options before --list: '$got'"
got=$(titles --list=-transport +local)
[ "$got" = "$want" ] || fail "--list=-transport +local: '$got'"
# A single-dash word that looks like a short option is a query too.
got=$(titles --list -d +local)
[ "$(echo "$got" | tr '|' '\n' | grep -c .)" -eq 4 ] ||
    fail "--list -d +local: '$got' $(cat "$NR_TMP/err")"
# One quoted argument is unchanged.
got=$(titles --list '-transport +local')
[ "$got" = "$want" ] || fail "one argument: '$got'"

# A long option after --list: usage error (exit 2) that says why.
"$NR" --list +local --show >/dev/null 2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "--list +local --show: exit status"
grep -q "options go before --list" "$NR_TMP/err" ||
    fail "message: $(cat "$NR_TMP/err")"
# --sort and --snippet, the options of --list, may follow it, before,
# between or after the words; after "--" every word is the query.
want=$("$NR" --sort relevance --snippet --list 'library thursdays' 2>&1)
printf "%s\n" "$want" | grep -q "City Library Opens Late" ||
    fail "reference search: $want"
for args in "--list --sort relevance --snippet library thursdays" \
    "--list library --sort=relevance thursdays --snippet" \
    "--list library thursdays --snippet --sort relevance"; do
	# shellcheck disable=SC2086
	got=$("$NR" $args 2>&1)
	[ "$got" = "$want" ] || fail "$args: '$got' want '$want'"
done
[ "$(printf '%s\n' "$want" | awk -F'\t' '{ print NF }' | sort -u)" = 8 ] ||
    fail "--snippet after --list: not eight columns: $want"
"$NR" --list -- --snippet >/dev/null 2>"$NR_TMP/err"
[ $? -eq 0 ] || fail "--list -- --snippet: $(cat "$NR_TMP/err")"
"$NR" --list +local --sort >/dev/null 2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "--list +local --sort: exit status"
grep -q "sort" "$NR_TMP/err" || fail "--sort without value: $(cat "$NR_TMP/err")"

# A malformed query still reports its column (exit 2).
"$NR" --list +local '(' >/dev/null 2>"$NR_TMP/err"
[ $? -eq 2 ] || fail "malformed query: exit status"
grep -q 'query: column 8' "$NR_TMP/err" || fail "column: $(cat "$NR_TMP/err")"
exit 0
