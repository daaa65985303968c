/* libFuzzer target for the OPML reader and the feeds-file reader. */
#include "nr_config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/opml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml_outline	*o = NULL;
	struct feedlist		*fl;
	size_t			 n = 0, i;
	char			*text;

	/* The first byte chooses the reader. */
	if (size == 0)
		return 0;
	if (data[0] & 1) {
		if (opml_import((const char *)data + 1, size - 1, &o, &n,
		    NULL) == NR_OK)
			opml_outlines_free(o, n);
		return 0;
	}
	fl = feedlist_parse((const char *)data + 1, size - 1, "fuzz", 0);
	if (fl == NULL)
		return 0;
	/* Every store name is safe as a directory name. */
	for (i = 0; i < fl->nentries; i++) {
		if (!feedlist_name_valid(fl->entries[i]->name))
			abort();
	}
	text = opml_export(fl, NULL, &n);
	free(text);
	feedlist_free(fl);
	return 0;
}
