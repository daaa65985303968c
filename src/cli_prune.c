/*
 * --prune [--dry-run] [--yes]: delete the feed directories that are no
 * longer listed (issue 12). A directory is no longer listed when the
 * store recorded it for a URL (DATA/.meta/feeds) and no line of the
 * feeds file resolves to it; directories that never came from a feeds
 * file (--import --into, the demo, dropped in) are never touched.
 * Starred items stay, and so does the directory that holds them.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

struct prune_feed {
	char	*name;
	char	*url;
	size_t	 items;
	size_t	 starred;
};

/* The feeds no longer listed, sorted by name; *np gets their count. */
static struct prune_feed *
unlisted_feeds(struct store *st, struct feedlist *fl, size_t *np)
{
	struct prune_feed	*v;
	struct store_feed	*f;
	char			**dirs, err[NR_ERRBUF_SIZE];
	size_t			  ndirs = 0, i, n = 0;

	*np = 0;
	if (store_feeds(st, &dirs, &ndirs, err) != NR_OK) {
		cli_error("%s", err);
		return NULL;
	}
	v = xcalloc(ndirs + 1, sizeof *v);
	for (i = 0; i < ndirs; i++) {
		if (store_feed_url(st, dirs[i]) == NULL ||
		    feedlist_lists(fl, dirs[i])) {
			free(dirs[i]);
			continue;
		}
		v[n].name = dirs[i];
		v[n].url = xstrdup(store_feed_url(st, dirs[i]));
		if (store_feed_open(st, dirs[i], &f, err) == NR_OK) {
			v[n].items = store_feed_count(f);
			v[n].starred = store_feed_starred(f);
			store_feed_close(f);
		} else
			cli_warn("%s", err);
		n++;
	}
	free(dirs);
	*np = n;
	return v;
}

/* Ask on the terminal; 1 for yes. */
static int
ask(size_t nfeeds, size_t nitems)
{
	char	line[64];

	fprintf(stderr, "delete %zu feed%s (%zu item%s)? [y/N] ", nfeeds,
	    nfeeds == 1 ? "" : "s", nitems, nitems == 1 ? "" : "s");
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/* Delete one feed's items but the starred; 0 or -1. */
static int
prune_one(struct store *st, struct prune_feed *p, size_t *removed,
    int *gone)
{
	struct store_txn	*txn;
	struct store_txf	*t;
	const char		*u;
	char			 err[NR_ERRBUF_SIZE];

	*removed = 0;
	*gone = 0;
	/* Under the lock: still recorded for the URL listed? */
	if (!store_url_recorded(st, p->url) ||
	    (u = store_feed_url(st, p->name)) == NULL ||
	    strcmp(u, p->url) != 0) {
		cli_warn("%s: its record changed meanwhile; left alone",
		    p->name);
		return -1;
	}
	if (store_txn_begin(st, &txn, err) != NR_OK) {
		cli_error("%s", err);
		return -1;
	}
	if (store_txn_feed(txn, p->name, &t, err) != NR_OK ||
	    store_txf_prune(t, removed, err) != NR_OK ||
	    store_txn_commit(txn, err) != NR_OK) {
		cli_error("%s: %s", p->name, err);
		store_txn_free(txn);
		return -1;
	}
	store_txn_free(txn);
	if (store_feed_remove(st, p->name, gone, err) != NR_OK) {
		cli_error("%s", err);
		return -1;
	}
	return 0;
}

int
cli_prune(struct cli_opts *opts)
{
	struct feedlist		*fl;
	struct store		*st;
	struct search		*srch;
	struct prune_feed	*v;
	size_t			 n, i, nitems = 0, removed, total = 0;
	size_t			 kept = 0;
	int			 ret, gone;

	if (!opts->dry_run && !opts->yes && !isatty(STDIN_FILENO)) {
		cli_error("--prune asks before deleting, but standard input "
		    "is not a terminal: give --yes to delete without asking "
		    "(or --dry-run to list)");
		return NR_EXIT_USAGE;
	}
	if ((ret = cli_feeds_open(opts, &fl, &st)) != NR_EXIT_OK)
		return ret;
	if ((v = unlisted_feeds(st, fl, &n)) == NULL) {
		store_free(st);
		feedlist_free(fl);
		return NR_EXIT_ERROR;
	}
	for (i = 0; i < n; i++) {
		printf("%s\t%zu item%s\t%zu starred\t%s\n", v[i].name,
		    v[i].items, v[i].items == 1 ? "" : "s", v[i].starred,
		    v[i].url);
		nitems += v[i].items - v[i].starred;
	}
	fflush(stdout);
	ret = NR_EXIT_OK;
	if (n == 0) {
		if (!opts->dry_run || opts->verbose)
			cli_warn("no feed to prune: every feed recorded is in "
			    "the feeds file");
		goto out;
	}
	if (opts->dry_run || (!opts->yes && !ask(n, nitems)))
		goto out;
	if ((ret = cli_store_lock(opts, st, 1)) != NR_EXIT_OK)
		goto out;
	srch = cli_search_writer(st, 0);
	for (i = 0; i < n; i++) {
		if (prune_one(st, &v[i], &removed, &gone) != 0) {
			ret = NR_EXIT_ERROR;
			continue;
		}
		total += removed;
		if (!gone)
			kept += v[i].starred;
	}
	cli_search_close(st, srch, 0);
	store_unlock(st);
	fprintf(stderr, "newsreader: pruned %zu feed%s: %zu item%s deleted, "
	    "%zu starred kept\n", n, n == 1 ? "" : "s", total,
	    total == 1 ? "" : "s", kept);
out:
	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].url);
	}
	free(v);
	store_free(st);
	feedlist_free(fl);
	return ret;
}
