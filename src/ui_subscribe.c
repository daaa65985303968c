/*
 * The feed list's a (subscribe), E (edit the feed's line) and d (remove
 * it). Each loads the feeds file as it is on disk now, changes the one
 * line and saves it (feeds~ keeps the old one), then makes the same
 * change to the list the interface runs on: a line another program
 * changed meanwhile is never undone.
 *
 * a's fetches (the discovery: at most 1 + 5 requests, 15 seconds in
 * all; the check of the link chosen: 10 seconds) run on a thread of
 * their own (ui_job.c) while the status line says so: keys keep being
 * answered, and one subscription is looked for at a time.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/discover.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/fetch.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

#define SUB_CONNECT_TIMEOUT	5	/* seconds */
#define SUB_TIMEOUT		10	/* seconds, each request */
#define SUB_BUDGET		15	/* seconds, the whole discovery */

/* What a waits for while the user picks one of several feeds. */
static struct {
	struct feedlist_fields	 ff;
	struct discover		 d;
} pending;

static char	 label[512];	/* the prompts' text (they borrow it) */
static char	 target[NR_FEED_NAME_MAX + 1];	/* E's and d's feed */
static char	*shown;		/* E: the line's fields as on disk then */

/* The fetch limits of a: short, so that the screen is back soon. */
static void
sub_fetch_opts(struct fetch_opts *fo)
{
	fetch_opts_init(fo);
	fo->connect_timeout = SUB_CONNECT_TIMEOUT;
	fo->timeout = SUB_TIMEOUT;
	fo->low_speed_time = SUB_TIMEOUT;
}

/* The feeds file as it is on disk (caller frees), or NULL (status set). */
static struct feedlist *
load_disk(struct ui_ctx *c)
{
	struct feedlist	*fl;
	char		 err[NR_ERRBUF_SIZE];

	if (c->fl == NULL || c->fl->path == NULL) {
		ui_status(c, 1, "no feeds file");
		return NULL;
	}
	if (feedlist_load(c->fl->path, 0, &fl, err) != NR_OK) {
		ui_status(c, 1, "%s", err);
		return NULL;
	}
	return fl;
}

/* The line of the context's entry e in the list on disk, or NULL. */
static struct feedlist_entry *
same_line(struct ui_ctx *c, struct feedlist *disk,
    const struct feedlist_entry *e)
{
	struct feedlist_entry	*d;

	d = feedlist_find_url(disk, e->url);
	if (d == NULL || ((d->flags & NR_FEED_BUILTIN) &&
	    !(e->flags & NR_FEED_BUILTIN))) {
		ui_status(c, 1, "%s is no longer in the feeds file", e->url);
		return NULL;
	}
	return d;
}

/* Feed fi of the context, by the name kept in target, or -1. */
static long
target_feed(struct ui_ctx *c)
{
	long	fi;

	fi = ui_feed_find(c, target);
	if (fi < 0 || c->feeds[fi].fe == NULL) {
		ui_status(c, 1, "%s is no longer in the feeds file", target);
		return -1;
	}
	return fi;
}

/* A fetch of a on the job thread: the discovery, or the check. */
struct sub_job {
	int		 check;
	char		*url;
	struct discover	 d;
	char		*title;
	enum nr_err	 rc;
	char		 err[NR_ERRBUF_SIZE];
};

static int	sub_running;		/* a sub_job is out */

static void
sub_forget(void)
{
	feedlist_fields_clear(&pending.ff);
	discover_clear(&pending.d);
}

static void
sub_run(void *arg)
{
	struct sub_job		*j = arg;
	struct fetch_opts	 fo;

	sub_fetch_opts(&fo);
	if (j->check)
		j->rc = discover_check(j->url, &fo, &j->title, j->err);
	else
		j->rc = discover_run(j->url, &fo, SUB_BUDGET, &j->d, j->err);
}

static void	found(struct ui_ctx *);
static void	add_url(struct ui_ctx *, const char *, char *);

static void
sub_finish(struct ui_ctx *c, void *arg)
{
	struct sub_job	*j = arg;

	sub_running = 0;
	if (c != NULL && j->rc != NR_OK) {
		ui_status(c, 1, "%s", j->err);
		sub_forget();
	} else if (c != NULL && j->check)
		add_url(c, j->url, j->title);	/* takes title */
	else if (c != NULL) {
		pending.d = j->d;
		memset(&j->d, 0, sizeof j->d);
		found(c);
	}
	if (c == NULL || j->rc != NR_OK || !j->check)
		free(j->title);
	discover_clear(&j->d);
	free(j->url);
	free(j);
}

/* Start a fetch of a on the job thread; 0, or -1 (status set). */
static int
sub_start(struct ui_ctx *c, int check, const char *url)
{
	struct sub_job	*j;

	j = xcalloc(1, sizeof *j);
	j->check = check;
	j->url = xstrdup(url);
	if (ui_job_start(sub_run, sub_finish, j) != 0) {
		ui_status(c, 1, "cannot start fetching %s", url);
		free(j->url);
		free(j);
		sub_forget();
		return -1;
	}
	sub_running = 1;
	ui_status(c, 0, "%s %s ...", check ? "checking" : "fetching", url);
	return 0;
}

/* Add feed k of pending.d: check it (on the job thread), then add it. */
static void
add_chosen(struct ui_ctx *c, size_t k)
{
	struct discover_feed	*df = &pending.d.feeds[k];

	if (!pending.d.checked) {
		(void)sub_start(c, 1, df->url);
		return;
	}
	add_url(c, df->url, df->title != NULL ? xstrdup(df->title) : NULL);
}

/* Write url's line (with pending.ff's fields) and fetch it; title is
 * the feed's own (taken, freed). */
static void
add_url(struct ui_ctx *c, const char *url, char *title)
{
	struct feedlist_fields	*ff = &pending.ff;
	struct feedlist		*disk;
	struct feedlist_entry	*e;
	struct store_ref	 ref;
	char			 err[NR_ERRBUF_SIZE], *base, *u;
	size_t			 fi;

	u = xstrdup(url);
	url = u;
	if ((disk = load_disk(c)) == NULL) {
		free(title);
		free(u);
		sub_forget();
		return;
	}
	if (feedlist_add(disk, url, ff->title, ff->tags, ff->ntags,
	    ff->name, NULL, err) != NR_OK ||
	    feedlist_save(disk, NULL, err) != NR_OK) {
		ui_status(c, 1, "%s", err);
		feedlist_free(disk);
		free(title);
		free(u);
		sub_forget();
		return;
	}
	feedlist_free(disk);
	/*
	 * The same line in the list the interface runs on, unless it has
	 * one for the URL already (another program removed it from the
	 * file since the start).
	 */
	if ((e = feedlist_find_url(c->fl, url)) == NULL &&
	    feedlist_add(c->fl, url, ff->title, ff->tags, ff->ntags,
	    ff->name, &e, err) != NR_OK) {
		ui_status(c, 1, "%s", err);
		free(title);
		free(u);
		sub_forget();
		return;
	}
	/* Its directory: what the store has or will give it. */
	memset(&ref, 0, sizeof ref);
	ref.url = e->url;
	ref.want = e->want;
	ref.base = base = feedlist_name_from_url(e->url);
	if (store_resolve(c->st, &ref, 1, 0, NULL) == NR_OK)
		feedlist_set_name(c->fl, e, ref.name);
	free(base);
	if (ui_feed_find(c, e->name) >= 0) {
		ui_status(c, 0, "added %s; it is on the list already",
		    e->name);
		free(title);
		free(u);
		sub_forget();
		return;
	}
	fi = ui_feed_add(c, e->name, e->title, e);
	if (ui_feed_refresh(c, fi) == 0)
		ui_status(c, 0, "added %s: %s; fetching...", e->name,
		    title != NULL ? title : url);
	free(title);
	free(u);
	sub_forget();
}

/* The answer to "which feed?". */
static void
pick_done(struct ui_ctx *c, void *arg, const char *text)
{
	char	*end;
	long	 n;

	(void)arg;
	n = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || n < 1 ||
	    (size_t)n > pending.d.nfeeds)
		ui_status(c, 1, "no feed %s: 1 to %zu", text,
		    pending.d.nfeeds);
	else {
		add_chosen(c, (size_t)n - 1);
		return;
	}
	sub_forget();
}

/* The URL (and fields) to subscribe to are typed. */
static void
add_done(struct ui_ctx *c, void *arg, const char *text)
{
	char	err[NR_ERRBUF_SIZE], *u;

	(void)arg;
	if (*text == '\0')
		return;
	if (sub_running) {
		ui_status(c, 1, "still looking for the last feed: a moment");
		return;
	}
	sub_forget();
	if (feedlist_fields_parse(text, 1, &pending.ff, err) != NR_OK) {
		ui_status(c, 1, "%s", err);
		return;
	}
	if (strstr(pending.ff.url, "://") == NULL) {
		u = xasprintf("https://%s", pending.ff.url);
		free(pending.ff.url);
		pending.ff.url = u;
	}
	(void)sub_start(c, 0, pending.ff.url);
}

/* The discovery is done (pending.d): add the one feed, or ask which. */
static void
found(struct ui_ctx *c)
{
	struct strbuf	 sb;
	char		*u;
	size_t		 i;

	if (pending.d.nfeeds == 1) {
		add_chosen(c, 0);
		return;
	}
	/* Several: numbered in the prompt (and in full in M). */
	strbuf_init(&sb, 0);
	strbuf_addf(&sb, "%zu feeds:", pending.d.nfeeds);
	for (i = 0; i < pending.d.nfeeds; i++) {
		strbuf_addf(&sb, " %zu %s%s", i + 1, pending.d.feeds[i].title !=
		    NULL ? pending.d.feeds[i].title : "(untitled)",
		    i + 1 < pending.d.nfeeds ? " |" : "");
		ui_log_add("feed %zu: %s (%s) %s", i + 1,
		    pending.d.feeds[i].title != NULL ?
		    pending.d.feeds[i].title : "(untitled)",
		    pending.d.feeds[i].type != NULL ?
		    pending.d.feeds[i].type : "-", pending.d.feeds[i].url);
	}
	u = text_clean(sb.buf, sb.len, NR_TEXT_ONELINE, 300);
	snprintf(label, sizeof label, "%s; which? ", u);
	free(u);
	strbuf_clear(&sb);
	ui_prompt(c, label, "", pick_done, NULL);
}

void
ui_sub_add(struct ui_ctx *c)
{
	if (c->fl == NULL || c->fl->path == NULL) {
		ui_status(c, 1, "no feeds file");
		return;
	}
	ui_prompt(c, "add (URL [tags] [~Title] [name=NAME]): ", "", add_done,
	    NULL);
}

/* The edited fields of target's line. */
static void
edit_done(struct ui_ctx *c, void *arg, const char *text)
{
	struct feedlist		*disk;
	struct feedlist_entry	*d, *e;
	struct ui_feed		*f;
	char			 err[NR_ERRBUF_SIZE], *now;
	long			 fi;
	int			 same;

	(void)arg;
	if ((fi = target_feed(c)) < 0)
		return;
	f = &c->feeds[fi];
	e = f->fe;
	if ((disk = load_disk(c)) == NULL)
		return;
	/* Another program changed the line since E showed it: keep theirs. */
	if ((d = same_line(c, disk, e)) != NULL) {
		now = feedlist_fields(d);
		same = shown != NULL && strcmp(now, shown) == 0;
		free(now);
		if (!same) {
			ui_status(c, 1, "%s: its line was changed in the "
			    "feeds file meanwhile; not saved (E shows it now)",
			    target);
			feedlist_free(disk);
			return;
		}
	}
	if (d == NULL || feedlist_edit_fields(disk, d, text, err) != NR_OK ||
	    feedlist_save(disk, NULL, err) != NR_OK) {
		if (d != NULL)
			ui_status(c, 1, "%s", err);
		feedlist_free(disk);
		return;
	}
	feedlist_free(disk);
	if (feedlist_edit_fields(c->fl, e, text, err) != NR_OK)
		ui_status(c, 1, "%s", err);
	else
		ui_status(c, 0, "%s: saved", f->name);
	free(f->title);
	f->title = e->title != NULL ? text_clean(e->title, strlen(e->title),
	    NR_TEXT_ONELINE | NR_TEXT_TRIM, 256) : NULL;
	c->gen++;
}

void
ui_sub_edit(struct ui_ctx *c, size_t fi)
{
	struct ui_feed		*f = &c->feeds[fi];
	struct feedlist		*disk;
	struct feedlist_entry	*d;

	if (f->fe == NULL) {
		ui_status(c, 1, "%s is not in the feeds file", f->name);
		return;
	}
	/* The line as on disk now (another program may have changed it). */
	if ((disk = load_disk(c)) == NULL)
		return;
	if ((d = same_line(c, disk, f->fe)) == NULL) {
		feedlist_free(disk);
		return;
	}
	free(shown);
	shown = feedlist_fields(d);
	feedlist_free(disk);
	snprintf(target, sizeof target, "%s", f->name);
	snprintf(label, sizeof label, "edit %s: ", f->name);
	ui_prompt(c, label, shown, edit_done, NULL);
}

/* y removes target's line. */
static void
remove_done(struct ui_ctx *c, void *arg, const char *text)
{
	struct feedlist		*disk;
	struct feedlist_entry	*d, *e;
	struct ui_pend		*p;
	char			 err[NR_ERRBUF_SIZE];
	long			 fi;

	(void)arg;
	if (strcmp(text, "y") != 0) {
		ui_status(c, 0, "kept %s", target);
		return;
	}
	if ((fi = target_feed(c)) < 0)
		return;
	for (p = c->pend; p != NULL; p = p->next)
		if (p->fi == (size_t)fi) {
			ui_status(c, 1, "%s: changes are being written; try "
			    "again", target);
			return;
		}
	if (c->feeds[fi].refreshing || c->feeds[fi].in_batch) {
		ui_status(c, 1, "%s is refreshing; try again", target);
		return;
	}
	e = c->feeds[fi].fe;
	if ((disk = load_disk(c)) == NULL)
		return;
	d = same_line(c, disk, e);
	if (d != NULL && (feedlist_remove(disk, d, err) != NR_OK ||
	    feedlist_save(disk, NULL, err) != NR_OK)) {
		ui_status(c, 1, "%s", err);
		d = NULL;
	}
	feedlist_free(disk);
	if (d == NULL)
		return;
	c->feeds[fi].fe = NULL;
	feedlist_remove(c->fl, e, err);
	ui_feed_forget(c, (size_t)fi);
	ui_status(c, 0, "removed %s; its items stay until --prune", target);
}

void
ui_sub_remove(struct ui_ctx *c, size_t fi)
{
	struct ui_feed	*f = &c->feeds[fi];

	if (f->fe == NULL) {
		ui_status(c, 1, "%s is not in the feeds file", f->name);
		return;
	}
	snprintf(target, sizeof target, "%s", f->name);
	snprintf(label, sizeof label, "remove %s from the feeds file? "
	    "(y/n)", f->name);
	ui_confirm(c, label, remove_done, NULL);
}
