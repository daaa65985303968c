/*
 * The article view: a header, then the body rendered by html.h with its
 * numbered link list; digits open link N. J/K, n/N and Enter step
 * through the rows of the item list it was opened from (its query and
 * dates included), and the header counts them.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/filter.h"
#include "newsreader/html.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct article_view {
	struct ui_ctx	*ctx;
	size_t		 fi;		/* the feed of the article shown */
	int		 all;		/* opened from the mixed list */
	void		*list;		/* the item list below (borrowed) */
	char		**links;	/* the rendered link list */
	size_t		 nlinks;
	uint64_t	 hash;		/* the article rendered */
	unsigned int	 gen;		/* of the feed when rendered */
	int		 width;		/* rendered for */
	char		**lines;
	int		*attrs;
	size_t		 nlines;
	size_t		 top;
	int		 h;
	/* f: the feed's text of the item whose page was fetched here. */
	char		*alt;
	uint64_t	 alt_hash;
	int		 alt_on;	/* showing it */
	int		 differs;	/* the stored text is not it */
};

static void
lines_clear(struct article_view *v)
{
	size_t	i;

	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	FREE(&v->lines);
	FREE(&v->attrs);
	v->nlines = 0;
	for (i = 0; i < v->nlinks; i++)
		free(v->links[i]);
	FREE(&v->links);
	v->nlinks = 0;
}

/* Append a line (copied). */
static void
add_line(struct article_view *v, const char *s, int attr)
{
	v->lines = xreallocarray(v->lines, v->nlines + 1, sizeof *v->lines);
	v->attrs = xreallocarray(v->attrs, v->nlines + 1, sizeof *v->attrs);
	v->lines[v->nlines] = xstrdup(s);
	v->attrs[v->nlines++] = attr;
}

/* A header field, wrapped to the width after its label. */
static void
add_field(struct article_view *v, const char *label, const char *value,
    int w, int attr)
{
	struct html_doc	 doc;
	struct strbuf	 sb;
	size_t		 i;
	int		 lw = (int)strlen(label);

	if (value == NULL || *value == '\0')
		return;
	memset(&doc, 0, sizeof doc);
	if (w - lw < NR_HTML_MINWIDTH ||
	    html_render_text(value, strlen(value), w - lw, 0, &doc, NULL) !=
	    NR_OK || doc.nlines == 0) {
		html_doc_clear(&doc);
		strbuf_init(&sb, 0);
		strbuf_addf(&sb, "%s%s", label, value);
		add_line(v, strbuf_str(&sb), attr);
		strbuf_clear(&sb);
		return;
	}
	for (i = 0; i < doc.nlines; i++) {
		strbuf_init(&sb, 0);
		strbuf_addf(&sb, "%*s%s", lw, i == 0 ? label : "",
		    doc.lines[i]);
		add_line(v, strbuf_str(&sb), attr);
		strbuf_clear(&sb);
	}
	html_doc_clear(&doc);
}

/* The attributes for a rendered line's style. */
static int
style_attr(enum html_style s)
{
	switch (s) {
	case NR_HTML_HEADING:
		return UI_C_HEADING;
	case NR_HTML_QUOTE:
		return UI_C_QUOTE;
	case NR_HTML_RULE:
		return UI_A_DIM;
	case NR_HTML_LINK:
		return UI_C_LINK;
	default:
		return 0;
	}
}

/* Build the lines of item pos of feed fi for width w. */
static void
render(struct article_view *v, size_t pos, int w)
{
	struct ui_feed		*f = &v->ctx->feeds[v->fi];
	struct store_item	 e;
	struct item		*it = NULL;
	struct html_doc		 doc;
	struct strbuf		 tags;
	char			 err[NR_ERRBUF_SIZE], date[32], *made;
	const char		*body, *p, *title;
	size_t			 i;
	int			 r;

	lines_clear(v);
	store_feed_item(f->sf, pos, &e);
	r = store_feed_load_item(f->sf, pos, &it, err);
	title = it != NULL ? it->title : e.title;
	made = title == NULL || *title == '\0' ?
	    text_title_from_url(e.link) : NULL;
	add_field(v, "Title: ", made != NULL ? made : title, w, UI_A_BOLD);
	free(made);
	add_field(v, "Feed:  ", f->title != NULL ? f->title : f->name, w, 0);
	add_field(v, "By:    ", e.author, w, 0);
	ui_date(it != NULL ? it->published : e.date, 1, date, sizeof date);
	strbuf_init(&tags, 0);
	strbuf_addf(&tags, "%s UTC", date);
	add_field(v, "Date:  ", strbuf_str(&tags), w, 0);
	strbuf_reset(&tags);
	for (p = e.tags; *p != '\0'; p++) {
		if (*p == '\n')
			strbuf_adds(&tags, ", ");
		else
			strbuf_addc(&tags, *p);
	}
	for (p = e.usertags; *p != '\0'; p++) {
		if (p == e.usertags && tags.len > 0)
			strbuf_adds(&tags, ", ");
		if (*p == '\n')
			strbuf_adds(&tags, ", ");
		else
			strbuf_addc(&tags, *p);
	}
	add_field(v, "Tags:  ", strbuf_str(&tags), w, 0);
	strbuf_clear(&tags);
	add_field(v, "Link:  ", e.link, w, UI_C_LINK);
	add_line(v, "", 0);
	if (r != NR_OK) {
		add_field(v, "", err, w, UI_C_ERROR);
		return;
	}
	body = it->content != NULL ? it->content : "";
	v->differs = v->alt != NULL && strcmp(body, v->alt) != 0;
	if (v->alt != NULL && v->alt_on && e.hash == v->alt_hash)
		body = v->alt;
	memset(&doc, 0, sizeof doc);
	if (html_looks_like_html(body, strlen(body)))
		r = html_render(body, strlen(body), w, 0, &doc, err);
	else
		r = html_render_text(body, strlen(body), w, 0, &doc, err);
	if (r == NR_OK) {
		for (i = 0; i < doc.nlines; i++)
			add_line(v, doc.lines[i], style_attr(doc.styles[i]));
		if (doc.nlinks > 0) {
			v->links = xcalloc(doc.nlinks, sizeof *v->links);
			for (i = 0; i < doc.nlinks; i++)
				v->links[i] = xstrdup(doc.links[i] != NULL ?
				    doc.links[i] : "");
			v->nlinks = doc.nlinks;
		}
	}
	html_doc_clear(&doc);
	item_free(it);
}

/* The position of the item the view shows in its feed, or -1. */
static long
current(struct article_view *v)
{
	struct ui_ctx	*c = v->ctx;
	struct ui_feed	*f;

	if (v->all)
		v->fi = c->all_fi;
	if (v->fi >= c->nfeeds)
		return -1;
	f = &c->feeds[v->fi];
	if (f->sf == NULL)
		return -1;
	return ui_find(c, v->fi, v->all ? c->all_hash : f->cursor);
}

/*
 * Where item pos of feed fi is in the item list's rows (*rows, *n): its
 * row, or the row it would have (the rows keep their source's order), and
 * *found says which.
 */
static size_t
row_of(struct article_view *v, size_t fi, size_t pos,
    const struct ui_ref **rows, size_t *n, int *found)
{
	struct ui_ref	want;
	size_t		lo = 0, hi, mid, src = v->all ? UI_ALL : v->fi;

	*n = hi = ui_items_rows(v->list, rows);
	want.fi = (uint32_t)fi;
	want.i = (uint32_t)pos;
	if (ui_items_by_rank(v->list)) {
		/* Best match first: no order to search by; gone is last. */
		for (lo = 0; lo < *n; lo++) {
			if ((*rows)[lo].fi == want.fi &&
			    (*rows)[lo].i == want.i)
				break;
		}
		*found = lo < *n;
		return lo;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ui_ref_before(v->ctx, src, &(*rows)[mid], &want))
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < *n && (*rows)[lo].fi == want.fi &&
	    (*rows)[lo].i == want.i;
	return lo;
}

/* Show item pos of feed fi: it becomes the cursor and is marked read. */
static void
show(struct article_view *v, size_t fi, size_t pos)
{
	struct ui_feed	*f = &v->ctx->feeds[fi];
	uint64_t	 h = store_feed_hash(f->sf, pos);

	v->fi = fi;
	if (v->all) {
		v->ctx->all_fi = fi;
		v->ctx->all_hash = h;
	}
	f->cursor = h;
	f->cursor_dirty = 1;
	v->top = 0;
	if (!(store_feed_state(f->sf, pos) & NR_STATE_READ))
		ui_feed_mark(v->ctx, fi, &h, 1, NR_STATE_READ, 0);
}

static void	fulltext(struct article_view *, size_t);

static void *
article_init(struct ui_ctx *c, void *arg)
{
	struct article_view	*v;
	struct ui_article_arg	*a = arg;
	long			 fi = a->fi, pos;

	v = xcalloc(1, sizeof *v);
	v->ctx = c;
	v->list = a->list;
	v->all = fi < 0;
	v->fi = fi < 0 ? c->all_fi : (size_t)fi;
	v->h = 1;
	if ((pos = current(v)) >= 0) {
		show(v, v->fi, (size_t)pos);
		if (a->fetch)
			fulltext(v, (size_t)pos);
	}
	return v;
}

static void
article_free(void *data)
{
	struct article_view	*v = data;

	if (v == NULL)
		return;
	lines_clear(v);
	free(v->alt);
	free(v);
}

/*
 * f: fetch the page of item pos and store its article (keeping the
 * feed's text here, for a second f); once it is in, f toggles.
 */
static void
fulltext(struct article_view *v, size_t pos)
{
	struct ui_feed		*f = &v->ctx->feeds[v->fi];
	struct item		*it;
	struct store_item	 e;
	char			 err[NR_ERRBUF_SIZE];

	store_feed_item(f->sf, pos, &e);
	if (v->alt != NULL && v->alt_hash == e.hash && v->differs) {
		v->alt_on = !v->alt_on;
		v->gen = ~f->gen;	/* render again */
		ui_status(v->ctx, 0, v->alt_on ? "the feed's text (f: the "
		    "page's)" : "the page's article (f: the feed's text)");
		return;
	}
	if (store_feed_load_item(f->sf, pos, &it, err) != NR_OK) {
		ui_status(v->ctx, 1, "%s", err);
		return;
	}
	free(v->alt);
	v->alt = xstrdup(it->content != NULL ? it->content : "");
	v->alt_hash = e.hash;
	v->alt_on = 0;
	item_free(it);
	(void)ui_fetch_page(v->ctx, v->fi, e.hash, e.link);
}

static void
article_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct article_view	*v = data;
	long			 cur = current(v);
	struct ui_feed		*f = &c->feeds[v->fi];
	const struct ui_ref	*rows;
	uint64_t		 hash;
	size_t			 i, pos, n;
	char			 num[32];
	int			 r, found;

	v->h = h;
	if (cur < 0) {
		snprintf(c->title, sizeof c->title, "%s", v->all ? "all" :
		    f->name);
		ui_draw_text(y, 0, w, "This article is no longer there.", 0);
		return;
	}
	hash = store_feed_hash(f->sf, (size_t)cur);
	if (v->lines == NULL || v->hash != hash || v->width != w ||
	    v->gen != f->gen) {
		render(v, (size_t)cur, w);
		v->hash = hash;
		v->width = w;
		v->gen = f->gen;
	}
	if (v->nlines > (size_t)h && v->top > v->nlines - (size_t)h)
		v->top = v->nlines - (size_t)h;
	else if (v->nlines <= (size_t)h)
		v->top = 0;
	for (r = 0; r < h; r++) {
		i = v->top + (size_t)r;
		if (i >= v->nlines)
			break;
		ui_hilite_draw(c, y + r, 0, w, v->lines[i], v->attrs[i]);
	}
	/* The row in the item list below, which may have lost it. */
	pos = row_of(v, v->fi, (size_t)cur, &rows, &n, &found) + 1;
	if (found)
		snprintf(num, sizeof num, "%zu", pos);
	else
		snprintf(num, sizeof num, "-");
	snprintf(c->title, sizeof c->title, "%s - article %s/%zu - %s",
	    v->all ? "all" : f->name, num, n, v->nlines <= (size_t)h ? "all" :
	    v->top + (size_t)h >= v->nlines ? "end" : "more");
}

/*
 * Step from item pos of the feed shown by dir (1 or -1) to the next
 * (unread) row of the item list; 0 if there is none.
 */
static int
step(struct article_view *v, size_t pos, int dir, int unread)
{
	const struct ui_ref	*rows;
	struct ui_ref		 r;
	size_t			 n, k;
	int			 found;

	k = row_of(v, v->fi, pos, &rows, &n, &found);
	if (dir > 0 && found)
		k++;
	while (dir > 0 ? k < n : k > 0) {
		if (dir < 0)
			k--;
		r = rows[k];
		if (!unread || !(store_feed_state(v->ctx->feeds[r.fi].sf, r.i) &
		    NR_STATE_READ)) {
			show(v, r.fi, r.i);
			return 1;
		}
		if (dir > 0)
			k++;
	}
	return 0;
}

/* The link number prompt is done: open link N. */
static void
link_done(struct ui_ctx *c, void *arg, const char *text)
{
	struct article_view	*v = arg;
	char			*end;
	unsigned long		 n;

	n = strtoul(text, &end, 10);
	if (*text == '\0' || *end != '\0' || n == 0 || n > v->nlinks) {
		ui_status(c, 1, "no link %s (the article has %zu)", text,
		    v->nlinks);
		return;
	}
	ui_open_url(c, v->links[n - 1]);
}

/*
 * \ and |: scroll to the next (dir 1) or previous (-1) line with a
 * match of the last / search, or with none, of the query's words,
 * wrapping around; 0 when there is nothing to look for.
 */
static int
jump_match(struct article_view *v, int dir)
{
	struct ui_ctx	*c = v->ctx;
	struct ui_hl	 hl;
	size_t		 k, i;
	int		 which = c->search[0] != '\0' ? UI_HL_SEARCH :
			    UI_HL_WORDS;

	if (which == UI_HL_WORDS && (c->flt == NULL ||
	    filter_nwords(c->flt) == 0))
		return 0;
	for (k = 1; k <= v->nlines; k++) {
		i = dir > 0 ? (v->top + k) % v->nlines :
		    (v->top + v->nlines - k % v->nlines) % v->nlines;
		if (ui_hilite_find(c, v->lines[i], &hl, 1, which) > 0) {
			if (dir > 0 ? i <= v->top : i >= v->top)
				ui_status(c, 0, "search wrapped");
			v->top = i;
			return 1;
		}
	}
	ui_status(c, 1, "no match in this article");
	return 1;
}

static int
article_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct article_view	*v = data;
	long			 cur = current(v);
	struct store_item	 it, *e = &it;
	struct ui_feed		*f;
	size_t			 page = v->h > 1 ? (size_t)v->h - 1 : 1;
	size_t			 i = (size_t)cur;
	char			 digit[2];
	int			 fl;

	if (cur < 0)
		return 0;
	f = &c->feeds[v->fi];
	store_feed_item(f->sf, (size_t)cur, e);
	if (ui_scroll_op(&v->top, v->nlines, page, op))
		return 1;
	switch (op) {
	case NR_OP_NEXT_ITEM:
	case NR_OP_OPEN:
		if (!step(v, i, 1, 0))
			ui_status(c, 0, "no next article");
		return 1;
	case NR_OP_PREV_ITEM:
		if (!step(v, i, -1, 0))
			ui_status(c, 0, "no previous article");
		return 1;
	case NR_OP_NEXT_UNREAD:
		if (!step(v, i, 1, 1))
			ui_status(c, 0, "no next unread article");
		return 1;
	case NR_OP_PREV_UNREAD:
		if (!step(v, i, -1, 1))
			ui_status(c, 0, "no previous unread article");
		return 1;
	case NR_OP_TOGGLE_READ:
		fl = e->state & NR_STATE_READ;
		ui_feed_mark(c, v->fi, &e->hash, 1, fl ? 0 : NR_STATE_READ,
		    fl ? NR_STATE_READ : 0);
		ui_status(c, 0, fl ? "marked unread" : "marked read");
		return 1;
	case NR_OP_TOGGLE_STAR:
		fl = e->state & NR_STATE_STARRED;
		ui_feed_mark(c, v->fi, &e->hash, 1, fl ? 0 : NR_STATE_STARRED,
		    fl ? NR_STATE_STARRED : 0);
		ui_status(c, 0, fl ? "unstarred" : "starred");
		return 1;
	case NR_OP_REFRESH:
		ui_feed_refresh(c, v->fi);
		return 1;
	case NR_OP_FULLTEXT:
		fulltext(v, i);
		return 1;
	case NR_OP_SEARCH_NEXT:
	case NR_OP_SEARCH_PREV:
		return jump_match(v, op == NR_OP_SEARCH_NEXT ? 1 : -1);
	case NR_OP_OPEN_LINK:
		ui_open_url(c, e->link);
		return 1;
	case NR_OP_COPY_LINK:
		ui_copy_url(c, e->link);
		return 1;
	case NR_OP_LINK_NUMBER:
		if (v->nlinks == 0) {
			ui_status(c, 0, "this article has no links");
			return 1;
		}
		digit[0] = c->lastkey >= '0' && c->lastkey <= '9' ?
		    (char)c->lastkey : '\0';
		digit[1] = '\0';
		ui_prompt(c, "open link: ", digit, link_done, v);
		return 1;
	default:
		return 0;
	}
}

static const struct ui_hint article_hint[] = {
	{ NR_OP_BACK, "back" }, { NR_OP_OPEN_LINK, "open" },
	{ NR_OP_NEXT_ITEM, "next" }, { NR_OP_PREV_ITEM, "prev" },
	{ NR_OP_NEXT_UNREAD, "next unread" }, { NR_OP_TOGGLE_READ, "unread" },
	{ NR_OP_TOGGLE_STAR, "star" }, { NR_OP_HELP, "help" },
	{ NR_OP_NONE, NULL }
};

static const enum nr_op article_ops[] = {
	NR_OP_NEXT_ITEM, NR_OP_PREV_ITEM, NR_OP_OPEN, NR_OP_NEXT_UNREAD,
	NR_OP_PREV_UNREAD, NR_OP_TOGGLE_READ, NR_OP_TOGGLE_STAR,
	NR_OP_OPEN_LINK, NR_OP_COPY_LINK, NR_OP_LINK_NUMBER, NR_OP_REFRESH,
	NR_OP_SEARCH, NR_OP_SEARCH_NEXT, NR_OP_SEARCH_PREV, NR_OP_FULLTEXT,
	NR_OP_NONE
};

const struct ui_view ui_article_view = {
	"article", article_init, article_free, article_draw, article_key,
	article_hint, article_ops
};
