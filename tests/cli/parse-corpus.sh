#!/bin/sh
# Run the parser over the feedparser and newsboat sample corpora in
# $NR_SHARED/corpus and compare with what those projects expect.
corpus=${NR_SHARED:-../shared}/corpus
[ -d "$corpus" ] || { echo "no corpus at $corpus: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
exec python3 "${NR_SRCDIR:-.}/tests/cli/parse-corpus.py" \
    "${NR_BUILDDIR:-.}/tests/corpus-parse" "$corpus"
