/*
 * The filter module's evaluator: matching a compiled query against one
 * item without allocating, the lowercase table, and freeing.
 */
#include "nr_config.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/filter.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "filter_int.h"

void
filter_lower_init(struct filter *f)
{
	struct strbuf	 sb;
	const char	*p, *q, *pend, *qend;
	char		*low, enc[4];
	size_t		 n, m;
	int		 cp, lc;

	for (cp = 0; cp < FN_LOWER_MAX; cp++)
		f->lower[cp] = (uint16_t)cp;
	strbuf_init(&sb, 0);
	for (cp = 1; cp < FN_LOWER_MAX; cp++)
		strbuf_add(&sb, enc, text_utf8_encode(cp, enc));
	low = text_lower(strbuf_str(&sb));
	/*
	 * text_lower maps each code point to one code point (U+0130 to a
	 * shorter one): walk both.
	 */
	p = sb.buf;
	pend = sb.buf + sb.len;
	q = low;
	qend = low + strlen(low);
	while (p < pend && q < qend) {
		n = text_utf8_decode(p, (size_t)(pend - p), &cp);
		m = text_utf8_decode(q, (size_t)(qend - q), &lc);
		if (cp > 0 && cp < FN_LOWER_MAX && lc > 0 &&
		    lc < FN_LOWER_MAX)
			f->lower[cp] = (uint16_t)lc;
		p += n;
		q += m;
	}
	free(low);
	strbuf_clear(&sb);
}

/* See filter_next_lower; inlined for the matching loops. */
static inline int
next_lower(const struct filter *f, const char **pp)
{
	const unsigned char	*p = (const unsigned char *)*pp;
	int			 cp;

	if (p[0] < 0x80) {
		*pp += 1;
		return f->lower[p[0]];
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80) {
		*pp += 2;
		cp = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return cp < FN_LOWER_MAX ? f->lower[cp] : cp;
	}
	if (p[0] >= 0xe0) {
		/* A NUL or any other non-continuation byte stops it. */
		*pp += text_utf8_decode(*pp, 4, &cp);
		if (cp >= 0)
			return cp;
		*pp = (const char *)p + 1;
	} else
		*pp += 1;
	return -(int)p[0];
}

int
filter_next_lower(const struct filter *f, const char **pp)
{
	return next_lower(f, pp);
}

/* True when s[0..n) equals the lowercase needle, ignoring case. */
static int
equal_ci(const struct filter *f, const char *s, size_t n, const char *needle,
    size_t nlen)
{
	const char	*end = s + n, *nend = needle + nlen;

	/* Lengths may differ: U+0130 (two bytes) matches i (one). */
	if (n == nlen && memcmp(s, needle, n) == 0)
		return 1;
	while (s < end && needle < nend) {
		if (next_lower(f, &s) != next_lower(f, &needle))
			return 0;
	}
	return s == end && needle == nend;
}

/* True when the lowercase needle of nd occurs in s, ignoring case. */
static int
contains_ci(const struct filter *f, const char *s, const struct fnode *nd)
{
	const char	*h, *p, *q, *nend = nd->str + nd->len;

	if (s == NULL)
		return 0;
	h = s;
	while (*h != '\0') {
		if (next_lower(f, &h) != nd->first)
			continue;
		p = h;
		q = nd->str + nd->firstlen;
		for (;;) {
			if (q == nend)
				return 1;
			/* Later starts have even less text left. */
			if (*p == '\0')
				return 0;
			if (next_lower(f, &p) != next_lower(f, &q))
				break;
		}
	}
	return 0;
}

/* True when one of the '\n'-separated tags equals the node's tag. */
static int
has_tag(const struct filter *f, const char *tags, const struct fnode *nd)
{
	const char	*p, *nl;
	size_t		 n;

	if (tags == NULL)
		return 0;
	for (p = tags; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (equal_ci(f, p, n, nd->str, nd->len))
			return 1;
		if (nl == NULL)
			break;
	}
	return 0;
}

#define MEMO_SIZE	8192	/* a power of two */

struct filter_memo {
	const char	*s[MEMO_SIZE];
	uint32_t	 node[MEMO_SIZE];
	uint8_t		 val[MEMO_SIZE];
};

struct filter_memo *
filter_memo_create(void)
{
	return xcalloc(1, sizeof(struct filter_memo));
}

void
filter_memo_reset(struct filter_memo *m)
{
	if (m != NULL)
		memset(m->s, 0, sizeof m->s);
}

void
filter_memo_free(struct filter_memo *m)
{
	free(m);
}

/* has_tag, remembered by the address of tags when there is a memo. */
static int
has_tag_memo(const struct filter *f, const struct filter_item *it,
    const char *tags, const struct fnode *nd)
{
	struct filter_memo	*m = it->memo;
	uint32_t		 n = (uint32_t)(nd - f->nodes);
	size_t			 k;
	int			 r;

	if (m == NULL || tags == NULL)
		return has_tag(f, tags, nd);
	k = (size_t)(((uintptr_t)tags >> 3) * 0x9e3779b1u + n * 0x85ebca6bu) &
	    (MEMO_SIZE - 1);
	if (m->s[k] == tags && m->node[k] == n)
		return m->val[k];
	r = has_tag(f, tags, nd);
	m->s[k] = tags;
	m->node[k] = n;
	m->val[k] = (uint8_t)r;
	return r;
}

/* True when the feed's store name or display name is the node's name. */
static int
is_feed(const struct filter *f, const struct filter_item *it,
    const struct fnode *nd)
{
	if (nd->flag)
		return it->feed != NULL && strcmp(it->feed, nd->str) == 0;
	if (it->feed != NULL &&
	    equal_ci(f, it->feed, strlen(it->feed), nd->str, nd->len))
		return 1;
	return it->feed_title != NULL && equal_ci(f, it->feed_title,
	    strlen(it->feed_title), nd->str, nd->len);
}

/* Evaluate node n for it. */
static int
eval(const struct filter *f, size_t n, const struct filter_item *it)
{
	const struct fnode	*nd = &f->nodes[n];
	size_t			 k;

	switch (nd->type) {
	case FN_TRUE:
		return 1;
	case FN_AND:
		for (k = nd->kid; k != FN_NONE; k = f->nodes[k].next) {
			if (!eval(f, k, it))
				return 0;
		}
		return 1;
	case FN_OR:
		for (k = nd->kid; k != FN_NONE; k = f->nodes[k].next) {
			if (eval(f, k, it))
				return 1;
		}
		return 0;
	case FN_NOT:
		return !eval(f, nd->kid, it);
	case FN_TAG:
		return has_tag_memo(f, it, it->tags, nd) ||
		    has_tag_memo(f, it, it->usertags, nd);
	case FN_DATE:
		return it->date >= nd->from && it->date < nd->to;
	case FN_FEED:
		return is_feed(f, it, nd);
	case FN_STATE:
		return ((it->state & nd->flag) != 0) == nd->want;
	case FN_TEXT:
		if (it->has_words)
			return (it->words >> nd->word) & 1;
		if (contains_ci(f, it->title, nd))
			return 1;
		if (it->summary != NULL)
			return contains_ci(f, it->summary, nd);
		return it->get_summary != NULL &&
		    contains_ci(f, it->get_summary(it->arg), nd);
	case FN_REGEX:
		return regexec(nd->re, it->title != NULL ? it->title : "", 0,
		    NULL, 0) == 0;
	}
	return 0;
}

int
filter_match(const struct filter *f, const struct filter_item *it)
{
	return eval(f, f->root, it);
}

int
filter_uses_title(const struct filter *f)
{
	size_t	i;

	for (i = 0; i < f->nnodes; i++) {
		if (f->nodes[i].type == FN_TEXT || f->nodes[i].type == FN_REGEX)
			return 1;
	}
	return 0;
}

size_t
filter_nwords(const struct filter *f)
{
	return f->nwords;
}

const char *
filter_word(const struct filter *f, size_t k, int *prefix)
{
	const struct fnode	*nd = &f->nodes[f->words[k]];

	if (prefix != NULL)
		*prefix = nd->prefix;
	return nd->raw;
}

long
filter_word_required(const struct filter *f)
{
	const struct fnode	*nd = &f->nodes[f->root];
	size_t			 k;

	if (nd->type == FN_TEXT)
		return (long)nd->word;
	if (nd->type != FN_AND)
		return -1;
	for (k = nd->kid; k != FN_NONE; k = f->nodes[k].next) {
		if (f->nodes[k].type == FN_TEXT)
			return (long)f->nodes[k].word;
	}
	return -1;
}

int
filter_is_all(const struct filter *f)
{
	return f->nodes[f->root].type == FN_TRUE;
}

enum nr_err
filter_resolve_feeds(struct filter *f, filter_feed_cb *resolve, void *arg,
    char *errbuf)
{
	struct fnode	*nd;
	enum nr_err	 err;
	char		*dir;
	size_t		 i;

	for (i = 0; i < f->nnodes; i++) {
		nd = &f->nodes[i];
		if (nd->type != FN_FEED || nd->flag)
			continue;
		dir = NULL;
		err = resolve(arg, nd->str, &dir, errbuf);
		if (err == NR_ENOTFOUND)
			continue;
		if (err != NR_OK) {
			free(dir);
			return err;
		}
		free(nd->str);
		nd->str = dir;
		nd->len = strlen(dir);
		nd->flag = 1;
	}
	return NR_OK;
}

void
filter_free(struct filter *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nnodes; i++) {
		free(f->nodes[i].str);
		free(f->nodes[i].raw);
		if (f->nodes[i].re != NULL) {
			regfree(f->nodes[i].re);
			free(f->nodes[i].re);
		}
	}
	free(f->nodes);
	free(f->words);
	free(f);
}
