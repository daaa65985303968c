/*
 * The calendar view: a month grid with each day's count of items under
 * the active query, shaded by volume; Enter shows that day's items.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct dates_view {
	struct ui_ctx	*ctx;
	int64_t		 day;		/* the cursor: local midnight */
	int		 year;		/* the month shown */
	int		 mon;		/* 0-11 */
	int64_t		 start[33];	/* midnight of day d (1-based) */
	size_t		 counts[32];	/* items of day d */
	int		 ndays;
	size_t		 total;
	size_t		 max;
	unsigned long	 gen;		/* ctx gens when counted */
	int		 built;
};

/* Set the month shown from the cursor's day. */
static void
set_month(struct dates_view *v)
{
	struct tm	tm;
	time_t		t = (time_t)v->day;

	localtime_r(&t, &tm);
	if (v->built && tm.tm_year + 1900 == v->year && tm.tm_mon == v->mon)
		return;
	v->year = tm.tm_year + 1900;
	v->mon = tm.tm_mon;
	v->built = 0;
}

/* The day boundaries of the month and each day's count. */
static void
build(struct dates_view *v)
{
	struct ui_ctx		*c = v->ctx;
	struct store_cols	*cols;
	struct tm		 tm;
	int64_t			 date;
	size_t			 n, i, fi, end;
	int			 d, lo, hi, mid;

	n = ui_source_count(c, UI_ALL);
	if (v->built && v->gen == c->gen + c->mgen + c->fgen)
		return;
	for (d = 1; d <= 32; d++) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = v->year - 1900;
		tm.tm_mon = v->mon;
		tm.tm_mday = d;
		tm.tm_isdst = -1;
		v->start[d] = (int64_t)mktime(&tm);
		localtime_r(&(time_t){ (time_t)v->start[d] }, &tm);
		if (tm.tm_mon != v->mon)
			break;
	}
	v->ndays = d - 1;	/* start[ndays + 1]: the next month */
	memset(v->counts, 0, sizeof v->counts);
	v->total = v->max = 0;
	/* Feed by feed: the month's items are a range of each (by date). */
	(void)n;
	ui_scan_begin(c);
	for (fi = 0; fi < c->nfeeds; fi++) {
		if ((cols = ui_feed_cols(c, fi)) == NULL)
			continue;
		end = ui_before(c, fi, v->start[1]);
		for (i = ui_before(c, fi, v->start[v->ndays + 1]); i < end;
		    i++) {
			date = cols->date[i];
			if (!ui_match(c, fi, i, 0))
				continue;
			lo = 1;
			hi = v->ndays;
			while (lo < hi) {
				mid = (lo + hi + 1) / 2;
				if (v->start[mid] <= date)
					lo = mid;
				else
					hi = mid - 1;
			}
			v->counts[lo]++;
			v->total++;
		}
	}
	for (d = 1; d <= v->ndays; d++) {
		if (v->counts[d] > v->max)
			v->max = v->counts[d];
	}
	v->gen = c->gen + c->mgen + c->fgen;
	v->built = 1;
}

static void *
dates_init(struct ui_ctx *c, void *arg)
{
	struct dates_view	*v;
	struct store_cols	*cols;
	int64_t			 date, newest;
	size_t			 n, i, fi;

	(void)arg;
	v = xcalloc(1, sizeof *v);
	v->ctx = c;
	/* The chosen day, else the newest matching item's, else today. */
	v->day = ui_day_start((int64_t)time(NULL), 0);
	if (c->day_span != 0)
		v->day = c->day_lo;
	else {
		/* The newest matching item of each feed, then of all. */
		(void)ui_source_count(c, UI_ALL);
		newest = 0;
		ui_scan_begin(c);
		for (fi = 0; fi < c->nfeeds; fi++) {
			if ((cols = ui_feed_cols(c, fi)) == NULL)
				continue;
			n = cols->n;
			for (i = 0; i < n; i++) {
				date = cols->date[i];
				if (date <= newest)
					break;
				if (ui_match(c, fi, i, 0)) {
					newest = date;
					break;
				}
			}
		}
		if (newest > 0)
			v->day = ui_day_start(newest, 0);
	}
	set_month(v);
	return v;
}

static void
dates_free(void *data)
{
	free(data);
}

static void
dates_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	static const char *const wd[] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};
	struct dates_view	*v = data;
	struct tm		 tm;
	char			 cell[48], count[24], month[32];
	int			 d, col, row, x, cw, attr, first, tall;
	int			 lines, nweeks, hdr, base, step, vis, crow;
	int			 top, legend;
	size_t			 k;

	build(v);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = v->year - 1900;
	tm.tm_mon = v->mon;
	tm.tm_mday = 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	first = (tm.tm_wday + 6) % 7;
	strftime(month, sizeof month, "%B %Y", &tm);
	snprintf(c->title, sizeof c->title, "Calendar - %s - %zu items%s%s",
	    month, v->total, c->query[0] != '\0' ? " - filter: " : "",
	    c->query);
	cw = w / 7 < 10 ? w / 7 : 10;
	if (cw < 4) {
		ui_draw_text(y, 0, w, "too narrow", 0);
		return;
	}
	/*
	 * A cell is "dd count" when the busiest day's count fits beside the
	 * day, else the count goes on a line of its own under the day
	 * (40 columns): counts are never cut. Weeks get a blank line
	 * between them when the height allows, and when not every week
	 * fits, the weeks shown keep the cursor's day on screen.
	 */
	snprintf(cell, sizeof cell, "%zu", v->max);
	tall = 3 + (int)strlen(cell) > cw - 1;
	lines = tall ? 2 : 1;
	nweeks = (first + v->ndays + 6) / 7;
	hdr = h >= 3 + nweeks * (lines + 1) ? 1 : 0;
	base = hdr + (h >= hdr + 2 + nweeks * (lines + 1) - 1 ? 2 : 1);
	step = h - base >= nweeks * (lines + 1) - 1 ? lines + 1 : lines;
	vis = (h - base + (step - lines)) / step;
	if (vis < 1)
		vis = 1;
	crow = 0;
	for (d = 1; d <= v->ndays; d++)
		if (v->start[d] == v->day)
			crow = (first + d - 1) / 7;
	top = crow >= vis ? crow - vis + 1 : 0;
	for (col = 0; col < 7; col++)
		ui_draw_text(y + hdr, col * cw, cw, wd[col], UI_A_BOLD);
	for (d = 1; d <= v->ndays; d++) {
		row = (first + d - 1) / 7 - top;
		col = (first + d - 1) % 7;
		if (row < 0)
			continue;
		if (base + row * step + lines - 1 >= h)
			break;
		x = col * cw;
		k = v->counts[d];
		if (k == 0)
			attr = UI_A_DIM;
		else if (k * 3 <= v->max)
			attr = 0;
		else
			attr = UI_A_BOLD | UI_C_UNREAD;
		if (v->start[d] == v->day)
			attr = (attr & ~UI_A_DIM) | UI_A_REVERSE;
		if (k > 0)
			snprintf(count, sizeof count, "%zu", k);
		else
			snprintf(count, sizeof count, ".");
		if (tall) {
			snprintf(cell, sizeof cell, "%*d", cw - 1, d);
			ui_draw_text(y + base + row * step, x, cw - 1, cell,
			    attr);
			snprintf(cell, sizeof cell, "%*s", cw - 1, count);
			ui_draw_text(y + base + row * step + 1, x, cw, cell,
			    attr);
		} else {
			snprintf(cell, sizeof cell, "%2d %*s", d, cw - 4,
			    count);
			ui_draw_text(y + base + row * step, x, cw - 1, cell,
			    attr);
		}
	}
	legend = base + nweeks * step;
	if (top == 0 && legend < h)
		ui_draw_text(y + legend, 0, w, "dim: no items, plain: few, "
		    "bold: many (over a third of the busiest day)", UI_A_DIM);
	for (d = 1; d <= v->ndays; d++) {
		if (v->start[d] == v->day)
			break;
	}
	if (d <= v->ndays) {
		localtime_r(&(time_t){ (time_t)v->day }, &tm);
		strftime(month, sizeof month, "%a %d %b %Y", &tm);
		snprintf(c->hint, sizeof c->hint, "%s %s %zu item%s  "
		    "(arrows: move, <>: month, Enter: open)", month,
		    ui_text_dot(), v->counts[d], v->counts[d] == 1 ? "" : "s");
	}
}

/* Move the cursor by days days (or months months). */
static void
move_by(struct dates_view *v, int days, int months)
{
	struct tm	tm;
	time_t		t = (time_t)v->day;
	int		mday;

	localtime_r(&t, &tm);
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if (months != 0) {
		mday = tm.tm_mday;
		tm.tm_mday = 1;
		tm.tm_mon += months;
		mktime(&tm);
		/* Keep the day of the month where the month has it. */
		tm.tm_mday = mday;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		while (tm.tm_mday != mday && mday > 28) {
			mday--;
			tm.tm_mon -= 1;
			tm.tm_mday = mday;
			tm.tm_isdst = -1;
			t = mktime(&tm);
		}
	} else {
		tm.tm_mday += days;
		t = mktime(&tm);
	}
	v->day = ui_day_start((int64_t)t, 0);
	set_month(v);
}

static int
dates_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct dates_view	*v = data;
	int64_t			 day;
	long			 all = -1;

	switch (op) {
	case NR_OP_UP:
		move_by(v, -7, 0);
		return 1;
	case NR_OP_DOWN:
		move_by(v, 7, 0);
		return 1;
	case NR_OP_BACK:
		if (c->lastkey != NR_KEY_LEFT)
			return 0;
		move_by(v, -1, 0);
		return 1;
	case NR_OP_PREV_MONTH:
	case NR_OP_PAGE_UP:
		move_by(v, 0, -1);
		return 1;
	case NR_OP_NEXT_MONTH:
	case NR_OP_PAGE_DOWN:
		move_by(v, 0, 1);
		return 1;
	case NR_OP_OPEN:
		if (c->lastkey == NR_KEY_RIGHT) {
			move_by(v, 1, 0);
			return 1;
		}
		day = v->day;
		ui_date_set(c, day, 1);
		ui_view_pop(c);		/* frees v */
		if (strcmp(c->stack[c->depth - 1].view->name, "items") != 0)
			ui_view_push(c, &ui_items_view, &all);
		return 1;
	default:
		return 0;
	}
}

static const enum nr_op dates_ops[] = {
	NR_OP_OPEN, NR_OP_PREV_MONTH, NR_OP_NEXT_MONTH, NR_OP_NONE
};

/* Its hint line is its own (the day under the cursor and the keys). */
const struct ui_view ui_dates_view = {
	"dates", dates_init, dates_free, dates_draw, dates_key, NULL,
	dates_ops
};
