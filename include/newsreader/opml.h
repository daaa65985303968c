/* OPML 1.0/2.0: import a subscription list, export the feeds file. */
#ifndef NEWSREADER_OPML_H
#define NEWSREADER_OPML_H

#include <stddef.h>

#include "newsreader/error.h"

struct feedlist;

/* The most outlines opml_import returns. */
#define NR_OPML_MAX_OUTLINES	10000

/* One feed from an OPML file. */
struct opml_outline {
	char		*url;		/* xmlUrl, http(s) or file */
	char		*title;		/* title or text, or NULL */
	char		**tags;		/* folders and category */
	size_t		 ntags;
};

/*
 * Read the feeds of an OPML document (len bytes of buf, UTF-8). Outlines
 * with an xmlUrl are feeds; the titles of the outlines that enclose them
 * become their tags, as do the parts of a category attribute. Strings
 * are cleaned to one line; a title equal to the URL is no title. *out
 * is an array of *nout outlines the caller frees with
 * opml_outlines_free. Returns NR_OK, NR_EPARSE (not well-
 * formed XML) or NR_ENOTFEED (no <opml> element); on error *out is NULL.
 */
enum nr_err	 opml_import(const char *, size_t, struct opml_outline **,
		    size_t *, char *);
void		 opml_outlines_free(struct opml_outline *, size_t);

/*
 * Write the feeds of a list as an OPML 2.0 document (caller frees; its
 * length in *lenp if lenp is not NULL). Built-in feeds are left out.
 * Each outline's title is the entry's display name ("~..."), else
 * titles[i] (the feed's own title; titles may be NULL, as may each),
 * else the URL, which opml_import reads back as no title. Tags go into
 * the category attribute as "/tag1,/tag2", so opml_import gives them
 * back.
 */
char		*opml_export(const struct feedlist *, char *const *, size_t *);

#endif
