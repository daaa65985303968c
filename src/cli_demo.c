/*
 * The --demo command: the bundled demo feeds (demo/feeds) refreshed
 * over file:// into a temporary data directory, then shown in the
 * reader on a terminal, else listed. No network is used.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/fetch.h"
#include "newsreader/refresh.h"
#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"

/* The demo feeds: file under demo/feeds, short name, tags, title. */
static const struct {
	const char	*file;
	const char	*name;
	const char	*tags;
	const char	*title;
} demo_feeds[] = {
	{ "northwind.rss",	"northwind",	"local news",
	    "Northwind Gazette" },
	{ "lattice.atom",	"lattice",	"science",	NULL },
	{ "gorod.rss",		"gorod",	"russian news",	NULL },
	{ "tokyo-tech.atom",	"tokyo",	"japanese tech", NULL }
};

#define NDEMO	(sizeof demo_feeds / sizeof demo_feeds[0])

/* Remove one entry during a depth-first walk. */
static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

/* The directory holding demo/feeds, or NULL. */
static const char *
demo_dir(void)
{
	static const char *const dirs[] = {
		NR_PKGDATADIR "/demo",
		NR_SRCDIR "/demo",
	};
	const char	*env = getenv("NEWSREADER_DEMO_DIR");
	struct stat	 sb;
	char		*p;
	size_t		 i;
	int		 ok;

	if (env != NULL && *env != '\0')
		return env;
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		p = util_path_join(dirs[i], "feeds");
		ok = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
		free(p);
		if (ok)
			return dirs[i];
	}
	return NULL;
}

/* Append path to sb as the path of a file:// URL (percent-encoded). */
static void
add_url_path(struct strbuf *sb, const char *path)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			strbuf_addc(sb, (char)*p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

/* Write top/feeds: file:// URLs, short names, tags. */
static int
write_feeds(const char *dir, const char *top)
{
	struct strbuf	 sb;
	char		 real[PATH_MAX], err[NR_ERRBUF_SIZE];
	size_t		 i;
	int		 r;

	if (realpath(dir, real) == NULL) {
		cli_error("%s: cannot find the demo feeds", dir);
		return NR_EXIT_ERROR;
	}
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "# newsreader --demo: the bundled demo feeds\n");
	for (i = 0; i < NDEMO; i++) {
		strbuf_adds(&sb, "file://");
		add_url_path(&sb, real);
		strbuf_adds(&sb, "/feeds/");
		strbuf_adds(&sb, demo_feeds[i].file);
		strbuf_addf(&sb, " name=%s %s", demo_feeds[i].name,
		    demo_feeds[i].tags);
		if (demo_feeds[i].title != NULL)
			strbuf_addf(&sb, " \"~%s\"", demo_feeds[i].title);
		strbuf_addc(&sb, '\n');
	}
	r = util_write_atomic(top, "feeds", sb.buf, sb.len, err);
	strbuf_clear(&sb);
	if (r != NR_OK) {
		cli_error("%s", err);
		return NR_EXIT_ERROR;
	}
	return NR_EXIT_OK;
}

/* A failed demo feed: say so (curses has not started yet). */
static void
demo_done(const struct refresh_result *r, void *arg)
{
	int	*errors = arg;

	if (r->status == NR_REFRESH_ERROR) {
		cli_warn("demo feed %s: %s", r->feed, r->message);
		(*errors)++;
	}
}

/* Refresh every feed of the feeds file at path into datadir. */
static int
demo_refresh(const char *path, const char *datadir)
{
	struct feedlist	*fl;
	struct refresh	*r = NULL;
	struct store	*st;
	char		 err[NR_ERRBUF_SIZE];
	int		 ret = NR_EXIT_ERROR, errors = 0;

	if (feedlist_load(path, NR_FEEDLIST_NO_BUILTINS, &fl, err) != NR_OK) {
		cli_error("%s", err);
		return NR_EXIT_ERROR;
	}
	if (store_open(datadir, &st, err) != NR_OK) {
		cli_error("%s", err);
		feedlist_free(fl);
		return NR_EXIT_ERROR;
	}
	if (fetch_global_init(err) != NR_OK)
		cli_error("%s", err);
	else {
		if (refresh_create(st, NULL, NULL, demo_done, &errors, &r,
		    err) != NR_OK || refresh_run(r, fl->entries, fl->nentries,
		    err) != NR_OK)
			cli_error("%s", err);
		else if (errors == 0)
			ret = NR_EXIT_OK;
		refresh_free(r);
		fetch_global_cleanup();
	}
	store_free(st);
	feedlist_free(fl);
	return ret;
}

int
cli_demo(struct cli_opts *opts)
{
	struct cli_opts	 o;
	const char	*dir, *tmp;
	char		*top, *data, *feeds;
	int		 ret;

	if ((dir = demo_dir()) == NULL) {
		cli_error("the demo feeds are not installed (looked in "
		    NR_PKGDATADIR "/demo/feeds)");
		return NR_EXIT_ERROR;
	}
	tmp = getenv("TMPDIR");
	top = xasprintf("%s/newsreader-demo.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(top) == NULL) {
		cli_error("%s: cannot create a temporary directory", top);
		free(top);
		return NR_EXIT_ERROR;
	}
	data = util_path_join(top, "data");
	feeds = util_path_join(top, "feeds");
	ret = write_feeds(dir, top);
	if (ret == NR_EXIT_OK)
		ret = demo_refresh(feeds, data);
	o = *opts;
	o.datadir = data;
	o.feedsfile = feeds;
	o.into = NULL;
	o.feeds = NULL;
	o.nfeeds = 0;
	o.args = NULL;
	o.nargs = 0;
	/* On a terminal the reader starts; otherwise the items are listed. */
	if (ret == NR_EXIT_OK && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO))
		ret = cli_tui_flags(&o, NR_FEEDLIST_NO_BUILTINS);
	else if (ret == NR_EXIT_OK)
		ret = cli_list(&o);
	fflush(stdout);
	(void)nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(feeds);
	free(data);
	free(top);
	return ret;
}
