/*
 * Highlights in the article view: where the query's words (and the
 * last / search) are in a line, and drawing the line with them in
 * reverse. Words match as the search index matches them, ignoring case
 * (not accents): whole words, a prefix for word*, anywhere in CJK text
 * (search_is_cjk, the index's own rule);
 * the / search matches anywhere, as it finds lines.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "newsreader/filter.h"
#include "newsreader/search.h"
#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

/* True for a letter or digit: what a whole word may not touch. */
static int
is_word(int cp)
{
	return cp == '_' || (cp >= 0 && iswalnum((wint_t)cp));
}

struct line_map {
	const char	*orig;
	char		*low;		/* text_lower(orig) */
	size_t		*ooff;		/* code point i: its offset in orig */
	size_t		*loff;		/* and in low */
	int		*cps;
	size_t		 n;		/* code points (offsets: n + 1) */
};

/* Decode orig and its lowercase copy in step: one code point each. */
static int
map_line(struct line_map *m, const char *orig)
{
	size_t	olen = strlen(orig), llen, o = 0, l = 0, k;
	int	cp, lcp;

	memset(m, 0, sizeof *m);
	m->orig = orig;
	m->low = text_lower(orig);
	llen = strlen(m->low);
	m->ooff = xcalloc(olen + 1, sizeof *m->ooff);
	m->loff = xcalloc(olen + 1, sizeof *m->loff);
	m->cps = xcalloc(olen + 1, sizeof *m->cps);
	while (o < olen && l < llen) {
		m->ooff[m->n] = o;
		m->loff[m->n] = l;
		o += text_utf8_decode(orig + o, olen - o, &cp);
		k = text_utf8_decode(m->low + l, llen - l, &lcp);
		l += k;
		m->cps[m->n++] = cp;
	}
	m->ooff[m->n] = o;
	m->loff[m->n] = l;
	return o == olen && l == llen ? 0 : -1;
}

static void
unmap_line(struct line_map *m)
{
	free(m->low);
	free(m->ooff);
	free(m->loff);
	free(m->cps);
}

/* The code point that starts at byte b of low, or -1. */
static long
cp_at(const struct line_map *m, size_t b)
{
	size_t	lo = 0, hi = m->n + 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (m->loff[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo <= m->n && m->loff[lo] == b ? (long)lo : -1;
}

/* Add the places of needle (lowercase) in the line to hl. */
static size_t
find_word(const struct line_map *m, const char *needle, int whole,
    int prefix, struct ui_hl *hl, size_t n, size_t max)
{
	const char	*p;
	size_t		 nlen = strlen(needle);
	long		 s, e;
	int		 first;

	if (nlen == 0)
		return n;
	text_utf8_decode(needle, nlen, &first);
	if (search_is_cjk(first))
		whole = 0;
	for (p = m->low; n < max && (p = strstr(p, needle)) != NULL; p++) {
		s = cp_at(m, (size_t)(p - m->low));
		e = cp_at(m, (size_t)(p - m->low) + nlen);
		if (s < 0 || e < 0)
			continue;
		if (whole && s > 0 && is_word(m->cps[s - 1]))
			continue;
		if (whole && prefix)	/* word*: to the end of the word */
			while ((size_t)e < m->n && is_word(m->cps[e]))
				e++;
		else if (whole && (size_t)e < m->n && is_word(m->cps[e]))
			continue;
		hl[n].off = m->ooff[s];
		hl[n++].len = m->ooff[e] - m->ooff[s];
	}
	return n;
}

static int
hl_cmp(const void *a, const void *b)
{
	const struct ui_hl	*x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

size_t
ui_hilite_find(struct ui_ctx *c, const char *line, struct ui_hl *hl,
    size_t max, int which)
{
	struct line_map	 m;
	const char	*w;
	char		*low;
	size_t		 n = 0, k, nw = 0;
	int		 prefix;

	if (which != UI_HL_SEARCH && c->flt != NULL)
		nw = filter_nwords(c->flt);
	if ((nw == 0 && c->search[0] == '\0') || line[0] == '\0')
		return 0;
	if (map_line(&m, line) != 0) {
		unmap_line(&m);
		return 0;
	}
	for (k = 0; k < nw; k++) {
		w = filter_word(c->flt, k, &prefix);
		low = text_lower(w);
		n = find_word(&m, low, 1, prefix, hl, n, max);
		free(low);
	}
	if (which != UI_HL_WORDS)
		n = find_word(&m, c->search, 0, 0, hl, n, max);
	unmap_line(&m);
	qsort(hl, n, sizeof *hl, hl_cmp);
	return n;
}

void
ui_hilite_draw(struct ui_ctx *c, int y, int x, int cols, const char *line,
    int attr)
{
	struct ui_hl	 hl[32];
	char		*part;
	size_t		 n, i, end = 0;
	int		 px;

	ui_draw_text(y, x, cols, line, attr);
	n = ui_hilite_find(c, line, hl, 32, UI_HL_ALL);
	for (i = 0; i < n; i++) {
		if (hl[i].off < end)
			continue;	/* overlaps the one before */
		part = xstrndup(line, hl[i].off);
		px = ui_text_width(part);
		free(part);
		if (px >= cols)
			break;
		part = xstrndup(line + hl[i].off, hl[i].len);
		ui_draw_text(y, x + px, cols - px, part, attr | UI_A_REVERSE);
		free(part);
		end = hl[i].off + hl[i].len;
	}
}
