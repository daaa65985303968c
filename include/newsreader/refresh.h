/* Refreshing feeds: fetch, parse and store, blocking or driven by a loop. */
#ifndef NEWSREADER_REFRESH_H
#define NEWSREADER_REFRESH_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/error.h"

struct feedlist_entry;
struct fetch_opts;
struct pollfd;
struct refresh;
struct store;

/* Outcome of one feed's refresh. */
#define NR_REFRESH_OK		0
#define NR_REFRESH_NOT_MODIFIED	1
#define NR_REFRESH_ERROR	2

struct refresh_result {
	const char	*feed;		/* the feed's store name (borrowed) */
	int		 status;	/* NR_REFRESH_* */
	size_t		 nnew;
	size_t		 nupdated;
	size_t		 nremoved;	/* by retention */
	size_t		 bytes;		/* downloaded */
	uint64_t	 page;		/* refresh_page's item, else 0 */
	char		 message[NR_ERRBUF_SIZE];	/* error or note */
};

/* Retention and limits; zero fields mean "unlimited" / defaults. */
struct refresh_opts {
	size_t		 keep_items;	/* at most N items per feed */
	int		 keep_days;	/* items newer than D days */
	size_t		 max_items;	/* parser's item limit */
	int64_t		 now;		/* 0: time(NULL) */
	int		 nowait;	/* never wait for the lock: retry */
};

/* Called once per feed when it is done; the result is borrowed. */
typedef void refresh_done_cb(const struct refresh_result *, void *);

/*
 * Create a refresher writing into st. fopts and ropts may be NULL
 * (defaults). *out is the caller's (refresh_free).
 */
enum nr_err	 refresh_create(struct store *, const struct fetch_opts *,
		    const struct refresh_opts *, refresh_done_cb *, void *,
		    struct refresh **, char *);
void		 refresh_free(struct refresh *);
/* Queue one feed (the entry is copied). */
enum nr_err	 refresh_add(struct refresh *, const struct feedlist_entry *,
		    char *);
/*
 * Fetch the web page url of item hash of feed now (the interface's f),
 * extract its article and store it as the item's text (title, summary
 * and tags stay; its record says done, so refreshes keep it). The result
 * comes through the callback with page set: NR_REFRESH_OK, or
 * NR_REFRESH_ERROR with the reason in message.
 */
enum nr_err	 refresh_page(struct refresh *, const char *, uint64_t,
		    const char *, char *);
/* Feeds queued or running. */
size_t		 refresh_pending(const struct refresh *);
/*
 * Run transfers for up to timeout_ms, also waiting on the extra fds
 * (their revents are set); finished feeds are parsed and stored (under
 * the data directory's lock) and reported through the callback.
 */
enum nr_err	 refresh_poll(struct refresh *, struct pollfd *, unsigned int,
		    int, char *);
/* Fetched feeds and pages waiting for another process's lock (nowait). */
size_t		 refresh_waiting(const struct refresh *);
/* Queue every entry and poll until all are done. */
enum nr_err	 refresh_run(struct refresh *, struct feedlist_entry *const *,
		    size_t, char *);

#endif
