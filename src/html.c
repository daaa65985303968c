/*
 * html: the renderer: block structure, lists, quotes, tables and link
 * numbering, from the tokens of html_tok.c to lines (see html.h).
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/html.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "html_int.h"

/* How many nested elements are tracked; deeper ones only flow text. */
#define HTML_MAXDEPTH	256
/* Unsafe link URLs are shown cut to this many columns. */
#define HTML_UNSAFEW	40

#define IS_HEADING(t)	((t) >= T_H1 && (t) <= T_H6)
#define IS_CELL(t)	((t) == T_TD || (t) == T_TH)
#define IS_LIST(t)	((t) == T_UL || (t) == T_OL)

/* An open element we track. */
struct elem {
	enum html_tagid	 tag;
	int		 num;		/* ol: next number; tr: cells */
	int		 marked;	/* li: the marker was printed */
	int		 indent;	/* list directly inside a list */
	int		 mw;		/* li: marker width */
	size_t		 link;		/* a: link number */
	char		 marker[24];	/* li */
};

/* The state of one html_render() call. */
struct render {
	const char	*s;		/* the cleaned source */
	size_t		 len;
	size_t		 pos;
	int		 flags;
	struct html_doc	*doc;
	struct html_out	 out;
	struct strbuf	 para;		/* the paragraph so far */
	struct strbuf	 pfirst;	/* prefix scratch */
	struct strbuf	 prest;
	struct strbuf	 tmp;
	struct elem	*stack;
	size_t		 depth;
	int		 npre;
	int		 nquote;
	int		 ncell;
	int		 nli;
	int		 nlist;
	int		 prenl;		/* drop '\n' after <pre> */
	int		 blank;		/* an empty line is due */
	int		 blankq;	/* ... at this quote depth */
	int		 linkat;	/* the open link's index or -1 */
	int		 linkdirty;	/* text since its last marker */
	int		 linkmarked;
	size_t		 linkcap;
	size_t		*hash;		/* link index + 1; 0 free */
	size_t		 hashcap;
};

static void	close_to(struct render *, size_t);

/* Start a line break, blank or not, in the paragraph text. */
static void
para_space(struct render *r)
{
	struct strbuf	*p = &r->para;

	if (p->len > 0 && p->buf[p->len - 1] != ' ' &&
	    p->buf[p->len - 1] != '\n')
		strbuf_addc(p, ' ');
}

/* Drop a trailing space from the paragraph. */
static void
para_trim(struct render *r)
{
	struct strbuf	*p = &r->para;

	if (p->len > 0 && p->buf[p->len - 1] == ' ')
		p->buf[--p->len] = '\0';
}

/* Add source text: white space collapses outside pre. */
static void
para_text(struct render *r, const char *s, size_t len)
{
	size_t	i, j;

	if (len == 0)
		return;
	if (r->npre > 0) {
		if (r->prenl && s[0] == '\n') {
			s++;
			len--;
		}
		r->prenl = 0;
		strbuf_add(&r->para, s, len);
		r->linkdirty = 1;
		return;
	}
	for (i = 0; i < len; i = j) {
		if (HTML_IS_WS((unsigned char)s[i])) {
			para_space(r);
			j = i + 1;
			continue;
		}
		for (j = i; j < len && !HTML_IS_WS((unsigned char)s[j]); j++)
			;
		strbuf_add(&r->para, s + i, j - i);
		r->linkdirty = 1;
	}
}

/* Add one decoded character. */
static void
para_cp(struct render *r, int cp)
{
	char	c;

	if (cp < 0x80) {
		c = (char)cp;
		para_text(r, &c, 1);
		return;
	}
	r->prenl = 0;
	html_add_cp(&r->para, cp);
	r->linkdirty = 1;
}

/* Add decorative text that is not link text. */
static void
para_deco(struct render *r, const char *s)
{
	int	dirty = r->linkdirty;

	para_text(r, s, strlen(s));
	r->linkdirty = dirty;
}

/* A forced line break (<br>). */
static void
para_break(struct render *r)
{
	if (r->ncell > 0 && r->npre == 0) {
		para_space(r);
		return;
	}
	if (r->npre == 0)
		para_trim(r);
	strbuf_addc(&r->para, '\n');
}

/* Append the open link's marker "[n]" to its text. */
static void
link_mark(struct render *r)
{
	struct strbuf	*p = &r->para;
	char		 buf[32];
	int		 space = 0;

	if (r->linkat < 0)
		return;
	if (r->npre == 0 && p->len > 0 && p->buf[p->len - 1] == ' ') {
		para_trim(r);
		space = 1;
	}
	snprintf(buf, sizeof(buf), "[%zu]", r->stack[r->linkat].link);
	strbuf_adds(p, buf);
	if (space)
		strbuf_addc(p, ' ');
	r->linkdirty = 0;
	r->linkmarked = 1;
}

/* Request an empty line before whatever comes next. */
static void
want_blank(struct render *r)
{
	size_t	i;

	/* Not before the first line of a list item. */
	for (i = r->depth; i-- > 0;) {
		if (r->stack[i].tag == T_LI) {
			if (!r->stack[i].marked)
				return;
			break;
		}
	}
	if (!r->blank || r->nquote < r->blankq)
		r->blankq = r->nquote;
	r->blank = 1;
}

/* Append n spaces. */
static void
add_spaces(struct strbuf *sb, int n)
{
	static const char	spaces[] = "                ";
	int			k;

	for (; n > 0; n -= k) {
		k = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;
		strbuf_add(sb, spaces, k);
	}
}

/*
 * Build the prefixes of the current line: first (with unprinted list
 * markers) and rest. With quotes >= 0, build only the prefix of an
 * empty line inside that many quotes into rest. What goes past the
 * width would be cut anyway (see cap_prefix), so building stops there.
 */
static void
build_prefix(struct render *r, int quotes)
{
	struct elem	*e;
	size_t		 i;
	int		 q = 0, k, w = 0;

	strbuf_reset(&r->pfirst);
	strbuf_reset(&r->prest);
	strbuf_adds(&r->pfirst, "");
	strbuf_adds(&r->prest, "");
	for (i = 0; i < r->depth && w <= r->out.width; i++) {
		if (quotes >= 0 && q >= quotes)
			break;
		e = &r->stack[i];
		switch (e->tag) {
		case T_BLOCKQUOTE:
			strbuf_adds(&r->pfirst, "> ");
			strbuf_adds(&r->prest, "> ");
			w += 2;
			q++;
			break;
		case T_LI:
			if (e->marked)
				add_spaces(&r->pfirst, e->mw);
			else
				strbuf_adds(&r->pfirst, e->marker);
			add_spaces(&r->prest, e->mw);
			w += e->mw;
			break;
		case T_DD:
			strbuf_adds(&r->pfirst, "    ");
			strbuf_adds(&r->prest, "    ");
			w += 4;
			break;
		case T_UL:
		case T_OL:
			for (k = 0; k < e->indent; k++) {
				strbuf_adds(&r->pfirst, "  ");
				strbuf_adds(&r->prest, "  ");
				w += 2;
			}
			break;
		default:
			break;
		}
	}
}

/* Emit the pending empty line, if any. */
static void
emit_blank(struct render *r)
{
	int	q;

	if (!r->blank)
		return;
	r->blank = 0;
	q = r->blankq < r->nquote ? r->blankq : r->nquote;
	build_prefix(r, q);
	html_out_blank(&r->out, strbuf_str(&r->prest),
	    q > 0 ? NR_HTML_QUOTE : NR_HTML_PLAIN);
}

/* The style of lines written now; pre wins, as it is never wrapped. */
static enum html_style
cur_style(struct render *r, int *level)
{
	size_t	i;

	*level = 0;
	if (r->npre > 0)
		return (NR_HTML_PRE);
	for (i = r->depth; i-- > 0;) {
		if (IS_HEADING(r->stack[i].tag)) {
			*level = r->stack[i].tag - T_H1 + 1;
			return (NR_HTML_HEADING);
		}
	}
	if (r->nquote > 0)
		return (NR_HTML_QUOTE);
	return (NR_HTML_PLAIN);
}

/* Write out the collected paragraph with the current prefixes. */
static void
flush(struct render *r)
{
	struct strbuf	*p = &r->para;
	enum html_style	 style;
	size_t		 i;
	int		 n, level, maxw = 0;

	if (r->linkat >= 0 && r->linkdirty && p->len > 0)
		link_mark(r);
	if (r->npre > 0) {
		while (p->len > 0 &&
		    HTML_IS_WS((unsigned char)p->buf[p->len - 1]))
			p->len--;
	} else {
		while (p->len > 0 && p->buf[p->len - 1] == ' ')
			p->len--;
	}
	if (p->len == 0) {
		strbuf_reset(p);
		return;
	}
	emit_blank(r);
	build_prefix(r, -1);
	style = cur_style(r, &level);
	if (r->npre > 0)
		n = html_out_pre(&r->out, p->buf, p->len,
		    strbuf_str(&r->pfirst), strbuf_str(&r->prest), style);
	else
		n = html_out_wrap(&r->out, p->buf, p->len,
		    strbuf_str(&r->pfirst), strbuf_str(&r->prest), style,
		    &maxw);
	/* Unmarked items are always the innermost ones. */
	for (i = r->depth; n > 0 && i-- > 0;) {
		if (r->stack[i].tag == T_LI && r->stack[i].marked)
			break;
		r->stack[i].marked = 1;
	}
	if (n > 0 && maxw > 0 && (level == 1 || level == 2))
		html_out_fill(&r->out, strbuf_str(&r->prest),
		    level == 1 ? "=" : "-", maxw, NR_HTML_HEADING);
	strbuf_reset(p);
}

/* A block boundary: a line break, and with blank an empty line. */
static void
block(struct render *r, int blank)
{
	if (r->ncell > 0 && r->npre == 0) {
		para_space(r);
		return;
	}
	flush(r);
	if (blank)
		want_blank(r);
}

/* Push a tracked element; NULL when the stack is full. */
static struct elem *
push(struct render *r, enum html_tagid tag)
{
	struct elem	*e;

	if (r->depth == HTML_MAXDEPTH)
		return (NULL);
	e = &r->stack[r->depth++];
	memset(e, 0, sizeof(*e));
	e->tag = tag;
	if (tag == T_PRE)
		r->npre++;
	else if (tag == T_BLOCKQUOTE)
		r->nquote++;
	else if (IS_CELL(tag))
		r->ncell++;
	else if (tag == T_LI)
		r->nli++;
	else if (IS_LIST(tag))
		r->nlist++;
	return (e);
}

/*
 * Find the innermost open element with this tag, not looking past the
 * element that scopes it (the list of an li, the table of a row).
 * Returns its index or -1.
 */
static int
find_open(struct render *r, enum html_tagid tag)
{
	enum html_tagid	t;
	size_t		i;

	for (i = r->depth; i-- > 0;) {
		t = r->stack[i].tag;
		if (t == tag || (IS_HEADING(tag) && IS_HEADING(t)) ||
		    (IS_CELL(tag) && IS_CELL(t)))
			return ((int)i);
		if (tag == T_LI && IS_LIST(t))
			return (-1);
		if ((tag == T_DT || tag == T_DD) && t == T_DL)
			return (-1);
		if (tag == T_TR && t == T_TABLE)
			return (-1);
		if (IS_CELL(tag) && (t == T_TR || t == T_TABLE))
			return (-1);
	}
	return (-1);
}

/* Close the open elements from the top down to index k included. */
static void
close_to(struct render *r, size_t k)
{
	struct elem	*e;
	size_t		 i;
	int		 blockish = 0;

	for (i = r->depth; i-- > k;) {
		e = &r->stack[i];
		if (e->tag == T_A) {
			if (r->linkdirty || !r->linkmarked)
				link_mark(r);
			r->linkat = -1;
		} else if (!IS_CELL(e->tag))
			blockish = 1;
	}
	if (blockish)
		flush(r);
	for (i = r->depth; i-- > k;) {
		e = &r->stack[i];
		if (e->tag == T_PRE)
			r->npre--;
		else if (e->tag == T_BLOCKQUOTE)
			r->nquote--;
		else if (IS_CELL(e->tag))
			r->ncell--;
		else if (e->tag == T_LI)
			r->nli--;
		else if (IS_LIST(e->tag))
			r->nlist--;
	}
	r->depth = k;
}

/* Grow the link hash table to twice its size. */
static void
link_rehash(struct render *r)
{
	size_t	i, h, mask, ncap;

	ncap = r->hashcap == 0 ? 64 : r->hashcap * 2;
	free(r->hash);
	r->hash = xcalloc(ncap, sizeof(*r->hash));
	r->hashcap = ncap;
	mask = ncap - 1;
	for (i = 0; i < r->doc->nlinks; i++) {
		h = util_hash64(r->doc->links[i], strlen(r->doc->links[i]));
		h &= mask;
		while (r->hash[h] != 0)
			h = (h + 1) & mask;
		r->hash[h] = i + 1;
	}
}

/* Number the link URL in r->tmp (the same URL gets the same number). */
static size_t
link_add(struct render *r)
{
	struct html_doc	*doc = r->doc;
	const char	*url = strbuf_str(&r->tmp);
	size_t		 h, mask;

	if (*url == '\0' || *url == '#')
		return (0);
	if ((doc->nlinks + 1) * 2 > r->hashcap)
		link_rehash(r);
	mask = r->hashcap - 1;
	h = util_hash64(url, strlen(url)) & mask;
	while (r->hash[h] != 0) {
		if (strcmp(doc->links[r->hash[h] - 1], url) == 0)
			return (r->hash[h]);
		h = (h + 1) & mask;
	}
	if (doc->nlinks == r->linkcap) {
		r->linkcap = r->linkcap == 0 ? 16 : r->linkcap * 2;
		doc->links = xreallocarray(doc->links, r->linkcap,
		    sizeof(*doc->links));
	}
	doc->links[doc->nlinks++] = xstrdup(url);
	r->hash[h] = doc->nlinks;
	return (doc->nlinks);
}

/* <img>: its alt text. */
static void
do_img(struct render *r, struct html_tag *t)
{
	if (!t->alt.set) {
		para_deco(r, "[image]");
		return;
	}
	html_attr_decode(&r->tmp, &t->alt, 0);
	if (r->tmp.len == 0)
		return;
	para_deco(r, "[image: ");
	para_text(r, r->tmp.buf, r->tmp.len);
	para_deco(r, "]");
}

/* <hr>: a rule across the text width, with empty lines around. */
static void
do_hr(struct render *r)
{
	const char	*fill;

	if (r->ncell > 0 && r->npre == 0) {
		para_space(r);
		return;
	}
	flush(r);
	want_blank(r);
	emit_blank(r);
	build_prefix(r, -1);
	fill = (r->flags & NR_HTML_ASCII) ? "-" : "\xe2\x94\x80";
	html_out_fill(&r->out, strbuf_str(&r->prest), fill,
	    html_out_avail(&r->out, strbuf_str(&r->prest)), NR_HTML_RULE);
	want_blank(r);
}

/* <li>: close the previous item and push one with its marker. */
static void
do_li(struct render *r, struct html_tag *t)
{
	static const char *const bullets[] = {
		"\xe2\x80\xa2 ", "\xe2\x97\xa6 ", "\xe2\x96\xaa "
	};
	static const char *const abullets[] = { "* ", "- ", "+ " };
	struct elem	*e, *list = NULL;
	size_t		 i;
	int		 k, level = 0;

	k = find_open(r, T_LI);
	if (k >= 0)
		close_to(r, k);
	block(r, 0);
	for (i = r->depth; i-- > 0;) {
		if (IS_LIST(r->stack[i].tag)) {
			list = &r->stack[i];
			break;
		}
	}
	level = r->nlist;
	e = push(r, T_LI);
	if (e == NULL)
		return;
	if (list != NULL && list->tag == T_OL) {
		list->num = html_attr_int(&t->value, list->num);
		snprintf(e->marker, sizeof(e->marker), "%d. ", list->num);
		if (list->num < 1000000000)
			list->num++;
	} else {
		level = level > 0 ? (level - 1) % 3 : 0;
		snprintf(e->marker, sizeof(e->marker), "%s",
		    (r->flags & NR_HTML_ASCII) ? abullets[level] :
		    bullets[level]);
	}
	e->mw = html_strwidth(e->marker, strlen(e->marker));
}

/* Is a list item open? */
static int
in_li(struct render *r)
{
	return (r->nli > 0);
}

/* <td>, <th>: a cell, separated from the previous one by " | ". */
static void
do_cell(struct render *r, enum html_tagid tag)
{
	struct elem	*row = NULL;
	int		 k;
	size_t		 i;

	k = find_open(r, T_TD);
	if (k >= 0)
		close_to(r, k);
	for (i = r->depth; i-- > 0;) {
		if (r->stack[i].tag == T_TR || r->stack[i].tag == T_TABLE) {
			row = &r->stack[i];
			break;
		}
	}
	if (row != NULL && row->num++ > 0) {
		para_trim(r);
		para_deco(r, " | ");
	}
	push(r, tag);
}

/* A start tag. */
static void
start_tag(struct render *r, struct html_tag *t)
{
	struct elem	*e;
	size_t		 n;
	int		 k;

	switch (t->id) {
	case T_P:
		block(r, 1);
		break;
	case T_BLOCK:
		block(r, 0);
		break;
	case T_BR:
		para_break(r);
		break;
	case T_WBR:
		if (r->npre == 0)
			html_add_cp(&r->para, HTML_ZWSP);
		break;
	case T_IMG:
		do_img(r, t);
		break;
	case T_HR:
		do_hr(r);
		break;
	case T_Q:
		para_deco(r, (r->flags & NR_HTML_ASCII) ? "\"" :
		    "\xe2\x80\x9c");
		break;
	case T_SKIP:
		if (!t->selfclose)
			r->pos = html_skip_raw(r->s, r->len, r->pos, t->name);
		break;
	case T_A:
		if (r->linkat >= 0)
			close_to(r, r->linkat);
		if (!t->href.set)
			break;
		html_attr_decode(&r->tmp, &t->href, 1);
		if (r->depth == HTML_MAXDEPTH)
			break;
		n = link_add(r);
		if (n == 0)
			break;
		e = push(r, T_A);
		e->link = n;
		r->linkat = (int)(r->depth - 1);
		r->linkdirty = 0;
		r->linkmarked = 0;
		break;
	case T_BLOCKQUOTE:
	case T_DL:
	case T_TABLE:
		block(r, 1);
		push(r, t->id);
		break;
	case T_PRE:
		block(r, 1);
		if (push(r, T_PRE) != NULL)
			r->prenl = 1;
		break;
	case T_UL:
	case T_OL:
		block(r, !in_li(r));
		k = r->depth > 0 && IS_LIST(r->stack[r->depth - 1].tag);
		e = push(r, t->id);
		if (e == NULL)
			break;
		e->indent = k;
		e->num = html_attr_int(&t->start, 1);
		break;
	case T_LI:
		do_li(r, t);
		break;
	case T_DT:
	case T_DD:
		k = find_open(r, T_DT);
		if (k < 0)
			k = find_open(r, T_DD);
		if (k >= 0)
			close_to(r, k);
		block(r, 0);
		push(r, t->id);
		break;
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
		k = find_open(r, T_H1);
		if (k >= 0)
			close_to(r, k);
		block(r, 1);
		push(r, t->id);
		break;
	case T_TR:
		k = find_open(r, T_TR);
		if (k < 0)
			k = find_open(r, T_TD);
		if (k >= 0)
			close_to(r, k);
		flush(r);
		push(r, T_TR);
		break;
	case T_TD:
	case T_TH:
		do_cell(r, t->id);
		break;
	default:
		break;
	}
}

/* An end tag. */
static void
end_tag(struct render *r, struct html_tag *t)
{
	int	k;

	switch (t->id) {
	case T_P:
		block(r, 1);
		return;
	case T_BLOCK:
		block(r, 0);
		return;
	case T_BR:
		para_break(r);
		return;
	case T_Q:
		para_deco(r, (r->flags & NR_HTML_ASCII) ? "\"" :
		    "\xe2\x80\x9d");
		return;
	case T_A:
		if (r->linkat >= 0)
			close_to(r, r->linkat);
		return;
	default:
		if (t->id < T_A)
			return;
		break;
	}
	k = find_open(r, t->id);
	if (k < 0)
		return;
	close_to(r, k);
	switch (t->id) {
	case T_BLOCKQUOTE:
	case T_PRE:
	case T_DL:
	case T_TABLE:
	case T_H1:
	case T_H2:
	case T_H3:
	case T_H4:
	case T_H5:
	case T_H6:
		want_blank(r);
		break;
	case T_UL:
	case T_OL:
		if (!in_li(r))
			want_blank(r);
		break;
	default:
		break;
	}
}

/* Handle '<' at r->pos: a tag, a comment, or a literal '<'. */
static void
do_lt(struct render *r)
{
	const char	*s = r->s + r->pos, *p;
	size_t		 left = r->len - r->pos;
	struct html_tag	 t;

	if (left >= 4 && memcmp(s, "<!--", 4) == 0) {
		if (left >= 5 && s[4] == '>')
			p = s + 2;
		else if (left >= 6 && s[4] == '-' && s[5] == '>')
			p = s + 3;
		else
			p = html_find3(s + 4, left - 4, "-->");
		r->pos = p == NULL ? r->len : (size_t)(p - r->s) + 3;
		return;
	}
	if (left >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		p = html_find3(s + 9, left - 9, "]]>");
		if (p == NULL)
			p = r->s + r->len;
		para_text(r, s + 9, p - s - 9);
		r->pos = p == r->s + r->len ? r->len : (size_t)(p - r->s) + 3;
		return;
	}
	if (left >= 2 && (HTML_IS_ALPHA(s[1]) || (s[1] == '/' && left >= 3 &&
	    HTML_IS_ALPHA(s[2])))) {
		if (!html_tag_read(r->s, r->len, &r->pos, &t)) {
			r->pos = r->len;
			return;
		}
		if (t.end)
			end_tag(r, &t);
		else {
			start_tag(r, &t);
			if (t.selfclose && t.id >= T_A) {
				t.end = 1;
				end_tag(r, &t);
			}
		}
		return;
	}
	if ((left >= 2 && (s[1] == '!' || s[1] == '?')) ||
	    (left >= 3 && s[1] == '/')) {
		/* A doctype, processing instruction or bogus comment. */
		p = memchr(s, '>', left);
		r->pos = p == NULL ? r->len : (size_t)(p - r->s) + 1;
		return;
	}
	para_text(r, "<", 1);
	r->pos++;
}

/* Handle '&' at r->pos. */
static void
do_amp(struct render *r)
{
	size_t	used = 1;
	int	cp;

	cp = html_ref_decode(r->s + r->pos, r->len - r->pos, 0, &used);
	if (cp == -1) {
		para_text(r, "&", 1);
		r->pos++;
		return;
	}
	r->pos += used;
	if (cp >= 0)
		para_cp(r, cp);
}

/* Append the numbered link list. */
static void
link_list(struct render *r)
{
	struct html_doc	*doc = r->doc;
	struct strbuf	*t = &r->tmp;
	char		 num[32];
	const char	*url;
	size_t		 i, j, n;
	int		 cp, w, cw;

	if (doc->nlinks == 0 || (r->flags & NR_HTML_NOLINKLIST))
		return;
	r->blank = 0;
	html_out_blank(&r->out, "", NR_HTML_PLAIN);
	for (i = 0; i < doc->nlinks; i++) {
		url = doc->links[i];
		strbuf_reset(t);
		if (html_link_is_safe(url))
			strbuf_adds(t, url);
		else {
			n = strlen(url);
			for (j = 0, w = 0; j < n; j += cw) {
				cw = (int)text_utf8_decode(url + j, n - j,
				    &cp);
				if (cw < 1)
					cw = 1;
				w += html_strwidth(url + j, cw);
				if (w > HTML_UNSAFEW)
					break;
			}
			strbuf_add(t, url, j);
			if (j < n)
				strbuf_adds(t, (r->flags & NR_HTML_ASCII) ?
				    "..." : "\xe2\x80\xa6");
			strbuf_adds(t, " (not opened)");
		}
		snprintf(num, sizeof(num), "[%zu] ", i + 1);
		strbuf_reset(&r->prest);
		add_spaces(&r->prest, (int)strlen(num));
		html_out_wrap(&r->out, t->buf, t->len, num,
		    strbuf_str(&r->prest), NR_HTML_LINK, NULL);
	}
}

/* The tokenizer loop. */
static void
render(struct render *r)
{
	size_t	n;

	while (r->pos < r->len) {
		if (r->s[r->pos] == '<')
			do_lt(r);
		else if (r->s[r->pos] == '&')
			do_amp(r);
		else {
			n = strcspn(r->s + r->pos, "<&");
			para_text(r, r->s + r->pos, n);
			r->pos += n;
		}
	}
	if (r->depth > 0)
		close_to(r, 0);
	flush(r);
	link_list(r);
}

enum nr_err
html_render(const char *src, size_t len, int width, int flags,
    struct html_doc *out, char *errbuf)
{
	struct render	 r;
	char		*s;

	memset(out, 0, sizeof(*out));
	if (width < NR_HTML_MINWIDTH)
		return (nr_seterr(errbuf, NR_EUSAGE, "width %d is below %d",
		    width, NR_HTML_MINWIDTH));
	s = text_clean(src != NULL ? src : "", src != NULL ? len : 0, 0, 0);
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.len = strlen(s);
	r.flags = flags;
	r.doc = out;
	r.linkat = -1;
	r.stack = xcalloc(HTML_MAXDEPTH, sizeof(*r.stack));
	strbuf_init(&r.para, 0);
	strbuf_init(&r.pfirst, 0);
	strbuf_init(&r.prest, 0);
	strbuf_init(&r.tmp, 0);
	html_out_init(&r.out, out, width, flags);
	render(&r);
	html_out_done(&r.out);
	strbuf_clear(&r.para);
	strbuf_clear(&r.pfirst);
	strbuf_clear(&r.prest);
	strbuf_clear(&r.tmp);
	free(r.stack);
	free(r.hash);
	free(s);
	return (NR_OK);
}

