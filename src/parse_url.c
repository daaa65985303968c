/* URL resolution and HTML-to-text for the parser's fields. */
#include "nr_config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/parse.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "parse_int.h"

/* Length of the scheme of u ("http" in "http://"), or 0. */
static size_t
scheme_len(const char *u)
{
	size_t	i;

	if (!isalpha((unsigned char)u[0]))
		return 0;
	for (i = 1; isalnum((unsigned char)u[i]) || u[i] == '+' ||
	    u[i] == '-' || u[i] == '.'; i++)
		;
	return u[i] == ':' ? i : 0;
}

/* Remove dot segments from the path that starts at path (in place). */
static void
remove_dots(char *path)
{
	char	*in = path, *out = path, *q;

	while (*in != '\0' && *in != '?' && *in != '#') {
		if (strncmp(in, "/./", 3) == 0) {
			in += 2;
		} else if (strcmp(in, "/.") == 0 ||
		    strncmp(in, "/.?", 3) == 0 ||
		    strncmp(in, "/.#", 3) == 0) {
			in[1] = '/';
			in += 1;
			*out = '\0';
		} else if (strncmp(in, "/../", 4) == 0 ||
		    strcmp(in, "/..") == 0) {
			in += 3;
			if (*in != '/') {
				in--;
				*in = '/';
			}
			q = out;
			while (q > path && *--q != '/')
				;
			out = q;
		} else {
			do
				*out++ = *in++;
			while (*in != '\0' && *in != '/' && *in != '?' &&
			    *in != '#');
		}
	}
	memmove(out, in, strlen(in) + 1);
}

char *
parse_resolve_url(const char *base, const char *ref)
{
	struct strbuf	 sb;
	const char	*auth, *path, *end;
	size_t		 sl, plen;
	char		*u;

	if (ref == NULL)
		return NULL;
	while (isspace((unsigned char)*ref))
		ref++;
	if (base == NULL || *base == '\0' || scheme_len(ref) > 0)
		return xstrdup(ref);
	sl = scheme_len(base);
	if (sl == 0)
		return xstrdup(ref);
	strbuf_init(&sb, 0);
	if (ref[0] == '/' && ref[1] == '/') {
		strbuf_add(&sb, base, sl + 1);
		strbuf_adds(&sb, ref);
		return strbuf_detach(&sb, NULL);
	}
	auth = base + sl + 1;
	path = auth;
	if (auth[0] == '/' && auth[1] == '/') {
		path = auth + 2;
		while (*path != '\0' && *path != '/' && *path != '?' &&
		    *path != '#')
			path++;
	}
	end = path + strcspn(path, "?#");
	if (*ref == '\0') {
		strbuf_add(&sb, base, strcspn(base, "#"));
		return strbuf_detach(&sb, NULL);
	}
	if (*ref == '#') {
		strbuf_add(&sb, base, strcspn(base, "#"));
		strbuf_adds(&sb, ref);
		return strbuf_detach(&sb, NULL);
	}
	if (*ref == '?') {
		strbuf_add(&sb, base, (size_t)(end - base));
		strbuf_adds(&sb, ref);
		return strbuf_detach(&sb, NULL);
	}
	strbuf_add(&sb, base, (size_t)(path - base));
	plen = sb.len;
	if (*ref != '/') {
		const char *slash = NULL, *q;

		for (q = path; q < end; q++)
			if (*q == '/')
				slash = q;
		if (slash != NULL)
			strbuf_add(&sb, path, (size_t)(slash - path) + 1);
		else
			strbuf_addc(&sb, '/');
	}
	strbuf_adds(&sb, ref);
	u = strbuf_detach(&sb, NULL);
	if (u[plen] == '/')
		remove_dots(u + plen);
	return u;
}

/* Whether u is an http or https URL. */
static int
is_web(const char *u)
{
	return u != NULL && (util_strncasecmp(u, "http://", 7) == 0 ||
	    util_strncasecmp(u, "https://", 8) == 0);
}

/*
 * Add base to sb, escaped so that it can stand in a quoted attribute
 * value and adds no '/', '?' or '#' that resolution would misread.
 */
static void
add_base_escaped(struct strbuf *sb, const char *base)
{
	for (; *base != '\0'; base++) {
		switch (*base) {
		case '&':
			strbuf_adds(sb, "&amp;");
			break;
		case '"':
		case '\'':
		case '<':
		case '>':
		case ' ':
			strbuf_addf(sb, "%%%02X", (unsigned char)*base);
			break;
		default:
			strbuf_addc(sb, *base);
		}
	}
}

/* Whether the attribute value v (len bytes) needs resolving. */
static int
is_relative(const char *v, size_t len)
{
	size_t	i;

	if (len == 0 || v[0] == '#')
		return 0;
	for (i = 0; i < len && (isalnum((unsigned char)v[i]) ||
	    v[i] == '+' || v[i] == '-' || v[i] == '.'); i++)
		;
	/* A scheme ("https:", "mailto:") makes it absolute. */
	return !(i > 0 && i < len && v[i] == ':' &&
	    isalpha((unsigned char)v[0]));
}

/* Append the attribute value v (len bytes) resolved against ebase. */
static void
add_resolved(struct strbuf *sb, const char *ebase, const char *v,
    size_t len, char quote)
{
	char	*ref, *u;

	ref = xstrndup(v, len);
	u = parse_resolve_url(ebase, ref);
	if (quote == '\0')
		strbuf_addc(sb, '"');
	strbuf_adds(sb, u);
	if (quote == '\0')
		strbuf_addc(sb, '"');
	free(u);
	free(ref);
}

char *
parse_resolve_html(const char *base, const char *html)
{
	struct strbuf	 sb, eb;
	const char	*s = html, *q = html, *name, *v;
	size_t		 nlen, vlen;
	char		 quote;
	int		 changed = 0;

	if (html == NULL || !is_web(base))
		return NULL;
	strbuf_init(&eb, 0);
	add_base_escaped(&eb, base);
	strbuf_init(&sb, 0);
	/* s: copied up to here; q: scanned up to here. */
	while ((q = strchr(q, '<')) != NULL) {
		if (strncmp(q, "<!--", 4) == 0) {
			if ((q = strstr(q + 4, "-->")) == NULL)
				break;
			continue;
		}
		if (!isalpha((unsigned char)*++q))
			continue;
		while (isalnum((unsigned char)*q))
			q++;
		/* The attributes, up to the end of the tag. */
		for (;;) {
			while (isspace((unsigned char)*q) || *q == '/')
				q++;
			if (*q == '\0' || *q == '>')
				break;
			name = q;
			while (*q != '\0' && *q != '=' && *q != '>' &&
			    *q != '/' && !isspace((unsigned char)*q))
				q++;
			nlen = (size_t)(q - name);
			while (isspace((unsigned char)*q))
				q++;
			if (*q != '=')
				continue;
			q++;
			while (isspace((unsigned char)*q))
				q++;
			quote = *q == '"' || *q == '\'' ? *q : '\0';
			v = quote != '\0' ? q + 1 : q;
			vlen = strcspn(v, quote == '"' ? "\"" : quote ==
			    '\'' ? "'" : " \t\r\n>");
			if (quote != '\0' && v[vlen] == '\0')
				break;
			if (((nlen == 4 &&
			    util_strncasecmp(name, "href", 4) == 0) ||
			    (nlen == 3 &&
			    util_strncasecmp(name, "src", 3) == 0)) &&
			    is_relative(v, vlen)) {
				strbuf_add(&sb, s, (size_t)(v - s));
				add_resolved(&sb, strbuf_str(&eb), v, vlen,
				    quote);
				s = v + vlen;
				changed = 1;
			}
			q = v + vlen + (quote != '\0');
		}
		if (*q == '\0')
			break;
	}
	strbuf_clear(&eb);
	if (!changed) {
		strbuf_clear(&sb);
		return NULL;
	}
	strbuf_adds(&sb, s);
	return strbuf_detach(&sb, NULL);
}

char *
parse_strip_html(const char *s, size_t len)
{
	struct strbuf	 sb;
	const char	*end = s + len, *q, *semi;
	char		 buf[8];
	long		 cp;
	int		 v;

	strbuf_init(&sb, 0);
	strbuf_add(&sb, "", 0);
	while (s < end) {
		if (*s == '<' && s + 1 < end && (isalpha((unsigned char)s[1]) ||
		    s[1] == '/' || s[1] == '!' || s[1] == '?')) {
			q = memchr(s, '>', (size_t)(end - s));
			if (q == NULL)
				break;
			strbuf_addc(&sb, ' ');
			s = q + 1;
			continue;
		}
		if (*s == '&') {
			semi = memchr(s, ';', (size_t)(end - s) < 12 ?
			    (size_t)(end - s) : 12);
			v = -1;
			if (semi != NULL && s[1] == '#') {
				cp = (s[2] == 'x' || s[2] == 'X') ?
				    strtol(s + 3, NULL, 16) :
				    strtol(s + 2, NULL, 10);
				v = cp > 0 && cp <= 0x10ffff ? (int)cp : -1;
			} else if (semi != NULL)
				v = prep_entity(s + 1, (size_t)(semi - s - 1));
			if (v > 0) {
				strbuf_add(&sb, buf, text_utf8_encode(v, buf));
				s = semi + 1;
				continue;
			}
		}
		q = s + 1;
		while (q < end && *q != '<' && *q != '&')
			q++;
		strbuf_add(&sb, s, (size_t)(q - s));
		s = q;
	}
	return strbuf_detach(&sb, NULL);
}
