/*
 * Feed discovery: from the address a user gives (a feed, or a web page
 * that names its feeds) to the feeds to subscribe to.
 */
#ifndef NEWSREADER_DISCOVER_H
#define NEWSREADER_DISCOVER_H

#include <stddef.h>

#include "newsreader/error.h"

struct fetch_opts;

/* The paths tried on the page's origin when it names no feed, in order. */
#define NR_DISCOVER_FALLBACKS	"/feed", "/rss", "/atom.xml", \
				"/index.xml", "/feed.xml"

/* A feed found. */
struct discover_feed {
	char	*url;		/* absolute */
	char	*type;		/* the link's type, or NULL */
	char	*title;		/* cleaned to one line, or NULL */
};

/*
 * What discover_run found. checked: feeds[0] was fetched and read as a
 * feed (the URL itself, or a fallback path), and its title is the
 * feed's own; otherwise feeds are the page's links, not fetched yet.
 */
struct discover {
	struct discover_feed	*feeds;
	size_t			 nfeeds;
	int			 checked;
	int			 fallback;	/* found by a fallback path */
	size_t			 requests;	/* made in all */
};

/*
 * Fetch url (http, https or file; the caller has called
 * fetch_global_init, opts as for fetch_all, NULL for the defaults).
 * When the body is a feed (what parse_buffer reads), it is the one
 * feed found. When it is an HTML page, the feeds its <link
 * rel="alternate"> tags name (resolved against the page, <base href>
 * honoured; only http and https, and file from a file page; each URL
 * once) are the result; when it names none, NR_DISCOVER_FALLBACKS are
 * tried on its origin, stopping at the first that is a feed (at most
 * 1 + 5 requests). budget, when not 0, is the most seconds the run
 * takes: each request's timeouts are cut to the time left, and no
 * request starts after it. Errors (errbuf says which, naming the URL): the
 * fetch's (NR_EFETCH, NR_EHTTP, NR_ELIMIT), NR_EUSAGE for another
 * scheme, NR_ENOTFOUND for a page with no feed, NR_ENOTFEED for a body
 * that is neither. The caller clears *d (also after an error).
 */
enum nr_err	 discover_run(const char *, const struct fetch_opts *, int,
		    struct discover *, char *);
void		 discover_clear(struct discover *);

/*
 * Fetch url and read it as a feed: *title gets its own title, cleaned
 * (caller frees; NULL when it has none). Errors as for discover_run.
 */
enum nr_err	 discover_check(const char *, const struct fetch_opts *,
		    char **, char *);

#endif
