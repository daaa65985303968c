/*
 * The parse module's entry points: document sniffing, driving Mini-XML's
 * SAX interface, namespaces, field capture and the item life cycle.
 */
#define _GNU_SOURCE 1	/* F_SETPIPE_SZ */
#include "nr_config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mxml.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "parse_int.h"

#define HEAD_SIZE	65536

/*
 * Mini-XML's error callback takes no context, so its last message is kept
 * here (the one mutable static of the module; parsing is not reentrant
 * across threads).
 */
static char	mxml_errmsg[200];

static const struct {
	const char	*uri;
	enum parse_ns	 ns;
} nsuris[] = {
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM },
	{ "http://purl.org/rss/1.0/", NS_RSS1 },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS1 },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://backend.userland.com/rss2", NS_NONE },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_NONE }
};

/* Conventional prefixes, used when a prefix is not declared. */
static const struct {
	const char	*prefix;
	enum parse_ns	 ns;
} nsprefixes[] = {
	{ "atom", NS_ATOM }, { "atom10", NS_ATOM }, { "atom03", NS_ATOM },
	{ "rdf", NS_RDF }, { "dc", NS_DC }, { "dcterms", NS_DCTERMS },
	{ "content", NS_CONTENT }, { "xhtml", NS_XHTML }
};

/* Mini-XML error callback: keep the message. */
static void
on_mxml_error(const char *msg)
{
	size_t	n;

	snprintf(mxml_errmsg, sizeof mxml_errmsg, "%s", msg);
	n = strlen(mxml_errmsg);
	while (n > 0 && (mxml_errmsg[n - 1] == '.' ||
	    mxml_errmsg[n - 1] == '\n'))
		mxml_errmsg[--n] = '\0';
}

static enum parse_ns
ns_from_uri(const char *uri)
{
	size_t	i, n;

	for (i = 0; i < sizeof nsuris / sizeof nsuris[0]; i++)
		if (strcmp(uri, nsuris[i].uri) == 0)
			return nsuris[i].ns;
	/* Tolerate a missing or extra trailing slash or hash. */
	n = strlen(uri);
	for (i = 0; i < sizeof nsuris / sizeof nsuris[0]; i++) {
		size_t m = strlen(nsuris[i].uri);

		if (n + 1 == m && strncmp(uri, nsuris[i].uri, n) == 0)
			return nsuris[i].ns;
	}
	if (util_strcasecmp(uri, "http://www.w3.org/2005/atom") == 0)
		return NS_ATOM;
	return NS_OTHER;
}

/* The namespace bound to prefix (length n) at this point. */
static enum parse_ns
ns_lookup(struct parser *p, const char *prefix, size_t n)
{
	size_t	i;

	for (i = p->nns; i > 0; i--) {
		if (strlen(p->ns[i - 1].prefix) == n &&
		    strncmp(p->ns[i - 1].prefix, prefix, n) == 0)
			return p->ns[i - 1].ns;
	}
	if (n == 0)
		return NS_NONE;
	for (i = 0; i < sizeof nsprefixes / sizeof nsprefixes[0]; i++)
		if (strlen(nsprefixes[i].prefix) == n &&
		    util_strncasecmp(nsprefixes[i].prefix, prefix, n) == 0)
			return nsprefixes[i].ns;
	return NS_OTHER;
}

const char *
parse_attr(mxml_node_t *node, const char *name)
{
	return mxmlElementGetAttr(node, name);
}

const char *
parse_base(struct parser *p, struct parse_elem *e)
{
	struct parse_elem	*s;

	for (s = e; s >= p->stack; s--)
		if (s->base != NULL)
			return s->base;
	if (p->opts->url != NULL)
		return p->opts->url;
	return p->feed->link;
}

/* Cut s at max bytes on a UTF-8 boundary; returns 1 if it was cut. */
static int
cut_utf8(char *s, size_t max)
{
	size_t	n = strlen(s);

	if (n <= max)
		return 0;
	while (max > 0 && (((unsigned char)s[max]) & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
	return 1;
}

/* True when s has only printable ASCII, tabs and LFs (nothing to clean). */
static int
plain_ascii(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++)
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') ||
		    u[i] >= 0x7f)
			return 0;
	return 1;
}

char *
parse_clean(struct feed *f, struct item *it, const char *s, size_t len,
    int flags, size_t max, int cut, const char *what)
{
	char	*c;

	if (flags == 0 && plain_ascii(s, len))
		c = xstrndup(s, len);
	else
		c = text_clean(s, len, flags, 0);
	if (cut_utf8(c, max) || cut) {
		if (it != NULL)
			it->flags |= NR_ITEM_TRUNCATED;
		feed_warn(f, "%s cut at %zu bytes", what, max);
	}
	return c;
}

/* Clean len bytes of s for a field, cutting at max with a warning. */
static char *
clean(struct parser *p, const char *s, size_t len, int flags, size_t max,
    const char *what)
{
	return parse_clean(p->feed, p->item, s, len, flags, max,
	    p->captrunc && s == p->cap.buf, what);
}

/* Replace *dst with s (taking it), or drop s if *dst is set and keep. */
static void
setfield(char **dst, char *s, int keep)
{
	if (*dst != NULL && keep) {
		free(s);
		return;
	}
	free(*dst);
	*dst = s;
}

/* One line of text from a capture, with tags stripped in HTML modes. */
static char *
oneline(struct parser *p, const char *s, size_t len, enum parse_cap mode,
    size_t max, const char *what)
{
	char	*t, *c;

	if (mode == CAP_TEXT)
		return clean(p, s, len, NR_TEXT_ONELINE | NR_TEXT_TRIM, max,
		    what);
	t = parse_strip_html(s, len);
	c = clean(p, t, strlen(t), NR_TEXT_ONELINE | NR_TEXT_TRIM, max, what);
	free(t);
	return c;
}

void
parse_capture(struct parser *p, struct parse_elem *e, enum parse_field f,
    enum parse_cap mode)
{
	p->field = f;
	p->capmode = mode;
	p->capdepth = (int)(e - p->stack);
	p->capdiv = -1;
	p->captrunc = 0;
	strbuf_reset(&p->cap);
	p->cap.max = (f == PF_CONTENT || f == PF_SUMMARY ||
	    f == PF_FEED_DESC ? p->max_content : p->max_field) + 8;
	e->ctx = CTX_FIELD;
}

/* Append to the capture. */
static void
cap_add(struct parser *p, const char *s, size_t len)
{
	if (strbuf_add(&p->cap, s, len) != 0)
		p->captrunc = 1;
}

/* Append text to the capture, escaped for HTML when esc. */
static void
cap_text(struct parser *p, const char *s, int esc)
{
	const char	*q;

	if (!esc) {
		cap_add(p, s, strlen(s));
		return;
	}
	for (q = s; *q != '\0'; q++) {
		if (*q == '<')
			cap_add(p, "&lt;", 4);
		else if (*q == '>')
			cap_add(p, "&gt;", 4);
		else if (*q == '&')
			cap_add(p, "&amp;", 5);
		else if (*q == '"')
			cap_add(p, "&quot;", 6);
		else {
			size_t n = strcspn(q, "<>&\"");

			cap_add(p, q, n);
			q += n - 1;
		}
	}
}

static int
is_void(const char *name)
{
	static const char *const voids[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr"
	};
	size_t	i;

	for (i = 0; i < sizeof voids / sizeof voids[0]; i++)
		if (util_strcasecmp(name, voids[i]) == 0)
			return 1;
	return 0;
}

/* Serialize an element opened inside a markup capture. */
static void
cap_open(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	const char	*an, *av;
	int		 i, n;

	if (p->capmode == CAP_TEXT)
		return;
	if (p->capmode == CAP_XHTML && p->capdiv < 0 &&
	    (int)(e - p->stack) == p->capdepth + 1 &&
	    strcmp(e->local, "div") == 0 && p->cap.len == 0) {
		p->capdiv = (int)(e - p->stack);
		return;
	}
	cap_add(p, "<", 1);
	cap_add(p, e->local, strlen(e->local));
	n = mxmlElementGetAttrCount(node);
	for (i = 0; i < n; i++) {
		av = mxmlElementGetAttrByIndex(node, i, &an);
		if (an == NULL || strncmp(an, "xmlns", 5) == 0)
			continue;
		cap_add(p, " ", 1);
		cap_add(p, an, strlen(an));
		cap_add(p, "=\"", 2);
		cap_text(p, av != NULL ? av : "", 1);
		cap_add(p, "\"", 1);
	}
	cap_add(p, is_void(e->local) ? " />" : ">", is_void(e->local) ? 3 : 1);
}

static void
cap_close(struct parser *p, struct parse_elem *e)
{
	if (p->capmode == CAP_TEXT || is_void(e->local))
		return;
	if ((int)(e - p->stack) == p->capdiv) {
		p->capdiv = -2;
		return;
	}
	cap_add(p, "</", 2);
	cap_add(p, e->local, strlen(e->local));
	cap_add(p, ">", 1);
}

/* Send the feed header once. */
static void
send_header(struct parser *p)
{
	if (p->headersent)
		return;
	p->headersent = 1;
	if (p->h->feed != NULL)
		p->h->feed(p->feed, p->h->arg);
}

void
parse_item_begin(struct parser *p)
{
	send_header(p);
	item_free(p->item);
	p->item = item_create();
	FREE(&p->linkguid);
	FREE(&p->descraw);
	FREE(&p->descbase);
	FREE(&p->contbase);
	p->linkrank = 0;
}

void
parse_link_unescape(char *s)
{
	char	*r, *w;

	if ((r = strstr(s, "&amp;")) == NULL)
		return;
	for (w = r; *r != '\0'; ) {
		if (strncmp(r, "&amp;", 5) == 0) {
			*w++ = '&';
			r += 5;
		} else
			*w++ = *r++;
	}
	*w = '\0';
}

void
parse_link(struct parser *p, struct parse_elem *e, const char *href,
    int rank)
{
	char	*u, *c;

	if (href == NULL)
		return;
	c = clean(p, href, strlen(href), NR_TEXT_ONELINE | NR_TEXT_TRIM,
	    p->max_field, "link");
	parse_link_unescape(c);
	if (*c == '\0') {
		free(c);
		return;
	}
	u = parse_resolve_url(parse_base(p, e), c);
	free(c);
	if (p->item != NULL) {
		if (rank > p->linkrank) {
			free(p->item->link);
			p->item->link = u;
			p->linkrank = rank;
			return;
		}
	} else if (rank > 0 && p->feed->link == NULL) {
		p->feed->link = u;
		return;
	} else if (rank < 0 && p->feed->self == NULL) {
		p->feed->self = u;
		return;
	}
	free(u);
}

void
parse_enclosure(struct parser *p, struct parse_elem *e, const char *url,
    const char *type, const char *length)
{
	char		*u, *c, *t = NULL, *end;
	long long	 len = -1;

	if (p->item == NULL || url == NULL || *url == '\0' ||
	    p->item->nenclosures >= 64)
		return;
	c = clean(p, url, strlen(url), NR_TEXT_ONELINE | NR_TEXT_TRIM,
	    p->max_field, "enclosure URL");
	u = parse_resolve_url(parse_base(p, e), c);
	free(c);
	if (type != NULL && *type != '\0')
		t = clean(p, type, strlen(type), NR_TEXT_ONELINE |
		    NR_TEXT_TRIM, 256, "enclosure type");
	if (length != NULL) {
		len = strtoll(length, &end, 10);
		if (end == length || len < 0)
			len = -1;
	}
	item_add_enclosure(p->item, u, t, len);
	free(u);
	free(t);
}

/* Set a date field from a capture. */
static void
set_date(struct parser *p, const char *s, enum parse_field f)
{
	int64_t	t;
	int	r;

	if (p->item == NULL)
		return;
	r = parse_date(s, &t);
	if (r == -2)
		p->fardates++;
	if (r != 0)
		return;
	if (f == PF_UPDATED) {
		if (p->item->updated == NR_TIME_NONE)
			p->item->updated = t;
	} else if (f == PF_PUBLISHED) {
		p->item->published = t;
	} else if (p->item->published == NR_TIME_NONE)
		p->item->published = t;
}

/* A copy of the xml:base in effect at the capture, or NULL. */
static char *
xml_base(struct parser *p)
{
	struct parse_elem	*s;

	for (s = p->stack + p->capdepth; s >= p->stack; s--)
		if (s->base != NULL)
			return xstrdup(s->base);
	return NULL;
}

/*
 * Resolve the relative links of the item's HTML content (issue 12):
 * against xml:base when the document sets one, else the item's link,
 * else the feed's URL or link.
 */
static void
resolve_content(struct parser *p, struct item *it)
{
	const char	*base = p->contbase;
	char		*u;

	if (it->content == NULL || p->contmode == CAP_TEXT)
		return;
	if (base == NULL && it->link != NULL &&
	    (util_strncasecmp(it->link, "http://", 7) == 0 ||
	    util_strncasecmp(it->link, "https://", 8) == 0))
		base = it->link;
	if (base == NULL)
		base = p->opts->url != NULL ? p->opts->url : p->feed->link;
	u = parse_resolve_html(base, it->content);
	if (u != NULL) {
		free(it->content);
		it->content = u;
	}
}

/* A capture is complete: store it. */
static void
field_done(struct parser *p)
{
	struct item	*it = p->item;
	const char	*s = strbuf_str(&p->cap);
	size_t		 len = p->cap.len;
	char		*c;

	switch (p->field) {
	case PF_NONE:
		break;
	case PF_TITLE:
		if (it != NULL)
			setfield(&it->title, oneline(p, s, len, p->capmode,
			    p->max_field, "title"), 1);
		break;
	case PF_FEED_TITLE:
		setfield(&p->feed->title, oneline(p, s, len, p->capmode,
		    p->max_field, "feed title"), 1);
		break;
	case PF_FEED_DESC:
		setfield(&p->feed->description, oneline(p, s, len,
		    p->capmode, p->max_field, "feed description"), 1);
		break;
	case PF_LINK:
	case PF_FEED_LINK:
		parse_link(p, p->stack + p->capdepth, s, 2);
		break;
	case PF_GUID:
		if (it == NULL)
			break;
		c = clean(p, s, len, NR_TEXT_ONELINE | NR_TEXT_TRIM,
		    p->max_field, "guid");
		if (*c == '\0') {
			free(c);
			break;
		}
		if (p->permalink && p->linkguid == NULL)
			p->linkguid = xstrdup(c);
		setfield(&it->guid, c, 1);
		break;
	case PF_PUBLISHED:
	case PF_UPDATED:
	case PF_DCDATE:
		c = text_clean(s, len, NR_TEXT_ONELINE | NR_TEXT_TRIM, 256);
		set_date(p, c, p->field);
		free(c);
		break;
	case PF_AUTHOR:
		if (it != NULL)
			setfield(&it->author, oneline(p, s, len, CAP_TEXT,
			    p->max_field, "author"), 1);
		break;
	case PF_FEED_AUTHOR:
		setfield(&p->feedauthor, oneline(p, s, len, CAP_TEXT,
		    p->max_field, "author"), 1);
		break;
	case PF_SUMMARY:
		if (it == NULL)
			break;
		setfield(&it->summary, oneline(p, s, len, p->capmode,
		    p->max_field, "summary"), 1);
		if (p->descraw == NULL) {
			p->descraw = clean(p, s, len, 0, p->max_content,
			    "description");
			p->descmode = p->capmode;
			p->descbase = xml_base(p);
		}
		break;
	case PF_CONTENT:
		if (it != NULL && it->content == NULL) {
			it->content = clean(p, s, len, 0, p->max_content,
			    "content");
			p->contmode = p->capmode;
			p->contbase = xml_base(p);
		}
		break;
	case PF_CATEGORY:
		if (it != NULL && it->ntags < 256) {
			c = text_clean(s, len, NR_TEXT_ONELINE | NR_TEXT_TRIM,
			    1024);
			item_add_tag(it, c);
			free(c);
		}
		break;
	}
	p->field = PF_NONE;
	strbuf_reset(&p->cap);
}

/* An item is complete: finish its fields and hand it on. */
static void
item_end(struct parser *p)
{
	struct item	*it = p->item;

	p->item = NULL;
	if (it->link == NULL && p->linkguid != NULL &&
	    (strncmp(p->linkguid, "http://", 7) == 0 ||
	    strncmp(p->linkguid, "https://", 8) == 0)) {
		it->link = xstrdup(p->linkguid);
		parse_link_unescape(it->link);
	}
	/* An Atom entry without a link: its id, when it is a web URL. */
	if (it->link == NULL && p->fmt == FMT_ATOM && it->guid != NULL &&
	    (util_strncasecmp(it->guid, "http://", 7) == 0 ||
	    util_strncasecmp(it->guid, "https://", 8) == 0)) {
		it->link = xstrdup(it->guid);
		parse_link_unescape(it->link);
	}
	if (it->content == NULL && p->descraw != NULL) {
		it->content = p->descraw;
		p->descraw = NULL;
		p->contmode = p->descmode;
		free(p->contbase);
		p->contbase = p->descbase;
		p->descbase = NULL;
	}
	resolve_content(p, it);
	if (it->summary == NULL && it->content != NULL)
		it->summary = oneline(p, it->content, strlen(it->content),
		    CAP_HTML, p->max_field, "summary");
	if (it->title == NULL)
		it->title = xstrdup("");
	if (it->author == NULL && p->feedauthor != NULL)
		it->author = xstrdup(p->feedauthor);
	if (it->published == NR_TIME_NONE && it->updated == NR_TIME_NONE) {
		it->published = p->opts->now;
		it->flags |= NR_ITEM_DATE_SEEN;
	}
	FREE(&p->linkguid);
	FREE(&p->descraw);
	FREE(&p->descbase);
	FREE(&p->contbase);
	if (p->nitems >= p->max_items) {
		p->dropped++;
		item_free(it);
		return;
	}
	p->nitems++;
	if (p->h->item != NULL)
		p->h->item(it, p->h->arg);
	else
		item_free(it);
}

/* Decide what the document is from its root element. */
static void
root_open(struct parser *p, struct parse_elem *e)
{
	p->rootseen = 1;
	if (util_strcasecmp(e->local, "rss") == 0 ||
	    (strcmp(e->local, "channel") == 0 && e->ns != NS_OTHER))
		p->fmt = FMT_RSS;
	else if (strcmp(e->local, "RDF") == 0 && (e->ns == NS_RDF ||
	    e->ns == NS_NONE))
		p->fmt = FMT_RDF;
	else if (strcmp(e->local, "feed") == 0 && (e->ns == NS_ATOM ||
	    e->ns == NS_NONE))
		p->fmt = FMT_ATOM;
	else if (strcmp(e->local, "entry") == 0 && (e->ns == NS_ATOM ||
	    e->ns == NS_NONE)) {
		/* A bare entry document: a feed of one entry. */
		p->fmt = FMT_ATOM;
		e->ctx = CTX_ITEM;
		parse_item_begin(p);
		return;
	}
	else if (util_strcasecmp(e->local, "html") == 0)
		p->notfeed = xstrdup("got an HTML page");
	else
		p->notfeed = xasprintf("root element <%.40s> is not RSS or "
		    "Atom", e->name);
	e->ctx = p->fmt != FMT_NONE ? CTX_ROOT : CTX_OTHER;
	if (p->fmt == FMT_RSS && strcmp(e->local, "channel") == 0)
		e->ctx = CTX_FEED;
	if (p->fmt == FMT_ATOM)
		e->ctx = CTX_FEED;
}

/* Push namespace bindings and xml:base declared on node. */
static void
declare(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	const char	*an, *av;
	int		 i, n;

	n = mxmlElementGetAttrCount(node);
	for (i = 0; i < n; i++) {
		av = mxmlElementGetAttrByIndex(node, i, &an);
		if (an == NULL || av == NULL)
			continue;
		if (strncmp(an, "xmlns", 5) == 0 &&
		    (an[5] == '\0' || an[5] == ':')) {
			if (p->nns >= 256)
				continue;
			if (p->nns == p->nscap) {
				p->nscap = p->nscap ? p->nscap * 2 : 16;
				p->ns = xreallocarray(p->ns, p->nscap,
				    sizeof *p->ns);
			}
			p->ns[p->nns].prefix = xstrdup(an[5] ? an + 6 : "");
			p->ns[p->nns].ns = ns_from_uri(av);
			p->nns++;
		} else if (strcmp(an, "xml:base") == 0 && *av != '\0') {
			e->base = parse_resolve_url(parse_base(p, e - 1 >=
			    p->stack ? e - 1 : e), av);
		}
	}
}

static void
elem_open(struct parser *p, mxml_node_t *node)
{
	struct parse_elem	*e, *parent;
	const char		*name = mxmlGetElement(node), *colon;

	if (p->depth >= PARSE_MAX_DEPTH + 8) {
		p->skipped++;
		return;
	}
	e = &p->stack[p->depth++];
	parent = p->depth > 1 ? e - 1 : NULL;
	memset(e, 0, sizeof *e);
	e->name = name;
	e->nsmark = p->nns;
	declare(p, e, node);
	colon = strchr(name, ':');
	e->local = colon != NULL ? colon + 1 : name;
	e->ns = ns_lookup(p, name, colon != NULL ? (size_t)(colon - name) : 0);
	e->ctx = CTX_OTHER;
	if (p->notfeed != NULL)
		return;
	if (parent == NULL) {
		root_open(p, e);
		return;
	}
	if (parent->ctx == CTX_FIELD || (p->field != PF_NONE &&
	    p->depth - 1 > p->capdepth)) {
		e->ctx = CTX_FIELD;
		cap_open(p, e, node);
		return;
	}
	if (parent->ctx == CTX_OTHER)
		return;
	if (e->ns == NS_ATOM || (p->fmt == FMT_ATOM && e->ns == NS_NONE))
		atom_open(p, e, node);
	else
		rss_open(p, e, node);
}

static void
elem_close(struct parser *p)
{
	struct parse_elem	*e;
	int			 d;

	if (p->skipped > 0) {
		p->skipped--;
		return;
	}
	if (p->depth == 0)
		return;
	d = p->depth - 1;
	e = &p->stack[d];
	if (p->field != PF_NONE) {
		if (d == p->capdepth)
			field_done(p);
		else if (d > p->capdepth)
			cap_close(p, e);
	} else if (e->ctx == CTX_ITEM && p->item != NULL)
		item_end(p);
	while (p->nns > e->nsmark)
		free(p->ns[--p->nns].prefix);
	free(e->base);
	e->base = NULL;
	p->depth--;
}

/* The SAX callback. */
static void
sax(mxml_node_t *node, mxml_sax_event_t ev, void *arg)
{
	struct parser	*p = arg;
	const char	*s;

	switch (ev) {
	case MXML_SAX_ELEMENT_OPEN:
		elem_open(p, node);
		break;
	case MXML_SAX_ELEMENT_CLOSE:
		elem_close(p);
		break;
	case MXML_SAX_DATA:
	case MXML_SAX_CDATA:
		if (p->field == PF_NONE || p->skipped > 0)
			break;
		s = ev == MXML_SAX_DATA ? mxmlGetOpaque(node) :
		    mxmlGetCDATA(node);
		if (s == NULL)
			break;
		cap_text(p, s, p->capmode == CAP_XHTML ||
		    (p->capmode == CAP_HTML && p->depth - 1 > p->capdepth));
		break;
	default:
		break;
	}
}

/* Why a document that is not XML is not a feed, or NULL if it may be. */
static const char *
sniff(const char *s, size_t len)
{
	const char	*end = s + (len > 4096 ? 4096 : len), *p = s;
	size_t		 n;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end)
		return len == 0 || p == s + len ? "empty document" : NULL;
	if (*p == '{' || *p == '[')
		return "got JSON";
	n = (size_t)(end - p);
	if (n >= 14 && util_strncasecmp(p, "<!doctype html", 14) == 0)
		return "got an HTML page";
	if (n >= 5 && util_strncasecmp(p, "<html", 5) == 0)
		return "got an HTML page";
	if (*p != '<' && *p != '\0' && memchr(p, '<', n) == NULL)
		return "got plain text";
	return NULL;
}

/* Initialize a parser. */
static void
parser_init(struct parser *p, const struct parse_opts *opts,
    const struct parse_handler *h, struct feed *f)
{
	memset(p, 0, sizeof *p);
	p->opts = opts;
	p->h = h;
	p->feed = f;
	p->max_items = opts->max_items ? opts->max_items : NR_PARSE_MAX_ITEMS;
	p->max_content = opts->max_field ? opts->max_field :
	    NR_PARSE_MAX_CONTENT;
	p->max_field = opts->max_field ? opts->max_field : NR_PARSE_MAX_FIELD;
	strbuf_init(&p->cap, 0);
}

static void
parser_clear(struct parser *p)
{
	while (p->depth > 0) {
		p->depth--;
		free(p->stack[p->depth].base);
	}
	while (p->nns > 0)
		free(p->ns[--p->nns].prefix);
	free(p->ns);
	item_free(p->item);
	free(p->linkguid);
	free(p->descraw);
	free(p->descbase);
	free(p->contbase);
	free(p->feedauthor);
	free(p->notfeed);
	strbuf_clear(&p->cap);
}

/* The pump thread: copies the converted, repaired stream into a pipe. */
struct pump {
	FILE	*in;
	int	 fd;
};

/*
 * Copy in to the pipe until the end or until the reader goes away. The
 * conversion and repair (the FILE's read function) run here, beside
 * Mini-XML, which reads the pipe with its own buffered fd reader.
 */
static void *
pump_run(void *arg)
{
	struct pump	*pu = arg;
	sigset_t	 set;
	char		 buf[65536];
	size_t		 n, off;
	ssize_t		 w;

	/* A reader that stopped early gives EPIPE here, not a signal. */
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	while ((n = fread(buf, 1, sizeof buf, pu->in)) > 0) {
		for (off = 0; off < n; off += (size_t)w) {
			w = write(pu->fd, buf + off, n - off);
			if (w == -1 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w <= 0)
				goto out;
		}
	}
out:
	close(pu->fd);
	return NULL;
}

/*
 * Run Mini-XML over a string or a FILE with p as the SAX state. Returns
 * 0, or -1 with the message in mxml_errmsg.
 */
static int
run_mxml(struct parser *p, const char *s, FILE *fp)
{
	mxml_node_t	*top, *r;
	struct pump	 pu;
	pthread_t	 th;
	int		 fds[2];

	mxml_errmsg[0] = '\0';
	mxmlSetErrorCallback(on_mxml_error);
	top = mxmlNewElement(MXML_NO_PARENT, "newsreader");
	if (s != NULL)
		r = mxmlSAXLoadString(top, s, MXML_OPAQUE_CALLBACK, sax, p);
	else if (pipe(fds) == 0) {
#ifdef F_SETPIPE_SZ
		/* A bigger pipe means fewer switches between the threads. */
		(void)fcntl(fds[1], F_SETPIPE_SZ, 1024 * 1024);
#endif
		pu.in = fp;
		pu.fd = fds[1];
		if (pthread_create(&th, NULL, pump_run, &pu) != 0) {
			close(fds[0]);
			close(fds[1]);
			r = mxmlSAXLoadFile(top, fp, MXML_OPAQUE_CALLBACK,
			    sax, p);
		} else {
			r = mxmlSAXLoadFd(top, fds[0], MXML_OPAQUE_CALLBACK,
			    sax, p);
			close(fds[0]);
			pthread_join(th, NULL);
		}
	} else
		r = mxmlSAXLoadFile(top, fp, MXML_OPAQUE_CALLBACK, sax, p);
	mxmlDelete(top);
	return r == NULL ? -1 : 0;
}

/*
 * After a run: the error for what happened, or NR_OK. Errors quote the
 * document (its root element, Mini-XML's message): they are cleaned.
 */
static enum nr_err
finish(struct parser *p, int failed, const char *name, char *errbuf)
{
	enum nr_err	err;

	if (p->notfeed != NULL || (!p->rootseen && failed)) {
		if (p->notfeed != NULL)
			err = nr_seterr(errbuf, NR_ENOTFEED, "not a feed: %s",
			    p->notfeed);
		else
			err = nr_seterr(errbuf, NR_EPARSE,
			    "not well-formed XML: %s",
			    mxml_errmsg[0] ? mxml_errmsg : "unreadable");
		text_clean_msg(errbuf, NR_ERRBUF_SIZE);
		return err;
	}
	if (!p->rootseen)
		return nr_seterr(errbuf, NR_ENOTFEED,
		    "not a feed: no root element");
	if (failed)
		feed_warn(p->feed, "%s: parsing stopped: %s",
		    name != NULL ? name : "document", mxml_errmsg);
	if (p->item != NULL && p->fmt != FMT_NONE) {
		/* The document ended inside an item: keep it. */
		item_end(p);
	}
	send_header(p);
	if (p->dropped > 0)
		feed_warn(p->feed, "%zu items over the limit of %zu dropped",
		    p->dropped, p->max_items);
	if (p->fardates > 0)
		feed_warn(p->feed, "%zu dates outside the years 1000-9999 "
		    "(UTC) ignored", p->fardates);
	return NR_OK;
}

/* parse_buffer's handler: collect items into the feed. */
static void
collect_item(struct item *it, void *arg)
{
	feed_add_item(arg, it);
}

enum nr_err
parse_buffer(const char *buf, size_t len, const struct parse_opts *opts,
    struct feed **out, char *errbuf)
{
	struct parse_opts	 defopts;
	struct parse_handler	 h;
	struct parser		 p;
	struct prep		*pp;
	struct strbuf		 doc;
	struct feed		*f;
	const char		*why;
	enum nr_err		 err;
	int			 attempt, failed = 0;

	*out = NULL;
	if (opts == NULL) {
		memset(&defopts, 0, sizeof defopts);
		opts = &defopts;
	}
	if (json_sniff(buf, len)) {
		f = feed_create();
		memset(&h, 0, sizeof h);
		h.item = collect_item;
		h.arg = f;
		err = json_parse(buf, len, NULL, opts, &h, f, errbuf);
		if (err != NR_OK) {
			feed_free(f);
			return err;
		}
		*out = f;
		return NR_OK;
	}
	why = sniff(buf, len);
	if (why != NULL)
		return nr_seterr(errbuf, NR_ENOTFEED, "not a feed: %s", why);
	for (attempt = 0; attempt < 2; attempt++) {
		f = feed_create();
		memset(&h, 0, sizeof h);
		h.item = collect_item;
		h.arg = f;
		pp = prep_create(buf, len, opts->charset, attempt);
		strbuf_init(&doc, 0);
		prep_push(pp, buf, len, 1, &doc);
		parser_init(&p, opts, &h, f);
		failed = run_mxml(&p, strbuf_str(&doc), NULL) != 0;
		strbuf_clear(&doc);
		if (!failed || attempt == 1 || p.notfeed != NULL) {
			prep_report(pp, f);
			prep_free(pp);
			break;
		}
		prep_free(pp);
		parser_clear(&p);
		feed_free(f);
	}
	err = finish(&p, failed, opts->url, errbuf);
	parser_clear(&p);
	if (err != NR_OK) {
		feed_free(f);
		return err;
	}
	*out = f;
	return NR_OK;
}

enum nr_err
parse_stream(FILE *fp, const struct parse_opts *opts,
    const struct parse_handler *h, struct feed **out, char *errbuf)
{
	struct parse_opts	 defopts;
	struct parse_handler	 nullh;
	struct parser		 p;
	struct prep		*pp;
	struct feed		*f;
	FILE			*in;
	char			*head;
	const char		*why;
	size_t			 nhead;
	enum nr_err		 err;
	int			 failed;

	if (out != NULL)
		*out = NULL;
	if (opts == NULL) {
		memset(&defopts, 0, sizeof defopts);
		opts = &defopts;
	}
	if (h == NULL) {
		memset(&nullh, 0, sizeof nullh);
		h = &nullh;
	}
	head = xmalloc(HEAD_SIZE);
	nhead = fread(head, 1, HEAD_SIZE, fp);
	if (nhead == 0 && ferror(fp)) {
		free(head);
		return nr_seterr(errbuf, NR_EIO, "read error");
	}
	if (json_sniff(head, nhead)) {
		f = feed_create();
		err = json_parse(head, nhead, fp, opts, h, f, errbuf);
		free(head);
		if (err != NR_OK || out == NULL)
			feed_free(f);
		else
			*out = f;
		return err;
	}
	why = sniff(head, nhead);
	if (why != NULL) {
		free(head);
		return nr_seterr(errbuf, NR_ENOTFEED, "not a feed: %s", why);
	}
	in = prep_fopen(fp, head, nhead, opts->charset, 1, &pp);
	free(head);
	if (in == NULL)
		return nr_seterr(errbuf, NR_EIO, "cannot open a stream");
	f = feed_create();
	parser_init(&p, opts, h, f);
	failed = run_mxml(&p, NULL, in) != 0;
	if (ferror(fp)) {
		fclose(in);
		parser_clear(&p);
		feed_free(f);
		return nr_seterr(errbuf, NR_EIO, "read error");
	}
	prep_report(pp, f);
	fclose(in);
	err = finish(&p, failed, opts->url, errbuf);
	parser_clear(&p);
	if (err != NR_OK || out == NULL)
		feed_free(f);
	else
		*out = f;
	return err;
}
