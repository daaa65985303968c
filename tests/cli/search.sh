#!/bin/sh
# Full-text search (issue 14): --list QUERY with words gives what a brute
# force over the article files gives (search-brute.py computes it), on a
# generated cache of 3,000 items; a deleted, corrupt or foreign index is
# rebuilt with the same answer; --reindex; --sort relevance; --snippet;
# an article file changed by hand is searched by its new words.
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
TZ=UTC
NEWSREADER_HOME=$NR_TMP/data
export NEWSREADER_HOME TZ
BRUTE="python3 $NR_SRCDIR/tests/cli/search-brute.py"
$BRUTE gen "$NEWSREADER_HOME" 3000 || fail "generator"

QUERIES='rarissimum
reactor
alpha
москва
МОСКВА
cafe
CAFÉ
naive
αθηνα
Αθήνα
東京
都庁
"東京都"
新型チップ
reac*
~ferr*
москв*
"alpha beta"
~"river bridge"
"bridge river"
+science rarissimum
zeta not alpha
chip or robot
(coal or rail) +local @2026-11
rarissimum -politics
not (alpha or beta) +energy
feed3 comet
"東京 alpha"'

# same QUERY [WANTFILE]: the index's answer (ids, sorted) is the brute
# force's (computed now, or given).
same()
{
	if [ -n "$2" ]; then
		cp "$2" "$NR_TMP/want"
	else
		$BRUTE eval "$NEWSREADER_HOME" "$1" >"$NR_TMP/want" ||
		    fail "brute force of '$1'"
	fi
	"$NR" --list "$1" >"$NR_TMP/rows" 2>"$NR_TMP/err" ||
	    fail "--list '$1': $(cat "$NR_TMP/err")"
	[ -s "$NR_TMP/err" ] && fail "--list '$1' said: $(cat "$NR_TMP/err")"
	cut -f1 "$NR_TMP/rows" | sort >"$NR_TMP/got"
	cmp -s "$NR_TMP/want" "$NR_TMP/got" ||
	    fail "'$1': want $(wc -l <"$NR_TMP/want") items, got \
$(wc -l <"$NR_TMP/got"): $(diff "$NR_TMP/want" "$NR_TMP/got" | head -4)"
}

# Every query of QUERIES; the brute force runs once per state of files.
all_same()
{
	if [ ! -d "$NR_TMP/want.d" ]; then
		mkdir "$NR_TMP/want.d"
		echo "$QUERIES" >"$NR_TMP/queries"
		$BRUTE evalmany "$NEWSREADER_HOME" "$NR_TMP/queries" \
		    "$NR_TMP/want.d" || fail "brute force"
	fi
	k=0
	echo "$QUERIES" | while IFS= read -r q; do
		k=$((k + 1))
		same "$q" "$NR_TMP/want.d/$k" || exit 1
	done || exit 1
}
# The files changed: compute the brute force's answers again.
files_changed()
{
	rm -rf "$NR_TMP/want.d"
}

# The first search builds the index (no progress off a terminal).
"$NR" --list rarissimum >/dev/null 2>"$NR_TMP/err" || fail "first search"
[ -s "$NR_TMP/err" ] && fail "first search said: $(cat "$NR_TMP/err")"
[ -f "$NEWSREADER_HOME/.meta/search.db" ] || fail "no .meta/search.db"
all_same
# Some answers are not trivial.
[ "$(wc -l <"$NR_TMP/want.d/1")" -gt 10 ] || fail "too few rare hits"
[ "$(wc -l <"$NR_TMP/want.d/13")" -lt "$(wc -l <"$NR_TMP/want.d/11")" ] ||
    fail "東京 and 東京都 the same"

# Newest first by default.
"$NR" --list reactor | cut -f2 >"$NR_TMP/dates"
sort -r "$NR_TMP/dates" | cmp -s - "$NR_TMP/dates" || fail "not newest first"

# --sort relevance: the same items; the best first (rarissimum in the
# title of one item: it ranks above those with it in the body).
f=$(ls "$NEWSREADER_HOME/feed2" | head -1)
awk 'NR == 2 || (NR > 3 && !done && $0 == t) { if (NR == 2) t = $0;
    if (NR > 3) done = 1; $0 = "Rarissimum " $0 } { print }' \
    "$NEWSREADER_HOME/feed2/$f" >"$NEWSREADER_HOME/feed2/.tmp-x"
mv "$NEWSREADER_HOME/feed2/.tmp-x" "$NEWSREADER_HOME/feed2/$f"
files_changed
id=$(echo "$f" | sed 's/^[0-9]*_//; s/\.txt$//')
"$NR" --list --sort relevance rarissimum >"$NR_TMP/rel" || fail "relevance"
"$NR" --list rarissimum >"$NR_TMP/new" || fail "list"
[ "$(cut -f1 "$NR_TMP/rel" | sort)" = "$(cut -f1 "$NR_TMP/new" | sort)" ] ||
    fail "--sort relevance lists other items"
[ "$(head -1 "$NR_TMP/rel" | cut -f1)" = "$id" ] ||
    fail "--sort relevance: want $id first, got $(head -1 "$NR_TMP/rel")"
"$NR" --list --sort relevance '+science' >/dev/null ||
    fail "--sort relevance without words"
"$NR" --sort relevance --refresh 2>/dev/null && fail "--sort without --list"
"$NR" --list --sort best x 2>/dev/null && fail "--sort best accepted"

# --snippet: an eighth column, cleaned, around the word.
"$NR" --list --snippet rarissimum >"$NR_TMP/snip" || fail "--snippet"
awk -F'\t' 'NF != 8 { exit 1 }' "$NR_TMP/snip" || fail "not 8 columns"
awk -F'\t' 'tolower($8) !~ /rarissimum/ { exit 1 }' "$NR_TMP/snip" ||
    fail "a snippet without the word: $(head -2 "$NR_TMP/snip")"
LC_ALL=C grep -q "$(printf '\033')" "$NR_TMP/snip" && fail "escapes"
"$NR" --list --snippet '+science' | awk -F'\t' 'NF != 8 { exit 1 }' ||
    fail "--snippet without words: 8 columns"

# A file changed by hand: its new words are found, its old ones not.
f=$(ls "$NEWSREADER_HOME/feed4" | sed -n 5p)
id=$(echo "$f" | sed 's/^[0-9]*_//; s/\.txt$//')
sed 's/$/ quuxword/' "$NEWSREADER_HOME/feed4/$f" \
    >"$NEWSREADER_HOME/feed4/.tmp-y"
mv "$NEWSREADER_HOME/feed4/.tmp-y" "$NEWSREADER_HOME/feed4/$f"
[ "$("$NR" --list quuxword | cut -f1)" = "$id" ] || fail "changed file"
rm "$NEWSREADER_HOME/feed4/$f"
[ -z "$("$NR" --list quuxword)" ] || fail "removed file still found"
files_changed
same rarissimum

# Deleted: rebuilt, the same answers.
rm -f "$NEWSREADER_HOME/.meta/search.db"*
all_same
# Corrupt: rebuilt, the same answers.
"$NR" --list alpha >/dev/null
# (pages after the first: the file opens, then reading it fails)
dd if=/dev/urandom of="$NEWSREADER_HOME/.meta/search.db" bs=4096 \
    seek=1 count=400 conv=notrunc 2>/dev/null
same rarissimum
same reactor
head -c 20000 /dev/urandom >"$NEWSREADER_HOME/.meta/search.db"
all_same
# Another version's file: rebuilt.
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$NEWSREADER_HOME/.meta/search.db" 'PRAGMA user_version = 7' ||
	    fail "sqlite3"
	same москва
fi
# --reindex: the same answers.
"$NR" --reindex 2>"$NR_TMP/err" || fail "--reindex: $(cat "$NR_TMP/err")"
[ -s "$NR_TMP/err" ] && fail "--reindex said: $(cat "$NR_TMP/err")"
all_same
"$NR" --reindex x 2>/dev/null && fail "--reindex x accepted"
# A feed removed: its items leave the index.
rm -rf "$NEWSREADER_HOME/feed1"
same rarissimum
same alpha
echo "PASS: search"
