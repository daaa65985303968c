/*
 * The terminal front end's core: curses setup, the view stack, the one
 * poll(2) loop driving input and background refresh, the status line.
 */
#include "nr_config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/filter.h"
#include "newsreader/html.h"
#include "newsreader/refresh.h"
#include "newsreader/search.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

static struct ui_ctx	 ctx;
static volatile sig_atomic_t got_term;
static int		 curses_on;

/* Prompt state: '/' (search), link numbers. */
static int		 prompting;
static struct ui_edit	 prompt_ed;	/* the line being edited */
static int		 prompt_kind;	/* its history: UI_HIST_* */
static struct ui_hist	 hist;		/* every kind's, $DATA/.history */
static struct ui_hist_walk hist_walk;
static const char	*prompt_label;
static ui_prompt_cb	*prompt_cb;
static void		*prompt_arg;
static char		 prompt_err[NR_ERRBUF_SIZE];	/* under the prompt */
static size_t		 prompt_errcol;
static int		 prompt_gg;	/* "g" first: go to the top */
static int		 prompt_yn;	/* a y/n question: one key answers */
static char		 prompt_q[256];	/* its text */

/* Restore the terminal (also run by fatal()). */
static void
ui_cleanup(void)
{
	if (curses_on) {
		endwin();
		curses_on = 0;
	}
}

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

void
ui_status(struct ui_ctx *c, int err, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(c->status, sizeof c->status, fmt, ap);
	va_end(ap);
	c->status_err = err;
	ui_log_add("%s%s", err ? "error: " : "", c->status);
}

void
ui_view_push(struct ui_ctx *c, const struct ui_view *v, void *arg)
{
	if (c->depth == UI_STACK_MAX)
		return;
	c->stack[c->depth].view = v;
	c->stack[c->depth].data = v->init(c, arg);
	c->depth++;
}

void
ui_view_pop(struct ui_ctx *c)
{
	struct ui_frame	*f;

	if (c->depth == 0)
		return;
	f = &c->stack[--c->depth];
	f->view->free(f->data);
	f->view = NULL;
	f->data = NULL;
}

void
ui_date(int64_t t, int with_time, char *buf, size_t size)
{
	int	y, mo, d, h, mi, s;

	/* 0 and NR_TIME_NONE are no date; before 1970 is one (issue 11). */
	if (t == 0 || t == INT64_MIN) {
		snprintf(buf, size, "%s", with_time ? "never" : "");
		return;
	}
	util_gmtime(t, &y, &mo, &d, &h, &mi, &s);
	if (with_time)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, mo, d, h,
		    mi);
	else
		snprintf(buf, size, "%04d-%02d-%02d", y, mo, d);
}

int
ui_search_match(struct ui_ctx *c, const char *s)
{
	char	*low;
	int	 r;

	if (s == NULL || c->search[0] == '\0')
		return 0;
	low = text_lower(s);
	r = strstr(low, c->search) != NULL;
	free(low);
	return r;
}

void
ui_feed_count(struct ui_ctx *c, size_t i)
{
	struct ui_feed	*f = &c->feeds[i];

	f->unread = f->total = 0;
	if (f->sf == NULL)
		return;
	f->total = store_feed_count(f->sf);
	f->unread = store_feed_unread(f->sf);
}

struct store_cols *
ui_feed_cols(struct ui_ctx *c, size_t fi)
{
	struct ui_feed	*f = &c->feeds[fi];

	if (f->cols == NULL && f->sf != NULL) {
		f->cols = xcalloc(1, sizeof *f->cols);
		store_feed_cols(f->sf, f->cols);
	}
	return f->cols;
}

/* Forget feed i's copied columns (it is reloaded or closed). */
static void
drop_cols(struct ui_feed *f)
{
	if (f->cols == NULL)
		return;
	store_cols_free(f->cols);
	FREE(&f->cols);
}

size_t
ui_before(struct ui_ctx *c, size_t fi, int64_t t)
{
	struct store_cols	*cols = ui_feed_cols(c, fi);
	size_t			 lo = 0, hi, mid;

	if (cols == NULL)
		return 0;
	hi = cols->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cols->date[mid] >= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
ui_scan_begin(struct ui_ctx *c)
{
	if (c->memo == NULL)
		c->memo = filter_memo_create();
	else
		filter_memo_reset(c->memo);
}

void
ui_item(struct ui_ctx *c, size_t fi, size_t i, struct store_item *it)
{
	store_feed_item(c->feeds[fi].sf, i, it);
}

long
ui_find(struct ui_ctx *c, size_t fi, uint64_t hash)
{
	if (fi >= c->nfeeds || c->feeds[fi].sf == NULL)
		return -1;
	return store_feed_find(c->feeds[fi].sf, hash);
}

/* Parse a hex hash; returns 1 if s is one. */
static int
parse_hash(const char *s, uint64_t *out)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	*out = strtoull(s, &end, 16);
	return errno == 0 && *end == '\0';
}

/* Show the queued changes of feed fi on its freshly loaded items. */
static void
pend_apply(struct ui_ctx *c, size_t fi)
{
	struct ui_pend	*p;
	size_t		 k;
	long		 pos;
	int		 st;

	for (p = c->pend; p != NULL; p = p->next) {
		if (p->fi != fi || p->tag)
			continue;
		for (k = 0; k < p->n; k++) {
			if ((pos = ui_find(c, fi, p->hashes[k])) < 0)
				continue;
			st = store_feed_state(c->feeds[fi].sf, (size_t)pos);
			store_feed_overlay(c->feeds[fi].sf, p->hashes[k],
			    (st | p->set) & ~p->clear);
			if (c->feeds[fi].cols != NULL)
				store_cols_overlay(c->feeds[fi].sf,
				    c->feeds[fi].cols, p->hashes[k],
				    (st | p->set) & ~p->clear);
		}
	}
}

void
ui_feed_reload(struct ui_ctx *c, size_t i)
{
	struct ui_feed		*f = &c->feeds[i];
	struct store_feed	*sf;
	const char		*v;
	char			 err[NR_ERRBUF_SIZE];
	uint64_t		 h;

	f->loaded = 1;
	if (store_feed_open(c->st, f->name, &sf, err) != NR_OK) {
		ui_status(c, 1, "%s: FAIL (STORE): %s", f->name, err);
		return;
	}
	if (f->sf == NULL &&
	    parse_hash(store_feed_get(sf, NR_KEY_CURSOR), &h))
		f->cursor = h;
	drop_cols(f);
	store_feed_close(f->sf);
	f->sf = sf;
	f->gen++;
	pend_apply(c, i);
	v = store_feed_get(sf, NR_KEY_LAST_OK);
	f->last_ok = v != NULL ? strtoll(v, NULL, 10) : 0;
	free(f->error);
	v = store_feed_get(sf, NR_KEY_ERROR);
	f->error = v != NULL && *v != '\0' ? xstrdup(v) : NULL;
	if (f->title == NULL && (v = store_feed_get(sf, NR_KEY_TITLE)) !=
	    NULL && *v != '\0')
		f->title = text_clean(v, strlen(v), NR_TEXT_ONELINE |
		    NR_TEXT_TRIM, 256);
	ui_feed_count(c, i);
	log_debug("ui: %s reloaded: %zu items", f->name, store_feed_count(sf));
	c->gen++;
}

/* Row x comes before row y: newest first, then by feed, then stored. */
static int
ref_before(struct ui_ctx *c, const struct ui_ref *x, const struct ui_ref *y)
{
	int64_t	dx, dy;

	dx = c->all_dates[c->all_off[x->fi] + x->i];
	dy = c->all_dates[c->all_off[y->fi] + y->i];
	if (dx != dy)
		return dx > dy;
	if (x->fi != y->fi)
		return x->fi < y->fi;
	return x->i < y->i;
}

int
ui_ref_before(struct ui_ctx *c, size_t fi, const struct ui_ref *x,
    const struct ui_ref *y)
{
	if (fi != UI_ALL)
		return x->i < y->i;
	return ref_before(c, x, y);
}

/* A feed's next item in the merge, its date at hand. */
struct head {
	int64_t		date;
	uint32_t	fi;
	uint32_t	i;
};

static int
head_before(const struct head *x, const struct head *y)
{
	if (x->date != y->date)
		return x->date > y->date;
	return x->fi < y->fi;	/* one head per feed: i never ties */
}

/*
 * Merge every feed's items (each newest first in its mapped index) into
 * the mixed list with a heap of the feeds' next items: O(n log feeds).
 * Only the dates are read, copied out of the indexes (their pages are
 * not held), so a million items cost 16 MB, not the indexes' size.
 */
void
ui_all_update(struct ui_ctx *c)
{
	struct head	*heap, top;
	size_t		 i, n = 0, h = 0, k, ch, cnt;

	for (i = 0; i < c->nfeeds; i++)
		ui_feed_ensure(c, i);
	if (c->all != NULL && c->all_gen == c->gen)
		return;
	free(c->all_off);
	c->all_off = xcalloc(c->nfeeds + 1, sizeof *c->all_off);
	for (i = 0; i < c->nfeeds; i++) {
		c->all_off[i] = n;
		n += c->feeds[i].sf != NULL ? store_feed_count(c->feeds[i].sf) :
		    0;
	}
	c->all_off[c->nfeeds] = n;
	free(c->all_dates);
	c->all_dates = xcalloc(n + 1, sizeof *c->all_dates);
	for (i = 0; i < c->nfeeds; i++) {
		if (c->feeds[i].sf == NULL)
			continue;
		store_feed_dates(c->feeds[i].sf, c->all_dates + c->all_off[i]);
	}
	free(c->all);
	c->all = xcalloc(n + 1, sizeof *c->all);
	c->nall = 0;
	heap = xcalloc(c->nfeeds + 1, sizeof *heap);
	for (i = 0; i < c->nfeeds; i++) {
		if (c->all_off[i + 1] == c->all_off[i])
			continue;
		top.date = c->all_dates[c->all_off[i]];
		top.fi = (uint32_t)i;
		top.i = 0;
		for (k = h++; k > 0 && head_before(&top, &heap[(k - 1) / 2]);
		    k = (k - 1) / 2)
			heap[k] = heap[(k - 1) / 2];
		heap[k] = top;
	}
	while (h > 0) {
		top = heap[0];
		c->all[c->nall].fi = top.fi;
		c->all[c->nall++].i = top.i;
		cnt = c->all_off[top.fi + 1] - c->all_off[top.fi];
		if (++top.i < cnt)
			top.date = c->all_dates[c->all_off[top.fi] + top.i];
		else
			top = heap[--h];
		for (k = 0; (ch = 2 * k + 1) < h; k = ch) {
			if (ch + 1 < h && head_before(&heap[ch + 1], &heap[ch]))
				ch++;
			if (!head_before(&heap[ch], &top))
				break;
			heap[k] = heap[ch];
		}
		if (h > 0)
			heap[k] = top;
	}
	free(heap);
	c->all_gen = c->gen;
}

/* Queue a change; the queue's results are handled in queue_done. */
static struct ui_pend *
pend_add(struct ui_ctx *c, size_t fi, const uint64_t *h, size_t n, int set,
    int clear)
{
	struct ui_pend	*p;

	p = xcalloc(1, sizeof *p);
	p->fi = fi;
	p->hashes = xcalloc(n + 1, sizeof *p->hashes);
	if (n > 0)
		memcpy(p->hashes, h, n * sizeof *h);
	p->n = n;
	p->set = set;
	p->clear = clear;
	*c->pend_end = p;
	c->pend_end = &p->next;
	return p;
}

void
ui_feed_mark(struct ui_ctx *c, size_t i, const uint64_t *hashes, size_t n,
    int set, int clear)
{
	struct ui_feed	*f = &c->feeds[i];
	uint64_t	*ch;
	size_t		 k, m = 0;
	long		 pos;
	int		 st;

	if (f->sf == NULL || n == 0)
		return;
	ch = xcalloc(n, sizeof *ch);
	for (k = 0; k < n; k++) {
		if ((pos = store_feed_find(f->sf, hashes[k])) < 0)
			continue;
		st = store_feed_state(f->sf, (size_t)pos);
		if (((st | set) & ~clear) == st)
			continue;
		store_feed_overlay(f->sf, hashes[k], (st | set) & ~clear);
		if (f->cols != NULL)
			store_cols_overlay(f->sf, f->cols, hashes[k],
			    (st | set) & ~clear);
		ch[m++] = hashes[k];
	}
	if (m > 0) {
		pend_add(c, i, ch, m, set, clear);
		store_queue_mark(c->q, f->name, ch, m, set, clear);
	}
	free(ch);
	ui_feed_count(c, i);
	c->mgen++;
}

void
ui_feed_usertag(struct ui_ctx *c, size_t i, uint64_t hash, const char *tag,
    int add)
{
	struct ui_pend	*p;

	p = pend_add(c, i, &hash, 1, 0, 0);
	p->tag = 1;
	store_queue_usertag(c->q, c->feeds[i].name, hash, tag, add);
}

/* A queued change was written (or not): the oldest pending one. */
static void
queue_done(void *arg, const struct store_queue_result *r)
{
	struct ui_ctx	*c = arg;
	struct ui_pend	*p = c->pend;

	if (p == NULL)
		return;
	if ((c->pend = p->next) == NULL)
		c->pend_end = &c->pend;
	if (r->err != NR_OK) {
		ui_status(c, 1, "%s: FAIL (STORE): %s; not saved", r->feed,
		    r->msg);
		/* Back to what is on disk (and what is still queued). */
		ui_feed_reload(c, p->fi);
	} else if (p->tag) {
		ui_feed_reload(c, p->fi);
		ui_status(c, 0, "%s user tag '%s'", r->add ? "added" :
		    "removed", r->tag);
	}
	c->mgen++;
	free(p->hashes);
	free(p);
}

/* The UI feed named name, or -1. */
static long
feed_index(struct ui_ctx *c, const char *name)
{
	size_t	i;

	for (i = 0; i < c->nfeeds; i++) {
		if (strcmp(c->feeds[i].name, name) == 0)
			return (long)i;
	}
	return -1;
}

/* One feed of an R is done: count it, and sum up after the last. */
static void
batch_done(struct ui_ctx *c, struct ui_feed *f, int failed, size_t nnew)
{
	if (!f->in_batch)
		return;
	f->in_batch = 0;
	if (failed)
		c->batch.failed++;
	else
		c->batch.ok++;
	c->batch.nnew += nnew;
	if (--c->batch.left > 0)
		return;
	ui_status(c, c->batch.failed > 0, "%zu feed%s: %zu ok, %zu failed%s, "
	    "%zu new", c->batch.n, c->batch.n == 1 ? "" : "s", c->batch.ok,
	    c->batch.failed, c->batch.failed > 0 ? " (!)" : "",
	    c->batch.nnew);
}

/* Called by refresh_poll for each finished feed. */
static void
refresh_done(const struct refresh_result *r, void *arg)
{
	struct ui_ctx		*c = arg;
	struct ui_feed		*f;
	struct store_item	 e;
	const char		*title;
	long			 i, pos;

	i = feed_index(c, r->feed);
	if (i < 0)
		return;
	f = &c->feeds[i];
	if (r->page != 0) {
		/*
		 * f: one item's page, not the feed's refresh. Named, as
		 * another item may be on the screen by now.
		 */
		ui_feed_reload(c, (size_t)i);
		title = "?";
		if (f->sf != NULL && (pos = store_feed_find(f->sf,
		    r->page)) >= 0) {
			store_feed_item(f->sf, (size_t)pos, &e);
			title = e.title;
		}
		if (r->status == NR_REFRESH_ERROR)
			ui_status(c, 1, "page of %s: FAIL: %s", title,
			    r->message);
		else
			ui_status(c, 0, "the page's article is stored: %s (f "
			    "on it: the feed's text)", title);
		return;
	}
	f->refreshing = 0;
	ui_feed_reload(c, (size_t)i);
	if (r->status == NR_REFRESH_ERROR) {
		free(f->error);
		f->error = xstrdup(r->message);
		ui_status(c, 1, "%s: FAIL: %s", f->name, r->message);
	} else if (r->status == NR_REFRESH_NOT_MODIFIED)
		ui_status(c, 0, "%s: not modified", f->name);
	else
		ui_status(c, 0, "%s: %zu new, %zu updated", f->name, r->nnew,
		    r->nupdated);
	batch_done(c, f, r->status == NR_REFRESH_ERROR,
	    r->status == NR_REFRESH_ERROR ? 0 : r->nnew);
}

int
ui_feed_refresh(struct ui_ctx *c, size_t i)
{
	struct ui_feed	*f = &c->feeds[i];
	char		 err[NR_ERRBUF_SIZE];

	if (f->refreshing)
		return 0;
	if (c->rf == NULL) {
		ui_status(c, 1, "%s: cannot refresh: no refresher", f->name);
		return -1;
	}
	if (f->fe == NULL) {
		ui_status(c, 1, "%s: not in the feeds file, cannot refresh",
		    f->name);
		return -1;
	}
	if (refresh_add(c->rf, f->fe, err) != NR_OK) {
		ui_status(c, 1, "%s: FAIL: %s", f->name, err);
		return -1;
	}
	f->refreshing = 1;
	ui_status(c, 0, "%s: refreshing...", f->name);
	return 0;
}

int
ui_fetch_page(struct ui_ctx *c, size_t i, uint64_t hash, const char *link)
{
	struct ui_feed	*f = &c->feeds[i];
	char		 err[NR_ERRBUF_SIZE];

	if (c->rf == NULL) {
		ui_status(c, 1, "cannot fetch the page: no refresher");
		return -1;
	}
	if (refresh_page(c->rf, f->name, hash, link, err) != NR_OK) {
		ui_status(c, 1, "page: %s", err);
		return -1;
	}
	ui_status(c, 0, "fetching the page...");
	return 0;
}

void
ui_refresh_all(struct ui_ctx *c)
{
	struct ui_feed	*f;
	size_t		 i;

	memset(&c->batch, 0, sizeof c->batch);
	for (i = 0; i < c->nfeeds; i++) {
		f = &c->feeds[i];
		f->in_batch = 0;
		if (f->fe == NULL || ((f->fe->flags & NR_FEED_BUILTIN) &&
		    (long)i != c->cli_fi))
			continue;
		c->batch.n++;
		if (ui_feed_refresh(c, i) == 0) {
			f->in_batch = 1;
			c->batch.left++;
		} else
			c->batch.failed++;
	}
	if (c->batch.n == 0)
		ui_status(c, 0, "no feeds to refresh: add some to the feeds "
		    "file");
	else if (c->batch.left == 0)
		ui_status(c, 1, "%zu feed%s: 0 ok, %zu failed (!), 0 new",
		    c->batch.n, c->batch.n == 1 ? "" : "s", c->batch.failed);
	else
		ui_status(c, 0, "refreshing %zu feed%s...", c->batch.left,
		    c->batch.left == 1 ? "" : "s");
}

/* True if url may be given to a browser or the clipboard. */
static int
url_ok(struct ui_ctx *c, const char *url)
{
	if (url == NULL || *url == '\0') {
		ui_status(c, 1, "no link");
		return 0;
	}
	if (*url == '-' || strstr(url, "://") == NULL ||
	    !html_link_is_safe(url) || strpbrk(url, " \t\r\n") != NULL) {
		ui_status(c, 1, "refusing to open this link");
		return 0;
	}
	return 1;
}

void
ui_open_url(struct ui_ctx *c, const char *url)
{
	const char	*b = getenv("BROWSER");
	char		*copy, *argv[16], *p;
	int		 argc = 0, status, fd;
	pid_t		 pid;

	if (!url_ok(c, url))
		return;
	if (b == NULL || *b == '\0')
		b = "xdg-open";
	copy = xstrdup(b);
	for (p = strtok(copy, " \t"); p != NULL && argc < 14;
	    p = strtok(NULL, " \t"))
		argv[argc++] = p;
	if (argc == 0)
		argv[argc++] = (char *)"xdg-open";
	argv[argc++] = (char *)url;
	argv[argc] = NULL;
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		fd = open("/dev/null", O_WRONLY);
		if (fd != -1) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	status = 0;
	if (pid > 0) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			continue;
	}
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (pid < 0)
		ui_status(c, 1, "cannot start %s: %s", argv[0],
		    strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		ui_status(c, 1, "cannot run %s", argv[0]);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		ui_status(c, 1, "%s exited with status %d", argv[0],
		    WEXITSTATUS(status));
	else
		ui_status(c, 0, "opened in %s", argv[0]);
	free(copy);
}

void
ui_copy_url(struct ui_ctx *c, const char *url)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct strbuf	 sb;
	const unsigned char *u = (const unsigned char *)url;
	size_t		 len, i;
	unsigned long	 v;

	if (!url_ok(c, url))
		return;
	len = strlen(url);
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "\033]52;c;");
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)u[i] << 16 | (unsigned long)u[i + 1] << 8 |
		    u[i + 2];
		strbuf_addc(&sb, b64[v >> 18 & 63]);
		strbuf_addc(&sb, b64[v >> 12 & 63]);
		strbuf_addc(&sb, b64[v >> 6 & 63]);
		strbuf_addc(&sb, b64[v & 63]);
	}
	if (len - i == 1) {
		v = (unsigned long)u[i] << 16;
		strbuf_addc(&sb, b64[v >> 18 & 63]);
		strbuf_addc(&sb, b64[v >> 12 & 63]);
		strbuf_adds(&sb, "==");
	} else if (len - i == 2) {
		v = (unsigned long)u[i] << 16 | (unsigned long)u[i + 1] << 8;
		strbuf_addc(&sb, b64[v >> 18 & 63]);
		strbuf_addc(&sb, b64[v >> 12 & 63]);
		strbuf_addc(&sb, b64[v >> 6 & 63]);
		strbuf_addc(&sb, '=');
	}
	strbuf_addc(&sb, '\a');
	fflush(stdout);
	if (write(STDOUT_FILENO, sb.buf, sb.len) != (ssize_t)sb.len)
		ui_status(c, 1, "cannot copy the link");
	else
		ui_status(c, 0, "link copied");
	strbuf_clear(&sb);
}

/* Add a feed to the context; strings are copied. */
static struct ui_feed *
add_feed(struct ui_ctx *c, const char *name, const char *title,
    struct feedlist_entry *fe)
{
	struct ui_feed	*f;

	c->feeds = xreallocarray(c->feeds, c->nfeeds + 1, sizeof *c->feeds);
	f = &c->feeds[c->nfeeds++];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	if (title != NULL)
		f->title = text_clean(title, strlen(title), NR_TEXT_ONELINE |
		    NR_TEXT_TRIM, 256);
	f->fe = fe;
	return f;
}

size_t
ui_feed_add(struct ui_ctx *c, const char *name, const char *title,
    struct feedlist_entry *fe)
{
	add_feed(c, name, title, fe);
	c->gen++;
	return c->nfeeds - 1;
}

long
ui_feed_find(struct ui_ctx *c, const char *name)
{
	return feed_index(c, name);
}

void
ui_feed_forget(struct ui_ctx *c, size_t i)
{
	struct ui_feed	*f = &c->feeds[i];
	struct ui_pend	*p;

	free(f->name);
	free(f->title);
	free(f->error);
	drop_cols(f);
	store_feed_close(f->sf);
	memmove(c->feeds + i, c->feeds + i + 1,
	    (c->nfeeds - i - 1) * sizeof *c->feeds);
	c->nfeeds--;
	for (p = c->pend; p != NULL; p = p->next)
		if (p->fi > i && p->fi != UI_ALL)
			p->fi--;
	if (c->cli_fi == (long)i)
		c->cli_fi = -1;
	else if (c->cli_fi > (long)i)
		c->cli_fi--;
	if (c->all_fi != UI_ALL && c->all_fi >= i)
		c->all_fi = 0;
	if (c->memo != NULL)
		filter_memo_reset(c->memo);
	c->gen++;
	c->fgen++;
}

/*
 * A directory the store recorded for a URL that no line of the feeds
 * file resolves to any more: its files stay until --prune, but the feed
 * list does not show it.
 */
static int
unlisted(struct ui_ctx *c, const char *name)
{
	return store_feed_url(c->st, name) != NULL &&
	    !feedlist_lists(c->fl, name);
}

/*
 * The data directory's modification time into *ts; 1 if it differs
 * from the one *ts held (a feed directory was made or removed). A time
 * within the last 2 seconds is not trusted (another directory made in
 * the same clock tick leaves it as it is): the next call reads again.
 */
static int
dir_changed(struct ui_ctx *c, struct timespec *ts)
{
	struct stat	sb;

	if (stat(store_path(c->st), &sb) != 0)
		return 0;
	if (sb.st_mtim.tv_sec == ts->tv_sec &&
	    sb.st_mtim.tv_nsec == ts->tv_nsec)
		return 0;
	*ts = sb.st_mtim;
	if (sb.st_mtim.tv_sec >= time(NULL) - 2)
		ts->tv_nsec = -1;
	return 1;
}

/* Add the store's directories that are not feeds of the context yet. */
static void
add_dirs(struct ui_ctx *c)
{
	char	**names, err[NR_ERRBUF_SIZE];
	size_t	  n = 0, i;

	if (store_feeds(c->st, &names, &n, err) != NR_OK) {
		ui_status(c, 1, "FAIL (STORE): %s", err);
		names = NULL;
	}
	for (i = 0; i < n; i++) {
		if (feed_index(c, names[i]) < 0 && !unlisted(c, names[i]))
			add_feed(c, names[i], NULL, NULL);
		free(names[i]);
	}
	free(names);
}

/* The feeds of the feeds file, then the store's other directories. */
static void
load_feeds(struct ui_ctx *c)
{
	struct feedlist_entry	*fe;
	size_t			 i;

	for (i = 0; c->fl != NULL && i < c->fl->nentries; i++) {
		fe = c->fl->entries[i];
		if (unlisted(c, fe->name))
			continue;	/* a built-in feed the file replaced */
		if (feed_index(c, fe->name) < 0)
			add_feed(c, fe->name, fe->title, fe);
	}
	/* Read the time first: a directory made meanwhile is seen later. */
	dir_changed(c, &c->dir_mtime);
	add_dirs(c);
	/* Entries load lazily: ui_feed_ensure, or load_some in the loop. */
}

void
ui_feed_ensure(struct ui_ctx *c, size_t i)
{
	if (!c->feeds[i].loaded)
		ui_feed_reload(c, i);
}

/* Load up to n feeds not loaded yet; returns 1 while some are left. */
static int
load_some(struct ui_ctx *c, size_t n)
{
	size_t	i;

	for (i = 0; i < c->nfeeds && n > 0; i++) {
		if (!c->feeds[i].loaded) {
			ui_feed_reload(c, i);
			n--;
		}
	}
	for (; i < c->nfeeds; i++) {
		if (!c->feeds[i].loaded)
			return 1;
	}
	return 0;
}

/* Save each feed's cursor (the queue writes them before the exit). */
static void
save_cursors(struct ui_ctx *c)
{
	char	hex[17];
	size_t	i;

	for (i = 0; i < c->nfeeds; i++) {
		if (!c->feeds[i].cursor_dirty)
			continue;
		snprintf(hex, sizeof hex, "%016" PRIx64, c->feeds[i].cursor);
		store_queue_value(c->q, c->feeds[i].name, NR_KEY_CURSOR, hex);
		c->feeds[i].cursor_dirty = 0;
	}
}

/* A monotonic clock in milliseconds. */
static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Once a second: add the feed directories another process made (one
 * stat of the data directory; it is read only when that changed),
 * reload the loaded feeds that another process (or our own queue)
 * changed, so the screen shows what is on disk; and let the
 * indexes' pages go (those of the rows on screen come back at the next
 * draw), so that scrolling through a million items holds no more than
 * a screenful of them.
 */
static void
check_feeds(struct ui_ctx *c)
{
	size_t	i, n;

	if (now_ms() - c->checked < 1000)
		return;
	c->checked = now_ms();
	/* A new feed directory (--import --into, a cron --refresh). */
	n = c->nfeeds;
	if (dir_changed(c, &c->dir_mtime)) {
		add_dirs(c);
		if (c->nfeeds != n)
			c->gen++;
	}
	for (i = 0; i < c->nfeeds; i++) {
		if (c->feeds[i].sf == NULL)
			continue;
		if (!c->feeds[i].refreshing &&
		    store_feed_changed(c->feeds[i].sf))
			ui_feed_reload(c, i);
		else
			store_feed_release(c->feeds[i].sf);
	}
}

/* Translate a curses key to a table key. */
static int
map_key(int ret, wint_t wc)
{
	if (ret == OK)
		return (int)wc;
	switch (wc) {
	case KEY_UP:
		return NR_KEY_UP;
	case KEY_DOWN:
		return NR_KEY_DOWN;
	case KEY_LEFT:
		return NR_KEY_LEFT;
	case KEY_RIGHT:
		return NR_KEY_RIGHT;
	case KEY_PPAGE:
		return NR_KEY_PPAGE;
	case KEY_NPAGE:
		return NR_KEY_NPAGE;
	case KEY_HOME:
	case KEY_FIND:		/* ESC [ 1 ~, Home on VT-style terminals */
		return NR_KEY_HOME;
	case KEY_END:
	case KEY_SELECT:	/* ESC [ 4 ~ */
		return NR_KEY_END;
	case KEY_DC:
		return NR_KEY_DELETE;
	case KEY_ENTER:
		return '\n';
	}
	return -1;
}

/* The status line: prompt, message, or the top view's hints. */
static void
draw_status(struct ui_ctx *c)
{
	struct strbuf	 sb, hint;
	int		 y = c->rows - 1, w, lw;
	size_t		 i, pending = 0;

	strbuf_init(&sb, 0);
	if (prompting) {
		/* Scroll the line so that the cursor shows beside the label. */
		lw = ui_text_width(prompt_label);
		if (c->cols - lw < 8)
			lw = 0;	/* no room left beside the label */
		ui_edit_scroll(&prompt_ed, c->cols - lw);
		if (prompt_err[0] != '\0') {
			/* The error under the prompt, a caret at its column. */
			w = lw + (int)prompt_errcol - 1 -
			    ui_edit_hidden_cols(&prompt_ed);
			if (w < 0 || w + 12 > c->cols)
				w = 0;
			for (i = 0; (int)i < w; i++)
				strbuf_addc(&sb, ' ');
			strbuf_addf(&sb, "^ column %zu: %s", prompt_errcol,
			    prompt_err);
			ui_draw_text(y, 0, c->cols, strbuf_str(&sb),
			    UI_C_ERROR);
			strbuf_reset(&sb);
			y--;
		}
		/* The label, then the line from its first shown byte. */
		ui_draw_text(y, 0, c->cols, prompt_label, 0);
		ui_draw_text(y, lw, c->cols - lw,
		    prompt_ed.buf + prompt_ed.off, 0);
		w = lw + ui_edit_cursor_col(&prompt_ed);
		move(y, w < c->cols ? w : c->cols - 1);
		strbuf_clear(&sb);
		return;
	}
	for (i = 0; i < c->nfeeds; i++)
		pending += c->feeds[i].refreshing != 0;
	if (pending > 0)
		strbuf_addf(&sb, "[refreshing %zu] ", pending);
	if (c->q != NULL && store_queue_pending(c->q) > 0)
		strbuf_addf(&sb, "[saving%s%s] ", ui_text_dots(),
		    store_queue_waiting(c->q) ?
		    " waiting for another newsreader" : "");
	else if (c->rf != NULL && refresh_waiting(c->rf) > 0)
		strbuf_adds(&sb, "[waiting for another newsreader] ");
	if (c->status[0] != '\0')
		strbuf_adds(&sb, c->status);
	else {
		/* The view's state (its query, its day), then its keys. */
		if (c->hint[0] != '\0')
			strbuf_addf(&sb, "%s  ", c->hint);
		else if (c->query[0] != '\0')
			strbuf_addf(&sb, "filter: %s  ", c->query);
		strbuf_init(&hint, 0);
		ui_keys_hint(c->stack[c->depth - 1].view->hint, &hint);
		strbuf_adds(&sb, strbuf_str(&hint));
		strbuf_clear(&hint);
	}
	ui_draw_text(y, 0, c->cols, strbuf_str(&sb),
	    c->status_err ? UI_C_ERROR : UI_C_STATUS);
	strbuf_clear(&sb);
}

static void draw(struct ui_ctx *);

void
ui_draw_now(struct ui_ctx *c)
{
	draw(c);
}

/* Paint everything. */
static void
draw(struct ui_ctx *c)
{
	struct ui_frame	*f;
	struct strbuf	 sb;
	int		 h;

	erase();
	getmaxyx(stdscr, c->rows, c->cols);
	if (c->rows < 3 || c->cols < 8) {
		ui_draw_text(0, 0, c->cols, "too small", 0);
		refresh();
		return;
	}
	h = c->rows - 2;
	c->title[0] = '\0';
	c->hint[0] = '\0';
	f = &c->stack[c->depth - 1];
	f->view->draw(f->data, c, 1, h, c->cols);
	strbuf_init(&sb, 0);
	ui_text_pad(&sb, c->title, c->cols);
	ui_draw_text(0, 0, c->cols, strbuf_str(&sb),
	    UI_C_TITLE);
	strbuf_clear(&sb);
	draw_status(c);
	if (!prompting)
		move(c->rows - 1, c->cols - 1);
	refresh();
}

void
ui_prompt(struct ui_ctx *c, const char *label, const char *init,
    ui_prompt_cb *cb, void *arg)
{
	(void)c;
	prompting = 1;
	prompt_label = label;
	prompt_cb = cb;
	prompt_arg = arg;
	prompt_err[0] = '\0';
	prompt_gg = 0;
	prompt_yn = 0;
	prompt_kind = UI_HIST_NONE;
	ui_edit_set(&prompt_ed, init);
	ui_hist_walk_start(&hist_walk, &hist, prompt_kind);
	curs_set(1);
}

void
ui_confirm(struct ui_ctx *c, const char *question, ui_prompt_cb *cb,
    void *arg)
{
	snprintf(prompt_q, sizeof prompt_q, "%s ", question);
	ui_prompt(c, prompt_q, "", cb, arg);
	prompt_yn = 1;
}

void
ui_prompt_gg(struct ui_ctx *c)
{
	(void)c;
	prompt_gg = 1;
}

void
ui_prompt_history(struct ui_ctx *c, int kind)
{
	(void)c;
	prompt_kind = kind;
	ui_hist_walk_start(&hist_walk, &hist, prompt_kind);
}

/* Add text to the open prompt's history and write the file. */
static void
hist_remember(struct ui_ctx *c, const char *text)
{
	char	err[NR_ERRBUF_SIZE];

	if (prompt_kind == UI_HIST_NONE || text[0] == '\0')
		return;
	/* Another newsreader may have added entries: start from the file. */
	if (ui_hist_load(&hist, store_path(c->st), err) != NR_OK)
		log_debug("history: %s", err);
	if (ui_hist_add(&hist, prompt_kind, text) != 0)
		return;
	if (ui_hist_save(&hist, store_path(c->st), err) != NR_OK)
		log_debug("history: %s", err);
}

void
ui_prompt_error(struct ui_ctx *c, size_t col, const char *msg)
{
	(void)c;
	prompt_errcol = col;
	snprintf(prompt_err, sizeof prompt_err, "%s", msg);
}

/* The search prompt is done: remember the text and search. */
static void
search_done(struct ui_ctx *c, void *arg, const char *text)
{
	struct ui_frame	*f;
	char		*low;

	(void)arg;
	if (text[0] != '\0') {
		low = text_lower(text);
		snprintf(c->search, sizeof c->search, "%s", low);
		free(low);
	}
	f = &c->stack[c->depth - 1];
	if (c->search[0] != '\0' &&
	    !f->view->key(f->data, c, NR_OP_SEARCH_NEXT))
		ui_status(c, 0, "nothing to search here");
}

/* Handle a key while a prompt is open. */
static void
prompt_key(struct ui_ctx *c, int key)
{
	char		 text[UI_EDIT_MAX];
	struct ui_frame	*f;

	prompt_err[0] = '\0';
	if (prompt_yn) {
		prompting = prompt_yn = 0;
		curs_set(0);
		prompt_cb(c, prompt_arg, key == 'y' || key == 'Y' ? "y" : "");
		return;
	}
	if (prompt_gg && prompt_ed.len == 0 && key == 'g') {
		/* "gg" goes to the first line, as in vi. */
		prompting = 0;
		curs_set(0);
		f = &c->stack[c->depth - 1];
		f->view->key(f->data, c, NR_OP_HOME);
		return;
	}
	switch (key) {
	case '\n':
		prompting = 0;
		curs_set(0);
		c->status[0] = '\0';
		c->status_err = 0;
		snprintf(text, sizeof text, "%s", prompt_ed.buf);
		hist_remember(c, text);
		prompt_cb(c, prompt_arg, text);
		return;
	case 27:
	case 'G' - '@':
	case 'C' - '@':
		prompting = 0;
		curs_set(0);
		return;
	case NR_KEY_LEFT:
	case 'B' - '@':
		ui_edit_left(&prompt_ed);
		return;
	case NR_KEY_RIGHT:
	case 'F' - '@':
		ui_edit_right(&prompt_ed);
		return;
	case NR_KEY_HOME:
	case 'A' - '@':
		ui_edit_home(&prompt_ed);
		return;
	case NR_KEY_END:
	case 'E' - '@':
		ui_edit_end(&prompt_ed);
		return;
	case 127:
	case 'H' - '@':
	case NR_KEY_BACKSPACE:
		ui_edit_backspace(&prompt_ed);
		return;
	case NR_KEY_DELETE:
	case 'D' - '@':
		ui_edit_delete(&prompt_ed);
		return;
	case 'K' - '@':
		ui_edit_kill_end(&prompt_ed);
		return;
	case 'U' - '@':
		ui_edit_kill_line(&prompt_ed);
		return;
	case 'W' - '@':
		ui_edit_kill_word(&prompt_ed);
		return;
	case NR_KEY_UP:
	case 'P' - '@':
		ui_hist_walk(&hist_walk, &hist, &prompt_ed, -1);
		return;
	case NR_KEY_DOWN:
	case 'N' - '@':
		ui_hist_walk(&hist_walk, &hist, &prompt_ed, 1);
		return;
	}
	if (key < NR_KEY_BASE)
		ui_edit_insert(&prompt_ed, key);
}

/* Handle one key: the top view first, then the global ops. */
static void
handle_key(struct ui_ctx *c, int key)
{
	struct ui_frame	*f;
	enum nr_op	 op;
	long		 ifi;

	if (prompting) {
		prompt_key(c, key);
		return;
	}
	op = ui_keys_lookup(key);
	if (op == NR_OP_NONE)
		return;
	c->lastkey = key;
	c->status[0] = '\0';
	c->status_err = 0;
	f = &c->stack[c->depth - 1];
	if (f->view->key(f->data, c, op))
		return;
	switch (op) {
	case NR_OP_BACK:
		if (c->depth > 1) {
			ui_view_pop(c);
			break;
		}
		/* FALLTHROUGH */
	case NR_OP_QUIT:
		c->quit = c->quit != 0 ? 2 : 1;
		break;
	case NR_OP_HELP:
		if (strcmp(f->view->name, "help") != 0)
			ui_view_push(c, &ui_help_view, (void *)f->view);
		break;
	case NR_OP_MESSAGES:
		if (strcmp(f->view->name, "messages") != 0)
			ui_view_push(c, &ui_log_view, NULL);
		break;
	case NR_OP_REFRESH:
	case NR_OP_REFRESH_ALL:
		ui_refresh_all(c);
		break;
	case NR_OP_SEARCH:
		/* On the feed list: every feed's items (issue 14). */
		if (strcmp(f->view->name, "feeds") == 0)
			ui_search_all_prompt(c);
		else {
			ui_prompt(c, "/", "", search_done, NULL);
			ui_prompt_history(c, UI_HIST_SEARCH);
		}
		break;
	case NR_OP_SEARCH_NEXT:
		if (c->search[0] == '\0')
			ui_status(c, 0, "no search yet: press /");
		break;
	case NR_OP_REDRAW:
		clearok(curscr, TRUE);
		break;
	case NR_OP_UNDO:
		ui_mark_undo(c);
		break;
	case NR_OP_TAGS:
		if (strcmp(f->view->name, "tags") != 0)
			ui_view_push(c, &ui_tags_view, NULL);
		break;
	case NR_OP_CALENDAR:
		if (strcmp(f->view->name, "dates") != 0)
			ui_view_push(c, &ui_dates_view, NULL);
		break;
	case NR_OP_FILTER:
		ui_filter_prompt(c, c->query);
		break;
	case NR_OP_FILTER_CLEAR:
		if (c->query[0] == '\0' && c->day_span == 0)
			ui_status(c, 0, "no filter");
		ui_filter_set(c, "", NULL, NULL);
		ui_date_clear(c);
		break;
	case NR_OP_ALL_DATES:
		ui_date_clear(c);
		break;
	case NR_OP_GOTO_DATE:
		ui_date_prompt(c);
		break;
	case NR_OP_PREV_DAY:
	case NR_OP_NEXT_DAY:
	case NR_OP_PREV_WEEK:
	case NR_OP_NEXT_WEEK:
		/* Outside an item list: step in the list of every item. */
		if (strcmp(f->view->name, "feeds") == 0 ||
		    strcmp(f->view->name, "tags") == 0) {
			ifi = -1;
			ui_view_push(c, &ui_items_view, &ifi);
			f = &c->stack[c->depth - 1];
			f->view->key(f->data, c, op);
		}
		break;
	default:
		break;
	}
}

/*
 * Home and End as other terminals send them (tmux and screen send
 * ESC [ 1 ~ and ESC [ 4 ~ whatever TERM says, rxvt ESC [ 7 ~ and 8 ~),
 * when the terminfo entry does not name them already.
 */
static void
define_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} keys[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
		{ "\033[H", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[8~", KEY_END }, { "\033[F", KEY_END },
		{ "\033[3~", KEY_DC },
	};
	size_t	i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
	}
}

/* Start curses: colours unless NO_COLOR, keys, no delay. */
static void
start_curses(struct ui_ctx *c)
{
	initscr();
	curses_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	define_keys();
	curs_set(0);
	c->color = ui_color_start();
}

/* True while quitting now would lose what waits for another's lock. */
static int
quit_waits(struct ui_ctx *c)
{
	return (c->q != NULL && store_queue_waiting(c->q)) ||
	    (c->rf != NULL && refresh_waiting(c->rf) > 0);
}

/* What was quit before it could be stored, for after the exit. */
static void
quit_note(char *errbuf, size_t fetched, size_t changes)
{
	char	f[64] = "", c[64] = "";

	errbuf[0] = '\0';
	if (fetched == 0 && changes == 0)
		return;
	if (fetched > 0)
		snprintf(f, sizeof f, "%zu fetched feed%s or page%s", fetched,
		    fetched == 1 ? "" : "s", fetched == 1 ? "" : "s");
	if (changes > 0)
		snprintf(c, sizeof c, "%zu change%s (read, stars, tags)",
		    changes, changes == 1 ? "" : "s");
	snprintf(errbuf, NR_ERRBUF_SIZE, "quit while %s%s%s waited for "
	    "another newsreader's lock: not stored", f, f[0] != '\0' &&
	    c[0] != '\0' ? " and " : "", c);
}

int
ui_run(struct store *st, struct feedlist *fl, const char *feed, char *errbuf)
{
	struct sigaction	 sa;
	struct pollfd		 pfd[4];
	struct refresh_opts	 ro;
	struct ui_pend		*p;
	char			 err[NR_ERRBUF_SIZE];
	wint_t			 wc;
	size_t			 i;
	long			 fi = -1;
	int			 ret, key, loading;
	unsigned int		 npfd;
	size_t			 problems = ui_log_count();

	memset(&ctx, 0, sizeof ctx);
	ctx.st = st;
	ctx.fl = fl;
	ctx.pend_end = &ctx.pend;
	load_feeds(&ctx);
	if (feed != NULL && (fi = feed_index(&ctx, feed)) < 0 &&
	    store_feed_exists(st, feed)) {
		/* No longer listed, but on disk: it opens (until --prune). */
		add_feed(&ctx, feed, NULL, NULL);
		fi = (long)ctx.nfeeds - 1;
		ui_status(&ctx, 0, "%s: not in the feeds file", feed);
	}
	if (feed != NULL && fi < 0)
		return nr_seterr(errbuf, NR_ENOTFOUND, "%s: no such feed",
		    feed);
	ctx.cli_fi = fi;
	if (store_queue_create(store_path(st), &ctx.q, errbuf) != NR_OK)
		return NR_EIO;
	/* Words in queries search the full text (when the index opens). */
	if (search_open(st, &ctx.srch, err) != NR_OK)
		log_debug("search index: %s", err);
	else
		ctx.lk = ui_lookup_create(st);
	memset(&ro, 0, sizeof ro);
	ro.nowait = 1;	/* the input loop never waits for the lock */
	if (refresh_create(st, NULL, &ro, refresh_done, &ctx, &ctx.rf, err) !=
	    NR_OK) {
		ctx.rf = NULL;
		ui_status(&ctx, 1, "refresh unavailable: %s", err);
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	util_set_cleanup(ui_cleanup);
	start_curses(&ctx);

	ui_hist_init(&hist);
	if (ui_hist_load(&hist, store_path(st), err) != NR_OK)
		log_debug("history: %s", err);
	ui_view_push(&ctx, &ui_feeds_view, NULL);
	if (fi >= 0) {
		ui_feed_ensure(&ctx, (size_t)fi);
		ui_view_push(&ctx, &ui_items_view, &fi);
		ui_feed_refresh(&ctx, (size_t)fi);
	}
	/* What the caller logged before the start: say so first. */
	if (problems > 0)
		ui_status(&ctx, 1, "%zu problem%s in the config or feeds "
		    "file: M shows %s", problems, problems == 1 ? "" : "s",
		    problems == 1 ? "it" : "them");
	while (!got_term) {
		if (ctx.quit != 0 && (ctx.quit > 1 || !quit_waits(&ctx)))
			break;
		if (ctx.quit != 0)
			/* After "[... waiting for another newsreader]". */
			ui_status(&ctx, 1, "quitting after it (Q: quit "
			    "unsaved)");
		draw(&ctx);
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		pfd[1].fd = store_queue_fd(ctx.q);
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		pfd[2].fd = ui_job_fd();
		pfd[2].events = POLLIN;
		pfd[2].revents = 0;
		pfd[3].fd = ui_lookup_fd(ctx.lk);
		pfd[3].events = POLLIN;
		pfd[3].revents = 0;
		loading = load_some(&ctx, 4);
		/* Only the descriptors that are open (for curl's poll). */
		npfd = 2;
		if (pfd[2].fd != -1)
			pfd[npfd++] = pfd[2];
		if (pfd[3].fd != -1)
			pfd[npfd++] = pfd[3];
		if (ctx.rf != NULL && refresh_pending(ctx.rf) > 0) {
			if (refresh_poll(ctx.rf, pfd, npfd, loading ? 0 : 100,
			    err) != NR_OK)
				ui_status(&ctx, 1, "refresh: %s", err);
		} else if (poll(pfd, npfd, loading ? 0 : 250) == -1 &&
		    errno != EINTR)
			break;
		store_queue_results(ctx.q, queue_done, &ctx);
		/* A search's answer, a job's end, when they have come. */
		(void)ui_filter_lookup_done(&ctx);
		ui_job_poll(&ctx);
		check_feeds(&ctx);
		for (;;) {
			ret = get_wch(&wc);
			if (ret == ERR)
				break;
			if (ret == KEY_CODE_YES && wc == KEY_RESIZE)
				continue;	/* draw() reads the new size */
			if (ret == KEY_CODE_YES && wc == KEY_BACKSPACE)
				key = NR_KEY_BACKSPACE;
			else
				key = map_key(ret, wc);
			if (key == '\r')
				key = '\n';
			if (key != -1)
				handle_key(&ctx, key);
			if (ctx.quit)
				break;
		}
	}

	while (ctx.depth > 0)
		ui_view_pop(&ctx);
	ui_cleanup();
	util_set_cleanup(NULL);
	save_cursors(&ctx);
	/*
	 * Every queued change is written before the exit, unless the user
	 * would not wait for another process's lock (or a signal came).
	 */
	quit_note(errbuf, ctx.rf != NULL ? refresh_waiting(ctx.rf) : 0,
	    store_queue_abandon(ctx.q));
	while ((p = ctx.pend) != NULL) {
		ctx.pend = p->next;
		free(p->hashes);
		free(p);
	}
	refresh_free(ctx.rf);
	for (i = 0; i < ctx.nfeeds; i++) {
		free(ctx.feeds[i].name);
		free(ctx.feeds[i].title);
		free(ctx.feeds[i].error);
		drop_cols(&ctx.feeds[i]);
		store_feed_close(ctx.feeds[i].sf);
	}
	free(ctx.feeds);
	free(ctx.all);
	free(ctx.all_dates);
	free(ctx.all_off);
	filter_memo_free(ctx.memo);
	ui_filter_free(&ctx);
	ui_lookup_free(ctx.lk);
	search_free(ctx.srch);
	ui_mark_free();
	ui_log_free();
	ui_hist_clear(&hist);
	return NR_OK;
}
