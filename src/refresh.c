/*
 * Refresh: fetch feeds (fetch.c), parse them (parse.c) and store their
 * items (store.c) under the data directory's lock, one feed at a time.
 */
#include "nr_config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
#include "newsreader/util.h"

/* One feed being refreshed. */
struct job {
	struct refresh		*r;
	struct job		*prev;		/* the refresh's live jobs */
	struct job		*next;
	char			*name;
	char			*url;
	char			**tags;		/* the feed's own tags */
	size_t			 ntags;
	char			*etag;
	char			*lastmod;
	int			 had_error;	/* the last refresh failed */
	struct fetch_req	 req;
};

/* A finished transfer waiting to be stored together with others. */
struct done {
	struct job		*j;
	struct feed		*doc;		/* parsed, or NULL */
	struct refresh_result	 res;
	int64_t			 now;
	struct store_feed	*f;		/* loaded while storing */
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
	free(j->name);
	free(j->url);
	for (i = 0; i < j->ntags; i++)
		free(j->tags[i]);
	free(j->tags);
	free(j->etag);
	free(j->lastmod);
	free(j);
}

/* Replace *dst with a copy of src (NULL allowed); 1 if it changed. */
static int
set_str(char **dst, const char *src)
{
	if (src != NULL && *src == '\0')
		src = NULL;
	if ((*dst == NULL && src == NULL) ||
	    (*dst != NULL && src != NULL && strcmp(*dst, src) == 0))
		return 0;
	free(*dst);
	*dst = src != NULL ? xstrdup(src) : NULL;
	return 1;
}

/* Copy an item's enclosures into its meta record; 1 if they changed. */
static int
set_enclosures(struct store_meta *m, const struct item *it)
{
	size_t	i;
	int	same = m->nenclosures == it->nenclosures;

	for (i = 0; same && i < it->nenclosures; i++) {
		same = strcmp(m->enclosures[i].url, it->enclosures[i].url) ==
		    0 && m->enclosures[i].length == it->enclosures[i].length;
	}
	if (same)
		return 0;
	for (i = 0; i < m->nenclosures; i++) {
		free(m->enclosures[i].url);
		free(m->enclosures[i].type);
	}
	free(m->enclosures);
	m->enclosures = NULL;
	m->nenclosures = 0;
	if (it->nenclosures == 0)
		return 1;
	m->enclosures = xcalloc(it->nenclosures, sizeof *m->enclosures);
	for (i = 0; i < it->nenclosures; i++) {
		m->enclosures[i].url = xstrdup(it->enclosures[i].url);
		m->enclosures[i].type = it->enclosures[i].type != NULL ?
		    xstrdup(it->enclosures[i].type) : NULL;
		m->enclosures[i].length = it->enclosures[i].length;
	}
	m->nenclosures = it->nenclosures;
	return 1;
}

/* Drop trailing white space from the content: files have no final LF. */
static void
trim_content(struct item *it)
{
	size_t	n;

	if (it->content == NULL)
		return;
	n = strlen(it->content);
	while (n > 0 && isspace((unsigned char)it->content[n - 1]))
		n--;
	it->content[n] = '\0';
}

/*
 * Store one parsed item. Undated items keep the time they were first
 * seen; the feed's tags are added. Counts go into res.
 */
static enum nr_err
store_item(struct refresh *r, struct job *j, struct store_feed *f,
    struct item *it, int64_t now, struct refresh_result *res)
{
	struct store_meta	*m;
	uint64_t		 h;
	size_t			 i, len;
	char			*buf;
	int			 put, err;

	h = item_hash(it);
	m = store_meta_get(f, h, 0);
	if (m != NULL && (m->state & NR_STATE_EXPIRED))
		return NR_OK;
	if ((it->flags & NR_ITEM_DATE_SEEN) && m != NULL &&
	    m->first_seen != NR_TIME_NONE)
		it->published = m->first_seen;
	if (r->opts.keep_days > 0 && it->published != NR_TIME_NONE &&
	    it->published < now - (int64_t)r->opts.keep_days * 86400)
		return NR_OK;
	for (i = 0; i < j->ntags; i++)
		item_add_tag(it, j->tags[i]);
	trim_content(it);
	buf = article_format(it, &len);
	err = store_put_raw(r->st, f, h, buf, len, &put, res->message);
	free(buf);
	if (err != NR_OK)
		return err;
	if (put == NR_PUT_NEW)
		res->nnew++;
	else if (put == NR_PUT_UPDATED)
		res->nupdated++;
	m = store_meta_get(f, h, 1);
	if (m->first_seen == NR_TIME_NONE) {
		m->first_seen = now;
		store_meta_changed(f);
	}
	if (set_str(&m->guid, it->guid) | set_str(&m->author, it->author) |
	    set_enclosures(m, it))
		store_meta_changed(f);
	return NR_OK;
}

/*
 * Retention: beyond keep_items (newest first) or older than keep_days,
 * items that are not starred are removed and remembered as expired so
 * a feed that still carries them does not bring them back.
 */
static void
apply_retention(struct refresh *r, struct store_feed *f, int64_t now,
    struct refresh_result *res)
{
	struct store_entry	*e;
	size_t			 i, kept = 0;
	int			 old;

	if (r->opts.keep_items == 0 && r->opts.keep_days <= 0)
		return;
	for (i = 0; i < f->nentries; i++) {
		e = &f->entries[i];
		if (e->state & NR_STATE_STARRED)
			continue;
		old = r->opts.keep_days > 0 &&
		    e->date < now - (int64_t)r->opts.keep_days * 86400;
		if (!old && (r->opts.keep_items == 0 ||
		    kept < r->opts.keep_items)) {
			kept++;
			continue;
		}
		if (store_entry_expire(r->st, f, e, NULL) == NR_OK)
			res->nremoved++;
	}
}

/*
 * Put a fetched feed's items and outcome into f (under the lock); the
 * files are written but not yet synced or renamed (store_sync_many).
 */
static void
apply(struct refresh *r, struct done *d, struct store_feed *f)
{
	struct job	*j = d->j;
	char		 num[32];
	size_t		 i;

	if (d->doc != NULL) {
		for (i = 0; i < d->doc->nitems; i++) {
			if (store_item(r, j, f, d->doc->items[i], d->now,
			    &d->res) != NR_OK) {
				d->res.status = NR_REFRESH_ERROR;
				break;
			}
		}
		if (d->doc->title != NULL)
			store_feed_set(f, "title", d->doc->title);
		if (d->doc->link != NULL)
			store_feed_set(f, "link", d->doc->link);
	}
	store_feed_set(f, "url", j->url);
	if (d->res.status != NR_REFRESH_ERROR) {
		if (d->res.status == NR_REFRESH_OK) {
			store_feed_set(f, "etag", j->req.etag_out);
			store_feed_set(f, "last-modified",
			    j->req.last_modified_out);
		}
		snprintf(num, sizeof num, "%" PRId64, d->now);
		store_feed_set(f, "last-ok", num);
		store_feed_set(f, "error", NULL);
	} else
		store_feed_set(f, "error", d->res.message);
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
 * Store every stashed feed under one lock and with three file-system
 * syncs in all, then report each. A feed that appears twice in a batch
 * is loaded once.
 */
static void
flush(struct refresh *r)
{
	struct store_feed	**fv;
	struct done		 *d;
	char			  err[NR_ERRBUF_SIZE];
	size_t			  i, k, n = 0;
	int			  retain;

	if (r->nstash == 0)
		return;
	fv = xcalloc(r->nstash, sizeof *fv);
	retain = r->opts.keep_items > 0 || r->opts.keep_days > 0;
	if (store_lock(r->st, 1, err) != NR_OK) {
		fail_batch(r, err);
		goto out;
	}
	for (i = 0; i < r->nstash; i++) {
		d = &r->stash[i];
		for (k = 0; k < n; k++) {
			if (strcmp(fv[k]->name, d->j->name) == 0)
				break;
		}
		if (k == n) {
			if (store_feed_load(r->st, d->j->name, &fv[n],
			    err) != NR_OK) {
				d->res.status = NR_REFRESH_ERROR;
				snprintf(d->res.message,
				    sizeof d->res.message, "%s", err);
				continue;
			}
			n++;
		}
		d->f = fv[k];
		apply(r, d, d->f);
	}
	if (store_sync_many(r->st, fv, n, err) != NR_OK)
		fail_batch(r, err);
	else if (retain) {
		/* Retention needs the new items' dates: after the sync. */
		for (i = 0; i < r->nstash; i++) {
			d = &r->stash[i];
			if (d->f != NULL && d->doc != NULL &&
			    d->res.status != NR_REFRESH_ERROR)
				apply_retention(r, d->f, d->now, &d->res);
		}
		if (store_sync_many(r->st, fv, n, err) != NR_OK)
			fail_batch(r, err);
	}
	store_unlock(r->st);
out:
	for (i = 0; i < r->nstash; i++)
		report(r, &r->stash[i]);
	for (k = 0; k < n; k++)
		store_feed_free(fv[k]);
	free(fv);
	r->nstash = 0;
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
	struct done		*d;
	char			*charset;
	int64_t			 now;

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
	d->res = res;
	d->now = now;
	/* A 304 writes nothing, unless an old error is to be cleared. */
	if (res.status == NR_REFRESH_NOT_MODIFIED && !j->had_error) {
		r->nstash--;
		report(r, d);
	}
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
	j->r = r;
	j->name = xstrdup(fe->name);
	j->url = xstrdup(fe->url);
	if (fe->ntags > 0) {
		j->tags = xcalloc(fe->ntags, sizeof *j->tags);
		for (i = 0; i < fe->ntags; i++)
			j->tags[i] = xstrdup(fe->tags[i]);
		j->ntags = fe->ntags;
	}
	/* The validators of the last good fetch, if the URL is the same. */
	if (store_feed_load_state(r->st, fe->name, &f, NULL) == NR_OK) {
		const char *u = store_feed_get(f, "url");

		j->had_error = store_feed_get(f, "error") != NULL;
		if (u != NULL && strcmp(u, fe->url) == 0) {
			if (store_feed_get(f, "etag") != NULL)
				j->etag = xstrdup(store_feed_get(f, "etag"));
			if (store_feed_get(f, "last-modified") != NULL)
				j->lastmod = xstrdup(store_feed_get(f,
				    "last-modified"));
		}
		store_feed_free(f);
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
refresh_poll(struct refresh *r, struct pollfd *extra, unsigned int nextra,
    int timeout_ms, char *errbuf)
{
	enum nr_err	err;

	err = fetch_poll(r->fetch, extra, nextra, timeout_ms, errbuf);
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
