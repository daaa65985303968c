/*
 * Full text for fulltext=yes feeds: which items' web pages to fetch,
 * politeness per host (NR_PAGE_PER_HOST at once, NR_PAGE_DELAY_MS
 * between starts), the article of each page (extract.c) and its record
 * in the store (tries, or done: never fetched again).
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/extract.h"
#include "newsreader/feed.h"
#include "newsreader/feedlist.h"
#include "newsreader/fetch.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "refresh_int.h"

struct phost {
	char		*host;
	int64_t		 last;		/* ms, the last start */
	int		 active;
	int		 started;	/* last is set */
};

/* True for an http:// or https:// URL (pages are never file://). */
static int
is_web_url(const char *u)
{
	return u != NULL && (util_strncasecmp(u, "http://", 7) == 0 ||
	    util_strncasecmp(u, "https://", 8) == 0);
}

void
pages_select(struct store *st, const char *name, const struct feed *doc,
    struct pageset *ps)
{
	struct store_fulltext	*ft;
	const struct item	*it;
	uint64_t		*h;
	size_t			 i, n = 0;
	char			*host;
	int			 want;

	memset(ps, 0, sizeof *ps);
	if (doc == NULL || doc->nitems == 0)
		return;
	h = xcalloc(doc->nitems, sizeof *h);
	ft = xcalloc(doc->nitems, sizeof *ft);
	for (i = 0; i < doc->nitems; i++)
		h[i] = item_hash(doc->items[i]);
	/* Unreadable: every item looks new (a put decides under the lock). */
	(void)store_fulltext_read(st, name, h, doc->nitems, ft, NULL);
	ps->v = xcalloc(NR_PAGES_PER_FEED, sizeof *ps->v);
	for (i = 0; i < doc->nitems; i++) {
		it = doc->items[i];
		if (!is_web_url(it->link) || ft[i].expired ||
		    ft[i].tries == NR_FULLTEXT_DONE)
			continue;
		if (ft[i].tries == NR_FULLTEXT_NONE)
			want = !ft[i].stored;
		else
			want = ft[i].tries < NR_PAGE_TRIES;
		if (!want)
			continue;
		if (n == NR_PAGES_PER_FEED) {
			if (ft[i].tries == NR_FULLTEXT_NONE) {
				ps->defer = xreallocarray(ps->defer,
				    ps->ndefer + 1, sizeof *ps->defer);
				ps->defer[ps->ndefer++] = h[i];
			}
			continue;
		}
		host = feedlist_host_of(it->link);
		if (host == NULL)
			continue;
		ps->v[n].kind = NR_XFER_PAGE;
		ps->v[n].item = i;
		ps->v[n].url = xstrdup(it->link);
		ps->v[n].host = host;
		ps->v[n].tries = ft[i].tries;
		ps->v[n].published = ps->v[n].updated = NR_TIME_NONE;
		fetch_req_init(&ps->v[n].req);
		ps->v[n].req.url = ps->v[n].url;
		ps->v[n].req.arg = &ps->v[n];
		n++;
	}
	ps->n = ps->left = n;
	if (n == 0)
		FREE(&ps->v);
	free(h);
	free(ft);
}

void
pages_free(struct pageset *ps)
{
	size_t	i;

	for (i = 0; i < ps->n; i++) {
		fetch_req_clear(&ps->v[i].req);
		free(ps->v[i].url);
		free(ps->v[i].host);
		free(ps->v[i].content);
	}
	free(ps->v);
	free(ps->defer);
	memset(ps, 0, sizeof *ps);
}

/* The politeness record of a host (made on first use). */
static struct phost *
host_get(struct pageq *q, const char *host)
{
	size_t	i;

	for (i = 0; i < q->nhosts; i++) {
		if (strcmp(q->hosts[i].host, host) == 0)
			return &q->hosts[i];
	}
	q->hosts = xreallocarray(q->hosts, q->nhosts + 1, sizeof *q->hosts);
	memset(&q->hosts[q->nhosts], 0, sizeof *q->hosts);
	q->hosts[q->nhosts].host = xstrdup(host);
	return &q->hosts[q->nhosts++];
}

void
pageq_push(struct pageq *q, struct page *p)
{
	p->next = NULL;
	if (q->tail == NULL)
		q->head = p;
	else
		q->tail->next = p;
	q->tail = p;
}

int
pageq_start(struct pageq *q, struct fetch *f, int64_t now)
{
	struct page	*p, *prev = NULL, *next;
	struct phost	*h;
	int64_t		 due, wait = -1;

	for (p = q->head; p != NULL; p = next) {
		next = p->next;
		h = host_get(q, p->host);
		if (h->active >= NR_PAGE_PER_HOST) {
			prev = p;
			continue;
		}
		due = h->started ? h->last + NR_PAGE_DELAY_MS : now;
		if (due > now) {
			if (wait < 0 || due - now < wait)
				wait = due - now;
			prev = p;
			continue;
		}
		if (prev == NULL)
			q->head = next;
		else
			prev->next = next;
		if (q->tail == p)
			q->tail = prev;
		p->next = NULL;
		h->last = now;
		h->started = 1;
		if (fetch_add(f, &p->req, p->req.errbuf) != NR_OK) {
			/* Cannot happen with a URL; fail the page. */
			p->done = 1;
			snprintf(p->reason, sizeof p->reason, "%s",
			    p->req.errbuf);
			continue;
		}
		h->active++;
	}
	return wait > 0x7fffffff ? 0x7fffffff : (int)wait;
}

void
pageq_done(struct pageq *q, struct page *p)
{
	struct phost	*h = host_get(q, p->host);

	if (h->active > 0)
		h->active--;
}

void
pageq_free(struct pageq *q)
{
	size_t	i;

	for (i = 0; i < q->nhosts; i++)
		free(q->hosts[i].host);
	free(q->hosts);
	memset(q, 0, sizeof *q);
}

void
page_finish(struct page *p)
{
	struct fetch_req	*req = &p->req;
	struct extract_result	 r;
	struct strbuf		 sb;
	char			*charset, err[NR_ERRBUF_SIZE];
	size_t			 i;

	p->done = 1;
	if (req->err != NR_OK) {
		snprintf(p->reason, sizeof p->reason, "%s", req->errbuf);
		goto out;
	}
	if (req->body == NULL || req->status == 304) {
		snprintf(p->reason, sizeof p->reason, "empty response");
		goto out;
	}
	if (!extract_is_html_type(req->content_type)) {
		snprintf(p->reason, sizeof p->reason, "not HTML (%s)",
		    req->content_type);
		goto out;
	}
	charset = fetch_content_charset(req->content_type);
	memset(&r, 0, sizeof r);
	if (extract_page(req->body, req->len, charset,
	    req->effective_url != NULL ? req->effective_url : p->url, &r,
	    err) != NR_OK) {
		free(charset);
		snprintf(p->reason, sizeof p->reason, "%s", err);
		goto out;
	}
	free(charset);
	strbuf_init(&sb, 0);
	for (i = 0; i < r.npara; i++) {
		if (r.paras[i] == NULL || r.paras[i][0] == '\0')
			continue;
		if (sb.len > 0)
			strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, r.paras[i]);
	}
	if (sb.len == 0) {
		strbuf_clear(&sb);
		snprintf(p->reason, sizeof p->reason, "no article found");
	} else {
		p->ok = 1;
		p->content = strbuf_detach(&sb, NULL);
		p->published = r.published;
		p->updated = r.updated;
	}
	extract_result_free(&r);
out:
	text_clean_msg(p->reason, sizeof p->reason);
	/* The page is read: let its memory go while the feed waits. */
	free(req->body);
	req->body = NULL;
	req->len = 0;
}

/* The page of item i, or NULL. */
static struct page *
page_of(struct pageset *ps, size_t i)
{
	size_t	k;

	for (k = 0; k < ps->n; k++) {
		if (ps->v[k].item == i)
			return &ps->v[k];
	}
	return NULL;
}

void
pages_apply(struct pageset *ps, struct feed *doc, struct store_txf *f,
    const uint64_t *hash, uint8_t *skip, char *msg, size_t msgsize,
    int *pending)
{
	struct page	*p, *first = NULL;
	struct item	*it;
	size_t		 i, nfail = 0;
	int		 tries;

	*pending = ps->ndefer > 0;
	for (i = 0; i < doc->nitems; i++) {
		it = doc->items[i];
		tries = store_txf_fulltext_get(f, hash[i], NULL);
		/* Never refetched once stored: the feed's text stays out. */
		if (tries == NR_FULLTEXT_DONE && store_txf_has(f, hash[i])) {
			skip[i] = 1;
			continue;
		}
		if ((p = page_of(ps, i)) == NULL)
			continue;
		p->tries = tries;
		if (!p->ok) {
			nfail++;
			if (first == NULL)
				first = p;
			if ((tries < 0 ? 0 : tries) + 1 < NR_PAGE_TRIES)
				*pending = 1;
			continue;
		}
		free(it->content);
		it->content = xstrdup(p->content);
		if (p->published != NR_TIME_NONE) {
			it->published = p->published;
			it->flags &= ~NR_ITEM_DATE_SEEN;
			it->updated = p->updated;
		} else if (p->updated != NR_TIME_NONE)
			it->updated = p->updated;
	}
	if (nfail > 0) {
		/* Not a password a link may carry. */
		char	*url = util_url_shown(first->url);

		snprintf(msg, msgsize, "%zu of %zu pages failed: %s: %s",
		    nfail, ps->n, url, first->reason);
		free(url);
	}
}

void
pages_record(struct pageset *ps, struct store_txf *f, size_t i,
    uint64_t hash)
{
	struct page	*p;
	size_t		 k;
	int		 tries;

	if ((p = page_of(ps, i)) != NULL) {
		if (p->ok)
			store_txf_fulltext_set(f, hash, NR_FULLTEXT_DONE, NULL);
		else {
			tries = p->tries < 0 ? 0 : p->tries;
			store_txf_fulltext_set(f, hash, tries + 1, p->reason);
		}
		return;
	}
	for (k = 0; k < ps->ndefer; k++) {
		if (ps->defer[k] == hash &&
		    store_txf_fulltext_get(f, hash, NULL) == NR_FULLTEXT_NONE)
			store_txf_fulltext_set(f, hash, 0, "waiting");
	}
}
