/* The --list and --show commands, and opening the store for the CLI. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/article.h"
#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/filter.h"
#include "newsreader/search.h"
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

/* All opened feeds, and the matching items merged newest first. */
struct row {
	uint32_t	fi;
	uint32_t	i;
};

struct listing {
	struct store_feed	**feeds;
	size_t			  nfeeds;
	uint32_t		**sel;	/* per feed: matching positions */
	size_t			 *nsel;	/* per feed; sel NULL: all */
	double			**rank;	/* per feed: rank of each listed */
	struct row		 *rows;
	size_t			  nrows;
	/* The query's words as the search index found them. */
	struct search_hits	 *hits;
	size_t			  nwords;
	long			  req;	/* a word every match has, or -1 */
};

/* The k-th listed position of feed f. */
static uint32_t
pos_of(const struct listing *l, size_t f, size_t k)
{
	return l->sel[f] != NULL ? l->sel[f][k] : (uint32_t)k;
}

/*
 * Order of rows: newest first; ties by feed (in name order, its index
 * here), then in the order stored (lowest sequence number first).
 */
static int
row_before(const struct listing *l, size_t fx, size_t kx, size_t fy,
    size_t ky)
{
	const struct store_feed	*x = l->feeds[fx], *y = l->feeds[fy];
	int64_t			 dx, dy;

	dx = store_feed_date(x, pos_of(l, fx, kx));
	dy = store_feed_date(y, pos_of(l, fy, ky));
	if (dx != dy)
		return dx > dy;
	if (fx != fy)
		return fx < fy;
	return kx < ky;
}

/*
 * Merge the feeds' lists, each already newest first, into l->rows with a
 * binary heap of the feeds' next items: O(n log feeds).
 */
static void
merge_rows(struct listing *l)
{
	size_t	*heap, *pos, n = 0, i, c, f, top;

	heap = xcalloc(l->nfeeds + 1, sizeof *heap);
	pos = xcalloc(l->nfeeds + 1, sizeof *pos);
	for (f = 0; f < l->nfeeds; f++) {
		if (l->nsel[f] == 0)
			continue;
		for (i = n++; i > 0; i = (i - 1) / 2) {
			top = heap[(i - 1) / 2];
			if (!row_before(l, f, 0, top, 0))
				break;
			heap[i] = top;
		}
		heap[i] = f;
	}
	while (n > 0) {
		f = heap[0];
		l->rows[l->nrows].fi = (uint32_t)f;
		l->rows[l->nrows++].i = pos_of(l, f, pos[f]++);
		if (pos[f] == l->nsel[f])
			f = heap[--n];
		for (i = 0; (c = 2 * i + 1) < n; i = c) {
			if (c + 1 < n && row_before(l, heap[c + 1],
			    pos[heap[c + 1]], heap[c], pos[heap[c]]))
				c++;
			if (!row_before(l, heap[c], pos[heap[c]], f, pos[f]))
				break;
			heap[i] = heap[c];
		}
		if (n > 0)
			heap[i] = f;
	}
	free(heap);
	free(pos);
}

/* An item's summary, read from its article file when a query asks. */
struct lazy {
	const struct store_feed	*f;
	size_t			 i;
	int			 done;
	char			 buf[16384];
};

static const char *
lazy_summary(void *arg)
{
	struct lazy	*z = arg;

	if (!z->done) {
		store_feed_summary(z->f, z->i, z->buf, sizeof z->buf);
		z->done = 1;
	}
	return z->buf;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The positions of feed f's items the search index found for word k
 * (sorted, each once) into *out; returns their count.
 */
static size_t
word_positions(const struct listing *l, const struct store_feed *f,
    size_t k, uint32_t **out)
{
	const struct search_hits	*h = &l->hits[k];
	uint32_t			*v;
	size_t				 lo, hi, mid, n = 0, j;
	long				 fk, pos;

	*out = NULL;
	if ((fk = search_hits_feed(h, store_feed_name(f))) < 0)
		return 0;
	lo = 0;
	hi = h->n;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (h->v[mid].feed < (uint32_t)fk)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < h->n && h->v[hi].feed == (uint32_t)fk; hi++)
		;
	v = xcalloc(hi - lo + 1, sizeof *v);
	for (j = lo; j < hi; j++) {
		if ((pos = store_feed_find(f, h->v[j].hash)) >= 0)
			v[n++] = (uint32_t)pos;
	}
	qsort(v, n, sizeof *v, cmp_u32);
	for (j = 0, hi = 0; j < n; j++) {
		if (hi == 0 || v[hi - 1] != v[j])
			v[hi++] = v[j];
	}
	*out = v;
	return hi;
}

/* Which words item si contains (*rank: the sum of their bm25). */
static uint64_t
item_words(const struct listing *l, const long *fk, uint64_t hash,
    double *rank)
{
	uint64_t	w = 0;
	size_t		k;
	long		j;

	*rank = 0;
	for (k = 0; k < l->nwords; k++) {
		if (fk[k] < 0 || (j = search_hits_find(&l->hits[k],
		    (uint32_t)fk[k], hash)) < 0)
			continue;
		w |= (uint64_t)1 << k;
		*rank += l->hits[k].v[j].rank;
	}
	return w;
}

/* The positions of a feed's items that match flt. */
static void
filter_feed(struct listing *l, size_t fi, const struct filter *flt)
{
	const struct store_feed	*f = l->feeds[fi];
	struct filter_item	 it;
	struct store_item	 si;
	struct lazy		*z;
	uint32_t		*cand = NULL;
	long			 fk[64];
	double			 rank;
	size_t			 n = store_feed_count(f), i, c, k = 0, ncand;

	z = xmalloc(sizeof *z);
	memset(&it, 0, sizeof it);
	it.feed = store_feed_name(f);
	it.feed_title = store_feed_get(f, NR_KEY_TITLE);
	it.get_summary = lazy_summary;
	it.arg = z;
	ncand = n;
	if (l->hits != NULL) {
		it.has_words = 1;
		for (c = 0; c < l->nwords; c++)
			fk[c] = search_hits_feed(&l->hits[c], it.feed);
		/* Only the items with a word every match has. */
		if (l->req >= 0)
			ncand = word_positions(l, f, (size_t)l->req, &cand);
	}
	l->sel[fi] = xcalloc(ncand + 1, sizeof **l->sel);
	l->rank[fi] = xcalloc(ncand + 1, sizeof **l->rank);
	for (c = 0; c < ncand; c++) {
		i = cand != NULL ? cand[c] : c;
		store_feed_item(f, i, &si);
		it.date = si.date;
		it.title = si.title;
		it.tags = si.tags;
		it.usertags = si.usertags;
		it.state = si.state;
		rank = 0;
		if (it.has_words)
			it.words = item_words(l, fk, si.hash, &rank);
		z->f = f;
		z->i = i;
		z->done = 0;
		if (filter_match(flt, &it)) {
			l->rank[fi][k] = rank;
			l->sel[fi][k++] = (uint32_t)i;
		}
	}
	l->nsel[fi] = k;
	free(cand);
	free(z);
}

/* Open every feed of the store; returns an exit status. */
static int
open_all(struct store *st, struct listing *l)
{
	char	**names, err[NR_ERRBUF_SIZE];
	size_t	  n, i;

	if (store_feeds(st, &names, &n, err) != NR_OK) {
		cli_error("%s", err);
		return NR_EXIT_ERROR;
	}
	l->feeds = xcalloc(n + 1, sizeof *l->feeds);
	l->sel = xcalloc(n + 1, sizeof *l->sel);
	l->nsel = xcalloc(n + 1, sizeof *l->nsel);
	l->rank = xcalloc(n + 1, sizeof *l->rank);
	for (i = 0; i < n; i++) {
		if (store_feed_open(st, names[i], &l->feeds[l->nfeeds], err) !=
		    NR_OK)
			cli_warn("%s: %s", names[i], err);
		else
			l->nfeeds++;
		free(names[i]);
	}
	free(names);
	return NR_EXIT_OK;
}

/*
 * Open only the feeds where the query's required word was found (the
 * others cannot match): a selective search over a million items in a
 * thousand feeds opens a few. Returns an exit status.
 */
static int
open_hit_feeds(struct store *st, struct listing *l)
{
	const struct search_hits	*h = &l->hits[l->req];
	char				 err[NR_ERRBUF_SIZE];
	uint8_t				*has;
	size_t				 i, n = 0;

	has = xcalloc(h->nfeeds + 1, 1);
	for (i = 0; i < h->n; i++) {
		if (h->v[i].feed < h->nfeeds && !has[h->v[i].feed]) {
			has[h->v[i].feed] = 1;
			n++;
		}
	}
	l->feeds = xcalloc(n + 1, sizeof *l->feeds);
	l->sel = xcalloc(n + 1, sizeof *l->sel);
	l->nsel = xcalloc(n + 1, sizeof *l->nsel);
	l->rank = xcalloc(n + 1, sizeof *l->rank);
	for (i = 0; i < h->nfeeds; i++) {
		if (!has[i])
			continue;
		if (store_feed_open(st, h->feeds[i], &l->feeds[l->nfeeds],
		    err) != NR_OK)
			cli_warn("%s: %s", h->feeds[i], err);
		else
			l->nfeeds++;
	}
	free(has);
	return NR_EXIT_OK;
}

/* Keep the items of every feed that match flt (NULL: all); merge them. */
static void
select_all(const struct filter *flt, struct listing *l)
{
	size_t	i, total = 0;

	for (i = 0; i < l->nfeeds; i++) {
		if (flt != NULL)
			filter_feed(l, i, flt);
		else
			l->nsel[i] = store_feed_count(l->feeds[i]);
		total += l->nsel[i];
	}
	l->rows = xcalloc(total + 1, sizeof *l->rows);
	merge_rows(l);
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

	for (i = 0; i < l->nfeeds; i++) {
		store_feed_close(l->feeds[i]);
		free(l->sel[i]);
		free(l->rank[i]);
	}
	for (i = 0; l->hits != NULL && i < l->nwords; i++)
		search_hits_free(&l->hits[i]);
	free(l->hits);
	free(l->rank);
	free(l->feeds);
	free(l->sel);
	free(l->nsel);
	free(l->rows);
}

/* The rank of row r (the sum of its words' bm25). */
static double
row_rank(const struct listing *l, const struct row *r)
{
	const uint32_t	*sel = l->sel[r->fi];
	size_t		 lo = 0, hi = l->nsel[r->fi], mid;

	if (sel == NULL)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (sel[mid] < r->i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->nsel[r->fi] ? l->rank[r->fi][lo] : 0;
}

struct ranked {
	double		rank;
	size_t		k;	/* its place newest first: ties keep it */
	struct row	row;
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* Order the rows by relevance: best bm25 first, then newest first. */
static void
sort_relevance(struct listing *l)
{
	struct ranked	*v;
	size_t		 i;

	v = xcalloc(l->nrows + 1, sizeof *v);
	for (i = 0; i < l->nrows; i++) {
		v[i].rank = row_rank(l, &l->rows[i]);
		v[i].k = i;
		v[i].row = l->rows[i];
	}
	qsort(v, l->nrows, sizeof *v, cmp_ranked);
	for (i = 0; i < l->nrows; i++)
		l->rows[i] = v[i].row;
	free(v);
}

/* Look the query's words up in the search index; 0 or an exit status. */
static int
find_words(struct listing *l, struct search *s, const struct filter *flt)
{
	const char	*word;
	char		 err[NR_ERRBUF_SIZE];
	size_t		 k;
	int		 prefix;

	l->nwords = filter_nwords(flt);
	l->req = filter_word_required(flt);
	l->hits = xcalloc(l->nwords + 1, sizeof *l->hits);
	for (k = 0; k < l->nwords; k++) {
		word = filter_word(flt, k, &prefix);
		if (search_query(s, word, prefix, &l->hits[k], err) != NR_OK) {
			cli_error("%s", err);
			return NR_EXIT_ERROR;
		}
	}
	return NR_EXIT_OK;
}

/* The snippet column of a row: the text around the query's words. */
static void
add_snippet(struct strbuf *out, struct search *s, const struct filter *flt,
    const struct store_feed *f, size_t pos)
{
	const char	*words[64];
	int		 prefix[64];
	char		*snip = NULL;
	size_t		 k, n;

	n = s != NULL && flt != NULL ? filter_nwords(flt) : 0;
	for (k = 0; k < n; k++)
		words[k] = filter_word(flt, k, &prefix[k]);
	if (n > 0 && search_snippet(s, f, pos, words, prefix, n, NULL, &snip,
	    NULL) != NR_OK) {
		free(snip);
		snip = NULL;
	}
	cli_row_add_field(out, snip != NULL ? snip : "");
	free(snip);
}

/* What "=NAME" in a query is looked up in, loaded on first use. */
struct names {
	struct cli_opts		*opts;
	struct store		*st;
	struct feedlist		*fl;
	struct cli_names	 nm;
	int			 loaded;
};

/*
 * filter_feed_cb: "=NAME" names a feed as --feed does (a name=, a
 * "~Title", the feed's own title, a URL of the feeds file, a unique
 * prefix); an unknown name is kept as written.
 */
static enum nr_err
resolve_feed(void *arg, const char *name, char **dir, char *errbuf)
{
	struct names	*n = arg;
	struct cli_feed	*f;
	enum nr_err	 err;

	if (!n->loaded) {
		n->loaded = 1;
		if (cli_feedlist_load(n->opts, 0, &n->fl) != NR_EXIT_OK)
			n->fl = NULL;
		else
			cli_feeds_resolve(n->st, n->fl);
		cli_names_init(&n->nm, n->st, n->fl);
	}
	if ((err = cli_names_find(&n->nm, name, &f, errbuf)) == NR_OK)
		*dir = xstrdup(f->name);
	return err;
}

/* Resolve the query's "=NAME"s; NR_EXIT_OK or a usage error (printed). */
static int
resolve_names(struct cli_opts *opts, struct store *st, struct filter *flt)
{
	struct names	n;
	enum nr_err	err;
	char		errbuf[NR_ERRBUF_SIZE];

	memset(&n, 0, sizeof n);
	n.opts = opts;
	n.st = st;
	err = filter_resolve_feeds(flt, resolve_feed, &n, errbuf);
	if (n.loaded) {
		cli_names_clear(&n.nm);
		feedlist_free(n.fl);
	}
	if (err != NR_OK) {
		cli_error("query: %s", errbuf);
		return NR_EXIT_USAGE;
	}
	return NR_EXIT_OK;
}

int
cli_list(struct cli_opts *opts)
{
	struct store		*st;
	struct search		*srch = NULL;
	struct listing		 l;
	struct store_item	 it;
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
	if (flt != NULL && (ret = resolve_names(opts, st, flt)) != NR_EXIT_OK) {
		store_free(st);
		filter_free(flt);
		return ret;
	}
	/* A word every match has: only its items are looked at. */
	if (flt == NULL || filter_word_required(flt) < 0)
		store_set_flags(st, NR_STORE_SCAN);
	strbuf_init(&out, 0);
	memset(&l, 0, sizeof l);
	if (flt != NULL && filter_word_required(flt) >= 0 &&
	    (srch = cli_search_reader(st, NULL, 0)) != NULL) {
		/* The index first: then only the feeds it found the word in. */
		if ((ret = find_words(&l, srch, flt)) == NR_EXIT_OK)
			ret = open_hit_feeds(st, &l);
	} else {
		ret = open_all(st, &l);
		if (ret == NR_EXIT_OK && flt != NULL &&
		    filter_nwords(flt) > 0 &&
		    (srch = cli_search_reader(st, l.feeds, l.nfeeds)) != NULL)
			ret = find_words(&l, srch, flt);
	}
	if (ret == NR_EXIT_OK)
		select_all(flt, &l);
	if (ret == NR_EXIT_OK) {
		if (opts->relevance && l.hits != NULL)
			sort_relevance(&l);
		for (i = 0; i < l.nrows; i++) {
			store_feed_item(l.feeds[l.rows[i].fi], l.rows[i].i,
			    &it);
			flags[0] = (it.state & NR_STATE_READ) ? '-' : 'N';
			flags[1] = (it.state & NR_STATE_STARRED) ? 'S' : '-';
			flags[2] = '\0';
			cli_row_add_tagstr(&out, it.hash, it.date, it.feed,
			    flags, it.title, it.tags, it.usertags, it.link);
			if (opts->snippet)
				add_snippet(&out, srch, flt,
				    l.feeds[l.rows[i].fi], l.rows[i].i);
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
	search_free(srch);
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
	struct store_feed	*f = NULL;
	char			 name[NR_FEED_NAME_MAX + 1];
	char			*path, *buf, err[NR_ERRBUF_SIZE];
	uint64_t		 h;
	size_t			 len;
	long			 pos;
	int			 ret;

	if (parse_id(opts->args[0], &h) != 0) {
		cli_error("%s: not an item id (16 hex digits)",
		    opts->args[0]);
		return NR_EXIT_USAGE;
	}
	if ((ret = cli_store_open(opts, &st)) != NR_EXIT_OK)
		return ret;
	if (store_item_locate(st, h, name, err) != NR_OK ||
	    store_feed_open(st, name, &f, err) != NR_OK ||
	    (pos = store_feed_find(f, h)) < 0) {
		cli_error("%s: no such item in %s", opts->args[0],
		    opts->datadir);
		ret = NR_EXIT_ERROR;
		goto out;
	}
	path = store_feed_path(f, (size_t)pos);
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
	store_feed_close(f);
	store_free(st);
	return ret;
}
