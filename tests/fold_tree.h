/*
 * The gumbo tree of a page as text, for the tests of extract_fold.c
 * (test_extract_fold, fold-fuzzer): parsed as it is (fold NULL), or
 * after the strip pass folded its text into fold and xfold_expand gave
 * it back. Script, style and comment text are left out (the pass cuts
 * them). chunk: bytes of gumbo's arena chunks, 0 for the default (a
 * fuzzer wants small ones). Caller frees.
 */
#ifndef NEWSREADER_TESTS_FOLD_TREE_H
#define NEWSREADER_TESTS_FOLD_TREE_H

#include <stddef.h>

struct xfold;
char	*fold_tree(const char *, size_t, struct xfold *, size_t);

#endif
