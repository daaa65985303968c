/*
 * Unit tests for refresh_pages.c: the politeness queue (per host, at
 * most NR_PAGE_PER_HOST at once and NR_PAGE_DELAY_MS between starts) and
 * a page's outcome (its article, or why not). No network: requests are
 * queued in a fetch driver that is never polled.
 */
#include "nr_config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/fetch.h"
#include "newsreader/util.h"
#include "refresh_int.h"

/* A page of url on host, not started. */
static void
page_init(struct page *p, const char *url, const char *host)
{
	memset(p, 0, sizeof *p);
	p->kind = NR_XFER_PAGE;
	p->url = xstrdup(url);
	p->host = xstrdup(host);
	p->published = p->updated = NR_TIME_NONE;
	fetch_req_init(&p->req);
	p->req.url = p->url;
	p->req.arg = p;
}

static void
page_clear(struct page *p)
{
	fetch_req_clear(&p->req);
	free(p->url);
	free(p->host);
	free(p->content);
}

static void
test_politeness(void **state)
{
	struct pageq	 q;
	struct page	 p[5];
	struct fetch	*f;
	char		 err[NR_ERRBUF_SIZE];
	size_t		 i;

	(void)state;
	assert_int_equal(fetch_global_init(err), NR_OK);
	f = fetch_create(NULL, NULL, NULL, err);
	assert_non_null(f);
	memset(&q, 0, sizeof q);
	page_init(&p[0], "http://a.example/1", "a.example");
	page_init(&p[1], "http://a.example/2", "a.example");
	page_init(&p[2], "http://a.example/3", "a.example");
	page_init(&p[3], "http://b.example/1", "b.example");
	page_init(&p[4], "http://a.example/4", "a.example");
	for (i = 0; i < 4; i++)
		pageq_push(&q, &p[i]);
	/* One page per host at once; the next on a waits the delay. */
	assert_int_equal(pageq_start(&q, f, 1000), NR_PAGE_DELAY_MS);
	assert_int_equal(fetch_pending(f), 2);
	assert_int_equal(pageq_start(&q, f, 1000 + NR_PAGE_DELAY_MS - 1), 1);
	assert_int_equal(fetch_pending(f), 2);
	assert_int_equal(pageq_start(&q, f, 1000 + NR_PAGE_DELAY_MS), -1);
	assert_int_equal(fetch_pending(f), 3);
	/* Two of a's are running: the third waits for one to end, not for
	 * time. */
	assert_int_equal(pageq_start(&q, f, 9000), -1);
	assert_int_equal(fetch_pending(f), 3);
	pageq_done(&q, &p[0]);
	assert_int_equal(pageq_start(&q, f, 9000), -1);
	assert_int_equal(fetch_pending(f), 4);
	assert_null(q.head);
	/* A page queued now waits the delay after the last start. */
	pageq_push(&q, &p[4]);
	pageq_done(&q, &p[1]);
	assert_int_equal(pageq_start(&q, f, 9000 + 10),
	    NR_PAGE_DELAY_MS - 10);
	assert_int_equal(fetch_pending(f), 4);
	fetch_free(f);
	pageq_free(&q);
	for (i = 0; i < 5; i++)
		page_clear(&p[i]);
	fetch_global_cleanup();
}

#define ARTICLE "<!DOCTYPE html><html><head><title>T</title>" \
	"<meta property=\"article:published_time\" " \
	"content=\"2023-04-14T12:15:00+03:00\"></head><body>" \
	"<nav><a href=\"/\">Home</a></nav><article><h1>T</h1>" \
	"<p>The first paragraph of the article, long enough to be one, with " \
	"a comma, and a full stop.</p><p>The second paragraph of the article " \
	"says more, and then some more, so that it counts.</p></article>" \
	"<footer>All rights reserved</footer></body></html>"

/* Finish p as if its transfer had given these results. */
static void
finish(struct page *p, enum nr_err e, const char *msg, const char *ctype,
    const char *body)
{
	page_init(p, "http://a.example/x", "a.example");
	p->req.err = e;
	p->req.status = e == NR_OK ? 200 : 404;
	if (msg != NULL)
		snprintf(p->req.errbuf, sizeof p->req.errbuf, "%s", msg);
	p->req.content_type = ctype != NULL ? xstrdup(ctype) : NULL;
	if (body != NULL) {
		p->req.body = xstrdup(body);
		p->req.len = strlen(body);
	}
	page_finish(p);
	assert_true(p->done);
	assert_null(p->req.body);
}

static void
test_page_finish(void **state)
{
	struct page	p;

	(void)state;
	finish(&p, NR_OK, NULL, "text/html; charset=utf-8", ARTICLE);
	assert_true(p.ok);
	assert_string_equal(p.content, "The first paragraph of the article, "
	    "long enough to be one, with a comma, and a full stop.\n"
	    "The second paragraph of the article says more, and then some "
	    "more, so that it counts.");
	assert_true(p.published == util_timegm(2023, 4, 14, 9, 15, 0));
	assert_true(p.updated == NR_TIME_NONE);
	page_clear(&p);

	finish(&p, NR_EHTTP, "HTTP 404", NULL, NULL);
	assert_false(p.ok);
	assert_string_equal(p.reason, "HTTP 404");
	page_clear(&p);

	finish(&p, NR_OK, NULL, "application/pdf", "%PDF-1.4");
	assert_false(p.ok);
	assert_string_equal(p.reason, "not HTML (application/pdf)");
	page_clear(&p);

	finish(&p, NR_OK, NULL, "text/html", "<html><body><nav>x</nav>"
	    "</body></html>");
	assert_false(p.ok);
	assert_non_null(strstr(p.reason, "no article"));
	assert_null(p.content);
	page_clear(&p);

	/* A hostile message is cleaned. */
	finish(&p, NR_EFETCH, "bad \x1b[31mred\x07", NULL, NULL);
	assert_null(strchr(p.reason, '\x1b'));
	page_clear(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_politeness),
		cmocka_unit_test(test_page_finish),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
