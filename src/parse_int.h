/* Internal interfaces shared by the parse module's files (src/parse*.c). */
#ifndef NEWSREADER_PARSE_INT_H
#define NEWSREADER_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "newsreader/error.h"
#include "newsreader/util.h"

struct feed;
struct item;
struct parse_opts;
struct parse_handler;

/* Elements nested deeper than this are dropped by the prep filter. */
#define PARSE_MAX_DEPTH		128
/* Longest run of text (or CDATA) handed to Mini-XML; the rest is cut. */
#define PARSE_MAX_RUN		(2 * 1024 * 1024)
/* Longest tag (from < to >) handed to Mini-XML. */
#define PARSE_MAX_TAG		(64 * 1024)

/* ---- parse_prep.c: encoding conversion and the repair filter ---- */

struct prep;

/*
 * Create a converter for a document whose first bytes are head (used
 * only to detect the encoding). charset is the HTTP charset or NULL.
 * With repair set, the repair filter fixes what is not well-formed.
 * Returns NULL with errbuf set when the encoding cannot be handled.
 */
struct prep	*prep_create(const char *, size_t, const char *, int);
/* Convert len bytes of input (eof: no more input), appending to out. */
void		 prep_push(struct prep *, const char *, size_t, int,
		    struct strbuf *);
/* Add warnings for what was converted, cut or repaired to feed. */
void		 prep_report(const struct prep *, struct feed *);
/* Number of structural repairs made so far. */
size_t		 prep_repairs(const struct prep *);
/* The encoding the document was read in (borrowed). */
const char	*prep_encoding(const struct prep *);
void		 prep_free(struct prep *);
/*
 * A FILE that reads fp through a prep (fopencookie); fclose() it to free
 * the prep (fp itself is left open). *pp borrows the prep for reports.
 */
FILE		*prep_fopen(FILE *, const char *, size_t, const char *, int,
		    struct prep **);

/* Look up an HTML named entity; returns its code point or -1. */
int		 prep_entity(const char *, size_t);

/* ---- parse.c: the SAX driver ---- */

/* Namespaces the parser knows, by URI. */
enum parse_ns {
	NS_NONE,	/* no namespace (RSS 0.9x/2.0) */
	NS_OTHER,	/* a namespace the parser ignores */
	NS_ATOM,	/* Atom 1.0 and 0.3 */
	NS_RSS1,	/* RSS 1.0 and 0.90 */
	NS_RDF,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_XHTML
};

/* What the feed is. */
enum parse_fmt {
	FMT_NONE,
	FMT_RSS,
	FMT_RDF,
	FMT_ATOM
};

/* What an open element is to the parser. */
enum parse_ctx {
	CTX_OTHER,	/* ignored, and so are its children */
	CTX_ROOT,
	CTX_FEED,	/* RSS channel or Atom feed */
	CTX_ITEM,	/* RSS item or Atom entry */
	CTX_AUTHOR,	/* Atom author in an entry */
	CTX_FEEDAUTHOR,	/* Atom author in the feed */
	CTX_FIELD	/* a field being captured */
};

/* Which field a capture fills. */
enum parse_field {
	PF_NONE,
	PF_TITLE,
	PF_LINK,
	PF_GUID,
	PF_PUBLISHED,
	PF_UPDATED,
	PF_DCDATE,	/* published unless there is one */
	PF_AUTHOR,
	PF_SUMMARY,	/* RSS description, Atom summary */
	PF_CONTENT,
	PF_CATEGORY,
	PF_FEED_TITLE,
	PF_FEED_LINK,
	PF_FEED_DESC,
	PF_FEED_AUTHOR
};

/* How a capture treats nested elements and text. */
enum parse_cap {
	CAP_TEXT,	/* text only; nested elements add their text */
	CAP_HTML,	/* the text is HTML; nested elements are serialized */
	CAP_XHTML	/* inline XHTML: serialized, wrapper div dropped */
};

struct parse_elem {
	const char	*name;	/* borrowed from the mxml node */
	const char	*local;		/* name without its prefix */
	enum parse_ns	 ns;
	enum parse_ctx	 ctx;
	size_t		 nsmark;	/* bindings before this element */
	char		*base;		/* xml:base here, or NULL */
};

struct parse_nsbind {
	char		*prefix;	/* "" for the default namespace */
	enum parse_ns	 ns;
};

struct parser {
	const struct parse_opts		*opts;
	const struct parse_handler	*h;
	struct feed			*feed;
	size_t				 max_items;
	size_t				 max_content;
	size_t				 max_field;

	enum parse_fmt			 fmt;
	int				 rootseen;
	char			*notfeed;	/* why it is not a feed */
	int				 headersent;

	struct parse_elem		 stack[PARSE_MAX_DEPTH + 8];
	int				 depth;
	int			 skipped;	/* opened past the stack */
	struct parse_nsbind		*ns;
	size_t				 nns;
	size_t				 nscap;

	struct item			*item;
	size_t				 nitems;
	size_t				 dropped;
	size_t				 fardates; /* outside the range */
	char			*linkguid;	/* permalink guid */
	int		 linkrank;	/* how good item->link is */
	char			*descraw;	/* description, raw HTML */
	enum parse_cap			 descmode;
	char			*descbase;	/* xml:base at it, or NULL */
	char			*contbase;	/* ... at the content */
	enum parse_cap			 contmode;
	char				*feedauthor;

	/* The capture in progress. */
	enum parse_field		 field;
	enum parse_cap			 capmode;
	int				 capdepth;
	int			 capdiv;	/* depth of a dropped div */
	int			 permalink;	/* guid isPermaLink */
	struct strbuf			 cap;
	int				 captrunc;
};

/* Open element e (its node borrowed) in an RSS/RDF or Atom document. */
struct _mxml_node_s;
void		 rss_open(struct parser *, struct parse_elem *,
		    struct _mxml_node_s *);
void		 atom_open(struct parser *, struct parse_elem *,
		    struct _mxml_node_s *);
/* Helpers for the two. */
const char	*parse_attr(struct _mxml_node_s *, const char *);
void		 parse_capture(struct parser *, struct parse_elem *,
		    enum parse_field, enum parse_cap);
void		 parse_item_begin(struct parser *);
void	 parse_link(struct parser *, struct parse_elem *, const char *,
		    int);
void		 parse_enclosure(struct parser *, struct parse_elem *,
		    const char *, const char *, const char *);
/* The base URL in effect at e (borrowed, may be NULL). */
const char	*parse_base(struct parser *, struct parse_elem *);

/* ---- parse_json.c: JSON Feed ---- */

/* True when the first byte after a BOM and white space is '{' or '['. */
int		 json_sniff(const char *, size_t);
/*
 * Read a JSON Feed from the nhead bytes at head, then from fp (may be
 * NULL), into f (its header and warnings) and h (its items), as
 * parse_stream() does. Returns NR_OK, NR_ENOTFEED for JSON that is not a
 * JSON Feed, NR_EPARSE for a document that is not JSON or is nested too
 * deep, NR_EIO; errbuf says why.
 */
enum nr_err	 json_parse(const char *, size_t, FILE *,
		    const struct parse_opts *, const struct parse_handler *,
		    struct feed *, char *);

/* ---- parse.c: shared helpers ---- */

/* parse_resolve_url is public: newsreader/parse.h. */
/*
 * The HTML html with each relative href and src resolved against base
 * (an http or https URL), as a string the caller frees; NULL when
 * nothing changed or base is not a web URL.
 */
char		*parse_resolve_html(const char *, const char *);
/*
 * Clean len bytes of s with text_clean(flags) (flags 0 keeps plain ASCII
 * as it is) and cut the result at max bytes on a UTF-8 boundary. When it
 * was cut, or cut is set (the input was already cut), the item it (may be
 * NULL) is flagged NR_ITEM_TRUNCATED and f warns about what. The caller
 * frees the result.
 */
char		*parse_clean(struct feed *, struct item *, const char *,
		    size_t, int, size_t, int, const char *);
/*
 * Decode "&amp;" to "&" in a link, in place: a link that still holds it
 * after parsing was escaped twice (feedparser does the same).
 */
void		 parse_link_unescape(char *);
/* Strip HTML tags and decode entities into one line of text. */
char		*parse_strip_html(const char *, size_t);

#endif
