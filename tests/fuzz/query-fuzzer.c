/*
 * libFuzzer target for the query language: compile any text; when it
 * compiles, match it against a few items; when it does not, the error
 * column must lie within the query.
 */
#include "nr_config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/filter.h"
#include "newsreader/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct filter_item items[] = {
		{ .feed = "sputnik", .feed_title = "Sputnik",
		    .date = 1681463700, .title = "Chinese Defense Minister",
		    .summary = "Visit", .tags = "russia\nchina",
		    .usertags = "later", .state = 0 },
		{ .feed = "gorod", .feed_title = "Город", .date = 1764000000,
		    .title = "Новый маршрут", .summary = NULL,
		    .tags = "город\nİstanbul", .usertags = NULL, .state = 3 },
		{ .feed = NULL, .date = -14182940, .title = NULL },
	};
	struct filter	*f;
	char		*q, err[NR_ERRBUF_SIZE];
	size_t		 col = 0, i;

	if (size > 4096)
		return 0;
	q = xstrndup((const char *)data, size);
	if (filter_compile(q, 1764000000, &f, &col, err) == NR_OK) {
		for (i = 0; i < sizeof items / sizeof items[0]; i++)
			(void)filter_match(f, &items[i]);
		filter_free(f);
	} else if (f != NULL || col > strlen(q) + 1)
		abort();
	free(q);
	return 0;
}
