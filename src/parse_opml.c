/* OPML import (Mini-XML 3.x) and export of the feeds file as OPML 2.0. */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include <mxml.h>

#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/opml.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

#define DEPTH_MAX	32	/* nested outlines we follow */
#define TITLE_MAX	256
#define TAG_MAX		128
#define URL_MAX		4096

/* The walk's state. */
struct walk {
	struct opml_outline	*out;
	size_t			 n;
	size_t			 cap;
	char			*stack[DEPTH_MAX]; /* folder titles */
	int			 depth;
};

/* Mini-XML reports errors through a callback; we return our own. */
static void
quiet(const char *msg)
{
	(void)msg;
}

/* An attribute by name, ignoring case; borrowed or NULL. */
static const char *
attr(mxml_node_t *node, const char *name)
{
	const char	*v, *n;
	int		 i, count;

	count = mxmlElementGetAttrCount(node);
	for (i = 0; i < count; i++) {
		n = NULL;
		v = mxmlElementGetAttrByIndex(node, i, &n);
		if (n != NULL && util_strcasecmp(n, name) == 0)
			return v;
	}
	return NULL;
}

/* A cleaned one-line copy of s, or NULL when s is NULL or empty. */
static char *
clean(const char *s, size_t max)
{
	char	*t;

	if (s == NULL)
		return NULL;
	t = text_clean(s, strlen(s), NR_TEXT_ONELINE | NR_TEXT_TRIM, max);
	if (*t == '\0')
		FREE(&t);
	return t;
}

/* Add a tag to an outline unless empty or already there. */
static void
outline_tag(struct opml_outline *o, const char *s, size_t len)
{
	char	*raw, *t;
	size_t	 i;

	raw = xstrndup(s, len);
	t = clean(raw, TAG_MAX);
	free(raw);
	if (t == NULL)
		return;
	for (i = 0; i < o->ntags; i++) {
		if (strcmp(o->tags[i], t) == 0) {
			free(t);
			return;
		}
	}
	o->tags = xreallocarray(o->tags, o->ntags + 1, sizeof *o->tags);
	o->tags[o->ntags++] = t;
}

/* Add the parts of a category attribute ("/a/b,/c") as tags. */
static void
outline_category(struct opml_outline *o, const char *cat)
{
	const char	*p = cat;
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, ",/");
		if (n > 0)
			outline_tag(o, p, n);
		p += n;
		if (*p != '\0')
			p++;
	}
}

/* Turn one outline with an xmlUrl into a feed. */
static void
add_feed(struct walk *w, mxml_node_t *node, const char *url)
{
	struct opml_outline	*o;
	const char		*t, *cat;
	char			*u;
	int			 i;

	if (w->n >= NR_OPML_MAX_OUTLINES)
		return;
	u = clean(url, URL_MAX);
	if (u == NULL)
		return;
	if (w->n == w->cap) {
		w->cap = w->cap == 0 ? 16 : w->cap * 2;
		w->out = xreallocarray(w->out, w->cap, sizeof *w->out);
	}
	o = &w->out[w->n++];
	memset(o, 0, sizeof *o);
	o->url = u;
	t = attr(node, "title");
	if (t == NULL || *t == '\0')
		t = attr(node, "text");
	o->title = clean(t, TITLE_MAX);
	/* opml_export writes the URL when it knows no title. */
	if (o->title != NULL && strcmp(o->title, o->url) == 0) {
		free(o->title);
		o->title = NULL;
	}
	for (i = 0; i < w->depth; i++)
		if (w->stack[i] != NULL)
			outline_tag(o, w->stack[i], strlen(w->stack[i]));
	cat = attr(node, "category");
	if (cat != NULL)
		outline_category(o, cat);
}

/* Visit the outline children of node, depth first. */
static void
walk_outlines(struct walk *w, mxml_node_t *node)
{
	mxml_node_t	*c;
	const char	*name, *url, *t;

	c = mxmlGetFirstChild(node);
	for (; c != NULL; c = mxmlGetNextSibling(c)) {
		if (mxmlGetType(c) != MXML_ELEMENT)
			continue;
		name = mxmlGetElement(c);
		if (name == NULL || util_strcasecmp(name, "outline") != 0)
			continue;
		url = attr(c, "xmlUrl");
		if (url != NULL && *url != '\0') {
			add_feed(w, c, url);
			continue;
		}
		if (w->depth >= DEPTH_MAX)
			continue;
		t = attr(c, "title");
		if (t == NULL || *t == '\0')
			t = attr(c, "text");
		w->stack[w->depth++] = clean(t, TAG_MAX);
		walk_outlines(w, c);
		w->depth--;
		FREE(&w->stack[w->depth]);
	}
}

enum nr_err
opml_import(const char *buf, size_t len, struct opml_outline **out,
    size_t *nout, char *errbuf)
{
	struct walk	 w;
	mxml_node_t	*top, *tree, *opml, *body;
	char		*copy;

	*out = NULL;
	*nout = 0;
	memset(&w, 0, sizeof w);
	copy = xstrndup(buf, len);
	if (strlen(copy) != len) {
		free(copy);
		return nr_seterr(errbuf, NR_EPARSE, "NUL byte in OPML");
	}
	mxmlSetErrorCallback(quiet);
	top = mxmlNewElement(MXML_NO_PARENT, "nr-top");
	tree = mxmlLoadString(top, copy, MXML_OPAQUE_CALLBACK);
	free(copy);
	if (tree == NULL) {
		mxmlDelete(top);
		return nr_seterr(errbuf, NR_EPARSE, "not well-formed XML");
	}
	opml = mxmlFindElement(top, top, "opml", NULL, NULL, MXML_DESCEND);
	if (opml == NULL) {
		mxmlDelete(top);
		return nr_seterr(errbuf, NR_ENOTFEED, "no <opml> element");
	}
	body = mxmlFindElement(opml, opml, "body", NULL, NULL,
	    MXML_DESCEND_FIRST);
	if (body != NULL)
		walk_outlines(&w, body);
	mxmlDelete(top);
	*out = w.out;
	*nout = w.n;
	return NR_OK;
}

void
opml_outlines_free(struct opml_outline *o, size_t n)
{
	size_t	 i, j;

	if (o == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(o[i].url);
		free(o[i].title);
		for (j = 0; j < o[i].ntags; j++)
			free(o[i].tags[j]);
		free(o[i].tags);
	}
	free(o);
}

/* Append s escaped for an XML attribute; control characters go. */
static void
add_escaped(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			strbuf_adds(sb, "&amp;");
			break;
		case '<':
			strbuf_adds(sb, "&lt;");
			break;
		case '>':
			strbuf_adds(sb, "&gt;");
			break;
		case '"':
			strbuf_adds(sb, "&quot;");
			break;
		case '\'':
			strbuf_adds(sb, "&apos;");
			break;
		case '\t':
			strbuf_adds(sb, "&#9;");
			break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				strbuf_addc(sb, *s);
			break;
		}
	}
}

char *
opml_export(const struct feedlist *fl, char *const *titles, size_t *lenp)
{
	struct strbuf			 sb;
	const struct feedlist_entry	*e;
	const char			*title;
	size_t				 i, j;

	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n"
	    "  <head>\n"
	    "    <title>newsreader feeds</title>\n"
	    "  </head>\n"
	    "  <body>\n");
	for (i = 0; i < fl->nentries; i++) {
		e = fl->entries[i];
		if (e->flags & NR_FEED_BUILTIN)
			continue;
		title = e->title;
		if (title == NULL && titles != NULL)
			title = titles[i];
		if (title == NULL)
			title = e->url;
		strbuf_adds(&sb, "    <outline type=\"rss\" text=\"");
		add_escaped(&sb, title);
		strbuf_adds(&sb, "\" title=\"");
		add_escaped(&sb, title);
		strbuf_adds(&sb, "\" xmlUrl=\"");
		add_escaped(&sb, e->url);
		strbuf_addc(&sb, '"');
		if (e->ntags > 0) {
			strbuf_adds(&sb, " category=\"");
			for (j = 0; j < e->ntags; j++) {
				if (j > 0)
					strbuf_addc(&sb, ',');
				strbuf_addc(&sb, '/');
				add_escaped(&sb, e->tags[j]);
			}
			strbuf_addc(&sb, '"');
		}
		strbuf_adds(&sb, "/>\n");
	}
	strbuf_adds(&sb, "  </body>\n</opml>\n");
	return strbuf_detach(&sb, lenp);
}
