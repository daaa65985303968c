/*
 * --remove NAME and --rename NAME NEW: change the feeds file, keeping
 * every other line as it is. The items stay where they are: a removed
 * feed's directory is "no longer listed" until --prune, a renamed one
 * keeps its directory (the store knows it by URL, FORMAT.md section 6).
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

/*
 * The feeds-file line s names, exactly (a directory, name=, "~Title",
 * the feed's own title or URL; not a prefix: these commands change the
 * file). Prints the error and returns NULL when there is none.
 */
static struct feedlist_entry *
find_line(struct cli_names *nm, const char *s, const char *cmd)
{
	struct cli_feed	*f;
	char		 err[NR_ERRBUF_SIZE];
	const char	*t;

	if (cli_names_find(nm, s, &f, err) != NR_OK) {
		cli_error("%s: %s", cmd, err);
		return NULL;
	}
	t = cli_names_title(nm, (size_t)(f - nm->v));
	if (strcmp(f->name, s) != 0 && (f->fe == NULL || f->fe->want == NULL ||
	    strcmp(f->fe->want, s) != 0) && (f->fe == NULL ||
	    !text_equal_ci(f->fe->title, s)) && !text_equal_ci(t, s) &&
	    (f->fe == NULL || feedlist_find_url(nm->fl, s) != f->fe)) {
		cli_error("%s: '%.64s' is only the start of feed %s's name; "
		    "give it whole", cmd, s, f->name);
		return NULL;
	}
	if (f->fe == NULL) {
		cli_error("%s: %s is not in the feeds file", cmd, f->name);
		return NULL;
	}
	return f->fe;
}

/* Save the feeds file; prints the error. Returns an exit status. */
static int
save(struct feedlist *fl, const char *cmd)
{
	char	err[NR_ERRBUF_SIZE];

	if (feedlist_save(fl, NULL, err) != NR_OK) {
		cli_error("%s: %s", cmd, err);
		return NR_EXIT_ERROR;
	}
	return NR_EXIT_OK;
}

int
cli_remove(struct cli_opts *opts)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	struct store		*st;
	struct cli_names	 nm;
	char			 err[NR_ERRBUF_SIZE], *name, *url;
	int			 ret;

	if ((ret = cli_feeds_open(opts, &fl, &st)) != NR_EXIT_OK)
		return ret;
	cli_names_init(&nm, st, fl);
	ret = NR_EXIT_ERROR;
	e = find_line(&nm, opts->args[0], "--remove");
	if (e == NULL)
		goto out;
	name = xstrdup(e->name);
	url = xstrdup(e->url);
	if (feedlist_remove(fl, e, err) != NR_OK)
		cli_error("--remove: %s", err);
	else if ((ret = save(fl, "--remove")) == NR_EXIT_OK)
		fprintf(stderr, "newsreader: removed %s (%s) from %s; its "
		    "items stay until --prune\n", name, url, fl->path);
	free(name);
	free(url);
out:
	cli_names_clear(&nm);
	store_free(st);
	feedlist_free(fl);
	return ret;
}

int
cli_rename(struct cli_opts *opts)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	struct store		*st;
	struct cli_names	 nm;
	char			 err[NR_ERRBUF_SIZE], *old;
	const char		*new = opts->args[1], *rec;
	int			 ret;

	if ((ret = cli_feeds_open(opts, &fl, &st)) != NR_EXIT_OK)
		return ret;
	cli_names_init(&nm, st, fl);
	ret = NR_EXIT_ERROR;
	e = find_line(&nm, opts->args[0], "--rename");
	if (e == NULL)
		goto out;
	/*
	 * Another feed's directory of that name would answer to it first
	 * (--feed, =NAME): the name would not reach this feed.
	 */
	if (strcmp(e->name, new) != 0 && store_feed_exists(st, new)) {
		rec = store_feed_url(st, new);
		cli_error("--rename: %s is the directory of another feed%s%s; "
		    "choose another name", new, rec != NULL ? ", " : "",
		    rec != NULL ? rec : "");
		goto out;
	}
	old = xstrdup(e->name);
	if (feedlist_rename(fl, e, new, err) != NR_OK)
		cli_error("--rename: %s", err);
	else if ((ret = save(fl, "--rename")) == NR_EXIT_OK)
		fprintf(stderr, "newsreader: renamed %s to %s in %s\n", old,
		    new, fl->path);
	free(old);
out:
	cli_names_clear(&nm);
	store_free(st);
	feedlist_free(fl);
	return ret;
}
