/*
 * Reading one item whole: its article file parsed, with what only the
 * state file holds (author, enclosures) taken from the index.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

/* Add the enclosures of an index string ("url\ttype\tlength\n"...). */
static void
add_enclosures(struct item *it, const char *encl)
{
	char	*copy, *line, *nl, *f[3], *tab;
	size_t	 k;

	copy = xstrdup(encl);
	for (line = copy; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		*nl = '\0';
		for (k = 0; k < 3; k++) {
			f[k] = line;
			if ((tab = strchr(line, '\t')) == NULL)
				break;
			*tab = '\0';
			line = tab + 1;
		}
		if (k != 2)
			continue;
		for (k = 0; k < 3; k++)
			store_unesc(f[k]);
		item_add_enclosure(it, f[0], *f[1] != '\0' ? f[1] : NULL,
		    *f[2] != '\0' ? strtoll(f[2], NULL, 10) : -1);
	}
	free(copy);
}

enum nr_err
store_feed_load_item(const struct store_feed *f, size_t i, struct item **out,
    char *errbuf)
{
	struct store_item	 si;
	struct item		*it;
	char			*path, *buf, err[NR_ERRBUF_SIZE];
	size_t			 len, line = 0;
	enum nr_err		 e;

	*out = NULL;
	if (i >= store_feed_count(f))
		return nr_seterr(errbuf, NR_ENOTFOUND, "no such item");
	path = store_feed_path(f, i);
	e = util_read_file(path, NR_ARTICLE_MAX_FILE, &buf, &len, errbuf);
	if (e != NR_OK) {
		free(path);
		return e;
	}
	if (article_parse(buf, len, &it, &line, err) != NR_OK) {
		nr_seterr(errbuf, NR_EFORMAT, "%s:%zu: %s", path, line, err);
		free(buf);
		free(path);
		return NR_EFORMAT;
	}
	free(buf);
	free(path);
	store_feed_item(f, i, &si);
	if (*si.author != '\0') {
		free(it->author);
		it->author = xstrdup(si.author);
	}
	{
		const struct idx_view	*v;
		size_t			 k;

		v = feed_at(f, i, &k);
		add_enclosures(it, idx_str(v, v->encl[k]));
	}
	*out = it;
	return NR_OK;
}

enum nr_err
store_item_load(struct store *st, const char *feed, uint64_t hash,
    struct item **out, char *errbuf)
{
	struct store_feed	*f;
	long			 pos;
	enum nr_err		 err;

	*out = NULL;
	if ((err = store_feed_open(st, feed, &f, errbuf)) != NR_OK)
		return err;
	if ((pos = store_feed_find(f, hash)) < 0)
		err = nr_seterr(errbuf, NR_ENOTFOUND, "%016llx: no such item "
		    "in %s", (unsigned long long)hash, feed);
	else
		err = store_feed_load_item(f, (size_t)pos, out, errbuf);
	store_feed_close(f);
	return err;
}

enum nr_err
store_item_locate(struct store *st, uint64_t hash,
    char name[NR_FEED_NAME_MAX + 1], char *errbuf)
{
	struct store_feed	*f;
	char			**names;
	size_t			  n, i;
	int			  found = 0;
	enum nr_err		  err;

	name[0] = '\0';
	if ((err = store_feeds(st, &names, &n, errbuf)) != NR_OK)
		return err;
	for (i = 0; i < n; i++) {
		if (!found && store_feed_open(st, names[i], &f, NULL) ==
		    NR_OK) {
			if (store_feed_find(f, hash) >= 0) {
				snprintf(name, NR_FEED_NAME_MAX + 1, "%s",
				    names[i]);
				found = 1;
			}
			store_feed_close(f);
		}
		free(names[i]);
	}
	free(names);
	if (!found)
		return nr_seterr(errbuf, NR_ENOTFOUND, "%016llx: no such item",
		    (unsigned long long)hash);
	return NR_OK;
}
