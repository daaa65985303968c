/* libFuzzer target for the feed parser: parse_buffer and parse_stream. */
#include "nr_config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A date is none, the first-seen time (0 here) or in the range. */
static int
date_ok(int64_t t)
{
	return t == NR_TIME_NONE || t == 0 || (t >= NR_PARSE_DATE_MIN &&
	    t <= NR_PARSE_DATE_MAX);
}

/* A message is one line of clean text. */
static void
check_msg(const char *s)
{
	if (!text_is_clean(s, strlen(s)) || strpbrk(s, "\t\n") != NULL)
		abort();
}

/* Check the invariants of an item. */
static void
check_one(const struct item *it)
{
	if (it->title == NULL || !date_ok(it->published) ||
	    !date_ok(it->updated))
		abort();
}

/* The same for parse_stream's items, which are then freed. */
static void
check_item(struct item *it, void *arg)
{
	(void)arg;
	check_one(it);
	item_free(it);
}

/* Check a feed's warnings (and items, when it has them). */
static void
check_feed(const struct feed *f)
{
	size_t	i;

	for (i = 0; i < f->nitems; i++)
		check_one(f->items[i]);
	for (i = 0; i < f->nwarnings; i++)
		check_msg(f->warnings[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_opts	 opts;
	struct parse_handler	 h;
	struct feed		*f = NULL;
	char			 errbuf[NR_ERRBUF_SIZE];
	FILE			*fp;

	memset(&opts, 0, sizeof opts);
	opts.url = "https://example.org/feed/";
	opts.max_items = 50;
	errbuf[0] = '\0';
	if (parse_buffer((const char *)data, size, &opts, &f, errbuf) ==
	    NR_OK) {
		check_feed(f);
		feed_free(f);
	} else
		check_msg(errbuf);
	fp = fmemopen((void *)data, size, "r");
	if (fp == NULL || size == 0) {
		if (fp != NULL)
			fclose(fp);
		return 0;
	}
	memset(&h, 0, sizeof h);
	h.item = check_item;
	f = NULL;
	errbuf[0] = '\0';
	if (parse_stream(fp, &opts, &h, &f, errbuf) == NR_OK) {
		check_feed(f);
		feed_free(f);
	} else
		check_msg(errbuf);
	fclose(fp);
	return 0;
}
