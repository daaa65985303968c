/*
 * The tag view: every tag (the feeds' and the user's) with unread and
 * total counts, by count or name; keys add +tag or -tag to the query.
 */
#include "nr_config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct tag_row {
	char		*name;
	size_t		 unread;
	size_t		 total;
};

/* One tag of one tag list while counting, with that list's counts. */
struct tag_ref {
	const char	*s;
	size_t		 len;
	size_t		 total;
	size_t		 unread;
};

/*
 * A tag list (a string of the index, shared by the items that have the
 * same tags) and how many items have it: counted by pointer first, so
 * a million items cost a million lookups, not a million sorts.
 */
struct list_count {
	const char	*s;
	size_t		 total;
	size_t		 unread;
};

struct tags_view {
	struct ui_list	 list;
	struct ui_ctx	*ctx;
	struct tag_row	*rows;
	size_t		 nrows;
	int		 by_name;
	int		 h;
	unsigned long	 gen;		/* ctx->gen + mgen + fgen built */
	int		 built;
};

/* Order tag references by name (bytes). */
static int
cmp_ref(const void *a, const void *b)
{
	const struct tag_ref	*x = a, *y = b;
	int			 r;

	r = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	if (r != 0)
		return r;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Most items first, then by name. */
static int
cmp_count(const void *a, const void *b)
{
	const struct tag_row	*x = a, *y = b;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
cmp_name(const void *a, const void *b)
{
	const struct tag_row	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void
rows_free(struct tags_view *v)
{
	size_t	i;

	for (i = 0; i < v->nrows; i++)
		free(v->rows[i].name);
	free(v->rows);
	v->rows = NULL;
	v->nrows = 0;
}

/* Sort the rows as chosen. */
static void
sort_rows(struct tags_view *v)
{
	qsort(v->rows, v->nrows, sizeof *v->rows, v->by_name ? cmp_name :
	    cmp_count);
}

/* Count one item's tag list s in the table. */
static void
count_list(struct list_count **tab, size_t *size, size_t *n, const char *s,
    int unread)
{
	struct list_count	*old;
	size_t			 k, i, oldsize;

	if (*s == '\0')
		return;
	if (2 * (*n + 1) > *size) {
		old = *tab;
		oldsize = *size;
		*size = *size ? *size * 2 : 1024;
		*tab = xcalloc(*size, sizeof **tab);
		for (i = 0; i < oldsize; i++) {
			if (old[i].s == NULL)
				continue;
			k = ((uintptr_t)old[i].s >> 3) & (*size - 1);
			while ((*tab)[k].s != NULL)
				k = (k + 1) & (*size - 1);
			(*tab)[k] = old[i];
		}
		free(old);
	}
	k = ((uintptr_t)s >> 3) & (*size - 1);
	while ((*tab)[k].s != NULL && (*tab)[k].s != s)
		k = (k + 1) & (*size - 1);
	if ((*tab)[k].s == NULL) {
		(*tab)[k].s = s;
		(*n)++;
	}
	(*tab)[k].total++;
	(*tab)[k].unread += unread != 0;
}

/*
 * Count every tag over every item in the date range (the query is what
 * the tags build, so it does not narrow the counts).
 */
static void
build(struct tags_view *v)
{
	struct ui_ctx		*c = v->ctx;
	struct store_cols	*cols;
	struct store_feed	*sf;
	struct tag_ref		*refs = NULL;
	struct list_count	*tab = NULL;
	const char		*p, *nl;
	char			*cur = NULL;
	size_t			 n, i, m, fi, nrefs = 0, cap = 0, k, size = 0;
	size_t			 nl_ = 0;
	int			 unread;

	n = ui_source_count(c, UI_ALL);
	if (v->built && v->gen == c->gen + c->mgen + c->fgen)
		return;
	if (v->nrows > 0 && v->list.cur < v->nrows)
		cur = xstrdup(v->rows[v->list.cur].name);
	rows_free(v);
	/* Feed by feed (each one's pages let go after), in any order. */
	(void)n;
	for (fi = 0; fi < c->nfeeds; fi++) {
		if ((cols = ui_feed_cols(c, fi)) == NULL)
			continue;
		sf = c->feeds[fi].sf;
		m = cols->n;
		i = 0;
		if (c->day_span != 0) {
			i = ui_before(c, fi, c->day_hi);
			m = ui_before(c, fi, c->day_lo);
		}
		/* Counted by list: a list's string is read once. */
		for (; i < m; i++) {
			unread = !(cols->state[i] & NR_STATE_READ);
			count_list(&tab, &size, &nl_,
			    store_feed_tagstr(sf, cols, i, 0), unread);
			count_list(&tab, &size, &nl_,
			    store_feed_tagstr(sf, cols, i, 1), unread);
		}
	}
	for (k = 0; k < size; k++) {
		if (tab[k].s == NULL)
			continue;
		for (p = tab[k].s; *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			if (nrefs == cap) {
				cap = cap ? cap * 2 : 256;
				refs = xreallocarray(refs, cap, sizeof *refs);
			}
			refs[nrefs].s = p;
			refs[nrefs].len = nl != NULL ? (size_t)(nl - p) :
			    strlen(p);
			refs[nrefs].total = tab[k].total;
			refs[nrefs++].unread = tab[k].unread;
			if (nl == NULL)
				break;
		}
	}
	free(tab);
	if (nrefs > 0)
		qsort(refs, nrefs, sizeof *refs, cmp_ref);
	v->rows = xcalloc(nrefs + 1, sizeof *v->rows);
	for (i = 0; i < nrefs; i++) {
		if (refs[i].len == 0)
			continue;
		if (v->nrows == 0 || cmp_ref(&refs[i], &refs[i - 1]) != 0 ||
		    i == 0) {
			v->rows[v->nrows].name = xmalloc(refs[i].len + 1);
			memcpy(v->rows[v->nrows].name, refs[i].s, refs[i].len);
			v->rows[v->nrows++].name[refs[i].len] = '\0';
		}
		v->rows[v->nrows - 1].total += refs[i].total;
		v->rows[v->nrows - 1].unread += refs[i].unread;
	}
	free(refs);
	sort_rows(v);
	ui_list_set_count(&v->list, v->nrows);
	for (k = 0; cur != NULL && k < v->nrows; k++) {
		if (strcmp(v->rows[k].name, cur) == 0)
			ui_list_set(&v->list, k);
	}
	free(cur);
	v->gen = c->gen + c->mgen + c->fgen;
	v->built = 1;
}

static void *
tags_init(struct ui_ctx *c, void *arg)
{
	struct tags_view	*v;

	(void)arg;
	v = xcalloc(1, sizeof *v);
	ui_list_init(&v->list);
	v->ctx = c;
	v->h = 1;
	build(v);
	return v;
}

static void
tags_free(void *data)
{
	struct tags_view	*v = data;

	if (v == NULL)
		return;
	rows_free(v);
	free(v);
}

/* One row: the tag's state in the query, counts, name. */
static void
tags_row(void *arg, size_t i, int w, struct strbuf *sb, int *attr)
{
	struct tags_view	*v = arg;
	struct tag_row		*r = &v->rows[i];
	char			 num[48];
	int			 sign;

	sign = ui_filter_has_tag(v->ctx, r->name);
	strbuf_addc(sb, sign != 0 ? (char)sign : ' ');
	snprintf(num, sizeof num, "%5zu/%-5zu ", r->unread, r->total);
	ui_text_pad(sb, num, 12);
	if (w > 13)
		ui_text_pad(sb, r->name, w - 13);
	if (r->unread > 0)
		*attr |= UI_C_UNREAD;
}

static void
tags_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct tags_view	*v = data;

	v->h = h;
	build(v);
	ui_list_set_count(&v->list, v->nrows);
	snprintf(c->title, sizeof c->title, "Tags (%zu) - by %s - "
	    "Space:+tag  x:-tag  Enter:items  S:sort", v->nrows,
	    v->by_name ? "name" : "count");
	if (c->query[0] != '\0' || c->day_span != 0)
		snprintf(c->hint, sizeof c->hint, "filter: %.200s%s",
		    c->query[0] != '\0' ? c->query : "(none)",
		    c->day_span != 0 ? "  (counts: the chosen dates)" : "");
	if (v->nrows == 0) {
		ui_draw_text(y, 0, w, "No tags.", 0);
		return;
	}
	ui_list_draw(&v->list, y, h, w, tags_row, v);
}

/* Search: the tag's name. */
static int
tags_match(void *arg, size_t i)
{
	struct tags_view	*v = arg;

	return ui_search_match(v->ctx, v->rows[i].name);
}

static int
tags_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct tags_view	*v = data;
	const char		*tag;
	long			 i, all = -1;

	build(v);
	if (op == NR_OP_PAGE_DOWN && c->lastkey == ' ' && v->nrows > 0) {
		ui_filter_tag(c, v->rows[v->list.cur].name, '+');
		return 1;
	}
	if (ui_list_op(&v->list, op, v->h))
		return 1;
	if (op == NR_OP_SORT) {
		tag = v->nrows > 0 ? v->rows[v->list.cur].name : NULL;
		v->by_name = !v->by_name;
		sort_rows(v);
		for (i = 0; tag != NULL && (size_t)i < v->nrows; i++) {
			if (v->rows[i].name == tag)
				ui_list_set(&v->list, (size_t)i);
		}
		return 1;
	}
	if (v->nrows == 0)
		return 0;
	tag = v->rows[v->list.cur].name;
	switch (op) {
	case NR_OP_TAG_EXCLUDE:
		ui_filter_tag(c, tag, '-');
		return 1;
	case NR_OP_OPEN:
		if (ui_filter_has_tag(c, tag) != '+')
			ui_filter_tag(c, tag, '+');
		ui_view_push(c, &ui_items_view, &all);
		return 1;
	case NR_OP_SEARCH_NEXT:
		return ui_list_search_next(c, &v->list, tags_match, v);
	default:
		return 0;
	}
}

static const struct ui_hint tags_hint[] = {
	{ NR_OP_BACK, "back" }, { NR_OP_OPEN, "items" },
	{ NR_OP_TAG_EXCLUDE, "-tag" }, { NR_OP_SORT, "sort" },
	{ NR_OP_HELP, "help" }, { NR_OP_NONE, NULL }
};

static const enum nr_op tags_ops[] = {
	NR_OP_OPEN, NR_OP_PAGE_DOWN, NR_OP_TAG_EXCLUDE, NR_OP_SORT,
	NR_OP_SEARCH_NEXT, NR_OP_NONE
};

const struct ui_view ui_tags_view = {
	"tags", tags_init, tags_free, tags_draw, tags_key, tags_hint, tags_ops
};
