/* Unit tests for the config file reader: by length, NULs, CRLF, sizes. */
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

#include "newsreader/config.h"
#include "newsreader/error.h"
#include "newsreader/util.h"

/* The warnings of one parse. */
struct warnings {
	size_t	 n;
	size_t	 line[8];
	char	 msg[8][128];
};

static void
warn(void *arg, const char *path, size_t line, const char *msg)
{
	struct warnings	*w = arg;

	assert_string_equal(path, "cfg");
	if (w->n < 8) {
		w->line[w->n] = line;
		snprintf(w->msg[w->n], sizeof w->msg[w->n], "%s", msg);
	}
	w->n++;
}

/*
 * Parse the len bytes of s from a buffer of exactly that size (no
 * terminator: ASan sees any read past it).
 */
static void
parse(const char *s, size_t len, struct config *cfg, struct warnings *w)
{
	char	*buf;

	memset(w, 0, sizeof *w);
	buf = xmalloc(len > 0 ? len : 1);
	memcpy(buf, s, len);
	config_parse(buf, len, "cfg", cfg, warn, w);
	free(buf);
}

static void
test_unterminated(void **state)
{
	static const char	 s[] = "timeout 10\nmax-size 2K";
	struct config		 cfg;
	struct warnings		 w;

	(void)state;
	parse(s, sizeof s - 1, &cfg, &w);
	assert_int_equal(w.n, 0);
	assert_int_equal(cfg.timeout, 10);
	assert_int_equal(cfg.max_size, 2048);
}

/* An empty buffer and an empty file: nothing set, nothing said. */
static void
test_empty(void **state)
{
	struct config	 cfg;
	struct warnings	 w;
	char		 path[] = "/tmp/nr-config.XXXXXX";
	char		 errbuf[NR_ERRBUF_SIZE];
	int		 fd;

	(void)state;
	parse("", 0, &cfg, &w);
	assert_int_equal(w.n, 0);
	assert_int_equal(cfg.timeout, 0);
	assert_int_equal(cfg.nui, 0);
	fd = mkstemp(path);
	assert_true(fd != -1);
	close(fd);
	memset(&w, 0, sizeof w);
	cfg.timeout = 99;
	assert_int_equal(config_load(path, &cfg, NULL, NULL, errbuf), NR_OK);
	assert_int_equal(cfg.timeout, 0);
	assert_int_equal(cfg.nui, 0);
	unlink(path);
}

static void
test_nul_line(void **state)
{
	static const char	 s[] = "timeout 5\0x\nmax-items 7\nbind \0";
	struct config		 cfg;
	struct warnings		 w;

	(void)state;
	parse(s, sizeof s - 1, &cfg, &w);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.line[0], 1);
	assert_string_equal(w.msg[0], "NUL byte in line");
	assert_int_equal(w.line[1], 3);
	assert_int_equal(cfg.timeout, 0);
	assert_int_equal(cfg.max_items, 7);
	assert_int_equal(cfg.nui, 0);
}

static void
test_crlf(void **state)
{
	static const char	 s[] = "keep-items 5\r\n\r\nbind x quit\r\n"
	    "timeout 9\r";
	struct config		 cfg;
	struct warnings		 w;

	(void)state;
	parse(s, sizeof s - 1, &cfg, &w);
	assert_int_equal(w.n, 0);
	assert_int_equal(cfg.keep_items, 5);
	assert_int_equal(cfg.timeout, 9);
	assert_int_equal(cfg.nui, 1);
	assert_string_equal(cfg.ui[0].text, "bind x quit");
	assert_int_equal(cfg.ui[0].line, 3);
}

/* Sizes whose multiplication would overflow are bad values. */
static void
test_size_overflow(void **state)
{
	/* 2^54 + 1 kilobytes is 2^64 + 1024 bytes: 1024 once wrapped. */
	static const char	 s[] = "max-size 18014398509481985K\n"
	    "keep-items 9223372036854775807G\nmax-items 9999999999M\n";
	static const char	 ok[] = "max-size 2G\nkeep-items 3k\n";
	struct config		 cfg;
	struct warnings		 w;

	(void)state;
	parse(s, sizeof s - 1, &cfg, &w);
	assert_int_equal(cfg.max_size, 0);
	assert_int_equal(cfg.keep_items, 0);
	assert_int_equal(cfg.max_items, 0);
	assert_int_equal(w.n, 3);
	assert_non_null(strstr(w.msg[0], "max-size: bad value"));
	parse(ok, sizeof ok - 1, &cfg, &w);
	assert_int_equal(w.n, 0);
	assert_true(cfg.max_size == 2ULL << 30);
	assert_int_equal(cfg.keep_items, 3072);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_nul_line),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_size_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
