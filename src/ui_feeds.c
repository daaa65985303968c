/*
 * The feed list view: "all items" (the mixed list), then every feed with
 * counts, last refresh and errors.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct feeds_view {
	struct ui_list	 list;
	struct ui_ctx	*ctx;
	int		 h;
};

/* Digits of a count: the largest count's, at least 4 (feeds_draw). */
static int	numw = 4;
#define NUMCOL	(2 * numw + 2)	/* "unread/total " */

/*
 * Rows: the "all items" row, the saved filters, then the feeds (none
 * without feeds).
 */
static size_t
rows(struct ui_ctx *c)
{
	return c->nfeeds > 0 ? c->nfeeds + 1 + ui_saved_count() : 0;
}

/* The feed of a row, or -1 (the "all items" row or a saved filter). */
static long
row_feed(size_t row)
{
	return row > ui_saved_count() ? (long)(row - 1 - ui_saved_count()) :
	    -1;
}

/* One saved filter's row: live counts, its name and query. */
static void
saved_row(struct ui_ctx *c, size_t i, int w, struct strbuf *sb, int *attr)
{
	struct ui_saved	*s = ui_saved_get(c, i);
	struct strbuf	 name;
	char		 num[48];

	strbuf_adds(sb, "=");
	if (s->counted)
		snprintf(num, sizeof num, "%*zu/%-*zu ", numw, s->unread,
		    numw, s->total);
	else
		snprintf(num, sizeof num, "   ...    ");
	ui_text_pad(sb, num, NUMCOL);
	if (w <= NUMCOL + 1)
		return;
	strbuf_init(&name, 0);
	strbuf_addf(&name, "%s  [%s]", s->name, s->query);
	ui_text_pad(sb, strbuf_str(&name), w - NUMCOL - 1);
	strbuf_clear(&name);
	if (s->unread > 0)
		*attr |= UI_C_UNREAD;
}

static void *
feeds_init(struct ui_ctx *c, void *arg)
{
	struct feeds_view	*v;

	(void)arg;
	v = xcalloc(1, sizeof *v);
	ui_list_init(&v->list);
	ui_list_set_count(&v->list, rows(c));
	v->ctx = c;
	return v;
}

static void
feeds_free(void *data)
{
	free(data);
}

/* The "all items" row: unread and total of every feed. */
static void
all_row(struct ui_ctx *c, int w, struct strbuf *sb, int *attr)
{
	char	num[48];
	size_t	i, unread = 0, total = 0;

	for (i = 0; i < c->nfeeds; i++) {
		unread += c->feeds[i].unread;
		total += c->feeds[i].total;
	}
	strbuf_adds(sb, " ");
	snprintf(num, sizeof num, "%*zu/%-*zu ", numw, unread, numw, total);
	ui_text_pad(sb, num, NUMCOL);
	if (w > NUMCOL + 1)
		ui_text_pad(sb, "(all items)", w - NUMCOL - 1);
	if (unread > 0)
		*attr |= UI_C_UNREAD;
}

/* One row: mark, counts, name, last refresh, error. */
static void
feeds_row(void *arg, size_t row, int w, struct strbuf *sb, int *attr)
{
	struct feeds_view	*v = arg;
	struct ui_feed		*f;
	char			 num[48], date[32];
	const char		*name;
	int			 rest, namew;

	if (row == 0) {
		all_row(v->ctx, w, sb, attr);
		return;
	}
	if (row_feed(row) < 0) {
		saved_row(v->ctx, row - 1, w, sb, attr);
		return;
	}
	f = &v->ctx->feeds[row_feed(row)];
	name = f->title != NULL ? f->title : f->name;
	strbuf_adds(sb, f->refreshing ? "~" : f->error != NULL ? "!" : " ");
	if (f->loaded)
		snprintf(num, sizeof num, "%*zu/%-*zu ", numw, f->unread,
		    numw, f->total);
	else
		snprintf(num, sizeof num, "   ...    ");
	ui_text_pad(sb, num, NUMCOL);
	rest = w - NUMCOL - 1;
	if (rest <= 0)
		return;
	ui_date(f->last_ok, 1, date, sizeof date);
	if (f->error != NULL && rest >= 30) {
		namew = rest / 3;
		ui_text_pad(sb, name, namew);
		strbuf_adds(sb, " ");
		strbuf_adds(sb, "FAIL: ");
		ui_text_pad(sb, f->error, rest - namew - 7);
		*attr |= UI_C_ERROR;
	} else if (rest >= 40) {
		ui_text_pad(sb, name, rest - 17);
		strbuf_adds(sb, " ");
		ui_text_pad(sb, date, 16);
	} else
		ui_text_pad(sb, name, rest);
	if (f->unread > 0 && !(*attr & UI_C_MASK))
		*attr |= UI_C_UNREAD;
}

static void
feeds_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct feeds_view	*v = data;
	size_t			 i, unread = 0, total = 0;

	v->h = h;
	ui_list_set_count(&v->list, rows(c));
	for (i = 0; i < c->nfeeds; i++) {
		unread += c->feeds[i].unread;
		total += c->feeds[i].total;
	}
	snprintf(c->title, sizeof c->title, "Feeds (%zu) - %zu unread, "
	    "%zu item%s", c->nfeeds, unread, total, total == 1 ? "" : "s");
	/* The total of all items is the largest count (issue 11). */
	for (numw = 4, i = 10000; numw < 12 && total >= i; numw++, i *= 10)
		;
	if (c->nfeeds == 0) {
		ui_draw_text(y, 0, w, "No feeds. Add one with a, or to the "
		    "feeds file, or import articles (newsreader --import).",
		    0);
		return;
	}
	ui_list_draw(&v->list, y, h, w, feeds_row, v);
}

/* Search: the feed's name or title. */
static int
feeds_match(void *arg, size_t row)
{
	struct feeds_view	*v = arg;
	struct ui_feed		*f;

	if (row_feed(row) < 0)
		return 0;
	f = &v->ctx->feeds[row_feed(row)];
	return ui_search_match(v->ctx, f->name) ||
	    ui_search_match(v->ctx, f->title);
}

/* A feed with unread items. */
static int
feeds_unread(void *arg, size_t row)
{
	struct feeds_view	*v = arg;

	return row_feed(row) >= 0 &&
	    v->ctx->feeds[row_feed(row)].unread > 0;
}

static int
feeds_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct feeds_view	*v = data;
	struct ui_feed		*f = NULL;
	struct ui_saved		*s;
	char			 msg[NR_ERRBUF_SIZE];
	size_t			 col;
	long			 i, fi;

	if (ui_list_op(&v->list, op, v->h))
		return 1;
	if (op == NR_OP_FEED_ADD) {
		ui_sub_add(c);
		return 1;
	}
	if (c->nfeeds == 0)
		return 0;
	fi = row_feed(v->list.cur);
	if (fi >= 0)
		f = &c->feeds[fi];
	switch (op) {
	case NR_OP_OPEN:
		if (v->list.cur > 0 && fi < 0) {
			/*
			 * A saved filter: its query becomes the active one
			 * and its name the list's; q puts the query back.
			 */
			s = ui_saved_get(c, v->list.cur - 1);
			if (ui_items_query(c, -1, s->query, s->name, NULL,
			    &col, msg) != 0)
				ui_status(c, 1, "%s: column %zu: %s", s->name,
				    col, msg);
			return 1;
		}
		ui_view_push(c, &ui_items_view, &fi);
		return 1;
	case NR_OP_REFRESH:
		if (f == NULL)
			return 0;	/* ui.c refreshes every feed */
		ui_feed_refresh(c, (size_t)fi);
		return 1;
	case NR_OP_NEXT_UNREAD:
	case NR_OP_PREV_UNREAD:
		i = ui_list_find(&v->list, op == NR_OP_NEXT_UNREAD ? 1 : -1,
		    feeds_unread, v, 1);
		if (i < 0)
			ui_status(c, 0, "no unread feeds");
		else
			ui_list_set(&v->list, (size_t)i);
		return 1;
	case NR_OP_SEARCH_NEXT:
		return ui_list_search_next(c, &v->list, feeds_match, v);
	case NR_OP_MARK_ALL_READ:
		if (f == NULL && v->list.cur > 0) {
			ui_status(c, 0, "open the saved filter to mark its "
			    "items");
			return 1;
		}
		ui_mark_feed(c, f != NULL ? (size_t)fi : UI_ALL);
		return 1;
	case NR_OP_OPEN_LINK:
		ui_open_url(c, f != NULL && f->sf != NULL ?
		    store_feed_get(f->sf, NR_KEY_LINK) : NULL);
		return 1;
	case NR_OP_COPY_LINK:
		ui_copy_url(c, f != NULL && f->sf != NULL ?
		    store_feed_get(f->sf, NR_KEY_LINK) : NULL);
		return 1;
	case NR_OP_FEED_EDIT:
	case NR_OP_FEED_REMOVE:
		if (f == NULL) {
			ui_status(c, 0, "move to a feed first");
			return 1;
		}
		if (op == NR_OP_FEED_EDIT)
			ui_sub_edit(c, (size_t)fi);
		else
			ui_sub_remove(c, (size_t)fi);
		return 1;
	default:
		return 0;
	}
}

static const struct ui_hint feeds_hint[] = {
	{ NR_OP_BACK, "quit" }, { NR_OP_OPEN, "open" },
	{ NR_OP_REFRESH, "refresh" }, { NR_OP_REFRESH_ALL, "refresh all" },
	{ NR_OP_MARK_ALL_READ, "mark read" }, { NR_OP_SEARCH, "search" },
	{ NR_OP_HELP, "help" }, { NR_OP_NONE, NULL }
};

static const enum nr_op feeds_ops[] = {
	NR_OP_OPEN, NR_OP_REFRESH, NR_OP_REFRESH_ALL, NR_OP_NEXT_UNREAD,
	NR_OP_PREV_UNREAD, NR_OP_MARK_ALL_READ, NR_OP_SEARCH_NEXT,
	NR_OP_OPEN_LINK, NR_OP_COPY_LINK, NR_OP_FEED_ADD, NR_OP_FEED_EDIT,
	NR_OP_FEED_REMOVE, NR_OP_NONE
};

const struct ui_view ui_feeds_view = {
	"feeds", feeds_init, feeds_free, feeds_draw, feeds_key, feeds_hint,
	feeds_ops
};
