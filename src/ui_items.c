/*
 * The item list view: one feed's items, or every feed's items mixed
 * (with a feed column), newest first, unread in bold.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/error.h"
#include "newsreader/filter.h"
#include "newsreader/search.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

#define SNIP_CACHE	128	/* snippets kept per list */
#define SNIP_MIN	120	/* columns from which rows show them */

struct items_view {
	struct ui_list	 list;
	struct ui_ctx	*ctx;
	size_t		 fi;		/* UI_ALL for the mixed list */
	int		 h;
	struct ui_ref	*rows;		/* the source's rows that match */
	size_t		 nrows;
	size_t		 nsrc;		/* rows of the source */
	unsigned long	 gen;		/* ctx->gen when built */
	unsigned long	 fgen;		/* ctx->fgen when built */
	size_t		 unread;	/* unread rows, counted at */
	unsigned long	 ugen;		/* ctx->gen + ctx->mgen */
	int		 counted;
	int		 built;
	int		 refiltered;	/* the query or dates changed */
	int		 feedw;		/* mixed list: the feed column */
	char		*search;	/* a / search: its words (title) */
	char		*restore;	/* and the query before it */
	char		*label;		/* a saved filter's name (title) */
	int		 relevance;	/* S: best match first (bm25) */
	struct snip {
		uint64_t	 hash;
		unsigned long	 gen;	/* ctx->fgen (the query) */
		char		*text;
	} snips[SNIP_CACHE];		/* by hash: the rows drawn */
};

/*
 * The mixed list's rows that match: each feed's items are matched in
 * their own order (their strings lie together in memory, which is twice
 * as fast as the date order over 100k items), then the marks are read
 * in the mixed list's order.
 */
static void
build_all(struct items_view *v)
{
	struct ui_ctx	*c = v->ctx;
	unsigned char	*ok;
	size_t		*off, k, j, i, n = 0, cnt;

	off = xcalloc(c->nfeeds + 1, sizeof *off);
	for (k = 0; k < c->nfeeds; k++) {
		off[k] = n;
		n += c->feeds[k].sf != NULL ? store_feed_count(c->feeds[k].sf) :
		    0;
	}
	ok = xmalloc(n + 1);
	for (k = 0; k < c->nfeeds; k++) {
		if (c->feeds[k].sf == NULL)
			continue;
		cnt = store_feed_count(c->feeds[k].sf);
		for (j = 0; j < cnt; j++)
			ok[off[k] + j] = (unsigned char)ui_match(c, k, j, 1);
		/* Titles were read: let their pages go. */
		if (c->flt_title)
			store_feed_release(c->feeds[k].sf);
	}
	v->nrows = 0;
	for (i = 0; i < c->nall; i++) {
		if (ok[off[c->all[i].fi] + c->all[i].i])
			v->rows[v->nrows++] = c->all[i];
	}
	free(ok);
	free(off);
}

/* A row with its relevance and its place in date order. */
struct ranked {
	double		rank;
	size_t		pos;
	struct ui_ref	ref;
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Order the rows best match first, then newest first (S). */
static void
sort_relevance(struct items_view *v)
{
	struct ui_ctx	*c = v->ctx;
	struct ranked	*r;
	size_t		 i;

	r = xcalloc(v->nrows + 1, sizeof *r);
	for (i = 0; i < v->nrows; i++) {
		r[i].ref = v->rows[i];
		r[i].pos = i;
		r[i].rank = ui_rank(c, v->rows[i].fi, store_feed_hash(
		    c->feeds[v->rows[i].fi].sf, v->rows[i].i));
	}
	qsort(r, v->nrows, sizeof *r, cmp_ranked);
	for (i = 0; i < v->nrows; i++)
		v->rows[i] = r[i].ref;
	free(r);
}

static int	c_words(struct items_view *);

/* Keep the source's rows that match the query and the dates. */
static void
build(struct items_view *v)
{
	struct ui_ctx		*c = v->ctx;
	struct ui_ref		 ref;
	struct timespec		 t0, t1;
	size_t			 n, i;
	double			 ms, first = 0, best = 0;
	int			 r, bench;

	n = ui_source_count(c, v->fi);
	if (v->built && v->gen == c->gen && v->fgen == c->fgen &&
	    v->nsrc == n)
		return;
	free(v->rows);
	v->rows = xcalloc(n + 1, sizeof *v->rows);
	/* NR_UI_BENCH: time it, ten times over; the status line says. */
	bench = getenv("NR_UI_BENCH") != NULL ? 10 : 1;
	for (r = 0; r < bench; r++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ui_scan_begin(c);
		if (v->fi == UI_ALL && (c->flt != NULL || c->day_span != 0))
			build_all(v);
		else {
			v->nrows = 0;
			for (i = 0; i < n; i++) {
				ref = ui_source_ref(c, v->fi, i);
				if ((c->flt != NULL || c->day_span != 0) &&
				    !ui_match(c, ref.fi, ref.i, 1))
					continue;
				v->rows[v->nrows++] = ref;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1e3 +
		    (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (r == 0)
			first = best = ms;
		else if (ms < best)
			best = ms;
	}
	if (v->relevance && c_words(v))
		sort_relevance(v);
	v->refiltered = v->built && v->fgen != c->fgen;
	v->nsrc = n;
	v->gen = c->gen;
	v->fgen = c->fgen;
	v->built = 1;
	v->counted = 0;
	if (bench > 1) {
		ui_status(c, 0, "bench: [%.100s] filtered %zu of %zu items "
		    "in %.2f ms (first), %.2f ms (best of %d)", c->query,
		    v->nrows, n, first, best, bench);
		log_debug("%s", c->status);
	}
}

/* Rows in the view. */
static size_t
count(struct items_view *v)
{
	build(v);
	return v->nrows;
}

/* Row i's item, and its feed (the return value). */
static size_t
entry(struct items_view *v, size_t i, struct store_item *it)
{
	ui_item(v->ctx, v->rows[i].fi, v->rows[i].i, it);
	return v->rows[i].fi;
}

/* The hash of row i's item. */
static uint64_t
row_hash(struct items_view *v, size_t i)
{
	return store_feed_hash(v->ctx->feeds[v->rows[i].fi].sf,
	    v->rows[i].i);
}

/* The row of item hash of feed fi, or -1. */
static long
find_row(struct items_view *v, size_t fi, uint64_t hash)
{
	size_t	i;
	long	pos;

	if (v->list.cur < v->nrows && v->rows[v->list.cur].fi == fi &&
	    row_hash(v, v->list.cur) == hash)
		return (long)v->list.cur;
	if ((pos = ui_find(v->ctx, fi, hash)) < 0)
		return -1;
	for (i = 0; i < v->nrows; i++) {
		if (v->rows[i].fi == fi && v->rows[i].i == (uint32_t)pos)
			return (long)i;
	}
	return -1;
}

/* Put the list's cursor on the remembered item (it may have moved). */
static void
sync_in(struct items_view *v)
{
	struct ui_ctx	*c = v->ctx;
	struct ui_feed	*f;
	size_t		 n = count(v);
	long		 i;

	ui_list_set_count(&v->list, n);
	if (n == 0)
		return;
	if (v->fi == UI_ALL) {
		i = find_row(v, c->all_fi, c->all_hash);
		if (i >= 0)
			ui_list_set(&v->list, (size_t)i);
		else if (v->refiltered)
			ui_list_set(&v->list, 0);
		v->refiltered = 0;
		c->all_fi = v->rows[v->list.cur].fi;
		c->all_hash = row_hash(v, v->list.cur);
		return;
	}
	f = &c->feeds[v->fi];
	i = find_row(v, v->fi, f->cursor);
	if (i >= 0)
		ui_list_set(&v->list, (size_t)i);
	else if (v->refiltered)
		ui_list_set(&v->list, 0);
	v->refiltered = 0;
	if (i < 0)
		f->cursor = row_hash(v, v->list.cur);
}

/* Remember the item under the cursor. */
static void
sync_out(struct items_view *v)
{
	struct ui_feed	*f;
	uint64_t	 h;
	size_t		 fi;

	if (count(v) == 0)
		return;
	fi = v->rows[v->list.cur].fi;
	h = row_hash(v, v->list.cur);
	if (v->fi == UI_ALL) {
		v->ctx->all_fi = fi;
		v->ctx->all_hash = h;
		return;
	}
	f = &v->ctx->feeds[fi];
	if (f->cursor != h) {
		f->cursor = h;
		f->cursor_dirty = 1;
	}
}

int
ui_items_by_rank(void *data)
{
	struct items_view	*v = data;

	return v->relevance && c_words(v);
}

size_t
ui_items_rows(void *data, const struct ui_ref **rows)
{
	struct items_view	*v = data;
	size_t			 n = count(v);

	*rows = v->rows;
	return n;
}

/*
 * The mixed list's feed column: as wide as the longest feed title, up
 * to a third of the screen (at least 4 columns).
 */
static int
feed_width(struct ui_ctx *c, int w)
{
	size_t	i;
	int	fw, max = 4;

	for (i = 0; i < c->nfeeds && max < w / 3; i++) {
		fw = ui_text_width(c->feeds[i].title != NULL ?
		    c->feeds[i].title : c->feeds[i].name);
		if (fw > max)
			max = fw;
	}
	return max < w / 3 ? max : w / 3 > 4 ? w / 3 : 4;
}

static void *
items_init(struct ui_ctx *c, void *arg)
{
	struct items_view	*v;
	long			 fi = *(long *)arg;

	v = xcalloc(1, sizeof *v);
	ui_list_init(&v->list);
	v->ctx = c;
	v->fi = fi < 0 ? UI_ALL : (size_t)fi;
	v->h = 1;
	sync_in(v);
	return v;
}

static void
items_free(void *data)
{
	struct items_view	*v = data;
	size_t			 i;

	if (v == NULL)
		return;
	/* Back from a / search: the query it narrowed comes back. */
	if (v->restore != NULL)
		(void)ui_filter_set(v->ctx, v->restore, NULL, NULL);
	free(v->restore);
	free(v->search);
	free(v->label);
	for (i = 0; i < SNIP_CACHE; i++)
		free(v->snips[i].text);
	free(v->rows);
	free(v);
}

/*
 * The / prompt of an item list is done: the list narrowed to the items
 * that also match text (words search the full text), as a list of its
 * own; q goes back to the list and the query as they were.
 */
static void
narrow_done(struct ui_ctx *c, void *arg, const char *text)
{
	struct items_view	*v = arg;
	char			*q, msg[NR_ERRBUF_SIZE];
	size_t			 col = 0, off;
	long			 fi = v->fi == UI_ALL ? -1 : (long)v->fi;

	if (text[0] == '\0')
		return;
	off = c->query[0] != '\0' ? strlen(c->query) + 3 : 0;
	q = off > 0 ? xasprintf("(%s) %s", c->query, text) : xstrdup(text);
	if (ui_items_query(c, fi, q, NULL, text, &col, msg) != 0) {
		ui_prompt(c, "/", text, narrow_done, v);
		ui_prompt_history(c, UI_HIST_SEARCH);
		ui_prompt_error(c, col > off ? col - off : 0, msg);
	}
	free(q);
}

int
ui_items_query(struct ui_ctx *c, long fi, const char *q, const char *label,
    const char *search, size_t *col, char *msg)
{
	struct items_view	*v;
	char			*old = xstrdup(c->query);
	int			 depth = c->depth;

	if (ui_filter_set(c, q, col, msg) != 0) {
		free(old);
		return -1;
	}
	ui_view_push(c, &ui_items_view, &fi);
	if (c->depth == depth) {
		/* The view stack is full: nothing opens, nothing changes. */
		(void)ui_filter_set(c, old, NULL, NULL);
		free(old);
		ui_status(c, 1, "too many lists open: q goes back");
		return 0;
	}
	v = c->stack[c->depth - 1].data;
	v->restore = old;
	v->label = label != NULL ? xstrdup(label) : NULL;
	v->search = search != NULL ? xstrdup(search) : NULL;
	return 0;
}

/* The tags of an entry, comma-separated, into sb. */
static void
tag_list(const char *tags, struct strbuf *sb)
{
	const char	*p;

	for (p = tags; p != NULL && *p != '\0'; p++)
		strbuf_addc(sb, *p == '\n' ? ',' : *p);
}

/*
 * Row i's snippet: the text around the first match of the query's words
 * (search_snippet), kept by item hash until the query changes, so a
 * screen costs one lookup per row once.
 */
/* True when the query has words and the search index is open. */
static int
c_words(struct items_view *v)
{
	return v->ctx->flt != NULL && v->ctx->srch != NULL &&
	    filter_nwords(v->ctx->flt) > 0;
}

static const char *
row_snippet(struct items_view *v, size_t i)
{
	struct ui_ctx	*c = v->ctx;
	const char	*words[64];
	int		 prefix[64];
	struct snip	*s;
	uint64_t	 h = row_hash(v, i);
	size_t		 n, k;
	char		*out = NULL;

	s = &v->snips[h % SNIP_CACHE];
	if (s->text != NULL && s->hash == h && s->gen == c->fgen)
		return s->text;
	free(s->text);
	n = filter_nwords(c->flt);
	if (n > 64)
		n = 64;
	for (k = 0; k < n; k++)
		words[k] = filter_word(c->flt, k, &prefix[k]);
	if (search_snippet(c->srch, c->feeds[v->rows[i].fi].sf, v->rows[i].i,
	    words, prefix, n, NULL, &out, NULL) != NR_OK) {
		free(out);
		out = NULL;
	}
	s->hash = h;
	s->gen = c->fgen;
	s->text = out != NULL ? out : xstrdup("");
	return s->text;
}

/*
 * Narrow screens under a query with words: rows take two lines, the
 * second the snippet, indented under the title.
 */
static int
two_lines(struct items_view *v, int w, int h)
{
	return w < SNIP_MIN && h >= 4 && c_words(v);
}

static void
items_snip_line(void *arg, size_t i, int w, struct strbuf *sb, int *attr)
{
	struct items_view	*v = arg;

	(void)w;
	(void)attr;
	strbuf_adds(sb, "      ");
	strbuf_adds(sb, row_snippet(v, i));
}

/* One row: flags, date, [feed,] title, tags (or a snippet). */
static void
items_row(void *arg, size_t i, int w, struct strbuf *sb, int *attr)
{
	struct items_view	*v = arg;
	struct ui_feed		*f;
	struct store_item	 it, *e = &it;
	struct strbuf		 tags;
	char			 date[32], *made;
	const char		*snip;
	size_t			 fi;
	int			 rest, tagw = 0, feedw;

	fi = entry(v, i, e);
	/* Two flag columns: unread, starred. */
	strbuf_addc(sb, e->state & NR_STATE_READ ? ' ' : 'N');
	strbuf_addc(sb, e->state & NR_STATE_STARRED ? '*' : ' ');
	strbuf_addc(sb, ' ');
	rest = w - 3;
	ui_date(e->date, 0, date, sizeof date);
	if (rest >= 30) {
		ui_text_pad(sb, date, 10);
		strbuf_addc(sb, ' ');
		rest -= 11;
	} else if (rest >= 16) {
		ui_text_pad(sb, date + 5, 5);
		strbuf_addc(sb, ' ');
		rest -= 6;
	}
	if (v->fi == UI_ALL && rest >= 30) {
		f = &v->ctx->feeds[fi];
		feedw = v->feedw;
		ui_text_pad(sb, f->title != NULL ? f->title : f->name, feedw);
		strbuf_addc(sb, ' ');
		rest -= feedw + 1;
	}
	strbuf_init(&tags, 0);
	tag_list(e->tags, &tags);
	if (*e->usertags != '\0') {
		if (tags.len > 0)
			strbuf_addc(&tags, ',');
		tag_list(e->usertags, &tags);
	}
	/* Words in the query, a wide screen: the snippet, not the tags. */
	snip = w >= SNIP_MIN && c_words(v) ? row_snippet(v, i) : NULL;
	if (snip != NULL)
		tagw = rest / 2;
	else if (tags.len > 0 && rest >= 50)
		tagw = rest / 4;
	/* No title: one made from the link, as newsboat does. */
	made = e->title == NULL || *e->title == '\0' ?
	    text_title_from_url(e->link) : NULL;
	ui_text_pad(sb, made != NULL ? made : e->title != NULL &&
	    *e->title != '\0' ? e->title : "(no title)",
	    rest - (tagw > 0 ? tagw + 1 : 0));
	free(made);
	if (tagw > 0) {
		strbuf_addc(sb, ' ');
		ui_text_pad(sb, snip != NULL ? snip : strbuf_str(&tags), tagw);
	}
	strbuf_clear(&tags);
	if (!(e->state & NR_STATE_READ))
		*attr |= UI_C_UNREAD;
}

/* The unread rows (counted again when rows or marks changed). */
static size_t
unread_rows(struct items_view *v)
{
	struct ui_ctx	*c = v->ctx;
	size_t		 i;

	if (v->counted && v->ugen == c->gen + c->mgen)
		return v->unread;
	v->unread = 0;
	for (i = 0; i < v->nrows; i++)
		v->unread += !(store_feed_state(c->feeds[v->rows[i].fi].sf,
		    v->rows[i].i) & NR_STATE_READ);
	v->ugen = c->gen + c->mgen;
	v->counted = 1;
	return v->unread;
}

/*
 * "NAME - 3 unread, 7 of 206 items": the counts of the rows shown under
 * a query or dates, of the whole source otherwise.
 */
static void
set_title(struct items_view *v, const char *name)
{
	struct ui_ctx	*c = v->ctx;
	struct ui_feed	*f;
	size_t		 unread = 0, total = 0, k;
	char		 of[48] = "";

	if (v->fi == UI_ALL) {
		for (k = 0; k < c->nfeeds; k++) {
			unread += c->feeds[k].unread;
			total += c->feeds[k].total;
		}
	} else {
		f = &c->feeds[v->fi];
		unread = f->unread;
		total = f->total;
	}
	if (c->flt != NULL || c->day_span != 0) {
		unread = unread_rows(v);
		snprintf(of, sizeof of, "%zu of ", v->nrows);
	}
	snprintf(c->title, sizeof c->title, "%s - %zu unread, %s%zu item%s",
	    name, unread, of, total, total == 1 ? "" : "s");
}

static void
items_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct items_view	*v = data;
	struct ui_feed		*f = NULL;
	char			 name[320];

	v->h = two_lines(v, w, h) ? h / 2 : h;
	sync_in(v);
	ui_filter_hint(c, v->nrows, c->hint, sizeof c->hint);
	if (v->label != NULL)
		snprintf(name, sizeof name, "%.256s", v->label);
	else if (v->fi == UI_ALL)
		snprintf(name, sizeof name, "All items (%zu feed%s)",
		    c->nfeeds, c->nfeeds == 1 ? "" : "s");
	else {
		f = &c->feeds[v->fi];
		snprintf(name, sizeof name, "%s%s%.256s%s", f->name,
		    f->title != NULL ? " (" : "", f->title != NULL ? f->title :
		    "", f->title != NULL ? ")" : "");
	}
	if (v->search != NULL)
		snprintf(name + strlen(name), sizeof name - strlen(name),
		    " - search: %.64s", v->search);
	if (v->relevance && c_words(v))
		snprintf(name + strlen(name), sizeof name - strlen(name),
		    " - by relevance");
	set_title(v, name);
	if (v->fi == UI_ALL)
		v->feedw = feed_width(c, w);
	if (v->nrows == 0 && c->hits_pending) {
		ui_draw_text(y, 0, w, "Searching...", 0);
		return;
	}
	if (v->nrows == 0 && v->nsrc > 0) {
		ui_draw_text(y, 0, w, "No items match. Press c to clear the "
		    "filter, 0 for all dates.", 0);
		return;
	}
	if (f == NULL) {
		if (c->nall == 0) {
			ui_draw_text(y, 0, w, "No items. Press R to refresh "
			    "all feeds.", 0);
			return;
		}
		ui_list_draw2(&v->list, y, h, w, items_row, two_lines(v, w, h) ?
		    items_snip_line : NULL, v);
		return;
	}
	if (f->refreshing && c->status[0] == '\0')
		ui_status(c, 0, "%s: refreshing...", f->name);
	else if (f->error != NULL && c->status[0] == '\0')
		ui_status(c, 1, "%s: FAIL: %s", f->name, f->error);
	if (f->total == 0) {
		ui_draw_text(y, 0, w, f->refreshing ? "No items yet; "
		    "refreshing..." : "No items. Press r to refresh.", 0);
		return;
	}
	ui_list_draw2(&v->list, y, h, w, items_row, two_lines(v, w, h) ?
	    items_snip_line : NULL, v);
}

/* Search: title, tags and the summary (read from the article file). */
static int
items_match(void *arg, size_t i)
{
	struct items_view	*v = arg;
	struct store_item	 it;
	char			 sum[4096];
	size_t			 fi;

	fi = entry(v, i, &it);
	if (ui_search_match(v->ctx, it.title) ||
	    ui_search_match(v->ctx, it.tags) ||
	    ui_search_match(v->ctx, it.usertags))
		return 1;
	return ui_search_match(v->ctx, store_feed_summary(
	    v->ctx->feeds[fi].sf, v->rows[i].i, sum, sizeof sum));
}

/* An unread entry. */
static int
items_unread(void *arg, size_t i)
{
	struct items_view	*v = arg;

	return !(store_feed_state(v->ctx->feeds[v->rows[i].fi].sf,
	    v->rows[i].i) & NR_STATE_READ);
}

/* The item that a user tag prompt is about. */
static struct {
	size_t		 fi;
	uint64_t	 hash;
} tagging;

/* True when item hash of feed fi has user tag tag. */
static int
has_usertag(struct ui_ctx *c, size_t fi, uint64_t hash, const char *tag)
{
	struct store_item	 it;
	const char		*p;
	size_t			 n = strlen(tag);
	long			 pos;

	if ((pos = ui_find(c, fi, hash)) < 0)
		return 0;
	ui_item(c, fi, (size_t)pos, &it);
	for (p = it.usertags; *p != '\0'; ) {
		if (strncmp(p, tag, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return 1;
		if ((p = strchr(p, '\n')) == NULL)
			break;
		p++;
	}
	return 0;
}

/* The user tag prompt is done: add (arg non-NULL) or remove the tag. */
static void
usertag_done(struct ui_ctx *c, void *arg, const char *text)
{
	char	*tag;
	int	 add = arg != NULL;

	if (text[0] == '\0')
		return;
	tag = text_lower(text);
	if (!store_usertag_valid(tag)) {
		ui_status(c, 1, "bad tag '%.64s': no blanks, commas, quotes "
		    "or parentheses, not starting with + - @ = ~ /", text);
		free(tag);
		return;
	}
	if (!add && !has_usertag(c, tagging.fi, tagging.hash, tag))
		ui_status(c, 1, "no user tag '%s' on this item (feed tags "
		    "cannot be removed)", tag);
	else
		ui_feed_usertag(c, tagging.fi, tagging.hash, tag, add);
	free(tag);
}

/* Move the cursor to the first row after the dates changed. */
static void
date_moved(struct items_view *v)
{
	ui_list_set_count(&v->list, count(v));
	ui_list_set(&v->list, 0);
	sync_out(v);
}

static int
items_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct items_view	*v = data;
	struct store_item	 it, *e = &it;
	struct ui_ref		 cur;
	struct ui_article_arg	 a;
	size_t			 fi;
	long			 i;
	int			 fl;

	sync_in(v);
	if (op == NR_OP_REFRESH) {
		if (v->fi == UI_ALL)
			return 0;	/* ui.c: like R */
		ui_feed_refresh(c, v->fi);
		return 1;
	}
	if (ui_list_op(&v->list, op, v->h)) {
		sync_out(v);
		return 1;
	}
	switch (op) {
	case NR_OP_SEARCH:
		ui_prompt(c, "/", "", narrow_done, v);
		ui_prompt_history(c, UI_HIST_SEARCH);
		return 1;
	case NR_OP_PREV_DAY:
	case NR_OP_NEXT_DAY:
	case NR_OP_PREV_WEEK:
	case NR_OP_NEXT_WEEK:
		if (count(v) > 0)
			cur = v->rows[v->list.cur];
		if (ui_date_step(c, v->fi, op == NR_OP_PREV_DAY ||
		    op == NR_OP_PREV_WEEK ? -1 : 1, op == NR_OP_PREV_DAY ||
		    op == NR_OP_NEXT_DAY ? 1 : 7, count(v) > 0 ? &cur : NULL)
		    == 0)
			date_moved(v);
		return 1;
	case NR_OP_ALL_DATES:
		ui_date_clear(c);
		sync_in(v);
		return 1;
	case NR_OP_SORT:
		if (!c_words(v)) {
			ui_status(c, 1, "S: relevance order is for a query "
			    "with words (a search)");
			return 1;
		}
		/* The same item stays under the cursor. */
		sync_out(v);
		v->relevance = !v->relevance;
		v->built = 0;
		sync_in(v);
		ui_status(c, 0, v->relevance ? "best match first" :
		    "newest first");
		return 1;
	default:
		break;
	}
	if (count(v) == 0)
		return 0;
	fi = entry(v, v->list.cur, e);
	switch (op) {
	case NR_OP_USERTAG_ADD:
	case NR_OP_USERTAG_REMOVE:
		tagging.fi = fi;
		tagging.hash = e->hash;
		if (op == NR_OP_USERTAG_ADD)
			ui_prompt(c, "add tag: ", "", usertag_done, &tagging);
		else
			ui_prompt(c, "remove tag: ", "", usertag_done, NULL);
		ui_prompt_history(c, UI_HIST_TAG);
		return 1;
	case NR_OP_OPEN:
	case NR_OP_FULLTEXT:
		a.fi = v->fi == UI_ALL ? -1 : (long)v->fi;
		a.list = v;
		a.fetch = op == NR_OP_FULLTEXT;
		ui_view_push(c, &ui_article_view, &a);
		return 1;
	case NR_OP_NEXT_UNREAD:
	case NR_OP_PREV_UNREAD:
		i = ui_list_find(&v->list, op == NR_OP_NEXT_UNREAD ? 1 : -1,
		    items_unread, v, 1);
		if (i < 0)
			ui_status(c, 0, "no unread items");
		else
			ui_list_set(&v->list, (size_t)i);
		sync_out(v);
		return 1;
	case NR_OP_SEARCH_NEXT:
		if (!ui_list_search_next(c, &v->list, items_match, v))
			return 0;
		sync_out(v);
		return 1;
	case NR_OP_TOGGLE_READ:
		fl = e->state & NR_STATE_READ;
		ui_feed_mark(c, fi, &e->hash, 1, fl ? 0 : NR_STATE_READ,
		    fl ? NR_STATE_READ : 0);
		ui_status(c, 0, fl ? "marked unread" : "marked read");
		return 1;
	case NR_OP_TOGGLE_STAR:
		fl = e->state & NR_STATE_STARRED;
		ui_feed_mark(c, fi, &e->hash, 1, fl ? 0 : NR_STATE_STARRED,
		    fl ? NR_STATE_STARRED : 0);
		ui_status(c, 0, fl ? "unstarred" : "starred");
		return 1;
	case NR_OP_MARK_ALL_READ:
		/* Exactly the rows shown: the query and dates included. */
		ui_mark_rows(c, v->rows, v->nrows, (size_t)v->h);
		return 1;
	case NR_OP_OPEN_LINK:
		ui_open_url(c, e->link);
		return 1;
	case NR_OP_COPY_LINK:
		ui_copy_url(c, e->link);
		return 1;
	default:
		return 0;
	}
}

static const struct ui_hint items_hint[] = {
	{ NR_OP_BACK, "back" }, { NR_OP_OPEN, "open" },
	{ NR_OP_TOGGLE_READ, "read" }, { NR_OP_TOGGLE_STAR, "star" },
	{ NR_OP_MARK_ALL_READ, "mark all read" }, { NR_OP_FILTER, "filter" },
	{ NR_OP_SEARCH, "search" }, { NR_OP_HELP, "help" },
	{ NR_OP_NONE, NULL }
};

static const enum nr_op items_ops[] = {
	NR_OP_OPEN, NR_OP_NEXT_UNREAD, NR_OP_PREV_UNREAD, NR_OP_TOGGLE_READ,
	NR_OP_TOGGLE_STAR, NR_OP_MARK_ALL_READ, NR_OP_REFRESH,
	NR_OP_OPEN_LINK, NR_OP_COPY_LINK, NR_OP_SEARCH, NR_OP_SEARCH_NEXT,
	NR_OP_USERTAG_ADD, NR_OP_USERTAG_REMOVE, NR_OP_PREV_DAY,
	NR_OP_NEXT_DAY, NR_OP_PREV_WEEK, NR_OP_NEXT_WEEK, NR_OP_ALL_DATES,
	NR_OP_SORT, NR_OP_FULLTEXT, NR_OP_NONE
};

const struct ui_view ui_items_view = {
	"items", items_init, items_free, items_draw, items_key, items_hint,
	items_ops
};
