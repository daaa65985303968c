/*
 * html: the tokenizer: tags and attributes, character references,
 * raw-text skipping, and the HTML and link-safety guesses.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/html.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "html_int.h"

struct tagdef {
	const char	*name;
	enum html_tagid	 id;
};

/* Sorted by strcmp() for bsearch(). */
static const struct tagdef tagdefs[] = {
	{ "a", T_A },		{ "abbr", T_INLINE },
	{ "address", T_BLOCK },	{ "area", T_VOID },
	{ "article", T_BLOCK },	{ "aside", T_BLOCK },
	{ "audio", T_SKIP },	{ "b", T_INLINE },
	{ "base", T_VOID },	{ "big", T_INLINE },
	{ "blockquote", T_BLOCKQUOTE }, { "body", T_BLOCK },
	{ "br", T_BR },		{ "button", T_INLINE },
	{ "canvas", T_SKIP },	{ "caption", T_BLOCK },
	{ "center", T_BLOCK },	{ "cite", T_INLINE },
	{ "code", T_INLINE },	{ "col", T_VOID },
	{ "colgroup", T_INLINE }, { "dd", T_DD },
	{ "del", T_INLINE },	{ "details", T_BLOCK },
	{ "dfn", T_INLINE },	{ "div", T_BLOCK },
	{ "dl", T_DL },		{ "dt", T_DT },
	{ "em", T_INLINE },	{ "embed", T_VOID },
	{ "fieldset", T_BLOCK }, { "figcaption", T_BLOCK },
	{ "figure", T_BLOCK },	{ "font", T_INLINE },
	{ "footer", T_BLOCK },	{ "form", T_BLOCK },
	{ "h1", T_H1 },		{ "h2", T_H2 },
	{ "h3", T_H3 },		{ "h4", T_H4 },
	{ "h5", T_H5 },		{ "h6", T_H6 },
	{ "head", T_INLINE },	{ "header", T_BLOCK },
	{ "hr", T_HR },		{ "html", T_BLOCK },
	{ "i", T_INLINE },	{ "iframe", T_SKIP },
	{ "img", T_IMG },	{ "input", T_VOID },
	{ "ins", T_INLINE },	{ "kbd", T_INLINE },
	{ "label", T_INLINE },	{ "legend", T_BLOCK },
	{ "li", T_LI },		{ "link", T_VOID },
	{ "main", T_BLOCK },	{ "mark", T_INLINE },
	{ "math", T_SKIP },	{ "meta", T_VOID },
	{ "nav", T_BLOCK },	{ "nobr", T_INLINE },
	{ "noembed", T_SKIP },	{ "noframes", T_SKIP },
	{ "noscript", T_INLINE }, { "object", T_INLINE },
	{ "ol", T_OL },		{ "p", T_P },
	{ "param", T_VOID },	{ "picture", T_INLINE },
	{ "pre", T_PRE },	{ "q", T_Q },
	{ "s", T_INLINE },	{ "samp", T_INLINE },
	{ "script", T_SKIP },	{ "section", T_BLOCK },
	{ "select", T_SKIP },	{ "small", T_INLINE },
	{ "source", T_VOID },	{ "span", T_INLINE },
	{ "strike", T_INLINE },	{ "strong", T_INLINE },
	{ "style", T_SKIP },	{ "sub", T_INLINE },
	{ "summary", T_BLOCK },	{ "sup", T_INLINE },
	{ "svg", T_SKIP },	{ "table", T_TABLE },
	{ "tbody", T_INLINE },	{ "td", T_TD },
	{ "template", T_SKIP },	{ "textarea", T_SKIP },
	{ "tfoot", T_INLINE },	{ "th", T_TH },
	{ "thead", T_INLINE },	{ "time", T_INLINE },
	{ "title", T_SKIP },	{ "tr", T_TR },
	{ "tt", T_INLINE },	{ "u", T_INLINE },
	{ "ul", T_UL },		{ "var", T_INLINE },
	{ "video", T_SKIP },	{ "wbr", T_WBR }
};

/* Windows-1252 for numeric references to U+0080-U+009F (0: none). */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* Compare a name key with a tag table entry. */
static int
tagdef_cmp(const void *key, const void *elem)
{
	const struct tagdef	*t = elem;

	return (strcmp(key, t->name));
}

enum html_tagid
html_tag_lookup(const char *name)
{
	const struct tagdef	*t;

	if (*name == '\0')
		return (T_UNKNOWN);
	t = bsearch(name, tagdefs, sizeof(tagdefs) / sizeof(tagdefs[0]),
	    sizeof(tagdefs[0]), tagdef_cmp);
	return (t == NULL ? T_UNKNOWN : t->id);
}

/* Case-insensitive: does s[0..len) start with the lowercase word w? */
int
html_has_prefix(const char *s, size_t len, const char *w)
{
	size_t	i;

	for (i = 0; w[i] != '\0'; i++) {
		if (i >= len || HTML_LOWER((unsigned char)s[i]) != w[i])
			return (0);
	}
	return (1);
}

/* Filter a referenced code point: -2 means drop it. */
static int
ref_filter(long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return (0xFFFD);
	if (cp >= 0x80 && cp <= 0x9F)
		return (cp1252[cp - 0x80] != 0 ? cp1252[cp - 0x80] : -2);
	if (cp == '\r' || cp == '\f')
		return (' ');
	if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F)
		return (-2);
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return (-2);
	return ((int)cp);
}

/*
 * Decode the character reference at s[0] == '&'. Returns the code
 * point, -2 for a reference to drop, or -1 when it is no reference
 * ('&' is literal). *used gets the bytes consumed.
 */
int
html_ref_decode(const char *s, size_t len, int inattr, size_t *used)
{
	size_t	i = 1, n;
	long	cp = 0;
	int	hex = 0, v;

	if (len > 1 && s[1] == '#') {
		i = 2;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		n = i;
		for (; i < len; i++) {
			if (s[i] >= '0' && s[i] <= '9')
				v = s[i] - '0';
			else if (hex && HTML_LOWER(s[i]) >= 'a' &&
			    HTML_LOWER(s[i]) <= 'f')
				v = HTML_LOWER(s[i]) - 'a' + 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + v;
			if (cp > 0x110000)
				cp = 0x110000;
		}
		if (i == n)
			return (-1);
		if (i < len && s[i] == ';')
			i++;
		*used = i;
		return (ref_filter(cp));
	}
	while (i < len && i <= HTML_ENTITY_MAXLEN && HTML_IS_ALNUM(s[i]))
		i++;
	if (i == 1)
		return (-1);
	v = html_entity_lookup(s + 1, i - 1);
	if (v >= 0 && i < len && s[i] == ';') {
		*used = i + 1;
		return (v);
	}
	/*
	 * Without ';' only the Latin-1 (legacy) names count, as the
	 * longest prefix of the name in text ("&copy2023"), but in an
	 * attribute only when nothing alphanumeric or '=' follows.
	 */
	if (v >= 0 && v <= 0xFF) {
		if (inattr && i < len && s[i] == '=')
			return (-1);
		*used = i;
		return (v);
	}
	if (inattr)
		return (-1);
	for (n = i - 1 < 6 ? i - 1 : 6; n >= 2; n--) {
		v = html_entity_lookup(s + 1, n);
		if (v >= 0 && v <= 0xFF) {
			*used = n + 1;
			return (v);
		}
	}
	return (-1);
}

/* Add a code point as UTF-8. */
void
html_add_cp(struct strbuf *sb, int cp)
{
	char	buf[4];

	strbuf_add(sb, buf, text_utf8_encode(cp, buf));
}

/* Parse a decimal attribute value, clamped; def when there is none. */
int
html_attr_int(const struct html_attr *a, int def)
{
	size_t	i = 0;
	long	v = 0;
	int	neg = 0;

	while (i < a->len && HTML_IS_WS((unsigned char)a->v[i]))
		i++;
	if (i < a->len && (a->v[i] == '-' || a->v[i] == '+'))
		neg = a->v[i++] == '-';
	if (i >= a->len || a->v[i] < '0' || a->v[i] > '9')
		return (def);
	for (; i < a->len && a->v[i] >= '0' && a->v[i] <= '9'; i++) {
		v = v * 10 + (a->v[i] - '0');
		if (v > 1000000000L)
			v = 1000000000L;
	}
	return ((int)(neg ? -v : v));
}

void
html_attr_decode(struct strbuf *t, const struct html_attr *a, int url)
{
	size_t		 i, used;
	int		 cp;

	strbuf_reset(t);
	strbuf_adds(t, "");
	for (i = 0; i < a->len; i += used) {
		used = 1;
		cp = (unsigned char)a->v[i];
		if (cp == '&') {
			cp = html_ref_decode(a->v + i, a->len - i, 1, &used);
			if (cp == -1) {
				cp = '&';
				used = 1;
			}
		} else if (cp >= 0x80) {
			/* Raw UTF-8, already clean: copy the byte. */
			strbuf_addc(t, cp);
			continue;
		}
		if (cp == -2 || (url && HTML_IS_WS(cp) && cp != ' '))
			continue;
		if (HTML_IS_WS(cp)) {
			if (t->len > 0 && t->buf[t->len - 1] != ' ')
				strbuf_addc(t, ' ');
		} else
			html_add_cp(t, cp);
	}
	while (t->len > 0 && t->buf[t->len - 1] == ' ')
		t->buf[--t->len] = '\0';
}

/* Remember an attribute we use. */
static void
keep_attr(struct html_tag *t, const char *name, size_t nlen, const char *v,
    size_t vlen)
{
	struct html_attr	*a = NULL;

	if (nlen == 4 && html_has_prefix(name, nlen, "href"))
		a = &t->href;
	else if (nlen == 3 && html_has_prefix(name, nlen, "alt"))
		a = &t->alt;
	else if (nlen == 5 && html_has_prefix(name, nlen, "start"))
		a = &t->start;
	else if (nlen == 5 && html_has_prefix(name, nlen, "value"))
		a = &t->value;
	else if (nlen == 3 && html_has_prefix(name, nlen, "rel"))
		a = &t->rel;
	else if (nlen == 4 && html_has_prefix(name, nlen, "type"))
		a = &t->type;
	else if (nlen == 5 && html_has_prefix(name, nlen, "title"))
		a = &t->title;
	if (a == NULL || a->set)
		return;
	a->v = v;
	a->len = vlen;
	a->set = 1;
}

int
html_tag_read(const char *s, size_t len, size_t *pos, struct html_tag *t)
{
	const char	*q, *name, *v;
	size_t		 i = *pos + 1, a, nlen, vlen, k;

	memset(t, 0, sizeof(*t));
	if (s[i] == '/') {
		t->end = 1;
		i++;
	}
	a = i;
	while (i < len && !HTML_IS_WS((unsigned char)s[i]) && s[i] != '/' &&
	    s[i] != '>')
		i++;
	name = s + a;
	nlen = i - a;
	for (k = nlen; k > 0 && name[k - 1] != ':'; k--)
		;
	name += k;
	nlen -= k;
	if (nlen < sizeof(t->name)) {
		for (k = 0; k < nlen; k++)
			t->name[k] = HTML_LOWER((unsigned char)name[k]);
		t->name[nlen] = '\0';
	}
	for (;;) {
			while (i < len &&
		    (HTML_IS_WS((unsigned char)s[i]) || s[i] == '/')) {
			if (s[i] == '/' && i + 1 < len && s[i + 1] == '>')
				t->selfclose = 1;
			i++;
		}
		if (i >= len)
			return (0);
		if (s[i] == '>')
			break;
		a = i++;
		while (i < len && !HTML_IS_WS((unsigned char)s[i]) &&
		    s[i] != '/' && s[i] != '>' && s[i] != '=')
			i++;
		nlen = i - a;
		while (i < len && HTML_IS_WS((unsigned char)s[i]))
			i++;
		v = s + i;
		vlen = 0;
		if (i < len && s[i] == '=') {
			i++;
			while (i < len && HTML_IS_WS((unsigned char)s[i]))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				q = memchr(s + i + 1, s[i], len - i - 1);
				if (q == NULL)
					return (0);
				v = s + i + 1;
				vlen = q - v;
				i = q - s + 1;
			} else {
				v = s + i;
				while (i < len &&
				    !HTML_IS_WS((unsigned char)s[i]) &&
				    s[i] != '>')
					i++;
				vlen = s + i - v;
			}
		}
		keep_attr(t, s + a, nlen, v, vlen);
	}
	*pos = i + 1;
	t->id = html_tag_lookup(t->name);
	return (1);
}

size_t
html_skip_raw(const char *s, size_t len, size_t pos, const char *name)
{
	const char	*p, *gt;
	size_t		 nlen = strlen(name), i = pos, at, e;

	while (i < len) {
		p = memchr(s + i, '<', len - i);
		if (p == NULL)
			break;
		at = p - s;
		i = at + 1;
		e = i + 1 + nlen;
		if (i < len && s[i] == '/' &&
		    html_has_prefix(s + i + 1, len - i - 1, name) &&
		    (e >= len || HTML_IS_WS((unsigned char)s[e]) ||
		    s[e] == '/' || s[e] == '>')) {
			gt = memchr(s + at, '>', len - at);
			return (gt == NULL ? len : (size_t)(gt - s) + 1);
		}
	}
	return (len);
}

const char *
html_find3(const char *s, size_t len, const char *w)
{
	const char	*p, *end = s + len;

	while (len >= 3) {
		p = memchr(s, w[0], len - 2);
		if (p == NULL)
			return (NULL);
		if (p[1] == w[1] && p[2] == w[2])
			return (p);
		s = p + 1;
		len = end - s;
	}
	return (NULL);
}

int
html_looks_like_html(const char *s, size_t len)
{
	const char	*p;
	char		 name[16];
	size_t		 i, k, n;

	for (i = 0; i < len; i++) {
		p = memchr(s + i, '<', len - i);
		if (p == NULL)
			return (0);
		i = p - s;
		if (html_has_prefix(p, len - i, "<!--") ||
		    html_has_prefix(p, len - i, "<!doctype"))
			return (1);
		k = i + 1;
		if (k < len && s[k] == '/')
			k++;
		for (n = 0; k < len && HTML_IS_ALNUM((unsigned char)s[k]) &&
		    n < sizeof(name) - 1; k++)
			name[n++] = HTML_LOWER((unsigned char)s[k]);
		name[n] = '\0';
		if (n == 0 || !HTML_IS_ALPHA((unsigned char)name[0]))
			continue;
		if (k < len && !HTML_IS_WS((unsigned char)s[k]) &&
		    s[k] != '>' && s[k] != '/')
			continue;
		if (html_tag_lookup(name) != T_UNKNOWN)
			return (1);
	}
	return (0);
}

int
html_link_is_safe(const char *url)
{
	static const char *const safe[] = { "http", "https", "mailto" };
	char	scheme[8];
	size_t	i, n = 0;

	while (*url != '\0' && ((unsigned char)*url <= ' '))
		url++;
	for (i = 0; url[i] != '\0'; i++) {
		if (url[i] == '\t' || url[i] == '\n' || url[i] == '\r')
			continue;
		if (url[i] == ':')
			break;
		if (!HTML_IS_ALNUM((unsigned char)url[i]) && url[i] != '+' &&
		    url[i] != '-' && url[i] != '.')
			return (1);
		if (n == 0 && !HTML_IS_ALPHA((unsigned char)url[i]))
			return (1);
		if (n < sizeof(scheme) - 1)
			scheme[n] = HTML_LOWER((unsigned char)url[i]);
		n++;
	}
	if (url[i] == '\0' || n == 0)
		return (1);
	if (n >= sizeof(scheme))
		return (0);
	scheme[n] = '\0';
	for (i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		if (strcmp(scheme, safe[i]) == 0)
			return (1);
	return (0);
}
