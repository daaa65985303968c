/* The default command: check the options, then run the terminal UI. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/cli.h"
#include "newsreader/config.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/fetch.h"
#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"

/* Problems in cache files go to the debug log: stderr belongs to curses. */
static void
tui_warn(void *arg, const char *file, size_t line, const char *msg)
{
	(void)arg;
	log_debug("%s:%zu: %s", file, line, msg);
}

/*
 * A problem in the config file: printed before curses starts, and kept
 * in the message log, which the interface announces and M shows.
 */
static void
tui_config_warn(void *arg, const char *file, size_t line, const char *msg)
{
	(void)arg;
	cli_warn("%s:%zu: %s", file, line, msg);
	ui_log_add("%s:%zu: %s", file, line, msg);
}

/* Read the config file and apply its keys and colours. */
static int
tui_config(struct cli_opts *opts)
{
	struct config	*cfg;
	char		*path;
	int		 ret;

	cfg = xcalloc(1, sizeof *cfg);
	ret = cli_config_load_warn(opts, cfg, tui_config_warn);
	if (ret == NR_EXIT_OK) {
		path = util_path_join(opts->configdir, "config");
		ui_config_apply(cfg, path, tui_config_warn, NULL);
		free(path);
	}
	free(cfg);
	return ret;
}

int
cli_tui(struct cli_opts *opts)
{
	return cli_tui_flags(opts, 0);
}

int
cli_tui_flags(struct cli_opts *opts, int flags)
{
	struct feedlist		*fl = NULL;
	struct cli_names	 nm;
	struct cli_feed		*f;
	struct store		*st;
	char			*feed = NULL;
	struct search		*srch;
	char			*path, err[NR_ERRBUF_SIZE];
	size_t			 i;
	int			 ret;

	if (opts->nfeeds > 1) {
		cli_error("the interface opens one --feed at a time");
		return NR_EXIT_USAGE;
	}
	if ((ret = tui_config(opts)) != NR_EXIT_OK)
		return ret;
	path = opts->feedsfile != NULL ? xstrdup(opts->feedsfile) :
	    util_path_join(opts->configdir, "feeds");
	if (feedlist_load(path, flags, &fl, err) != NR_OK) {
		cli_error("%s", err);
		free(path);
		return NR_EXIT_ERROR;
	}
	free(path);
	/* The feeds file's problems (stderr belongs to curses). */
	for (i = 0; i < fl->nwarnings; i++)
		ui_log_add("%s", fl->warnings[i]);
	if (store_open(opts->datadir, &st, err) != NR_OK) {
		cli_error("%s", err);
		feedlist_free(fl);
		return NR_EXIT_ERROR;
	}
	store_set_warn(st, tui_warn, NULL);
	cli_feeds_resolve(st, fl);
	if (opts->nfeeds == 1) {
		cli_names_init(&nm, st, fl);
		if (cli_names_find(&nm, opts->feeds[0], &f, err) == NR_OK)
			feed = xstrdup(f->name);
		cli_names_clear(&nm);
		if (feed == NULL) {
			cli_error("%s", err);
			store_free(st);
			feedlist_free(fl);
			return NR_EXIT_USAGE;
		}
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the interface needs a terminal (see --list)");
		free(feed);
		store_free(st);
		feedlist_free(fl);
		return NR_EXIT_ERROR;
	}
	if (fetch_global_init(err) != NR_OK) {
		cli_error("%s", err);
		free(feed);
		store_free(st);
		feedlist_free(fl);
		return NR_EXIT_ERROR;
	}
	/* The interface's refreshes keep the search index in step. */
	srch = cli_search_writer(st, 1);
	ret = ui_run(st, fl, feed, err) == NR_OK ? NR_EXIT_OK : NR_EXIT_ERROR;
	cli_search_close(st, srch, 1);
	fetch_global_cleanup();
	if (ret != NR_EXIT_OK)
		cli_error("%s", err);
	else if (err[0] != '\0')
		cli_warn("%s", err);
	free(feed);
	store_free(st);
	feedlist_free(fl);
	return ret;
}
