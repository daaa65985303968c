/*
 * The article view: a header, then the body rendered by html.h with its
 * numbered link list; digits open link N. Opened from the mixed list it
 * steps through every feed's items.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/html.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct article_view {
	struct ui_ctx	*ctx;
	size_t		 fi;		/* the feed of the article shown */
	int		 all;		/* stepping through the mixed list */
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

/* Build the lines of entry e for width w. */
static void
render(struct article_view *v, struct store_entry *e, int w)
{
	struct ui_feed		*f = &v->ctx->feeds[v->fi];
	struct store_meta	*m;
	struct item		*it = NULL;
	struct html_doc		 doc;
	struct strbuf		 tags;
	char			*path, *buf = NULL, err[NR_ERRBUF_SIZE];
	char			 date[32];
	const char		*body;
	size_t			 len = 0, line, i;
	int			 r;

	lines_clear(v);
	path = store_entry_path(v->ctx->st, e);
	if (util_read_file(path, NR_ARTICLE_MAX_FILE, &buf, &len, err) ==
	    NR_OK)
		r = article_parse(buf, len, &it, &line, err);
	else
		r = NR_EIO;
	free(path);
	add_field(v, "Title: ", it != NULL ? it->title : e->title, w,
	    UI_A_BOLD);
	add_field(v, "Feed:  ", f->title != NULL ? f->title : f->name, w, 0);
	m = store_meta_get(f->sf, e->hash, 0);
	if (m != NULL)
		add_field(v, "By:    ", m->author, w, 0);
	ui_date(it != NULL ? it->published : e->date, 1, date, sizeof date);
	strbuf_init(&tags, 0);
	strbuf_addf(&tags, "%s UTC", date);
	add_field(v, "Date:  ", strbuf_str(&tags), w, 0);
	strbuf_reset(&tags);
	for (i = 0; e->tags != NULL && e->tags[i] != '\0'; i++) {
		if (e->tags[i] == '\n')
			strbuf_adds(&tags, ", ");
		else
			strbuf_addc(&tags, e->tags[i]);
	}
	add_field(v, "Tags:  ", strbuf_str(&tags), w, 0);
	strbuf_clear(&tags);
	add_field(v, "Link:  ", e->link, w, UI_C_LINK);
	add_line(v, "", 0);
	if (r != NR_OK) {
		add_field(v, "", err, w, UI_C_ERROR);
		free(buf);
		return;
	}
	body = it->content != NULL ? it->content : "";
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
	free(buf);
}

/* The entry the view shows, or NULL. */
static struct store_entry *
current(struct article_view *v)
{
	struct ui_ctx	*c = v->ctx;
	struct ui_feed	*f;

	if (v->all)
		v->fi = c->all_fi;
	if (v->fi >= c->nfeeds)
		return NULL;
	f = &c->feeds[v->fi];
	if (f->sf == NULL)
		return NULL;
	return store_feed_find(f->sf, v->all ? c->all_hash : f->cursor);
}

/* Show entry e of feed fi: it becomes the cursor and is marked read. */
static void
show(struct article_view *v, size_t fi, struct store_entry *e)
{
	struct ui_feed	*f = &v->ctx->feeds[fi];

	v->fi = fi;
	if (v->all) {
		v->ctx->all_fi = fi;
		v->ctx->all_hash = e->hash;
	}
	f->cursor = e->hash;
	f->cursor_dirty = 1;
	v->top = 0;
	if (!(e->state & NR_STATE_READ))
		ui_feed_mark(v->ctx, fi, e, NR_STATE_READ, 0);
}

static void *
article_init(struct ui_ctx *c, void *arg)
{
	struct article_view	*v;
	struct store_entry	*e;
	long			 fi = *(long *)arg;

	v = xcalloc(1, sizeof *v);
	v->ctx = c;
	v->all = fi < 0;
	v->fi = fi < 0 ? c->all_fi : (size_t)fi;
	v->h = 1;
	e = current(v);
	if (e != NULL)
		show(v, v->fi, e);
	return v;
}

static void
article_free(void *data)
{
	struct article_view	*v = data;

	if (v == NULL)
		return;
	lines_clear(v);
	free(v);
}

static void
article_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct article_view	*v = data;
	struct store_entry	*e = current(v);
	struct ui_feed		*f = &c->feeds[v->fi];
	size_t			 i, pos, n;
	int			 r;

	v->h = h;
	if (e == NULL) {
		snprintf(c->title, sizeof c->title, "%s", v->all ? "all" :
		    f->name);
		ui_draw_text(y, 0, w, "This article is no longer there.", 0);
		return;
	}
	if (v->lines == NULL || v->hash != e->hash || v->width != w ||
	    v->gen != f->gen) {
		render(v, e, w);
		v->hash = e->hash;
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
		ui_draw_text(y + r, 0, w, v->lines[i], v->attrs[i]);
	}
	if (v->all) {
		ui_all_update(c);
		pos = (size_t)(ui_all_find(c, v->fi, e->hash) + 1);
		n = c->nall;
	} else {
		pos = (size_t)(e - f->sf->entries) + 1;
		n = f->sf->nentries;
	}
	snprintf(c->title, sizeof c->title, "%s - article %zu/%zu - %s",
	    v->all ? "all" : f->name, pos, n, v->nlines <= (size_t)h ? "all" :
	    v->top + (size_t)h >= v->nlines ? "end" : "more");
}

/* Row k of the list being stepped through: entry and feed. */
static struct store_entry *
nth(struct article_view *v, size_t k, size_t *fi)
{
	struct ui_ctx	*c = v->ctx;

	if (v->all) {
		*fi = c->all[k].fi;
		return c->all[k].e;
	}
	*fi = v->fi;
	return &c->feeds[v->fi].sf->entries[k];
}

/*
 * Step from row i by dir (1 or -1) to the next (unread) article; 0 if
 * there is none.
 */
static int
step(struct article_view *v, size_t i, size_t n, int dir, int unread)
{
	struct store_entry	*e;
	size_t			 k, fi;

	for (k = i; dir > 0 ? k + 1 < n : k > 0;) {
		k = dir > 0 ? k + 1 : k - 1;
		e = nth(v, k, &fi);
		if (!unread || !(e->state & NR_STATE_READ)) {
			show(v, fi, e);
			return 1;
		}
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

static int
article_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct article_view	*v = data;
	struct store_entry	*e = current(v);
	struct ui_feed		*f;
	size_t			 page = v->h > 1 ? (size_t)v->h - 1 : 1;
	size_t			 i, n;
	long			 pos;
	char			 digit[2];
	int			 fl;

	if (e == NULL)
		return 0;
	f = &c->feeds[v->fi];
	if (v->all) {
		ui_all_update(c);
		pos = ui_all_find(c, v->fi, e->hash);
		if (pos < 0)
			return 0;
		i = (size_t)pos;
		n = c->nall;
	} else {
		i = (size_t)(e - f->sf->entries);
		n = f->sf->nentries;
	}
	if (ui_scroll_op(&v->top, v->nlines, page, op))
		return 1;
	switch (op) {
	case NR_OP_NEXT_ITEM:
	case NR_OP_OPEN:
		if (!step(v, i, n, 1, 0))
			ui_status(c, 0, "no next article");
		return 1;
	case NR_OP_PREV_ITEM:
		if (!step(v, i, n, -1, 0))
			ui_status(c, 0, "no previous article");
		return 1;
	case NR_OP_NEXT_UNREAD:
		if (!step(v, i, n, 1, 1))
			ui_status(c, 0, "no next unread article");
		return 1;
	case NR_OP_PREV_UNREAD:
		if (!step(v, i, n, -1, 1))
			ui_status(c, 0, "no previous unread article");
		return 1;
	case NR_OP_TOGGLE_READ:
		fl = e->state & NR_STATE_READ;
		ui_feed_mark(c, v->fi, e, fl ? 0 : NR_STATE_READ,
		    fl ? NR_STATE_READ : 0);
		ui_status(c, 0, fl ? "marked unread" : "marked read");
		return 1;
	case NR_OP_TOGGLE_STAR:
		fl = e->state & NR_STATE_STARRED;
		ui_feed_mark(c, v->fi, e, fl ? 0 : NR_STATE_STARRED,
		    fl ? NR_STATE_STARRED : 0);
		ui_status(c, 0, fl ? "unstarred" : "starred");
		return 1;
	case NR_OP_REFRESH:
		ui_feed_refresh(c, v->fi);
		return 1;
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

const struct ui_view ui_article_view = {
	"article", article_init, article_free, article_draw, article_key
};
