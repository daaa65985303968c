/*
 * Helper for tests/cli/parse-corpus.py: parse feed files and print what
 * was read as one JSON object a line, or parse dates (--date STRING...).
 */
#include "nr_config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/util.h"

/* Print s as a JSON string (null for NULL). */
static void
jstr(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *u != '\0'; u++) {
		if (*u == '"' || *u == '\\')
			printf("\\%c", *u);
		else if (*u < 0x20)
			printf("\\u%04x", *u);
		else
			putchar(*u);
	}
	putchar('"');
}

static void
jtime(int64_t t)
{
	if (t == NR_TIME_NONE)
		fputs("null", stdout);
	else
		printf("%lld", (long long)t);
}

/* Print one parsed file. */
static void
dump(const char *path)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	struct item		*it;
	char			 err[NR_ERRBUF_SIZE];
	char			*buf;
	size_t			 len, i, j;
	enum nr_err		 e;

	memset(&o, 0, sizeof o);
	o.url = "http://example.com/";
	if (util_read_file(path, 0, &buf, &len, err) != NR_OK) {
		printf("{\"file\":");
		jstr(path);
		printf(",\"error\":\"read\"}\n");
		return;
	}
	e = parse_buffer(buf, len, &o, &f, err);
	free(buf);
	printf("{\"file\":");
	jstr(path);
	if (e != NR_OK) {
		printf(",\"error\":");
		jstr(err);
		printf("}\n");
		return;
	}
	printf(",\"title\":");
	jstr(f->title);
	printf(",\"link\":");
	jstr(f->link);
	printf(",\"description\":");
	jstr(f->description);
	printf(",\"warnings\":%zu,\"entries\":[", f->nwarnings);
	for (i = 0; i < f->nitems; i++) {
		it = f->items[i];
		printf("%s{\"title\":", i ? "," : "");
		jstr(it->title);
		printf(",\"link\":");
		jstr(it->link);
		printf(",\"id\":");
		jstr(it->guid);
		printf(",\"author\":");
		jstr(it->author);
		printf(",\"summary\":");
		jstr(it->summary);
		printf(",\"content\":");
		jstr(it->content);
		printf(",\"published\":");
		jtime((it->flags & NR_ITEM_DATE_SEEN) ? NR_TIME_NONE :
		    it->published);
		printf(",\"updated\":");
		jtime(it->updated);
		printf(",\"tags\":[");
		for (j = 0; j < it->ntags; j++) {
			printf("%s", j ? "," : "");
			jstr(it->tags[j]);
		}
		printf("],\"enclosures\":[");
		for (j = 0; j < it->nenclosures; j++) {
			printf("%s[", j ? "," : "");
			jstr(it->enclosures[j].url);
			putchar(',');
			jstr(it->enclosures[j].type);
			putchar(']');
		}
		printf("]}");
	}
	printf("]}\n");
	feed_free(f);
}

int
main(int argc, char **argv)
{
	int64_t	t;
	int	i;

	if (argc > 1 && strcmp(argv[1], "--date") == 0) {
		for (i = 2; i < argc; i++) {
			if (parse_date(argv[i], &t) == 0)
				printf("%lld\n", (long long)t);
			else
				printf("null\n");
		}
		return 0;
	}
	for (i = 1; i < argc; i++)
		dump(argv[i]);
	return 0;
}
