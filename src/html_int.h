/* html module internals shared by html*.c. */
#ifndef NEWSREADER_HTML_INT_H
#define NEWSREADER_HTML_INT_H

#include <stddef.h>

#include "newsreader/html.h"
#include "newsreader/util.h"

/* The longest entity name we look up. */
#define HTML_ENTITY_MAXLEN	32

/* Characters the wrapper treats specially (UTF-8 code points). */
#define HTML_NBSP	0x00A0	/* no break; printed as a space */
#define HTML_SHY	0x00AD	/* soft hyphen: dropped */
#define HTML_ZWSP	0x200B	/* break opportunity: dropped */

/*
 * The line writer: appends finished lines to a doc. Outside pre, empty
 * lines never come first and never come twice in a row.
 */
struct html_out {
	struct html_doc	*doc;
	size_t		 cap;	/* slots allocated in doc->lines */
	int		 width;
	int		 flags;
	int		 lastblank;	/* the last line is empty */
	struct strbuf	 line;		/* the line being built */
};

#define HTML_IS_WS(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || \
			 (c) == '\r' || (c) == '\f')
#define HTML_IS_ALPHA(c) (((c) >= 'a' && (c) <= 'z') || \
			 ((c) >= 'A' && (c) <= 'Z'))
#define HTML_IS_ALNUM(c) (HTML_IS_ALPHA(c) || ((c) >= '0' && (c) <= '9'))
#define HTML_LOWER(c)	((c) >= 'A' && (c) <= 'Z' ? (c) - 'A' + 'a' : (c))

/* What a tag does (html_tok.c maps names to these). */
enum html_tagid {
	T_UNKNOWN = 0,
	T_INLINE,	/* known, no effect */
	T_VOID,		/* known, no content, no effect */
	T_BLOCK,	/* a line break before and after */
	T_SKIP,		/* the content is dropped */
	T_P,		/* an empty line before and after */
	T_BR,
	T_WBR,
	T_IMG,
	T_HR,
	T_Q,
	/* Tracked on the element stack: */
	T_A,
	T_BLOCKQUOTE,
	T_UL,
	T_OL,
	T_LI,
	T_DL,
	T_DT,
	T_DD,
	T_PRE,
	T_H1,
	T_H2,
	T_H3,
	T_H4,
	T_H5,
	T_H6,
	T_TABLE,
	T_TR,
	T_TD,
	T_TH
};

/* An attribute value as found in the source (entities not decoded). */
struct html_attr {
	const char	*v;
	size_t		 len;
	int		 set;
};

/* One tag as read by html_tag_read(). */
struct html_tag {
	char			 name[16];
	enum html_tagid		 id;
	int			 end;
	int			 selfclose;
	struct html_attr	 href;
	struct html_attr	 alt;
	struct html_attr	 start;
	struct html_attr	 value;
	struct html_attr	 rel;
	struct html_attr	 type;
	struct html_attr	 title;
};

/* Return the code point of a named entity or -1. */
int	html_entity_lookup(const char *, size_t);

/* The tokenizer (html_tok.c). Look up a lowercase tag name. */
enum html_tagid html_tag_lookup(const char *);
/* Case-insensitive: does s[0..len) start with the lowercase word w? */
int	html_has_prefix(const char *, size_t, const char *);
/*
 * Decode the character reference at s[0] == '&' (in an attribute value
 * when inattr). Returns the code point, -2 for a reference to drop, or
 * -1 when it is none ('&' is literal); *used gets the bytes consumed.
 */
int	html_ref_decode(const char *, size_t, int, size_t *);
/* Append a code point as UTF-8. */
void	html_add_cp(struct strbuf *, int);
/* Parse a decimal attribute value, clamped; def when there is none. */
int	html_attr_int(const struct html_attr *, int);
/*
 * Decode an attribute value into sb (reset first): entities, then with
 * url set tabs and newlines removed (as browsers do), else white space
 * collapsed; both trimmed.
 */
void	html_attr_decode(struct strbuf *, const struct html_attr *, int);
/*
 * Read the tag at s[*pos] ('<' then a letter, or "</" then a letter),
 * moving *pos past it. Returns 0 when the input ends inside it.
 */
int	html_tag_read(const char *, size_t, size_t *, struct html_tag *);
/*
 * Return the position after the end tag of the raw-text element name
 * (script, style, ...) searched from pos, or len when there is none.
 */
size_t	html_skip_raw(const char *, size_t, size_t, const char *);
/* Find the 3-byte string w in s[0..len) (memmem is a GNU extension). */
const char *html_find3(const char *, size_t, const char *);

/* Display width of len bytes of clean UTF-8 (wcwidth, -1 counts 1). */
int	html_strwidth(const char *, size_t);

void	html_out_init(struct html_out *, struct html_doc *, int, int);
/* Drop trailing empty lines and free the scratch line. */
void	html_out_done(struct html_out *);

/*
 * Wrap len bytes of collapsed text (' ' breaks, '\n' forces a new line,
 * U+00A0 never breaks) to the width. The first non-empty line starts
 * with the prefix first, the others with rest. Returns the number of
 * non-empty lines added; *maxw (may be NULL) gets the widest text.
 */
int	html_out_wrap(struct html_out *, const char *, size_t, const char *,
	    const char *, enum html_style, int *);
/* Add text verbatim, one line per '\n', tabs expanded to 8 columns. */
int	html_out_pre(struct html_out *, const char *, size_t, const char *,
	    const char *, enum html_style);
/* Add an empty line (just the prefix, right-trimmed) unless redundant. */
void	html_out_blank(struct html_out *, const char *, enum html_style);
/* Add a line of n copies of the string fill after the prefix. */
void	html_out_fill(struct html_out *, const char *, const char *, int,
	    enum html_style);
/* Columns available after a prefix (after capping it). */
int	html_out_avail(const struct html_out *, const char *);

#endif
