/* The query language: compile a query once, then match items cheaply. */
#ifndef NEWSREADER_FILTER_H
#define NEWSREADER_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/error.h"

struct filter;
struct filter_memo;

/*
 * What a query looks at in one item. Every string is borrowed from the
 * caller and may be NULL (it then matches nothing but "not ...").
 */
struct filter_item {
	const char	*feed;		/* the feed's store name */
	const char	*feed_title;	/* its display name */
	int64_t		 date;		/* published, Unix UTC */
	const char	*title;
	const char	*summary;	/* NULL: ask get_summary if needed */
	const char	*tags;		/* separated by '\n' */
	const char	*usertags;	/* the user's tags, the same way */
	int		 state;		/* NR_STATE_* */
	/*
	 * The summary on demand (it lives in the article file, not the
	 * index): called at most once per match, only when a ~word is
	 * not in the title. May be NULL.
	 */
	const char	*(*get_summary)(void *);
	void		*arg;
	/*
	 * Optional, the caller's: remembers the results of tag tests by
	 * the address of the tags string, for a scan over many items that
	 * share tag lists (the store's index keeps each list once). The
	 * caller resets it when those strings may have moved.
	 */
	struct filter_memo *memo;
	/*
	 * The words of the query this item contains (bit k: word k, see
	 * filter_word), as the caller found them in the search index; with
	 * has_words 0, a word is looked for in the title and summary
	 * instead (case-insensitive substring), as without an index.
	 */
	uint64_t	 words;
	int		 has_words;
};

/*
 * Compile query (borrowed) into *out, which the caller frees with
 * filter_free. now is the current Unix time: @today, @yesterday and
 * @7d/@2w/@3m are fixed against it, and every date is turned into a
 * Unix range in the local time zone (TZ) here, once. An empty query
 * matches every item. On a malformed query *out is NULL, *errcol (may
 * be NULL) is the 1-based column, in characters, of the offending text,
 * and errbuf (may be NULL) says what is wrong without the column, as
 * "bad date '2023-13-45'". Returns NR_OK or NR_EQUERY.
 */
enum nr_err	 filter_compile(const char *, int64_t, struct filter **,
		    size_t *, char *);

/* True when the item matches. Allocates nothing; thread-safe. */
int		 filter_match(const struct filter *,
		    const struct filter_item *);

/* True when the filter matches everything (the query was empty). */
int		 filter_is_all(const struct filter *);

/* True when the filter looks at titles (a ~word or /regex/). */
int		 filter_uses_title(const struct filter *);

/*
 * The query's words (bare words, ~word, "a phrase", ~"a phrase", word*)
 * for the caller to look up in the search index: filter_nwords of them
 * (at most 64), word k as written (unquoted; the '*' of a prefix taken
 * off and *prefix set). Borrowed from the filter.
 */
size_t		 filter_nwords(const struct filter *);
const char	*filter_word(const struct filter *, size_t, int *);
/*
 * A word every matching item contains (its index), or -1: the caller
 * may then look only at the items the index found for it.
 */
long		 filter_word_required(const struct filter *);
/* A memo for filter_item.memo; reset forgets every result. */
struct filter_memo *filter_memo_create(void);
void		 filter_memo_reset(struct filter_memo *);
void		 filter_memo_free(struct filter_memo *);

/*
 * Resolve each "=name" of a compiled filter: resolve(arg, name, &dir,
 * errbuf) is called with the name (lowercase) and returns NR_OK with
 * *dir a feed's store name (allocated; the filter keeps it), after which
 * "=name" matches that feed only, NR_ENOTFOUND to keep matching the
 * store name or display name as written, or another error, which is
 * returned (errbuf set by resolve).
 */
typedef enum nr_err filter_feed_cb(void *, const char *, char **, char *);
enum nr_err	 filter_resolve_feeds(struct filter *, filter_feed_cb *,
		    void *, char *);

/* Free a compiled filter; NULL is accepted. */
void		 filter_free(struct filter *);

#endif
