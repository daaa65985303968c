#!/bin/sh
# Check that bench/gen-items.c makes the same items three ways: a small
# set's RSS documents, fetched by `newsreader --refresh` from the loopback
# server into an empty data dir, give byte for byte its article files
# (names too), and given to sfeed(1) give its TSV files.
# usage: bench/check-gen.sh       (NR_BIN: the binary, default ../newsreader)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NR=${NR_BIN:-$here/../newsreader}
work=$(mktemp -d "${TMPDIR:-/tmp}/nr-check-gen.XXXXXX")
srv=
trap '[ -z "$srv" ] || kill $srv 2>/dev/null; rm -rf "$work"' EXIT
"$here/gen.sh" 47 3 "$work/set" 2>/dev/null
python3 "$here/../tests/server.py" --root "$work/set/xml" \
    --port-file "$work/port" --lifetime 120 &
srv=$!
while [ ! -s "$work/port" ]; do sleep 0.1; done
mkdir -p "$work/cfg/newsreader"
for f in "$work"/set/xml/*.xml; do
	name=$(basename "$f" .xml)
	echo "http://127.0.0.1:$(cat "$work/port")/$name.xml name=$name"
	# sfeed: the same TSV
	sfeed <"$f" | cmp -s - "$work/set/sfeed/$name" ||
	    { echo "check-gen: sfeed differs on $name" >&2; exit 1; }
done >"$work/feeds"
# Each document lists its items newest first: a refresh numbers them in
# document order; the generator numbers them oldest first. Compare the
# hashes and the bytes, and the sequence numbers through the order.
NEWSREADER_HOME=$work/nr XDG_CONFIG_HOME=$work/cfg \
    "$NR" --feeds "$work/feeds" --refresh >/dev/null
bad=0
for d in "$work"/set/data/*/; do
	name=$(basename "$d")
	ls "$d" | sed 's/^[0-9]*_//' | sort >"$work/a"
	ls "$work/nr/$name" | sed 's/^[0-9]*_//' | sort >"$work/b"
	cmp -s "$work/a" "$work/b" ||
	    { echo "check-gen: $name: other items" >&2; bad=1; continue; }
	for f in "$d"*.txt; do
		h=${f##*_}
		cmp -s "$f" "$work/nr/$name/"*_"$h" ||
		    { echo "check-gen: $name: $h differs" >&2; bad=1; }
	done
done
[ $bad -eq 0 ] || exit 1
echo "check-gen: 47 items in 3 feeds: article files and sfeed TSV match"
