/* The --extract command: the article of one web page as plain text. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "newsreader/cli.h"
#include "newsreader/config.h"
#include "newsreader/error.h"
#include "newsreader/extract.h"
#include "newsreader/fetch.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

/* True when a Content-Type names an HTML page (or none is given). */
static int
is_html_type(const char *ct)
{
	size_t	n;

	if (ct == NULL)
		return 1;
	n = strcspn(ct, "; \t");
	return (n == 9 && strncasecmp(ct, "text/html", 9) == 0) ||
	    (n == 21 && strncasecmp(ct, "application/xhtml+xml", 21) == 0);
}

/* Download url with the configured limits into req; errors printed. */
static int
extract_fetch(struct cli_opts *opts, const char *url, struct fetch_req *req)
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
	fo.max_size = NR_EXTRACT_MAX_INPUT;
	fetch_req_init(req);
	req->url = url;
	if (fetch_all(req, 1, &fo, NULL, NULL, err) != NR_OK) {
		cli_error("%s: %s", url, err);
		return NR_EXIT_ERROR;
	}
	if (req->err != NR_OK || req->body == NULL) {
		cli_error("%s: %s", url, req->err != NR_OK ? req->errbuf :
		    "empty response");
		return NR_EXIT_ERROR;
	}
	if (!is_html_type(req->content_type)) {
		snprintf(err, sizeof err, "%s", req->content_type);
		text_clean_msg(err, sizeof err);
		cli_error("%s: not an HTML page (%s)", url, err);
		return NR_EXIT_ERROR;
	}
	return NR_EXIT_OK;
}

int
cli_extract(struct cli_opts *opts)
{
	struct extract_result	 r;
	struct fetch_req	 req;
	const char		*path = opts->args[0], *base = NULL;
	char			*buf = NULL, *charset = NULL;
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 len = 0, i;
	enum nr_err		 err;
	int			 ret = NR_EXIT_ERROR, fetched = 0;

	memset(&req, 0, sizeof req);
	if (strncmp(path, "http://", 7) == 0 ||
	    strncmp(path, "https://", 8) == 0) {
		fetched = 1;
		if (extract_fetch(opts, path, &req) != NR_EXIT_OK)
			goto out;
		buf = req.body;
		len = req.len;
		base = req.effective_url != NULL ? req.effective_url : path;
		charset = fetch_content_charset(req.content_type);
	} else {
		if (strncmp(path, "file://", 7) == 0)
			path += 7;
		err = util_read_file(path, NR_EXTRACT_MAX_INPUT, &buf, &len,
		    errbuf);
		if (err != NR_OK) {
			cli_error("%s: %s", opts->args[0], errbuf);
			goto out;
		}
	}
	err = extract_page(buf, len, charset, base, &r, errbuf);
	if (err != NR_OK) {
		cli_error("%s: %s", opts->args[0], errbuf);
		goto out;
	}
	printf("%s\n\n", r.title);
	for (i = 0; i < r.npara; i++)
		printf("%s\n", r.paras[i]);
	extract_result_free(&r);
	ret = NR_EXIT_OK;
out:
	free(charset);
	if (fetched) {
		fetch_req_clear(&req);
		fetch_global_cleanup();
	} else
		free(buf);
	return ret;
}
