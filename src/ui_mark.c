/*
 * Bulk marks: A marks read exactly the items a view shows (asking first
 * when that is more than a screenful, or every feed), and u puts the
 * items of the last one back as they were. Marks go through the write
 * queue like single ones (ui_feed_mark).
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

/* Items to mark, by feed (the hashes of feed fi lie together). */
struct mark_set {
	size_t		*fi;		/* feed of run k */
	size_t		*off;		/* run k starts here in hashes */
	size_t		 nruns;
	uint64_t	*hashes;
	size_t		 n;
};

static struct mark_set	asked;		/* waiting for "y" */
static struct mark_set	last;		/* the last bulk mark, for u */
static char		question[256];

static void
set_clear(struct mark_set *s)
{
	free(s->fi);
	free(s->off);
	free(s->hashes);
	memset(s, 0, sizeof *s);
}

/*
 * The unread items among rows (feed, position) into s, grouped by feed
 * with one counting pass: O(rows + feeds).
 */
static void
collect(struct ui_ctx *c, const struct ui_ref *rows, size_t n,
    struct mark_set *s)
{
	size_t	*cnt, *at, k, fi;

	set_clear(s);
	cnt = xcalloc(c->nfeeds + 1, sizeof *cnt);
	for (k = 0; k < n; k++) {
		if (!(store_feed_state(c->feeds[rows[k].fi].sf, rows[k].i) &
		    NR_STATE_READ))
			cnt[rows[k].fi]++;
	}
	at = xcalloc(c->nfeeds + 1, sizeof *at);
	s->fi = xcalloc(c->nfeeds + 1, sizeof *s->fi);
	s->off = xcalloc(c->nfeeds + 2, sizeof *s->off);
	for (fi = 0; fi < c->nfeeds; fi++) {
		if (cnt[fi] == 0)
			continue;
		at[fi] = s->n;
		s->fi[s->nruns] = fi;
		s->off[s->nruns++] = s->n;
		s->n += cnt[fi];
	}
	s->off[s->nruns] = s->n;
	s->hashes = xcalloc(s->n + 1, sizeof *s->hashes);
	for (k = 0; k < n; k++) {
		fi = rows[k].fi;
		if (!(store_feed_state(c->feeds[fi].sf, rows[k].i) &
		    NR_STATE_READ))
			s->hashes[at[fi]++] = store_feed_hash(c->feeds[fi].sf,
			    rows[k].i);
	}
	free(at);
	free(cnt);
}

/* Set and clear flags of every item of s (through the queue). */
static void
apply(struct ui_ctx *c, const struct mark_set *s, int set, int clear)
{
	size_t	k;

	for (k = 0; k < s->nruns; k++)
		ui_feed_mark(c, s->fi[k], s->hashes + s->off[k],
		    s->off[k + 1] - s->off[k], set, clear);
	c->gen++;	/* lists under is:unread change */
}

/* Mark the asked set read; it becomes the one u undoes. */
static void
mark_now(struct ui_ctx *c)
{
	apply(c, &asked, NR_STATE_READ, 0);
	ui_status(c, 0, "marked %zu read (u: undo)", asked.n);
	set_clear(&last);
	last = asked;
	memset(&asked, 0, sizeof asked);
}

/* The y/n answer. */
static void
confirm_done(struct ui_ctx *c, void *arg, const char *text)
{
	(void)arg;
	if (text[0] == 'y')
		mark_now(c);
	else {
		ui_status(c, 0, "nothing marked");
		set_clear(&asked);
	}
}

/* Mark s (asked) now, or ask first when ask is set. */
static void
mark_or_ask(struct ui_ctx *c, int ask)
{
	if (asked.n == 0) {
		ui_status(c, 0, "nothing to mark: no unread items here");
		set_clear(&asked);
		return;
	}
	if (ask)
		ui_confirm(c, question, confirm_done, NULL);
	else
		mark_now(c);
}

void
ui_mark_rows(struct ui_ctx *c, const struct ui_ref *rows, size_t n,
    size_t page)
{
	collect(c, rows, n, &asked);
	snprintf(question, sizeof question, "mark %zu items read? (y/n)",
	    asked.n);
	mark_or_ask(c, asked.n > page);
}

void
ui_mark_feed(struct ui_ctx *c, size_t fi)
{
	struct ui_ref	*rows;
	size_t		 n = 0, k, i, cnt;

	for (k = 0; k < c->nfeeds; k++) {
		if (fi != UI_ALL && k != fi)
			continue;
		ui_feed_ensure(c, k);
		if (c->feeds[k].sf != NULL)
			n += store_feed_count(c->feeds[k].sf);
	}
	rows = xcalloc(n + 1, sizeof *rows);
	n = 0;
	for (k = 0; k < c->nfeeds; k++) {
		if ((fi != UI_ALL && k != fi) || c->feeds[k].sf == NULL)
			continue;
		cnt = store_feed_count(c->feeds[k].sf);
		for (i = 0; i < cnt; i++) {
			rows[n].fi = (uint32_t)k;
			rows[n++].i = (uint32_t)i;
		}
	}
	collect(c, rows, n, &asked);
	free(rows);
	if (fi == UI_ALL)
		snprintf(question, sizeof question, "mark every feed read? "
		    "%zu unread item%s (y/n)", asked.n, asked.n == 1 ? "" :
		    "s");
	else
		snprintf(question, sizeof question, "mark every item of %s "
		    "read? %zu unread item%s (y/n)", c->feeds[fi].name,
		    asked.n, asked.n == 1 ? "" : "s");
	mark_or_ask(c, 1);
}

void
ui_mark_undo(struct ui_ctx *c)
{
	if (last.n == 0) {
		ui_status(c, 0, "nothing to undo");
		return;
	}
	apply(c, &last, 0, NR_STATE_READ);
	ui_status(c, 0, "undone: %zu marked unread again", last.n);
	set_clear(&last);
}

void
ui_mark_free(void)
{
	set_clear(&asked);
	set_clear(&last);
}
