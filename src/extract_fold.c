/*
 * extract: text folded before the parser. Gumbo reads text one
 * character at a time, each a token of its own, and a page of dense
 * markup is mostly text between tags: there most of its time goes.
 * So the strip pass (extract_strip.c) hands each stretch of text
 * between tags here, and every run of plain characters in it is
 * replaced by one character of the private-use planes 15 and 16 that
 * stands for it (a fold); after the parse, the text nodes get their
 * runs back (xfold_expand).
 *
 * The tree is the same as without folding: of characters in data, the
 * tree builder asks only whether each is white space, NUL or a line
 * feed right after <pre>. So a run starts at a character that is not
 * white space, and one that is not white space stands for it; the
 * white space before it stays. (Where the tree builder drops all text
 * but white space, a run would lose the white space inside it: in a
 * frameset, and in the column group a <col> opens in a <template>; the
 * strip pass folds nothing from there on.) What the tokenizer or the
 * input stream read specially is never folded: NUL, CR (CR LF becomes
 * LF), '&' and the character reference after it, controls and
 * noncharacters (which gumbo turns into U+FFFD) and invalid UTF-8. A
 * page that already holds a character of planes 15 or 16 is not folded
 * at all, nor (the strip pass sees to it) one with a numeric reference
 * that may give one (&#xF0000;).
 *
 * A link of plain text, "<a href=...>text</a>", is folded whole (an
 * anchor), where the strip pass knows the tree builder would add it as
 * an element where it stands: not in a table, a <select>, a <template>
 * or SVG, and with no <a> open. Then the element's start tag and its
 * end tag do nothing but open and close it, and the tree builder sees
 * in its place a character that is not white space, as it would see
 * its text. The tree builder spends most of its time on elements, and
 * a page's links are most of them. Only plain ones are folded: a name
 * of letters, digits and "-_.:" for each attribute, none twice, values
 * without controls, '<' or a reference but "&amp;", text without a
 * reference that starts with neither a line feed nor a form feed (a
 * line feed right after <pre> is dropped) and is not all white space.
 */
#include "nr_config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/text.h"
#include "newsreader/util.h"
#include "extract_int.h"

/* Attributes an anchor may have to be folded. */
#define XFOLD_ATTRS	16

/* Runs shorter than this stay as they are: a fold is 4 bytes. */
#define XFOLD_MIN	8
/* Usable code points of one plane (all but U+xFFFE and U+xFFFF). */
#define XFOLD_PLANE	0xFFFEU
#define XFOLD_MAX	(2 * XFOLD_PLANE)

int
xfold_ok(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len;

	for (; (p = memchr(p, 0xF3, (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && p[1] >= 0xB0 && p[1] <= 0xBF)
			return 0;
	return memchr(s, 0xF4, len) == NULL;
}

/*
 * Bytes of the plain character at p (a character data may hold as it
 * is), 0 when it is not one: '&', NUL, CR, controls, noncharacters,
 * invalid UTF-8 and '<' (which never reaches here).
 */
static size_t
plain_len(const unsigned char *p, const unsigned char *end)
{
	int	cp;
	size_t	n = text_utf8_decode((const char *)p, (size_t)(end - p), &cp);

	if (cp < 0)
		return 0;		/* invalid UTF-8 */
	if (cp < 0x80)
		return (cp >= 0x20 && cp != 0x7F && cp != '&' && cp != '<') ||
		    cp == '\t' || cp == '\n' || cp == '\f';
	if (cp < 0xA0 || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
	    (cp & 0xFFFE) == 0xFFFE)
		return 0;		/* C1 controls, noncharacters */
	return n;
}

/* True when the 8 bytes at p are printable ASCII, none '&' or '<'. */
static int
ascii8(const unsigned char *p)
{
	uint64_t	w = util_load8(p);

	return util_printable8(p) && UTIL_ZERO8(w ^ UTIL_ALL8('&')) == 0 &&
	    UTIL_ZERO8(w ^ UTIL_ALL8('<')) == 0;
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f';
}

/* Past the plain characters from p on (plain_len's, 8 at a time). */
static const unsigned char *
plain_end(const unsigned char *p, const unsigned char *end)
{
	size_t	n;

	while (p < end) {
		if (end - p >= 8 && ascii8(p)) {
			p += 8;
			continue;
		}
		/* Printable ASCII but '&' and '<' (the most of it). */
		if (*p >= 0x20 && *p < 0x7F && *p != '&' && *p != '<') {
			p++;
			continue;
		}
		if ((n = plain_len(p, end)) == 0)
			break;
		p += n;
	}
	return p;
}

/* One attribute of an anchor as written: its name, its value. */
struct xattr {
	const char	*name;
	size_t		 nlen;
	const char	*val;		/* NULL: none */
	size_t		 vlen;
	int		 quote;		/* '"', '\'' or 0 */
};

static int
name_char(int c)
{
	return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

/*
 * Past the plain value at p, up to its quote q (or, when q is 0, its
 * end: white space or '>'), or NULL when it is not plain.
 */
static const char *
value_end(const char *p, const char *end, int q)
{
	const unsigned char	*u = (const unsigned char *)p;
	const unsigned char	*e = (const unsigned char *)end;
	size_t			 n;

	while (u < e) {
		/* Letters, digits and "-./:_?=%#": the most of a link. */
		if (is_alnum(*u) || (*u >= '-' && *u <= '/') || *u == ':' ||
		    *u == '_' || *u == '?' || (*u == '=' && q != 0) ||
		    *u == '%' || *u == '#') {
			u++;
			continue;
		}
		if (q != 0 ? *u == q : is_ws(*u) || *u == '>')
			return (const char *)u;
		if (*u == '&') {
			if (e - u < 5 || memcmp(u, "&amp;", 5) != 0)
				return NULL;
			u += 5;
			continue;
		}
		/* Unquoted: no quote, '=' or '`' (the tokenizer's errors). */
		if (q == 0 && (*u == '"' || *u == '\'' || *u == '=' ||
		    *u == '`'))
			return NULL;
		if ((n = plain_len(u, e)) == 0)
			return NULL;
		u += n;
	}
	return NULL;
}

/* True when the names are the same, ASCII letters in any case. */
static int
same_name(const struct xattr *a, const struct xattr *b)
{
	return a->nlen == b->nlen &&
	    util_strncasecmp(a->name, b->name, a->nlen) == 0;
}

/*
 * The attributes of the start tag "<a" at p, up to its '>', when they
 * are plain: their number, and in *tagend the end of the tag (past its
 * '>'). -1: not plain.
 */
static int
anchor_attrs(const char *p, const char *end, struct xattr *a,
    const char **tagend)
{
	int	n = 0, i;

	p += 2;
	if (p == end || !(is_ws(*p) || *p == '>'))
		return -1;		/* "<a/", "<ab": not plain */
	for (;;) {
		while (p < end && is_ws(*p))
			p++;
		if (p == end)
			return -1;
		if (*p == '>')
			break;
		if (n == XFOLD_ATTRS || !name_char(*p))
			return -1;
		a[n].name = p;
		while (p < end && name_char(*p))
			p++;
		a[n].nlen = (size_t)(p - a[n].name);
		a[n].val = NULL;
		a[n].vlen = 0;
		a[n].quote = 0;
		while (p < end && is_ws(*p))
			p++;
		if (p < end && *p == '=') {
			for (p++; p < end && is_ws(*p); p++)
				;
			if (p < end && (*p == '"' || *p == '\''))
				a[n].quote = *p++;
			a[n].val = p;
			if ((p = value_end(p, end, a[n].quote)) == NULL ||
			    (a[n].quote == 0 && p == a[n].val))
				return -1;
			a[n].vlen = (size_t)(p - a[n].val);
			/* A quoted value: white space or '>' after it. */
			if (a[n].quote != 0 && (++p == end ||
			    !(is_ws(*p) || *p == '>')))
				return -1;
		}
		for (i = 0; i < n; i++)
			if (same_name(&a[i], &a[n]))
				return -1;	/* the tokenizer drops it */
		n++;
	}
	*tagend = p + 1;
	return n;
}

int
xfold_anchor(struct xfold *f, const char *s, size_t len, char out[4])
{
	struct xattr		 a[XFOLD_ATTRS];
	const char		*tagend;
	const unsigned char	*p, *end;

	if (f->n == f->cap || len > UINT32_MAX >> 1 || len < 8 ||
	    anchor_attrs(s, s + len - 4, a, &tagend) < 0)
		return 0;
	p = (const unsigned char *)tagend;
	end = (const unsigned char *)s + len - 4;
	if (p == end || *p == '\n' || *p == '\f' || plain_end(p, end) != end)
		return 0;
	/* Not all white space. */
	while (p < end && is_ws(*p))
		p++;
	if (p == end || !xfold_add(f, s, len, out))
		return 0;
	f->len[f->n - 1] |= XFOLD_ANCHOR;
	f->nanchor++;
	return 1;
}

const char *
xfold_next(const char *from, const char *to, const char **runend)
{
	const unsigned char	*p = (const unsigned char *)from;
	const unsigned char	*end = (const unsigned char *)to;
	const unsigned char	*start;

	while (p < end) {
		if (is_ws(*p)) {
			p++;
			continue;
		}
		if (*p == '&') {
			/* All a reference may take, named or numeric. */
			for (p++; p < end && (is_alnum(*p) || *p == '#'); p++)
				;
			if (p < end && *p == ';')
				p++;
			continue;
		}
		start = p;
		p = plain_end(p, end);
		if (p - start >= XFOLD_MIN) {
			*runend = (const char *)p;
			return (const char *)start;
		}
		if (p == start)
			p++;	/* not plain: stays as it is */
	}
	return NULL;
}

void
xfold_init(struct xfold *f, size_t pagelen)
{
	/* A run and what ends it take 9 bytes or more. */
	f->cap = pagelen / (XFOLD_MIN + 1) + 1;
	if (f->cap > XFOLD_MAX)
		f->cap = XFOLD_MAX;
	f->run = xmalloc_big(f->cap * sizeof *f->run);
	f->len = xmalloc_big(f->cap * sizeof *f->len);
	f->n = 0;
}

int
xfold_add(struct xfold *f, const char *run, size_t len, char out[4])
{
	uint32_t	cp;

	if (f->n == f->cap || len > UINT32_MAX)
		return 0;
	f->run[f->n] = run;
	f->len[f->n] = (uint32_t)len;
	cp = f->n < XFOLD_PLANE ? 0xF0000 + (uint32_t)f->n :
	    0x100000 + (uint32_t)(f->n - XFOLD_PLANE);
	f->n++;
	(void)text_utf8_encode((int)cp, out);	/* 4 bytes */
	return 1;
}

/* The index of the fold at p (a NUL-terminated string), or -1. */
static long
fold_at(const unsigned char *p, const struct xfold *f)
{
	uint32_t	cp, i;

	/* (Gumbo's text is valid UTF-8: no more than this to check.) */
	if (p[0] < 0xF3 || p[0] > 0xF4 || (p[1] & 0xC0) != 0x80 ||
	    (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
		return -1;
	cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
	    (uint32_t)(p[2] & 0x3F) << 6 | (uint32_t)(p[3] & 0x3F);
	if (cp < 0xF0000)
		return -1;
	i = cp >= 0x100000 ? cp - 0x100000 + XFOLD_PLANE : cp - 0xF0000;
	return i < f->n ? (long)i : -1;
}

/* The run folds in [s, s + n) given back, in the arena, NUL-terminated. */
static char *
fold_span(const char *s, size_t n, const struct xfold *f, void *arena)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + n;
	size_t			 len = 0, k;
	long			 i;
	char			*out;

	for (; p < end; p++) {
		if (*p >= 0xF3 && *p <= 0xF4 && (i = fold_at(p, f)) >= 0) {
			len += f->len[i];
			p += 3;
		} else
			len++;
	}
	out = xmem_alloc(arena, len + 1);
	for (p = (const unsigned char *)s, k = 0; p < end; p++) {
		if (*p >= 0xF3 && *p <= 0xF4 && (i = fold_at(p, f)) >= 0) {
			memcpy(out + k, f->run[i], f->len[i]);
			k += f->len[i];
			p += 3;
		} else
			out[k++] = (char)*p;
	}
	out[k] = '\0';
	return out;
}

/*
 * What the text s holds: 0 no fold, 1 runs only, or 2 + the number of
 * the nodes it becomes (text between anchors, and anchors).
 */
static size_t
fold_scan(const char *s, const struct xfold *f)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + strlen(s);
	size_t			 nodes = 0, anchors = 0;
	long			 i;
	int			 any = 0, text = 0;

	while (p < end) {
		/* 8 bytes of ASCII: no fold starts there. */
		if (end - p >= 8 &&
		    (util_load8(p) & UTIL_ALL8(0x80)) == 0) {
			p += 8;
			text = 1;
			continue;
		}
		if (*p >= 0xF3 && *p <= 0xF4 && (i = fold_at(p, f)) >= 0) {
			any = 1;
			p += 4;
			if (f->len[i] & XFOLD_ANCHOR) {
				nodes += text + 1;
				anchors++;
				text = 0;
			} else
				text = 1;
			continue;
		}
		text = 1;
		p++;
	}
	if (anchors == 0)
		return any;
	return 2 + nodes + text;
}

/* A text node of s under parent: white space when all of it is. */
static GumboNode *
text_node(char *s, GumboNode *parent, unsigned flags, void *arena)
{
	GumboNode	*g = xmem_alloc(arena, sizeof *g);
	const char	*p;

	memset(g, 0, sizeof *g);
	g->type = GUMBO_NODE_WHITESPACE;
	for (p = s; *p != '\0'; p++)
		if (!is_ws(*p) && *p != '\r') {
			g->type = GUMBO_NODE_TEXT;
			break;
		}
	g->parent = parent;
	g->parse_flags = flags;
	g->v.text.text = s;
	g->v.text.original_text.data = s;
	g->v.text.original_text.length = strlen(s);
	return g;
}

/* A vector of n nodes, in the arena. */
static void
vector_make(GumboVector *v, unsigned n, void *arena)
{
	v->data = n > 0 ? xmem_alloc(arena, n * sizeof *v->data) : NULL;
	v->length = v->capacity = n;
}

/* The value of attribute a as the tokenizer reads it ("&amp;" is '&'). */
static char *
attr_value(const struct xattr *a, void *arena)
{
	char	*out = xmem_alloc(arena, a->vlen + 1), *o = out;
	size_t	 i;

	for (i = 0; i < a->vlen; i++) {
		*o++ = a->val[i];
		if (a->val[i] == '&')
			i += 4;		/* "amp;" */
	}
	*o = '\0';
	return out;
}

/* The <a> element folded as the anchor [s, s + len), under parent. */
static GumboNode *
anchor_node(const char *s, size_t len, GumboNode *parent, void *arena)
{
	struct xattr	 a[XFOLD_ATTRS];
	GumboNode	*g = xmem_alloc(arena, sizeof *g);
	GumboElement	*e = &g->v.element;
	GumboAttribute	*at;
	const char	*tagend, *text;
	char		*t;
	size_t		 k;
	int		 n, i;

	/* (xfold_anchor read it already: it is plain.) */
	n = anchor_attrs(s, s + len - 4, a, &tagend);
	memset(g, 0, sizeof *g);
	g->type = GUMBO_NODE_ELEMENT;
	g->parent = parent;
	e->tag = GUMBO_TAG_A;
	e->tag_namespace = GUMBO_NAMESPACE_HTML;
	e->original_tag.data = s;
	e->original_tag.length = (size_t)(tagend - s);
	e->original_end_tag.data = s + len - 4;
	e->original_end_tag.length = 4;
	vector_make(&e->attributes, (unsigned)n, arena);
	for (i = 0; i < n; i++) {
		at = xmem_alloc(arena, sizeof *at);
		memset(at, 0, sizeof *at);
		at->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
		t = xmem_alloc(arena, a[i].nlen + 1);
		for (k = 0; k < a[i].nlen; k++)
			t[k] = (char)util_tolower((unsigned char)a[i].name[k]);
		t[k] = '\0';
		at->name = t;
		at->original_name.data = a[i].name;
		at->original_name.length = a[i].nlen;
		if (a[i].val != NULL) {
			at->value = attr_value(&a[i], arena);
			at->original_value.data = a[i].val -
			    (a[i].quote != 0);
			at->original_value.length = a[i].vlen +
			    (a[i].quote != 0 ? 2 : 0);
		} else
			at->value = "";
		e->attributes.data[i] = at;
	}
	vector_make(&e->children, 1, arena);
	text = tagend;
	k = (size_t)(s + len - 4 - text);
	t = xmem_alloc(arena, k + 1);
	memcpy(t, text, k);
	t[k] = '\0';
	e->children.data[0] = text_node(t, g, GUMBO_INSERTION_NORMAL, arena);
	return g;
}

/* Room for n more nodes in the growing array *a of *len, *cap. */
static void
nodes_room(GumboNode ***a, size_t len, size_t *cap, size_t n)
{
	if (len + n <= *cap)
		return;
	*cap = (len + n) * 2;
	*a = xreallocarray(*a, *cap, sizeof **a);
}

/* The nodes text node c stands for, at the end of *a: its anchors. */
static void
split_text(GumboNode *g, GumboNode *c, const struct xfold *f, void *arena,
    GumboNode **a, size_t *len)
{
	const char	*s, *from;
	long		 fi;

	for (s = from = c->v.text.text; *s != '\0'; s++) {
		if ((fi = fold_at((const unsigned char *)s, f)) < 0 ||
		    !(f->len[fi] & XFOLD_ANCHOR))
			continue;
		if (s > from)
			a[(*len)++] = text_node(fold_span(from,
			    (size_t)(s - from), f, arena), g, c->parse_flags,
			    arena);
		a[(*len)++] = anchor_node(f->run[fi], f->len[fi] &
		    ~XFOLD_ANCHOR, g, arena);
		s += 3;
		from = s + 1;
	}
	if (s > from)
		a[(*len)++] = text_node(fold_span(from, (size_t)(s - from), f,
		    arena), g, c->parse_flags, arena);
}

/*
 * Give the text children of g its folds back. A text with anchors
 * becomes the nodes it stands for: then the children are made anew.
 */
static void
expand_children(GumboNode *g, GumboVector *v, const struct xfold *f,
    void *arena)
{
	GumboNode	**a = NULL, *c;
	size_t		  len = 0, cap = 0, k;
	unsigned	  i;

	for (i = 0; i < v->length; i++) {
		c = v->data[i];
		k = c->type == GUMBO_NODE_ELEMENT ||
		    c->type == GUMBO_NODE_TEMPLATE ? 0 :
		    fold_scan(c->v.text.text, f);
		if (k == 1)
			c->v.text.text = fold_span(c->v.text.text,
			    strlen(c->v.text.text), f, arena);
		if (k < 2) {
			if (a != NULL) {
				nodes_room(&a, len, &cap, 1);
				a[len++] = c;
			}
			continue;
		}
		if (a == NULL) {
			nodes_room(&a, len, &cap, v->length + k);
			memcpy(a, v->data, i * sizeof *a);
			len = i;
		}
		/* The comment after a link (extract_strip.c) goes. */
		if (c->type == GUMBO_NODE_COMMENT)
			continue;
		nodes_room(&a, len, &cap, k - 2);
		split_text(g, c, f, arena, a, &len);
	}
	if (a == NULL)
		return;
	vector_make(v, (unsigned)len, arena);
	for (k = 0; k < len; k++) {
		a[k]->index_within_parent = (unsigned)k;
		v->data[k] = a[k];
	}
	free(a);
}

/* The children of g, NULL for text. */
static GumboVector *
children(GumboNode *g)
{
	if (g->type == GUMBO_NODE_DOCUMENT)
		return &g->v.document.children;
	if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE)
		return &g->v.element.children;
	return NULL;
}

void
xfold_expand(GumboNode *root, const struct xfold *f, void *arena)
{
	GumboNode	**stack;
	GumboNode	 *g, *c;
	GumboVector	 *v;
	size_t		  depth = 0, cap = 64;
	unsigned	  i;

	if (f->n == 0)
		return;
	stack = xreallocarray(NULL, cap, sizeof *stack);
	stack[depth++] = root;
	while (depth > 0) {
		g = stack[--depth];
		v = children(g);
		expand_children(g, v, f, arena);
		for (i = 0; i < v->length; i++) {
			c = v->data[i];
			if (children(c) == NULL || children(c)->length == 0)
				continue;
			if (depth == cap) {
				cap *= 2;
				stack = xreallocarray(stack, cap,
				    sizeof *stack);
			}
			stack[depth++] = c;
		}
	}
	free(stack);
}

void
xfold_free(struct xfold *f)
{
	free(f->run);
	free(f->len);
	memset(f, 0, sizeof *f);
}
