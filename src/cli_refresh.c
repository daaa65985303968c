/* The --refresh command, and loading the feeds file and config for the CLI. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/config.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/fetch.h"
#include "newsreader/refresh.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

/* Print a config problem as a warning. */
static void
config_warn(void *arg, const char *file, size_t line, const char *msg)
{
	(void)arg;
	cli_warn("%s:%zu: %s", file, line, msg);
}

int
cli_config_load(struct cli_opts *opts, struct config *cfg)
{
	return cli_config_load_warn(opts, cfg, config_warn);
}

int
cli_config_load_warn(struct cli_opts *opts, struct config *cfg,
    nr_warn_cb *warn)
{
	char	*path, err[NR_ERRBUF_SIZE];
	int	 ret = NR_EXIT_OK;

	path = util_path_join(opts->configdir, "config");
	if (config_load(path, cfg, warn, NULL, err) != NR_OK) {
		cli_error("%s", err);
		ret = NR_EXIT_ERROR;
	}
	free(path);
	return ret;
}

int
cli_feedlist_load(struct cli_opts *opts, int flags, struct feedlist **out)
{
	char	*path, err[NR_ERRBUF_SIZE];
	size_t	 i;

	path = opts->feedsfile != NULL ? xstrdup(opts->feedsfile) :
	    util_path_join(opts->configdir, "feeds");
	if (feedlist_load(path, flags, out, err) != NR_OK) {
		cli_error("%s", err);
		free(path);
		return NR_EXIT_ERROR;
	}
	if (opts->feedsfile != NULL && !(*out)->exists) {
		cli_error("%s: no such feeds file", path);
		free(path);
		feedlist_free(*out);
		*out = NULL;
		return NR_EXIT_ERROR;
	}
	free(path);
	for (i = 0; i < (*out)->nwarnings; i++)
		cli_warn("%s", (*out)->warnings[i]);
	return NR_EXIT_OK;
}

int
cli_feeds_open(struct cli_opts *opts, struct feedlist **fl,
    struct store **st)
{
	int	ret;

	if ((ret = cli_feedlist_load(opts, 0, fl)) != NR_EXIT_OK)
		return ret;
	if ((ret = cli_store_open(opts, st)) != NR_EXIT_OK) {
		feedlist_free(*fl);
		*fl = NULL;
		return ret;
	}
	cli_feeds_resolve(*st, *fl);
	return NR_EXIT_OK;
}

void
cli_feeds_resolve(struct store *st, struct feedlist *fl)
{
	struct store_ref	*refs;
	char			**bases;
	size_t			  i, n = fl->nentries;

	refs = xcalloc(n + 1, sizeof *refs);
	bases = xcalloc(n + 1, sizeof *bases);
	for (i = 0; i < n; i++) {
		refs[i].url = fl->entries[i]->url;
		refs[i].want = (fl->entries[i]->flags & NR_FEED_NAMED) ?
		    fl->entries[i]->want : NULL;
		refs[i].base = bases[i] =
		    feedlist_name_from_url(fl->entries[i]->url);
	}
	if (store_resolve(st, refs, n, 0, NULL) == NR_OK) {
		for (i = 0; i < n; i++)
			feedlist_set_name(fl, fl->entries[i], refs[i].name);
	}
	for (i = 0; i < n; i++)
		free(bases[i]);
	free(bases);
	free(refs);
}

int
cli_feeds_select(struct cli_opts *opts, struct store *st, struct feedlist *fl,
    struct feedlist_entry ***out, size_t *np)
{
	struct feedlist_entry	**sel;
	struct cli_names	  nm;
	struct cli_feed		 *f;
	char			  err[NR_ERRBUF_SIZE];
	size_t			  i, n = 0;

	sel = xcalloc(fl->nentries + (size_t)opts->nfeeds + 1, sizeof *sel);
	if (opts->nfeeds > 0) {
		cli_names_init(&nm, st, fl);
		for (i = 0; i < (size_t)opts->nfeeds; i++) {
			if (cli_names_find(&nm, opts->feeds[i], &f, err) !=
			    NR_OK || f->fe == NULL) {
				if (f != NULL)
					cli_error("--feed: %s: not in the "
					    "feeds file", f->name);
				else
					cli_error("--feed: %s", err);
				cli_names_clear(&nm);
				free(sel);
				return NR_EXIT_USAGE;
			}
			sel[n++] = f->fe;
		}
		cli_names_clear(&nm);
	} else {
		/* A feeds file of one's own replaces the built-in feeds. */
		for (i = 0; i < fl->nentries; i++) {
			if (fl->exists &&
			    (fl->entries[i]->flags & NR_FEED_BUILTIN))
				continue;
			sel[n++] = fl->entries[i];
		}
	}
	*out = sel;
	*np = n;
	return NR_EXIT_OK;
}

/* What the run has seen so far, for the progress line and the status. */
struct progress {
	struct cli_opts	*opts;
	size_t		 total;
	size_t		 done;
	size_t		 errors;
	size_t		 bytes;
	size_t		 nnew;
};

static const char *const status_names[] = {
	[NR_REFRESH_OK] = "ok",
	[NR_REFRESH_NOT_MODIFIED] = "not-modified",
	[NR_REFRESH_ERROR] = "error",
};

/* One feed is done: a summary line, or the progress line on a TTY. */
static void
on_feed(const struct refresh_result *res, void *arg)
{
	struct progress	*p = arg;
	char		*msg;

	p->done++;
	p->bytes += res->bytes;
	p->nnew += res->nnew;
	if (res->status == NR_REFRESH_ERROR)
		p->errors++;
	if (!p->opts->tty) {
		msg = xstrdup(res->message);
		for (char *c = msg; *c != '\0'; c++) {
			if (*c == '\t' || *c == '\n' || *c == '\r')
				*c = ' ';
		}
		printf("%s\t%s\t%zu\t%zu\t%s\n", res->feed,
		    status_names[res->status], res->nnew, res->nupdated, msg);
		free(msg);
		fflush(stdout);
		return;
	}
	if (res->status == NR_REFRESH_ERROR)
		fprintf(stderr, "\r\033[K%s: %s\n", res->feed, res->message);
	fprintf(stderr, "\r\033[Krefreshing: %zu/%zu feeds, %.1f MiB, %zu new, "
	    "%zu error%s", p->done, p->total, p->bytes / 1048576.0, p->nnew,
	    p->errors, p->errors == 1 ? "" : "s");
	if (p->done == p->total)
		fputc('\n', stderr);
	fflush(stderr);
}

int
cli_refresh(struct cli_opts *opts)
{
	struct feedlist		 *fl;
	struct feedlist_entry	**sel;
	struct config		  cfg;
	struct fetch_opts	  fo;
	struct refresh_opts	  ro;
	struct refresh		 *r;
	struct store		 *st;
	struct progress		  p;
	struct search		 *srch = NULL;
	char			  err[NR_ERRBUF_SIZE];
	size_t			  n;
	int			  ret;

	if ((ret = cli_config_load(opts, &cfg)) != NR_EXIT_OK)
		return ret;
	if ((ret = cli_feeds_open(opts, &fl, &st)) != NR_EXIT_OK)
		return ret;
	if ((ret = cli_feeds_select(opts, st, fl, &sel, &n)) != NR_EXIT_OK) {
		store_free(st);
		feedlist_free(fl);
		return ret;
	}
	if ((ret = cli_store_lock(opts, st, 0)) != NR_EXIT_OK)
		goto out;
	srch = cli_search_writer(st, 0);
	if (fetch_global_init(err) != NR_OK) {
		cli_error("%s", err);
		ret = NR_EXIT_ERROR;
		goto out;
	}
	fetch_opts_init(&fo);
	fo.max_conns = cfg.max_conns;
	fo.max_per_host = cfg.max_per_host;
	fo.timeout = cfg.timeout;
	fo.connect_timeout = cfg.connect_timeout;
	fo.max_size = cfg.max_size;
	memset(&ro, 0, sizeof ro);
	ro.keep_items = cfg.keep_items;
	ro.keep_days = cfg.keep_days;
	ro.max_items = cfg.max_items;
	memset(&p, 0, sizeof p);
	p.opts = opts;
	p.total = n;
	if (refresh_create(st, &fo, &ro, on_feed, &p, &r, err) != NR_OK ||
	    refresh_run(r, sel, n, err) != NR_OK) {
		cli_error("%s", err);
		ret = NR_EXIT_ERROR;
	} else if (p.errors > 0)
		ret = NR_EXIT_ERROR;
	refresh_free(r);
	fetch_global_cleanup();
out:
	cli_search_close(st, srch, 0);
	store_free(st);
	free(sel);
	feedlist_free(fl);
	return ret;
}
