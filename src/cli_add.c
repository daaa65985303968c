/*
 * --add URL [name=NAME] [TAG...] [~TITLE] [--pick N]: subscribe. URL is
 * a feed, or a web page whose feeds are found (discover.c); the feed's
 * line is added to the feeds file and the feed is fetched once.
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/config.h"
#include "newsreader/discover.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/fetch.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

/* What the words after the URL say. */
struct add_args {
	const char	*name;
	const char	*title;
	char		**tags;
	size_t		 ntags;
};

/* Sort the words after the URL; a bad name is a usage error. */
static int
read_args(struct cli_opts *opts, struct add_args *a)
{
	const char	*s;
	int		 i;

	memset(a, 0, sizeof *a);
	a->tags = xcalloc((size_t)opts->nargs + 1, sizeof *a->tags);
	for (i = 1; i < opts->nargs; i++) {
		s = opts->args[i];
		if (strncmp(s, "name=", 5) == 0) {
			a->name = s + 5;
			if (!feedlist_name_valid(a->name)) {
				cli_error("--add: bad name \"%.64s\": "
				    "[a-z0-9._-] only, no leading dot or dash",
				    a->name);
				return NR_EXIT_USAGE;
			}
		} else if (*s == '~')
			a->title = s + 1;
		else
			a->tags[a->ntags++] = (char *)s;
	}
	return NR_EXIT_OK;
}

/* The line whose store name or name= is name, or NULL. */
static struct feedlist_entry *
name_user(const struct feedlist *fl, const char *name)
{
	struct feedlist_entry	*e;
	size_t			 i;

	for (i = 0; i < fl->nentries; i++) {
		e = fl->entries[i];
		if (e->flags & NR_FEED_BUILTIN)
			continue;
		if (strcmp(e->name, name) == 0 ||
		    (e->want != NULL && strcmp(e->want, name) == 0))
			return e;
	}
	return NULL;
}

/* One line of the choice: number, title, type, URL (tab-separated). */
static void
print_choice(size_t i, const struct discover_feed *f)
{
	char	*t, *u;

	t = text_clean(f->title != NULL ? f->title : "", f->title != NULL ?
	    strlen(f->title) : 0, NR_TEXT_ONELINE | NR_TEXT_TRIM, 256);
	u = text_clean(f->url, strlen(f->url), NR_TEXT_ONELINE, 4096);
	printf("%zu\t%s\t%s\t%s\n", i + 1, *t != '\0' ? t : "(untitled)",
	    f->type != NULL ? f->type : "-", u);
	free(t);
	free(u);
}

/* The fetch limits of the config (as --refresh has them). */
static void
fetch_limits(const struct config *cfg, struct fetch_opts *fo)
{
	fetch_opts_init(fo);
	fo->timeout = cfg->timeout;
	fo->connect_timeout = cfg->connect_timeout;
	fo->max_size = cfg->max_size;
}

/*
 * Find the feed to add: *url and *title (caller frees). Returns an exit
 * status (2 when the page names several and no --pick says which).
 */
static int
choose(struct cli_opts *opts, const char *url, const struct fetch_opts *fo,
    char **urlp, char **titlep)
{
	struct discover	 d;
	char		 err[NR_ERRBUF_SIZE];
	size_t		 i, k;
	int		 ret = NR_EXIT_ERROR;

	*urlp = *titlep = NULL;
	if (discover_run(url, fo, 0, &d, err) != NR_OK) {
		cli_error("--add: %s", err);
		goto out;
	}
	if (d.nfeeds > 1 && opts->pick == 0) {
		for (i = 0; i < d.nfeeds; i++)
			print_choice(i, &d.feeds[i]);
		cli_error("--add: the page names %zu feeds; choose one with "
		    "--pick N", d.nfeeds);
		ret = NR_EXIT_USAGE;
		goto out;
	}
	if (opts->pick > 0 && (size_t)opts->pick > d.nfeeds) {
		cli_error("--add: --pick %d, but %s names %zu feed%s",
		    opts->pick, d.checked ? "the URL" : "the page", d.nfeeds,
		    d.nfeeds == 1 ? "" : "s");
		ret = NR_EXIT_USAGE;
		goto out;
	}
	k = opts->pick > 0 ? (size_t)opts->pick - 1 : 0;
	if (d.fallback)
		cli_warn("%s names no feed; found %s", url, d.feeds[k].url);
	if (!d.checked && discover_check(d.feeds[k].url, fo, titlep, err) !=
	    NR_OK) {
		cli_error("--add: %s", err);
		goto out;
	}
	if (d.checked && d.feeds[k].title != NULL)
		*titlep = xstrdup(d.feeds[k].title);
	*urlp = xstrdup(d.feeds[k].url);
	ret = NR_EXIT_OK;
out:
	discover_clear(&d);
	return ret;
}

/*
 * The feeds file, which may not exist yet, and the data directory; the
 * file's warnings are printed when warn is set.
 */
static int
open_both(struct cli_opts *opts, struct feedlist **fl, struct store **st,
    int warn)
{
	char	*path, err[NR_ERRBUF_SIZE];
	size_t	 i;
	int	 ret;

	path = opts->feedsfile != NULL ? xstrdup(opts->feedsfile) :
	    util_path_join(opts->configdir, "feeds");
	if (feedlist_load(path, 0, fl, err) != NR_OK) {
		cli_error("%s", err);
		free(path);
		return NR_EXIT_ERROR;
	}
	free(path);
	for (i = 0; warn && i < (*fl)->nwarnings; i++)
		cli_warn("%s", (*fl)->warnings[i]);
	if ((ret = cli_store_open(opts, st)) != NR_EXIT_OK) {
		feedlist_free(*fl);
		*fl = NULL;
		return ret;
	}
	cli_feeds_resolve(*st, *fl);
	return NR_EXIT_OK;
}

/* Fetch the new feed once, as --refresh --feed URL does. */
static void
first_fetch(struct cli_opts *opts, const char *url, const char *name)
{
	struct cli_opts	 o = *opts;
	char		*feeds[1];

	feeds[0] = (char *)url;
	o.feeds = feeds;
	o.nfeeds = 1;
	o.nargs = 0;
	if (cli_refresh(&o) != NR_EXIT_OK)
		cli_warn("%s is added, but fetching it failed; "
		    "'newsreader --refresh --feed %s' tries again", name, name);
}

int
cli_add(struct cli_opts *opts)
{
	struct add_args		 a;
	struct config		 cfg;
	struct fetch_opts	 fo;
	struct feedlist		*fl = NULL;
	struct feedlist_entry	*e;
	struct store		*st = NULL;
	char			 err[NR_ERRBUF_SIZE];
	char			*url, *found = NULL, *title = NULL;
	char			*name = NULL;
	int			 ret, inited = 0;

	url = strstr(opts->args[0], "://") != NULL ?
	    xstrdup(opts->args[0]) : xasprintf("https://%s", opts->args[0]);
	if ((ret = read_args(opts, &a)) != NR_EXIT_OK)
		goto out;
	if ((ret = cli_config_load(opts, &cfg)) != NR_EXIT_OK)
		goto out;
	if ((ret = open_both(opts, &fl, &st, 1)) != NR_EXIT_OK)
		goto out;
	ret = NR_EXIT_ERROR;
	if ((e = feedlist_find_url(fl, url)) != NULL &&
	    !(e->flags & NR_FEED_BUILTIN)) {
		cli_error("--add: %.200s is already in the feeds file as %s",
		    url, e->name);
		goto out;
	}
	if (a.name != NULL && (e = name_user(fl, a.name)) != NULL) {
		cli_error("--add: the name %s is taken (by %.200s)", a.name,
		    e->url);
		goto out;
	}
	if (fetch_global_init(err) != NR_OK) {
		cli_error("%s", err);
		goto out;
	}
	inited = 1;
	fetch_limits(&cfg, &fo);
	if ((ret = choose(opts, url, &fo, &found, &title)) != NR_EXIT_OK)
		goto out;
	/* The file as it is now: the fetches took a while. */
	store_free(st);
	st = NULL;
	feedlist_free(fl);
	fl = NULL;
	if ((ret = open_both(opts, &fl, &st, 0)) != NR_EXIT_OK)
		goto out;
	ret = NR_EXIT_ERROR;
	if (feedlist_add(fl, found, a.title, a.tags, a.ntags, a.name, &e,
	    err) != NR_OK) {
		cli_error("--add: %s", err);
		goto out;
	}
	if (feedlist_save(fl, NULL, err) != NR_OK) {
		cli_error("--add: %s", err);
		goto out;
	}
	cli_feeds_resolve(st, fl);
	name = xstrdup(e->name);
	fprintf(stderr, "newsreader: added %s: %s <%s> to %s\n", name,
	    a.title != NULL && *a.title != '\0' ? a.title : title != NULL ?
	    title : "(untitled)", found, fl->path);
	store_free(st);
	st = NULL;
	feedlist_free(fl);
	fl = NULL;
	fetch_global_cleanup();
	inited = 0;
	first_fetch(opts, found, name);
	ret = NR_EXIT_OK;
out:
	if (inited)
		fetch_global_cleanup();
	store_free(st);
	feedlist_free(fl);
	free(a.tags);
	free(name);
	free(found);
	free(title);
	free(url);
	return ret;
}
