/* The feed list view: every feed with counts, last refresh and errors. */
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

static void *
feeds_init(struct ui_ctx *c, void *arg)
{
	struct feeds_view	*v;

	(void)arg;
	v = xcalloc(1, sizeof *v);
	ui_list_init(&v->list);
	ui_list_set_count(&v->list, c->nfeeds);
	v->ctx = c;
	return v;
}

static void
feeds_free(void *data)
{
	free(data);
}

/* One row: mark, counts, name, last refresh, error. */
static void
feeds_row(void *arg, size_t i, int w, struct strbuf *sb, int *attr)
{
	struct feeds_view	*v = arg;
	struct ui_feed		*f = &v->ctx->feeds[i];
	char			 num[48], date[32];
	const char		*name = f->title != NULL ? f->title : f->name;
	int			 rest, namew;

	strbuf_adds(sb, f->refreshing ? "~" : f->error != NULL ? "!" : " ");
	snprintf(num, sizeof num, "%4zu/%-4zu ", f->unread, f->total);
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
	if (f->unread > 0)
		*attr |= UI_A_BOLD;
}

static void
feeds_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct feeds_view	*v = data;
	size_t			 i, unread = 0, total = 0;

	v->h = h;
	ui_list_set_count(&v->list, c->nfeeds);
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
feeds_match(void *arg, size_t i)
{
	struct feeds_view	*v = arg;
	struct ui_feed		*f = &v->ctx->feeds[i];

	return ui_search_match(v->ctx, f->name) ||
	    ui_search_match(v->ctx, f->title);
}

/* A feed with unread items. */
static int
feeds_unread(void *arg, size_t i)
{
	struct feeds_view	*v = arg;

	return v->ctx->feeds[i].unread > 0;
}

static int
feeds_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct feeds_view	*v = data;
	struct ui_feed		*f;
	size_t			 k;
	long			 i;

	if (ui_list_op(&v->list, op, v->h))
		return 1;
	if (c->nfeeds == 0)
		return 0;
	f = &c->feeds[v->list.cur];
	switch (op) {
	case NR_OP_OPEN:
		i = (long)v->list.cur;
		ui_view_push(c, &ui_items_view, &i);
		return 1;
	case NR_OP_REFRESH:
		ui_feed_refresh(c, v->list.cur);
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
		if (f->sf == NULL)
			return 1;
		for (k = 0; k < f->sf->nentries; k++) {
			if (!(f->sf->entries[k].state & NR_STATE_READ))
				ui_feed_mark(c, v->list.cur,
				    &f->sf->entries[k], NR_STATE_READ, 0);
		}
		return 1;
	case NR_OP_OPEN_LINK:
		ui_open_url(c, f->sf != NULL ?
		    store_feed_get(f->sf, "link") : NULL);
		return 1;
	case NR_OP_COPY_LINK:
		ui_copy_url(c, f->sf != NULL ?
		    store_feed_get(f->sf, "link") : NULL);
		return 1;
	default:
		return 0;
	}
}

const struct ui_view ui_feeds_view = {
	"feeds", feeds_init, feeds_free, feeds_draw, feeds_key
};
