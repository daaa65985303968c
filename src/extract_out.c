/*
 * extract: the chosen blocks written out as light HTML (p, headings,
 * lists, quotes, pre, links) and as plain-text paragraphs, with the
 * small, link-heavy or negatively hinted blocks inside them left out
 * (Readability's "clean conditionally").
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "extract_int.h"

/* The state of one write-out. */
struct xout {
	const struct xtree	*t;
	const char		*base;
	const char		*title;
	struct strbuf		 html;
	struct strbuf		 ph;	/* the open paragraph, as HTML */
	struct strbuf		 pt;	/* and as text */
	char			*tmp;	/* a text node's text, collapsed */
	size_t			 tmpcap;
	int			 ptag;	/* its tag: 0 for p */
	int			 space;	/* a space is due before more text */
	int			 inlink;
	char			**paras;
	size_t			 npara;
	size_t			 cap;
	size_t			 chars;	/* characters written */
	size_t			 linkchars;
};

/* The name of the tags written. */
static const char *
out_tagname(int tag)
{
	switch (tag) {
	case GUMBO_TAG_H1: return "h1";
	case GUMBO_TAG_H2: return "h2";
	case GUMBO_TAG_H3: return "h3";
	case GUMBO_TAG_H4: return "h4";
	case GUMBO_TAG_H5: return "h5";
	case GUMBO_TAG_H6: return "h6";
	case GUMBO_TAG_PRE: return "pre";
	case GUMBO_TAG_LI: return "li";
	default: return "p";
	}
}

/* Add s escaped for HTML to sb. */
static void
out_escape(struct strbuf *sb, const char *s, size_t n)
{
	size_t	i, j;

	for (i = j = 0; i < n; i++) {
		const char	*e;

		/* (Every caller's s ends with a NUL at n, or sooner.) */
		i += strcspn(s + i, "&<>\"");
		if (i >= n)
			break;
		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		default: continue;
		}
		strbuf_add(sb, s + j, i - j);
		strbuf_adds(sb, e);
		j = i + 1;
	}
	strbuf_add(sb, s + j, n - j);
}

/* Characters (not bytes) in n bytes of UTF-8. */
static size_t
out_chars(const char *s, size_t n)
{
	size_t	i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * s with each run of white space as one space, into o->tmp (returns
 * its length): a space due (o->space) comes first unless the paragraph
 * is empty; one at the end is left due for the next text.
 */
static size_t
out_collapse(struct xout *o, const char *s, size_t len)
{
	char	*d;
	size_t	 i;
	int	 space = o->space, any = o->pt.len > 0;

	/* The space due, the text, the NUL. */
	if (len + 2 > o->tmpcap) {
		o->tmpcap = len + 2 > 256 ? len + 2 : 256;
		free(o->tmp);
		o->tmp = xmalloc(o->tmpcap);
	}
	d = o->tmp;
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case ' ': case '\t': case '\n': case '\r': case '\f':
			space = 1;
			continue;
		}
		if (space && any)
			*d++ = ' ';
		space = 0;
		any = 1;
		*d++ = s[i];
	}
	*d = '\0';
	o->space = space;
	return (size_t)(d - o->tmp);
}

/* Add the text of a text node to the open paragraph. */
static void
out_text(struct xout *o, const char *s, int pre)
{
	size_t	n, len = strlen(s);
	size_t	before = o->pt.len;

	if (!pre) {
		len = out_collapse(o, s, len);
		s = o->tmp;
	}
	out_escape(&o->ph, s, len);
	strbuf_add(&o->pt, s, len);
	/* (An empty buffer may have no memory yet.) */
	n = o->pt.len > before ? out_chars(o->pt.buf + before,
	    o->pt.len - before) : 0;
	o->chars += n;
	if (o->inlink)
		o->linkchars += n;
}

/*
 * True when text_clean(s, len, flags, 0) is s itself: clean, and for
 * NR_TEXT_ONELINE | NR_TEXT_TRIM on one line, with no space at either
 * end or two together. Most paragraphs are; this spares the copy.
 */
static int
out_is_clean(const char *s, size_t len, int flags)
{
	size_t	i;

	if (flags != 0) {
		if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
			return 0;
		for (i = 0; i < len; i++)
			if (s[i] == '\t' || s[i] == '\n' || (s[i] == ' ' &&
			    i + 1 < len && s[i + 1] == ' '))
				return 0;
	}
	return text_is_clean(s, len);
}

/* Close the open paragraph: keep it unless it is empty or the title. */
static void
out_flush(struct xout *o)
{
	char	*plain;
	int	 tag = o->ptag, flags;

	if (o->inlink) {
		/* Not reached: links holding blocks are not written. */
		strbuf_adds(&o->ph, "</a>");
		o->inlink = 0;
	}
	o->space = 0;
	if (o->pt.len == 0)
		goto done;
	flags = tag == GUMBO_TAG_PRE ? 0 : NR_TEXT_ONELINE | NR_TEXT_TRIM;
	if (out_is_clean(o->pt.buf, o->pt.len, flags))
		plain = xstrndup(o->pt.buf, o->pt.len);
	else
		plain = text_clean(o->pt.buf, o->pt.len, flags, 0);
	if (plain[0] == '\0' || o->npara >= NR_EXTRACT_MAX_PARAS ||
	    (o->npara == 0 && tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H3 &&
	    o->title != NULL && text_equal_ci(plain, o->title))) {
		free(plain);
		goto done;
	}
	if (o->npara == o->cap) {
		o->cap = o->cap == 0 ? 16 : o->cap * 2;
		o->paras = xreallocarray(o->paras, o->cap, sizeof *o->paras);
	}
	o->paras[o->npara++] = plain;
	/* (A paragraph each: no format string to read.) */
	strbuf_addc(&o->html, '<');
	strbuf_adds(&o->html, out_tagname(tag));
	strbuf_addc(&o->html, '>');
	strbuf_add(&o->html, o->ph.buf, o->ph.len);
	strbuf_adds(&o->html, "</");
	strbuf_adds(&o->html, out_tagname(tag));
	strbuf_adds(&o->html, ">\n");
done:
	strbuf_reset(&o->ph);
	strbuf_reset(&o->pt);
}

/* Readability's "clean conditionally": true to leave block n out. */
static int
out_skip(const struct xnode *n)
{
	double	ld;
	int	list = 0;

	switch (n->tag) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		/* "Read more: <a>another story</a>"; a heading all link */
		return xtree_link_density(n) > 0.5;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
		list = 1;
		break;
	case GUMBO_TAG_TABLE: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGURE:
		break;
	default:
		return 0;
	}
	if (n->weight + ((n->flags & XN_CAND) ? n->score : 0) < 0)
		return 1;
	if (n->commas >= 10)
		return 0;
	ld = xtree_link_density(n);
	if (list)
		return ld > 0.5;
	/* Pictures with a line each: a teaser grid, not the text. */
	if (n->tag != GUMBO_TAG_FIGURE && n->nimg > 1 &&
	    n->nparas * 2 < n->nimg)
		return 1;
	if (n->textlen < 25 && (n->nimg == 0 || n->nimg > 2))
		return 1;
	return (n->weight < 25 && ld > 0.2) || (n->weight >= 25 && ld > 0.5);
}

/* Write node i and what it holds. */
static void
out_node(struct xout *o, int32_t i, int root)
{
	const struct xnode	*n = &o->t->n[i];
	const GumboAttribute	*href;
	int32_t			 k;
	int			 saved, link = 0;
	char			*url;

	if (n->flags & XN_TEXT) {
		out_text(o, n->g->v.text.text, n->flags & XN_PRE);
		return;
	}
	if ((n->flags & XN_DROP) || (!root && out_skip(n)))
		return;
	saved = o->ptag;
	switch (n->tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
	case GUMBO_TAG_H6: case GUMBO_TAG_PRE: case GUMBO_TAG_LI:
		out_flush(o);
		o->ptag = n->tag == GUMBO_TAG_P ? 0 : n->tag;
		break;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE:
		out_flush(o);
		strbuf_addf(&o->html, "<%s>\n", n->tag == GUMBO_TAG_UL ?
		    "ul" : n->tag == GUMBO_TAG_OL ? "ol" : "blockquote");
		o->ptag = 0;
		break;
	case GUMBO_TAG_BR:
		if (o->ptag == GUMBO_TAG_PRE) {
			strbuf_addc(&o->ph, '\n');
			strbuf_addc(&o->pt, '\n');
		} else if (o->ptag == 0 && !o->inlink)
			out_flush(o);
		else
			o->space = 1;
		return;
	case GUMBO_TAG_IMG:
		return;
	case GUMBO_TAG_A:
		href = gumbo_get_attribute(&n->g->v.element.attributes,
		    "href");
		if (o->inlink || (n->flags & XN_HASBLOCK) || href == NULL ||
		    (url = extract_url_resolve(o->base, href->value)) == NULL)
			break;
		if (o->space && o->pt.len > 0) {
			strbuf_addc(&o->ph, ' ');
			strbuf_addc(&o->pt, ' ');
			o->space = 0;
		}
		strbuf_adds(&o->ph, "<a href=\"");
		out_escape(&o->ph, url, strlen(url));
		strbuf_adds(&o->ph, "\">");
		free(url);
		o->inlink = link = 1;
		break;
	default:
		if ((n->flags & (XN_BLOCK | XN_HASBLOCK)) ||
		    n->tag == GUMBO_TAG_HR)
			out_flush(o);
		break;
	}
	for (k = n->first; k >= 0; k = o->t->n[k].next)
		out_node(o, k, 0);
	if (link) {
		if (o->inlink)
			strbuf_adds(&o->ph, "</a>");
		o->inlink = 0;
		return;
	}
	switch (n->tag) {
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE:
		out_flush(o);
		strbuf_addf(&o->html, "</%s>\n", n->tag == GUMBO_TAG_UL ?
		    "ul" : n->tag == GUMBO_TAG_OL ? "ol" : "blockquote");
		break;
	default:
		if (xtree_is_block(n->tag) || (n->flags & XN_HASBLOCK))
			out_flush(o);
		break;
	}
	o->ptag = saved;
}

size_t
xout_write(const struct xtree *t, const int32_t *roots, size_t nroots,
    const char *base, const char *title, struct extract_result *r)
{
	struct xout	o;
	size_t		i, want;

	memset(&o, 0, sizeof o);
	o.t = t;
	o.base = base;
	o.title = title;
	strbuf_init(&o.html, NR_EXTRACT_MAX_OUTPUT);
	strbuf_init(&o.ph, NR_EXTRACT_MAX_OUTPUT);
	strbuf_init(&o.pt, NR_EXTRACT_MAX_OUTPUT);
	/* Room at once for the text and its tags: no growing by halves. */
	for (i = 0, want = 4096; i < nroots; i++)
		want += t->n[roots[i]].textlen * 2;
	strbuf_grow(&o.html, want < NR_EXTRACT_MAX_OUTPUT ? want :
	    NR_EXTRACT_MAX_OUTPUT);
	for (i = 0; i < nroots; i++) {
		out_node(&o, roots[i], 1);
		out_flush(&o);
	}
	strbuf_clear(&o.ph);
	strbuf_clear(&o.pt);
	free(o.tmp);
	if (o.html.buf == NULL)
		r->html = xstrdup("");
	else if (out_is_clean(o.html.buf, o.html.len, 0))
		r->html = strbuf_detach(&o.html, NULL);
	else
		r->html = text_clean(o.html.buf, o.html.len, 0, 0);
	strbuf_clear(&o.html);
	r->paras = o.paras;
	r->npara = o.npara;
	/* Mostly links is an index, not an article. */
	if (o.linkchars * 2 > o.chars)
		return 0;
	return o.chars - o.linkchars;
}
