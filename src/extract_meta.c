/*
 * extract: what a page says about itself (title, base URL, charset,
 * publication and update times), and the prescan that caps how deep
 * and how many tags gumbo is given.
 */
#include "nr_config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/feed.h"
#include "newsreader/util.h"
#include "extract_int.h"

/* Bytes of a title, or of a JSON-LD value, looked at. */
#define XMETA_TEXT_MAX	1024
/* End tags matched against this many open elements. */
#define XMETA_POP_LOOK	8

static const char *scan_find(const char *, const char *, const char *);

/* Work state of one scan. */
struct xscan {
	struct xmeta	*m;
	char		*og_title;
	char		*title;
	char		*h1;
	int		 nh1;
	char		*canonical;
	char		*og_url;
	int64_t		 pub_meta, mod_meta, pub_ld, mod_ld;
	int64_t		 pub_item, mod_item, pub_time;
};

/* Append the text under g to sb (to a cap). */
static void
meta_text(const GumboNode *g, struct strbuf *sb, int depth)
{
	const GumboVector	*kids;
	unsigned int		 k;

	if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
	    g->type == GUMBO_NODE_CDATA) {
		strbuf_adds(sb, g->v.text.text);
		return;
	}
	/* Not the text of scripts and styles (extract_strip cuts it). */
	if (g->type != GUMBO_NODE_ELEMENT || depth > 32 ||
	    g->v.element.tag == GUMBO_TAG_SCRIPT ||
	    g->v.element.tag == GUMBO_TAG_STYLE)
		return;
	kids = &g->v.element.children;
	for (k = 0; k < kids->length && sb->len < XMETA_TEXT_MAX; k++)
		meta_text(kids->data[k], sb, depth + 1);
}

/* The text under g, a copy the caller frees. */
static char *
meta_text_dup(const GumboNode *g)
{
	struct strbuf	sb;

	strbuf_init(&sb, XMETA_TEXT_MAX);
	meta_text(g, &sb, 0);
	return strbuf_detach(&sb, NULL);
}

/* The value of an attribute, or NULL. */
static const char *
meta_attr(const GumboNode *g, const char *name)
{
	const GumboAttribute	*a;

	a = gumbo_get_attribute(&g->v.element.attributes, name);
	return a != NULL ? a->value : NULL;
}

/* Set *t from s when *t is not set yet and s is a time. */
static void
meta_time(int64_t *t, const char *s)
{
	int64_t	v;

	if (*t != NR_TIME_NONE || s == NULL)
		return;
	if ((v = extract_parse_time(s)) != NR_TIME_NONE)
		*t = v;
}

/* Keep a copy of s in *p unless it is set. */
static void
meta_keep(char **p, const char *s)
{
	if (*p == NULL && s != NULL && *s != '\0')
		*p = xstrndup(s, XMETA_TEXT_MAX);
}

/* The names of <meta> that carry the publication and update times. */
static const char *const meta_pub[] = {
	"article:published_time", "og:article:published_time",
	"datepublished", "date", "dc.date", "dc.date.issued",
	"dcterms.created", "pubdate", "publishdate", "parsely-pub-date",
	"sailthru.date", NULL
};
static const char *const meta_mod[] = {
	"article:modified_time", "og:updated_time", "datemodified",
	"dcterms.modified", "lastmod", NULL
};

/* True when name (any case) is one of the list. */
static int
meta_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (util_strcasecmp(name, *list) == 0)
			return 1;
	return 0;
}

/* A <meta> element. */
static void
meta_meta(struct xscan *sc, const GumboNode *g)
{
	const char	*name, *content;

	content = meta_attr(g, "content");
	if (content == NULL)
		return;
	if ((name = meta_attr(g, "property")) == NULL &&
	    (name = meta_attr(g, "name")) == NULL &&
	    (name = meta_attr(g, "itemprop")) == NULL)
		return;
	if (util_strcasecmp(name, "og:title") == 0 ||
	    util_strcasecmp(name, "twitter:title") == 0)
		meta_keep(&sc->og_title, content);
	else if (util_strcasecmp(name, "og:url") == 0)
		meta_keep(&sc->og_url, content);
	else if (meta_in(name, meta_pub))
		meta_time(&sc->pub_meta, content);
	else if (meta_in(name, meta_mod))
		meta_time(&sc->mod_meta, content);
}

/* The string value of "key" in JSON-LD text (the first), into *t. */
static void
meta_ld(const char *s, const char *key, int64_t *t)
{
	const char	*p = s;
	char		 buf[64];
	size_t		 n, klen = strlen(key);

	while (*t == NR_TIME_NONE && (p = strstr(p, key)) != NULL) {
		p += klen;
		if (p - klen == s || p[-(ptrdiff_t)klen - 1] != '"' ||
		    *p != '"')
			continue;
		for (p++; isspace((unsigned char)*p); p++)
			;
		if (*p != ':')
			continue;
		for (p++; isspace((unsigned char)*p); p++)
			;
		if (*p != '"')
			continue;
		p++;
		n = strcspn(p, "\"");
		if (n >= sizeof buf)
			continue;
		memcpy(buf, p, n);
		buf[n] = '\0';
		meta_time(t, buf);
	}
}

/* True when class or id says comment: times there are not the page's. */
static int
meta_is_comment(const GumboNode *g)
{
	const char	*c = meta_attr(g, "class"), *i = meta_attr(g, "id");
	const char	*end;

	if (c != NULL && (end = c + strlen(c)) != NULL &&
	    scan_find(c, end, "comment") != NULL)
		return 1;
	return i != NULL && (end = i + strlen(i)) != NULL &&
	    scan_find(i, end, "comment") != NULL;
}

/* Look at g and what it holds. */
static void
meta_walk(struct xscan *sc, const GumboNode *g, int depth)
{
	const GumboVector	*kids;
	const char		*v, *ip;
	unsigned int		 k;

	if (g->type == GUMBO_NODE_DOCUMENT) {
		kids = &g->v.document.children;
		for (k = 0; k < kids->length; k++)
			meta_walk(sc, kids->data[k], depth + 1);
		return;
	}
	if (g->type != GUMBO_NODE_ELEMENT || depth > NR_EXTRACT_MAX_DEPTH * 2)
		return;
	switch (g->v.element.tag) {
	case GUMBO_TAG_TITLE:
		if (sc->title == NULL)
			sc->title = meta_text_dup(g);
		return;
	case GUMBO_TAG_META:
		meta_meta(sc, g);
		if ((v = meta_attr(g, "charset")) != NULL)
			meta_keep(&sc->m->charset, v);
		return;
	case GUMBO_TAG_BASE:
		meta_keep(&sc->m->base, meta_attr(g, "href"));
		return;
	case GUMBO_TAG_LINK:
		if ((v = meta_attr(g, "rel")) != NULL &&
		    util_strcasecmp(v, "canonical") == 0)
			meta_keep(&sc->canonical, meta_attr(g, "href"));
		return;
	case GUMBO_TAG_TIME:
		if ((v = meta_attr(g, "datetime")) == NULL)
			break;
		if ((ip = meta_attr(g, "itemprop")) != NULL &&
		    util_strcasecmp(ip, "datemodified") == 0)
			meta_time(&sc->mod_item, v);
		else if (ip != NULL &&
		    util_strcasecmp(ip, "datepublished") == 0)
			meta_time(&sc->pub_item, v);
		else
			meta_time(&sc->pub_time, v);
		break;
	case GUMBO_TAG_SCRIPT:
		v = meta_attr(g, "type");
		if (v == NULL ||
		    util_strcasecmp(v, "application/ld+json") != 0 ||
		    g->v.element.children.length == 0)
			return;
		g = g->v.element.children.data[0];
		if (g->type != GUMBO_NODE_TEXT)
			return;
		meta_ld(g->v.text.text, "datePublished", &sc->pub_ld);
		meta_ld(g->v.text.text, "dateModified", &sc->mod_ld);
		return;
	case GUMBO_TAG_H1:
		if (sc->nh1++ == 0)
			sc->h1 = meta_text_dup(g);
		return;
	default:
		break;
	}
	if (meta_is_comment(g))
		return;
	if ((v = meta_attr(g, "itemprop")) != NULL) {
		if (util_strcasecmp(v, "datepublished") == 0)
			meta_time(&sc->pub_item, meta_attr(g, "content"));
		else if (util_strcasecmp(v, "datemodified") == 0)
			meta_time(&sc->mod_item, meta_attr(g, "content"));
	}
	kids = &g->v.element.children;
	for (k = 0; k < kids->length; k++)
		meta_walk(sc, kids->data[k], depth + 1);
}

/* The first of the times that is set. */
static int64_t
meta_first(int64_t a, int64_t b, int64_t c, int64_t d)
{
	if (a != NR_TIME_NONE)
		return a;
	if (b != NR_TIME_NONE)
		return b;
	return c != NR_TIME_NONE ? c : d;
}

/* Words in s (runs of non-space). */
static size_t
meta_words(const char *s)
{
	size_t	n = 0;

	while (*s != '\0') {
		s += strspn(s, " \t\n\r");
		if (*s == '\0')
			break;
		n++;
		s += strcspn(s, " \t\n\r");
	}
	return n;
}

/*
 * Cut the site's name off a <title> in place ("Headline - Site",
 * "Site | Headline"): true when a headline of three words or more is
 * left, or when the title has no separator and is one of three words.
 */
static int
meta_title_cut(char *t)
{
	static const char *const seps[] = {
		" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ",
		" \xc2\xbb ", " / ", "\xef\xbd\x9c", NULL
	};
	char	*last = NULL, *first = NULL, *p, saved;
	size_t	 i, firstlen = 0;

	for (i = 0; seps[i] != NULL; i++) {
		for (p = t; (p = strstr(p, seps[i])) != NULL; p++) {
			if (first == NULL || p < first)
				first = p, firstlen = strlen(seps[i]);
			if (last == NULL || p > last)
				last = p;
		}
	}
	if (last == NULL)
		return meta_words(t) >= 3;
	/* "Headline - Site": the part before the last separator. */
	saved = *last;
	*last = '\0';
	if (meta_words(t) >= 3 || (strlen(t) >= 12 &&
	    (unsigned char)t[0] >= 0xe3))
		return 1;
	*last = saved;
	/* "Site | Headline": the part after the first one. */
	p = first + firstlen;
	if (meta_words(p) >= 3) {
		memmove(t, p, strlen(p) + 1);
		return 1;
	}
	return 0;
}

void
xmeta_scan(const GumboNode *doc, struct xmeta *m)
{
	struct xscan	sc;

	memset(m, 0, sizeof *m);
	memset(&sc, 0, sizeof sc);
	sc.m = m;
	sc.pub_meta = sc.mod_meta = sc.pub_ld = sc.mod_ld = NR_TIME_NONE;
	sc.pub_item = sc.mod_item = sc.pub_time = NR_TIME_NONE;
	meta_walk(&sc, doc, 0);
	m->published = meta_first(sc.pub_meta, sc.pub_ld, sc.pub_item,
	    sc.pub_time);
	m->updated = meta_first(sc.mod_meta, sc.mod_ld, sc.mod_item,
	    NR_TIME_NONE);
	/*
	 * The headline: og:title; else <title> without the site's name when
	 * that leaves three words or more; else the page's one <h1>; else
	 * <title> whole.
	 */
	if (sc.og_title != NULL)
		m->title = sc.og_title, sc.og_title = NULL;
	else if (sc.title != NULL && meta_title_cut(sc.title))
		m->title = sc.title, sc.title = NULL;
	else if (sc.nh1 == 1 && sc.h1 != NULL && sc.h1[0] != '\0')
		m->title = sc.h1, sc.h1 = NULL;
	else if (sc.title != NULL)
		m->title = sc.title, sc.title = NULL;
	if (sc.canonical != NULL)
		m->canonical = sc.canonical, sc.canonical = NULL;
	else
		m->canonical = sc.og_url, sc.og_url = NULL;
	free(sc.og_title);
	free(sc.title);
	free(sc.h1);
	free(sc.canonical);
	free(sc.og_url);
}

void
xmeta_free(struct xmeta *m)
{
	free(m->title);
	free(m->base);
	free(m->canonical);
	free(m->charset);
	memset(m, 0, sizeof *m);
}

/* True when the len bytes of n (a lowercase name) are one of v. */
static int
scan_in(const char *n, size_t len, const char *const *v)
{
	if (len == 0)
		return 0;
	/* (n may hold a NUL: the length first, on a first letter alike.) */
	for (; *v != NULL; v++)
		if ((*v)[0] == n[0] && strlen(*v) == len &&
		    memcmp(*v, n, len) == 0)
			return 1;
	return 0;
}

/* True for elements that never hold others (void elements). */
static int
scan_void(const char *n, size_t len)
{
	static const char *const v[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr", "keygen",
		/* Closed by the next of their kind, never nested: */
		"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
		"tbody", "thead", "tfoot", "colgroup", "caption", "html",
		"head", "body", "h1", "h2", "h3", "h4", "h5", "h6", NULL
	};

	return scan_in(n, len, v);
}

/* True for elements whose content is raw text. */
static int
scan_raw(const char *n, size_t len)
{
	static const char *const v[] = {
		"script", "style", "textarea", "title", "xmp", "iframe",
		"noembed", "noframes", "noscript", NULL
	};

	return scan_in(n, len, v);
}

/* A case-insensitive memmem for a short lowercase needle. */
static const char *
scan_find(const char *s, const char *end, const char *needle)
{
	size_t	n = strlen(needle);

	for (; s + n <= end; s++)
		if (util_strncasecmp(s, needle, n) == 0)
			return s;
	return NULL;
}

size_t
xmeta_prescan(const char *s, size_t len, size_t folded)
{
	uint32_t	 stack[NR_EXTRACT_MAX_DEPTH];
	const char	*p = s, *end = s + len, *q, *name;
	size_t		 depth = 0, ntags = folded, nlen, k;
	char		 lname[32], close[40];
	uint32_t	 h;
	int		 quote;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = scan_find(p + 4, end, "-->");
			if (q == NULL)
				return len;
			p = q + 3;
			continue;
		}
		q = p + 1;
		if (q < end && *q == '/')
			q++;
		if (q >= end || !isalpha((unsigned char)*q)) {
			p++;
			continue;
		}
		name = q;
		while (q < end && !isspace((unsigned char)*q) && *q != '>' &&
		    *q != '/')
			q++;
		nlen = (size_t)(q - name);
		if (nlen >= sizeof lname)
			nlen = sizeof lname - 1;
		for (k = 0; k < nlen; k++)
			lname[k] = (char)util_tolower((unsigned char)name[k]);
		lname[nlen] = '\0';
		h = (uint32_t)util_hash64(lname, nlen);
		if (p[1] == '/') {
			/* Close the element if it is open near the top. */
			for (k = 0; k < XMETA_POP_LOOK && k < depth; k++)
				if (stack[depth - 1 - k] == h) {
					depth -= k + 1;
					break;
				}
			p = q;
			continue;
		}
		if (++ntags > NR_EXTRACT_MAX_TAGS)
			return (size_t)(p - s);
		/* The end of the tag, past quoted values. */
		for (quote = 0; q < end && (quote || *q != '>'); q++)
			if (*q == '"' || *q == '\'')
				quote = quote == 0 ? *q : quote == *q ? 0 :
				    quote;
		if (strcmp(lname, "plaintext") == 0)
			return len;
		if (scan_raw(lname, nlen)) {
			snprintf(close, sizeof close, "</%s", lname);
			q = scan_find(q, end, close);
			if (q == NULL)
				return len;
			p = q;
			continue;
		}
		if (!scan_void(lname, nlen)) {
			if (depth == NR_EXTRACT_MAX_DEPTH)
				return (size_t)(p - s);
			stack[depth++] = h;
		}
		p = q;
	}
	return len;
}

char *
xmeta_sniff_charset(const char *s, size_t len)
{
	const char	*end = s + (len < 4096 ? len : 4096), *p, *q;
	size_t		 n;

	for (p = s; (p = scan_find(p, end, "charset=")) != NULL; p += 8) {
		/* Only inside a <meta> tag. */
		for (q = p; q > s && *q != '<' && *q != '>'; q--)
			;
		if (*q != '<' || util_strncasecmp(q, "<meta", 5) != 0)
			continue;
		q = p + 8;
		if (*q == '"' || *q == '\'')
			q++;
		for (n = 0; q + n < end && (isalnum((unsigned char)q[n]) ||
		    strchr("-_.:", q[n]) != NULL); n++)
			;
		if (n == 0 || n > 40)
			continue;
		return xstrndup(q, n);
	}
	return NULL;
}
