/*
 * The interface's filter: the active query (compiled once), the date
 * range of the day/week keys, saved filters, and the prompts for them.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/error.h"
#include "newsreader/filter.h"
#include "newsreader/search.h"
#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

#define SAVED_MAX	32

static struct ui_saved	saved[SAVED_MAX];
static size_t		nsaved;

/* An item's summary, read from its article file when a query asks. */
struct lazy {
	const struct store_feed	*f;
	size_t			 i;
	int			 done;
	char			 buf[4096];
};

static const char *
lazy_summary(void *arg)
{
	struct lazy	*z = arg;

	if (!z->done) {
		store_feed_summary(z->f, z->i, z->buf, sizeof z->buf);
		z->done = 1;
	}
	return z->buf;
}

/* Forget the words looked up. */
static void
hits_free(struct ui_ctx *c)
{
	size_t	k;

	for (k = 0; c->hits != NULL && k < c->nwords; k++)
		search_hits_free(&c->hits[k]);
	free(c->hits);
	c->hits = NULL;
	c->nwords = 0;
}

/* Take the lookup thread's answer when there is one (waiting up to
 * wait_ms): 1 if it was taken. */
static int
take(struct ui_ctx *c, int wait_ms)
{
	struct search_hits	*h;
	unsigned long		 serial;
	size_t			 n, k;

	if (c->lk == NULL ||
	    !ui_lookup_take(c->lk, wait_ms, &serial, &h, &n))
		return 0;
	if (serial != c->lookup_serial) {
		for (k = 0; h != NULL && k < n; k++)
			search_hits_free(&h[k]);
		free(h);
		return 0;
	}
	hits_free(c);
	/* A failed lookup: words are looked for in titles and summaries. */
	c->hits = h;
	c->nwords = h != NULL ? n : 0;
	c->hits_pending = 0;
	return 1;
}

/*
 * Look the query's words up in the search index (brought up to date
 * first: cheap when nothing changed), on the lookup thread: an answer
 * within UI_LOOKUP_WAIT_MS is taken at once; a later one arrives through
 * ui_filter_lookup_done, and meanwhile a new query matches nothing
 * ("searching…") while the same query looked up again (items came or
 * went) keeps its old answer. Without an index, or when it fails, words
 * are looked for in titles and summaries.
 */
static void
hits_load(struct ui_ctx *c, int newquery)
{
	const char	*w, *words[64];
	size_t		 k, n;
	int		 prefix, prefixes[64];

	c->hits_gen = c->gen;
	if (c->flt == NULL || c->srch == NULL ||
	    (n = filter_nwords(c->flt)) == 0) {
		hits_free(c);
		c->hits_pending = 0;
		c->lookup_serial++;	/* an answer still coming is stale */
		return;
	}
	(void)search_sync(c->srch, NULL);
	if (c->lk != NULL && n <= 64) {
		for (k = 0; k < n; k++)
			words[k] = filter_word(c->flt, k, &prefixes[k]);
		if (ui_lookup_start(c->lk, ++c->lookup_serial, words,
		    prefixes, n) == 0) {
			if (take(c, UI_LOOKUP_WAIT_MS))
				return;
			if (newquery || c->hits_pending) {
				hits_free(c);
				c->hits_pending = 1;
			}
			return;
		}
	}
	hits_free(c);
	c->hits_pending = 0;
	c->hits = xcalloc(n, sizeof *c->hits);
	c->nwords = n;
	for (k = 0; k < n; k++) {
		w = filter_word(c->flt, k, &prefix);
		if (search_query(c->srch, w, prefix, &c->hits[k], NULL) !=
		    NR_OK) {
			hits_free(c);
			return;
		}
	}
}

int
ui_filter_lookup_done(struct ui_ctx *c)
{
	if (!take(c, 0))
		return 0;
	/* Every view builds its rows again with the answer. */
	c->fgen++;
	return 1;
}

/* Which of the query's words the item (feed, hash) contains. */
static uint64_t
item_words(struct ui_ctx *c, const char *feed, uint64_t hash)
{
	uint64_t	w = 0;
	size_t		k;
	long		fk;

	for (k = 0; k < c->nwords; k++) {
		fk = search_hits_feed(&c->hits[k], feed);
		if (fk >= 0 && search_hits_find(&c->hits[k], (uint32_t)fk,
		    hash) >= 0)
			w |= (uint64_t)1 << k;
	}
	return w;
}

double
ui_rank(struct ui_ctx *c, size_t fi, uint64_t hash)
{
	double	r = 0;
	size_t	k;
	long	fk, pos;

	if (c->nwords > 0 && c->hits_gen != c->gen)
		hits_load(c, 0);
	for (k = 0; k < c->nwords; k++) {
		fk = search_hits_feed(&c->hits[k], c->feeds[fi].name);
		if (fk >= 0 && (pos = search_hits_find(&c->hits[k],
		    (uint32_t)fk, hash)) >= 0)
			r += c->hits[k].v[pos].rank;
	}
	return r;
}

/*
 * The filter's view of item i of feed fi, from the copied columns: no
 * page of the index is read unless the query looks at titles (then the
 * item's strings), and tag lists are read once each (the memo).
 */
static void
fill(struct ui_ctx *c, size_t fi, size_t i, struct filter_item *it,
    struct lazy *z)
{
	struct store_cols	*cols = ui_feed_cols(c, fi);
	struct store_feed	*sf = c->feeds[fi].sf;
	struct store_item	 si;

	memset(it, 0, sizeof *it);
	it->feed = c->feeds[fi].name;
	it->feed_title = c->feeds[fi].title;
	it->date = cols->date[i];
	it->state = cols->state[i];
	it->tags = store_feed_tagstr(sf, cols, i, 0);
	it->usertags = store_feed_tagstr(sf, cols, i, 1);
	it->memo = c->memo;
	if (c->hits != NULL) {
		it->has_words = 1;
		it->words = item_words(c, it->feed, store_feed_hash(sf, i));
	}
	if (c->flt_title) {
		store_feed_item(sf, i, &si);
		it->title = si.title;
		z->f = sf;
		z->i = i;
		z->done = 0;
		it->get_summary = lazy_summary;
		it->arg = z;
	}
}

int
ui_match(struct ui_ctx *c, size_t fi, size_t i, int dates)
{
	struct filter_item	it;
	struct lazy		z;
	int64_t			date;

	if (dates && c->day_span != 0) {
		date = ui_feed_cols(c, fi)->date[i];
		if (date < c->day_lo || date >= c->day_hi)
			return 0;
	}
	if (c->flt == NULL)
		return 1;
	/* Items came or went: look the words up again. */
	if ((c->nwords > 0 || c->hits_pending) && c->hits_gen != c->gen)
		hits_load(c, 0);
	/* A new query's words not looked up yet: nothing matches yet. */
	if (c->hits_pending)
		return 0;
	fill(c, fi, i, &it, &z);
	return filter_match(c->flt, &it);
}

int
ui_filter_set(struct ui_ctx *c, const char *q, size_t *col, char *msg)
{
	struct filter	*f;

	if (filter_compile(q, (int64_t)time(NULL), &f, col, msg) != NR_OK)
		return -1;
	filter_free(c->flt);
	c->flt = NULL;
	if (filter_is_all(f))
		filter_free(f);
	else
		c->flt = f;
	c->flt_title = c->flt != NULL && filter_uses_title(c->flt);
	snprintf(c->query, sizeof c->query, "%s", c->flt != NULL ? q : "");
	hits_load(c, 1);
	c->fgen++;
	return 0;
}

void
ui_filter_free(struct ui_ctx *c)
{
	filter_free(c->flt);
	c->flt = NULL;
	c->query[0] = '\0';
	hits_free(c);
	c->hits_pending = 0;
}

/*
 * The next blank-separated word of the query at *p (quotes keep blanks
 * inside): its start, and its length into *len; NULL at the end.
 */
static const char *
next_word(const char **p, size_t *len)
{
	const char	*s = *p, *w;
	int		 quoted = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	for (w = s; *s != '\0' && (quoted || (*s != ' ' && *s != '\t'));
	    s++) {
		if (*s == '"')
			quoted = !quoted;
	}
	*len = (size_t)(s - w);
	*p = s;
	return w;
}

/* True if word (len bytes) is +tag or -tag, bare or quoted. */
static int
word_is_tag(const char *w, size_t len, const char *tag)
{
	size_t	n = strlen(tag);

	if (len < 2 || (w[0] != '+' && w[0] != '-'))
		return 0;
	if (len == n + 1 && util_strncasecmp(w + 1, tag, n) == 0)
		return 1;
	return len == n + 3 && w[1] == '"' && w[len - 1] == '"' &&
	    util_strncasecmp(w + 2, tag, n) == 0;
}

int
ui_filter_has_tag(struct ui_ctx *c, const char *tag)
{
	const char	*p = c->query, *w;
	size_t		 len;

	while ((w = next_word(&p, &len)) != NULL) {
		if (word_is_tag(w, len, tag))
			return w[0];
	}
	return 0;
}

void
ui_filter_tag(struct ui_ctx *c, const char *tag, int sign)
{
	struct strbuf	 sb;
	const char	*p = c->query, *w;
	char		 msg[NR_ERRBUF_SIZE];
	size_t		 len, col;
	int		 had = 0;

	if (strchr(tag, '"') != NULL) {
		ui_status(c, 1, "cannot filter on a tag with a quote");
		return;
	}
	strbuf_init(&sb, 0);
	while ((w = next_word(&p, &len)) != NULL) {
		if (word_is_tag(w, len, tag)) {
			had = w[0];
			continue;
		}
		if (sb.len > 0)
			strbuf_addc(&sb, ' ');
		strbuf_add(&sb, w, len);
	}
	if (had != sign) {
		if (sb.len > 0)
			strbuf_addc(&sb, ' ');
		if (strpbrk(tag, " \t()") != NULL)
			strbuf_addf(&sb, "%c\"%s\"", sign, tag);
		else
			strbuf_addf(&sb, "%c%s", sign, tag);
	}
	if (sb.len >= sizeof c->query)
		ui_status(c, 1, "the query is too long");
	else if (ui_filter_set(c, strbuf_str(&sb), &col, msg) != 0)
		ui_status(c, 1, "query: column %zu: %s", col, msg);
	strbuf_clear(&sb);
}

size_t
ui_source_count(struct ui_ctx *c, size_t fi)
{
	if (fi == UI_ALL) {
		ui_all_update(c);
		return c->nall;
	}
	ui_feed_ensure(c, fi);
	return c->feeds[fi].sf != NULL ? store_feed_count(c->feeds[fi].sf) :
	    0;
}

struct ui_ref
ui_source_ref(struct ui_ctx *c, size_t fi, size_t i)
{
	struct ui_ref	r;

	if (fi == UI_ALL)
		return c->all[i];
	r.fi = (uint32_t)fi;
	r.i = (uint32_t)i;
	return r;
}

int64_t
ui_day_start(int64_t t, int days)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t
ui_week_start(int64_t t)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	localtime_r(&tt, &tm);
	return ui_day_start(t, -((tm.tm_wday + 6) % 7));
}

void
ui_date_set(struct ui_ctx *c, int64_t day, int span)
{
	c->day_lo = span == 7 ? ui_week_start(day) : ui_day_start(day, 0);
	c->day_hi = ui_day_start(c->day_lo, span);
	c->day_span = span;
	c->fgen++;
}

void
ui_date_clear(struct ui_ctx *c)
{
	if (c->day_span == 0)
		return;
	c->day_span = 0;
	c->day_lo = c->day_hi = 0;
	c->fgen++;
}

/*
 * The date of the newest item of feed k older than lo (dir -1), or of
 * the oldest at or after hi (dir 1), that matches the query; 0 if none.
 * Items are newest first, so the start is a binary search.
 */
static int64_t
step_feed(struct ui_ctx *c, size_t k, int dir, int64_t lo, int64_t hi)
{
	struct store_cols	*cols = ui_feed_cols(c, k);
	size_t			 n, i;

	if (cols == NULL)
		return 0;
	n = cols->n;
	if (dir < 0) {
		for (i = ui_before(c, k, lo); i < n; i++) {
			if (cols->date[i] > 0 && ui_match(c, k, i, 0))
				return cols->date[i];
		}
		return 0;
	}
	for (i = ui_before(c, k, hi); i > 0; i--) {
		if (cols->date[i - 1] >= hi && ui_match(c, k, i - 1, 0))
			return cols->date[i - 1];
	}
	return 0;
}

int
ui_date_step(struct ui_ctx *c, size_t fi, int dir, int span,
    const struct ui_ref *cur)
{
	int64_t	lo, hi, best = 0, date;
	size_t	k, first, last;
	int	found = 0;

	if (c->day_span == 0 && cur != NULL &&
	    (date = store_feed_date(c->feeds[cur->fi].sf, cur->i)) > 0) {
		ui_date_set(c, date, span);
		return 0;
	}
	(void)ui_source_count(c, fi);
	if (c->day_span == 0) {
		/* No item under the cursor: start after the newest. */
		lo = hi = INT64_MAX;
		dir = -1;
	} else {
		lo = span == 7 ? ui_week_start(c->day_lo) : c->day_lo;
		hi = ui_day_start(lo, span);
	}
	first = fi == UI_ALL ? 0 : fi;
	last = fi == UI_ALL ? c->nfeeds : fi + 1;
	ui_scan_begin(c);
	for (k = first; k < last; k++) {
		date = step_feed(c, k, dir, lo, hi);
		if (date == 0 || (found && (dir < 0 ? date <= best :
		    date >= best)))
			continue;
		best = date;
		found = 1;
	}
	if (!found) {
		ui_status(c, 0, "no %s %s with items", dir < 0 ? "earlier" :
		    "later", span == 7 ? "week" : "day");
		return -1;
	}
	ui_date_set(c, best, span);
	return 0;
}

int
ui_date_parse(const char *s, int64_t now, int64_t *out)
{
	struct tm	 tm;
	char		*end;
	long		 n;
	int		 y, mo, d;
	char		 extra;

	while (*s == ' ')
		s++;
	if (util_strcasecmp(s, "today") == 0) {
		*out = ui_day_start(now, 0);
		return 0;
	}
	if (util_strcasecmp(s, "yesterday") == 0) {
		*out = ui_day_start(now, -1);
		return 0;
	}
	if (s[0] == '-' && s[1] >= '0' && s[1] <= '9') {
		n = strtol(s + 1, &end, 10);
		if (n > 36600 || (strcmp(end, "d") != 0 &&
		    strcmp(end, "w") != 0))
			return -1;
		*out = ui_day_start(now, -(int)n * (*end == 'w' ? 7 : 1));
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &extra) != 3 ||
	    y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	*out = (int64_t)mktime(&tm);
	localtime_r(&(time_t){ (time_t)*out }, &tm);
	if (tm.tm_mday != d)
		return -1;
	*out = ui_day_start(*out, 0);
	return 0;
}

void
ui_filter_hint(struct ui_ctx *c, size_t n, char *buf, size_t size)
{
	struct tm	tm;
	time_t		t = (time_t)c->day_lo;
	char		day[64];
	size_t		len;

	buf[0] = '\0';
	if (c->query[0] != '\0')
		snprintf(buf, size, "filter: %s %s ", c->query, ui_text_dot());
	len = strlen(buf);
	if (c->day_span != 0 && len < size) {
		localtime_r(&t, &tm);
		strftime(day, sizeof day, "%a %d %b %Y", &tm);
		snprintf(buf + len, size - len, "%s%s %s ",
		    c->day_span == 7 ? "week of " : "", day, ui_text_dot());
	}
	len = strlen(buf);
	if (len > 0 && len < size)
		snprintf(buf + len, size - len, "%zu item%s", n,
		    n == 1 ? "" : "s");
}

/* The date prompt is done: show that day. */
static void
date_done(struct ui_ctx *c, void *arg, const char *text)
{
	int64_t	day;

	(void)arg;
	if (text[0] == '\0')
		return;
	if (ui_date_parse(text, (int64_t)time(NULL), &day) != 0) {
		ui_status(c, 1, "bad date '%.64s' (2023-04-14, yesterday, "
		    "-3d)", text);
		return;
	}
	ui_date_set(c, day, 1);
	if (strcmp(c->stack[c->depth - 1].view->name, "items") != 0) {
		long	all = -1;

		ui_view_push(c, &ui_items_view, &all);
	}
}

void
ui_date_prompt(struct ui_ctx *c)
{
	ui_prompt(c, "date (gg: top): ", "", date_done, NULL);
	ui_prompt_history(c, UI_HIST_DATE);
	ui_prompt_gg(c);
}

/* The query prompt is done: compile it, or show where it is wrong. */
static void
filter_done(struct ui_ctx *c, void *arg, const char *text)
{
	char	msg[NR_ERRBUF_SIZE];
	size_t	col;
	long	all = -1;

	(void)arg;
	if (ui_filter_set(c, text, &col, msg) != 0) {
		ui_prompt(c, "filter: ", text, filter_done, NULL);
		ui_prompt_history(c, UI_HIST_FILTER);
		ui_prompt_error(c, col, msg);
		return;
	}
	if (strcmp(c->stack[c->depth - 1].view->name, "feeds") == 0)
		ui_view_push(c, &ui_items_view, &all);
}

/* The search prompt of the feed list is done: the query, then its list. */
static void
search_all_done(struct ui_ctx *c, void *arg, const char *text)
{
	char	msg[NR_ERRBUF_SIZE];
	size_t	col;

	(void)arg;
	if (text[0] == '\0')
		return;
	/* q puts the query back as it was. */
	if (ui_items_query(c, -1, text, NULL, text, &col, msg) != 0) {
		ui_prompt(c, "search: ", text, search_all_done, NULL);
		ui_prompt_history(c, UI_HIST_SEARCH);
		ui_prompt_error(c, col, msg);
	}
}

void
ui_search_all_prompt(struct ui_ctx *c)
{
	ui_prompt(c, "search: ", "", search_all_done, NULL);
	ui_prompt_history(c, UI_HIST_SEARCH);
}

void
ui_filter_prompt(struct ui_ctx *c, const char *init)
{
	ui_prompt(c, "filter: ", init, filter_done, NULL);
	ui_prompt_history(c, UI_HIST_FILTER);
}

int
ui_saved_add(const char *name, const char *query, char *msg, size_t size)
{
	struct filter	*f;
	char		 err[NR_ERRBUF_SIZE];
	size_t		 col;

	if (nsaved == SAVED_MAX) {
		snprintf(msg, size, "filter: too many saved filters");
		return -1;
	}
	if (filter_compile(query, (int64_t)time(NULL), &f, &col, err) !=
	    NR_OK) {
		snprintf(msg, size, "filter: column %zu: %s", col, err);
		return -1;
	}
	memset(&saved[nsaved], 0, sizeof saved[nsaved]);
	saved[nsaved].name = xstrdup(name);
	saved[nsaved].query = xstrdup(query);
	saved[nsaved++].flt = f;
	return 0;
}

size_t
ui_saved_count(void)
{
	return nsaved;
}

void
ui_saved_reset(void)
{
	size_t	i;

	for (i = 0; i < nsaved; i++) {
		free(saved[i].name);
		free(saved[i].query);
		filter_free(saved[i].flt);
	}
	nsaved = 0;
}

struct ui_saved *
ui_saved_get(struct ui_ctx *c, size_t i)
{
	struct ui_saved		*s = &saved[i];
	struct filter		*f;
	struct filter_item	 it;
	struct lazy		 z;
	struct ui_feed		*uf;
	size_t			 k, j, n;
	int			 save;

	if (s->counted && s->gen == c->gen + c->mgen)
		return s;
	for (k = 0; k < c->nfeeds; k++) {
		if (!c->feeds[k].loaded)
			return s;	/* counted once all are loaded */
	}
	/* Compiled again so that @today and @7d follow the clock. */
	if (filter_compile(s->query, (int64_t)time(NULL), &f, NULL, NULL) ==
	    NR_OK) {
		filter_free(s->flt);
		s->flt = f;
	}
	s->unread = s->total = 0;
	ui_scan_begin(c);
	save = c->flt_title;
	c->flt_title = filter_uses_title(s->flt);
	for (k = 0; k < c->nfeeds; k++) {
		uf = &c->feeds[k];
		n = uf->sf != NULL ? store_feed_count(uf->sf) : 0;
		for (j = 0; j < n; j++) {
			fill(c, k, j, &it, &z);
			if (!filter_match(s->flt, &it))
				continue;
			s->total++;
			if (!(it.state & NR_STATE_READ))
				s->unread++;
		}
		if (uf->sf != NULL && c->flt_title)
			store_feed_release(uf->sf);
	}
	c->flt_title = save;
	s->counted = 1;
	s->gen = c->gen + c->mgen;
	return s;
}
