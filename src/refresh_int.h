/* Internals of the refresh module, shared by src/refresh*.c only. */
#ifndef NEWSREADER_REFRESH_INT_H
#define NEWSREADER_REFRESH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/error.h"
#include "newsreader/fetch.h"

struct feed;
struct store;
struct store_txf;

/* What a fetch request's arg points to first: a feed's job or a page. */
#define NR_XFER_JOB	1
#define NR_XFER_PAGE	2

/* Pages fetched per feed and refresh; the rest wait for the next one. */
#define NR_PAGES_PER_FEED	50
/* Tries of one item's page in all, over refreshes. */
#define NR_PAGE_TRIES		3
/* At most this many page transfers per host at once ... */
#define NR_PAGE_PER_HOST	2
/* ... and this long (ms) between the starts of two to the same host. */
#define NR_PAGE_DELAY_MS	1100

/* One item's web page (fulltext=yes feeds). */
struct page {
	int			 kind;		/* NR_XFER_PAGE */
	void			*owner;		/* the feed's job */
	size_t			 item;		/* its index in the document */
	char			*url;
	char			*host;
	struct fetch_req	 req;
	struct page		*next;		/* waiting for its host */
	int			 done;
	int			 tries;		/* the record before */
	uint64_t		 hash;		/* refresh_page's item */
	/* The outcome. */
	int			 ok;
	char			*content;	/* the article, one paragraph
						   a line */
	int64_t			 published;
	int64_t			 updated;
	char			 reason[NR_ERRBUF_SIZE];
};

/* A feed's pages in this refresh. */
struct pageset {
	struct page		*v;
	size_t			 n;
	size_t			 left;		/* not done yet */
	uint64_t		*defer;		/* new items over the cap */
	size_t			 ndefer;
};

/* Pages waiting for their host, and the hosts' politeness. */
struct phost;
struct pageq {
	struct page		*head;
	struct page		*tail;
	struct phost		*hosts;
	size_t			 nhosts;
};

/*
 * Choose the items of doc (the feed name's, parsed) whose pages to
 * fetch: new ones (not stored, not removed by retention, no record) and
 * those whose page failed fewer than NR_PAGE_TRIES times, with an
 * http(s) link; at most NR_PAGES_PER_FEED (more new ones go to defer).
 */
void	 pages_select(struct store *, const char *, const struct feed *,
	    struct pageset *);
void	 pages_free(struct pageset *);
/* Queue a page; start what the politeness rules allow (now: ms). */
void	 pageq_push(struct pageq *, struct page *);
/*
 * Hand the pages that may start now to the fetch driver. Returns the
 * ms until the next one may start, or -1 when none waits for time.
 */
int	 pageq_start(struct pageq *, struct fetch *, int64_t);
/* A page's transfer is over: its host has a connection free. */
void	 pageq_done(struct pageq *, struct page *);
void	 pageq_free(struct pageq *);
/* Extract the article of a fetched page into its outcome. */
void	 page_finish(struct page *);
/*
 * Under the lock, before the items of doc are put into f (hash[i] is
 * item i's): the pages' articles go into their items; an item whose
 * page text is stored already (fulltext=yes, or f) is marked skip[i]
 * (kept as stored); with an empty set, that is all it does. msg
 * gets "N of M pages failed: URL: reason" when some failed; *pending is
 * set when pages are left to try (the feed is then fetched without
 * validators next time, so a 304 does not hide them).
 */
void	 pages_apply(struct pageset *, struct feed *, struct store_txf *,
	    const uint64_t *, uint8_t *, char *, size_t, int *);
/* After item i (hash) was put: its record (done, a failure, waiting). */
void	 pages_record(struct pageset *, struct store_txf *, size_t,
	    uint64_t);

#endif
