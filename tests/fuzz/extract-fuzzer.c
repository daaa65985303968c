/*
 * libFuzzer target for the extract module: any bytes as a web page.
 * Whatever it finds must be clean: valid UTF-8 with no control
 * characters (a paragraph may hold line breaks and tabs, from <pre> and
 * <br>), and no empty paragraph. And the same as without the pass that
 * cuts script, style and comment bodies out before the parser
 * (extract_strip): that pass must never change what is found.
 */
#include "nr_config.h"

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "newsreader/error.h"
#include "newsreader/extract.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless s is valid UTF-8 without controls (but '\n' and '\t'
 * when nl). */
static void
check(const char *s, int nl)
{
	mbstate_t	st;
	wchar_t		wc;
	size_t		len, n;

	if (s == NULL)
		abort();
	len = strlen(s);
	memset(&st, 0, sizeof st);
	for (; len > 0; s += n, len -= n) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			abort();
		if ((wc == '\n' || wc == '\t') && nl)
			continue;
		if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0))
			abort();
	}
}

/* Abort unless a and b are the same string (or both NULL). */
static void
same(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
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
	struct extract_result	 res, ref;
	char			 err[NR_ERRBUF_SIZE];
	size_t			 i;
	enum nr_err		 e;

	e = extract_page((const char *)data, size, NULL,
	    "https://example.com/news/a.html", &res, err);
	if (extract_page_unstripped((const char *)data, size, NULL,
	    "https://example.com/news/a.html", &ref, err) != e)
		abort();
	if (e == NR_OK) {
		same(res.title, ref.title);
		same(res.html, ref.html);
		if (res.npara != ref.npara || res.published != ref.published ||
		    res.updated != ref.updated)
			abort();
		for (i = 0; i < res.npara; i++)
			same(res.paras[i], ref.paras[i]);
		extract_result_free(&ref);
		check(res.title, 0);
		for (i = 0; i < res.npara; i++) {
			check(res.paras[i], 1);
			if (res.paras[i][0] == '\0')
				abort();
		}
		extract_result_free(&res);
	} else if (e != NR_ENOTFOUND && e != NR_ELIMIT)
		abort();
	return (0);
}
