/*
 * Unit tests for the fetch module, against tests/server.py on 127.0.0.1
 * (skipped with 77 when python3 is missing) and file:// URLs.
 */
#include "nr_config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "newsreader/error.h"
#include "newsreader/fetch.h"
#include "newsreader/util.h"

#define NPAR		24	/* URLs fetched in parallel */
#define FIXTURE		"feed1.xml"

static char	 srcdir[1024];
static char	 fixdir[1100];
static char	 tmpdir[] = "/tmp/nr-fetch.XXXXXX";
static char	 portfile[1200];
static char	 logfile[1200];
static pid_t	 server = -1;
static int	 port;

/* Seconds since some point, for elapsed times. */
static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Sleep for ms milliseconds. */
static void
nap(int ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * Start an instance of tests/server.py that writes its port to pf and
 * its log to lf; returns 0 with *pidp and *portp, or -1.
 */
static int
server_run(const char *pf, const char *lf, pid_t *pidp, int *portp)
{
	char	 script[1200], buf[32];
	FILE	*f;
	pid_t	 pid;
	int	 i, st;

	snprintf(script, sizeof script, "%s/tests/server.py", srcdir);
	pid = fork();
	if (pid == -1)
		return -1;
	if (pid == 0) {
		execlp("python3", "python3", script, "--root", fixdir,
		    "--port-file", pf, "--log", lf, "--lifetime", "120",
		    (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 200; i++) {	/* 10 s */
		f = fopen(pf, "r");
		if (f != NULL) {
			*portp = 0;
			if (fgets(buf, sizeof buf, f) != NULL)
				*portp = atoi(buf);
			fclose(f);
			if (*portp > 0) {
				*pidp = pid;
				return 0;
			}
		}
		if (waitpid(pid, &st, WNOHANG) == pid)
			return -1;
		nap(50);
	}
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	return -1;
}

/* Start the test server; returns 0, or -1 when it cannot run. */
static int
server_start(void)
{
	snprintf(portfile, sizeof portfile, "%s/port", tmpdir);
	snprintf(logfile, sizeof logfile, "%s/log", tmpdir);
	if (server_run(portfile, logfile, &server, &port) != 0) {
		server = -1;
		return -1;
	}
	return 0;
}

/* Stop a server and wait for it (bounded: it exits on SIGTERM). */
static void
server_kill(pid_t *pidp)
{
	int	 st, i;

	if (*pidp == -1)
		return;
	kill(*pidp, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (waitpid(*pidp, &st, WNOHANG) == *pidp) {
			*pidp = -1;
			return;
		}
		nap(50);
	}
	kill(*pidp, SIGKILL);
	waitpid(*pidp, &st, 0);
	*pidp = -1;
}

static void
server_stop(void)
{
	server_kill(&server);
}

/* Count lines of the server log that contain s. */
static int
log_count(const char *s)
{
	FILE	*f;
	char	 line[2048];
	int	 n = 0;

	f = fopen(logfile, "r");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (strstr(line, s) != NULL)
			n++;
	fclose(f);
	return n;
}

/* A URL on the test server (caller frees). */
static char *
url(const char *path)
{
	return xasprintf("http://127.0.0.1:%d%s", port, path);
}

/* The fixture's bytes (caller frees). */
static char *
fixture(size_t *lenp)
{
	char	*p, *buf;
	size_t	 len;
	char	 errbuf[NR_ERRBUF_SIZE];

	p = xasprintf("%s/%s", fixdir, FIXTURE);
	assert_int_equal(util_read_file(p, 0, &buf, &len, errbuf), NR_OK);
	free(p);
	*lenp = len;
	return buf;
}

/* Options for tests: short timeouts so failures are quick. */
static void
test_opts(struct fetch_opts *o)
{
	fetch_opts_init(o);
	o->connect_timeout = 5;
	o->timeout = 20;
}

/* Fetch one URL with opts (NULL: test defaults) into r. */
static void
fetch_one(struct fetch_req *r, const char *u, struct fetch_opts *opts)
{
	struct fetch_opts	 o;
	char			 errbuf[NR_ERRBUF_SIZE];

	if (opts == NULL) {
		test_opts(&o);
		opts = &o;
	}
	fetch_req_init(r);
	r->url = u;
	assert_int_equal(fetch_all(r, 1, opts, NULL, NULL, errbuf), NR_OK);
}

/* Completion counter for fetch_all. */
static void
count_done(struct fetch_req *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
}

static void
test_parallel_and_304(void **state)
{
	struct fetch_req	 r[NPAR];
	struct fetch_opts	 o;
	char			*urls[NPAR], *etags[NPAR], *lms[NPAR];
	char			*body;
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 len;
	int			 i, done = 0, before;

	(void)state;
	body = fixture(&len);
	test_opts(&o);
	o.max_per_host = 8;
	for (i = 0; i < NPAR; i++) {
		urls[i] = xasprintf("http://127.0.0.1:%d/%s?n=%d", port,
		    FIXTURE, i);
		fetch_req_init(&r[i]);
		r[i].url = urls[i];
	}
	assert_int_equal(fetch_all(r, NPAR, &o, count_done, &done, errbuf),
	    NR_OK);
	assert_int_equal(done, NPAR);
	for (i = 0; i < NPAR; i++) {
		assert_int_equal(r[i].err, NR_OK);
		assert_int_equal(r[i].status, 200);
		assert_int_equal(r[i].len, len);
		assert_memory_equal(r[i].body, body, len);
		assert_non_null(r[i].etag_out);
		assert_non_null(r[i].last_modified_out);
		assert_non_null(strstr(r[i].content_type, "xml"));
		etags[i] = xstrdup(r[i].etag_out);
		lms[i] = xstrdup(r[i].last_modified_out);
		fetch_req_clear(&r[i]);
	}

	/* Again with the validators: every answer is a 304. */
	before = log_count(" 304 cond=1");
	for (i = 0; i < NPAR; i++) {
		fetch_req_init(&r[i]);
		r[i].url = urls[i];
		if (i % 2 == 0)
			r[i].etag = etags[i];
		else
			r[i].last_modified = lms[i];
	}
	assert_int_equal(fetch_all(r, NPAR, &o, NULL, NULL, errbuf), NR_OK);
	for (i = 0; i < NPAR; i++) {
		assert_int_equal(r[i].err, NR_OK);
		assert_int_equal(r[i].status, 304);
		assert_null(r[i].body);
		assert_int_equal(r[i].len, 0);
		fetch_req_clear(&r[i]);
		free(urls[i]);
		free(etags[i]);
		free(lms[i]);
	}
	assert_int_equal(log_count(" 304 cond=1") - before, NPAR);
	free(body);
}

static void
test_stale_etag_200(void **state)
{
	struct fetch_req	 r;
	char			*u, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	u = url("/" FIXTURE);
	fetch_req_init(&r);
	r.url = u;
	r.etag = "\"stale\"";
	assert_int_equal(fetch_all(&r, 1, NULL, NULL, NULL, errbuf), NR_OK);
	assert_int_equal(r.err, NR_OK);
	assert_int_equal(r.status, 200);
	assert_non_null(r.body);
	fetch_req_clear(&r);
	free(u);
}

/* Expect an HTTP error with this status. */
static void
expect_http(const char *path, long status, const char *msg)
{
	struct fetch_req	 r;
	char			*u;

	u = url(path);
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_EHTTP);
	assert_int_equal(r.status, status);
	assert_null(r.body);
	assert_non_null(strstr(r.errbuf, msg));
	fetch_req_clear(&r);
	free(u);
}

static void
test_404(void **state)
{
	(void)state;
	expect_http("/status/404", 404, "HTTP 404");
	expect_http("/no-such-file.xml", 404, "HTTP 404");
}

static void
test_500(void **state)
{
	(void)state;
	expect_http("/status/500", 500, "HTTP 500");
}

static void
test_503_retry_after(void **state)
{
	struct fetch_req	 r;
	char			*u;

	(void)state;
	u = url("/status/503?retry-after=120");
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_EHTTP);
	assert_int_equal(r.status, 503);
	assert_int_equal(r.retry_after, 120);
	assert_non_null(strstr(r.errbuf, "HTTP 503"));
	fetch_req_clear(&r);
	free(u);
}

/* Expect a transport error. */
static void
expect_fetch_err(const char *u, struct fetch_opts *o, enum nr_err err)
{
	struct fetch_req	 r;

	fetch_one(&r, u, o);
	assert_int_equal(r.err, err);
	assert_null(r.body);
	assert_true(r.errbuf[0] != '\0');
	fetch_req_clear(&r);
}

static void
test_refused(void **state)
{
	struct sockaddr_in	 sa;
	socklen_t		 sl = sizeof sa;
	char			*u;
	int			 s;

	(void)state;
	/* A port that was free a moment ago and has no listener. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s >= 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &sl), 0);
	close(s);
	u = xasprintf("http://127.0.0.1:%d/x.xml", ntohs(sa.sin_port));
	expect_fetch_err(u, NULL, NR_EFETCH);
	free(u);
}

static void
test_stall_timeout(void **state)
{
	struct fetch_opts	 o;
	double			 t0;
	char			*u;

	(void)state;
	test_opts(&o);
	o.timeout = 1;
	u = url("/stall/10");
	t0 = now();
	expect_fetch_err(u, &o, NR_EFETCH);
	assert_true(now() - t0 < 5);
	free(u);
}

static void
test_truncated(void **state)
{
	char	*u;

	(void)state;
	u = url("/truncate/" FIXTURE);
	expect_fetch_err(u, NULL, NR_EFETCH);
	free(u);
}

static void
test_too_big_streamed(void **state)
{
	struct fetch_opts	 o;
	char			*u;

	(void)state;
	test_opts(&o);
	o.max_size = 1 << 20;
	u = url("/huge/4");
	expect_fetch_err(u, &o, NR_ELIMIT);
	free(u);
}

static void
test_too_big_announced(void **state)
{
	struct fetch_opts	 o;
	char			*u;

	(void)state;
	test_opts(&o);
	o.max_size = 1 << 20;
	u = url("/huge/4?length=1");
	expect_fetch_err(u, &o, NR_ELIMIT);
	free(u);
}

static void
test_limit_after_decoding(void **state)
{
	struct fetch_opts	 o;
	char			*u;

	(void)state;
	test_opts(&o);
	o.max_size = 100;
	u = url("/gzip/" FIXTURE);
	expect_fetch_err(u, &o, NR_ELIMIT);
	free(u);
}

static void
test_redirect_loop(void **state)
{
	char	*u;

	(void)state;
	u = url("/redirect-loop");
	expect_fetch_err(u, NULL, NR_EFETCH);
	free(u);
}

/* Follow a redirect; check the body and the permanent flag. */
static void
expect_redirect(const char *path, int permanent)
{
	struct fetch_req	 r;
	char			*u, *body;
	size_t			 len;

	body = fixture(&len);
	u = url(path);
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, len);
	assert_int_equal(r.permanent_redirect, permanent);
	assert_non_null(r.effective_url);
	assert_non_null(strstr(r.effective_url, "/" FIXTURE));
	assert_null(strstr(r.effective_url, "redirect"));
	fetch_req_clear(&r);
	free(u);
	free(body);
}

static void
test_redirect_301(void **state)
{
	(void)state;
	expect_redirect("/redirect/301/" FIXTURE, 1);
	expect_redirect("/301/" FIXTURE, 1);
}

static void
test_redirect_308(void **state)
{
	(void)state;
	expect_redirect("/redirect/308/" FIXTURE, 1);
}

static void
test_redirect_302(void **state)
{
	(void)state;
	expect_redirect("/redirect/302/" FIXTURE, 0);
	expect_redirect("/redirect/307/" FIXTURE, 0);
}

static void
test_gzip(void **state)
{
	struct fetch_req	 r;
	char			*u, *body;
	size_t			 len;

	(void)state;
	body = fixture(&len);
	u = url("/gzip/" FIXTURE);
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, body, len);
	fetch_req_clear(&r);
	free(u);
	free(body);
}

static void
test_content_type(void **state)
{
	struct fetch_req	 r;
	char			*u;

	(void)state;
	u = url("/html");
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_non_null(strstr(r.content_type, "text/html"));
	assert_non_null(strstr(r.body, "<html>"));
	fetch_req_clear(&r);
	free(u);
	u = url("/charset/koi8-r/" FIXTURE);
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_non_null(strstr(r.content_type, "charset=koi8-r"));
	fetch_req_clear(&r);
	free(u);
}

/* A charset with a C1 CSI (U+009B) is not passed on. */
static void
test_content_type_c1(void **state)
{
	struct fetch_req	 r;
	char			*u;

	(void)state;
	u = url("/charset/%C2%9B31m/" FIXTURE);
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_int_equal(r.status, 200);
	assert_null(r.content_type);
	fetch_req_clear(&r);
	free(u);
}

static void
test_charset(void **state)
{
	char	*c;

	(void)state;
	c = fetch_content_charset("text/xml; charset=koi8-r");
	assert_string_equal(c, "koi8-r");
	free(c);
	c = fetch_content_charset("text/xml; charset=\"UTF-8\"");
	assert_string_equal(c, "UTF-8");
	free(c);
	assert_null(fetch_content_charset("text/xml; charset=\xc2\x9b" "31m"));
	assert_null(fetch_content_charset("text/xml; charset=a\x1b]0;x"));
	assert_null(fetch_content_charset("text/xml; charset=\xe2\x80\xae"));
	assert_null(fetch_content_charset("text/xml"));
	assert_null(fetch_content_charset(NULL));
}

static void
test_request_headers(void **state)
{
	struct fetch_req	 r;
	char			*u;

	(void)state;
	u = url("/headers");
	fetch_req_init(&r);
	r.url = u;
	r.etag = "\"abc\"";
	r.last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_non_null(strstr(r.body, "User-Agent: newsreader/"));
	assert_non_null(strstr(r.body, "Accept-Encoding:"));
	fetch_req_clear(&r);

	/* fetch_one reset the validators: set them and fetch again. */
	fetch_req_init(&r);
	r.url = u;
	r.etag = "\"abc\"";
	r.last_modified = "x\r\nX-Injected: 1";
	{
		struct fetch_opts	 o;
		char			 errbuf[NR_ERRBUF_SIZE];

		test_opts(&o);
		assert_int_equal(fetch_all(&r, 1, &o, NULL, NULL, errbuf),
		    NR_OK);
	}
	assert_int_equal(r.err, NR_OK);
	assert_non_null(strstr(r.body, "If-None-Match: \"abc\""));
	assert_null(strstr(r.body, "X-Injected"));
	assert_null(strstr(r.body, "If-Modified-Since"));
	fetch_req_clear(&r);
	free(u);
}

/*
 * A redirect to another server on another loopback port carries no
 * Referer (issue 11, item 8): the second server's /headers shows what it
 * was sent.
 */
static void
test_redirect_no_referer(void **state)
{
	struct fetch_req	 r;
	pid_t			 other = -1;
	char			 pf[1300], lf[1300], *u;
	int			 oport = 0;

	(void)state;
	snprintf(pf, sizeof pf, "%s/port2", tmpdir);
	snprintf(lf, sizeof lf, "%s/log2", tmpdir);
	if (server_run(pf, lf, &other, &oport) != 0)
		fail_msg("cannot start a second server");
	u = xasprintf("http://127.0.0.1:%d/redirect-port/%d/headers", port,
	    oport);
	fetch_one(&r, u, NULL);
	server_kill(&other);
	assert_int_equal(r.err, NR_OK);
	assert_int_equal(r.status, 200);
	assert_non_null(r.effective_url);
	assert_non_null(strstr(r.effective_url, "/headers"));
	/* It is the other server that answered, with our headers. */
	assert_non_null(strstr(r.body, "User-Agent: newsreader/"));
	if (strstr(r.body, "Referer:") != NULL)
		fail_msg("a Referer was sent: %s", r.body);
	fetch_req_clear(&r);
	free(u);
	/* The same through the server's own redirect. */
	u = url("/redirect/302/headers");
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_non_null(strstr(r.body, "User-Agent: newsreader/"));
	assert_null(strstr(r.body, "Referer:"));
	fetch_req_clear(&r);
	free(u);
}

static void
test_parallel_timing(void **state)
{
	struct fetch_req	 r[8];
	struct fetch_opts	 o;
	char			*u, errbuf[NR_ERRBUF_SIZE];
	double			 t0;
	int			 i;

	(void)state;
	test_opts(&o);
	o.max_per_host = 8;
	u = url("/stall/1");
	for (i = 0; i < 8; i++) {
		fetch_req_init(&r[i]);
		r[i].url = u;
	}
	t0 = now();
	assert_int_equal(fetch_all(r, 8, &o, NULL, NULL, errbuf), NR_OK);
	assert_true(now() - t0 < 4);
	for (i = 0; i < 8; i++) {
		assert_int_equal(r[i].err, NR_OK);
		fetch_req_clear(&r[i]);
	}
	free(u);
}

static void
test_per_host_limit(void **state)
{
	struct fetch_req	 r[3];
	struct fetch_opts	 o;
	char			*u, errbuf[NR_ERRBUF_SIZE];
	double			 t0;
	int			 i;

	(void)state;
	test_opts(&o);
	o.max_per_host = 1;
	o.timeout = 2;	/* queued time must not count */
	u = url("/stall/1");
	for (i = 0; i < 3; i++) {
		fetch_req_init(&r[i]);
		r[i].url = u;
	}
	t0 = now();
	assert_int_equal(fetch_all(r, 3, &o, NULL, NULL, errbuf), NR_OK);
	assert_true(now() - t0 >= 2.9);
	for (i = 0; i < 3; i++) {
		assert_int_equal(r[i].err, NR_OK);
		fetch_req_clear(&r[i]);
	}
	free(u);
}

/* Completion callback for the driver test. */
static void
driver_done(struct fetch_req *r, void *arg)
{
	assert_int_equal(r->err, NR_OK);
	(*(int *)arg)++;
}

static void
test_driver(void **state)
{
	struct fetch		*f;
	struct fetch_req	 r[3], late;
	struct pollfd		 pfd;
	char			*u, *slow, errbuf[NR_ERRBUF_SIZE];
	int			 i, done = 0, p[2], seen = 0;
	char			 c;

	(void)state;
	assert_int_equal(pipe(p), 0);
	f = fetch_create(NULL, driver_done, &done, errbuf);
	assert_non_null(f);
	u = url("/" FIXTURE);
	for (i = 0; i < 3; i++) {
		fetch_req_init(&r[i]);
		r[i].url = u;
		assert_int_equal(fetch_add(f, &r[i], errbuf), NR_OK);
	}
	assert_int_equal(fetch_pending(f), 3);
	assert_int_equal(write(p[1], "x", 1), 1);
	for (i = 0; i < 200 && fetch_pending(f) > 0; i++) {
		pfd.fd = p[0];
		pfd.events = POLLIN;
		pfd.revents = 0;
		assert_int_equal(fetch_poll(f, &pfd, 1, 100, errbuf), NR_OK);
		if (pfd.revents & POLLIN) {
			seen = 1;
			assert_int_equal(read(p[0], &c, 1), 1);
		}
	}
	assert_int_equal(done, 3);
	assert_true(seen);
	for (i = 0; i < 3; i++) {
		assert_int_equal(r[i].status, 200);
		fetch_req_clear(&r[i]);
	}

	/* Freeing the driver cancels what is still running. */
	slow = url("/stall/5");
	fetch_req_init(&late);
	late.url = slow;
	assert_int_equal(fetch_add(f, &late, errbuf), NR_OK);
	assert_int_equal(fetch_poll(f, NULL, 0, 0, errbuf), NR_OK);
	fetch_free(f);
	assert_int_equal(late.err, NR_EFETCH);
	assert_int_equal(done, 3);
	fetch_req_clear(&late);
	free(slow);
	free(u);
	close(p[0]);
	close(p[1]);
}

static void
test_file_url(void **state)
{
	struct fetch_req	 r;
	char			*u, *body;
	size_t			 len;

	(void)state;
	body = fixture(&len);
	u = xasprintf("file://%s/%s", fixdir, FIXTURE);
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, body, len);
	fetch_req_clear(&r);
	free(u);
	free(body);
}

static void
test_file_missing(void **state)
{
	char	*u;

	(void)state;
	u = xasprintf("file://%s/no-such-file.xml", fixdir);
	expect_fetch_err(u, NULL, NR_EFETCH);
	free(u);
}

static void
test_file_too_big(void **state)
{
	struct fetch_opts	 o;
	char			*u;

	(void)state;
	test_opts(&o);
	o.max_size = 10;
	u = xasprintf("file://%s/%s", fixdir, FIXTURE);
	expect_fetch_err(u, &o, NR_ELIMIT);
	free(u);
}

/* Fetch u, which must fail with err and a message containing want. */
static void
expect_file_refused(const char *u, enum nr_err err, const char *want)
{
	struct fetch_req	 r;

	/* On 2557f40 a FIFO blocks open(2) for ever: end the test. */
	alarm(20);
	fetch_one(&r, u, NULL);
	alarm(0);
	assert_int_equal(r.err, err);
	assert_null(r.body);
	if (strstr(r.errbuf, want) == NULL)
		fail_msg("%s: '%s' does not say '%s'", u, r.errbuf, want);
	fetch_req_clear(&r);
}

/* FIFOs, devices and directories are refused at once, not read. */
static void
test_file_not_regular(void **state)
{
	char	*fifo, *u;

	(void)state;
	fifo = xasprintf("%s/fifo", tmpdir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	u = xasprintf("file://%s", fifo);
	expect_file_refused(u, NR_EFETCH, "a FIFO");
	free(u);
	expect_file_refused("file:///dev/null", NR_EFETCH,
	    "a character device");
	u = xasprintf("file://%s", tmpdir);
	expect_file_refused(u, NR_EFETCH, "a directory");
	free(u);
	unlink(fifo);
	free(fifo);
}

/* file://localhost/, %-escapes; other hosts and %00 are refused. */
static void
test_file_url_forms(void **state)
{
	struct fetch_req	 r;
	char			*dir, *path, *u, *body;
	size_t			 len;

	(void)state;
	body = fixture(&len);
	dir = xasprintf("%s/a b%%", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	path = xasprintf("%s/feed.xml", dir);
	assert_int_equal(util_write_atomic(dir, "feed.xml", body, len, NULL),
	    NR_OK);
	u = xasprintf("file://localhost%s/a%%20b%%25/feed.xml", tmpdir);
	fetch_one(&r, u, NULL);
	assert_int_equal(r.err, NR_OK);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, body, len);
	fetch_req_clear(&r);
	free(u);
	u = xasprintf("file://elsewhere%s", path);
	expect_file_refused(u, NR_EFETCH, "host");
	free(u);
	u = xasprintf("file://%s%%00.xml", path);
	expect_file_refused(u, NR_EFETCH, "%-escape");
	free(u);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	free(body);
}

/*
 * The poll loop of the interface with a FIFO feed and a file feed: both
 * complete, and poll keeps returning (it never sits in open(2)).
 */
static void
test_file_driver(void **state)
{
	struct fetch		*f;
	struct fetch_req	 r[2];
	struct pollfd		 pfd;
	char			*fifo, *u[2], errbuf[NR_ERRBUF_SIZE];
	int			 i, done = 0, p[2];
	double			 t0;

	(void)state;
	fifo = xasprintf("%s/fifo2", tmpdir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	u[0] = xasprintf("file://%s", fifo);
	u[1] = xasprintf("file://%s/%s", fixdir, FIXTURE);
	assert_int_equal(pipe(p), 0);
	f = fetch_create(NULL, count_done, &done, errbuf);
	assert_non_null(f);
	for (i = 0; i < 2; i++) {
		fetch_req_init(&r[i]);
		r[i].url = u[i];
		assert_int_equal(fetch_add(f, &r[i], errbuf), NR_OK);
	}
	alarm(20);
	t0 = now();
	for (i = 0; i < 100 && fetch_pending(f) > 0; i++) {
		pfd.fd = p[0];
		pfd.events = POLLIN;
		pfd.revents = 0;
		assert_int_equal(fetch_poll(f, &pfd, 1, 100, errbuf), NR_OK);
	}
	alarm(0);
	assert_int_equal(done, 2);
	assert_true(now() - t0 < 5);
	assert_int_equal(r[0].err, NR_EFETCH);
	assert_non_null(strstr(r[0].errbuf, "a FIFO"));
	assert_int_equal(r[1].err, NR_OK);
	assert_int_equal(r[1].status, 200);
	fetch_req_clear(&r[0]);
	fetch_req_clear(&r[1]);
	fetch_free(f);
	close(p[0]);
	close(p[1]);
	unlink(fifo);
	free(fifo);
	free(u[0]);
	free(u[1]);
}

static void
test_dns_failure(void **state)
{
	(void)state;
	expect_fetch_err("http://nonexistent.invalid/feed.xml", NULL,
	    NR_EFETCH);
}

static void
test_bad_protocol(void **state)
{
	(void)state;
	expect_fetch_err("ftp://127.0.0.1/feed.xml", NULL, NR_EFETCH);
	expect_fetch_err("gopher://127.0.0.1/", NULL, NR_EFETCH);
}

static void
test_empty_url(void **state)
{
	struct fetch_req	 r;
	char			 errbuf[NR_ERRBUF_SIZE];
	int			 done = 0;

	(void)state;
	fetch_req_init(&r);
	r.url = "";
	assert_int_equal(fetch_all(&r, 1, NULL, count_done, &done, errbuf),
	    NR_OK);
	assert_int_equal(r.err, NR_EUSAGE);
	assert_int_equal(done, 1);
	fetch_req_clear(&r);
	fetch_req_clear(NULL);
}

/* nftw callback: remove one file or directory. */
static int
rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

int
main(void)
{
	const struct CMUnitTest offline[] = {
		cmocka_unit_test(test_file_url),
		cmocka_unit_test(test_file_missing),
		cmocka_unit_test(test_file_too_big),
		cmocka_unit_test(test_file_not_regular),
		cmocka_unit_test(test_file_url_forms),
		cmocka_unit_test(test_file_driver),
		cmocka_unit_test(test_dns_failure),
		cmocka_unit_test(test_bad_protocol),
		cmocka_unit_test(test_empty_url),
		cmocka_unit_test(test_charset),
	};
	const struct CMUnitTest online[] = {
		cmocka_unit_test(test_parallel_and_304),
		cmocka_unit_test(test_stale_etag_200),
		cmocka_unit_test(test_404),
		cmocka_unit_test(test_500),
		cmocka_unit_test(test_503_retry_after),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_stall_timeout),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_too_big_streamed),
		cmocka_unit_test(test_too_big_announced),
		cmocka_unit_test(test_limit_after_decoding),
		cmocka_unit_test(test_redirect_loop),
		cmocka_unit_test(test_redirect_301),
		cmocka_unit_test(test_redirect_308),
		cmocka_unit_test(test_redirect_302),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_content_type),
		cmocka_unit_test(test_content_type_c1),
		cmocka_unit_test(test_request_headers),
		cmocka_unit_test(test_redirect_no_referer),
		cmocka_unit_test(test_parallel_timing),
		cmocka_unit_test(test_per_host_limit),
		cmocka_unit_test(test_driver),
	};
	const char	*s;
	char		 errbuf[NR_ERRBUF_SIZE];
	int		 rc;

	/* Loopback only: no proxy may intercept the test server. */
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
	signal(SIGPIPE, SIG_IGN);
	s = getenv("NR_SRCDIR");
	snprintf(srcdir, sizeof srcdir, "%s", s != NULL ? s : ".");
	if (srcdir[0] != '/') {
		/* file:// needs an absolute path. */
		char	 cwd[512];

		if (getcwd(cwd, sizeof cwd) == NULL)
			return 1;
		snprintf(srcdir, sizeof srcdir, "%s/%s", cwd,
		    s != NULL ? s : ".");
	}
	snprintf(fixdir, sizeof fixdir, "%s/tests/fixtures/fetch", srcdir);
	if (mkdtemp(tmpdir) == NULL)
		return 1;
	if (fetch_global_init(errbuf) != NR_OK)
		return 1;

	rc = cmocka_run_group_tests_name("fetch offline", offline, NULL,
	    NULL);
	if (server_start() == -1) {
		fprintf(stderr, "python3 or tests/server.py unavailable: "
		    "skipping the server tests\n");
		rc = rc != 0 ? rc : 77;
	} else {
		rc |= cmocka_run_group_tests_name("fetch server", online, NULL,
		    NULL);
		server_stop();
	}
	fetch_global_cleanup();
	if (nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		rc = rc != 0 ? rc : 1;
	return rc;
}
