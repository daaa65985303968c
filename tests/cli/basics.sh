#!/bin/sh
# CLI basics: --version, --help, usage errors and where the data lives.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
unset NEWSREADER_HOME
NR=${NR_BIN:?}

out=$("$NR" --version) || fail "--version exited $?"
echo "$out" | grep -Eq '^newsreader [0-9]+\.[0-9]+\.[0-9]+$' ||
    fail "--version printed '$out'"

"$NR" --help >"$NR_TMP/help" || fail "--help exited $?"
for opt in --import --into --list --show --parse --demo --data-dir \
    --feed --version 'Exit status'; do
	grep -q -- "$opt" "$NR_TMP/help" || fail "--help does not mention $opt"
done

# Usage errors exit 2 with the program name on stderr.
for args in "--bogus" "-Z" "--show" "--show a b" "--import" \
    "--list --show" "--data-dir" "stray"; do
	# shellcheck disable=SC2086
	"$NR" $args >/dev/null 2>"$NR_TMP/err"
	rc=$?
	[ $rc -eq 2 ] || fail "'$args' exited $rc, want 2"
	grep -q '^newsreader: ' "$NR_TMP/err" ||
	    fail "'$args' did not name the program on stderr"
done
"$NR" --show nothex >/dev/null 2>&1
[ $? -eq 2 ] || fail "--show with a bad id is not a usage error"

# The data directory: XDG_DATA_HOME by default ...
"$NR" --import "$NR_SRCDIR/demo" || fail "import into XDG dir failed"
ls "$XDG_DATA_HOME/newsreader/northwind.example/" | grep -q '\.txt$' ||
    fail "items are not under \$XDG_DATA_HOME/newsreader"
# ... ~/.local/share without it ...
( unset XDG_DATA_HOME; "$NR" --import "$NR_SRCDIR/demo" ) ||
    fail "import into ~/.local/share failed"
[ -d "$HOME/.local/share/newsreader/lattice.example" ] ||
    fail "items are not under ~/.local/share/newsreader"
# ... --data-dir when given ...
"$NR" --data-dir "$NR_TMP/dd" --import "$NR_SRCDIR/demo" ||
    fail "--data-dir import failed"
[ "$("$NR" --data-dir "$NR_TMP/dd" --list | wc -l)" -eq 12 ] ||
    fail "--data-dir --list does not show 12 items"
# ... and NEWSREADER_HOME wins over everything.
NEWSREADER_HOME=$NR_TMP/nh "$NR" --data-dir "$NR_TMP/ignored" \
    --import "$NR_SRCDIR/demo" || fail "NEWSREADER_HOME import failed"
[ -d "$NR_TMP/nh/gorod.example" ] || fail "NEWSREADER_HOME was not used"
[ ! -e "$NR_TMP/ignored/gorod.example" ] ||
    fail "--data-dir was used although NEWSREADER_HOME is set"

# An empty cache lists nothing and succeeds.
out=$("$NR" --data-dir "$NR_TMP/empty" --list) || fail "--list on empty"
[ -z "$out" ] || fail "--list on an empty cache printed '$out'"

# --demo lists the bundled articles and leaves nothing behind.
TMPDIR=$NR_TMP/demotmp
mkdir -p "$TMPDIR"
export TMPDIR
"$NR" --demo >"$NR_TMP/demo" || fail "--demo exited $?"
[ "$(wc -l <"$NR_TMP/demo")" -eq 12 ] || fail "--demo did not list 12 items"
grep -q '	Новый трамвайный маршрут откроется в декабре	' "$NR_TMP/demo" ||
    fail "--demo lost the Cyrillic title"
[ -z "$(ls "$TMPDIR")" ] || fail "--demo left its temporary data dir"
echo "PASS: basics"
