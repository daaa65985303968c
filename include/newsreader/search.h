/*
 * Full-text search: an SQLite FTS5 index of every item's title, summary,
 * text (HTML reduced to text), author, tags, user tags and feed title,
 * in DATA/.meta/search.db. It is derived data: the article files are
 * the truth. Each feed's version (store_feed_version) is recorded with
 * its items, so a feed that did not change costs one comparison, and a
 * feed that did is brought up to date by reading only the article files
 * that are new or changed.
 *
 * Matching is by whole words ignoring case and accents; runs of Chinese
 * and Japanese characters are indexed as overlapping bigrams, so any two
 * or more characters of them are found.
 */
#ifndef NEWSREADER_SEARCH_H
#define NEWSREADER_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/error.h"

struct search;
struct store;
struct store_feed;

/* The schema version recorded in search.db; another one is rebuilt. */
#define NR_SEARCH_VERSION	1
/* The file, under the data directory. */
#define NR_SEARCH_FILE		".meta/search.db"

/*
 * Open the index of st (borrowed; it must outlive the search), creating
 * it when missing. A file that is not an index of this version, or is
 * corrupt, is replaced by an empty one, to be filled by search_sync.
 * Nothing is read from the feeds here. *out is the caller's
 * (search_free).
 */
enum nr_err	 search_open(struct store *, struct search **, char *);
void		 search_free(struct search *);

/*
 * Progress of a long update: items indexed so far and in all (a
 * terminal shows it; library code never prints).
 */
typedef void search_progress_cb(void *, size_t, size_t);
void		 search_set_progress(struct search *, search_progress_cb *,
		    void *);

/*
 * Bring the index up to date with every feed of the store (feeds gone
 * leave it): unchanged feeds cost a comparison each, changed ones the
 * article files that are new or changed. The first call on a new index
 * builds it whole. Safe against other processes doing the same; readers
 * of the index never see a half-done update. NR_ELOCKED when another
 * process is writing the index (searching what is there is then fine).
 */
enum nr_err	 search_sync(struct search *, char *);
/*
 * The same with the store's feeds already open (all of them, borrowed):
 * for a caller that opened them anyway (--list).
 */
enum nr_err	 search_sync_open(struct search *, struct store_feed *const *,
		    size_t, char *);
/*
 * Apply what a commit changed (the store's commit hook): only the items
 * written or removed are read. Nothing before the index was built whole
 * once (the first search does it).
 */
struct store_change;
enum nr_err	 search_apply(struct search *, const struct store_change *,
		    size_t, char *);
/*
 * From search_async on, search_apply reads what changed (the store is
 * read on the caller's thread only) and hands the words to a thread of
 * the index's own, which writes them in as few transactions as it can;
 * search_flush waits for it (at most ms, unless negative: then what is
 * left is given up, NR_ELOCKED, and the next search indexes it) and
 * says whether it all went in (a corrupt file is rebuilt there). In
 * between only search_apply may be called. search_free flushes too,
 * silently, without a limit.
 */
void		 search_async(struct search *);
enum nr_err	 search_flush(struct search *, long, char *);
/* Empty the index and index every item again (--reindex). */
enum nr_err	 search_rebuild(struct search *, char *);

/* One item found: its feed (index into search_hits.feeds) and hash. */
struct search_hit {
	uint32_t	 feed;
	uint64_t	 hash;
	double		 rank;		/* bm25: lower is better */
};

/* The answer to a query; search_hits_free frees it. */
struct search_hits {
	struct search_hit	*v;		/* sorted by feed, then hash */
	size_t			 n;
	char			**feeds;	/* feed names, by index */
	size_t			 nfeeds;
};
void		 search_hits_free(struct search_hits *);

/*
 * The items containing text (borrowed, UTF-8): its words in order, as a
 * phrase (one word is a phrase of one); with prefix, the last word may
 * be the start of a longer one. Text without a word matches nothing.
 */
enum nr_err	 search_query(struct search *, const char *, int,
		    struct search_hits *, char *);

/*
 * The position of (feed, hash) in hits, or -1. feed is the index of the
 * feed's name in hits->feeds (search_hits_feed: -1 if absent).
 */
long		 search_hits_find(const struct search_hits *, uint32_t,
		    uint64_t);
long		 search_hits_feed(const struct search_hits *, const char *);

/*
 * A short snippet of item i of f around the first place where one of
 * the ntexts texts (each as in search_query, with its prefix flag in
 * prefix[]) matches: about 12 words on one line, cleaned (no control
 * characters), with "..." where text was cut; marks[0] and marks[1]
 * (NULL: nothing) are put around each matched word. "" when nothing
 * matches. The caller frees *out.
 */
enum nr_err	 search_snippet(struct search *, const struct store_feed *,
		    size_t, const char *const *, const int *, size_t,
		    const char *const [2], char **, char *);

/*
 * True for a code point written without spaces (CJK ideographs, kana):
 * the index cuts runs of them into bigrams instead of words, so such a
 * text matches anywhere, not only as a whole word.
 */
int		 search_is_cjk(int);

#endif
