/* The --list and --show commands, and opening the store for the CLI. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/article.h"
#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/filter.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
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

int
cli_store_lock(struct cli_opts *opts, struct store *st, int hold)
{
	char	err[NR_ERRBUF_SIZE];
	int	e;

	e = store_lock(st, 0, err);
	if (e == NR_ELOCKED) {
		cli_warn("%s: another newsreader is writing here; waiting for "
		    "it", opts->datadir);
		e = store_lock(st, 1, err);
	}
	if (e != NR_OK) {
		cli_error("%s", err);
		return NR_EXIT_ERROR;
	}
	if (!hold)
		store_unlock(st);
	return NR_EXIT_OK;
}

/* All loaded feeds, and their entries merged newest first. */
struct listing {
	struct store_feed	**feeds;
	size_t			  nfeeds;
	struct store_entry	**rows;
	size_t			  nrows;
};

/*
 * Order of rows: newest first; ties by feed (in name order, its index
 * here), then by sequence number, highest first.
 */
static int
row_before(const struct store_entry *x, size_t fx, const struct store_entry *y,
    size_t fy)
{
	if (x->date != y->date)
		return x->date > y->date;
	if (fx != fy)
		return fx < fy;
	return x->seq > y->seq;
}

/*
 * Merge the feeds' entry lists, each already newest first, into l->rows
 * with a binary heap of the feeds' next entries: O(n log feeds).
 */
static void
merge_rows(struct listing *l)
{
	size_t	*heap, *pos, n = 0, i, c, f, top;

	heap = xcalloc(l->nfeeds + 1, sizeof *heap);
	pos = xcalloc(l->nfeeds + 1, sizeof *pos);
	for (f = 0; f < l->nfeeds; f++) {
		if (l->feeds[f]->nentries == 0)
			continue;
		/* Sift up. */
		for (i = n++; i > 0; i = (i - 1) / 2) {
			top = heap[(i - 1) / 2];
			if (!row_before(&l->feeds[f]->entries[0], f,
			    &l->feeds[top]->entries[0], top))
				break;
			heap[i] = top;
		}
		heap[i] = f;
	}
	while (n > 0) {
		f = heap[0];
		l->rows[l->nrows++] = &l->feeds[f]->entries[pos[f]++];
		if (pos[f] == l->feeds[f]->nentries)
			f = heap[--n];
		/* Sift f down from the root. */
		for (i = 0; (c = 2 * i + 1) < n; i = c) {
			if (c + 1 < n && row_before(
			    &l->feeds[heap[c + 1]]->entries[pos[heap[c + 1]]],
			    heap[c + 1],
			    &l->feeds[heap[c]]->entries[pos[heap[c]]], heap[c]))
				c++;
			if (!row_before(
			    &l->feeds[heap[c]]->entries[pos[heap[c]]], heap[c],
			    &l->feeds[f]->entries[pos[f]], f))
				break;
			heap[i] = heap[c];
		}
		if (n > 0)
			heap[i] = f;
	}
	free(heap);
	free(pos);
}

/*
 * Keep only the entries of a loaded feed that match flt (in place, in
 * order), before anything is merged or formatted.
 */
static void
filter_entries(struct store_feed *sf, const struct filter *flt)
{
	struct filter_item	 it;
	struct store_entry	*e;
	size_t			 i, j;

	memset(&it, 0, sizeof it);
	it.feed = sf->name;
	it.feed_title = store_feed_get(sf, "title");
	for (i = j = 0; i < sf->nentries; i++) {
		e = &sf->entries[i];
		it.date = e->date;
		it.title = e->title;
		it.summary = e->summary;
		it.tags = e->tags;
		it.state = e->state;
		if (!filter_match(flt, &it))
			continue;
		if (i != j)
			sf->entries[j] = *e;
		j++;
	}
	sf->nentries = j;
}

/*
 * Load every feed of the store, keeping the entries that match flt (NULL:
 * all); returns an exit status.
 */
static int
load_all(struct store *st, const struct filter *flt, struct listing *l)
{
	char	**names, err[NR_ERRBUF_SIZE];
	size_t	  n, i, total = 0;

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
		else {
			store_feed_merge_usertags(l->feeds[l->nfeeds]);
			if (flt != NULL)
				filter_entries(l->feeds[l->nfeeds], flt);
			total += l->feeds[l->nfeeds++]->nentries;
		}
		free(names[i]);
	}
	free(names);
	l->rows = xcalloc(total + 1, sizeof *l->rows);
	merge_rows(l);
	return NR_EXIT_OK;
}

/*
 * Report a malformed query as a compiler would: the message with its
 * column, then the query and a caret under the column.
 */
static void
query_error(const char *q, size_t col, const char *msg)
{
	const unsigned char	*u = (const unsigned char *)q;
	size_t			 i, c = 1;

	cli_error("query: column %zu: %s", col, msg);
	fputs("  ", stderr);
	for (i = 0; u[i] != '\0'; i++)
		fputc(u[i] < 0x20 || u[i] == 0x7f ? ' ' : u[i], stderr);
	fputs("\n  ", stderr);
	for (i = 0; u[i] != '\0' && c < col; i++) {
		if ((u[i] & 0xc0) == 0x80)
			continue;
		fputc(' ', stderr);
		c++;
	}
	for (; c < col; c++)
		fputc(' ', stderr);
	fputs("^\n", stderr);
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
	struct filter		*flt = NULL;
	struct strbuf		 out;
	char			 flags[3], err[NR_ERRBUF_SIZE];
	size_t			 i, col;
	int			 ret;

	if (opts->nargs == 1) {
		if (filter_compile(opts->args[0], (int64_t)time(NULL), &flt,
		    &col, err) != NR_OK) {
			query_error(opts->args[0], col, err);
			return NR_EXIT_USAGE;
		}
		if (filter_is_all(flt)) {
			filter_free(flt);
			flt = NULL;
		}
	}
	if ((ret = cli_store_open(opts, &st)) != NR_EXIT_OK) {
		filter_free(flt);
		return ret;
	}
	strbuf_init(&out, 0);
	if ((ret = load_all(st, flt, &l)) == NR_EXIT_OK) {
		for (i = 0; i < l.nrows; i++) {
			e = l.rows[i];
			flags[0] = (e->state & NR_STATE_READ) ? '-' : 'N';
			flags[1] = (e->state & NR_STATE_STARRED) ? 'S' : '-';
			flags[2] = '\0';
			cli_row_add_tagstr(&out, e->hash, e->date, e->feed,
			    flags, e->title, e->tags, e->link);
			if (out.len >= 65536) {
				fwrite(out.buf, 1, out.len, stdout);
				strbuf_reset(&out);
			}
		}
		if (out.len > 0)
			fwrite(out.buf, 1, out.len, stdout);
	}
	strbuf_clear(&out);
	listing_clear(&l);
	store_free(st);
	filter_free(flt);
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
	if ((ret = load_all(st, NULL, &l)) != NR_EXIT_OK)
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
	} else if (opts->tty) {
		/* To a terminal, never pass on control data from the file. */
		char	*c = text_clean(buf, len, 0, 0);

		fputs(c, stdout);
		free(c);
		free(buf);
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
