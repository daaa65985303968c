/* Extract: the main article of a web page, readability-style (gumbo). */
#ifndef NEWSREADER_EXTRACT_H
#define NEWSREADER_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/error.h"

/* Limits for hostile pages. */
#define NR_EXTRACT_MAX_INPUT	(16UL << 20)	/* bytes of HTML */
#define NR_EXTRACT_MAX_DEPTH	400		/* nested elements */
#define NR_EXTRACT_MAX_TAGS	300000		/* tags parsed */
#define NR_EXTRACT_MAX_OUTPUT	(4UL << 20)	/* bytes of article HTML */
#define NR_EXTRACT_MAX_PARAS	20000		/* paragraphs kept */

/*
 * What extract_page found; every string is cleaned (text_clean) and
 * owned by the result. Times are Unix seconds, NR_TIME_NONE when the
 * page shows none.
 */
struct extract_result {
	char		*title;		/* one line; "" when none */
	char		*html;		/* the article: p, h1-h6, ul/ol/li,
					   blockquote, pre, br, a href */
	char		**paras;	/* its blocks as plain text, one line
					   each (pre keeps its line breaks) */
	size_t		 npara;
	int64_t		 published;
	int64_t		 updated;
};

/*
 * Find the article in len bytes of html (UTF-8; charset names the
 * encoding when the caller knows it from HTTP, else NULL and a
 * <meta charset> in the page decides). base_url (may be NULL) resolves
 * relative links; a <base href> in the page wins. Input beyond
 * NR_EXTRACT_MAX_INPUT, tags nested deeper than NR_EXTRACT_MAX_DEPTH or
 * past NR_EXTRACT_MAX_TAGS are not read. Returns NR_OK with *out filled
 * (free it with extract_result_free), NR_ENOTFOUND ("no article found")
 * when the page has no article, NR_ELIMIT for a page over the size cap.
 */
enum nr_err	 extract_page(const char *, size_t, const char *, const char *,
		    struct extract_result *, char *);
void		 extract_result_free(struct extract_result *);
/*
 * extract_page without the pass that cuts script, style and comment
 * bodies out first (the reference the fuzz target compares with).
 */
enum nr_err	 extract_page_unstripped(const char *, size_t, const char *,
		    const char *, struct extract_result *, char *);
/*
 * That pass (extract_strip.c): the page with the bodies of its scripts
 * (but JSON-LD), styles and comments cut out, their tags kept; NULL
 * when nothing was cut, else a copy the caller frees, *outlen bytes
 * and a NUL.
 */
char		*extract_strip(const char *, size_t, size_t *);
/* True when a Content-Type names an HTML page (or none is given). */
int		 extract_is_html_type(const char *);

/* Resolve a link against a base URL (NULL: none); NULL when unsafe
 * (javascript:, data:, file:, ...) or an in-page anchor. Caller frees.
 * (extract_url.c) */
char		*extract_url_resolve(const char *, const char *);

/* Parse an ISO 8601 / RFC 3339 time; NR_TIME_NONE when it is not one.
 * (extract_time.c) */
int64_t		 extract_parse_time(const char *);

#endif
