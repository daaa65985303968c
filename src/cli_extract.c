/* The --extract command: the article of one web page as plain text. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/config.h"
#include "newsreader/error.h"
#include "newsreader/extract.h"
#include "newsreader/fetch.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

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
		if (cli_fetch_url(opts, path, NR_EXTRACT_MAX_INPUT, &req) !=
		    NR_EXIT_OK)
			goto out;
		fetched = 1;
		if (!extract_is_html_type(req.content_type)) {
			snprintf(errbuf, sizeof errbuf, "%s", req.content_type);
			text_clean_msg(errbuf, sizeof errbuf);
			cli_error("%s: not an HTML page (%s)", path, errbuf);
			goto out;
		}
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
