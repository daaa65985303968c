/* extract: the page as a flat tree of nodes, shared by its files. */
#ifndef NEWSREADER_EXTRACT_INT_H
#define NEWSREADER_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <gumbo.h>

/* Flags of a node. */
#define XN_TEXT		0x01	/* a text node (text, len) */
#define XN_DROP		0x02	/* left out with all it holds */
#define XN_INLINK	0x04	/* inside an <a> */
#define XN_HASBLOCK	0x08	/* holds a block element */
#define XN_CAND		0x10	/* a scored candidate */
#define XN_BLOCK	0x20	/* a block element itself */
#define XN_PRE		0x40	/* inside a <pre> */
#define XN_SOFTDROP	0x80	/* dropped unless it holds paragraphs */

/*
 * One element or text node kept from gumbo's tree. Nodes are in
 * document order (a parent before its children), so a pass from the
 * last node to the first sees children before their parent.
 */
struct xnode {
	const GumboNode	*g;
	int		 tag;		/* GumboTag; -1 for text */
	int32_t		 parent;	/* -1: the root */
	int32_t		 first;		/* first child, -1: none */
	int32_t		 last;
	int32_t		 next;		/* next sibling, -1: none */
	uint32_t	 flags;
	int		 weight;	/* class and id hints */
	double		 score;
	size_t		 textlen;	/* characters, runs of space as one */
	size_t		 linklen;	/* of which inside links */
	unsigned	 commas;
	unsigned	 nparas;	/* p elements inside */
	unsigned	 nli;
	unsigned	 nimg;
	unsigned	 ninput;
};

struct xtree {
	struct xnode	*n;
	size_t		 len;
	size_t		 cap;
};

/*
 * extract_tree.c; XT_NOHINTS: class and id names drop and weigh nothing.
 * The size: bytes of the page parsed, to make room for its nodes at once.
 */
#define XT_NOHINTS	0x1
void	 xtree_build(struct xtree *, const GumboNode *, int, size_t);
void	 xtree_free(struct xtree *);
int	 xtree_is_block(int);
int	 xtree_class_weight(const GumboNode *);
double	 xtree_link_density(const struct xnode *);
void	 xtree_count_text(const char *, size_t *, unsigned *);

/* extract_score.c: the chosen roots, in document order (caller frees). */
size_t	 xscore_pick(struct xtree *, int32_t **);

/*
 * extract_out.c: write the roots into r (html, paras); returns the
 * characters of text outside links, 0 when the text is mostly links.
 */
struct extract_result;
size_t	 xout_write(const struct xtree *, const int32_t *, size_t,
	    const char *, const char *, struct extract_result *);

/* extract_meta.c: what the page says about itself. */
struct xmeta {
	char	*title;		/* og:title, <title> or the one <h1> */
	char	*base;		/* <base href> */
	char	*canonical;	/* <link rel=canonical>, else og:url */
	char	*charset;	/* <meta charset> */
	int64_t	 published;
	int64_t	 updated;
};
void	 xmeta_scan(const GumboNode *, struct xmeta *);
void	 xmeta_free(struct xmeta *);
/* How much of the page gumbo reads; the third: start tags folded away. */
size_t	 xmeta_prescan(const char *, size_t, size_t);
char	*xmeta_sniff_charset(const char *, size_t);

/* extract_mem.c: an arena for gumbo (GumboOptions allocator). */
struct xmem {
	struct xmem_chunk	*top;
	size_t			 chunk;	/* bytes of a chunk; 0: 4 MiB */
};
void	*xmem_alloc(void *, size_t);
void	 xmem_free(void *, void *);
void	 xmem_release(struct xmem *);

/*
 * extract_fold.c: runs of plain text replaced by one character each
 * before the parser, given back after it. The runs point into the
 * page, which outlives the fold.
 */
struct xfold {
	const char	**run;
	uint32_t	 *len;		/* XFOLD_ANCHOR: an <a> element */
	size_t		  n;
	size_t		  cap;
	size_t		  nanchor;	/* of the n, <a> elements */
};
#define XFOLD_ANCHOR	0x80000000U
/* True when the page holds no character of planes 15 and 16 (those of
 * its references are xstrip's to find). */
int		 xfold_ok(const char *, size_t);
/* Room for the runs a page of len bytes may have (xfold_free frees). */
void		 xfold_init(struct xfold *, size_t);
const char	*xfold_next(const char *, const char *, const char **);
int		 xfold_add(struct xfold *, const char *, size_t, char[4]);
/* An <a> element, "<a ...>text</a>" at [s, s + len); 0: not a plain one. */
int		 xfold_anchor(struct xfold *, const char *, size_t, char[4]);
void		 xfold_expand(GumboNode *, const struct xfold *, void *);
void		 xfold_free(struct xfold *);

/* extract_strip.c: extract_strip, folding text into fold when not NULL. */
char		*xstrip(const char *, size_t, size_t *, struct xfold *);

#endif
