/*
 * extract: a pass before the parser that cuts out the bodies of what
 * extraction discards anyway: scripts (but JSON-LD, which extract_meta
 * reads), styles and comments. On big pages these are most of the
 * bytes, and a parser spends its time on every one of them.
 *
 * The pass follows the HTML tokenizer's rules wherever they decide
 * where such a body ends: a tag ends at the first '>' outside a quoted
 * attribute value (a value is quoted only right after '='); a script
 * ends at "</script" (any case) followed by white space, '/' or '>',
 * outside the escaped states "<!--" opens (where "<script" nests once);
 * a style at "</style" likewise; a comment at "-->" or "--!>", or at
 * once for "<!-->" and "<!--->". The element and its tags stay: only
 * what lies between them goes, so the parser builds the same tree.
 * Where the parser's state cannot be told from the bytes alone (SVG and
 * MathML, whose own <script> and <style> are markup, CDATA sections,
 * <plaintext>, framesets, a <col> after a <template>, "</>" (after
 * which gumbo 0.10.1 misses the next </svg>), markup in SVG's <title>
 * and other points where SVG holds HTML), nothing more is cut from
 * there on; a page with a numeric reference gumbo misreads is left as
 * it is. Raw text elements
 * (<title>, <textarea>...) are skipped; in a <select>, which ignores
 * them and <style>, only when they hold no '<'.
 */
#include "nr_config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/util.h"
#include "extract_int.h"

/* Open SVG and MathML roots followed (deeper ones count as one). */
#define STRIP_FOREIGN_MAX	64

/* A tag as read: its name, where it ends, what the pass needs of it. */
struct stag {
	const char	*name;
	size_t		 nlen;
	const char	*end;		/* just past its '>' */
	int		 selfclose;	/* "/>" */
	int		 keep;		/* a type value that may be JSON-LD */
};

struct strip {
	const char	*s, *end;
	const char	*copied;	/* input up to here is in out */
	char		*out;
	size_t		 olen;
	char		 foreign[STRIP_FOREIGN_MAX];	/* 's'vg, 'm'ath */
	size_t		 nforeign;
	int		 select;	/* a <select> was seen */
	int		 template;	/* a <template> was seen */
	struct xfold	*fold;		/* NULL: text is not folded */
	/* Whether an <a> may be folded whole (extract_fold.c): */
	size_t		 ntags;		/* tags read */
	unsigned	 ntable;	/* <table> start tags less </table> */
	unsigned	 aopen;		/* <a> tags not folded, less </a> */
	unsigned	 adepth;	/* elements opened inside those */
	int		 anchors_off;	/* no more anchors are folded */
};

/* Elements opened inside an <a> that may keep it open for good. */
#define STRIP_ADEPTH_MAX	4

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when [p, p + n) is name (lowercase, ASCII) in any case. */
static int
name_is(const char *p, size_t n, const char *name)
{
	return n == strlen(name) && util_strncasecmp(p, name, n) == 0;
}

/* True when [p, p + n) is one of the names of v (NULL-terminated). */
static int
name_in(const char *p, size_t n, const char *const *v)
{
	for (; *v != NULL; v++)
		if (name_is(p, n, *v))
			return 1;
	return 0;
}

/* True when p is "</name" followed by white space, '/' or '>'. */
static int
end_tag_at(const char *p, const char *end, const char *name, size_t n)
{
	return (size_t)(end - p) > n + 2 && p[1] == '/' &&
	    util_strncasecmp(p + 2, name, n) == 0 &&
	    (is_ws(p[2 + n]) || p[2 + n] == '/' || p[2 + n] == '>');
}

/* Put the n bytes of r (fewer than to - from) in place of [from, to). */
static void
strip_put(struct strip *st, const char *from, const char *to, const char *r,
    size_t n)
{
	size_t	k;

	if (to <= from)
		return;
	if (st->out == NULL) {
		st->out = xmalloc_big((size_t)(st->end - st->s) + 1);
		st->olen = 0;
	}
	k = (size_t)(from - st->copied);
	memcpy(st->out + st->olen, st->copied, k);
	memcpy(st->out + st->olen + k, r, n);
	st->olen += k + n;
	st->copied = to;
}

/* Drop the input [from, to) from the output. */
static void
strip_cut(struct strip *st, const char *from, const char *to)
{
	strip_put(st, from, to, "", 0);
}

/* Fold the runs of text in [p, to), which the tokenizer reads as data. */
static void
strip_fold(struct strip *st, const char *p, const char *to)
{
	const char	*run, *runend;
	char		 m[4];

	while ((run = xfold_next(p, to, &runend)) != NULL) {
		if (!xfold_add(st->fold, run, (size_t)(runend - run), m)) {
			st->fold = NULL;	/* full: the rest as it is */
			return;
		}
		strip_put(st, run, runend, m, sizeof m);
		p = runend;
	}
}

/* The name of an attribute [n, n + nl) and its value [v, v + vl). */
static void
tag_attr(struct stag *t, const char *n, size_t nl, const char *v, size_t vl)
{
	size_t	i;

	if (!name_is(n, nl, "type"))
		return;
	/* "application/ld+json", or a character reference that may be. */
	if (memchr(v, '&', vl) != NULL)
		t->keep = 1;
	for (i = 0; i + 7 <= vl; i++)
		if (util_strncasecmp(v + i, "ld+json", 7) == 0)
			t->keep = 1;
}

/*
 * Read the tag whose name starts at p (past "<" or "</"): the tag
 * name, then the attributes as the tokenizer's states read them.
 * Returns 0 when the input ends inside the tag.
 */
static int
tag_read(const char *p, const char *end, struct stag *t)
{
	enum { BEFORE, NAME, AFTER, BEFOREV, UNQ, AFTERQ, SELF } state;
	const char	*an = NULL, *av = NULL, *q;
	size_t		 anl = 0;

	memset(t, 0, sizeof *t);
	t->name = p;
	while (p < end && !is_ws(*p) && *p != '/' && *p != '>')
		p++;
	t->nlen = (size_t)(p - t->name);
	state = BEFORE;
	while (p < end) {
		char	c = *p;

		switch (state) {
		case BEFORE:
			if (is_ws(c))
				break;
			if (c == '/') {
				state = SELF;
				break;
			}
			if (c == '>')
				goto done;
			an = p;
			state = NAME;
			break;
		case NAME:
			if (is_ws(c) || c == '/' || c == '=' || c == '>') {
				anl = (size_t)(p - an);
				tag_attr(t, an, anl, "", 0);
				state = c == '=' ? BEFOREV : c == '/' ? SELF :
				    AFTER;
				if (c == '>')
					goto done;
			}
			break;
		case AFTER:
			if (is_ws(c))
				break;
			if (c == '/')
				state = SELF;
			else if (c == '=')
				state = BEFOREV;
			else if (c == '>')
				goto done;
			else {
				an = p;
				state = NAME;
			}
			break;
		case BEFOREV:
			if (is_ws(c))
				break;
			if (c == '"' || c == '\'') {
				q = memchr(p + 1, c, (size_t)(end - p - 1));
				if (q == NULL)
					return 0;
				tag_attr(t, an, anl, p + 1,
				    (size_t)(q - p - 1));
				p = q;
				state = AFTERQ;
				break;
			}
			if (c == '>')
				goto done;
			av = p;
			state = UNQ;
			break;
		case UNQ:
			if (is_ws(c) || c == '>') {
				tag_attr(t, an, anl, av, (size_t)(p - av));
				if (c == '>')
					goto done;
				state = BEFORE;
			}
			break;
		case AFTERQ:
			if (c == '>')
				goto done;
			state = c == '/' ? SELF : BEFORE;
			if (!is_ws(c) && c != '/')
				continue;	/* reconsumed */
			break;
		case SELF:
			if (c == '>') {
				t->selfclose = 1;
				goto done;
			}
			state = BEFORE;
			continue;		/* reconsumed */
		}
		p++;
	}
	return 0;
done:
	t->end = p + 1;
	return 1;
}

/* Past the run of ASCII letters at p. */
static const char *
alpha_run(const char *p, const char *end)
{
	while (p < end && is_alpha(*p))
		p++;
	return p;
}

/* True when [a, b) is "script" and b is white space, '/' or '>'. */
static int
script_word(const char *a, const char *b, const char *end)
{
	return b < end && name_is(a, (size_t)(b - a), "script") &&
	    (is_ws(*b) || *b == '/' || *b == '>');
}

/*
 * Where the body of a script starting at p ends: the '<' of its end
 * tag, or NULL when it runs to the end of the input. The escaped and
 * double escaped states of the tokenizer are followed.
 */
static const char *
script_end(const char *p, const char *end)
{
	enum { ESC, ESC_D, ESC_DD, DESC, DESC_D, DESC_DD, DATA } state;
	const char	*q;

	for (;;) {
		/* Script data: only "</script" and "<!--" matter. */
		if ((q = memchr(p, '<', (size_t)(end - p))) == NULL)
			return NULL;
		if (end_tag_at(q, end, "script", 6))
			return q;
		if (end - q < 4 || memcmp(q, "<!--", 4) != 0) {
			p = q + 1;
			continue;
		}
		p = q + 4;
		state = ESC_DD;
		while (state != DATA) {
			if (p >= end)
				return NULL;
			switch (*p) {
			case '-':
				state = state == ESC ? ESC_D : state == ESC_D ||
				    state == ESC_DD ? ESC_DD : state == DESC ?
				    DESC_D : DESC_DD;
				p++;
				break;
			case '>':
				if (state == ESC_DD || state == DESC_DD)
					state = DATA;
				else
					state = state <= ESC_DD ? ESC : DESC;
				p++;
				break;
			case '<':
				if (state <= ESC_DD) {
					if (end_tag_at(p, end, "script", 6))
						return p;
					state = ESC;
					q = alpha_run(p + 1, end);
					if (script_word(p + 1, q, end)) {
						state = DESC;
						q++;	/* the delimiter */
					}
					p = q > p + 1 ? q : p + 1;
				} else {
					state = DESC;
					if (p + 1 >= end || p[1] != '/') {
						p++;
						break;
					}
					q = alpha_run(p + 2, end);
					if (script_word(p + 2, q, end)) {
						state = ESC;
						q++;
					}
					p = q;
				}
				break;
			default:
				state = state <= ESC_DD ? ESC : DESC;
				p++;
				break;
			}
		}
	}
}

/* Where a raw text body of element name starting at p ends, or NULL. */
static const char *
raw_end(const char *p, const char *end, const char *name)
{
	size_t		 n = strlen(name);
	const char	*q;

	while ((q = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (end_tag_at(q, end, name, n))
			return q;
		p = q + 1;
	}
	return NULL;
}

/*
 * Where a comment whose "<!--" is at p ends (past its '>'), and in
 * *bodyend where its text ends; NULL when it runs to the end.
 */
static const char *
comment_end(const char *p, const char *end, const char **bodyend)
{
	const char	*q, *r;

	p += 4;
	/* "<!-->" and "<!--->": over at once. */
	if (p < end && *p == '>') {
		*bodyend = p;
		return p + 1;
	}
	if (end - p >= 2 && p[0] == '-' && p[1] == '>') {
		*bodyend = p;
		return p + 2;
	}
	for (q = p; (q = memchr(q, '-', (size_t)(end - q))) != NULL; q++) {
		if (end - q < 2 || q[1] != '-')
			continue;
		for (r = q + 2; r < end && *r == '-'; r++)
			;
		if (r < end && *r == '>') {
			*bodyend = q;
			return r + 1;
		}
		if (end - r >= 2 && r[0] == '!' && r[1] == '>') {
			*bodyend = q;
			return r + 2;
		}
	}
	return NULL;
}

/* True for the names whose content the tree builder may read as text. */
static int
raw_name(const char *n, size_t len)
{
	static const char *const v[] = {
		"title", "textarea", "xmp", "iframe", "noembed", "noframes",
		NULL
	};

	return name_in(n, len, v);
}

/* True for SVG and MathML elements whose content may be HTML. */
static int
integration_point(const char *n, size_t len)
{
	static const char *const v[] = {
		"foreignobject", "desc", "title", "mi", "mo", "mn", "ms",
		"mtext", "annotation-xml", NULL
	};

	return name_in(n, len, v);
}

/* True for elements that hold nothing (void elements). */
static int
void_name(const char *n, size_t len)
{
	static const char *const v[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr", "keygen",
		"basefont", "bgsound", "frame", "image", NULL
	};

	return name_in(n, len, v);
}

/*
 * True for elements that, opened inside an <a>, may keep the tree
 * builder's </a> from closing it: scope and marker elements, and those
 * that change how tags are read.
 */
static int
anchor_breaker(const char *n, size_t len)
{
	static const char *const v[] = {
		"table", "caption", "colgroup", "col", "tbody", "thead",
		"tfoot", "tr", "td", "th", "object", "applet", "marquee",
		"template", "svg", "math", "select", "frameset", "html",
		NULL
	};

	return name_in(n, len, v);
}

/*
 * Follow what decides whether an <a> may be folded: the tables open,
 * the <a> elements open (those not folded), and what they hold.
 */
static void
strip_anchor_count(struct strip *st, const struct stag *t)
{
	if (st->aopen > 0) {
		if (anchor_breaker(t->name, t->nlen) ||
		    (!void_name(t->name, t->nlen) &&
		    ++st->adepth > STRIP_ADEPTH_MAX))
			st->anchors_off = 1;
	}
	if (name_is(t->name, t->nlen, "a"))
		st->aopen++;
	else if (name_is(t->name, t->nlen, "table"))
		st->ntable++;
}

/* What a token after a folded <a> does to the text gumbo holds back. */
enum { FLUSH, THROUGH, MOVES };

/*
 * Gumbo holds text back until an element is inserted, a node popped or
 * a comment added, and puts it where the tree builder is then. An <a>
 * start tag and its end tag are such points; in their place, the text
 * before the link and the link's character wait for the next one. So
 * the tokens after it must not move the tree builder without that: the
 * start tags below (ignored, or an adoption, or a <form> ignored) and
 * the end tags of <form> and of formatting elements (adoption) may.
 * Others insert or pop first (FLUSH), or pop or do nothing (THROUGH).
 */
static int
anchor_next(const struct stag *t, int end)
{
	static const char *const start_moves[] = {
		"form", "nobr", "isindex", "html", "body", "head", "frameset",
		"frame", "caption", "col", "colgroup", "tbody", "td", "tfoot",
		"th", "thead", "tr", NULL
	};
	static const char *const end_moves[] = {
		"form", "b", "big", "code", "em", "font", "i", "nobr", "s",
		"small", "strike", "strong", "tt", "u", NULL
	};

	if (name_in(t->name, t->nlen, end ? end_moves : start_moves))
		return MOVES;
	if (!end || name_is(t->name, t->nlen, "p") ||
	    name_is(t->name, t->nlen, "br"))
		return FLUSH;		/* (</p> and </br> insert or pop) */
	return THROUGH;
}

/* True when the text before p is put in its place before the tree moves. */
static int
anchor_flushed(const char *p, const char *end)
{
	struct stag	 t;
	const char	*q;
	int		 i, what;

	for (i = 0; i < 8; i++) {
		if ((p = memchr(p, '<', (size_t)(end - p))) == NULL)
			return 1;	/* the end of the page */
		q = p + 1;
		if (q < end && *q == '!' && end - q >= 3 && q[1] == '-' &&
		    q[2] == '-')
			return 1;	/* a comment */
		if (q < end && is_alpha(*q))
			what = tag_read(q, end, &t) ? anchor_next(&t, 0) :
			    MOVES;
		else if (end - q > 1 && *q == '/' && is_alpha(q[1]))
			what = tag_read(q + 1, end, &t) ? anchor_next(&t, 1) :
			    MOVES;
		else if (q < end && (*q == '!' || *q == '/' || *q == '?'))
			return 0;	/* DOCTYPE, CDATA, bogus comments */
		else {
			p = q;		/* a '<' in text */
			continue;
		}
		if (what != THROUGH)
			return what == FLUSH;
		p = t.end;
	}
	return 0;
}

/*
 * Fold the <a> element whose start tag t starts at lt, when it is a
 * plain link where the tree builder adds it as it stands: returns past
 * its end tag, or NULL. A comment holding the link's character follows
 * it where the tokens after it may move the tree builder first
 * (anchor_flushed); xfold_expand takes it out.
 */
static const char *
strip_anchor(struct strip *st, const char *lt, const struct stag *t)
{
	const char	*q;
	char		 m[4 + 11];	/* the link, "<!--", the link, "-->" */
	size_t		 n = 4;

	if (st->fold == NULL || st->anchors_off ||
	    !name_is(t->name, t->nlen, "a") || t->selfclose || st->aopen > 0 ||
	    st->ntable > 0 || st->nforeign > 0 || st->select ||
	    st->template || st->ntags > NR_EXTRACT_MAX_TAGS / 2)
		return NULL;
	q = memchr(t->end, '<', (size_t)(st->end - t->end));
	if (q == NULL || st->end - q < 4 || q[1] != '/' ||
	    (q[2] | 0x20) != 'a' || q[3] != '>')
		return NULL;
	if (!anchor_flushed(q + 4, st->end)) {
		n = sizeof m;
		if ((size_t)(q + 4 - lt) <= n)
			return NULL;	/* no room for the comment */
	}
	if (!xfold_anchor(st->fold, lt, (size_t)(q + 4 - lt), m))
		return NULL;
	if (n > 4) {
		memcpy(m + 4, "<!--", 4);
		memcpy(m + 8, m, 4);
		memcpy(m + 12, "-->", 3);
	}
	strip_put(st, lt, q + 4, m, n);
	return q + 4;
}

/*
 * Handle a start tag t. Returns where to go on, or
 * NULL to stop cutting (the rest is copied as it is).
 */
static const char *
strip_start(struct strip *st, const struct stag *t)
{
	const char	*q, *e;
	char		 name[16];
	size_t		 k;
	int		 svg = name_is(t->name, t->nlen, "svg");

	strip_anchor_count(st, t);
	/*
	 * A <col> in a <template> opens a column group that ignores all
	 * start tags but <col> and <template>, <script> and <style> too,
	 * and drops all text but white space (the white space inside a run
	 * would go with it). Whether the template is still open is not
	 * followed: nothing more is cut or folded.
	 */
	if (name_is(t->name, t->nlen, "template"))
		st->template = 1;
	else if (st->template && name_is(t->name, t->nlen, "col"))
		return NULL;
	/* Even in SVG: a <select> breaks out of it. */
	if (name_is(t->name, t->nlen, "select"))
		st->select = 1;
	if (svg || name_is(t->name, t->nlen, "math")) {
		if (!t->selfclose) {
			if (st->nforeign == STRIP_FOREIGN_MAX)
				return NULL;
			st->foreign[st->nforeign++] = svg ? 's' : 'm';
		}
		return t->end;
	}
	if (name_is(t->name, t->nlen, "plaintext") ||
	    name_is(t->name, t->nlen, "frameset"))
		return NULL;
	if (st->nforeign > 0) {
		/*
		 * Foreign: script, style and the raw text elements are
		 * markup, unless a tag broke out of it (<p>, <div>...).
		 */
		if (name_is(t->name, t->nlen, "script") ||
		    name_is(t->name, t->nlen, "style") ||
		    (raw_name(t->name, t->nlen) &&
		    !integration_point(t->name, t->nlen)))
			return NULL;
		if (t->selfclose || !integration_point(t->name, t->nlen))
			return t->end;
		/* Only text up to its own end tag. */
		if (t->nlen >= sizeof name)
			return NULL;
		for (k = 0; k < t->nlen; k++)
			name[k] = (char)(t->name[k] | 0x20);
		name[k] = '\0';
		q = memchr(t->end, '<', (size_t)(st->end - t->end));
		if (q == NULL || end_tag_at(q, st->end, name, t->nlen))
			return q;
		return NULL;
	}
	if (name_is(t->name, t->nlen, "script")) {
		e = script_end(t->end, st->end);
		if (!t->keep)
			strip_cut(st, t->end, e != NULL ? e : st->end);
		return e;
	}
	if (name_is(t->name, t->nlen, "style") && !st->select) {
		e = raw_end(t->end, st->end, "style");
		strip_cut(st, t->end, e != NULL ? e : st->end);
		return e;
	}
	if (raw_name(t->name, t->nlen) ||
	    name_is(t->name, t->nlen, "style")) {
		for (k = 0; k < t->nlen; k++)
			name[k] = (char)(t->name[k] | 0x20);
		name[k] = '\0';
		/*
		 * Raw text, but in a <select>, which ignores all of them
		 * but <textarea> (and <script>): there the same only
		 * without '<'. Whether a <select> is still open is not
		 * followed: once one was seen, no style is cut.
		 */
		if (!st->select || strcmp(name, "textarea") == 0)
			return raw_end(t->end, st->end, name);
		q = memchr(t->end, '<', (size_t)(st->end - t->end));
		if (q == NULL)
			return NULL;
		return end_tag_at(q, st->end, name, t->nlen) ? q : NULL;
	}
	return t->end;
}

/* An end tag t: foreign roots are closed. */
static void
strip_end(struct strip *st, const struct stag *t)
{
	char	c;

	/*
	 * Gumbo 0.10.1 matches an end tag in SVG or MathML by its text
	 * between "</" and '>': "</svg >" and "</svg/>" close nothing.
	 */
	if (t->end != t->name + t->nlen + 1) {
		/*
		 * Nor is such an </a> counted as closing one; such a
		 * </table> may close one: the count is lost.
		 */
		if (name_is(t->name, t->nlen, "table"))
			st->anchors_off = 1;
		return;
	}
	if (name_is(t->name, t->nlen, "table") && st->ntable > 0)
		st->ntable--;
	if (name_is(t->name, t->nlen, "a") && st->aopen > 0) {
		if (--st->aopen == 0)
			st->adepth = 0;
	} else if (st->aopen > 0 && st->adepth > 0)
		st->adepth--;
	if (name_is(t->name, t->nlen, "svg"))
		c = 's';
	else if (name_is(t->name, t->nlen, "math"))
		c = 'm';
	else
		return;
	/*
	 * Only the innermost: a tag that broke out of SVG may have closed
	 * others already; more open than the parser has is safe, fewer is
	 * not.
	 */
	if (st->nforeign > 0 && st->foreign[st->nforeign - 1] == c)
		st->nforeign--;
}

/* What num_refs finds. */
#define REF_HIGH	1	/* U+F0000 or more: folding's own characters */
#define REF_LONG	2	/* more than 7 digits: the page is left alone */

/*
 * The worst of the page's numeric character references. Gumbo 0.10.1
 * sums their digits in an int that wraps, and a sum of -1 is taken for
 * "no reference": the digits and the character after them are lost, a
 * '<' too (&#xffffffff<script> is text), so past a reference of more
 * than 7 digits (leading zeros aside) the tokenizer's state cannot be
 * told, and a long one may stand for any character. One of planes 15
 * and 16 (&#xF0000;) would be taken for a fold.
 */
static int
num_refs(const char *p, const char *end)
{
	uint32_t	v;
	int		hex, nd, d, worst = 0;

	for (; (p = memchr(p, '&', (size_t)(end - p))) != NULL; p++) {
		if (end - p < 3 || p[1] != '#')
			continue;
		hex = (p[2] | 0x20) == 'x';
		for (p += hex ? 3 : 2; p < end && *p == '0'; p++)
			;
		for (nd = 0, v = 0; p < end; p++) {
			d = util_hexval((unsigned char)*p);
			if (d < 0 || (!hex && d > 9))
				break;
			if (++nd > 7)
				return REF_LONG;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (v >= 0xF0000)
			worst = REF_HIGH;
		p--;
	}
	return worst;
}

char *
extract_strip(const char *html, size_t len, size_t *outlen)
{
	return xstrip(html, len, outlen, NULL);
}

char *
xstrip(const char *html, size_t len, size_t *outlen, struct xfold *fold)
{
	struct strip	 st;
	struct stag	 t;
	const char	*p, *lt, *q, *body;
	size_t		 n;
	int		 refs;

	memset(&st, 0, sizeof st);
	st.s = st.copied = html;
	st.end = html + len;
	if ((refs = num_refs(html, st.end)) == REF_LONG)
		return NULL;
	if (fold != NULL && refs != REF_HIGH && xfold_ok(html, len)) {
		xfold_init(fold, len);
		st.fold = fold;
	}
	p = html;
	while (p != NULL && (lt = memchr(p, '<', (size_t)(st.end - p))) !=
	    NULL) {
		if (st.fold != NULL)
			strip_fold(&st, p, lt);
		q = lt + 1;
		if (q >= st.end)
			break;
		if (is_alpha(*q)) {
			if (!tag_read(q, st.end, &t))
				break;
			st.ntags++;
			if ((p = strip_anchor(&st, lt, &t)) != NULL) {
				st.ntags++;
				continue;
			}
			p = strip_start(&st, &t);
		} else if (*q == '/') {
			if (q + 1 < st.end && is_alpha(q[1])) {
				if (!tag_read(q + 1, st.end, &t))
					break;
				st.ntags++;
				strip_end(&st, &t);
				p = t.end;
			} else if (q + 1 < st.end && q[1] == '>')
				break;	/* "</>": gumbo's next </svg> fails */
			else if ((p = memchr(q, '>', (size_t)(st.end - q))) !=
			    NULL)
				p++;		/* a bogus comment */
		} else if (*q == '!' && st.end - lt >= 4 && lt[2] == '-' &&
		    lt[3] == '-') {
			p = comment_end(lt, st.end, &body);
			strip_cut(&st, lt + 4, p != NULL ? body : st.end);
		} else if (*q == '!' || *q == '?') {
			/* CDATA is one thing in SVG, another in HTML. */
			if (st.end - q >= 8 && memcmp(q, "![CDATA[", 8) == 0)
				break;
			/* DOCTYPE, bogus comment: to the first '>'. */
			if ((p = memchr(q, '>', (size_t)(st.end - q))) != NULL)
				p++;
		} else
			p = q;
	}
	if (st.out == NULL)
		return NULL;
	n = (size_t)(st.end - st.copied);
	memcpy(st.out + st.olen, st.copied, n);
	st.olen += n;
	st.out[st.olen] = '\0';
	*outlen = st.olen;
	return st.out;
}
