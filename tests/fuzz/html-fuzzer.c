/*
 * libFuzzer target for the html module: render, and check the output;
 * find the feed links.
 */
#include "nr_config.h"

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "newsreader/error.h"
#include "newsreader/html.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless every line is clean UTF-8 and fits the width. */
static void
check(const struct html_doc *doc, int width)
{
	mbstate_t	 st;
	wchar_t		 wc;
	const char	*s;
	size_t		 i, n, len;
	int		 w, cw;

	for (i = 0; i < doc->nlines; i++) {
		s = doc->lines[i];
		len = strlen(s);
		memset(&st, 0, sizeof(st));
		for (w = 0; len > 0; s += n, len -= n) {
			n = mbrtowc(&wc, s, len, &st);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
				abort();
			if (wc < 0x20 || wc == 0x7f ||
			    (wc >= 0x80 && wc < 0xa0) || wc == 0x1b)
				abort();
			cw = wcwidth(wc);
			w += cw < 0 ? 1 : cw;
		}
		if (doc->styles[i] != NR_HTML_PRE && w > width)
			abort();
	}
	for (i = 0; i < doc->nlinks; i++)
		if (doc->links[i] == NULL || doc->links[i][0] == '\0')
			abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_CTYPE, "C.UTF-8");
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html_doc		 doc;
	struct html_feed_link	*links;
	const char		*s = (const char *)data;
	char			*base;
	size_t			 n, i;
	int			 width = 40, flags = 0;

	if (size >= 2) {
		width = NR_HTML_MINWIDTH + data[0] % 100;
		flags = data[1] & (NR_HTML_ASCII | NR_HTML_NOLINKLIST);
		s += 2;
		size -= 2;
	}
	(void)html_looks_like_html(s, size);
	if (html_render(s, size, width, flags, &doc, NULL) != NR_OK)
		abort();
	check(&doc, width);
	html_doc_clear(&doc);
	if (html_render_text(s, size, width, flags, &doc, NULL) != NR_OK)
		abort();
	check(&doc, width);
	html_doc_clear(&doc);
	/* Feed links: within the cap, each with an href and a type. */
	n = html_feed_links(s, size, &links, &base);
	if (n > NR_HTML_FEED_LINKS_MAX)
		abort();
	for (i = 0; i < n; i++)
		if (links[i].href == NULL || links[i].href[0] == '\0' ||
		    links[i].type == NULL)
			abort();
	html_feed_links_free(links, n);
	free(base);
	return (0);
}
