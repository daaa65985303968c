/*
 * Unit tests for the interface's filter helpers: dates in the local time
 * zone, the date prompt's forms, saved filters, and user tags in the store.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "ui_int.h"

/* Fri 14 Apr 2023 00:00 UTC and 11:00 UTC. */
#define FRI_UTC		1681430400
#define FRI_11		(FRI_UTC + 11 * 3600)

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
test_date_parse_iso(void **state)
{
	int64_t	t;

	(void)state;
	set_tz("UTC");
	assert_int_equal(ui_date_parse("2023-04-14", FRI_11, &t), 0);
	assert_int_equal(t, FRI_UTC);
	assert_int_equal(ui_date_parse("2023-02-30", FRI_11, &t), -1);
	assert_int_equal(ui_date_parse("2023-13-01", FRI_11, &t), -1);
	assert_int_equal(ui_date_parse("2023-04-14x", FRI_11, &t), -1);
	assert_int_equal(ui_date_parse("soon", FRI_11, &t), -1);
	assert_int_equal(ui_date_parse("-3x", FRI_11, &t), -1);
}

static void
test_date_parse_relative(void **state)
{
	int64_t	t;

	(void)state;
	set_tz("UTC");
	assert_int_equal(ui_date_parse("today", FRI_11, &t), 0);
	assert_int_equal(t, FRI_UTC);
	assert_int_equal(ui_date_parse("yesterday", FRI_11, &t), 0);
	assert_int_equal(t, FRI_UTC - 86400);
	assert_int_equal(ui_date_parse("-3d", FRI_11, &t), 0);
	assert_int_equal(t, FRI_UTC - 3 * 86400);
	assert_int_equal(ui_date_parse("-1w", FRI_11, &t), 0);
	assert_int_equal(t, FRI_UTC - 7 * 86400);
}

static void
test_days_follow_tz(void **state)
{
	(void)state;
	set_tz("UTC");
	assert_int_equal(ui_day_start(FRI_11, 0), FRI_UTC);
	assert_int_equal(ui_day_start(FRI_11, 1), FRI_UTC + 86400);
	/* Monday 10 April. */
	assert_int_equal(ui_week_start(FRI_11), FRI_UTC - 4 * 86400);
	/* 00:00 UTC on the 14th is 09:00 on the 14th in Tokyo. */
	set_tz("Asia/Tokyo");
	assert_int_equal(ui_day_start(FRI_UTC, 0), FRI_UTC - 9 * 3600);
	/* 20:00 UTC on the 14th is already the 15th there. */
	assert_int_equal(ui_day_start(FRI_UTC + 20 * 3600, 0),
	    FRI_UTC + 86400 - 9 * 3600);
	set_tz("UTC");
}

static void
test_saved_filters(void **state)
{
	char	msg[128];

	(void)state;
	ui_saved_reset();
	assert_int_equal(ui_saved_add("China", "+china @7d", msg,
	    sizeof msg), 0);
	assert_int_equal(ui_saved_add("Bad", "+china (", msg, sizeof msg),
	    -1);
	assert_non_null(strstr(msg, "column 8"));
	assert_int_equal(ui_saved_count(), 1);
	ui_saved_reset();
	assert_int_equal(ui_saved_count(), 0);
}

static void
test_usertag_valid(void **state)
{
	(void)state;
	assert_true(store_usertag_valid("later"));
	assert_true(store_usertag_valid("to-read"));
	assert_true(store_usertag_valid("\xd0\xbc\xd0\xb8\xd1\x80"));
	assert_false(store_usertag_valid(""));
	assert_false(store_usertag_valid("two words"));
	assert_false(store_usertag_valid("a,b"));
	assert_false(store_usertag_valid("+x"));
	assert_false(store_usertag_valid("-x"));
	assert_false(store_usertag_valid("a\tb"));
	assert_false(store_usertag_valid("(x)"));
}

static int
rm_entry(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
test_usertag_store_and_merge(void **state)
{
	struct store		*st;
	struct store_feed	*f;
	struct store_item	 it;
	char			 dir[] = "/tmp/nr-test-usertag.XXXXXX";
	char			*path, err[NR_ERRBUF_SIZE];
	FILE			*fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = malloc(strlen(dir) + 64);
	assert_non_null(path);
	sprintf(path, "%s/f", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	sprintf(path, "%s/f/001_00000000000000a1.txt", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(" date 2026-11-20 https://example.com/a1\nTitle\n\nnews\n"
	    "Title\n12:00 GMT 20.11.2026\nbody", fp);
	fclose(fp);
	free(path);
	assert_int_equal(store_open(dir, &st, NULL), NR_OK);
	assert_int_equal(store_usertag(st, "f", 0xa1, "later", 1, err),
	    NR_OK);
	assert_int_equal(store_usertag(st, "f", 0xa1, "later", 1, err),
	    NR_OK);
	assert_int_equal(store_usertag(st, "f", 0xa1, "news", 1, err),
	    NR_OK);
	assert_int_equal(store_usertag(st, "f", 0xa1, "x y", 1, err),
	    NR_EFORMAT);
	assert_int_equal(store_usertag(st, "f", 0xa1, "nope", 0, err),
	    NR_ENOTFOUND);
	assert_int_equal(store_feed_open(st, "f", &f, err), NR_OK);
	assert_int_equal(store_feed_count(f), 1);
	store_feed_item(f, 0, &it);
	assert_string_equal(it.tags, "news");
	/* Once each, kept apart from the article's own tags. */
	assert_string_equal(it.usertags, "later\nnews");
	store_feed_close(f);
	assert_int_equal(store_usertag(st, "f", 0xa1, "later", 0, err),
	    NR_OK);
	assert_int_equal(store_feed_open(st, "f", &f, err), NR_OK);
	store_feed_item(f, 0, &it);
	assert_string_equal(it.usertags, "news");
	store_feed_close(f);
	store_free(st);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_iso),
		cmocka_unit_test(test_date_parse_relative),
		cmocka_unit_test(test_days_follow_tz),
		cmocka_unit_test(test_saved_filters),
		cmocka_unit_test(test_usertag_valid),
		cmocka_unit_test(test_usertag_store_and_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
