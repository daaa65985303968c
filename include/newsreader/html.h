/*
 * html: an item's HTML or plain-text body as wrapped terminal lines.
 *
 * Conventions: paragraphs, headings, lists, quotes, pre and tables are
 * set off by one empty line (never two, none first or last); div-like
 * blocks and <br> break lines. h1 is underlined with '=', h2 with '-'.
 * List items start with a bullet (U+2022, U+25E6, U+25AA by depth) or
 * "N. " (start= and value= honoured); quotes are prefixed "> " a level.
 * pre keeps its lines (tabs to 8 columns) and is never wrapped. <img>
 * shows as "[image: alt]" ("[image]" without alt, nothing for alt="").
 * Table rows are one line each, cells joined by " | ". <hr> is a line
 * of U+2500. A link's text is followed by "[n]" and, after an empty
 * line, "[n] URL" lines list the links (the same URL keeps its number);
 * a URL html_link_is_safe() rejects is shown cut to 40 columns and
 * "(not opened)". Indentation never takes more than half the width.
 * script, style, title, svg, math, template, iframe, audio, video,
 * select, textarea, comments and doctypes are dropped.
 */
#ifndef NEWSREADER_HTML_H
#define NEWSREADER_HTML_H

#include <stddef.h>

#include "newsreader/error.h"

/* Flags for html_render() and html_render_text(). */
#define NR_HTML_ASCII		0x1	/* ASCII-only decorations */
#define NR_HTML_NOLINKLIST	0x2	/* do not append the link list */

/* The smallest width html_render() accepts. */
#define NR_HTML_MINWIDTH	4

/*
 * What a rendered line is, so the UI may highlight it. The text of the
 * line is complete without it: markers such as "> " are in the line.
 */
enum html_style {
	NR_HTML_PLAIN = 0,	/* running text, list items, table rows */
	NR_HTML_HEADING,	/* h1-h6 text and the h1/h2 underline */
	NR_HTML_QUOTE,		/* inside a blockquote (prefixed "> ") */
	NR_HTML_PRE,		/* preformatted, not wrapped */
	NR_HTML_RULE,		/* a horizontal rule */
	NR_HTML_LINK		/* an entry of the link list at the end */
};

/*
 * A rendered document. lines[i] is NUL-terminated UTF-8 without control
 * characters (no tab, no newline), at most width columns wide except
 * for NR_HTML_PRE lines, which are never cut (the UI clips them).
 * styles[i] describes lines[i]. links[n - 1] is the URL that the text
 * marks "[n]", cleaned but not resolved: it may be relative or use any
 * scheme; see html_link_is_safe(). The struct owns every string.
 */
struct html_doc {
	char		**lines;
	enum html_style	 *styles;
	size_t		  nlines;
	char		**links;
	size_t		  nlinks;
};

/* Empty a doc the caller embeds so it may be reused; NULL is fine. */
void		html_doc_clear(struct html_doc *);

/*
 * Render len bytes of HTML (any bytes; invalid UTF-8 is repaired) into
 * out, replacing what it held, wrapped to width columns. Widths come
 * from wcwidth(3): the caller must have set an UTF-8 LC_CTYPE, or every
 * non-ASCII character counts as one column. flags are NR_HTML_*.
 * Returns NR_OK, or NR_EUSAGE when width < NR_HTML_MINWIDTH (out is
 * then empty and errbuf, which may be NULL, says why).
 */
enum nr_err	html_render(const char *, size_t, int, int,
		    struct html_doc *, char *);

/*
 * Render plain text the same way: each non-empty source line starts a
 * new output line and is wrapped; white space in it is collapsed; runs
 * of empty lines become one empty line. There are no links.
 */
enum nr_err	html_render_text(const char *, size_t, int, int,
		    struct html_doc *, char *);

/*
 * Append the text of len bytes of HTML to sb, for a search index: tags
 * dropped (block tags become line breaks, inline ones nothing), entities
 * decoded, comments and the content of script, style and the like
 * dropped, an image's alt text kept. No wrapping, no link list; the
 * bytes are not cleaned.
 */
struct strbuf;
void		html_text(const char *, size_t, struct strbuf *);

/*
 * Guess whether len bytes of s are HTML: true when they contain a tag
 * of a common HTML element (such as <p>, <br/>, </a>) or a comment.
 */
int		html_looks_like_html(const char *, size_t);

/*
 * True when a link URL may be handed to an opener: its scheme is http,
 * https or mailto, or it has no scheme (relative, to be resolved
 * against the item's link by the caller).
 */
int		html_link_is_safe(const char *);

/*
 * A feed a web page names: <link rel="alternate" type=T href=U
 * title=X> where T is application/rss+xml, application/atom+xml,
 * application/rdf+xml or application/feed+json.
 */
struct html_feed_link {
	char	*href;		/* decoded, not resolved (may be relative) */
	char	*type;		/* the type, lowercase, without parameters */
	char	*title;		/* cleaned to one line, or NULL */
};

/* The most feed links html_feed_links returns. */
#define NR_HTML_FEED_LINKS_MAX	64

/*
 * The feed links of len bytes of HTML, in document order (comments,
 * script, style and the like skipped; rel may have other tokens, type
 * and attribute names any case, values any quoting, entities decoded).
 * *base gets the first <base href> (decoded, not resolved; NULL when
 * there is none); the caller frees both with html_feed_links_free.
 * Returns the number of links (*out is NULL when 0).
 */
size_t		html_feed_links(const char *, size_t,
		    struct html_feed_link **, char **);
void		html_feed_links_free(struct html_feed_link *, size_t);

#endif
