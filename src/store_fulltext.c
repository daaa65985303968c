/*
 * What a refresh of a fulltext=yes feed asks before fetching pages,
 * without the lock: which items are stored, and their fulltext records
 * (the state file read in part).
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "store_int.h"

enum nr_err
store_fulltext_read(struct store *st, const char *name, const uint64_t *h,
    size_t n, struct store_fulltext *out, char *errbuf)
{
	struct store_feed	*f;
	struct state		 s;
	struct smeta		*m;
	char			*spath;
	size_t			 i;
	enum nr_err		 err;

	for (i = 0; i < n; i++) {
		out[i].stored = out[i].expired = 0;
		out[i].tries = NR_FULLTEXT_NONE;
	}
	if (n == 0 || !store_feed_name_valid(name) ||
	    !store_feed_exists(st, name))
		return NR_OK;
	if ((err = store_feed_open(st, name, &f, errbuf)) != NR_OK)
		return err;
	for (i = 0; i < n; i++)
		out[i].stored = store_feed_find(f, h[i]) >= 0;
	store_feed_close(f);
	spath = store_meta_path(st, name, NR_STATE_FILE);
	if (state_peek(spath, &s) == 0)
		err = state_load_some(st, spath, &s, h, n, errbuf);
	else {
		state_free(&s);
		err = state_load(st, spath, &s, errbuf);
	}
	free(spath);
	for (i = 0; err == NR_OK && i < n; i++) {
		if ((m = state_get(&s, h[i], 0)) == NULL)
			continue;
		out[i].expired = (m->flags & NR_STATE_EXPIRED) != 0;
		if (m->has_ft)
			out[i].tries = m->ft;
	}
	state_free(&s);
	return err;
}
