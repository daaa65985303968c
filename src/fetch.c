/*
 * Fetch: parallel downloads with libcurl's multi interface, conditional
 * GET, limits and error mapping. The only file that includes curl.h.
 */
#include "nr_config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "newsreader/error.h"
#include "newsreader/fetch.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "fetch_int.h"

#define HDR_MAX		1024	/* longest header value we keep */
#define RETRY_MAX	(7L * 86400)

#define CHARSET_CHARS	"abcdefghijklmnopqrstuvwxyz" \
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~"

#define ACCEPT_HDR	"Accept: application/rss+xml, " \
			"application/atom+xml, " \
			"application/rdf+xml, application/xml;q=0.9, " \
			"text/xml;q=0.9, */*;q=0.8"

/* One transfer: a request while it is queued or running. */
struct xfer {
	struct fetch		*f;
	struct fetch_req	*req;
	CURL			*easy;
	struct curl_slist	*hdrs;
	char			*host;		/* per-host limit */
	char			*buf;		/* the body so far */
	size_t			 len;
	size_t			 cap;
	int			 over;		/* body hit max_size */
	long			 hstatus;	/* of the last header */
	char			 curlerr[CURL_ERROR_SIZE];
	struct fetch_file	*file;		/* a file:// read, or NULL */
	struct xfer		*next;		/* in the wait queue */
};

struct fetch {
	CURLM			*multi;
	struct fetch_opts	 opts;
	void			(*done)(struct fetch_req *, void *);
	void			*arg;
	struct xfer		*qhead;		/* waiting */
	struct xfer		*qtail;
	struct xfer		**active;	/* opts.max_conns slots */
	size_t			 nactive;
	size_t			 pending;	/* queued + active */
};

enum nr_err
fetch_global_init(char *errbuf)
{
	CURLcode	 rc;

	rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK)
		return nr_seterr(errbuf, NR_EFETCH, "curl_global_init: %s",
		    curl_easy_strerror(rc));
	return NR_OK;
}

void
fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

void
fetch_opts_init(struct fetch_opts *o)
{
	memset(o, 0, sizeof *o);
	o->max_conns = NR_FETCH_MAX_CONNS;
	o->max_per_host = NR_FETCH_MAX_PER_HOST;
	o->connect_timeout = NR_FETCH_CONNECT_TIMEOUT;
	o->timeout = NR_FETCH_TIMEOUT;
	o->low_speed_time = NR_FETCH_LOW_SPEED_TIME;
	o->max_size = NR_FETCH_MAX_SIZE;
	o->max_redirs = NR_FETCH_MAX_REDIRS;
	o->user_agent = "newsreader/" PACKAGE_VERSION;
}

void
fetch_req_init(struct fetch_req *r)
{
	memset(r, 0, sizeof *r);
}

/* Free the results of a request, keeping its inputs. */
static void
req_reset(struct fetch_req *r)
{
	FREE(&r->body);
	FREE(&r->etag_out);
	FREE(&r->last_modified_out);
	FREE(&r->content_type);
	FREE(&r->effective_url);
	r->len = 0;
	r->err = NR_OK;
	r->status = 0;
	r->permanent_redirect = 0;
	r->retry_after = 0;
	r->errbuf[0] = '\0';
}

void
fetch_req_clear(struct fetch_req *r)
{
	if (r == NULL)
		return;
	req_reset(r);
}

/* True when s has a control character (it must not go into a header). */
static int
has_ctl(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/*
 * True when s is printable ASCII only: a Content-Type is, and anything
 * else in one (C1 controls such as U+009B CSI) would be passed on.
 */
static int
is_ascii_text(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* The lowercase host of url, or "" when it has none. */
static char *
host_of(const char *url)
{
	CURLU	*u;
	char	*h = NULL, *s, *p;

	u = curl_url();
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &h, 0);
	s = xstrdup(h != NULL ? h : "");
	curl_free(h);
	curl_url_cleanup(u);
	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return s;
}

/* Parse a Retry-After value: seconds or an HTTP date. */
static long
retry_after(const char *v)
{
	char	*end;
	long	 n;
	time_t	 t;

	if (*v >= '0' && *v <= '9') {
		n = strtol(v, &end, 10);
		if (n < 0)
			n = 0;
		return n > RETRY_MAX ? RETRY_MAX : n;
	}
	t = curl_getdate(v, NULL);
	if (t == (time_t)-1)
		return 0;
	n = (long)(t - time(NULL));
	if (n < 0)
		return 0;
	return n > RETRY_MAX ? RETRY_MAX : n;
}

/* Replace *dst with a copy of len bytes of v, if it is short and clean. */
static void
keep_header(char **dst, const char *v, size_t len)
{
	size_t	 i;

	if (len == 0 || len > HDR_MAX)
		return;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return;
	free(*dst);
	*dst = xstrndup(v, len);
}

/* libcurl header callback: status lines and the validators. */
static size_t
header_cb(char *b, size_t size, size_t nmemb, void *ud)
{
	struct xfer		*x = ud;
	struct fetch_req	*r = x->req;
	size_t			 len = size * nmemb, nlen;
	const char		*colon, *v, *end;
	char			 tmp[32];
	long			 code;

	if (len > 5 && strncmp(b, "HTTP/", 5) == 0) {
		/* A new response: the previous one was a followed redirect. */
		if (x->hstatus == 301 || x->hstatus == 308)
			r->permanent_redirect = 1;
		v = memchr(b, ' ', len);
		code = 0;
		if (v != NULL)
			code = strtol(v + 1, NULL, 10);
		x->hstatus = code;
		FREE(&r->etag_out);
		FREE(&r->last_modified_out);
		r->retry_after = 0;
		return len;
	}
	colon = memchr(b, ':', len);
	if (colon == NULL)
		return len;
	nlen = colon - b;
	v = colon + 1;
	end = b + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
	    end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (nlen == 4 && util_strncasecmp(b, "etag", 4) == 0)
		keep_header(&r->etag_out, v, end - v);
	else if (nlen == 13 && util_strncasecmp(b, "last-modified", 13) == 0)
		keep_header(&r->last_modified_out, v, end - v);
	else if (nlen == 11 && util_strncasecmp(b, "retry-after", 11) == 0 &&
	    (size_t)(end - v) < sizeof tmp) {
		memcpy(tmp, v, end - v);
		tmp[end - v] = '\0';
		r->retry_after = retry_after(tmp);
	}
	return len;
}

/* libcurl write callback: keep the body, stop at max_size. */
static size_t
write_cb(char *b, size_t size, size_t nmemb, void *ud)
{
	struct xfer	*x = ud;
	size_t		 len = size * nmemb, ncap;
	long		 code = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 300)
		return len;	/* an error page: not kept */
	if (len > x->f->opts.max_size - x->len) {
		x->over = 1;
		return 0;
	}
	if (x->len + len + 1 > x->cap) {
		ncap = x->cap == 0 ? 16384 : x->cap;
		while (ncap < x->len + len + 1)
			ncap *= 2;
		x->buf = xrealloc(x->buf, ncap);
		x->cap = ncap;
	}
	memcpy(x->buf + x->len, b, len);
	x->len += len;
	x->buf[x->len] = '\0';
	return len;
}

/* Set up the easy handle of a transfer; returns 0 or -1. */
static int
xfer_setup(struct xfer *x)
{
	const struct fetch_opts	*o = &x->f->opts;
	struct fetch_req	*r = x->req;
	struct curl_slist	*l;
	char			*h;
	CURL			*e;

	e = curl_easy_init();
	if (e == NULL)
		return -1;
	x->easy = e;
	l = curl_slist_append(NULL, ACCEPT_HDR);
	if (l != NULL && r->etag != NULL && *r->etag != '\0' &&
	    !has_ctl(r->etag)) {
		h = xasprintf("If-None-Match: %s", r->etag);
		l = curl_slist_append(l, h);
		free(h);
	}
	if (l != NULL && r->last_modified != NULL &&
	    *r->last_modified != '\0' && !has_ctl(r->last_modified)) {
		h = xasprintf("If-Modified-Since: %s", r->last_modified);
		l = curl_slist_append(l, h);
		free(h);
	}
	if (l == NULL)
		return -1;
	x->hdrs = l;

	curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->curlerr);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)o->max_redirs);
	/* No Referer on redirects: the feed's URL is nobody's business. */
	curl_easy_setopt(e, CURLOPT_AUTOREFERER, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, o->timeout);
	if (o->low_speed_time > 0) {
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 10L);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	}
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)o->max_size);
	curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	return 0;
}

/* Free a transfer and detach it from its request. */
static void
xfer_free(struct xfer *x)
{
	if (x->easy != NULL) {
		curl_multi_remove_handle(x->f->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	fetch_file_cancel(x->file);
	curl_slist_free_all(x->hdrs);
	free(x->host);
	free(x->buf);
	x->req->priv = NULL;
	free(x);
}

/* Fill in the request's results from a finished transfer. */
static void
xfer_finish(struct xfer *x, CURLcode rc)
{
	struct fetch_req	*r = x->req;
	char			*s;
	long			 code = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	r->status = code;
	s = NULL;
	if (curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &s) ==
	    CURLE_OK && s != NULL)
		r->effective_url = xstrdup(s);
	s = NULL;
	if (curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &s) ==
	    CURLE_OK && s != NULL && is_ascii_text(s))
		r->content_type = xstrdup(s);

	if (x->over || rc == CURLE_FILESIZE_EXCEEDED) {
		nr_seterr(r->errbuf, NR_ELIMIT,
		    "response larger than %zu bytes", x->f->opts.max_size);
		r->err = NR_ELIMIT;
		return;
	}
	if (rc != CURLE_OK) {
		nr_seterr(r->errbuf, NR_EFETCH, "%s",
		    x->curlerr[0] != '\0' ? x->curlerr :
		    curl_easy_strerror(rc));
		r->err = NR_EFETCH;
		return;
	}
	if (code == 304)
		return;
	if (code < 200 || code > 299) {
		if (r->retry_after > 0)
			nr_seterr(r->errbuf, NR_EHTTP,
			    "HTTP %ld (retry after %ld s)", code,
			    r->retry_after);
		else
			nr_seterr(r->errbuf, NR_EHTTP, "HTTP %ld", code);
		r->err = NR_EHTTP;
		return;
	}
	if (x->buf == NULL)
		x->buf = xstrdup("");
	r->body = x->buf;
	r->len = x->len;
	x->buf = NULL;
}

struct fetch *
fetch_create(const struct fetch_opts *opts,
    void (*done)(struct fetch_req *, void *), void *arg, char *errbuf)
{
	struct fetch		*f;
	struct fetch_opts	 d;

	fetch_opts_init(&d);
	f = xcalloc(1, sizeof *f);
	if (opts != NULL)
		f->opts = *opts;
	if (f->opts.max_conns <= 0)
		f->opts.max_conns = d.max_conns;
	if (f->opts.max_per_host <= 0)
		f->opts.max_per_host = d.max_per_host;
	if (f->opts.connect_timeout <= 0)
		f->opts.connect_timeout = d.connect_timeout;
	if (f->opts.timeout <= 0)
		f->opts.timeout = d.timeout;
	if (f->opts.low_speed_time == 0)
		f->opts.low_speed_time = d.low_speed_time;
	if (f->opts.max_size == 0)
		f->opts.max_size = d.max_size;
	if (f->opts.max_redirs <= 0)
		f->opts.max_redirs = d.max_redirs;
	if (f->opts.user_agent == NULL)
		f->opts.user_agent = d.user_agent;
	f->done = done;
	f->arg = arg;
	f->active = xcalloc(f->opts.max_conns, sizeof *f->active);
	f->multi = curl_multi_init();
	if (f->multi == NULL) {
		nr_seterr(errbuf, NR_EFETCH, "curl_multi_init failed");
		free(f->active);
		free(f);
		return NULL;
	}
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)f->opts.max_conns);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)f->opts.max_per_host);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	return f;
}

/* Mark a request cancelled and free its transfer. */
static void
cancel(struct xfer *x)
{
	x->req->err = nr_seterr(x->req->errbuf, NR_EFETCH, "cancelled");
	xfer_free(x);
}

void
fetch_free(struct fetch *f)
{
	struct xfer	*x;
	size_t		 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nactive; i++)
		cancel(f->active[i]);
	while (f->qhead != NULL) {
		x = f->qhead;
		f->qhead = x->next;
		cancel(x);
	}
	curl_multi_cleanup(f->multi);
	free(f->active);
	free(f);
}

/* Complete a transfer that could not start or finished. */
static void
complete(struct fetch *f, struct xfer *x)
{
	struct fetch_req	*r = x->req;

	xfer_free(x);
	f->pending--;
	/* curl's messages may quote the server (a host, a redirect). */
	text_clean_msg(r->errbuf, sizeof r->errbuf);
	if (f->done != NULL)
		f->done(r, f->arg);
}

/* Called on a file reader's thread when it is done: end the wait. */
static void
file_wake(void *arg)
{
	struct fetch	*f = arg;

	curl_multi_wakeup(f->multi);
}

/*
 * Start reading a file:// URL on its own thread (libcurl's file:
 * handler would block the loop on a FIFO or a device). Returns 0 with
 * the error in the request when it cannot start.
 */
static int
file_start(struct fetch *f, struct xfer *x)
{
	struct fetch_req	*r = x->req;
	enum nr_err		 err;

	x->file = fetch_file_start(r->url, f->opts.max_size, file_wake, f,
	    &err, r->errbuf);
	if (x->file == NULL) {
		r->err = err;
		return 0;
	}
	return 1;
}

/* Complete the file reads that are done. */
static void
reap_files(struct fetch *f)
{
	struct fetch_req	*r;
	struct xfer		*x;
	size_t			 i;

	for (i = 0; i < f->nactive; i++) {
		x = f->active[i];
		if (x->file == NULL || !fetch_file_done(x->file))
			continue;
		f->active[i--] = f->active[--f->nactive];
		r = x->req;
		r->err = fetch_file_finish(x->file, &r->body, &r->len,
		    r->errbuf);
		x->file = NULL;
		if (r->err == NR_OK) {
			r->status = 200;
			r->effective_url = xstrdup(r->url);
		}
		complete(f, x);
	}
}

/* Move queued transfers into free slots, respecting the host limit. */
static void
start_queued(struct fetch *f)
{
	struct xfer	*x, *prev, *next;
	size_t		 i;
	int		 same;

	prev = NULL;
	for (x = f->qhead; x != NULL; x = next) {
		next = x->next;
		if (f->nactive >= (size_t)f->opts.max_conns)
			break;
		same = 0;
		for (i = 0; i < f->nactive; i++)
			if (strcmp(f->active[i]->host, x->host) == 0)
				same++;
		if (same >= f->opts.max_per_host) {
			prev = x;
			continue;
		}
		if (prev == NULL)
			f->qhead = next;
		else
			prev->next = next;
		if (f->qtail == x)
			f->qtail = prev;
		x->next = NULL;
		if (fetch_is_file_url(x->req->url)) {
			if (!file_start(f, x)) {
				complete(f, x);
				continue;
			}
		} else if (xfer_setup(x) != 0 ||
		    curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
			if (x->easy != NULL) {
				curl_easy_cleanup(x->easy);
				x->easy = NULL;
			}
			x->req->err = nr_seterr(x->req->errbuf, NR_EFETCH,
			    "cannot start transfer");
			complete(f, x);
			continue;
		}
		f->active[f->nactive++] = x;
	}
}

enum nr_err
fetch_add(struct fetch *f, struct fetch_req *r, char *errbuf)
{
	struct xfer	*x;

	if (r->url == NULL || *r->url == '\0')
		return nr_seterr(errbuf, NR_EUSAGE, "no URL");
	req_reset(r);
	x = xcalloc(1, sizeof *x);
	x->f = f;
	x->req = r;
	x->host = host_of(r->url);
	r->priv = x;
	if (f->qtail == NULL)
		f->qhead = x;
	else
		f->qtail->next = x;
	f->qtail = x;
	f->pending++;
	return NR_OK;
}

size_t
fetch_pending(const struct fetch *f)
{
	return f->pending;
}

/* Collect finished transfers and call their callbacks. */
static void
reap(struct fetch *f)
{
	CURLMsg		*m;
	struct xfer	*x;
	size_t		 i;
	int		 left;

	for (;;) {
		m = curl_multi_info_read(f->multi, &left);
		if (m == NULL)
			break;
		if (m->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &x);
		if (x == NULL)
			continue;
		for (i = 0; i < f->nactive; i++) {
			if (f->active[i] == x) {
				f->active[i] = f->active[--f->nactive];
				break;
			}
		}
		xfer_finish(x, m->data.result);
		complete(f, x);
	}
}

enum nr_err
fetch_poll(struct fetch *f, struct pollfd *extra, unsigned int nextra,
    int timeout_ms, char *errbuf)
{
	struct curl_waitfd	*w = NULL;
	CURLMcode		 mc;
	unsigned int		 i;
	int			 running, nfds;

	start_queued(f);
	if (timeout_ms > 0 || nextra > 0) {
		if (nextra > 0)
			w = xcalloc(nextra, sizeof *w);
		for (i = 0; i < nextra; i++) {
			w[i].fd = extra[i].fd;
			w[i].events = 0;
			if (extra[i].events & POLLIN)
				w[i].events |= CURL_WAIT_POLLIN;
			if (extra[i].events & POLLPRI)
				w[i].events |= CURL_WAIT_POLLPRI;
			if (extra[i].events & POLLOUT)
				w[i].events |= CURL_WAIT_POLLOUT;
		}
		mc = curl_multi_poll(f->multi, w, nextra,
		    timeout_ms < 0 ? 0 : timeout_ms, &nfds);
		for (i = 0; i < nextra; i++) {
			extra[i].revents = 0;
			if (mc != CURLM_OK)
				continue;
			if (w[i].revents & CURL_WAIT_POLLIN)
				extra[i].revents |= POLLIN;
			if (w[i].revents & CURL_WAIT_POLLPRI)
				extra[i].revents |= POLLPRI;
			if (w[i].revents & CURL_WAIT_POLLOUT)
				extra[i].revents |= POLLOUT;
		}
		free(w);
		if (mc != CURLM_OK)
			return nr_seterr(errbuf, NR_EFETCH, "%s",
			    curl_multi_strerror(mc));
	}
	mc = curl_multi_perform(f->multi, &running);
	if (mc != CURLM_OK)
		return nr_seterr(errbuf, NR_EFETCH, "%s",
		    curl_multi_strerror(mc));
	reap(f);
	reap_files(f);
	start_queued(f);
	return NR_OK;
}

void
fetch_wakeup(struct fetch *f)
{
	curl_multi_wakeup(f->multi);
}

enum nr_err
fetch_all(struct fetch_req *reqs, size_t n, const struct fetch_opts *opts,
    void (*done)(struct fetch_req *, void *), void *arg, char *errbuf)
{
	struct fetch	*f;
	enum nr_err	 err;
	size_t		 i;
	time_t		 deadline;
	long		 per;

	f = fetch_create(opts, done, arg, errbuf);
	if (f == NULL)
		return NR_EFETCH;
	for (i = 0; i < n; i++) {
		err = fetch_add(f, &reqs[i], reqs[i].errbuf);
		if (err != NR_OK) {
			reqs[i].err = err;
			if (done != NULL)
				done(&reqs[i], arg);
		}
	}
	/* A safety net: every transfer is bounded by its own timeout. */
	per = f->opts.timeout + f->opts.connect_timeout + 5;
	deadline = time(NULL) + per * (long)(n / f->opts.max_per_host + 1);
	while (f->pending > 0 && time(NULL) < deadline) {
		err = fetch_poll(f, NULL, 0, 1000, errbuf);
		if (err != NR_OK)
			break;
	}
	fetch_free(f);
	return NR_OK;
}

/* The charset parameter of a Content-Type, or NULL (caller frees). */
char *
fetch_content_charset(const char *ct)
{
	const char	*p;
	size_t		 n;

	if (ct == NULL)
		return NULL;
	for (p = ct; *p != '\0'; p++) {
		if (util_strncasecmp(p, "charset=", 8) == 0)
			break;
	}
	if (*p == '\0')
		return NULL;
	p += 8;
	if (*p == '"')
		p++;
	n = strcspn(p, "\"; \t");
	if (n == 0 || n >= 64)
		return NULL;
	/* A charset name is a token: letters, digits and a few marks. */
	if (strspn(p, CHARSET_CHARS) < n)
		return NULL;
	return xstrndup(p, n);
}
