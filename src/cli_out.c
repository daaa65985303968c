/* Command-line output: messages on stderr and the --list row format. */
#include "nr_config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

void
cli_error(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("newsreader: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cli_warn(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("newsreader: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * True when s can be printed as it is: no control bytes, and no lead
 * byte of a C1 control (0xc2) or of a bidi control (0xe2).
 */
static int
plain(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	for (; *u != '\0'; u++) {
		if (*u < 0x20 || *u == 0x7f || *u == 0xc2 || *u == 0xe2 ||
		    *u >= 0xf5 || (*u >= 0x80 && *u < 0xc2))
			return 0;
	}
	return 1;
}

/* Print one field: tabs and newlines become spaces, controls go. */
static void
put_field(FILE *fp, const char *s)
{
	char	*c;

	if (s == NULL)
		return;
	if (plain(s)) {
		fputs(s, fp);
		return;
	}
	c = text_clean(s, strlen(s), NR_TEXT_ONELINE, 0);
	fputs(c, fp);
	free(c);
}

/* The fields before the tags: id, date, feed, flags, title. */
static void
put_head(FILE *fp, uint64_t id, int64_t date, const char *feed,
    const char *flags, const char *title)
{
	char	when[32];

	util_iso8601(date, when, sizeof when);
	fprintf(fp, "%016" PRIx64 "\t%s\t", id, when);
	put_field(fp, feed);
	putc('\t', fp);
	put_field(fp, flags);
	putc('\t', fp);
	put_field(fp, title);
	putc('\t', fp);
}

void
cli_print_row(FILE *fp, uint64_t id, int64_t date, const char *feed,
    const char *flags, const char *title, char *const *tags, size_t ntags,
    const char *link)
{
	size_t	i;

	put_head(fp, id, date, feed, flags, title);
	for (i = 0; i < ntags; i++) {
		if (i > 0)
			putc(',', fp);
		put_field(fp, tags[i]);
	}
	putc('\t', fp);
	put_field(fp, link);
	putc('\n', fp);
}

void
cli_print_row_tagstr(FILE *fp, uint64_t id, int64_t date, const char *feed,
    const char *flags, const char *title, const char *tags, const char *link)
{
	const char	*p, *nl;
	char		*one;

	put_head(fp, id, date, feed, flags, title);
	for (p = tags; p != NULL && *p != '\0'; p = nl) {
		nl = strchr(p, '\n');
		if (p != tags)
			putc(',', fp);
		if (nl == NULL) {
			put_field(fp, p);
			break;
		}
		one = xstrndup(p, (size_t)(nl - p));
		put_field(fp, one);
		free(one);
		nl++;
	}
	putc('\t', fp);
	put_field(fp, link);
	putc('\n', fp);
}
