/*
 * The item list view: one feed's items, or every feed's items mixed
 * (with a feed column), newest first, unread in bold.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct items_view {
	struct ui_list	 list;
	struct ui_ctx	*ctx;
	size_t		 fi;		/* UI_ALL for the mixed list */
	int		 h;
};

/* Rows in the view. */
static size_t
count(struct items_view *v)
{
	struct ui_feed	*f;

	if (v->fi == UI_ALL) {
		ui_all_update(v->ctx);
		return v->ctx->nall;
	}
	ui_feed_ensure(v->ctx, v->fi);
	f = &v->ctx->feeds[v->fi];
	return f->sf != NULL ? f->sf->nentries : 0;
}

/* Row i's entry and its feed (into *fi). */
static struct store_entry *
entry(struct items_view *v, size_t i, size_t *fi)
{
	if (v->fi == UI_ALL) {
		*fi = v->ctx->all[i].fi;
		return v->ctx->all[i].e;
	}
	*fi = v->fi;
	return &v->ctx->feeds[v->fi].sf->entries[i];
}

/* Put the list's cursor on the remembered item (it may have moved). */
static void
sync_in(struct items_view *v)
{
	struct ui_ctx		*c = v->ctx;
	struct ui_feed		*f;
	struct store_entry	*e;
	size_t			 n = count(v), fi;
	long			 i;

	ui_list_set_count(&v->list, n);
	if (n == 0)
		return;
	if (v->fi == UI_ALL) {
		i = ui_all_find(c, c->all_fi, c->all_hash);
		if (i >= 0)
			ui_list_set(&v->list, (size_t)i);
		e = entry(v, v->list.cur, &fi);
		c->all_fi = fi;
		c->all_hash = e->hash;
		return;
	}
	f = &c->feeds[v->fi];
	e = store_feed_find(f->sf, f->cursor);
	if (e != NULL)
		ui_list_set(&v->list, (size_t)(e - f->sf->entries));
	else
		f->cursor = f->sf->entries[v->list.cur].hash;
}

/* Remember the item under the cursor. */
static void
sync_out(struct items_view *v)
{
	struct ui_feed		*f;
	struct store_entry	*e;
	size_t			 fi;

	if (count(v) == 0)
		return;
	e = entry(v, v->list.cur, &fi);
	if (v->fi == UI_ALL) {
		v->ctx->all_fi = fi;
		v->ctx->all_hash = e->hash;
		return;
	}
	f = &v->ctx->feeds[fi];
	if (f->cursor != e->hash) {
		f->cursor = e->hash;
		f->cursor_dirty = 1;
	}
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
	free(data);
}

/* The tags of an entry, comma-separated, into sb. */
static void
tag_list(const char *tags, struct strbuf *sb)
{
	const char	*p;

	for (p = tags; p != NULL && *p != '\0'; p++)
		strbuf_addc(sb, *p == '\n' ? ',' : *p);
}

/* One row: flags, date, [feed,] title, tags. */
static void
items_row(void *arg, size_t i, int w, struct strbuf *sb, int *attr)
{
	struct items_view	*v = arg;
	struct ui_feed		*f;
	struct store_entry	*e;
	struct strbuf		 tags;
	char			 date[32];
	size_t			 fi;
	int			 rest, tagw = 0, feedw;

	e = entry(v, i, &fi);
	strbuf_adds(sb, e->state & NR_STATE_STARRED ? "*" :
	    e->state & NR_STATE_READ ? " " : "N");
	strbuf_addc(sb, ' ');
	rest = w - 2;
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
		feedw = rest >= 60 ? 16 : 10;
		ui_text_pad(sb, f->title != NULL ? f->title : f->name, feedw);
		strbuf_addc(sb, ' ');
		rest -= feedw + 1;
	}
	strbuf_init(&tags, 0);
	tag_list(e->tags, &tags);
	if (tags.len > 0 && rest >= 50)
		tagw = rest / 4;
	ui_text_pad(sb, e->title != NULL && *e->title != '\0' ? e->title :
	    "(no title)", rest - (tagw > 0 ? tagw + 1 : 0));
	if (tagw > 0) {
		strbuf_addc(sb, ' ');
		ui_text_pad(sb, strbuf_str(&tags), tagw);
	}
	strbuf_clear(&tags);
	if (!(e->state & NR_STATE_READ))
		*attr |= UI_C_UNREAD;
}

/* Unread and total over every feed. */
static void
all_counts(struct ui_ctx *c, size_t *unread, size_t *total)
{
	size_t	i;

	*unread = *total = 0;
	for (i = 0; i < c->nfeeds; i++) {
		*unread += c->feeds[i].unread;
		*total += c->feeds[i].total;
	}
}

static void
items_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct items_view	*v = data;
	struct ui_feed		*f;
	size_t			 unread, total;

	v->h = h;
	sync_in(v);
	if (v->fi == UI_ALL) {
		all_counts(c, &unread, &total);
		snprintf(c->title, sizeof c->title, "All items (%zu feeds) - "
		    "%zu unread, %zu items", c->nfeeds, unread, total);
		if (c->nall == 0) {
			ui_draw_text(y, 0, w, "No items. Press R to refresh "
			    "all feeds.", 0);
			return;
		}
		ui_list_draw(&v->list, y, h, w, items_row, v);
		return;
	}
	f = &c->feeds[v->fi];
	snprintf(c->title, sizeof c->title, "%s%s%s%s - %zu unread, %zu "
	    "items", f->name, f->title != NULL ? " (" : "",
	    f->title != NULL ? f->title : "", f->title != NULL ? ")" : "",
	    f->unread, f->total);
	if (f->refreshing && c->status[0] == '\0')
		ui_status(c, 0, "%s: refreshing...", f->name);
	else if (f->error != NULL && c->status[0] == '\0')
		ui_status(c, 1, "%s: FAIL: %s", f->name, f->error);
	if (f->total == 0) {
		ui_draw_text(y, 0, w, f->refreshing ? "No items yet; "
		    "refreshing..." : "No items. Press r to refresh.", 0);
		return;
	}
	ui_list_draw(&v->list, y, h, w, items_row, v);
}

/* Search: title, summary and tags. */
static int
items_match(void *arg, size_t i)
{
	struct items_view	*v = arg;
	struct store_entry	*e;
	size_t			 fi;

	e = entry(v, i, &fi);
	return ui_search_match(v->ctx, e->title) ||
	    ui_search_match(v->ctx, e->summary) ||
	    ui_search_match(v->ctx, e->tags);
}

/* An unread entry. */
static int
items_unread(void *arg, size_t i)
{
	struct items_view	*v = arg;
	size_t			 fi;

	return !(entry(v, i, &fi)->state & NR_STATE_READ);
}

static int
items_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct items_view	*v = data;
	struct store_entry	*e;
	size_t			 fi, k;
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
	if (count(v) == 0)
		return 0;
	e = entry(v, v->list.cur, &fi);
	switch (op) {
	case NR_OP_OPEN:
		i = v->fi == UI_ALL ? -1 : (long)v->fi;
		ui_view_push(c, &ui_article_view, &i);
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
		if (c->search[0] == '\0')
			return 0;
		i = ui_list_find(&v->list, 1, items_match, v, 1);
		if (i < 0)
			ui_status(c, 1, "not found: %s", c->search);
		else
			ui_list_set(&v->list, (size_t)i);
		sync_out(v);
		return 1;
	case NR_OP_TOGGLE_READ:
		fl = e->state & NR_STATE_READ;
		ui_feed_mark(c, fi, e, fl ? 0 : NR_STATE_READ,
		    fl ? NR_STATE_READ : 0);
		return 1;
	case NR_OP_TOGGLE_STAR:
		fl = e->state & NR_STATE_STARRED;
		ui_feed_mark(c, fi, e, fl ? 0 : NR_STATE_STARRED,
		    fl ? NR_STATE_STARRED : 0);
		return 1;
	case NR_OP_MARK_ALL_READ:
		if (v->fi != UI_ALL) {
			ui_feed_mark_all(c, v->fi);
			ui_status(c, 0, "%s: all read", c->feeds[v->fi].name);
			return 1;
		}
		for (k = 0; k < c->nfeeds; k++)
			ui_feed_mark_all(c, k);
		ui_status(c, 0, "all feeds read");
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

const struct ui_view ui_items_view = {
	"items", items_init, items_free, items_draw, items_key
};
