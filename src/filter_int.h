/* The filter module's compiled form, shared by filter.c and filter_parse.c. */
#ifndef NEWSREADER_FILTER_INT_H
#define NEWSREADER_FILTER_INT_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#define FN_NONE		((size_t)-1)
/* Code points below this are lowered through the filter's table. */
#define FN_LOWER_MAX	0x500
/* Deepest nesting of parentheses and "not". */
#define FN_DEPTH_MAX	64
/* Most words in a query (each is a bit of filter_item.words). */
#define FN_WORDS_MAX	64

enum fn_type {
	FN_TRUE,	/* the empty query */
	FN_AND,		/* every child */
	FN_OR,		/* any child */
	FN_NOT,		/* not the child */
	FN_TAG,		/* +tag: str */
	FN_DATE,	/* @...: from <= date < to */
	FN_FEED,	/* =feed: str is the store or display name */
	FN_STATE,	/* is:...: (state & flag) != 0 equals want */
	FN_TEXT,	/* a word, ~word, "phrase": words bit word, else
			   str in title or summary */
	FN_REGEX	/* /re/: re on the title */
};

/* One node of the expression tree; nodes live in one array. */
struct fnode {
	enum fn_type	 type;
	size_t		 kid;	/* first child (AND, OR, NOT) */
	size_t		 next;	/* next sibling or FN_NONE */
	unsigned	 cost;	/* rough price; cheap first */
	char		*str;	/* TAG, FEED, TEXT: lowercase, owned */
	size_t		 len;	/* strlen(str) */
	int		 first;	/* TEXT: the needle's first unit */
	size_t		 firstlen; /* TEXT: its length in bytes */
	int64_t		 from;	/* DATE */
	int64_t		 to;
	int		 flag;	/* STATE: NR_STATE_*; FEED: 1 when str
				   is a resolved store name */
	int		 want;	/* STATE: 1 set, 0 clear */
	regex_t		*re;	/* REGEX: compiled, owned */
	char		*raw;	/* TEXT: as written, unquoted, owned */
	int		 prefix; /* TEXT: word* */
	size_t		 word;	/* TEXT: its index among the words */
};

struct filter {
	struct fnode	*nodes;
	size_t		 nnodes;
	size_t		 cap;
	size_t		 root;
	size_t		 nwords;	/* TEXT nodes */
	size_t		*words;		/* their node indexes */
	/* Lowercase of each code point below FN_LOWER_MAX (text_lower). */
	uint16_t	 lower[FN_LOWER_MAX];
};

/* Fill f->lower from text_lower, once per compiled filter. */
void	filter_lower_init(struct filter *);
/*
 * The next unit of a NUL-terminated string, lowercased, and advance *pp:
 * a code point, or a byte of invalid UTF-8 as its negated value.
 * Lowering keeps the byte length.
 */
int	filter_next_lower(const struct filter *, const char **);

#endif
