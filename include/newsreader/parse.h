/*
 * The feed parser: RSS 0.9x/2.0, RDF/RSS 1.0, Atom 0.3/1.0 and JSON Feed
 * 1.0/1.1 to struct feed.
 */
#ifndef NEWSREADER_PARSE_H
#define NEWSREADER_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "newsreader/error.h"

struct feed;
struct item;

#define NR_PARSE_MAX_ITEMS	10000
#define NR_PARSE_MAX_CONTENT	(1024 * 1024) /* content, description */
#define NR_PARSE_MAX_FIELD	(64 * 1024)	/* every other field */

/* What the caller knows about the document; every member may be 0/NULL. */
struct parse_opts {
	const char	*url; /* base for relative links, named in errors */
	const char	*charset;	/* charset from HTTP Content-Type */
	size_t		 max_items;	/* 0: NR_PARSE_MAX_ITEMS */
	size_t		 max_field;	/* 0: the defaults above */
	int64_t	 now;	/* first-seen time for undated items */
};

/*
 * Callbacks for parse_stream(). feed is called once, when the feed header
 * (title, link, ...) is known: at the first item, or at the end of a
 * document without items; the feed is borrowed and has no items. item is
 * called for every item in document order and takes ownership of it
 * (item_free). Either may be NULL (items are then freed).
 */
struct parse_handler {
	void	(*feed)(const struct feed *, void *);
	void	(*item)(struct item *, void *);
	void	*arg;
};

/*
 * Parse a whole document of len bytes held in memory (buf is borrowed and
 * need not be NUL-terminated). JSON (first byte '{' or '[') is read as
 * JSON Feed, whatever opts->charset says. XML is converted to UTF-8 first;
 * when it is not well-formed, the repair pass (docs/PARSING.md) runs and
 * the document is parsed again. On success *out is a feed the caller
 * frees with feed_free(); what was cut or repaired is in its warnings.
 * On failure *out is NULL and errbuf (may be NULL) says why:
 * NR_ENOTFEED for HTML, JSON that is not a JSON Feed, text or an empty
 * body, NR_EPARSE when no feed could be read (or JSON nested too deep).
 */
enum nr_err	 parse_buffer(const char *, size_t,
		    const struct parse_opts *, struct feed **, char *);

/*
 * Parse a document read from fp (borrowed, read to its end) with memory
 * bounded whatever its size: items go to h->item as they are read. The
 * repair pass runs on the fly from the start (it changes nothing in a
 * well-formed document). If out is not NULL, *out receives the feed
 * header and warnings (no items), which the caller frees with
 * feed_free(). Errors as for parse_buffer(); items delivered before an
 * error stay delivered.
 */
enum nr_err	 parse_stream(FILE *, const struct parse_opts *,
		    const struct parse_handler *, struct feed **, char *);

/*
 * Resolve the URL reference ref against base (RFC 3986; either may be
 * NULL): the caller frees. (For feed discovery too.)
 */
char		*parse_resolve_url(const char *, const char *);

/* The dates the parser accepts: years 1000 to 9999 in UTC. */
#define NR_PARSE_DATE_MIN	(-30610224000LL)  /* 1000-01-01T00:00:00Z */
#define NR_PARSE_DATE_MAX	253402300799LL	/* 9999-12-31T23:59:59Z */

/*
 * Parse a date: RFC 822/1123 (with the usual breakage: no weekday,
 * two-digit years, named and military zones, no seconds), RFC 3339 /
 * W3C-DTF (fractions, offsets, date only) and a few common variants.
 * Returns 0 and the Unix time (UTC) in *out; -1 when s is not a date;
 * -2 when it is one, but outside NR_PARSE_DATE_MIN..NR_PARSE_DATE_MAX
 * once converted to UTC (*out is left alone): the cache's files hold
 * four-digit years.
 */
int		 parse_date(const char *, int64_t *);
int		 parse_date_rfc822(const char *, int64_t *);
int		 parse_date_rfc3339(const char *, int64_t *);

#endif
