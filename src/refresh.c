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

struct refresh {
	struct store		*st;
	struct fetch		*fetch;
	struct refresh_opts	 opts;
	refresh_done_cb		*done;
	void			*arg;
	size_t			 pending;
	struct job		*jobs;		/* queued or running */
};

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

/* Record the outcome in the feed's state file (under the lock). */
static void
record(struct refresh *r, struct job *j, struct feed *doc,
    struct refresh_result *res, int64_t now)
{
	struct store_feed	*f;
	char			 err[NR_ERRBUF_SIZE], num[32];
	size_t			 i;
	enum nr_err		 e;

	if ((e = store_lock(r->st, 1, err)) != NR_OK) {
		res->status = NR_REFRESH_ERROR;
		snprintf(res->message, sizeof res->message, "%s", err);
		return;
	}
	if (store_feed_load(r->st, j->name, &f, err) != NR_OK) {
		res->status = NR_REFRESH_ERROR;
		snprintf(res->message, sizeof res->message, "%s", err);
		store_unlock(r->st);
		return;
	}
	if (doc != NULL) {
		for (i = 0; i < doc->nitems; i++) {
			e = store_item(r, j, f, doc->items[i], now, res);
			if (e != NR_OK) {
				res->status = NR_REFRESH_ERROR;
				break;
			}
		}
		/* Retention needs the new items' dates: sync first. */
		if (res->status != NR_REFRESH_ERROR &&
		    (r->opts.keep_items > 0 || r->opts.keep_days > 0)) {
			if (store_feed_sync(r->st, f, res->message) != NR_OK)
				res->status = NR_REFRESH_ERROR;
			else
				apply_retention(r, f, now, res);
		}
		if (doc->title != NULL)
			store_feed_set(f, "title", doc->title);
		if (doc->link != NULL)
			store_feed_set(f, "link", doc->link);
	}
	store_feed_set(f, "url", j->url);
	if (res->status != NR_REFRESH_ERROR) {
		if (res->status == NR_REFRESH_OK) {
			store_feed_set(f, "etag", j->req.etag_out);
			store_feed_set(f, "last-modified",
			    j->req.last_modified_out);
		}
		snprintf(num, sizeof num, "%" PRId64, now);
		store_feed_set(f, "last-ok", num);
		store_feed_set(f, "error", NULL);
	} else
		store_feed_set(f, "error", res->message);
	if (store_feed_sync(r->st, f, err) != NR_OK &&
	    res->status != NR_REFRESH_ERROR) {
		res->status = NR_REFRESH_ERROR;
		snprintf(res->message, sizeof res->message, "%s", err);
	}
	store_feed_free(f);
	store_unlock(r->st);
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
	/* A 304 writes nothing, unless an old error is to be cleared. */
	if (res.status != NR_REFRESH_NOT_MODIFIED || j->had_error)
		record(r, j, doc, &res, now);
	if (res.status != NR_REFRESH_ERROR && req->permanent_redirect &&
	    req->effective_url != NULL)
		snprintf(res.message, sizeof res.message, "moved permanently "
		    "to %s (the feeds file was not changed)",
		    req->effective_url);
	else if (res.status != NR_REFRESH_ERROR && doc != NULL &&
	    doc->nwarnings > 0)
		snprintf(res.message, sizeof res.message, "%s",
		    doc->warnings[0]);
	feed_free(doc);
	r->pending--;
	job_unlink(j);
	if (r->done != NULL)
		r->done(&res, r->arg);
	job_free(j);
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

	if (r == NULL)
		return;
	/* Cancelled transfers get no callback: free their jobs here. */
	fetch_free(r->fetch);
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
	return fetch_poll(r->fetch, extra, nextra, timeout_ms, errbuf);
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
