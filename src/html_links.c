/*
 * html: the feeds a web page names in its <link rel="alternate"> tags,
 * and its <base href>, for feed discovery.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/html.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "html_int.h"

#define TITLE_MAX	256

/* The feed types, lowercase. */
static const char *const feed_types[] = {
	"application/rss+xml",
	"application/atom+xml",
	"application/rdf+xml",
	"application/feed+json",
};

/* Whether the space-separated list v has the token w (any case). */
static int
has_token(const char *v, const char *w)
{
	size_t	 n, wl = strlen(w);

	while (*v != '\0') {
		while (*v == ' ')
			v++;
		n = strcspn(v, " ");
		if (n == wl && html_has_prefix(v, n, w))
			return 1;
		v += n;
	}
	return 0;
}

/* The feed type of a type attribute (static), or NULL. */
static const char *
feed_type(const char *v)
{
	size_t	 n, i;

	while (*v == ' ')
		v++;
	n = strcspn(v, "; ");
	for (i = 0; i < sizeof feed_types / sizeof feed_types[0]; i++)
		if (n == strlen(feed_types[i]) &&
		    html_has_prefix(v, n, feed_types[i]))
			return feed_types[i];
	return NULL;
}

/* Look at one tag: a feed link is appended, a first base kept. */
static void
links_tag(const struct html_tag *t, struct html_feed_link **v, size_t *n,
    char **base)
{
	struct strbuf	 sb;
	const char	*type;
	char		*href;

	if (t->end || !t->href.set)
		return;
	strbuf_init(&sb, 0);
	if (strcmp(t->name, "base") == 0) {
		html_attr_decode(&sb, &t->href, 1);
		if (*base == NULL && sb.len > 0 &&
		    memchr(sb.buf, '\0', sb.len) == NULL)
			*base = strbuf_detach(&sb, NULL);
		strbuf_clear(&sb);
		return;
	}
	if (strcmp(t->name, "link") != 0 || !t->rel.set || !t->type.set ||
	    *n >= NR_HTML_FEED_LINKS_MAX)
		return;
	html_attr_decode(&sb, &t->rel, 0);
	if (!has_token(strbuf_str(&sb), "alternate")) {
		strbuf_clear(&sb);
		return;
	}
	html_attr_decode(&sb, &t->type, 0);
	type = feed_type(strbuf_str(&sb));
	html_attr_decode(&sb, &t->href, 1);
	/* A NUL would cut the address short: no such link. */
	if (type == NULL || sb.len == 0 || memchr(sb.buf, '\0', sb.len) !=
	    NULL) {
		strbuf_clear(&sb);
		return;
	}
	href = strbuf_detach(&sb, NULL);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].href = href;
	(*v)[*n].type = xstrdup(type);
	(*v)[*n].title = NULL;
	if (t->title.set) {
		strbuf_init(&sb, 0);
		html_attr_decode(&sb, &t->title, 0);
		(*v)[*n].title = text_clean(strbuf_str(&sb), sb.len,
		    NR_TEXT_ONELINE | NR_TEXT_TRIM, TITLE_MAX);
		strbuf_clear(&sb);
		if (*(*v)[*n].title == '\0')
			FREE(&(*v)[*n].title);
	}
	(*n)++;
}

size_t
html_feed_links(const char *s, size_t len, struct html_feed_link **out,
    char **base)
{
	struct html_tag	 t;
	const char	*p, *q;
	size_t		 pos = 0, n = 0, left;

	*out = NULL;
	*base = NULL;
	while (pos < len) {
		p = memchr(s + pos, '<', len - pos);
		if (p == NULL)
			break;
		pos = p - s;
		left = len - pos;
		if (left >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = html_find3(p + 4, left - 4, "-->");
			pos = q == NULL ? len : (size_t)(q - s) + 3;
			continue;
		}
		if (left >= 2 && (HTML_IS_ALPHA(p[1]) || (p[1] == '/' &&
		    left >= 3 && HTML_IS_ALPHA(p[2])))) {
			if (!html_tag_read(s, len, &pos, &t))
				break;
			if (t.id == T_SKIP && !t.end && !t.selfclose)
				pos = html_skip_raw(s, len, pos, t.name);
			else
				links_tag(&t, out, &n, base);
			continue;
		}
		if (left >= 2 && (p[1] == '!' || p[1] == '?')) {
			q = memchr(p, '>', left);
			pos = q == NULL ? len : (size_t)(q - s) + 1;
			continue;
		}
		pos++;
	}
	return n;
}

void
html_feed_links_free(struct html_feed_link *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].href);
		free(v[i].type);
		free(v[i].title);
	}
	free(v);
}
