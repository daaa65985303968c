/*
 * The feed list's a (subscribe), E (edit the feed's line) and d (remove
 * it). Each loads the feeds file as it is on disk now, changes the one
 * line and saves it (feeds~ keeps the old one), then makes the same
 * change to the list the interface runs on: a line another program
 * changed meanwhile is never undone.
 *
 * a is blocking: the discovery fetches (at most 1 + 5 requests, 15
 * seconds in all) and the check of the link chosen (10 seconds) run
 * while the status line says so.
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

/* Add feed k of pending.d: check it, write its line, fetch it. */
static void
add_chosen(struct ui_ctx *c, size_t k)
{
	struct discover_feed	*df = &pending.d.feeds[k];
	struct feedlist_fields	*ff = &pending.ff;
	struct feedlist		*disk;
	struct feedlist_entry	*e;
	struct fetch_opts	 fo;
	struct store_ref	 ref;
	char			 err[NR_ERRBUF_SIZE], *title = NULL, *base;
	size_t			 fi;

	sub_fetch_opts(&fo);
	if (!pending.d.checked) {
		ui_status(c, 0, "checking %s ...", df->url);
		ui_draw_now(c);
		if (discover_check(df->url, &fo, &title, err) != NR_OK) {
			ui_status(c, 1, "%s", err);
			return;
		}
	} else if (df->title != NULL)
		title = xstrdup(df->title);
	if ((disk = load_disk(c)) == NULL) {
		free(title);
		return;
	}
	if (feedlist_add(disk, df->url, ff->title, ff->tags, ff->ntags,
	    ff->name, NULL, err) != NR_OK ||
	    feedlist_save(disk, NULL, err) != NR_OK) {
		ui_status(c, 1, "%s", err);
		feedlist_free(disk);
		free(title);
		return;
	}
	feedlist_free(disk);
	/* The same line in the list the interface runs on. */
	if (feedlist_add(c->fl, df->url, ff->title, ff->tags, ff->ntags,
	    ff->name, &e, err) != NR_OK) {
		ui_status(c, 1, "%s", err);
		free(title);
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
		return;
	}
	fi = ui_feed_add(c, e->name, e->title, e);
	if (ui_feed_refresh(c, fi) == 0)
		ui_status(c, 0, "added %s: %s; fetching...", e->name,
		    title != NULL ? title : df->url);
	free(title);
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
	else
		add_chosen(c, (size_t)n - 1);
	feedlist_fields_clear(&pending.ff);
	discover_clear(&pending.d);
}

/* The URL (and fields) to subscribe to are typed. */
static void
add_done(struct ui_ctx *c, void *arg, const char *text)
{
	struct fetch_opts	 fo;
	struct strbuf		 sb;
	char			 err[NR_ERRBUF_SIZE], *u;
	size_t			 i;

	(void)arg;
	feedlist_fields_clear(&pending.ff);
	discover_clear(&pending.d);
	if (*text == '\0')
		return;
	if (feedlist_fields_parse(text, 1, &pending.ff, err) != NR_OK) {
		ui_status(c, 1, "%s", err);
		return;
	}
	if (strstr(pending.ff.url, "://") == NULL) {
		u = xasprintf("https://%s", pending.ff.url);
		free(pending.ff.url);
		pending.ff.url = u;
	}
	ui_status(c, 0, "fetching %s ...", pending.ff.url);
	ui_draw_now(c);
	sub_fetch_opts(&fo);
	if (discover_run(pending.ff.url, &fo, SUB_BUDGET, &pending.d, err) !=
	    NR_OK) {
		ui_status(c, 1, "%s", err);
		return;
	}
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
	char			 err[NR_ERRBUF_SIZE];
	long			 fi;

	(void)arg;
	if ((fi = target_feed(c)) < 0)
		return;
	f = &c->feeds[fi];
	e = f->fe;
	if ((disk = load_disk(c)) == NULL)
		return;
	if ((d = same_line(c, disk, e)) == NULL ||
	    feedlist_edit_fields(disk, d, text, err) != NR_OK ||
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
	struct ui_feed	*f = &c->feeds[fi];
	char		*s;

	if (f->fe == NULL) {
		ui_status(c, 1, "%s is not in the feeds file", f->name);
		return;
	}
	snprintf(target, sizeof target, "%s", f->name);
	snprintf(label, sizeof label, "edit %s: ", f->name);
	s = feedlist_fields(f->fe);
	ui_prompt(c, label, s, edit_done, NULL);
	free(s);
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
