/*
 * JSON Feed 1.0 and 1.1 to struct feed (the only file that includes
 * <jansson.h>).
 *
 * The document is never decoded whole: a light scanner walks the top
 * object's bytes (skipping strings, counting nesting, refusing documents
 * nested deeper than PARSE_MAX_DEPTH), hands each feed-level value it
 * needs and then each element of "items" to jansson on its own, and
 * frees it before the next. Memory is one item and the read window,
 * whatever the size of the document. Items read before the "version"
 * member (JSON Feed asks for it first, but JSON writers may reorder) are
 * held until it is known, and dropped with an error if it is not
 * JSON Feed's.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "parse_int.h"

#define JSON_CHUNK	65536
/* Longest item (its JSON text) decoded; bigger ones are skipped. */
#define JSON_MAX_ITEM	(8 * 1024 * 1024)
/* Longest feed-level value decoded (title, author, ...). */
#define JSON_MAX_VALUE	(1024 * 1024)
#define JSON_MAX_KEY	256
#define JSON_VERSION	"https://jsonfeed.org/version/1"

/* The input: head first (all of it for a buffer), then fp if any. */
struct jsrc {
	const char	*head;
	size_t		 nhead;
	FILE		*fp;
	char		*rbuf;
	const char	*b;	/* the window */
	size_t		 n;
	size_t		 pos;
	int		 eof;
	int		 ioerr;
	int		 depth;	/* containers open around the value */
	int		 toodeep;
	unsigned long long off;	/* bytes before the window */
};

struct jparser {
	const struct parse_opts		*opts;
	const struct parse_handler	*h;
	struct feed			*feed;
	size_t				 max_items;
	size_t				 max_content;
	size_t				 max_field;

	int				 version;	/* 1: JSON Feed */
	int				 headersent;
	char				*feedauthor;
	struct item			**held;	/* before the version */
	size_t				 nheld;
	size_t				 nitems;
	size_t				 dropped;
	size_t				 skipped;	/* not objects, bad */
	size_t				 huge;		/* over JSON_MAX_ITEM */
	size_t				 badtypes;
	size_t				 fardates;
	size_t				 badutf8;
	struct strbuf			 val;	/* a value's text */
	struct strbuf			 key;	/* decoded strings */
	struct strbuf			 str;
};

/* ---- the scanner ---- */

/* Make bytes available in the window; 0 at the end of input. */
static int
src_fill(struct jsrc *s)
{
	size_t	r;

	while (s->pos >= s->n) {
		s->off += s->n;
		s->pos = s->n = 0;
		if (s->head != NULL) {
			s->b = s->head;
			s->n = s->nhead;
			s->head = NULL;
			continue;
		}
		if (s->fp == NULL || s->eof) {
			s->eof = 1;
			return 0;
		}
		r = fread(s->rbuf, 1, JSON_CHUNK, s->fp);
		if (r == 0) {
			if (ferror(s->fp))
				s->ioerr = 1;
			s->eof = 1;
			return 0;
		}
		s->b = s->rbuf;
		s->n = r;
	}
	return 1;
}

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip white space; the next byte (not consumed), or -1 at the end. */
static int
src_peek(struct jsrc *s)
{
	for (;;) {
		if (!src_fill(s))
			return -1;
		if (!is_ws((unsigned char)s->b[s->pos]))
			return (unsigned char)s->b[s->pos];
		s->pos++;
	}
}

/* Add what fits under max to cap; *over is set when something did not. */
static void
cap_add(struct strbuf *cap, size_t max, const char *p, size_t n, int *over)
{
	if (cap == NULL || *over)
		return;
	if (cap->len + n > max) {
		*over = 1;
		return;
	}
	strbuf_add(cap, p, n);
}

/*
 * Consume one value (the next byte is its first). With cap set, *vp and
 * *vlen receive its text: in the window itself when it did not move
 * while the value was read, else copied to cap; a value longer than max
 * sets *over instead. Returns 0, or -1 at the end of input or when
 * nesting goes deeper than PARSE_MAX_DEPTH (s->toodeep). The value's
 * syntax is the decoder's to check.
 */
static int
scan_value(struct jsrc *s, struct strbuf *cap, size_t max, int *over,
    const char **vp, size_t *vlen)
{
	const char	*start, *q, *end, *first0 = NULL;
	size_t		 total = 0;
	int		 depth = 0, instr = 0, esc = 0, scalar = 0, first = 1;
	int		 done = 0, inwin = 1, c;

	*over = 0;
	while (!done) {
		if (s->pos >= s->n && inwin && first0 != NULL) {
			/* The window moves: keep what was read so far. */
			inwin = 0;
			cap_add(cap, max, first0, total, over);
		}
		if (!src_fill(s)) {
			if (!(scalar && depth == 0))
				return -1;
			break;
		}
		start = s->b + s->pos;
		if (first0 == NULL)
			first0 = start;
		end = s->b + s->n;
		for (q = start; q < end && !done; q++) {
			c = (unsigned char)*q;
			if (instr) {
				if (esc)
					esc = 0;
				else if (c == '\\')
					esc = 1;
				else if (c == '"') {
					instr = 0;
					done = depth == 0;
				} else {
					/* Most bytes: a run of plain ones. */
					while (q + 1 < end && q[1] != '"' &&
					    q[1] != '\\')
						q++;
				}
				continue;
			}
			if (scalar) {
				/* The delimiter is not the value's. */
				if (is_ws(c) || c == ',' || c == '}' ||
				    c == ']' || c == ':') {
					done = 1;
					break;
				}
				continue;
			}
			switch (c) {
			case '"':
				instr = 1;
				break;
			case '{':
			case '[':
				depth++;
				if (s->depth + depth > PARSE_MAX_DEPTH) {
					s->toodeep = 1;
					return -1;
				}
				break;
			case '}':
			case ']':
				depth--;
				done = depth <= 0;
				break;
			default:
				if (first && !is_ws(c))
					scalar = 1;
				break;
			}
			first = 0;
		}
		total += (size_t)(q - start);
		if (!inwin)
			cap_add(cap, max, start, (size_t)(q - start), over);
		s->pos += (size_t)(q - start);
	}
	if (cap == NULL)
		return 0;
	if (inwin) {
		if (total > max)
			*over = 1;
		*vp = first0;
	} else
		*vp = cap->buf;
	*vlen = total;
	return 0;
}

/* ---- fields ---- */

/* A copy of len bytes of s with invalid UTF-8 replaced by U+FFFD. */
static char *
utf8_repair(const char *s, size_t len, size_t *outlen, size_t *nbad)
{
	struct strbuf	 sb;
	size_t		 i = 0, n;
	int		 cp;

	strbuf_init(&sb, 0);
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			strbuf_addc(&sb, s[i++]);
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &cp);
		if (cp < 0 || n == 0) {
			strbuf_add(&sb, "\xef\xbf\xbd", 3);
			(*nbad)++;
			i += n > 0 ? n : 1;
			continue;
		}
		strbuf_add(&sb, s + i, n);
		i += n;
	}
	*outlen = sb.len;
	if (sb.buf == NULL)
		return xstrdup("");
	return sb.buf;
}

/*
 * Decode len bytes of JSON text; invalid UTF-8 is repaired once. Returns
 * the value or NULL with jansson's message in err.
 */
static json_t *
decode(struct jparser *jp, const char *s, size_t len, json_error_t *err)
{
	json_t	*v;
	char	*fix;
	size_t	 flen;

	v = json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, err);
	if (v != NULL || json_error_code(err) != json_error_invalid_utf8)
		return v;
	fix = utf8_repair(s, len, &flen, &jp->badutf8);
	v = json_loadb(fix, flen, JSON_DECODE_ANY | JSON_ALLOW_NUL, err);
	free(fix);
	return v;
}

/* The value of 4 hex digits at s (n bytes available), or -1. */
static int
hex4(const char *s, size_t n)
{
	int	v = 0, i, c;

	if (n < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		v = v * 16 + c;
	}
	return v;
}

/*
 * Decode the JSON string whose opening quote is at p (n bytes available)
 * into out, which is reset first; invalid UTF-8 and lone surrogates
 * become U+FFFD (counted in *nbad). Returns the bytes used, or 0 when it
 * is not a well-formed string (jansson then says why).
 */
static size_t
str_decode(const char *p, size_t n, struct strbuf *out, size_t *nbad)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 i = 1, run, k;
	char			 enc[4];
	int			 cp, lo;

	strbuf_reset(out);
	if (n == 0 || p[0] != '"')
		return 0;
	for (;;) {
		run = i;
		while (i < n && u[i] != '"' && u[i] != '\\' && u[i] >= 0x20 &&
		    u[i] < 0x80)
			i++;
		if (i > run)
			strbuf_add(out, p + run, i - run);
		if (i >= n || u[i] < 0x20)
			return 0;
		if (u[i] == '"')
			return i + 1;
		if (u[i] >= 0x80) {
			k = text_utf8_decode(p + i, n - i, &cp);
			if (cp < 0) {
				strbuf_add(out, "\xef\xbf\xbd", 3);
				(*nbad)++;
			} else
				strbuf_add(out, p + i, k);
			i += k > 0 ? k : 1;
			continue;
		}
		if (i + 1 >= n)
			return 0;
		switch (u[i + 1]) {
		case '"':
		case '\\':
		case '/':
			strbuf_addc(out, u[i + 1]);
			break;
		case 'b':
			strbuf_addc(out, '\b');
			break;
		case 'f':
			strbuf_addc(out, '\f');
			break;
		case 'n':
			strbuf_addc(out, '\n');
			break;
		case 'r':
			strbuf_addc(out, '\r');
			break;
		case 't':
			strbuf_addc(out, '\t');
			break;
		case 'u':
			if ((cp = hex4(p + i + 2, n - i - 2)) < 0)
				return 0;
			i += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && i + 8 <= n &&
			    p[i + 2] == '\\' && p[i + 3] == 'u' &&
			    (lo = hex4(p + i + 4, n - i - 4)) >= 0xdc00 &&
			    lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 6;
			} else if (cp >= 0xd800 && cp <= 0xdfff) {
				cp = 0xfffd;
				(*nbad)++;
			}
			strbuf_add(out, enc, text_utf8_encode(cp, enc));
			break;
		default:
			return 0;
		}
		i += 2;
	}
}

static size_t
skip_ws(const char *p, size_t n, size_t i)
{
	while (i < n && is_ws((unsigned char)p[i]))
		i++;
	return i;
}

/*
 * Decode an item: its members are walked here, strings decoded by
 * str_decode (most of the bytes: it is fast) and other values by
 * jansson. Anything odd, and the item goes to jansson whole, which
 * decides and says why.
 */
static json_t *
item_decode(struct jparser *jp, const char *p, size_t n, json_error_t *err)
{
	struct jsrc	 m;
	json_t		*o, *v;
	size_t		 i, used, nbad = 0;
	int		 over;

	i = skip_ws(p, n, 0);
	if (i >= n || p[i] != '{')
		return decode(jp, p, n, err);
	o = json_object();
	i = skip_ws(p, n, i + 1);
	if (i < n && p[i] == '}') {
		i++;
		goto end;
	}
	for (;;) {
		i = skip_ws(p, n, i);
		if ((used = str_decode(p + i, n - i, &jp->key, &nbad)) == 0)
			goto slow;
		i = skip_ws(p, n, i + used);
		if (i >= n || p[i] != ':')
			goto slow;
		i = skip_ws(p, n, i + 1);
		if (i < n && p[i] == '"') {
			if ((used = str_decode(p + i, n - i, &jp->str,
			    &nbad)) == 0)
				goto slow;
			v = json_stringn_nocheck(jp->str.len > 0 ?
			    jp->str.buf : "", jp->str.len);
		} else {
			memset(&m, 0, sizeof m);
			m.head = p + i;
			m.nhead = n - i;
			m.depth = 3;
			if (i >= n || scan_value(&m, NULL, 0, &over, NULL,
			    NULL) != 0)
				goto slow;
			used = (size_t)(m.off + m.pos);
			v = json_loadb(p + i, used, JSON_DECODE_ANY |
			    JSON_ALLOW_NUL, err);
			if (v == NULL)
				goto slow;
		}
		i += used;
		json_object_setn_new_nocheck(o, jp->key.len > 0 ?
		    jp->key.buf : "", jp->key.len, v);
		i = skip_ws(p, n, i);
		if (i < n && p[i] == ',') {
			i++;
			continue;
		}
		if (i < n && p[i] == '}') {
			i++;
			break;
		}
		goto slow;
	}
end:
	if (skip_ws(p, n, i) != n)
		goto slow;
	jp->badutf8 += nbad;
	return o;
slow:
	json_decref(o);
	return decode(jp, p, n, err);
}

/* The string member key of o, or NULL (counted when of the wrong type). */
static const char *
get_str(struct jparser *jp, json_t *o, const char *key, size_t *len)
{
	json_t	*v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		jp->badtypes++;
		return NULL;
	}
	*len = json_string_length(v);
	return json_string_value(v);
}

/* One line of text from member key, or NULL. */
static char *
get_line(struct jparser *jp, struct item *it, json_t *o, const char *key,
    const char *what)
{
	const char	*s;
	size_t		 len;
	char		*c;

	if ((s = get_str(jp, o, key, &len)) == NULL)
		return NULL;
	c = parse_clean(jp->feed, it, s, len, NR_TEXT_ONELINE | NR_TEXT_TRIM,
	    jp->max_field, 0, what);
	if (*c == '\0')
		FREE(&c);
	return c;
}

/* The base URL for relative references (borrowed, may be NULL). */
static const char *
base_url(struct jparser *jp)
{
	return jp->opts->url != NULL ? jp->opts->url : jp->feed->link;
}

/* An absolute URL from member key, or NULL. */
static char *
get_url(struct jparser *jp, struct item *it, json_t *o, const char *key,
    const char *what)
{
	char	*c, *u;

	if ((c = get_line(jp, it, o, key, what)) == NULL)
		return NULL;
	parse_link_unescape(c);
	u = parse_resolve_url(base_url(jp), c);
	free(c);
	return u;
}

/* Names of an author object, a 1.1 authors array or a bare string. */
static char *
get_authors(struct jparser *jp, struct item *it, json_t *o)
{
	json_t		*a, *e;
	struct strbuf	 sb;
	size_t		 i;
	char		*c, *r;

	strbuf_init(&sb, jp->max_field);
	a = json_object_get(o, "authors");
	if (a != NULL && !json_is_array(a)) {
		jp->badtypes++;
		a = NULL;
	}
	if (a == NULL || json_array_size(a) == 0)
		a = json_object_get(o, "author");
	if (json_is_array(a)) {
		json_array_foreach(a, i, e) {
			if (i >= 16)
				break;
			if (json_is_object(e))
				c = get_line(jp, it, e, "name", "author");
			else if (json_is_string(e))
				c = parse_clean(jp->feed, it,
				    json_string_value(e),
				    json_string_length(e), NR_TEXT_ONELINE |
				    NR_TEXT_TRIM, jp->max_field, 0, "author");
			else
				c = NULL;
			if (c != NULL && *c != '\0') {
				if (sb.len > 0)
					strbuf_adds(&sb, ", ");
				strbuf_adds(&sb, c);
			}
			free(c);
		}
	} else if (json_is_object(a)) {
		c = get_line(jp, it, a, "name", "author");
		if (c != NULL)
			strbuf_adds(&sb, c);
		free(c);
	} else if (json_is_string(a)) {
		c = get_line(jp, it, o, "author", "author");
		if (c != NULL)
			strbuf_adds(&sb, c);
		free(c);
	} else if (a != NULL && !json_is_null(a))
		jp->badtypes++;
	if (sb.len == 0) {
		strbuf_clear(&sb);
		return NULL;
	}
	r = xstrdup(sb.buf);
	strbuf_clear(&sb);
	return r;
}

/* A date member: 0 and *t, or -1. */
static int
get_date(struct jparser *jp, json_t *o, const char *key, int64_t *t)
{
	const char	*s;
	size_t		 len;
	char		*c;
	int		 r;

	if ((s = get_str(jp, o, key, &len)) == NULL)
		return -1;
	c = text_clean(s, len, NR_TEXT_ONELINE | NR_TEXT_TRIM, 256);
	r = parse_date(c, t);
	free(c);
	if (r == -2)
		jp->fardates++;
	return r == 0 ? 0 : -1;
}

/* Plain text as HTML: escaped, line breaks kept. */
static char *
text_to_html(const char *s)
{
	struct strbuf	 sb;
	char		*r;

	strbuf_init(&sb, 0);
	for (; *s != '\0'; s++) {
		if (*s == '<')
			strbuf_adds(&sb, "&lt;");
		else if (*s == '>')
			strbuf_adds(&sb, "&gt;");
		else if (*s == '&')
			strbuf_adds(&sb, "&amp;");
		else if (*s == '\n')
			strbuf_adds(&sb, "<br>\n");
		else
			strbuf_addc(&sb, *s);
	}
	r = xstrdup(sb.buf != NULL ? sb.buf : "");
	strbuf_clear(&sb);
	return r;
}

static void
item_content(struct jparser *jp, struct item *it, json_t *o)
{
	const char	*s, *base;
	size_t		 len;
	char		*c, *u;

	if ((s = get_str(jp, o, "content_html", &len)) != NULL && len > 0) {
		it->content = parse_clean(jp->feed, it, s, len, 0,
		    jp->max_content, 0, "content");
		base = it->link != NULL &&
		    (util_strncasecmp(it->link, "http://", 7) == 0 ||
		    util_strncasecmp(it->link, "https://", 8) == 0) ?
		    it->link : base_url(jp);
		if ((u = parse_resolve_html(base, it->content)) != NULL) {
			free(it->content);
			it->content = u;
		}
	} else if ((s = get_str(jp, o, "content_text", &len)) != NULL &&
	    len > 0) {
		c = parse_clean(jp->feed, it, s, len, 0, jp->max_content, 0,
		    "content");
		it->content = text_to_html(c);
		free(c);
	}
}

static void
item_tags(struct jparser *jp, struct item *it, json_t *o)
{
	json_t	*a, *e;
	size_t	 i;
	char	*c;

	if ((a = json_object_get(o, "tags")) == NULL || json_is_null(a))
		return;
	if (!json_is_array(a)) {
		jp->badtypes++;
		return;
	}
	json_array_foreach(a, i, e) {
		if (it->ntags >= 256)
			break;
		if (!json_is_string(e))
			continue;
		c = text_clean(json_string_value(e), json_string_length(e),
		    NR_TEXT_ONELINE | NR_TEXT_TRIM, 1024);
		item_add_tag(it, c);
		free(c);
	}
}

static void
item_attachments(struct jparser *jp, struct item *it, json_t *o)
{
	json_t		*a, *e, *sz;
	size_t		 i;
	char		*u, *t;
	long long	 len;

	if ((a = json_object_get(o, "attachments")) == NULL ||
	    json_is_null(a))
		return;
	if (!json_is_array(a)) {
		jp->badtypes++;
		return;
	}
	json_array_foreach(a, i, e) {
		if (it->nenclosures >= 64)
			break;
		if (!json_is_object(e))
			continue;
		if ((u = get_url(jp, it, e, "url", "enclosure URL")) == NULL)
			continue;
		t = get_line(jp, it, e, "mime_type", "enclosure type");
		if (t != NULL && strlen(t) > 256)
			t[256] = '\0';
		len = -1;
		sz = json_object_get(e, "size_in_bytes");
		if (json_is_integer(sz) && json_integer_value(sz) >= 0)
			len = json_integer_value(sz);
		else if (json_is_real(sz) && json_real_value(sz) >= 0 &&
		    json_real_value(sz) < 9e18)
			len = (long long)json_real_value(sz);
		item_add_enclosure(it, u, t, len);
		free(u);
		free(t);
	}
}

/* Send the feed header once. */
static void
send_header(struct jparser *jp)
{
	if (jp->headersent)
		return;
	jp->headersent = 1;
	if (jp->h->feed != NULL)
		jp->h->feed(jp->feed, jp->h->arg);
}

/* Hand an item on (or hold it until the version is known). */
static void
deliver(struct jparser *jp, struct item *it)
{
	if (it->author == NULL && jp->feedauthor != NULL)
		it->author = xstrdup(jp->feedauthor);
	if (jp->version == -1) {
		item_free(it);
		return;
	}
	if (jp->version == 0) {
		jp->held = xreallocarray(jp->held, jp->nheld + 1,
		    sizeof *jp->held);
		jp->held[jp->nheld++] = it;
		return;
	}
	send_header(jp);
	if (jp->h->item != NULL)
		jp->h->item(it, jp->h->arg);
	else
		item_free(it);
}

/* An element of "items", decoded. */
static void
item_read(struct jparser *jp, json_t *o)
{
	struct item	*it;
	json_t		*id;
	int64_t		 t;
	char		*c;

	if (!json_is_object(o)) {
		jp->skipped++;
		return;
	}
	if (jp->nitems >= jp->max_items) {
		jp->dropped++;
		return;
	}
	it = item_create();
	id = json_object_get(o, "id");
	if (json_is_integer(id))
		it->guid = xasprintf("%lld", (long long)json_integer_value(id));
	else
		it->guid = get_line(jp, it, o, "id", "id");
	it->link = get_url(jp, it, o, "url", "link");
	if (it->link == NULL)
		it->link = get_url(jp, it, o, "external_url", "link");
	if (it->link == NULL && it->guid != NULL &&
	    (util_strncasecmp(it->guid, "http://", 7) == 0 ||
	    util_strncasecmp(it->guid, "https://", 8) == 0))
		it->link = xstrdup(it->guid);
	it->title = get_line(jp, it, o, "title", "title");
	it->summary = get_line(jp, it, o, "summary", "summary");
	item_content(jp, it, o);
	if (get_date(jp, o, "date_published", &t) == 0)
		it->published = t;
	if (get_date(jp, o, "date_modified", &t) == 0)
		it->updated = t;
	it->author = get_authors(jp, it, o);
	item_tags(jp, it, o);
	item_attachments(jp, it, o);
	if (it->summary == NULL && it->content != NULL) {
		c = parse_strip_html(it->content, strlen(it->content));
		it->summary = parse_clean(jp->feed, it, c, strlen(c),
		    NR_TEXT_ONELINE | NR_TEXT_TRIM, jp->max_field, 0,
		    "summary");
		free(c);
		if (*it->summary == '\0')
			FREE(&it->summary);
	}
	if (it->title == NULL)
		it->title = xstrdup("");
	if (it->published == NR_TIME_NONE && it->updated == NR_TIME_NONE) {
		it->published = jp->opts->now;
		it->flags |= NR_ITEM_DATE_SEEN;
	}
	jp->nitems++;
	deliver(jp, it);
}

/* A feed-level member. */
static void
header_read(struct jparser *jp, const char *key, json_t *v)
{
	struct feed	*f = jp->feed;
	json_t		*o;
	char		*c;

	/* The field helpers read members of an object: wrap v in one. */
	o = json_object();
	json_object_set(o, key, v);
	if (strcmp(key, "version") == 0) {
		if (json_is_string(v) && (strncmp(json_string_value(v),
		    JSON_VERSION, strlen(JSON_VERSION)) == 0 ||
		    strncmp(json_string_value(v), "http://jsonfeed.org/"
		    "version/1", 29) == 0))
			jp->version = 1;
		else
			jp->version = -1;
	} else if (strcmp(key, "title") == 0) {
		if ((c = get_line(jp, NULL, o, key, "feed title")) != NULL) {
			free(f->title);
			f->title = c;
		}
	} else if (strcmp(key, "description") == 0) {
		if ((c = get_line(jp, NULL, o, key, "feed description")) !=
		    NULL) {
			free(f->description);
			f->description = c;
		}
	} else if (strcmp(key, "home_page_url") == 0) {
		if ((c = get_url(jp, NULL, o, key, "link")) != NULL) {
			free(f->link);
			f->link = c;
		}
	} else if (strcmp(key, "feed_url") == 0) {
		if ((c = get_url(jp, NULL, o, key, "link")) != NULL) {
			free(f->self);
			f->self = c;
		}
	} else if (strcmp(key, "author") == 0 || strcmp(key, "authors") == 0) {
		if (jp->feedauthor == NULL || strcmp(key, "authors") == 0) {
			c = get_authors(jp, NULL, o);
			if (c != NULL) {
				free(jp->feedauthor);
				jp->feedauthor = c;
			}
		}
	}
	json_decref(o);
}

static int
header_key(const char *key)
{
	static const char *const keys[] = {
		"version", "title", "description", "home_page_url",
		"feed_url", "author", "authors"
	};
	size_t	i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/* Walk the items array (the next byte is its '['). */
static int
items_walk(struct jparser *jp, struct jsrc *s, char *why, size_t whylen)
{
	json_error_t	 err;
	json_t		*v;
	const char	*vp = NULL;
	size_t		 vlen = 0;
	int		 c, over;

	s->pos++;
	s->depth = 2;
	for (;;) {
		c = src_peek(s);
		if (c == ']') {
			s->pos++;
			break;
		}
		if (c == -1)
			goto trunc;
		strbuf_reset(&jp->val);
		if (scan_value(s, &jp->val, JSON_MAX_ITEM, &over, &vp,
		    &vlen) != 0)
			goto trunc;
		if (over)
			jp->huge++;
		else if (jp->nitems >= jp->max_items && jp->version == 1)
			jp->dropped++;
		else if ((v = item_decode(jp, vp, vlen, &err)) == NULL) {
			jp->skipped++;
			if (jp->skipped == 1)
				feed_warn(jp->feed, "item %zu skipped: %s",
				    jp->nitems + jp->dropped + jp->huge +
				    jp->skipped, err.text);
		} else {
			item_read(jp, v);
			json_decref(v);
		}
		c = src_peek(s);
		if (c == ',') {
			s->pos++;
			continue;
		}
		if (c == ']') {
			s->pos++;
			break;
		}
		if (c == -1)
			goto trunc;
		snprintf(why, whylen, "expected ',' or ']' after an item at "
		    "byte %llu", s->off + s->pos);
		return -1;
	}
	s->depth = 1;
	return 0;
trunc:
	snprintf(why, whylen, s->toodeep ? "nested deeper than %d levels" :
	    "the document ends inside the items", PARSE_MAX_DEPTH);
	return -1;
}

/*
 * Walk the top object. Returns 0, or -1 with why set when the document
 * stopped making sense (what was read before stays read).
 */
static int
top_walk(struct jparser *jp, struct jsrc *s, int *sawitems, char *why,
    size_t whylen)
{
	struct strbuf	 key;
	json_error_t	 err;
	json_t		*v;
	const char	*vp = NULL;
	size_t		 vlen = 0, nbad = 0;
	char		*k;
	int		 c, over, first = 1, r = -1;

	strbuf_init(&key, 0);
	s->pos++;	/* the '{' */
	s->depth = 1;
	for (;;) {
		c = src_peek(s);
		if (c == '}') {
			s->pos++;
			r = 0;
			break;
		}
		if (!first) {
			if (c != ',') {
				snprintf(why, whylen, "expected ',' or '}' at "
				    "byte %llu", s->off + s->pos);
				break;
			}
			s->pos++;
			c = src_peek(s);
		}
		first = 0;
		if (c != '"') {
			snprintf(why, whylen, "expected a member name at "
			    "byte %llu", s->off + s->pos);
			break;
		}
		strbuf_reset(&key);
		if (scan_value(s, &key, JSON_MAX_KEY, &over, &vp, &vlen) != 0)
			goto trunc;
		k = NULL;
		if (!over && str_decode(vp, vlen, &jp->key, &nbad) == vlen &&
		    memchr(strbuf_str(&jp->key), '\0', jp->key.len) == NULL)
			k = xstrdup(strbuf_str(&jp->key));
		if (src_peek(s) != ':') {
			free(k);
			snprintf(why, whylen, "expected ':' at byte %llu",
			    s->off + s->pos);
			break;
		}
		s->pos++;
		c = src_peek(s);
		if (c == -1) {
			free(k);
			goto trunc;
		}
		if (k != NULL && strcmp(k, "items") == 0 && c == '[') {
			free(k);
			*sawitems = 1;
			if (items_walk(jp, s, why, whylen) != 0)
				break;
			continue;
		}
		if (k != NULL && strcmp(k, "items") == 0) {
			*sawitems = -1;
			jp->badtypes++;
		}
		if (k == NULL || !header_key(k)) {
			free(k);
			if (scan_value(s, NULL, 0, &over, NULL, NULL) != 0)
				goto trunc;
			continue;
		}
		strbuf_reset(&jp->val);
		if (scan_value(s, &jp->val, JSON_MAX_VALUE, &over, &vp,
		    &vlen) != 0) {
			free(k);
			goto trunc;
		}
		if (!over && (v = decode(jp, vp, vlen, &err)) != NULL) {
			header_read(jp, k, v);
			json_decref(v);
		} else if (over)
			feed_warn(jp->feed, "feed member \"%.40s\" over %d "
			    "bytes ignored", k, JSON_MAX_VALUE);
		else if (strcmp(k, "version") == 0)
			jp->version = -1;
		free(k);
	}
	strbuf_clear(&key);
	return r;
trunc:
	strbuf_clear(&key);
	snprintf(why, whylen, s->toodeep ? "nested deeper than %d levels" :
	    "the document ends too early", PARSE_MAX_DEPTH);
	return -1;
}

int
json_sniff(const char *s, size_t len)
{
	size_t	i = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && is_ws((unsigned char)s[i]))
		i++;
	return i < len && (s[i] == '{' || s[i] == '[');
}

enum nr_err
json_parse(const char *head, size_t nhead, FILE *fp,
    const struct parse_opts *opts, const struct parse_handler *h,
    struct feed *f, char *errbuf)
{
	struct jparser	 jp;
	struct jsrc	 s;
	enum nr_err	 err = NR_OK;
	char		 why[160];
	size_t		 i;
	int		 c, failed, sawitems = 0;

	memset(&s, 0, sizeof s);
	if (nhead >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0) {
		head += 3;
		nhead -= 3;
	}
	s.head = head;
	s.nhead = nhead;
	s.fp = fp;
	if (fp != NULL)
		s.rbuf = xmalloc(JSON_CHUNK);
	memset(&jp, 0, sizeof jp);
	jp.opts = opts;
	jp.h = h;
	jp.feed = f;
	jp.max_items = opts->max_items ? opts->max_items : NR_PARSE_MAX_ITEMS;
	jp.max_content = opts->max_field ? opts->max_field :
	    NR_PARSE_MAX_CONTENT;
	jp.max_field = opts->max_field ? opts->max_field : NR_PARSE_MAX_FIELD;
	strbuf_init(&jp.val, 0);
	strbuf_init(&jp.key, 0);
	strbuf_init(&jp.str, 0);
	why[0] = '\0';

	c = src_peek(&s);
	if (c != '{') {
		err = nr_seterr(errbuf, NR_ENOTFEED, "not a feed: got JSON "
		    "that is not a JSON Feed (not an object)");
		goto out;
	}
	failed = top_walk(&jp, &s, &sawitems, why, sizeof why) != 0;
	if (s.ioerr) {
		err = nr_seterr(errbuf, NR_EIO, "read error");
		goto out;
	}
	if (s.toodeep) {
		err = nr_seterr(errbuf, NR_EPARSE, "JSON nested deeper than "
		    "%d levels", PARSE_MAX_DEPTH);
		goto out;
	}
	if (jp.version != 1) {
		if (failed && jp.version == 0)
			err = nr_seterr(errbuf, NR_EPARSE, "not valid JSON: "
			    "%s", why);
		else
			err = nr_seterr(errbuf, NR_ENOTFEED, "not a feed: got "
			    "JSON that is not a JSON Feed (no \"version\" "
			    "%s...)", JSON_VERSION);
		text_clean_msg(errbuf, NR_ERRBUF_SIZE);
		goto out;
	}
	if (failed)
		feed_warn(f, "%s: parsing stopped: %s", opts->url != NULL ?
		    opts->url : "document", why);
	else if (src_peek(&s) != -1)
		feed_warn(f, "text after the end of the JSON document "
		    "ignored");
	/* Items read before the version. */
	for (i = 0; i < jp.nheld; i++) {
		send_header(&jp);
		if (jp.held[i]->author == NULL && jp.feedauthor != NULL)
			jp.held[i]->author = xstrdup(jp.feedauthor);
		if (h->item != NULL)
			h->item(jp.held[i], h->arg);
		else
			item_free(jp.held[i]);
		jp.held[i] = NULL;
	}
	send_header(&jp);
	if (sawitems == 0)
		feed_warn(f, "no \"items\" array");
	if (jp.badtypes > 0)
		feed_warn(f, "%zu members of the wrong type ignored",
		    jp.badtypes);
	if (jp.skipped > 0)
		feed_warn(f, "%zu items that are not valid objects skipped",
		    jp.skipped);
	if (jp.huge > 0)
		feed_warn(f, "%zu items over %d bytes skipped", jp.huge,
		    JSON_MAX_ITEM);
	if (jp.badutf8 > 0)
		feed_warn(f, "%zu invalid UTF-8 sequences replaced by U+FFFD",
		    jp.badutf8);
	if (jp.dropped > 0)
		feed_warn(f, "%zu items over the limit of %zu dropped",
		    jp.dropped, jp.max_items);
	if (jp.fardates > 0)
		feed_warn(f, "%zu dates outside the years 1000-9999 (UTC) "
		    "ignored", jp.fardates);
out:
	for (i = 0; i < jp.nheld; i++)
		item_free(jp.held[i]);
	free(jp.held);
	free(jp.feedauthor);
	strbuf_clear(&jp.val);
	strbuf_clear(&jp.key);
	strbuf_clear(&jp.str);
	free(s.rbuf);
	return err;
}
