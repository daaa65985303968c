/* The --list and --show commands, and opening the store for the CLI. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

/* Print a problem the store found in a file; the file is skipped. */
static void
warn_cb(void *arg, const char *file, size_t line, const char *msg)
{
	(void)arg;
	if (line != 0)
		cli_warn("%s:%zu: %s", file, line, msg);
	else
		cli_warn("%s: %s", file, msg);
}

int
cli_store_open(struct cli_opts *opts, struct store **out)
{
	char	err[NR_ERRBUF_SIZE];

	if (store_open(opts->datadir, out, err) != NR_OK) {
		cli_error("%s", err);
		return NR_EXIT_ERROR;
	}
	store_set_warn(*out, warn_cb, NULL);
	return NR_EXIT_OK;
}

/* All loaded feeds, and their entries merged newest first. */
struct listing {
	struct store_feed	**feeds;
	size_t			  nfeeds;
	struct store_entry	**rows;
	size_t			  nrows;
};

/* Newest first; ties by feed name, then sequence number, descending. */
static int
cmp_row(const void *a, const void *b)
{
	const struct store_entry	*x = *(struct store_entry *const *)a;
	const struct store_entry	*y = *(struct store_entry *const *)b;
	int				 c;

	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	if ((c = strcmp(x->feed, y->feed)) != 0)
		return c;
	return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

/* Load every feed of the store; returns an exit status. */
static int
load_all(struct store *st, struct listing *l)
{
	char	**names, err[NR_ERRBUF_SIZE];
	size_t	  n, i, j, total = 0;

	memset(l, 0, sizeof *l);
	if (store_feeds(st, &names, &n, err) != NR_OK) {
		cli_error("%s", err);
		return NR_EXIT_ERROR;
	}
	l->feeds = xcalloc(n + 1, sizeof *l->feeds);
	for (i = 0; i < n; i++) {
		if (store_feed_load(st, names[i], &l->feeds[l->nfeeds], err) !=
		    NR_OK)
			cli_warn("%s: %s", names[i], err);
		else
			total += l->feeds[l->nfeeds++]->nentries;
		free(names[i]);
	}
	free(names);
	l->rows = xcalloc(total + 1, sizeof *l->rows);
	for (i = 0; i < l->nfeeds; i++) {
		for (j = 0; j < l->feeds[i]->nentries; j++)
			l->rows[l->nrows++] = &l->feeds[i]->entries[j];
	}
	qsort(l->rows, l->nrows, sizeof *l->rows, cmp_row);
	return NR_EXIT_OK;
}

static void
listing_clear(struct listing *l)
{
	size_t	i;

	for (i = 0; i < l->nfeeds; i++)
		store_feed_free(l->feeds[i]);
	free(l->feeds);
	free(l->rows);
}

int
cli_list(struct cli_opts *opts)
{
	struct store		*st;
	struct listing		 l;
	struct store_entry	*e;
	char			 flags[3];
	size_t			 i;
	int			 ret;

	if (opts->nargs == 1) {
		cli_error("--list QUERY: queries are not supported yet; use "
		    "--list alone to list every item");
		return NR_EXIT_USAGE;
	}
	if ((ret = cli_store_open(opts, &st)) != NR_EXIT_OK)
		return ret;
	if ((ret = load_all(st, &l)) == NR_EXIT_OK) {
		for (i = 0; i < l.nrows; i++) {
			e = l.rows[i];
			flags[0] = (e->state & NR_STATE_READ) ? '-' : 'N';
			flags[1] = (e->state & NR_STATE_STARRED) ? 'S' : '-';
			flags[2] = '\0';
			cli_print_row_tagstr(stdout, e->hash, e->date, e->feed,
			    flags, e->title, e->tags, e->link);
		}
	}
	listing_clear(&l);
	store_free(st);
	return ret;
}

/* Parse an item id: 16 hex digits, or an article file name. */
static int
parse_id(const char *s, uint64_t *h)
{
	const char	*base;
	char		*end;

	base = strrchr(s, '/');
	base = base != NULL ? base + 1 : s;
	if (article_name_parse(base, NULL, h))
		return 0;
	if (strlen(s) != 16 || strspn(s, "0123456789abcdefABCDEF") != 16)
		return -1;
	*h = strtoull(s, &end, 16);
	return 0;
}

int
cli_show(struct cli_opts *opts)
{
	struct store		*st;
	struct listing		 l;
	struct store_entry	*e = NULL;
	uint64_t		 h;
	size_t			 i, len;
	char			*path, *buf, err[NR_ERRBUF_SIZE];
	int			 ret;

	if (parse_id(opts->args[0], &h) != 0) {
		cli_error("%s: not an item id (16 hex digits)",
		    opts->args[0]);
		return NR_EXIT_USAGE;
	}
	if ((ret = cli_store_open(opts, &st)) != NR_EXIT_OK)
		return ret;
	if ((ret = load_all(st, &l)) != NR_EXIT_OK)
		goto out;
	for (i = 0; i < l.nrows && e == NULL; i++) {
		if (l.rows[i]->hash == h)
			e = l.rows[i];
	}
	if (e == NULL) {
		cli_error("%s: no such item in %s", opts->args[0],
		    opts->datadir);
		ret = NR_EXIT_ERROR;
		goto out;
	}
	path = store_entry_path(st, e);
	if (util_read_file(path, NR_ARTICLE_MAX_FILE, &buf, &len, err) !=
	    NR_OK) {
		cli_error("%s", err);
		ret = NR_EXIT_ERROR;
	} else {
		fwrite(buf, 1, len, stdout);
		free(buf);
	}
	free(path);
out:
	listing_clear(&l);
	store_free(st);
	return ret;
}
