/* The --parse command: parse a feed file and print its items as rows. */
#include "nr_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/util.h"

struct cli_parse_state {
	const char	*title;	/* the feed title, once known */
	char		*titlecopy;
};

/* The feed header is known: keep its title for the rows. */
static void
on_feed(const struct feed *f, void *arg)
{
	struct cli_parse_state	*st = arg;

	free(st->titlecopy);
	st->titlecopy = xstrdup(f->title != NULL ? f->title : "");
	st->title = st->titlecopy;
}

/* Print one item as a row and free it. */
static void
on_item(struct item *it, void *arg)
{
	struct cli_parse_state	*st = arg;
	int64_t			 date;

	date = it->published != NR_TIME_NONE ? it->published : it->updated;
	cli_print_row(stdout, item_hash(it), date, st->title, "--",
	    it->title, it->tags, it->ntags, it->link);
	item_free(it);
}

int
cli_parse(struct cli_opts *opts)
{
	struct cli_parse_state	 st;
	struct parse_handler	 h;
	struct parse_opts	 po;
	struct feed		*f = NULL;
	char			 errbuf[NR_ERRBUF_SIZE];
	const char		*path;
	enum nr_err		 err;
	FILE			*fp;
	size_t			 i;

	if (opts->nargs < 1) {
		cli_error("--parse needs a FILE");
		return NR_EXIT_USAGE;
	}
	path = opts->args[0];
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else {
		fp = fopen(path, "r");
		if (fp == NULL) {
			cli_error("%s: %s", opts->args[0], strerror(errno));
			return NR_EXIT_ERROR;
		}
	}
	memset(&st, 0, sizeof st);
	memset(&h, 0, sizeof h);
	memset(&po, 0, sizeof po);
	h.feed = on_feed;
	h.item = on_item;
	h.arg = &st;
	po.url = strncmp(opts->args[0], "file://", 7) == 0 ? opts->args[0] :
	    NULL;
	po.now = (int64_t)time(NULL);
	err = parse_stream(fp, &po, &h, &f, errbuf);
	if (fp != stdin)
		fclose(fp);
	free(st.titlecopy);
	if (err != NR_OK) {
		cli_error("%s: %s", opts->args[0], errbuf);
		return NR_EXIT_ERROR;
	}
	for (i = 0; i < f->nwarnings; i++)
		cli_warn("%s: %s", opts->args[0], f->warnings[i]);
	feed_free(f);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("stdout: %s", strerror(errno));
		return NR_EXIT_ERROR;
	}
	return NR_EXIT_OK;
}
