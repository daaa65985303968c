/*
 * Refresh: fetch feeds (fetch.c), parse them (parse.c) and store their
 * items (store.c) under the data directory's lock, one feed at a time.
 */
#include "nr_config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/feedlist.h"
#include "newsreader/fetch.h"
#include "newsreader/parse.h"
#include "newsreader/refresh.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "refresh_int.h"

/* One feed being refreshed. */
struct job {
	int			 kind;		/* NR_XFER_JOB */
	struct refresh		*r;
	struct job		*prev;		/* the refresh's live jobs */
	struct job		*next;
	char			*name;
	char			*url;
	char			*want;		/* name= of the feeds file */
	char			*base;		/* a name from the URL's host */
	char			**tags;		/* the feed's own tags */
	size_t			 ntags;
	char			*etag;
	char			*lastmod;
	int			 had_error;	/* the last refresh failed */
	int			 fulltext;	/* fetch new items' pages */
	uint64_t		 page;		/* refresh_page: this item */
	struct fetch_req	 req;
	/* Parsed, waiting for its items' pages (fulltext=yes). */
	struct pageset		 ps;
	struct feed		*doc;
	struct refresh_result	 res;
	int64_t			 now;
};

/* A finished transfer waiting to be stored together with others. */
struct done {
	struct job		*j;
	struct feed		*doc;		/* parsed, or NULL */
	struct refresh_result	 res;
	int64_t			 now;
	struct store_txf	*f;		/* the feed while storing */
	int			 skip;		/* failed and never stored: no
						   directory (FORMAT.md 6) */
};

/* Store at most this many feeds in one batch (one lock, three syncs). */
#define NR_REFRESH_BATCH	32

struct refresh {
	struct store		*st;
	struct fetch		*fetch;
	struct refresh_opts	 opts;
	refresh_done_cb		*done;
	void			*arg;
	size_t			 pending;
	struct job		*jobs;		/* queued, running or stashed */
	struct done		*stash;		/* fetched, not yet stored */
	size_t			 nstash;
	size_t			 stashcap;
	int64_t			 stash_since;	/* ms, when it filled */
	int			 lock_busy;	/* the lock was held */
	struct pageq		 pq;		/* pages waiting for a host */
};

/* A monotonic clock in milliseconds. */
static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Take a job off its refresh's list of live jobs. */
static void
job_unlink(struct job *j)
{
	if (j->prev != NULL)
		j->prev->next = j->next;
	else
		j->r->jobs = j->next;
	if (j->next != NULL)
		j->next->prev = j->prev;
	j->prev = j->next = NULL;
}

/* Free a job and what it owns. */
static void
job_free(struct job *j)
{
	size_t	i;

	fetch_req_clear(&j->req);
	pages_free(&j->ps);
	feed_free(j->doc);
	free(j->name);
	free(j->url);
	free(j->want);
	free(j->base);
	for (i = 0; i < j->ntags; i++)
		free(j->tags[i]);
	free(j->tags);
	free(j->etag);
	free(j->lastmod);
	free(j);
}

/* Store one item's page (refresh_page) as its text, under the lock. */
static void
apply_page(struct refresh *r, struct done *d, struct store_txf *f)
{
	struct job	*j = d->j;
	struct page	*p = &j->ps.v[0];
	struct item	*it;
	enum store_put	 put;
	char		*buf;
	size_t		 len;

	if (store_item_load(r->st, j->name, j->page, &it, d->res.message) !=
	    NR_OK) {
		d->res.status = NR_REFRESH_ERROR;
		return;
	}
	free(it->content);
	it->content = xstrdup(p->content);
	if (p->published != NR_TIME_NONE) {
		it->published = p->published;
		it->updated = p->updated;
	} else if (p->updated != NR_TIME_NONE)
		it->updated = p->updated;
	buf = article_format(it, &len);
	if (store_item_put_file(f, j->page, buf, len, it, &put,
	    d->res.message) != NR_OK)
		d->res.status = NR_REFRESH_ERROR;
	else {
		store_txf_fulltext_set(f, j->page, NR_FULLTEXT_DONE, NULL);
		d->res.nupdated = put == NR_PUT_UPDATED;
	}
	free(buf);
	item_free(it);
}

/*
 * Put a fetched feed's items and outcome into its part of the
 * transaction (under the lock); nothing is on disk before the commit.
 */
static void
apply(struct refresh *r, struct done *d, struct store_txf *f)
{
	struct job	*j = d->j;
	struct item	*it;
	enum store_put	 put;
	char		 num[32], pmsg[NR_ERRBUF_SIZE] = "";
	uint64_t	*h = NULL;
	uint8_t		*skip = NULL;
	size_t		 i, k;
	int64_t		 oldest = 0;
	int		 pending = 0;

	if (j->page != 0) {
		apply_page(r, d, f);
		return;
	}
	if (r->opts.keep_days > 0)
		oldest = d->now - (int64_t)r->opts.keep_days * 86400;
	if (d->doc != NULL && d->doc->nitems > 0) {
		h = xcalloc(d->doc->nitems, sizeof *h);
		skip = xcalloc(d->doc->nitems, 1);
		for (i = 0; i < d->doc->nitems; i++)
			h[i] = item_hash(d->doc->items[i]);
		/* One read of the state for all the items (errors: below). */
		(void)store_txf_expect(f, h, d->doc->nitems, NULL);
		/*
		 * Any feed: an item whose page is stored (f, refresh_page)
		 * keeps it; fulltext=yes feeds also take their new pages.
		 */
		pages_apply(&j->ps, d->doc, f, h, skip, pmsg, sizeof pmsg,
		    &pending);
	}
	for (i = 0; d->doc != NULL && i < d->doc->nitems; i++) {
		it = d->doc->items[i];
		if (skip[i])
			continue;
		if (oldest != 0 && it->published != NR_TIME_NONE &&
		    !(it->flags & NR_ITEM_DATE_SEEN) && it->published < oldest)
			continue;
		for (k = 0; k < j->ntags; k++)
			item_add_tag(it, j->tags[k]);
		if (store_item_put(f, it, d->now, &put, d->res.message) !=
		    NR_OK) {
			d->res.status = NR_REFRESH_ERROR;
			break;
		}
		if (put == NR_PUT_NEW)
			d->res.nnew++;
		else if (put == NR_PUT_UPDATED)
			d->res.nupdated++;
		if (j->fulltext && put != NR_PUT_EXPIRED)
			pages_record(&j->ps, f, i, h[i]);
	}
	free(h);
	free(skip);
	if (d->doc != NULL && d->doc->title != NULL)
		store_txf_set(f, NR_KEY_TITLE, d->doc->title);
	if (d->doc != NULL && d->doc->link != NULL)
		store_txf_set(f, NR_KEY_LINK, d->doc->link);
	store_txf_set(f, NR_KEY_URL, j->url);
	if (d->res.status != NR_REFRESH_ERROR) {
		/*
		 * Pages left to try: no validators, so that the next
		 * refresh gets the items again rather than a 304.
		 */
		if (d->res.status == NR_REFRESH_OK) {
			store_txf_set(f, NR_KEY_ETAG, pending ? NULL :
			    j->req.etag_out);
			store_txf_set(f, NR_KEY_LAST_MODIFIED, pending ? NULL :
			    j->req.last_modified_out);
		}
		snprintf(num, sizeof num, "%" PRId64, d->now);
		store_txf_set(f, NR_KEY_LAST_OK, num);
		/* Pages that failed are the feed's error; the items are in. */
		text_clean_msg(pmsg, sizeof pmsg);
		store_txf_set(f, NR_KEY_ERROR, pmsg[0] != '\0' ? pmsg : NULL);
		if (pmsg[0] != '\0' && d->res.message[0] == '\0')
			snprintf(d->res.message, sizeof d->res.message, "%s",
			    pmsg);
	} else
		store_txf_set(f, NR_KEY_ERROR, d->res.message);
}

/* Tell the caller how a stashed feed went, then forget it. */
static void
report(struct refresh *r, struct done *d)
{
	struct fetch_req	*req = &d->j->req;

	if (d->res.status != NR_REFRESH_ERROR && req->permanent_redirect &&
	    req->effective_url != NULL)
		snprintf(d->res.message, sizeof d->res.message, "moved "
		    "permanently to %s (the feeds file was not changed)",
		    req->effective_url);
	else if (d->res.status != NR_REFRESH_ERROR && d->doc != NULL &&
	    d->doc->nwarnings > 0 && d->res.message[0] == '\0')
		snprintf(d->res.message, sizeof d->res.message, "%s",
		    d->doc->warnings[0]);
	text_clean_msg(d->res.message, sizeof d->res.message);
	feed_free(d->doc);
	d->doc = NULL;
	r->pending--;
	job_unlink(d->j);
	if (r->done != NULL)
		r->done(&d->res, r->arg);
	job_free(d->j);
	d->j = NULL;
}

/* Mark every result of the batch that had not failed as failed. */
static void
fail_batch(struct refresh *r, const char *msg)
{
	size_t	i;

	for (i = 0; i < r->nstash; i++) {
		if (r->stash[i].res.status == NR_REFRESH_ERROR)
			continue;
		r->stash[i].res.status = NR_REFRESH_ERROR;
		snprintf(r->stash[i].res.message,
		    sizeof r->stash[i].res.message, "%s", msg);
	}
}

/*
 * The directory of each stashed feed, recorded for its URL now that the
 * lock is held (the name proposed when it was queued, unless another
 * process recorded the URL since). A failed feed that would need a new
 * directory gets none: a URL is given one when items of it are stored
 * (FORMAT.md, section 6), so a mistyped URL claims no name. (A failed
 * feed whose line names an existing directory, a feed that moved, is
 * recorded there with its error.)
 */
static void
resolve_batch(struct refresh *r)
{
	struct store_ref	*refs;
	struct done		*d;
	char			 err[NR_ERRBUF_SIZE];
	size_t			 i, n = 0, *at;

	refs = xcalloc(r->nstash + 1, sizeof *refs);
	at = xcalloc(r->nstash + 1, sizeof *at);
	for (i = 0; i < r->nstash; i++) {
		d = &r->stash[i];
		if (d->j->page != 0) {
			/* One item's page: its feed exists, under its name. */
			d->skip = d->res.status == NR_REFRESH_ERROR;
			continue;
		}
		d->skip = d->res.status == NR_REFRESH_ERROR &&
		    !store_url_recorded(r->st, d->j->url) &&
		    !store_feed_exists(r->st, d->j->name);
		if (d->skip)
			continue;
		refs[n].url = d->j->url;
		refs[n].want = d->j->want;
		refs[n].base = d->j->base;
		refs[n].prefer = d->j->name;
		at[n++] = i;
	}
	if (n > 0 && store_resolve(r->st, refs, n, 1, err) == NR_OK) {
		for (i = 0; i < n; i++) {
			d = &r->stash[at[i]];
			if (strcmp(d->j->name, refs[i].name) == 0)
				continue;
			free(d->j->name);
			d->j->name = xstrdup(refs[i].name);
			d->res.feed = d->j->name;
		}
	}
	free(at);
	free(refs);
}

/*
 * Store every stashed feed in one transaction under one lock, with three
 * file-system syncs in all, then report each. With opts.nowait, a lock
 * held by another process leaves the stash for the next poll.
 */
static void
flush(struct refresh *r)
{
	struct store_txn	*txn = NULL;
	struct done		*d;
	char			 err[NR_ERRBUF_SIZE];
	size_t			 i, removed;
	enum nr_err		 e;

	if (r->nstash == 0)
		return;
	e = store_lock(r->st, !r->opts.nowait, err);
	if (e == NR_ELOCKED && r->opts.nowait) {
		r->lock_busy = 1;
		return;
	}
	r->lock_busy = 0;
	if (e != NR_OK || store_txn_begin(r->st, &txn, err) != NR_OK) {
		fail_batch(r, err);
		goto out;
	}
	resolve_batch(r);
	for (i = 0; i < r->nstash; i++) {
		d = &r->stash[i];
		d->f = NULL;
		if (d->skip)
			continue;
		if (store_txn_feed(txn, d->j->name, &d->f, err) != NR_OK) {
			d->res.status = NR_REFRESH_ERROR;
			snprintf(d->res.message, sizeof d->res.message, "%s",
			    err);
			d->f = NULL;
			continue;
		}
		apply(r, d, d->f);
	}
	/* Retention sees the new items too; nothing is written twice. */
	for (i = 0; i < r->nstash; i++) {
		d = &r->stash[i];
		if (d->f == NULL || d->doc == NULL ||
		    d->res.status == NR_REFRESH_ERROR)
			continue;
		if (store_txf_retain(d->f, r->opts.keep_items,
		    r->opts.keep_days, d->now, &removed, err) == NR_OK)
			d->res.nremoved += removed;
	}
	if (store_txn_commit(txn, err) != NR_OK)
		fail_batch(r, err);
out:
	store_txn_free(txn);
	store_unlock(r->st);
	for (i = 0; i < r->nstash; i++)
		report(r, &r->stash[i]);
	r->nstash = 0;
}

/* A parsed feed (or a failed one) waits to be stored with others. */
static void
stash(struct refresh *r, struct job *j, struct feed *doc,
    const struct refresh_result *res, int64_t now)
{
	struct done	*d;

	if (r->nstash == r->stashcap) {
		r->stashcap = r->stashcap ? r->stashcap * 2 : 16;
		r->stash = xreallocarray(r->stash, r->stashcap,
		    sizeof *r->stash);
	}
	if (r->nstash == 0)
		r->stash_since = now_ms();
	d = &r->stash[r->nstash++];
	memset(d, 0, sizeof *d);
	d->j = j;
	d->doc = doc;
	d->res = *res;
	d->now = now;
	/* A 304 writes nothing, unless an old error is to be cleared. */
	if (res->status == NR_REFRESH_NOT_MODIFIED && !j->had_error) {
		r->nstash--;
		report(r, d);
	}
}

/* A page finished: its article; the feed is stored when all are in. */
static void
page_done(struct refresh *r, struct page *p)
{
	struct job	*j = p->owner;
	struct feed	*doc;

	page_finish(p);
	pageq_done(&r->pq, p);
	if (--j->ps.left > 0)
		return;
	if (j->page != 0 && !p->ok) {
		char	*url = util_url_shown(p->url);

		j->res.status = NR_REFRESH_ERROR;
		snprintf(j->res.message, sizeof j->res.message,
		    "%.100s: %.150s", url, p->reason);
		free(url);
	}
	doc = j->doc;
	j->doc = NULL;
	stash(r, j, doc, &j->res, j->now);
}

/* A transfer finished: parse, store, report. */
static void
on_done(struct fetch_req *req, void *arg)
{
	struct job		*j = req->arg;
	struct refresh		*r = arg;
	struct refresh_result	 res;
	struct parse_opts	 po;
	struct feed		*doc = NULL;
	char			*charset;
	int64_t			 now;
	size_t			 i;

	if (*(int *)req->arg == NR_XFER_PAGE) {
		page_done(r, req->arg);
		return;
	}

	memset(&res, 0, sizeof res);
	res.feed = j->name;
	res.bytes = req->len;
	now = r->opts.now != 0 ? r->opts.now : (int64_t)time(NULL);
	if (req->err != NR_OK) {
		res.status = NR_REFRESH_ERROR;
		snprintf(res.message, sizeof res.message, "%s", req->errbuf);
	} else if (req->status == 304)
		res.status = NR_REFRESH_NOT_MODIFIED;
	else {
		memset(&po, 0, sizeof po);
		po.url = req->effective_url != NULL ? req->effective_url :
		    j->url;
		charset = fetch_content_charset(req->content_type);
		po.charset = charset;
		po.max_items = r->opts.max_items;
		po.now = now;
		if (parse_buffer(req->body, req->len, &po, &doc,
		    res.message) != NR_OK) {
			res.status = NR_REFRESH_ERROR;
			doc = NULL;
		}
		free(charset);
	}
	/* The body is parsed: let its memory go while the feed waits. */
	free(req->body);
	req->body = NULL;
	/* fulltext=yes: the new items' pages first, then the store. */
	if (j->fulltext && doc != NULL && res.status == NR_REFRESH_OK) {
		pages_select(r->st, j->name, doc, &j->ps);
		if (j->ps.n > 0) {
			j->doc = doc;
			j->res = res;
			j->now = now;
			for (i = 0; i < j->ps.n; i++) {
				j->ps.v[i].owner = j;
				pageq_push(&r->pq, &j->ps.v[i]);
			}
			(void)pageq_start(&r->pq, r->fetch, now_ms());
			return;
		}
	}
	stash(r, j, doc, &res, now);
}

enum nr_err
refresh_create(struct store *st, const struct fetch_opts *fopts,
    const struct refresh_opts *ropts, refresh_done_cb *done, void *arg,
    struct refresh **out, char *errbuf)
{
	struct refresh	*r;

	*out = NULL;
	r = xcalloc(1, sizeof *r);
	r->st = st;
	if (ropts != NULL)
		r->opts = *ropts;
	r->done = done;
	r->arg = arg;
	r->fetch = fetch_create(fopts, on_done, r, errbuf);
	if (r->fetch == NULL) {
		free(r);
		return NR_EFETCH;
	}
	*out = r;
	return NR_OK;
}

void
refresh_free(struct refresh *r)
{
	struct job	*j;
	size_t		 i;

	if (r == NULL)
		return;
	/* Cancelled transfers get no callback: free their jobs here. */
	fetch_free(r->fetch);
	pageq_free(&r->pq);
	for (i = 0; i < r->nstash; i++)
		feed_free(r->stash[i].doc);
	free(r->stash);
	while ((j = r->jobs) != NULL) {
		job_unlink(j);
		job_free(j);
	}
	free(r);
}

size_t
refresh_pending(const struct refresh *r)
{
	return r->pending;
}

enum nr_err
refresh_add(struct refresh *r, const struct feedlist_entry *fe,
    char *errbuf)
{
	struct store_feed	*f;
	struct job		*j;
	size_t			 i;
	enum nr_err		 err;

	j = xcalloc(1, sizeof *j);
	j->kind = NR_XFER_JOB;
	j->r = r;
	j->fulltext = (fe->flags & NR_FEED_FULLTEXT) != 0;
	j->name = xstrdup(fe->name);
	j->url = xstrdup(fe->url);
	if (fe->ntags > 0) {
		j->tags = xcalloc(fe->ntags, sizeof *j->tags);
		for (i = 0; i < fe->ntags; i++)
			j->tags[i] = xstrdup(fe->tags[i]);
		j->ntags = fe->ntags;
	}
	if (fe->flags & NR_FEED_NAMED)
		j->want = xstrdup(fe->want != NULL ? fe->want : fe->name);
	j->base = feedlist_name_from_url(fe->url);
	/* The validators of the last good fetch, if the URL is the same. */
	if (store_feed_open(r->st, fe->name, &f, NULL) == NR_OK) {
		const char *u = store_feed_get(f, NR_KEY_URL);

		j->had_error = store_feed_get(f, NR_KEY_ERROR) != NULL;
		if (u != NULL && strcmp(u, fe->url) == 0) {
			if (store_feed_get(f, NR_KEY_ETAG) != NULL)
				j->etag = xstrdup(store_feed_get(f,
				    NR_KEY_ETAG));
			if (store_feed_get(f, NR_KEY_LAST_MODIFIED) != NULL)
				j->lastmod = xstrdup(store_feed_get(f,
				    NR_KEY_LAST_MODIFIED));
		}
		store_feed_close(f);
	}
	fetch_req_init(&j->req);
	j->req.url = j->url;
	j->req.etag = j->etag;
	j->req.last_modified = j->lastmod;
	j->req.arg = j;
	j->next = r->jobs;
	if (r->jobs != NULL)
		r->jobs->prev = j;
	r->jobs = j;
	r->pending++;
	if ((err = fetch_add(r->fetch, &j->req, errbuf)) != NR_OK) {
		r->pending--;
		job_unlink(j);
		job_free(j);
		return err;
	}
	return NR_OK;
}

enum nr_err
refresh_page(struct refresh *r, const char *feed, uint64_t hash,
    const char *url, char *errbuf)
{
	struct job	*j;
	struct page	*p;
	char		*host;

	if (url == NULL || (util_strncasecmp(url, "http://", 7) != 0 &&
	    util_strncasecmp(url, "https://", 8) != 0))
		return nr_seterr(errbuf, NR_EUSAGE, "not an http or https "
		    "link");
	if (hash == 0 || (host = feedlist_host_of(url)) == NULL)
		return nr_seterr(errbuf, NR_EUSAGE, "no host in the link");
	j = xcalloc(1, sizeof *j);
	j->kind = NR_XFER_JOB;
	j->r = r;
	j->name = xstrdup(feed);
	j->url = xstrdup(url);
	j->page = hash;
	fetch_req_init(&j->req);
	j->ps.v = p = xcalloc(1, sizeof *p);
	j->ps.n = j->ps.left = 1;
	p->kind = NR_XFER_PAGE;
	p->owner = j;
	p->url = xstrdup(url);
	p->host = host;
	p->hash = hash;
	p->published = p->updated = NR_TIME_NONE;
	fetch_req_init(&p->req);
	p->req.url = p->url;
	p->req.arg = p;
	j->res.feed = j->name;
	j->res.page = hash;
	j->now = r->opts.now != 0 ? r->opts.now : (int64_t)time(NULL);
	j->next = r->jobs;
	if (r->jobs != NULL)
		r->jobs->prev = j;
	r->jobs = j;
	r->pending++;
	pageq_push(&r->pq, p);
	(void)pageq_start(&r->pq, r->fetch, now_ms());
	return NR_OK;
}

enum nr_err
refresh_poll(struct refresh *r, struct pollfd *extra, unsigned int nextra,
    int timeout_ms, char *errbuf)
{
	enum nr_err	err;
	int		wait;

	/* Pages whose host is free start now; wake for the next one. */
	wait = pageq_start(&r->pq, r->fetch, now_ms());
	if (wait >= 0 && wait < timeout_ms)
		timeout_ms = wait;
	err = fetch_poll(r->fetch, extra, nextra, timeout_ms, errbuf);
	(void)pageq_start(&r->pq, r->fetch, now_ms());
	/*
	 * Store when the transfers are done, a batch is full, or the first
	 * waiting feed has waited a second (a slow feed holds up no other).
	 */
	if (r->nstash > 0 && (fetch_pending(r->fetch) == 0 ||
	    r->nstash >= NR_REFRESH_BATCH ||
	    now_ms() - r->stash_since >= 1000))
		flush(r);
	return err;
}

size_t
refresh_waiting(const struct refresh *r)
{
	return r->lock_busy ? r->nstash : 0;
}

enum nr_err
refresh_run(struct refresh *r, struct feedlist_entry *const *entries,
    size_t n, char *errbuf)
{
	size_t		i;
	enum nr_err	err;

	for (i = 0; i < n; i++) {
		if ((err = refresh_add(r, entries[i], errbuf)) != NR_OK)
			return err;
	}
	while (r->pending > 0) {
		if ((err = refresh_poll(r, NULL, 0, 1000, errbuf)) != NR_OK)
			return err;
	}
	return NR_OK;
}
