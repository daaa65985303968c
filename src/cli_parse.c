/* The --parse command: parse a feed file and print its items as rows. */
#include "nr_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/cli.h"
#include "newsreader/config.h"
#include "newsreader/fetch.h"
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
cli_fetch_url(struct cli_opts *opts, const char *url, size_t max_size,
    struct fetch_req *req)
{
	struct fetch_opts	fo;
	struct config		cfg;
	char			err[NR_ERRBUF_SIZE];

	if (cli_config_load(opts, &cfg) != NR_EXIT_OK)
		return NR_EXIT_ERROR;
	if (fetch_global_init(err) != NR_OK) {
		cli_error("%s", err);
		return NR_EXIT_ERROR;
	}
	fetch_opts_init(&fo);
	fo.timeout = cfg.timeout;
	fo.connect_timeout = cfg.connect_timeout;
	fo.max_size = max_size != 0 ? max_size : cfg.max_size;
	fetch_req_init(req);
	req->url = url;
	if (fetch_all(req, 1, &fo, NULL, NULL, err) != NR_OK) {
		cli_error("%s: %s", url, err);
		fetch_req_clear(req);
		fetch_global_cleanup();
		return NR_EXIT_ERROR;
	}
	if (req->err != NR_OK || req->body == NULL) {
		cli_error("%s: %s", url, req->err != NR_OK ? req->errbuf :
		    "empty response");
		fetch_req_clear(req);
		fetch_global_cleanup();
		return NR_EXIT_ERROR;
	}
	return NR_EXIT_OK;
}

int
cli_parse(struct cli_opts *opts)
{
	struct cli_parse_state	 st;
	struct parse_handler	 h;
	struct parse_opts	 po;
	struct fetch_req	 req;
	struct feed		*f = NULL;
	char			*charset = NULL;
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
	memset(&req, 0, sizeof req);
	if (strncmp(path, "http://", 7) == 0 ||
	    strncmp(path, "https://", 8) == 0) {
		if (cli_fetch_url(opts, path, 0, &req) != NR_EXIT_OK)
			return NR_EXIT_ERROR;
		fp = fmemopen(req.body, req.len, "r");
		if (fp == NULL) {
			cli_error("%s: %s", path, strerror(errno));
			fetch_req_clear(&req);
			return NR_EXIT_ERROR;
		}
	} else if (strcmp(path, "-") == 0)
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
	if (req.body != NULL) {
		po.url = req.effective_url != NULL ? req.effective_url : path;
		charset = fetch_content_charset(req.content_type);
		po.charset = charset;
	}
	po.now = (int64_t)time(NULL);
	err = parse_stream(fp, &po, &h, &f, errbuf);
	if (fp != stdin)
		fclose(fp);
	free(charset);
	if (req.body != NULL) {
		fetch_req_clear(&req);
		fetch_global_cleanup();
	}
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
