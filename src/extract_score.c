/*
 * extract: Readability's scoring. Each paragraph scores by its length
 * and commas; the score goes to its parent, half to its grandparent and
 * less further up; candidates are weighed by class and id hints and by
 * link density; the best one and its siblings that score close to it
 * are the article.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/util.h"
#include "extract_int.h"

/* Shortest paragraph that scores, in characters. */
#define XSCORE_MINLEN	25
/* Ancestors a paragraph's score goes to. */
#define XSCORE_LEVELS	5
/* Candidates weighed against the best. */
#define XSCORE_TOP	5

/* The starting score of a candidate by its tag, plus its hints. */
static void
score_init(struct xnode *n)
{
	double	s = 0;

	switch (n->tag) {
	case GUMBO_TAG_DIV:
		s = 5;
		break;
	case GUMBO_TAG_ARTICLE:
		s = 10;
		break;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		s = 3;
		break;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
	case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
	case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		s = -3;
		break;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_TH:
		s = -5;
		break;
	default:
		break;
	}
	n->score = s + n->weight;
	n->flags |= XN_CAND;
}

/* A paragraph of len characters with commas scores its ancestors. */
static void
score_para(struct xtree *t, int32_t from, size_t len, unsigned commas)
{
	double	 s;
	int32_t	 a;
	int	 level;
	size_t	 hundreds = len / 100;

	if (len < XSCORE_MINLEN)
		return;
	s = 1 + commas + (hundreds > 3 ? 3 : (double)hundreds);
	for (a = from, level = 0; a >= 0 && level < XSCORE_LEVELS;
	    a = t->n[a].parent, level++) {
		if (!(t->n[a].flags & XN_CAND))
			score_init(&t->n[a]);
		t->n[a].score += s / (level == 0 ? 1 : level == 1 ? 2 :
		    level * 3);
	}
}

/* True for the tags scored as a paragraph when they hold no block. */
static int
para_like(int tag)
{
	switch (tag) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN: case GUMBO_TAG_TD: case GUMBO_TAG_FONT:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_BLOCKQUOTE:
		return 1;
	default:
		return 0;
	}
}

/* Score the runs of text and inline elements between i's blocks. */
static void
score_runs(struct xtree *t, int32_t i)
{
	struct xnode	*c;
	int32_t		 k;
	size_t		 len = 0;
	unsigned	 commas = 0;

	for (k = t->n[i].first; k >= 0; k = c->next) {
		c = &t->n[k];
		if (c->flags & XN_DROP)
			continue;
		if (c->flags & (XN_BLOCK | XN_HASBLOCK)) {
			score_para(t, i, len, commas);
			len = commas = 0;
			continue;
		}
		len += c->textlen;
		commas += c->commas;
	}
	score_para(t, i, len, commas);
}

/* Score every paragraph of the page. */
static void
score_all(struct xtree *t)
{
	struct xnode	*n;
	size_t		 i;

	for (i = 0; i < t->len; i++) {
		n = &t->n[i];
		if (n->flags & (XN_DROP | XN_TEXT) || n->parent < 0)
			continue;
		switch (n->tag) {
		case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_H2:
		case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
		case GUMBO_TAG_H6:
			score_para(t, n->parent, n->textlen, n->commas);
			continue;
		default:
			break;
		}
		if (!para_like(n->tag) && n->tag != GUMBO_TAG_BODY &&
		    n->tag != GUMBO_TAG_LI)
			continue;
		if (!(n->flags & XN_HASBLOCK)) {
			if (n->tag != GUMBO_TAG_BODY && n->tag != GUMBO_TAG_LI)
				score_para(t, n->parent, n->textlen,
				    n->commas);
		} else
			score_runs(t, (int32_t)i);
	}
}

/* The element children of i that are kept. */
static size_t
kept_children(const struct xtree *t, int32_t i)
{
	size_t	 n = 0;
	int32_t	 k;

	for (k = t->n[i].first; k >= 0; k = t->n[k].next)
		if (!(t->n[k].flags & (XN_TEXT | XN_DROP)))
			n++;
	return n;
}

/* True when a is i or one of its ancestors. */
static int
is_ancestor(const struct xtree *t, int32_t a, int32_t i)
{
	for (; i >= 0; i = t->n[i].parent)
		if (i == a)
			return 1;
	return 0;
}

/* True when i is the body or the root. */
static int
is_top(const struct xtree *t, int32_t i)
{
	return t->n[i].parent < 0 || t->n[i].tag == GUMBO_TAG_BODY ||
	    t->n[i].tag == GUMBO_TAG_HTML;
}

/* Readability's moves up from the best candidate. */
static int32_t
pick_up(struct xtree *t, int32_t top, const int32_t *best, size_t nbest)
{
	int32_t	 p;
	size_t	 k, nalt, ncontain;
	double	 last, threshold;

	/* Several close candidates under one ancestor: take it. */
	for (nalt = 0, k = 1; k < nbest; k++)
		if (t->n[best[k]].score >= 0.75 * t->n[top].score)
			nalt++;
	if (nalt >= 3) {
		for (p = t->n[top].parent; p >= 0 && !is_top(t, p);
		    p = t->n[p].parent) {
			for (ncontain = 0, k = 1; k < nbest; k++)
				if (t->n[best[k]].score >=
				    0.75 * t->n[top].score &&
				    is_ancestor(t, p, best[k]))
					ncontain++;
			if (ncontain >= 3) {
				top = p;
				if (!(t->n[top].flags & XN_CAND))
					score_init(&t->n[top]);
				break;
			}
		}
	}
	/* A parent that scores higher holds more of the article. */
	last = t->n[top].score;
	threshold = last / 3;
	for (p = t->n[top].parent; p >= 0 && !is_top(t, p);
	    p = t->n[p].parent) {
		if (!(t->n[p].flags & XN_CAND))
			continue;
		if (t->n[p].score < threshold)
			break;
		if (t->n[p].score > last) {
			top = p;
			break;
		}
		last = t->n[p].score;
	}
	/* An only child is its parent. */
	while ((p = t->n[top].parent) >= 0 && !is_top(t, p) &&
	    kept_children(t, p) == 1)
		top = p;
	return top;
}

/* True when two elements have the same non-empty class. */
static int
same_class(const struct xnode *a, const struct xnode *b)
{
	const GumboAttribute	*ca, *cb;

	ca = gumbo_get_attribute(&a->g->v.element.attributes, "class");
	cb = gumbo_get_attribute(&b->g->v.element.attributes, "class");
	return ca != NULL && cb != NULL && ca->value[0] != '\0' &&
	    strcmp(ca->value, cb->value) == 0;
}

/* True when a short paragraph ends a sentence (". " or "." at the end). */
static int
ends_sentence(const struct xnode *n, const struct xtree *t)
{
	int32_t		 k;
	const char	*s, *d;

	for (k = n->first; k >= 0; k = t->n[k].next) {
		if (!(t->n[k].flags & XN_TEXT))
			continue;
		s = t->n[k].g->v.text.text;
		for (d = s; (d = strchr(d, '.')) != NULL; d++)
			if (d[1] == '\0' || d[1] == ' ')
				return 1;
	}
	return 0;
}

/* The best candidate's siblings that belong with it. */
static size_t
pick_siblings(struct xtree *t, int32_t top, int32_t **roots)
{
	struct xnode	*s, *tn = &t->n[top];
	int32_t		 p = tn->parent, k;
	size_t		 n = 0, cap = 8;
	double		 threshold, bonus, ld;

	*roots = xreallocarray(NULL, cap, sizeof **roots);
	if (p < 0 || is_top(t, top)) {
		(*roots)[n++] = top;
		return n;
	}
	threshold = tn->score * 0.2 > 10 ? tn->score * 0.2 : 10;
	for (k = t->n[p].first; k >= 0; k = s->next) {
		s = &t->n[k];
		if (s->flags & (XN_TEXT | XN_DROP))
			continue;
		if (k != top) {
			bonus = same_class(s, tn) ? tn->score * 0.2 : 0;
			ld = xtree_link_density(s);
			if ((s->flags & XN_CAND) && s->score + bonus >=
			    threshold)
				;
			else if (s->tag != GUMBO_TAG_P)
				continue;
			else if (s->textlen > 80 && ld < 0.25)
				;
			else if (s->textlen <= 80 && s->textlen > 0 &&
			    ld == 0 && ends_sentence(s, t))
				;
			else
				continue;
		}
		if (n == cap) {
			cap *= 2;
			*roots = xreallocarray(*roots, cap, sizeof **roots);
		}
		(*roots)[n++] = k;
	}
	return n;
}

size_t
xscore_pick(struct xtree *t, int32_t **roots)
{
	int32_t	 best[XSCORE_TOP], top;
	size_t	 nbest = 0, i, k;
	double	 s;

	*roots = NULL;
	score_all(t);
	for (i = 0; i < t->len; i++) {
		if (!(t->n[i].flags & XN_CAND))
			continue;
		t->n[i].score *= 1 - xtree_link_density(&t->n[i]);
		s = t->n[i].score;
		for (k = nbest; k > 0 && t->n[best[k - 1]].score < s; k--)
			if (k < XSCORE_TOP)
				best[k] = best[k - 1];
		if (k < XSCORE_TOP) {
			best[k] = (int32_t)i;
			if (nbest < XSCORE_TOP)
				nbest++;
		}
	}
	if (nbest == 0)
		return 0;
	top = pick_up(t, best[0], best, nbest);
	return pick_siblings(t, top, roots);
}
