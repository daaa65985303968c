/*
 * libFuzzer target for the text folded before gumbo (extract_fold.c):
 * any bytes as a web page, parsed as they are and parsed after the
 * strip pass folded its runs of text (then given back by
 * xfold_expand). The two trees must be the same, but for the text of
 * scripts, styles and comments, which the strip pass cuts: else abort.
 */
#include "nr_config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/util.h"
#include "extract_int.h"
#include "fold_tree.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xfold	 fold;
	char		*a, *b;

	/* Gumbo is slow on deep trees: big inputs find no more. */
	if (size > (256U << 10))
		return (0);
	memset(&fold, 0, sizeof fold);
	/* Small chunks: a fuzz input is small, a 4 MiB chunk slow. */
	a = fold_tree((const char *)data, size, NULL, 64U << 10);
	b = fold_tree((const char *)data, size, &fold, 64U << 10);
	if (a == NULL || b == NULL || strcmp(a, b) != 0)
		abort();
	xfold_free(&fold);
	free(a);
	free(b);
	return (0);
}
