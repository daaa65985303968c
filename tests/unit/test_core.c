/* Unit tests for the core: strings, text cleaning, times and items. */
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

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

/* Clean s and compare with want. */
static void
check_clean(const char *s, int flags, const char *want)
{
	char	*c = text_clean(s, strlen(s), flags, 0);

	assert_string_equal(c, want);
	free(c);
}

static void
test_clean_csi(void **state)
{
	(void)state;
	check_clean("a\x1b[31mred\x1b[0m b", 0, "ared b");
	check_clean("x\x1b[?1049hy", 0, "xy");
}

static void
test_clean_osc(void **state)
{
	(void)state;
	/* OSC 52 clipboard write, OSC 0 title, OSC 8 hyperlink. */
	check_clean("a\x1b]52;c;ZXZpbA==\x07" "b", 0, "ab");
	check_clean("a\x1b]0;title\x1b\\b", 0, "ab");
	check_clean("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", 0, "link");
	/* DCS and APC strings. */
	check_clean("a\x1bPq#0\x1b\\b\x1b_apc\x1b\\c", 0, "abc");
}

static void
test_clean_c1_bidi(void **state)
{
	(void)state;
	/* U+009B (C1 CSI) then parameters; U+0085 dropped. */
	check_clean("a\xc2\x9b" "31mb\xc2\x85" "c", 0, "abc");
	/* U+202E right-to-left override and U+2066 isolate. */
	check_clean("abc\xe2\x80\xae" "def\xe2\x81\xa6" "g", 0, "abcdefg");
	/* U+2019 (a quote) stays. */
	check_clean("it\xe2\x80\x99s", 0, "it\xe2\x80\x99s");
}

static void
test_clean_controls(void **state)
{
	(void)state;
	check_clean("a\x01\x07\x7f" "b\tc\nd", 0, "ab\tc\nd");
	check_clean("a\r\nb\rc", 0, "a\nb\nc");
	check_clean("a\tb\nc", NR_TEXT_ONELINE, "a b c");
	check_clean("  a \t  b\n\n c  ", NR_TEXT_ONELINE | NR_TEXT_TRIM,
	    "a b c");
}

static void
test_clean_utf8(void **state)
{
	(void)state;
	/* Invalid bytes, an overlong form and a surrogate become U+FFFD. */
	check_clean("a\xff" "b", 0, "a\xef\xbf\xbd" "b");
	check_clean("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	check_clean("\xed\xa0\x80", 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* Cyrillic and CJK pass untouched. */
	check_clean("Привет 東京", 0, "Привет 東京");
	assert_true(text_is_clean("Привет", strlen("Привет")));
	assert_false(text_is_clean("a\x1b", 2));
}

static void
test_clean_limit(void **state)
{
	char	*c;

	(void)state;
	/* Never split a character at the limit. */
	c = text_clean("ab東京", strlen("ab東京"), 0, 4);
	assert_string_equal(c, "ab");
	free(c);
}

/* Clean s as a message in a buffer of size bytes; compare with want. */
static void
check_msg(const char *s, size_t size, const char *want)
{
	char	buf[256];

	snprintf(buf, sizeof buf, "%s", s);
	text_clean_msg(buf, size);
	assert_string_equal(buf, want);
}

static void
test_clean_msg(void **state)
{
	(void)state;
	/* The three of issue 11: OSC and RIS, C1 CSI, a bidi override. */
	check_msg("encoding \x1b]0;pwned\x07\x1b" "c (unknown)", 256,
	    "encoding  (unknown)");
	check_msg("encoding \xc2\x9b" "31m (unknown)", 256,
	    "encoding  (unknown)");
	check_msg("root element <x\xe2\x80\xaegnp.exe>", 256,
	    "root element <xgnp.exe>");
	/* One line; invalid UTF-8 shows as U+FFFD. */
	check_msg("a\tb\nc\r\nd", 256, "a b c d");
	check_msg("bad \xff", 256, "bad \xef\xbf\xbd");
	/* Cut to the buffer, never inside a character. */
	check_msg("ab\xe6\x9d\xb1", 5, "ab");
	check_msg("\xffx", 4, "\xef\xbf\xbd");
	/* Clean text is left as it is. */
	check_msg("Привет: HTTP 404", 256, "Привет: HTTP 404");
	text_clean_msg(NULL, 10);
}

static void
test_lower(void **state)
{
	char	*l;

	(void)state;
	l = text_lower("RUSSIA Китай ÀÉ ΑΩ Ёж");
	assert_string_equal(l, "russia китай àé αω ёж");
	free(l);
	/* U+0130 folds to i (issue 11); U+0131 and I stay apart. */
	l = text_lower("İSTANBUL İzmir \xc4\xb1 I");
	assert_string_equal(l, "istanbul izmir \xc4\xb1 i");
	free(l);
}

static void
test_strbuf_limit(void **state)
{
	struct strbuf	sb;

	(void)state;
	strbuf_init(&sb, 5);
	assert_int_equal(strbuf_adds(&sb, "abc"), 0);
	assert_int_equal(strbuf_adds(&sb, "def"), -1);
	assert_string_equal(strbuf_str(&sb), "abcde");
	strbuf_clear(&sb);
}

/* A buffer past 512 KiB moves to huge pages whole; nothing is lost. */
static void
test_strbuf_big(void **state)
{
	struct strbuf	 sb;
	char		*big;
	size_t		 i;

	(void)state;
	strbuf_init(&sb, 0);
	for (i = 0; i < 300000; i++)
		assert_int_equal(strbuf_addf(&sb, "%zu,", i % 10), 0);
	assert_int_equal(sb.len, 600000);
	for (i = 0; i < 300000; i++)
		if (sb.buf[2 * i] != (char)('0' + i % 10) ||
		    sb.buf[2 * i + 1] != ',')
			fail_msg("byte %zu lost", 2 * i);
	assert_int_equal(sb.buf[sb.len], '\0');
	strbuf_clear(&sb);
	/* Writable whole, and free()d as any other. */
	big = xmalloc_big(3U << 20);
	memset(big, 'x', 3U << 20);
	assert_int_equal(big[(3U << 20) - 1], 'x');
	free(big);
}

/* A URL shown drops its user information, nothing else. */
/* Case in ASCII only: the same in every locale, bytes past 0x7F as is. */
static void
test_ascii_case(void **state)
{
	(void)state;
	assert_int_equal(util_strcasecmp("TITLE", "title"), 0);
	assert_int_equal(util_strcasecmp("Script", "sCRIPT"), 0);
	assert_int_equal(util_strncasecmp("<SCRIPT>", "<script", 7), 0);
	assert_int_equal(util_strncasecmp("IFRAMEx", "iframey", 6), 0);
	assert_true(util_strncasecmp("IFRAMEx", "iframey", 7) < 0);
	assert_true(util_strcasecmp("a", "B") < 0);
	assert_true(util_strcasecmp("b", "A") > 0);
	assert_true(util_strcasecmp("ab", "a") > 0);
	assert_true(util_strcasecmp("a", "ab") < 0);
	assert_int_equal(util_strncasecmp("abc", "abd", 0), 0);
	/* '[' (0x5B) is not 'z' + 1; no Latin-1 case. */
	assert_true(util_strcasecmp("[", "z") < 0);
	assert_true(util_strcasecmp("\xc9", "\xe9") != 0);
	assert_int_equal(util_tolower('I'), 'i');
	assert_int_equal(util_tolower('Z'), 'z');
	assert_int_equal(util_tolower('@'), '@');
	assert_int_equal(util_tolower(0xC9), 0xC9);
}

static void
test_url_shown(void **state)
{
	static const char *const cases[][2] = {
		{ "https://u:secret@example.com/a?b#c",
		    "https://example.com/a?b#c" },
		{ "http://u@h.example:8080", "http://h.example:8080" },
		{ "http://a@b:c@h.example/x@y", "http://h.example/x@y" },
		{ "http://h.example/p@thing", "http://h.example/p@thing" },
		{ "http://h.example?q=a@b", "http://h.example?q=a@b" },
		{ "mailto:someone@example.com", "mailto:someone@example.com" },
		{ "no url at all", "no url at all" },
		{ "http://@h.example/", "http://h.example/" },
	};
	size_t	i;
	char	*s;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = util_url_shown(cases[i][0]);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
}

/* util_printable8 agrees with a byte at a time, for every byte. */
static void
test_printable8(void **state)
{
	unsigned char	b[8];
	unsigned	c, pos, i;
	int		want;

	(void)state;
	for (pos = 0; pos < 8; pos++)
		for (c = 0; c < 256; c++) {
			for (i = 0; i < 8; i++)
				b[i] = (unsigned char)('a' + i);
			b[pos] = (unsigned char)c;
			want = c >= 0x20 && c <= 0x7e;
			if (util_printable8(b) != want)
				fail_msg("byte 0x%02x at %u", c, pos);
			/* Next to the largest and the smallest printable. */
			b[(pos + 1) % 8] = 0x7e;
			b[(pos + 2) % 8] = 0x20;
			if (util_printable8(b) != want)
				fail_msg("byte 0x%02x at %u (edges)", c, pos);
		}
}

/* Write len bytes to a new temporary file; returns its path (freed). */
static char *
tmp_file(const void *p, size_t len)
{
	char	*path = xstrdup("/tmp/nr-core.XXXXXX");
	int	 fd;

	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, p, len), (ssize_t)len);
	close(fd);
	return path;
}

/*
 * Leave freed blocks full of non-NUL bytes where the next small
 * allocation comes from, so an unterminated buffer shows without ASan.
 */
static void
dirty_heap(void)
{
	void	*b[8];
	size_t	 i;

	for (i = 0; i < 8; i++) {
		b[i] = malloc(64);
		assert_non_null(b[i]);
		memset(b[i], 'x', 64);
	}
	for (i = 8; i > 0; i--)
		free(b[i - 1]);
}

/* An empty or one-byte file reads as a NUL-terminated string. */
static void
test_read_empty(void **state)
{
	char	*path, *buf, errbuf[NR_ERRBUF_SIZE];
	size_t	 len = 99;

	(void)state;
	path = tmp_file("", 0);
	dirty_heap();
	assert_int_equal(util_read_file(path, 100, &buf, &len, errbuf),
	    NR_OK);
	assert_int_equal(len, 0);
	assert_non_null(buf);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(strlen(buf), 0);
	free(buf);
	unlink(path);
	free(path);

	path = tmp_file("x", 1);
	dirty_heap();
	assert_int_equal(util_read_file(path, 100, &buf, &len, errbuf),
	    NR_OK);
	assert_int_equal(len, 1);
	assert_string_equal(buf, "x");
	free(buf);
	unlink(path);
	free(path);
}

static void
test_time(void **state)
{
	int	y, mo, d, h, mi, s;
	char	buf[32];

	(void)state;
	assert_int_equal(util_timegm(1970, 1, 1, 0, 0, 0), 0);
	assert_int_equal(util_timegm(2023, 4, 14, 9, 15, 0), 1681463700);
	assert_int_equal(util_timegm(2000, 2, 29, 0, 0, 0), 951782400);
	util_gmtime(1681463700, &y, &mo, &d, &h, &mi, &s);
	assert_int_equal(y, 2023);
	assert_int_equal(mo, 4);
	assert_int_equal(d, 14);
	assert_int_equal(h, 9);
	assert_int_equal(mi, 15);
	util_iso8601(-1, buf, sizeof buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
}

static void
test_hash(void **state)
{
	(void)state;
	/* FNV-1a 64 reference values. */
	assert_true(util_hash64("", 0) == 0xcbf29ce484222325ULL);
	assert_true(util_hash64("a", 1) == 0xaf63dc4c8601ec8cULL);
}

static void
test_item_tags(void **state)
{
	struct item	*it = item_create();

	(void)state;
	assert_int_equal(item_add_tag(it, "  World  News "), 1);
	assert_int_equal(item_add_tag(it, "world news"), 0);
	assert_int_equal(item_add_tag(it, "   "), 0);
	assert_int_equal(item_add_tag(it, "Россия"), 1);
	assert_int_equal(it->ntags, 2);
	assert_string_equal(it->tags[0], "world news");
	assert_string_equal(it->tags[1], "россия");
	item_free(it);
}

static void
test_item_identity(void **state)
{
	struct item	*it = item_create();
	char		*id;

	(void)state;
	it->title = xstrdup("T");
	it->published = 10;
	id = item_identity(it);
	assert_string_equal(id, "T\n10");
	free(id);
	it->link = xstrdup("https://e.example/a");
	id = item_identity(it);
	assert_string_equal(id, "https://e.example/a");
	free(id);
	it->guid = xstrdup("urn:x");
	assert_true(item_hash(it) == util_hash64("urn:x", 5));
	item_free(it);
}

/* The title text_title_from_url makes of url ("" for NULL). */
static void
check_title(const char *url, const char *want)
{
	char	*got = text_title_from_url(url);

	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}

static void
test_equal_ci(void **state)
{
	(void)state;
	assert_true(text_equal_ci("Lattice Science", "lattice SCIENCE"));
	/* Москва, москва */
	assert_true(text_equal_ci("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba"
	    "\xd0\xb2\xd0\xb0", "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba"
	    "\xd0\xb2\xd0\xb0"));
	assert_false(text_equal_ci("Lattice", "Lattice Science"));
	assert_false(text_equal_ci(NULL, "x"));
	assert_false(text_equal_ci("x", NULL));
}

static void
test_title_from_url(void **state)
{
	(void)state;
	check_title("https://x.org/2026/11/new-tram-line.html?a=b#c",
	    "New tram line");
	check_title("https://x.org/news/city_library_opens/",
	    "City library opens");
	check_title("https://x.org/a/%D0%BD%D0%BE%D0%B2%D1%8B%D0%B9-"
	    "%D0%BC%D0%BE%D1%81%D1%82",
	    "\xd0\xbd\xd0\xbe\xd0\xb2\xd1\x8b\xd0\xb9 "
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd1\x82");
	check_title("https://x.org/.hidden", ".hidden");
	/* No path segment: no title. */
	check_title("https://x.org", NULL);
	check_title("https://x.org/", NULL);
	check_title("https://x.org/?id=5", NULL);
	check_title("", NULL);
	check_title(NULL, NULL);
	/* Hostile escapes and controls are cleaned, never drawn. */
	check_title("https://x.org/%1b%5d0%3bpwned%07-x", "X");
	check_title("https://x.org/%1b%5b2J%0a%0d", NULL);
	check_title("https://x.org/a-%ff", "A \xef\xbf\xbd");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_csi),
		cmocka_unit_test(test_clean_osc),
		cmocka_unit_test(test_clean_c1_bidi),
		cmocka_unit_test(test_clean_controls),
		cmocka_unit_test(test_clean_utf8),
		cmocka_unit_test(test_clean_limit),
		cmocka_unit_test(test_clean_msg),
		cmocka_unit_test(test_title_from_url),
		cmocka_unit_test(test_equal_ci),
		cmocka_unit_test(test_lower),
		cmocka_unit_test(test_strbuf_limit),
		cmocka_unit_test(test_strbuf_big),
		cmocka_unit_test(test_printable8),
		cmocka_unit_test(test_ascii_case),
		cmocka_unit_test(test_url_shown),
		cmocka_unit_test(test_read_empty),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_item_tags),
		cmocka_unit_test(test_item_identity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
