/*
 * The search index for the commands: opened for writers (kept in step
 * by the store's commit hook), for readers (brought up to date first,
 * with progress on a terminal), and --reindex.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/search.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

/* How long quitting the interface waits for the index's thread (ms). */
#define QUIT_WAIT_MS	3000

/* Show how far indexing got, on a terminal only. */
static void
progress_cb(void *arg, size_t done, size_t total)
{
	(void)arg;
	fprintf(stderr, "\rnewsreader: indexing for search: %zu/%zu items%s",
	    done, total, done >= total ? "\n" : "");
	fflush(stderr);
}

/* The store's commit hook: the feeds that changed, indexed at once. */
static void
commit_cb(void *arg, const struct store_change *c, size_t n)
{
	struct search	*s = arg;
	char		 err[NR_ERRBUF_SIZE];

	if (search_apply(s, c, n, err) != NR_OK)
		log_debug("search index: %s", err);
}

/* The same, saying so on stderr when the index could not follow. */
static void
commit_cb_loud(void *arg, const struct store_change *c, size_t n)
{
	struct search	*s = arg;
	char		 err[NR_ERRBUF_SIZE];

	if (search_apply(s, c, n, err) != NR_OK)
		cli_warn("search index: %s (it is brought up to date "
		    "later)", err);
}

struct search *
cli_search_writer(struct store *st, int quiet)
{
	struct search	*s;
	char		 err[NR_ERRBUF_SIZE];

	if (search_open(st, &s, err) != NR_OK) {
		if (quiet)
			log_debug("search index: %s", err);
		else
			cli_warn("search index: %s (it is brought up to date "
			    "later)", err);
		return NULL;
	}
	if (!quiet && isatty(STDERR_FILENO))
		search_set_progress(s, progress_cb, NULL);
	/* Words go to SQLite on a thread while the command goes on. */
	search_async(s);
	store_set_commit_hook(st, quiet ? commit_cb : commit_cb_loud, s);
	return s;
}

void
cli_search_close(struct store *st, struct search *s, int quiet)
{
	char	err[NR_ERRBUF_SIZE];

	if (s == NULL)
		return;
	store_set_commit_hook(st, NULL, NULL);
	/* The interface's quit does not wait long; a command does. */
	if (search_flush(s, quiet ? QUIT_WAIT_MS : -1, err) != NR_OK) {
		if (quiet)
			log_debug("search index: %s", err);
		else
			cli_warn("search index: %s (it is brought up to date "
			    "later)", err);
	}
	search_free(s);
}

struct search *
cli_search_reader(struct store *st, struct store_feed *const *feeds,
    size_t n)
{
	struct search	*s;
	char		 err[NR_ERRBUF_SIZE];
	enum nr_err	 e;

	if (search_open(st, &s, err) != NR_OK) {
		cli_warn("search index: %s (searching titles and summaries "
		    "only)", err);
		return NULL;
	}
	if (isatty(STDERR_FILENO))
		search_set_progress(s, progress_cb, NULL);
	/* Another process updating it: what is there is good enough. */
	e = feeds != NULL ? search_sync_open(s, feeds, n, err) :
	    search_sync(s, err);
	if (e != NR_OK && e != NR_ELOCKED)
		cli_warn("search index: %s", err);
	return s;
}

int
cli_reindex(struct cli_opts *opts)
{
	struct store	*st;
	struct search	*s;
	char		 err[NR_ERRBUF_SIZE];
	int		 ret;

	if ((ret = cli_store_open(opts, &st)) != NR_EXIT_OK)
		return ret;
	if ((ret = cli_store_lock(opts, st, 1)) != NR_EXIT_OK) {
		store_free(st);
		return ret;
	}
	if (search_open(st, &s, err) != NR_OK) {
		cli_error("%s", err);
		store_free(st);
		return NR_EXIT_ERROR;
	}
	if (isatty(STDERR_FILENO))
		search_set_progress(s, progress_cb, NULL);
	if (search_rebuild(s, err) != NR_OK) {
		cli_error("%s", err);
		ret = NR_EXIT_ERROR;
	}
	search_free(s);
	store_free(st);
	return ret;
}
