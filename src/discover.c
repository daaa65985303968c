/*
 * Feed discovery: fetch what the user gave; a feed is taken as it is,
 * a web page is searched for <link rel="alternate"> feeds, and a page
 * that names none gets the usual paths tried on its origin.
 */
#include "nr_config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/discover.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/fetch.h"
#include "newsreader/html.h"
#include "newsreader/parse.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

#define TITLE_MAX	256
#define URL_MAX		4096

static const char *const fallbacks[] = { NR_DISCOVER_FALLBACKS };

/* Whether url is http or https. */
static int
is_web(const char *url)
{
	return util_strncasecmp(url, "http://", 7) == 0 ||
	    util_strncasecmp(url, "https://", 8) == 0;
}

/* Whether url is file. */
static int
is_file(const char *url)
{
	return util_strncasecmp(url, "file://", 7) == 0;
}

/* A monotonic clock in seconds. */
static int64_t
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

/* The limits of one run: the caller's, and when it must end (or 0). */
struct limits {
	const struct fetch_opts	*opts;
	int64_t			 deadline;
};

/*
 * Fetch one URL; on success req holds the body. With a deadline, the
 * request's timeouts are cut to the time left, and none starts after.
 */
static enum nr_err
get(const char *url, const struct limits *lim, struct fetch_req *req,
    size_t *count, char *errbuf)
{
	struct fetch_opts	fo;
	int64_t			left;
	enum nr_err		err;

	fetch_req_init(req);
	req->url = url;
	if (lim->opts != NULL)
		fo = *lim->opts;
	else
		fetch_opts_init(&fo);
	if (lim->deadline != 0) {
		left = lim->deadline - now_s();
		if (left <= 0)
			return nr_seterr(errbuf, NR_EFETCH, "%.200s: not "
			    "tried, out of time", url);
		if (fo.timeout == 0 || fo.timeout > left)
			fo.timeout = (long)left;
		if (fo.connect_timeout == 0 || fo.connect_timeout > left)
			fo.connect_timeout = (long)left;
	}
	(*count)++;
	err = fetch_all(req, 1, &fo, NULL, NULL, errbuf);
	if (err != NR_OK)
		return err;
	if (req->err != NR_OK)
		return nr_seterr(errbuf, req->err, "%.200s: %s", url,
		    req->errbuf);
	if (req->body == NULL)
		return nr_seterr(errbuf, NR_EFETCH, "%.200s: empty response",
		    url);
	return NR_OK;
}

/*
 * Read a fetched body as a feed: NR_OK with *title (cleaned, caller
 * frees, may be NULL), or parse_buffer's error.
 */
static enum nr_err
as_feed(const char *url, struct fetch_req *req, char **title, char *errbuf)
{
	struct parse_opts	 po;
	struct feed		*f;
	char			*cs;
	enum nr_err		 err;

	*title = NULL;
	memset(&po, 0, sizeof po);
	po.url = req->effective_url != NULL ? req->effective_url : url;
	po.charset = cs = fetch_content_charset(req->content_type);
	po.max_items = 1;
	err = parse_buffer(req->body, req->len, &po, &f, errbuf);
	free(cs);
	if (err != NR_OK)
		return err;
	if (f->title != NULL) {
		*title = text_clean(f->title, strlen(f->title),
		    NR_TEXT_ONELINE | NR_TEXT_TRIM, TITLE_MAX);
		if (**title == '\0')
			FREE(title);
	}
	feed_free(f);
	return NR_OK;
}

/* Append a feed (strings copied; type and title may be NULL). */
static void
add(struct discover *d, const char *url, const char *type,
    const char *title)
{
	size_t	i;

	for (i = 0; i < d->nfeeds; i++)
		if (strcmp(d->feeds[i].url, url) == 0)
			return;
	d->feeds = xreallocarray(d->feeds, d->nfeeds + 1, sizeof *d->feeds);
	d->feeds[d->nfeeds].url = xstrdup(url);
	d->feeds[d->nfeeds].type = type != NULL ? xstrdup(type) : NULL;
	d->feeds[d->nfeeds].title = title != NULL ? xstrdup(title) : NULL;
	d->nfeeds++;
}

/* Whether a URL found in a page may be subscribed to. */
static int
url_ok(const char *page, const char *u)
{
	const char	*p;

	if (strlen(u) > URL_MAX)
		return 0;
	for (p = u; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"')
			return 0;
	/* A web page never makes us read a local file. */
	return is_web(u) || (is_file(u) && is_file(page));
}

/* The feed links of a page, resolved, into d. */
static void
page_links(const char *page, const char *body, size_t len,
    struct discover *d)
{
	struct html_feed_link	*v;
	char			*base, *b, *u;
	size_t			 n, i;

	n = html_feed_links(body, len, &v, &base);
	b = base != NULL ? parse_resolve_url(page, base) : xstrdup(page);
	for (i = 0; i < n; i++) {
		u = parse_resolve_url(b, v[i].href);
		if (u != NULL && url_ok(page, u))
			add(d, u, v[i].type, v[i].title);
		free(u);
	}
	free(b);
	free(base);
	html_feed_links_free(v, n);
}

/* scheme://authority of a web URL (caller frees), or NULL. */
static char *
origin_of(const char *url)
{
	const char	*p;

	if (!is_web(url))
		return NULL;
	p = strstr(url, "://") + 3;
	p += strcspn(p, "/?#");
	return xstrndup(url, (size_t)(p - url));
}

/* Try the fallback paths on the page's origin. */
static enum nr_err
try_fallbacks(const char *page, const struct limits *lim,
    struct discover *d, char *errbuf)
{
	struct fetch_req	 req;
	char			*origin, *u, *title, e[NR_ERRBUF_SIZE];
	size_t			 i;
	enum nr_err		 err = NR_ENOTFOUND;

	origin = origin_of(page);
	for (i = 0; origin != NULL &&
	    i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
		u = xasprintf("%s%s", origin, fallbacks[i]);
		if (get(u, lim, &req, &d->requests, e) == NR_OK &&
		    as_feed(u, &req, &title, e) == NR_OK) {
			add(d, u, NULL, title);
			d->checked = d->fallback = 1;
			free(title);
			err = NR_OK;
		}
		fetch_req_clear(&req);
		free(u);
		if (err == NR_OK)
			break;
	}
	free(origin);
	if (err != NR_OK)
		nr_seterr(errbuf, NR_ENOTFOUND, "%.200s: a web page that names "
		    "no feed (no <link rel=\"alternate\"> of a feed type%s)",
		    page, is_web(page) ? ", and none of /feed, /rss, "
		    "/atom.xml, /index.xml, /feed.xml is one" : "");
	return err;
}

enum nr_err
discover_run(const char *url, const struct fetch_opts *opts, int budget,
    struct discover *d, char *errbuf)
{
	struct fetch_req	 req;
	struct limits		 lim;
	const char		*page;
	char			*title, perr[NR_ERRBUF_SIZE];
	enum nr_err		 err;

	memset(d, 0, sizeof *d);
	lim.opts = opts;
	lim.deadline = budget > 0 ? now_s() + budget : 0;
	if (!is_web(url) && !is_file(url))
		return nr_seterr(errbuf, NR_EUSAGE, "%.200s: not an http, "
		    "https or file URL", url);
	err = get(url, &lim, &req, &d->requests, errbuf);
	if (err != NR_OK) {
		fetch_req_clear(&req);
		return err;
	}
	perr[0] = '\0';
	err = as_feed(url, &req, &title, perr);
	if (err == NR_OK) {
		add(d, url, NULL, title);
		d->checked = 1;
		free(title);
		fetch_req_clear(&req);
		return NR_OK;
	}
	page = req.effective_url != NULL ? req.effective_url : url;
	if (!html_looks_like_html(req.body, req.len) &&
	    (req.content_type == NULL ||
	    util_strncasecmp(req.content_type, "text/html", 9) != 0)) {
		err = nr_seterr(errbuf, NR_ENOTFEED, "%.200s: neither a feed "
		    "nor a web page (%s)", url, perr);
		fetch_req_clear(&req);
		return err;
	}
	page_links(page, req.body, req.len, d);
	err = d->nfeeds > 0 ? NR_OK : try_fallbacks(page, &lim, d, errbuf);
	fetch_req_clear(&req);
	return err;
}

enum nr_err
discover_check(const char *url, const struct fetch_opts *opts,
    char **title, char *errbuf)
{
	struct fetch_req	 req;
	struct limits		 lim;
	size_t			 n = 0;
	char			 perr[NR_ERRBUF_SIZE];
	enum nr_err		 err;

	*title = NULL;
	lim.opts = opts;
	lim.deadline = 0;
	err = get(url, &lim, &req, &n, errbuf);
	if (err == NR_OK) {
		perr[0] = '\0';
		err = as_feed(url, &req, title, perr);
		if (err != NR_OK)
			nr_seterr(errbuf, err, "%.200s: not a feed (%s)", url,
			    perr);
	}
	fetch_req_clear(&req);
	return err;
}

void
discover_clear(struct discover *d)
{
	size_t	i;

	for (i = 0; i < d->nfeeds; i++) {
		free(d->feeds[i].url);
		free(d->feeds[i].type);
		free(d->feeds[i].title);
	}
	free(d->feeds);
	memset(d, 0, sizeof *d);
}
