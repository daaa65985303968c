/*
 * The feed list view: "all items" (the mixed list), then every feed with
 * counts, last refresh and errors.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct feeds_view {
	struct ui_list	 list;
	struct ui_ctx	*ctx;
	int		 h;
};

/* Rows: the "all items" row, then the feeds (none without feeds). */
static size_t
rows(struct ui_ctx *c)
{
	return c->nfeeds > 0 ? c->nfeeds + 1 : 0;
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
	snprintf(num, sizeof num, "%4zu/%-4zu ", unread, total);
	ui_text_pad(sb, num, 10);
	if (w > 11)
		ui_text_pad(sb, "(all items)", w - 11);
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
	f = &v->ctx->feeds[row - 1];
	name = f->title != NULL ? f->title : f->name;
	strbuf_adds(sb, f->refreshing ? "~" : f->error != NULL ? "!" : " ");
	if (f->loaded)
		snprintf(num, sizeof num, "%4zu/%-4zu ", f->unread, f->total);
	else
		snprintf(num, sizeof num, "   ...    ");
	ui_text_pad(sb, num, 10);
	rest = w - 11;
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
	    "%zu items", c->nfeeds, unread, total);
	if (c->nfeeds == 0) {
		ui_draw_text(y, 0, w, "No feeds. Add one to the feeds file "
		    "or import articles (newsreader --import).", 0);
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

	if (row == 0)
		return 0;
	f = &v->ctx->feeds[row - 1];
	return ui_search_match(v->ctx, f->name) ||
	    ui_search_match(v->ctx, f->title);
}

/* A feed with unread items. */
static int
feeds_unread(void *arg, size_t row)
{
	struct feeds_view	*v = arg;

	return row > 0 && v->ctx->feeds[row - 1].unread > 0;
}

static int
feeds_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct feeds_view	*v = data;
	struct ui_feed		*f = NULL;
	size_t			 k;
	long			 i;

	if (ui_list_op(&v->list, op, v->h))
		return 1;
	if (c->nfeeds == 0)
		return 0;
	if (v->list.cur > 0)
		f = &c->feeds[v->list.cur - 1];
	switch (op) {
	case NR_OP_OPEN:
		i = f != NULL ? (long)v->list.cur - 1 : -1;
		ui_view_push(c, &ui_items_view, &i);
		return 1;
	case NR_OP_REFRESH:
		if (f == NULL)
			return 0;	/* ui.c refreshes every feed */
		ui_feed_refresh(c, v->list.cur - 1);
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
		if (c->search[0] == '\0')
			return 0;
		i = ui_list_find(&v->list, 1, feeds_match, v, 1);
		if (i < 0)
			ui_status(c, 1, "not found: %s", c->search);
		else
			ui_list_set(&v->list, (size_t)i);
		return 1;
	case NR_OP_MARK_ALL_READ:
		if (f != NULL) {
			ui_feed_ensure(c, v->list.cur - 1);
			ui_feed_mark_all(c, v->list.cur - 1);
		}
		for (k = 0; f == NULL && k < c->nfeeds; k++) {
			ui_feed_ensure(c, k);
			ui_feed_mark_all(c, k);
		}
		return 1;
	case NR_OP_OPEN_LINK:
		ui_open_url(c, f != NULL && f->sf != NULL ?
		    store_feed_get(f->sf, "link") : NULL);
		return 1;
	case NR_OP_COPY_LINK:
		ui_copy_url(c, f != NULL && f->sf != NULL ?
		    store_feed_get(f->sf, "link") : NULL);
		return 1;
	default:
		return 0;
	}
}

const struct ui_view ui_feeds_view = {
	"feeds", feeds_init, feeds_free, feeds_draw, feeds_key
};
