/* libFuzzer target for the feed parser: parse_buffer and parse_stream. */
#include "nr_config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/feed.h"
#include "newsreader/parse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Check the invariants of an item and free it. */
static void
check_item(struct item *it, void *arg)
{
	(void)arg;
	if (it->title == NULL)
		abort();
	item_free(it);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_opts	 opts;
	struct parse_handler	 h;
	struct feed		*f = NULL;
	char			 errbuf[NR_ERRBUF_SIZE];
	FILE			*fp;
	size_t			 i;

	memset(&opts, 0, sizeof opts);
	opts.url = "https://example.org/feed/";
	opts.max_items = 50;
	if (parse_buffer((const char *)data, size, &opts, &f, errbuf) ==
	    NR_OK) {
		for (i = 0; i < f->nitems; i++)
			if (f->items[i]->title == NULL)
				abort();
		feed_free(f);
	}
	fp = fmemopen((void *)data, size, "r");
	if (fp == NULL || size == 0) {
		if (fp != NULL)
			fclose(fp);
		return 0;
	}
	memset(&h, 0, sizeof h);
	h.item = check_item;
	f = NULL;
	if (parse_stream(fp, &opts, &h, &f, errbuf) == NR_OK)
		feed_free(f);
	fclose(fp);
	return 0;
}
