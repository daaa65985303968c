/*
 * html: the line writer (wrapping by display width) and plain-text
 * rendering.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "newsreader/error.h"
#include "newsreader/html.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "html_int.h"

/* The state of one wrap: the line being filled and its prefix. */
struct wrap {
	struct html_out	*out;
	const char	*first;
	const char	*rest;
	int		 usedfirst;	/* a non-empty line was added */
	size_t		 prelen;	/* bytes of prefix in out->line */
	int		 col;		/* text columns on the line */
	int		 avail;		/* text columns allowed */
	int		 has;		/* text bytes on the line */
	int		 nlines;
	int		 maxw;
	enum html_style	 style;
};

/* Decode one character of clean UTF-8; a stray byte reads as U+FFFD. */
static size_t
decode(const char *s, size_t len, int *cp)
{
	size_t	n;

	n = text_utf8_decode(s, len, cp);
	if (n == 0)
		n = 1;
	if (*cp < 0)
		*cp = 0xFFFD;
	return (n);
}

/* Display width of one code point, 0 to 2. */
static int
cpwidth(int cp)
{
	int	w;

	if (cp < 0x80)
		return (cp >= 0x20 && cp < 0x7f ? 1 : 0);
	if (cp == HTML_SHY || cp == HTML_ZWSP)
		return (0);
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return (1);
	return (w > 2 ? 2 : w);
}

int
html_strwidth(const char *s, size_t len)
{
	size_t	i;
	int	cp, w = 0;

	for (i = 0; i < len;) {
		i += decode(s + i, len - i, &cp);
		w += cpwidth(cp);
	}
	return (w);
}

void
html_out_init(struct html_out *out, struct html_doc *doc, int width,
    int flags)
{
	memset(out, 0, sizeof(*out));
	out->doc = doc;
	out->width = width;
	out->flags = flags;
	strbuf_init(&out->line, 0);
}

void
html_out_done(struct html_out *out)
{
	struct html_doc	*doc = out->doc;

	if (doc->nlines > 0 && out->lastblank) {
		doc->nlines--;
		FREE(&doc->lines[doc->nlines]);
		out->lastblank = 0;
	}
	strbuf_clear(&out->line);
}

/*
 * Bytes of the prefix p to use: as much as fits in half the width
 * (never splitting a character); *pw gets its width.
 */
static size_t
cap_prefix(const struct html_out *out, const char *p, int *pw)
{
	size_t	i, len, n;
	int	cp, w, budget;

	budget = out->width / 2;
	len = strlen(p);
	*pw = 0;
	for (i = 0; i < len; i += n) {
		n = decode(p + i, len - i, &cp);
		w = cpwidth(cp);
		if (*pw + w > budget)
			break;
		*pw += w;
	}
	return (i);
}

int
html_out_avail(const struct html_out *out, const char *prefix)
{
	int	pw;

	cap_prefix(out, prefix, &pw);
	return (out->width - pw);
}

/*
 * Add a finished line of len bytes whose first prelen bytes are the
 * prefix. Trailing blanks are cut. Returns 1 if the line has text.
 */
static int
add_line(struct html_out *out, const char *s, size_t len, size_t prelen,
    enum html_style style)
{
	struct html_doc	*doc = out->doc;
	size_t		 pl = prelen;
	int		 blank;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (pl > 0 && (s[pl - 1] == ' ' || s[pl - 1] == '\t'))
		pl--;
	blank = len <= pl;
	if (blank) {
		if (doc->nlines == 0)
			return (0);
		if (out->lastblank && style != NR_HTML_PRE)
			return (0);
		len = pl;
	}
	if (doc->nlines == out->cap) {
		out->cap = out->cap == 0 ? 64 : out->cap * 2;
		doc->lines = xreallocarray(doc->lines, out->cap,
		    sizeof(*doc->lines));
		doc->styles = xreallocarray(doc->styles, out->cap,
		    sizeof(*doc->styles));
	}
	doc->lines[doc->nlines] = xstrndup(s, len);
	doc->styles[doc->nlines] = style;
	doc->nlines++;
	out->lastblank = blank;
	return (!blank);
}

/* Start a line with the first or the rest prefix. */
static void
wrap_begin(struct wrap *w)
{
	const char	*p;
	int		 pw;

	p = w->usedfirst ? w->rest : w->first;
	strbuf_reset(&w->out->line);
	w->prelen = cap_prefix(w->out, p, &pw);
	strbuf_add(&w->out->line, p, w->prelen);
	w->col = 0;
	w->has = 0;
	w->avail = w->out->width - pw;
}

/* Finish the current line; an empty one gets the rest prefix. */
static void
wrap_end(struct wrap *w)
{
	struct strbuf	*lb = &w->out->line;
	int		 pw;

	if (!w->has) {
		strbuf_reset(lb);
		w->prelen = cap_prefix(w->out, w->rest, &pw);
		strbuf_add(lb, w->rest, w->prelen);
	}
	if (add_line(w->out, lb->buf, lb->len, w->prelen, w->style)) {
		w->usedfirst = 1;
		w->nlines++;
		if (w->col > w->maxw)
			w->maxw = w->col;
	}
}

/* Copy the characters of s[0..len) to the line, as printed. */
static void
wrap_copy(struct wrap *w, const char *s, size_t len)
{
	size_t	i, n;
	int	cp;

	for (i = 0; i < len; i += n) {
		n = decode(s + i, len - i, &cp);
		if (cp == HTML_NBSP)
			strbuf_addc(&w->out->line, ' ');
		else if (cp != HTML_SHY && cp != HTML_ZWSP)
			strbuf_add(&w->out->line, s + i, n);
	}
	w->has = 1;
}

/* Place a word too wide for any line, breaking it between clusters. */
static void
wrap_hard(struct wrap *w, const char *s, size_t len)
{
	size_t	i, j, n;
	int	cp, cw;

	for (i = 0; i < len; i = j) {
		j = i + decode(s + i, len - i, &cp);
		cw = cpwidth(cp);
		while (j < len) {
			n = decode(s + j, len - j, &cp);
			if (cpwidth(cp) != 0)
				break;
			j += n;
		}
		if (w->col + cw > w->avail && w->col > 0) {
			wrap_end(w);
			wrap_begin(w);
		}
		wrap_copy(w, s + i, j - i);
		w->col += cw;
	}
}

/*
 * Measure the word at s: up to a space, a newline, a zero-width space,
 * or between two wide characters. Returns its length; *width gets its
 * columns.
 */
static size_t
word_len(const char *s, size_t len, int *width)
{
	size_t	j, n;
	int	cp, cw, prevwide = 0;

	*width = 0;
	for (j = 0; j < len; j += n) {
		if (s[j] == ' ' || s[j] == '\n')
			break;
		n = decode(s + j, len - j, &cp);
		if (cp == HTML_ZWSP)
			break;
		cw = cpwidth(cp);
		if (cw == 2 && prevwide)
			break;
		if (cw != 0)
			prevwide = cw == 2;
		*width += cw;
	}
	return (j);
}

int
html_out_wrap(struct html_out *out, const char *s, size_t len,
    const char *first, const char *rest, enum html_style style, int *maxw)
{
	struct wrap	w;
	size_t		i, n;
	int		cp, join = 0, jw, ww;

	memset(&w, 0, sizeof(w));
	w.out = out;
	w.first = first;
	w.rest = rest;
	w.style = style;
	wrap_begin(&w);
	for (i = 0; i < len;) {
		if (s[i] == '\n') {
			wrap_end(&w);
			wrap_begin(&w);
			join = 0;
			i++;
			continue;
		}
		if (s[i] == ' ') {
			join = 1;
			i++;
			continue;
		}
		n = decode(s + i, len - i, &cp);
		if (cp == HTML_ZWSP) {
			i += n;
			continue;
		}
		n = word_len(s + i, len - i, &ww);
		jw = join && w.has ? 1 : 0;
		if (w.col + jw + ww > w.avail && w.has) {
			wrap_end(&w);
			wrap_begin(&w);
			jw = 0;
		}
		if (w.col + jw + ww <= w.avail) {
			if (jw)
				strbuf_addc(&out->line, ' ');
			wrap_copy(&w, s + i, n);
			w.col += jw + ww;
		} else
			wrap_hard(&w, s + i, n);
		join = 0;
		i += n;
	}
	if (w.has)
		wrap_end(&w);
	if (maxw != NULL)
		*maxw = w.maxw;
	return (w.nlines);
}

int
html_out_pre(struct html_out *out, const char *s, size_t len,
    const char *first, const char *rest, enum html_style style)
{
	struct wrap	w;
	size_t		i, n;
	int		cp;

	memset(&w, 0, sizeof(w));
	w.out = out;
	w.first = first;
	w.rest = rest;
	w.style = style;
	wrap_begin(&w);
	for (i = 0; i < len; i += n) {
		n = decode(s + i, len - i, &cp);
		if (cp == '\n') {
			wrap_end(&w);
			wrap_begin(&w);
		} else if (cp == '\t') {
			do {
				strbuf_addc(&out->line, ' ');
				w.col++;
			} while (w.col % 8 != 0);
		} else {
			wrap_copy(&w, s + i, n);
			w.col += cpwidth(cp);
		}
	}
	wrap_end(&w);
	return (w.nlines);
}

void
html_out_blank(struct html_out *out, const char *prefix,
    enum html_style style)
{
	size_t	plen;
	int	pw;

	plen = cap_prefix(out, prefix, &pw);
	if (out->lastblank)
		return;
	add_line(out, prefix, plen, plen, style);
}

void
html_out_fill(struct html_out *out, const char *prefix, const char *fill,
    int n, enum html_style style)
{
	size_t	plen;
	int	pw;

	plen = cap_prefix(out, prefix, &pw);
	strbuf_reset(&out->line);
	strbuf_add(&out->line, prefix, plen);
	while (n-- > 0)
		strbuf_adds(&out->line, fill);
	add_line(out, out->line.buf, out->line.len, plen, style);
}

void
html_doc_clear(struct html_doc *doc)
{
	size_t	i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nlines; i++)
		free(doc->lines[i]);
	for (i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->lines);
	free(doc->styles);
	free(doc->links);
	memset(doc, 0, sizeof(*doc));
}

enum nr_err
html_render_text(const char *src, size_t len, int width, int flags,
    struct html_doc *out, char *errbuf)
{
	struct html_out	 o;
	struct strbuf	 para;
	char		*s;
	size_t		 i, slen;
	int		 space = 0;

	memset(out, 0, sizeof(*out));
	if (width < NR_HTML_MINWIDTH)
		return (nr_seterr(errbuf, NR_EUSAGE, "width %d is below %d",
		    width, NR_HTML_MINWIDTH));
	s = text_clean(src != NULL ? src : "", src != NULL ? len : 0, 0, 0);
	slen = strlen(s);
	html_out_init(&o, out, width, flags);
	strbuf_init(&para, 0);
	for (i = 0; i <= slen; i++) {
		if (i == slen || s[i] == '\n') {
			if (para.len == 0)
				html_out_blank(&o, "", NR_HTML_PLAIN);
			else
				html_out_wrap(&o, para.buf, para.len, "", "",
				    NR_HTML_PLAIN, NULL);
			strbuf_reset(&para);
			space = 0;
		} else if (s[i] == ' ' || s[i] == '\t')
			space = 1;
		else {
			if (space && para.len > 0)
				strbuf_addc(&para, ' ');
			space = 0;
			strbuf_addc(&para, (unsigned char)s[i]);
		}
	}
	strbuf_clear(&para);
	html_out_done(&o);
	free(s);
	return (NR_OK);
}
