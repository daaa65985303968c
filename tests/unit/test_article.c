/* Unit tests for article files: parsing, writing, names. */
#include "nr_config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/util.h"

#define SEED "000_2e33281f82945b95.txt"

static const char good[] =
    " date 2026-11-23 https://northwind.example/a\n"
    "Harbour Reopens\n"
    "The harbour reopened.\n"
    "local\n"
    "transport\n"
    "Harbour Reopens\n"
    "08:05 GMT 23.11.2026 (Updated: 09:10 GMT 23.11.2026)\n"
    "First paragraph\nspans two lines.\nSecond.";

/* Parse s and expect failure at line want_line. */
static void
check_bad(const char *s, size_t len, size_t want_line)
{
	struct item	*it = (struct item *)1;
	char		 err[NR_ERRBUF_SIZE] = "";
	size_t		 line = 0;

	assert_int_equal(article_parse(s, len, &it, &line, err), NR_EFORMAT);
	assert_null(it);
	assert_int_equal(line, want_line);
	assert_true(strlen(err) > 0);
}

/* Round trip: parse then format gives the same bytes. */
static void
check_roundtrip(const char *s, size_t len)
{
	struct item	*it;
	char		*out;
	size_t		 outlen;

	assert_int_equal(article_parse(s, len, &it, NULL, NULL), NR_OK);
	out = article_format(it, &outlen);
	assert_int_equal(outlen, len);
	assert_memory_equal(out, s, len);
	free(out);
	item_free(it);
}

static void
test_parse_fields(void **state)
{
	struct item	*it;

	(void)state;
	assert_int_equal(article_parse(good, strlen(good), &it, NULL, NULL),
	    NR_OK);
	assert_string_equal(it->link, "https://northwind.example/a");
	assert_string_equal(it->title, "Harbour Reopens");
	assert_string_equal(it->summary, "The harbour reopened.");
	assert_int_equal(it->ntags, 2);
	assert_string_equal(it->tags[0], "local");
	assert_string_equal(it->tags[1], "transport");
	assert_int_equal(it->published, util_timegm(2026, 11, 23, 8, 5, 0));
	assert_int_equal(it->updated, util_timegm(2026, 11, 23, 9, 10, 0));
	assert_string_equal(it->content,
	    "First paragraph\nspans two lines.\nSecond.");
	item_free(it);
}

static void
test_roundtrip_own(void **state)
{
	(void)state;
	check_roundtrip(good, strlen(good));
}

static void
test_roundtrip_seed(void **state)
{
	const char	*shared = getenv("NR_SHARED");
	char		*path, *buf;
	size_t		 len;

	(void)state;
	path = xasprintf("%s/seeds/" SEED,
	    shared != NULL ? shared : "../shared");
	if (access(path, R_OK) != 0) {
		free(path);
		skip();
	}
	assert_int_equal(util_read_file(path, 0, &buf, &len, NULL), NR_OK);
	check_roundtrip(buf, len);
	free(buf);
	free(path);
}

static void
test_no_timeline(void **state)
{
	static const char s[] = "date 2023-04-14\nT\nS\nT\nbody";
	struct item	*it;

	(void)state;
	assert_int_equal(article_parse(s, strlen(s), &it, NULL, NULL), NR_OK);
	assert_null(it->link);
	assert_int_equal(it->ntags, 0);
	assert_int_equal(it->published, util_timegm(2023, 4, 14, 0, 0, 0));
	assert_int_equal(it->updated, NR_TIME_NONE);
	assert_string_equal(it->content, "body");
	item_free(it);
}

static void
test_crlf(void **state)
{
	static const char s[] = " date 2023-04-14 u\r\nT\r\nS\r\ntag\r\nT\r\n"
	    "09:15 GMT 14.04.2023\r\nbody\r\n";
	struct item	*it;

	(void)state;
	assert_int_equal(article_parse(s, strlen(s), &it, NULL, NULL), NR_OK);
	assert_string_equal(it->link, "u");
	assert_int_equal(it->ntags, 1);
	assert_string_equal(it->tags[0], "tag");
	assert_int_equal(it->published, util_timegm(2023, 4, 14, 9, 15, 0));
	item_free(it);
}

static void
test_bad_header(void **state)
{
	(void)state;
	check_bad("hello\nT\nS\nT\n", 12, 1);
	check_bad(" date 2023-13-01 u\nT\nS\nT\n", 25, 1);
	check_bad(" date 2023-04-1x u\nT\nS\nT\n", 25, 1);
	check_bad(" date 2023-04-14u\nT\nS\nT\n", 24, 1);
}

static void
test_empty(void **state)
{
	(void)state;
	check_bad("", 0, 1);
}

static void
test_truncated(void **state)
{
	(void)state;
	check_bad(" date 2023-04-14 u\n", 19, 2);
	check_bad(" date 2023-04-14 u\nT\n", 21, 3);
	/* The title is never repeated: the tag lines never end. */
	check_bad(" date 2023-04-14 u\nT\nS\nt1\nt2\n", 29, 6);
}

static void
test_long_line(void **state)
{
	size_t	 len = 10 * 1024 * 1024;
	char	*s;

	(void)state;
	s = xmalloc(len + 64);
	memcpy(s, " date 2023-04-14 u\n", 19);
	memset(s + 19, 'x', len);
	memcpy(s + 19 + len, "\nS\nT\n", 5);
	check_bad(s, 19 + len + 5, 2);
	free(s);
}

static void
test_binary(void **state)
{
	unsigned char	g[4096];
	size_t		i;
	uint64_t	x = 88172645463325252ULL;

	(void)state;
	for (i = 0; i < sizeof g; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		g[i] = (unsigned char)x;
	}
	g[0] = 0x7f;
	check_bad((char *)g, sizeof g, 1);
	/* A NUL byte in the article text. */
	check_bad(" date 2023-04-14 u\nT\nS\nT\nab\nc\0d", 32, 6);
}

static void
test_controls(void **state)
{
	/* Control characters other than tab make a header line malformed. */
	static const char *const bad[] = {
		" date 2023-04-14 u\nT\nS\ra\nT\n",
		" date 2023-04-14 u\nT\x1b[31m\nS\nT\x1b[31m\n",
		" date 2023-04-14 u\nT\nS\nt\x0b" "x\nT\n",
	};
	static const size_t lines[] = { 3, 2, 4 };
	size_t	i;

	(void)state;
	for (i = 0; i < 3; i++)
		check_bad(bad[i], strlen(bad[i]), lines[i]);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	check_bad(" date 2023-04-14 u\nT\xff\nS\nT\xff\n", 26, 2);
	check_bad(" date 2023-04-14 u\nT\nS\n\xc0\xafx\nT\n", 30, 4);
}

static void
test_format_item(void **state)
{
	struct item	*it = item_create();
	char		*out;
	size_t		 len;

	(void)state;
	it->title = xstrdup("china\nnews");
	it->link = xstrdup("https://e.example/a b");
	it->summary = xstrdup("sum\tmary");
	it->published = util_timegm(2023, 4, 14, 9, 15, 42);
	it->updated = util_timegm(2023, 4, 14, 9, 15, 59);
	item_add_tag(it, "China News");
	item_add_tag(it, "china");
	it->content = xstrdup("<p>Body</p>");
	out = article_format(it, &len);
	assert_string_equal(out, " date 2023-04-14 https://e.example/a%20b\n"
	    "china news\nsum\tmary\nchina\nchina news\n"
	    "09:15 GMT 14.04.2023\n"
	    "<p>Body</p>");
	free(out);
	item_free(it);
}

static void
test_names(void **state)
{
	char		buf[NR_ARTICLE_NAME_SIZE];
	unsigned long	seq;
	uint64_t	h;

	(void)state;
	assert_true(article_name_parse(SEED, &seq, &h));
	assert_int_equal(seq, 0);
	assert_true(h == 0x2e33281f82945b95ULL);
	article_name(buf, sizeof buf, 7, h);
	assert_string_equal(buf, "007_2e33281f82945b95.txt");
	article_name(buf, sizeof buf, 12345, 1);
	assert_string_equal(buf, "12345_0000000000000001.txt");
	assert_true(article_name_parse("1234_2E33281F82945B95.txt", &seq, &h));
	assert_false(article_name_parse("00_2e33281f82945b95.txt", NULL,
	    NULL));
	assert_false(article_name_parse("000_2e33281f82945b9.txt", NULL,
	    NULL));
	assert_false(article_name_parse("000_2e33281f82945b95.txt.bak", NULL,
	    NULL));
	assert_false(article_name_parse("../000_2e33281f82945b95.txt", NULL,
	    NULL));
	assert_false(article_name_parse("000_2e33281f82945g95.txt", NULL,
	    NULL));
}

/* A name that ends right after its hash is read no further. */
static void
test_name_cut(void **state)
{
	static const char *const cut[] = {
		"001_0123456789abcdef", "001_0123456789abcdef.",
		"001_0123456789abcdef.t", "001_0123456789abcdef.tx",
		"001_0123456789abcdef.txt",
	};
	char	*s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		/* As long as the name: ASan (clang's) sees any over-read. */
		s = xstrdup(cut[i]);
		assert_int_equal(article_name_parse(s, NULL, NULL), i == 4);
		free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_fields),
		cmocka_unit_test(test_roundtrip_own),
		cmocka_unit_test(test_roundtrip_seed),
		cmocka_unit_test(test_no_timeline),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_format_item),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_name_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
