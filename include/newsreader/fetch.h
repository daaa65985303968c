/* Fetch: download feeds over HTTP(S) or file:// in parallel (libcurl). */
#ifndef NEWSREADER_FETCH_H
#define NEWSREADER_FETCH_H

#include <stddef.h>

#include "newsreader/error.h"

struct pollfd;

/* Defaults used by fetch_opts_init() and for fields left at 0. */
#define NR_FETCH_MAX_CONNS	8
#define NR_FETCH_MAX_PER_HOST	2
#define NR_FETCH_CONNECT_TIMEOUT 15		/* seconds */
#define NR_FETCH_TIMEOUT	60		/* seconds */
#define NR_FETCH_LOW_SPEED_TIME	30	/* seconds under 10 B/s */
#define NR_FETCH_MAX_SIZE	(16UL << 20)	/* bytes, after decoding */
#define NR_FETCH_MAX_REDIRS	8

/*
 * Limits for a fetch driver. Fields that are 0 (or NULL) take the
 * defaults above; the strings are borrowed and must outlive the driver.
 */
struct fetch_opts {
	int		 max_conns;	/* parallel transfers in total */
	int		 max_per_host;	/* parallel, per host */
	long		 connect_timeout; /* seconds */
	long		 timeout;	/* seconds, whole transfer */
	long		 low_speed_time; /* seconds; negative: no check */
	size_t		 max_size;	/* decoded body limit */
	int		 max_redirs;
	const char	*user_agent;	/* NULL: "newsreader/VERSION" */
};

/*
 * One request. The caller fills the inputs (strings are borrowed and
 * must stay valid until the request completes) and owns the struct;
 * the results are owned by the request and freed by fetch_req_clear().
 */
struct fetch_req {
	/* Inputs. */
	const char	*url;
	const char	*etag;		/* If-None-Match, or NULL */
	const char	*last_modified;	/* If-Modified-Since */
	void		*arg;		/* for the caller */

	/* Results, valid in the completion callback and after it. */
	enum nr_err	 err;		/* NR_OK or the error (below) */
	long		 status;	/* 200 for file:, 0: none */
	char		*body;		/* NULL on 304 or error */
	size_t		 len;
	char		*etag_out;	/* the response's ETag, or NULL */
	char		*last_modified_out; /* its Last-Modified, or NULL */
	char		*content_type;	/* or NULL */
	char		*effective_url;	/* after redirects */
	int		 permanent_redirect; /* a 301 or 308 was followed */
	long		 retry_after;	/* seconds, or 0 */
	char		 errbuf[NR_ERRBUF_SIZE]; /* detail of err */

	void		*priv;		/* the driver's */
};

/*
 * Result mapping: 2xx gives NR_OK with the body (NUL-terminated; len
 * excludes the NUL); 304 gives NR_OK, status
 * 304 and no body; other 3xx (not followed), 4xx and 5xx give NR_EHTTP
 * ("HTTP 404"; a 503 or 429 keeps retry_after); a body over max_size
 * gives NR_ELIMIT; connection refused, DNS failure, timeouts, truncated
 * bodies and redirect loops give NR_EFETCH with curl's message.
 */

/* Call once before any other fetch function, and cleanup at the end. */
enum nr_err	 fetch_global_init(char *);
void		 fetch_global_cleanup(void);

/* Fill opts with the defaults. */
void		 fetch_opts_init(struct fetch_opts *);

/* Zero a request; clear frees its results (NULL is fine). */
void		 fetch_req_init(struct fetch_req *);
void		 fetch_req_clear(struct fetch_req *);

/*
 * Run n requests in parallel and return when all are done, calling
 * done(req, arg) for each as it completes (done may be NULL). opts may
 * be NULL for the defaults. Per-request errors are in each req->err;
 * the return value is NR_OK unless the driver could not be set up.
 */
enum nr_err	 fetch_all(struct fetch_req *, size_t,
		    const struct fetch_opts *,
		    void (*)(struct fetch_req *, void *), void *, char *);

/*
 * The non-blocking driver for the TUI. fetch_create copies opts (NULL:
 * defaults) and remembers done/arg, which are called from fetch_poll for
 * each completed request; it returns NULL (detail in errbuf) if libcurl
 * fails. fetch_free cancels what is still running without calling done
 * (those requests get NR_EFETCH "cancelled") and accepts NULL.
 */
struct fetch	*fetch_create(const struct fetch_opts *,
		    void (*)(struct fetch_req *, void *), void *, char *);
void		 fetch_free(struct fetch *);

/*
 * Queue a request (borrowed until done is called for it; its results
 * are cleared first). Requests beyond the connection limits wait in a
 * queue of our own, so queued time does not count against timeouts.
 */
enum nr_err	 fetch_add(struct fetch *, struct fetch_req *, char *);

/* Number of requests added and not yet completed. */
size_t		 fetch_pending(const struct fetch *);

/*
 * Wait up to timeout_ms (0: do not wait) for network activity or for
 * one of the caller's extra descriptors (their revents are filled in,
 * e.g. stdin for the TUI; extra may be NULL with nextra 0), then move
 * the transfers on and call done for each that completed. Returns early
 * on activity or fetch_wakeup(). Returns NR_OK or NR_EFETCH.
 */
enum nr_err	 fetch_poll(struct fetch *, struct pollfd *, unsigned int,
		    int, char *);

/* Make a fetch_poll that is waiting return now (safe from a thread). */
void		 fetch_wakeup(struct fetch *);

/*
 * The charset parameter of a Content-Type value (may be NULL), or NULL
 * (also when it is not a token of letters, digits and !#$%&'*+-.^_`|~).
 * The caller frees the result.
 */
char		*fetch_content_charset(const char *);

#endif
