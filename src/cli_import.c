/* The --import command: copy article files into the cache, atomically. */
#include "nr_config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/feedlist.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

/* Files stored per lock: other writers get their turn in between. */
#define IMPORT_BATCH	512

/* What an import run did, for the summary line. */
struct import_run {
	struct store		 *st;
	struct cli_opts		 *opts;
	struct feedlist		 *fl;
	struct store_txn	 *txn;		/* the batch, under the lock */
	size_t			  nbatch;
	size_t			  added, updated, same, failed;
};

/* Store the batch so far and let the lock go. */
static void
run_commit(struct import_run *r)
{
	char	err[NR_ERRBUF_SIZE];

	if (r->txn == NULL)
		return;
	/* One batch: three file-system syncs however many feeds. */
	if (store_txn_commit(r->txn, err) != NR_OK) {
		cli_error("%s", err);
		r->failed += r->nbatch;
		r->added = r->updated = 0;
	}
	store_txn_free(r->txn);
	r->txn = NULL;
	r->nbatch = 0;
	store_unlock(r->st);
}

/* Take the lock and start a batch, unless one is open; 0 or -1. */
static int
run_begin(struct import_run *r)
{
	char	err[NR_ERRBUF_SIZE];

	if (r->txn != NULL)
		return 0;
	if (cli_store_lock(r->opts, r->st, 1) != NR_EXIT_OK)
		return -1;
	if (store_txn_begin(r->st, &r->txn, err) != NR_OK) {
		cli_error("%s", err);
		store_unlock(r->st);
		return -1;
	}
	return 0;
}

/* The batch's part for feed name. */
static struct store_txf *
run_feed(struct import_run *r, const char *name)
{
	struct store_txf	*f;
	char			 err[NR_ERRBUF_SIZE];

	if (store_txn_feed(r->txn, name, &f, err) != NR_OK) {
		cli_error("%s", err);
		return NULL;
	}
	return f;
}

/* The directory of a feeds-file entry, recorded for its URL now. */
static char *
entry_dir(struct import_run *r, const struct feedlist_entry *fe)
{
	struct store_ref	 ref;
	char			*base, err[NR_ERRBUF_SIZE];

	memset(&ref, 0, sizeof ref);
	ref.url = fe->url;
	ref.want = (fe->flags & NR_FEED_NAMED) ? fe->want : NULL;
	ref.base = base = feedlist_name_from_url(fe->url);
	if (store_resolve(r->st, &ref, 1, store_locked(r->st), err) != NR_OK)
		snprintf(ref.name, sizeof ref.name, "%s", fe->name);
	free(base);
	return xstrdup(ref.name);
}

/*
 * The feed an article goes to: --into, else the configured or built-in
 * feed on the same host as its link, else the host without "www.", else
 * "imported". The caller frees the result.
 */
static char *
feed_for(struct import_run *r, const struct item *it)
{
	struct feedlist_entry	*fe;
	char			*name, *host;

	if (r->opts->into != NULL)
		return xstrdup(r->opts->into);
	if (it->link == NULL)
		return xstrdup("imported");
	fe = feedlist_find_host(r->fl, it->link);
	if (fe != NULL)
		return entry_dir(r, fe);
	host = feedlist_host_of(it->link);
	if (host == NULL)
		return xstrdup("imported");
	free(host);
	name = feedlist_name_from_url(it->link);
	if (strcmp(name, "feed") == 0 || !store_feed_name_valid(name)) {
		free(name);
		return xstrdup("imported");
	}
	return name;
}

/* Import one file; problems are reported and counted, never fatal. */
static void
import_file(struct import_run *r, const char *path)
{
	struct store_txf	*f;
	struct item		*it;
	const char		*base;
	uint64_t		 hash;
	size_t			 len, line = 0;
	char			*buf, *feed, err[NR_ERRBUF_SIZE];
	enum store_put		 result;

	if (util_read_file(path, NR_ARTICLE_MAX_FILE, &buf, &len, err) !=
	    NR_OK) {
		cli_warn("%s", err);
		r->failed++;
		return;
	}
	if (article_parse(buf, len, &it, &line, err) != NR_OK) {
		cli_warn("%s:%zu: %s (skipped)", path, line, err);
		r->failed++;
		free(buf);
		return;
	}
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	if (!article_name_parse(base, NULL, &hash))
		hash = item_hash(it);
	/* The lock first: a feed's directory is recorded under it. */
	feed = run_begin(r) == 0 ? feed_for(r, it) : NULL;
	f = feed != NULL ? run_feed(r, feed) : NULL;
	if (f == NULL)
		r->failed++;
	else if (store_item_put_file(f, hash, buf, len, it, &result, err) !=
	    NR_OK) {
		cli_error("%s: %s", path, err);
		r->failed++;
	} else if (result == NR_PUT_NEW)
		r->added++;
	else if (result == NR_PUT_UPDATED)
		r->updated++;
	else
		r->same++;
	free(feed);
	item_free(it);
	free(buf);
	if (++r->nbatch >= IMPORT_BATCH)
		run_commit(r);
}

/* Compare two strings through pointers, for qsort. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Import every *.txt file of a directory, in name order. */
static void
import_dir(struct import_run *r, const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, *path;
	size_t		 n = 0, i, len;

	d = opendir(dir);
	if (d == NULL) {
		cli_warn("%s: cannot open directory", dir);
		r->failed++;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".txt") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		path = util_path_join(dir, names[i]);
		import_file(r, path);
		free(path);
		free(names[i]);
	}
	free(names);
}

int
cli_import(struct cli_opts *opts)
{
	struct import_run	 r;
	struct search		*srch;
	struct stat		 sb;
	size_t			 i;
	int			 ret;

	if (opts->into != NULL && !store_feed_name_valid(opts->into)) {
		cli_error("--into %s: a feed name is made of a-z, 0-9, '.', "
		    "'_' and '-' and does not start with '.' or '-'",
		    opts->into);
		return NR_EXIT_USAGE;
	}
	memset(&r, 0, sizeof r);
	r.opts = opts;
	if ((ret = cli_feeds_open(opts, &r.fl, &r.st)) != NR_EXIT_OK)
		return ret;
	srch = cli_search_writer(r.st, 0);
	for (i = 0; i < (size_t)opts->nargs; i++) {
		if (stat(opts->args[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			import_dir(&r, opts->args[i]);
		else
			import_file(&r, opts->args[i]);
	}
	run_commit(&r);
	cli_search_close(r.st, srch, 0);
	store_free(r.st);
	feedlist_free(r.fl);
	if (opts->verbose || r.failed != 0)
		fprintf(stderr, "newsreader: imported %zu new, %zu updated, "
		    "%zu already present, %zu failed\n", r.added, r.updated,
		    r.same, r.failed);
	return r.failed != 0 ? NR_EXIT_ERROR : NR_EXIT_OK;
}
