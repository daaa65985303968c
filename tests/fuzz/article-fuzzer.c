/*
 * libFuzzer target for article files: parse; when it parses, writing it
 * back and parsing again must give the same item (the format round-trips).
 */
#include "nr_config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Compare two strings that may be NULL. */
static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct item	*a, *b;
	char		*out;
	size_t		 len, line, i;

	if (article_parse((const char *)data, size, &a, &line, NULL) != NR_OK)
		return 0;
	out = article_format(a, &len);
	if (article_parse(out, len, &b, &line, NULL) != NR_OK)
		abort();
	/* The writer drops tags equal to the title and empty ones. */
	if (!same(a->title, b->title) || !same(a->summary, b->summary) ||
	    b->ntags > a->ntags)
		abort();
	for (i = 0; i < b->ntags; i++) {
		if (strchr(b->tags[i], '\n') != NULL)
			abort();
	}
	item_free(a);
	item_free(b);
	free(out);
	return 0;
}
