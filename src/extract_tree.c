/*
 * extract: gumbo's tree as a flat array of nodes, with what is left out
 * (scripts, navigation, share bars, hidden blocks) marked, and the text
 * each element holds counted.
 */
#include "nr_config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "extract_int.h"

/* Nodes kept at most (the tag cap of the prescan comes first). */
#define XTREE_MAX_NODES	(1U << 21)
/* Bytes of class and id looked at. */
#define XTREE_HINT_MAX	256

/*
 * Class and id words. An element whose class or id has an "unlikely"
 * word is left out (Readability's unlikelyCandidates), unless a
 * "maybe" word rescues it; "never" words are not rescued. Words of
 * two or three letters, and those marked ^, match whole tokens only
 * (ad, nav: not "load", "canvas").
 */
static const char *const hint_never[] = {
	"comment", "disqus", "cookie", "consent", "gdpr", "share", "sharing",
	"social", "newsletter", "subscribe", "promo", "sponsor", "related",
	"sidebar", "footer", "breadcrumb", "popup", "menu", "navbar",
	"navigation", "ad", "ads", "nav", "advert", "paywall", "recommend",
	"outbrain", "taboola", "login", "signup", "modal", "byline",
	"dateline", "timestamp", "^date", "^time", "^author", "^published",
	NULL
};
static const char *const hint_unlikely[] = {
	"banner", "combx", "community", "cover-wrap", "extra", "header",
	"legends", "remark", "replies", "rss", "shoutbox", "skyscraper",
	"supplemental", "agegate", "pagination", "pager", "tags", "toolbar",
	"masthead", "profile", NULL
};
static const char *const hint_maybe[] = {
	"article", "body", "column", "content", "main", "shadow", "story",
	"entry", NULL
};
/* Scoring hints (Readability's positive and negative patterns). */
static const char *const hint_pos[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "post", "text", "blog", "story", NULL
};
static const char *const hint_neg[] = {
	"hidden", "hid", "banner", "combx", "comment", "com-", "contact",
	"foot", "masthead", "media", "meta", "outbrain", "promo", "related",
	"scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
	"shopping", "tags", "tool", "widget", "cookie", "subscribe", "social",
	"menu", "nav", "header", "ad", "ads", "byline", "author", NULL
};

/* ARIA roles of what is not the article. */
static const char *const drop_roles[] = {
	"navigation", "complementary", "banner", "contentinfo", "menu",
	"menubar", "dialog", "alertdialog", "search", "alert", "toolbar",
	"tablist", NULL
};

/* True when the lowercased hint string s has word w (see above). */
static int
hint_has(const char *s, const char *w)
{
	size_t		 wl;
	const char	*p;
	int		 token = 0;

	if (*w == '^') {
		token = 1;
		w++;
	}
	wl = strlen(w);
	if (wl > 3 && !token)
		return strstr(s, w) != NULL;
	for (p = s; (p = strstr(p, w)) != NULL; p++)
		if ((p == s || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[wl]))
			return 1;
	return 0;
}

/* True when s has one of the words. */
static int
hint_any(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (hint_has(s, *words))
			return 1;
	return 0;
}

/* The lowercased value of an attribute into buf, "" when absent. */
static void
attr_lower(const GumboNode *g, const char *name, char *buf, size_t size)
{
	const GumboAttribute	*a;
	size_t			 i;

	buf[0] = '\0';
	a = gumbo_get_attribute(&g->v.element.attributes, name);
	if (a == NULL)
		return;
	for (i = 0; i + 1 < size && a->value[i] != '\0'; i++)
		buf[i] = (char)util_tolower((unsigned char)a->value[i]);
	buf[i] = '\0';
}

/* -25, 0 or 25 for one class or id string. */
static int
hint_weight(const char *s)
{
	int	w = 0;

	if (s[0] == '\0')
		return 0;
	if (hint_any(s, hint_neg))
		w -= 25;
	if (hint_any(s, hint_pos))
		w += 25;
	return w;
}

int
xtree_class_weight(const GumboNode *g)
{
	char	buf[XTREE_HINT_MAX];
	int	w;

	attr_lower(g, "class", buf, sizeof buf);
	w = hint_weight(buf);
	attr_lower(g, "id", buf, sizeof buf);
	w += hint_weight(buf);
	attr_lower(g, "itemprop", buf, sizeof buf);
	if (strcmp(buf, "articlebody") == 0)
		w += 25;
	return w;
}

int
xtree_is_block(int tag)
{
	switch (tag) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DD: case GUMBO_TAG_DIV:
	case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_HR: case GUMBO_TAG_LI:
	case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL:
	case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TR:
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_UL:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
		return 1;
	default:
		return 0;
	}
}

/* True when an element is left out by its tag. */
static int
drop_tag(int tag)
{
	switch (tag) {
	case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
	case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_MENU:
	case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_LABEL: case GUMBO_TAG_OPTION:
	case GUMBO_TAG_TITLE: case GUMBO_TAG_META: case GUMBO_TAG_LINK:
	case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FRAME:
	case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED:
	case GUMBO_TAG_DATALIST:
	case GUMBO_TAG_PROGRESS: case GUMBO_TAG_METER: case GUMBO_TAG_KEYGEN:
		return 1;
	default:
		return 0;
	}
}

/*
 * 1 when the element is left out: by tag, role, hiding or hints; 2 when
 * its names say both (\"article-body share-tools\"): it is left out
 * unless it holds three paragraphs or more (tree_count).
 */
static int
drop_element(const GumboNode *g, int flags)
{
	const GumboElement	*e = &g->v.element;
	char			 cls[XTREE_HINT_MAX], id[XTREE_HINT_MAX];
	char			 buf[XTREE_HINT_MAX * 2 + 2];
	int			 tag = (int)e->tag;
	size_t			 i;

	if (e->tag_namespace != GUMBO_NAMESPACE_HTML || drop_tag(tag))
		return 1;
	if (tag == GUMBO_TAG_UNKNOWN && e->original_tag.length >= 7 &&
	    util_strncasecmp(e->original_tag.data, "<dialog", 7) == 0)
		return 1;
	if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY)
		return 0;
	if (gumbo_get_attribute(&e->attributes, "hidden") != NULL)
		return 1;
	attr_lower(g, "aria-hidden", buf, sizeof buf);
	if (strcmp(buf, "true") == 0)
		return 1;
	attr_lower(g, "style", buf, sizeof buf);
	if (buf[0] != '\0') {
		/* Spaces out, so "display: none" is "display:none". */
		char	*w = buf, *r;

		for (r = buf; *r != '\0'; r++)
			if (!isspace((unsigned char)*r))
				*w++ = *r;
		*w = '\0';
		if (strstr(buf, "display:none") != NULL ||
		    strstr(buf, "visibility:hidden") != NULL)
			return 1;
	}
	attr_lower(g, "role", buf, sizeof buf);
	for (i = 0; buf[0] != '\0' && drop_roles[i] != NULL; i++)
		if (strcmp(buf, drop_roles[i]) == 0)
			return 1;
	if (flags & XT_NOHINTS)
		return 0;
	attr_lower(g, "class", cls, sizeof cls);
	attr_lower(g, "id", id, sizeof id);
	if (cls[0] == '\0' && id[0] == '\0')
		return 0;
	snprintf(buf, sizeof buf, "%s %s", cls, id);
	if (hint_any(buf, hint_never))
		return hint_any(buf, hint_maybe) ? 2 : 1;
	if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ||
	    tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TBODY ||
	    tag == GUMBO_TAG_TR || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_A)
		return 0;
	return hint_any(buf, hint_unlikely) && !hint_any(buf, hint_maybe);
}

/* Append a node under parent; returns its index, or -1 at the cap. */
static int32_t
tree_add(struct xtree *t, const GumboNode *g, int tag, int32_t parent,
    uint32_t flags)
{
	struct xnode	*n;
	int32_t		 i;

	if (t->len >= XTREE_MAX_NODES)
		return -1;
	if (t->len == t->cap) {
		t->cap = t->cap == 0 ? 256 : t->cap * 2;
		t->n = xrealloc_big(t->n, t->len * sizeof *t->n,
		    t->cap * sizeof *t->n);
	}
	i = (int32_t)t->len++;
	n = &t->n[i];
	memset(n, 0, sizeof *n);
	n->g = g;
	n->tag = tag;
	n->parent = parent;
	n->first = n->last = n->next = -1;
	n->flags = flags;
	if (parent >= 0) {
		if (t->n[parent].last >= 0)
			t->n[t->n[parent].last].next = i;
		else
			t->n[parent].first = i;
		t->n[parent].last = i;
	}
	return i;
}

/* Add g and what it holds (to a depth cap) under parent. */
static void
tree_walk(struct xtree *t, const GumboNode *g, int32_t parent, int depth,
    uint32_t inh, int flags)
{
	const GumboVector	*kids;
	int32_t			 i;
	unsigned int		 k;
	int			 tag;

	switch (g->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_CDATA:
	case GUMBO_NODE_WHITESPACE:
		tree_add(t, g, -1, parent, XN_TEXT | inh);
		return;
	case GUMBO_NODE_ELEMENT:
		break;
	default:
		return;
	}
	if (depth > NR_EXTRACT_MAX_DEPTH * 2)
		return;
	tag = (int)g->v.element.tag;
	if ((i = tree_add(t, g, tag, parent, inh)) < 0)
		return;
	switch (drop_element(g, flags)) {
	case 1:
		t->n[i].flags |= XN_DROP;
		return;
	case 2:
		t->n[i].flags |= XN_SOFTDROP;
		break;
	default:
		break;
	}
	t->n[i].weight = (flags & XT_NOHINTS) ? 0 : xtree_class_weight(g);
	if (tag == GUMBO_TAG_A)
		inh |= XN_INLINK;
	if (tag == GUMBO_TAG_PRE)
		inh |= XN_PRE;
	kids = &g->v.element.children;
	for (k = 0; k < kids->length; k++)
		tree_walk(t, kids->data[k], i, depth + 1, inh, flags);
}

void
xtree_count_text(const char *s, size_t *lenp, unsigned *commasp)
{
	size_t		 len = 0, n, rem = strlen(s);
	unsigned	 commas = 0;
	int		 cp, space = 1;

	while (rem > 0) {
		/* Printable ASCII but ' ' and ',' (the most of it). */
		if ((unsigned char)*s > ' ' && (unsigned char)*s < 0x7f &&
		    *s != ',') {
			space = 0;
			len++;
			s++;
			rem--;
			continue;
		}
		if ((unsigned char)*s < 0x80) {
			cp = (unsigned char)*s;
			n = 1;
		} else
			n = text_utf8_decode(s, rem, &cp);
		s += n;
		rem -= n;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\f' || cp == 0xa0) {
			if (!space)
				len++;
			space = 1;
			continue;
		}
		space = 0;
		len++;
		if (cp == ',' || cp == 0xff0c || cp == 0x3001 ||
		    cp == 0x060c || cp == 0x3002)
			commas++;
	}
	if (len > 0 && space)
		len--;			/* a trailing space */
	*lenp = len;
	*commasp = commas;
}

/* Count text bottom-up; small forms are left out. */
static void
tree_count(struct xtree *t)
{
	struct xnode	*n, *p;
	size_t		 i;

	for (i = t->len; i-- > 0;) {
		n = &t->n[i];
		if (n->flags & XN_DROP)
			continue;
		if (n->flags & XN_TEXT) {
			xtree_count_text(n->g->v.text.text, &n->textlen,
			    &n->commas);
			if (n->flags & XN_INLINK)
				n->linklen = n->textlen;
		} else {
			if (n->tag == GUMBO_TAG_P)
				n->nparas++;
			else if (n->tag == GUMBO_TAG_LI)
				n->nli++;
			else if (n->tag == GUMBO_TAG_IMG)
				n->nimg++;
			else if (n->tag == GUMBO_TAG_FORM &&
			    (n->textlen < 1000 ||
			    xtree_link_density(n) > 0.5)) {
				n->flags |= XN_DROP;
				continue;
			}
			if ((n->flags & XN_SOFTDROP) && n->nparas < 3) {
				n->flags |= XN_DROP;
				continue;
			}
			if (xtree_is_block(n->tag))
				n->flags |= XN_BLOCK;
		}
		if (n->parent < 0)
			continue;
		p = &t->n[n->parent];
		/* Words either side of a block are apart. */
		p->textlen += n->textlen;
		p->linklen += n->linklen;
		p->commas += n->commas;
		p->nparas += n->nparas;
		p->nli += n->nli;
		p->nimg += n->nimg;
		if (n->flags & (XN_BLOCK | XN_HASBLOCK))
			p->flags |= XN_HASBLOCK;
	}
	/* What a block dropped here holds is dropped with it. */
	for (i = 0; i < t->len; i++)
		if (t->n[i].parent >= 0 && (t->n[t->n[i].parent].flags &
		    XN_DROP))
			t->n[i].flags |= XN_DROP;
}

void
xtree_build(struct xtree *t, const GumboNode *root, int flags, size_t size)
{
	memset(t, 0, sizeof *t);
	/*
	 * A node for every 16 bytes is more than pages have (a dense one
	 * has one for 24); memory not used is never touched.
	 */
	t->cap = size / 16 < 256 ? 256 : size / 16 > XTREE_MAX_NODES ?
	    XTREE_MAX_NODES : size / 16;
	t->n = xmalloc_big(t->cap * sizeof *t->n);
	tree_walk(t, root, -1, 0, 0, flags);
	tree_count(t);
}

void
xtree_free(struct xtree *t)
{
	free(t->n);
	memset(t, 0, sizeof *t);
}

double
xtree_link_density(const struct xnode *n)
{
	if (n->textlen == 0)
		return 0;
	return (double)n->linklen / (double)n->textlen;
}
