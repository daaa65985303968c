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
 */
#include "nr_config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/text.h"
#include "newsreader/util.h"
#include "extract_int.h"

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

const char *
xfold_next(const char *from, const char *to, const char **runend)
{
	const unsigned char	*p = (const unsigned char *)from;
	const unsigned char	*end = (const unsigned char *)to;
	const unsigned char	*start;
	size_t			 n;

	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\f') {
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
	int		cp;
	uint32_t	i;

	if (text_utf8_decode((const char *)p, 4, &cp) != 4 || cp < 0xF0000)
		return -1;
	i = (uint32_t)cp >= 0x100000 ? (uint32_t)cp - 0x100000 + XFOLD_PLANE :
	    (uint32_t)cp - 0xF0000;
	return i < f->n ? (long)i : -1;
}

/* The text s with its folds given back, in the arena; NULL: none. */
static char *
fold_text(const char *s, const struct xfold *f, void *arena)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = 0, k;
	long			 i;
	char			*out;
	int			 any = 0;

	for (; *p != '\0'; p++) {
		if (*p >= 0xF3 && *p <= 0xF4 && (i = fold_at(p, f)) >= 0) {
			len += f->len[i];
			p += 3;
			any = 1;
		} else
			len++;
	}
	if (!any)
		return NULL;
	out = xmem_alloc(arena, len + 1);
	for (p = (const unsigned char *)s, k = 0; *p != '\0'; p++) {
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
	struct { GumboNode *g; unsigned i; } *stack = NULL;
	size_t		 depth = 0, cap = 0;
	GumboNode	*g;
	GumboVector	*v;
	char		*t;

	if (f->n == 0)
		return;
	g = root;
	for (;;) {
		if ((v = children(g)) == NULL) {
			if ((t = fold_text(g->v.text.text, f, arena)) != NULL)
				g->v.text.text = t;
		} else if (v->length > 0) {
			if (depth == cap) {
				cap = cap != 0 ? cap * 2 : 64;
				stack = xreallocarray(stack, cap,
				    sizeof *stack);
			}
			stack[depth].g = g;
			stack[depth].i = 0;
			depth++;
		}
		/* Next: the first child, or the next one of an open node. */
		while (depth > 0) {
			v = children(stack[depth - 1].g);
			if (stack[depth - 1].i < v->length)
				break;
			depth--;
		}
		if (depth == 0)
			break;
		g = v->data[stack[depth - 1].i++];
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
