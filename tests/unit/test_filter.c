/* Unit tests for the filter module: the query parser and the evaluator. */
#include "nr_config.h"

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
#include "newsreader/filter.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

/* 2023-04-14T12:00:00Z, a Friday: "now" for every test. */
#define NOW	((int64_t)1681473600)

/* Set the local time zone for the dates of the next compile. */
static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* Each test starts in UTC. */
static int
setup(void **state)
{
	(void)state;
	set_tz("UTC0");
	return 0;
}

/* Use the zoneinfo name when the system has it, else the POSIX rule. */
static void
set_zone(const char *name, const char *posix)
{
	char	path[256];

	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
	set_tz(access(path, R_OK) == 0 ? name : posix);
}

/* A plain item: feed "world", dated t, with tags (may be NULL). */
static struct filter_item
item(int64_t t, const char *title, const char *tags)
{
	struct filter_item	it;

	memset(&it, 0, sizeof it);
	it.feed = "world";
	it.feed_title = "World News";
	it.date = t;
	it.title = title;
	it.summary = "A summary about the harbour and the Москва river.";
	it.tags = tags;
	return it;
}

/* Compile q at now; it must succeed. */
static struct filter *
compile_at(const char *q, int64_t now)
{
	struct filter	*f = NULL;
	char		 err[NR_ERRBUF_SIZE];
	size_t		 col;

	if (filter_compile(q, now, &f, &col, err) != NR_OK)
		fail_msg("query '%s': column %zu: %s", q, col, err);
	assert_non_null(f);
	return f;
}

/* True when q (compiled at now) matches it. */
static int
matches_at(const char *q, int64_t now, const struct filter_item *it)
{
	struct filter	*f = compile_at(q, now);
	int		 r = filter_match(f, it);

	filter_free(f);
	return r;
}

static int
matches(const char *q, const struct filter_item *it)
{
	return matches_at(q, NOW, it);
}

/* True when q matches an item dated t. */
static int
date_matches(const char *q, int64_t t)
{
	struct filter_item	it = item(t, "t", NULL);

	return matches(q, &it);
}

/* q must fail at column col with a message containing msg. */
static void
check_error(const char *q, size_t col, const char *msg)
{
	struct filter	*f = (struct filter *)1;
	char		 err[NR_ERRBUF_SIZE];
	size_t		 c = 0;

	assert_int_equal(filter_compile(q, NOW, &f, &c, err), NR_EQUERY);
	assert_null(f);
	if (strstr(err, msg) == NULL)
		fail_msg("query '%s': want '%s', got '%s'", q, msg, err);
	if (c != col)
		fail_msg("query '%s': want column %zu, got %zu (%s)", q, col,
		    c, err);
}

/* Tags. */

static void
test_tag_has(void **state)
{
	struct filter_item	it = item(NOW, "x", "russia\nchina");

	(void)state;
	assert_true(matches("+china", &it));
	assert_true(matches("+russia", &it));
	assert_false(matches("+sport", &it));
}

static void
test_tag_case(void **state)
{
	struct filter_item	it = item(NOW, "x", "china\nгород");

	(void)state;
	assert_true(matches("+CHINA", &it));
	assert_true(matches("+ГОРОД", &it));
	assert_true(matches("+Город", &it));
}

static void
test_tag_stored_upper(void **state)
{
	struct filter_item	it = item(NOW, "x", "China\nГОРОД");

	(void)state;
	assert_true(matches("+china", &it));
	assert_true(matches("+город", &it));
}

/* U+0130 folds to i, never to dotless U+0131 (issue 11, item 7). */
static void
test_tag_dotted_i(void **state)
{
	struct filter_item	it = item(NOW, "İzmir Haberleri",
	    "İstanbul\nistanbul2");
	struct filter_item	low = item(NOW, "x", "istanbul");
	struct filter_item	dotless = item(NOW, "x", "\xc4\xb1stanbul");

	(void)state;
	/* The stored tag has the capital; the query has neither. */
	assert_true(matches("+istanbul", &it));
	assert_true(matches("+ISTANBUL", &it));
	assert_true(matches("+İstanbul", &it));
	/* The query has the capital, the stored tag is lowercase. */
	assert_true(matches("+İSTANBUL", &low));
	assert_true(matches("+İstanbul", &low));
	/* Dotless ı stays a letter of its own. */
	assert_false(matches("+İstanbul", &dotless));
	assert_false(matches("+istanbul", &dotless));
	/* Words in the title fold the same way. */
	assert_true(matches("~izmir", &it));
	assert_true(matches("~İZMİR", &it));
	assert_true(matches("\"izmir haberleri\"", &it));
}

static void
test_tag_whole(void **state)
{
	struct filter_item	it = item(NOW, "x", "china\nsport");

	(void)state;
	assert_false(matches("+chin", &it));
	assert_false(matches("+chinas", &it));
	assert_false(matches("+port", &it));
}

static void
test_tag_not(void **state)
{
	struct filter_item	it = item(NOW, "x", "china\nsport");
	struct filter_item	it2 = item(NOW, "x", "china");

	(void)state;
	assert_false(matches("+china -sport", &it));
	assert_true(matches("+china -sport", &it2));
}

static void
test_tag_none(void **state)
{
	struct filter_item	it = item(NOW, "x", NULL);
	struct filter_item	it2 = item(NOW, "x", "");

	(void)state;
	assert_false(matches("+china", &it));
	assert_true(matches("-china", &it));
	assert_false(matches("+china", &it2));
}

static void
test_tag_quoted(void **state)
{
	struct filter_item	it = item(NOW, "x", "new york\nus");

	(void)state;
	assert_true(matches("+\"New York\"", &it));
	assert_false(matches("+\"new\"", &it));
}

/* Dates (UTC unless a test says otherwise). */

static void
test_date_day(void **state)
{
	(void)state;
	assert_true(date_matches("@2023-04-14", 1681430400));	/* 00:00 */
	/* 23:59:59 */
	assert_true(date_matches("@2023-04-14", 1681516799));
	assert_false(date_matches("@2023-04-14", 1681516800));
	assert_false(date_matches("@2023-04-14", 1681430399));
}

static void
test_date_month(void **state)
{
	(void)state;
	assert_true(date_matches("@2023-04", 1680307200));	/* 04-01 */
	/* 04-30 23:59:59 */
	assert_true(date_matches("@2023-04", 1682899199));
	assert_false(date_matches("@2023-04", 1682899200));	/* 05-01 */
	assert_false(date_matches("@2023-04", 1680307199));
}

static void
test_date_year(void **state)
{
	(void)state;
	assert_true(date_matches("@2023", 1672531200));
	assert_true(date_matches("@2023", 1704067199));
	assert_false(date_matches("@2023", 1704067200));
	assert_false(date_matches("@2023", 1672531199));
}

static void
test_date_leap(void **state)
{
	(void)state;
	assert_true(date_matches("@2024-02-29", 1709208000));
	check_error("@2023-02-29", 1, "bad date '2023-02-29'");
}

static void
test_date_range(void **state)
{
	const char	*q = "@2023-04-01..2023-04-14";

	(void)state;
	assert_true(date_matches(q, 1680307200));	/* 04-01 00:00 */
	assert_true(date_matches(q, 1681516799));	/* 04-14 23:59:59 */
	assert_false(date_matches(q, 1681516800));
	assert_false(date_matches(q, 1680307199));
}

static void
test_date_range_mixed(void **state)
{
	(void)state;
	/* A month to a day: from the month's start to the day's end. */
	assert_true(date_matches("@2023-03..2023-04-01", 1677628800));
	assert_true(date_matches("@2023-03..2023-04-01", 1680393599));
	assert_false(date_matches("@2023-03..2023-04-01", 1680393600));
}

static void
test_date_open_start(void **state)
{
	(void)state;
	assert_true(date_matches("@..2023-04-13", 0));
	assert_true(date_matches("@..2023-04-13", 1681430399));
	assert_false(date_matches("@..2023-04-13", 1681430400));
}

static void
test_date_open_end(void **state)
{
	(void)state;
	assert_true(date_matches("@2023-04-14..", 1681430400));
	assert_true(date_matches("@2023-04-14..", INT64_MAX - 1));
	assert_false(date_matches("@2023-04-14..", 1681430399));
}

static void
test_date_today(void **state)
{
	(void)state;
	assert_true(date_matches("@today", 1681430400));
	assert_true(date_matches("@TODAY", 1681516799));
	assert_false(date_matches("@today", 1681430399));
}

static void
test_date_yesterday(void **state)
{
	(void)state;
	assert_true(date_matches("@yesterday", 1681344000));
	assert_true(date_matches("@yesterday", 1681430399));
	assert_false(date_matches("@yesterday", 1681430400));
	assert_false(date_matches("@yesterday", 1681343999));
}

static void
test_date_days(void **state)
{
	(void)state;
	/* @7d: today and the six days before: from 04-08. */
	assert_true(date_matches("@7d", 1680912000));
	assert_false(date_matches("@7d", 1680911999));
	assert_true(date_matches("@7d", 1681516799));
	assert_false(date_matches("@7d", 1681516800));
	/* @1d is @today. */
	assert_false(date_matches("@1d", 1681430399));
	assert_true(date_matches("@1d", 1681430400));
}

static void
test_date_weeks(void **state)
{
	(void)state;
	/* @2w: fourteen days, from 04-01. */
	assert_true(date_matches("@2w", 1680307200));
	assert_false(date_matches("@2w", 1680307199));
}

static void
test_date_months(void **state)
{
	(void)state;
	/* @1m on 04-14: from 03-15. */
	assert_true(date_matches("@1m", 1678838400));
	assert_false(date_matches("@1m", 1678838399));
	/* @3m: from 01-15. */
	assert_true(date_matches("@3m", 1673740800));
	assert_false(date_matches("@3m", 1673740799));
}

static void
test_date_months_clamp(void **state)
{
	struct filter_item	in = item(1677628800, "t", NULL); /* 03-01 */
	struct filter_item	out = item(1677628799, "t", NULL);
	int64_t			may31 = 1685534400;

	(void)state;
	/* On 05-31, three months back is 02-31, so 02-28: from 03-01. */
	assert_true(matches_at("@3m", may31, &in));
	assert_false(matches_at("@3m", may31, &out));
}

static void
test_date_or(void **state)
{
	(void)state;
	assert_true(date_matches("@2023-01 or @2023-03", 1677628800));
	assert_false(date_matches("@2023-01 or @2023-03", 1675209600));
}

/* An item at 23:30 UTC on 04-13 is 08:30 on 04-14 in Tokyo. */
static void
test_tz_tokyo_day(void **state)
{
	int64_t	t = 1681428600;

	(void)state;
	set_zone("Asia/Tokyo", "JST-9");
	assert_true(date_matches("@2023-04-14", t));
	assert_false(date_matches("@2023-04-13", t));
}

/* The same item is 19:30 on 04-13 in New York (EDT). */
static void
test_tz_new_york_day(void **state)
{
	int64_t	t = 1681428600;

	(void)state;
	set_zone("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
	assert_true(date_matches("@2023-04-13", t));
	assert_false(date_matches("@2023-04-14", t));
}

static void
test_tz_utc_day(void **state)
{
	(void)state;
	assert_true(date_matches("@2023-04-13", 1681428600));
	assert_false(date_matches("@2023-04-14", 1681428600));
}

/* 2023-03-31T23:30Z: April in Tokyo, March in New York. */
static void
test_tz_month_edge(void **state)
{
	int64_t	t = 1680305400;

	(void)state;
	set_zone("Asia/Tokyo", "JST-9");
	assert_true(date_matches("@2023-04", t));
	assert_false(date_matches("@2023-03", t));
	set_zone("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
	assert_true(date_matches("@2023-03", t));
	assert_false(date_matches("@2023-04", t));
}

/* 2022-12-31T23:30Z is in 2023 in Tokyo. */
static void
test_tz_year_edge(void **state)
{
	(void)state;
	set_zone("Asia/Tokyo", "JST-9");
	assert_true(date_matches("@2023", 1672529400));
	assert_false(date_matches("@2022", 1672529400));
}

/* 2023-03-12 has 23 hours in New York: 05:00Z to 04:00Z the next day. */
static void
test_tz_dst_day(void **state)
{
	(void)state;
	set_zone("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
	assert_true(date_matches("@2023-03-12", 1678597200));
	assert_false(date_matches("@2023-03-12", 1678597199));
	assert_true(date_matches("@2023-03-12", 1678678199));
	assert_false(date_matches("@2023-03-12", 1678680000));
}

/* @today follows the zone: at NOW it is 04-14 21:00 in Tokyo. */
static void
test_tz_today(void **state)
{
	(void)state;
	set_zone("Asia/Tokyo", "JST-9");
	/* 2023-04-13T15:00Z is Tokyo's midnight of 04-14. */
	assert_true(date_matches("@today", 1681398000));
	assert_false(date_matches("@today", 1681397999));
}

/* Feeds, state, words and regexes. */

static void
test_feed_name(void **state)
{
	struct filter_item	it = item(NOW, "x", NULL);

	(void)state;
	assert_true(matches("=world", &it));
	assert_true(matches("=WORLD", &it));
	assert_false(matches("=worl", &it));
	assert_false(matches("=other", &it));
}

static void
test_feed_title(void **state)
{
	struct filter_item	it = item(NOW, "x", NULL);

	(void)state;
	assert_true(matches("=\"world news\"", &it));
	assert_false(matches("=\"world new\"", &it));
	it.feed_title = NULL;
	assert_false(matches("=\"world news\"", &it));
}

/* filter_feed_cb for the tests: "wn" is feed "world", "boom" fails. */
static enum nr_err
resolve_test(void *arg, const char *name, char **dir, char *errbuf)
{
	int	*calls = arg;

	(*calls)++;
	if (strcmp(name, "wn") == 0) {
		*dir = strdup("world");
		return NR_OK;
	}
	if (strcmp(name, "boom") == 0) {
		nr_seterr(errbuf, NR_EUSAGE, "ambiguous feed 'boom'");
		return NR_EUSAGE;
	}
	return NR_ENOTFOUND;
}

static void
test_feed_resolve(void **state)
{
	struct filter_item	 it = item(NOW, "x", NULL);
	struct filter		*f;
	char			 err[NR_ERRBUF_SIZE];
	int			 calls = 0;

	(void)state;
	/* Resolved names match the store name only, exactly. */
	assert_int_equal(filter_compile("=WN or =\"world news\"", NOW, &f,
	    NULL, err), NR_OK);
	assert_int_equal(filter_resolve_feeds(f, resolve_test, &calls, err),
	    NR_OK);
	assert_int_equal(calls, 2);
	assert_true(filter_match(f, &it));
	it.feed = "World";
	it.feed_title = NULL;
	assert_false(filter_match(f, &it));
	/* Resolving again looks up only what is still unresolved. */
	calls = 0;
	assert_int_equal(filter_resolve_feeds(f, resolve_test, &calls, err),
	    NR_OK);
	assert_int_equal(calls, 1);
	filter_free(f);
	/* An unresolved name keeps matching as written. */
	it = item(NOW, "x", NULL);
	assert_int_equal(filter_compile("=\"world news\"", NOW, &f, NULL,
	    err), NR_OK);
	assert_int_equal(filter_resolve_feeds(f, resolve_test, &calls, err),
	    NR_OK);
	assert_true(filter_match(f, &it));
	filter_free(f);
	/* An error is returned with its message. */
	assert_int_equal(filter_compile("+a =boom", NOW, &f, NULL, err),
	    NR_OK);
	assert_int_equal(filter_resolve_feeds(f, resolve_test, &calls, err),
	    NR_EUSAGE);
	assert_non_null(strstr(err, "ambiguous"));
	filter_free(f);
}

static void
test_state(void **state)
{
	struct filter_item	it = item(NOW, "x", NULL);

	(void)state;
	assert_true(matches("is:unread", &it));
	assert_false(matches("is:read", &it));
	assert_false(matches("is:starred", &it));
	it.state = NR_STATE_READ | NR_STATE_STARRED;
	assert_false(matches("is:unread", &it));
	assert_true(matches("is:read", &it));
	assert_true(matches("IS:Starred", &it));
}

static void
test_word_title(void **state)
{
	struct filter_item	it = item(NOW, "Chinese Defense Minister",
				    NULL);

	(void)state;
	assert_true(matches("~defense", &it));
	assert_true(matches("~DEFENSE", &it));
	assert_true(matches("~nese", &it));
	assert_false(matches("~defence", &it));
}

static void
test_word_summary(void **state)
{
	struct filter_item	it = item(NOW, "x", NULL);

	(void)state;
	assert_true(matches("~harbour", &it));
	assert_true(matches("~москва", &it));
	assert_true(matches("~МОСКВА", &it));
	assert_false(matches("~москвы", &it));
	it.summary = NULL;
	assert_false(matches("~harbour", &it));
}

static void
test_word_phrase(void **state)
{
	struct filter_item	it = item(NOW, "Visit Russia on April 16",
				    NULL);

	(void)state;
	assert_true(matches("~\"russia on april\"", &it));
	assert_false(matches("~\"russia april\"", &it));
	it.title = "say \"hi\" now";
	assert_true(matches("~\"\\\"hi\\\"\"", &it));
}

static void
test_word_bare(void **state)
{
	struct filter_item	it = item(NOW, "Comet returns", NULL);

	(void)state;
	assert_true(matches("comet", &it));
	assert_true(matches("\"comet returns\"", &it));
	assert_false(matches("asteroid", &it));
}

static void
test_word_partial_utf8(void **state)
{
	struct filter_item	it = item(NOW, "x", NULL);

	(void)state;
	it.title = "新型チップの量産開始";
	it.summary = "Ёлка";
	assert_true(matches("~チップ", &it));
	assert_false(matches("~チッ\xe3", &it));
	assert_true(matches("~ёлка", &it));
	/* Overlap: the second try starts inside the first. */
	it.title = "aab";
	assert_true(matches("~ab", &it));
}

static void
test_regex_title(void **state)
{
	struct filter_item	it = item(NOW, "Chinese Defense Minister",
				    NULL);

	(void)state;
	assert_true(matches("/^chinese/", &it));
	assert_true(matches("/minister$/", &it));
	assert_false(matches("/^defense/", &it));
	/* The summary is not searched. */
	assert_false(matches("/harbour/", &it));
}

static void
test_regex_slash(void **state)
{
	struct filter_item	it = item(NOW, "24/7 news", NULL);

	(void)state;
	assert_true(matches("/24\\/7/", &it));
	assert_false(matches("/25\\/7/", &it));
}

/* Fuzzer find: stacked quantifiers made regcomp use gigabytes. */
static void
test_regex_risky(void **state)
{
	struct filter_item	it = item(NOW, "aaa", NULL);
	char			long_re[600];

	(void)state;
	check_error("+x /a+++++++++++++++++++++++++/", 4,
	    "regex refused: a quantifier follows a quantifier");
	check_error("/(a{1,300})/", 1,
	    "regex refused: a repeat count over 255");
	memset(long_re, 'a', sizeof long_re);
	long_re[0] = '/';
	long_re[sizeof long_re - 2] = '/';
	long_re[sizeof long_re - 1] = '\0';
	check_error(long_re, 1, "regex refused: longer than 512 bytes");
	/* Ordinary use, and an escaped quantifier character, still work. */
	it.title = "a+b";
	assert_true(matches("/^a\\+b$/", &it));
	it.title = "aaa";
	assert_true(matches("/^a{2,3}$/", &it));
	assert_true(matches("/a*a?/", &it));
}

/* Operators. */

static void
test_empty_query(void **state)
{
	struct filter_item	it = item(NOW, NULL, NULL);
	struct filter		*f;

	(void)state;
	f = compile_at("  ", NOW);
	assert_true(filter_is_all(f));
	assert_true(filter_match(f, &it));
	filter_free(f);
	f = compile_at("+a", NOW);
	assert_false(filter_is_all(f));
	filter_free(f);
}

static void
test_and(void **state)
{
	struct filter_item	it = item(1681430400, "x", "china");

	(void)state;
	assert_true(matches("+china @2023-04", &it));
	assert_true(matches("+china and @2023-04", &it));
	assert_false(matches("+china @2023-03", &it));
}

static void
test_or(void **state)
{
	struct filter_item	it = item(NOW, "x", "china");

	(void)state;
	assert_true(matches("+russia or +china", &it));
	assert_true(matches("+russia OR +china", &it));
	assert_false(matches("+russia or +sport", &it));
}

static void
test_not(void **state)
{
	struct filter_item	it = item(NOW, "x", "china");

	(void)state;
	assert_false(matches("not +china", &it));
	assert_true(matches("not not +china", &it));
	assert_true(matches("not (+sport or +russia)", &it));
}

/* not binds tighter than and, and tighter than or. */
static void
test_precedence(void **state)
{
	struct filter_item	a = item(NOW, "x", "a");
	struct filter_item	bc = item(NOW, "x", "b\nc");
	struct filter_item	b = item(NOW, "x", "b");

	(void)state;
	/* +a or (+b +c) */
	assert_true(matches("+a or +b +c", &a));
	assert_true(matches("+a or +b +c", &bc));
	assert_false(matches("+a or +b +c", &b));
	/* (not +a) and +b */
	assert_true(matches("not +a +b", &b));
	assert_false(matches("not +a +b", &a));
	/* (not +a) or +b */
	assert_true(matches("not +a or +b", &b));
	assert_false(matches("not +a or +b", &a));
}

static void
test_parentheses(void **state)
{
	struct filter_item	a = item(NOW, "x", "a");
	struct filter_item	ac = item(NOW, "x", "a\nc");

	(void)state;
	assert_false(matches("(+a or +b) +c", &a));
	assert_true(matches("(+a or +b) +c", &ac));
	assert_true(matches("((+a))", &a));
	assert_true(matches("(+a)(+c)", &ac));
}

static void
test_null_fields(void **state)
{
	struct filter_item	it;

	(void)state;
	memset(&it, 0, sizeof it);
	assert_false(matches("+a or =x or ~y or /z/", &it));
	assert_true(matches("is:unread -a", &it));
}

/* Errors and their columns. */

static void
test_err_bad_date(void **state)
{
	(void)state;
	check_error("@2023-13-45", 1, "bad date '2023-13-45'");
	check_error("+cn @2023-13-45", 5, "bad date '2023-13-45'");
}

static void
test_err_bad_dates(void **state)
{
	(void)state;
	check_error("@2023-00", 1, "bad date '2023-00'");
	check_error("@20230", 1, "bad date '20230'");
	check_error("@0000", 1, "bad date '0000'");
	check_error("@0d", 1, "bad date '0d'");
	check_error("@7x", 1, "bad date '7x'");
	/* Fuzzer find: months far back indexed before the month table. */
	check_error("@..2046 @today @32047m", 16, "bad date '32047m'");
	check_error("@99999d", 1, "bad date '99999d'");
	check_error("@tomorrow", 1, "bad date 'tomorrow'");
	check_error("@2023-4-1", 1, "bad date");
}

static void
test_err_range_end(void **state)
{
	(void)state;
	check_error("@2023-04-01..2023-4-1", 14, "bad date '2023-4-1'");
	check_error("@..x", 4, "bad date 'x'");
}

static void
test_err_range_order(void **state)
{
	(void)state;
	check_error("@2023-05..2023-04", 1, "ends before it starts");
	check_error("@..", 1, "needs a start or an end");
}

static void
test_err_missing_date(void **state)
{
	(void)state;
	check_error("+a @", 4, "missing date after '@'");
}

static void
test_err_empty_tag(void **state)
{
	(void)state;
	check_error("+", 1, "empty tag after '+'");
	check_error("+a -", 4, "empty tag after '-'");
	check_error("+\"\"", 1, "empty tag");
}

static void
test_err_empty_values(void **state)
{
	(void)state;
	check_error("=", 1, "empty feed name");
	check_error("+a ~", 4, "empty word");
	check_error("\"\"", 1, "empty phrase");
}

static void
test_err_unbalanced_open(void **state)
{
	(void)state;
	check_error("(+a", 1, "unbalanced '('");
	check_error("+a (+b or (+c)", 4, "unbalanced '('");
	check_error("(", 1, "unbalanced '('");
}

static void
test_err_unbalanced_close(void **state)
{
	(void)state;
	check_error("+a)", 3, "unbalanced ')'");
	check_error("+a ) +b", 4, "unbalanced ')'");
	check_error(")", 1, "unbalanced ')'");
}

static void
test_err_empty_parens(void **state)
{
	(void)state;
	check_error("+a ()", 4, "empty parentheses");
}

static void
test_err_unknown_is(void **state)
{
	(void)state;
	check_error("is:foo", 1, "unknown 'is:foo'");
	check_error("+x is:", 4, "unknown 'is:'");
}

static void
test_err_regex(void **state)
{
	(void)state;
	check_error("+a /x(/", 4, "bad regex 'x('");
	check_error("//", 1, "empty regex");
	check_error("+a /abc", 4, "unterminated regex");
}

static void
test_err_quote(void **state)
{
	(void)state;
	check_error("~\"abc", 2, "unterminated quote");
	check_error("+a \"b", 4, "unterminated quote");
}

static void
test_err_operators(void **state)
{
	(void)state;
	check_error("+a or", 4, "nothing after 'or'");
	check_error("not", 1, "nothing after 'not'");
	check_error("or +a", 1, "unexpected 'or'");
	check_error("+a or or +b", 7, "unexpected 'or'");
	check_error("and +a", 1, "unexpected 'and'");
	check_error("+a and", 4, "nothing after 'and'");
}

static void
test_err_column_chars(void **state)
{
	(void)state;
	/* Columns count characters, not bytes. */
	check_error("~\"Россия\" @x", 11, "bad date 'x'");
}

static void
test_err_depth(void **state)
{
	char	q[200];

	(void)state;
	memset(q, '(', 70);
	strcpy(q + 70, "+a");
	memset(q + 72, ')', 70);
	q[142] = '\0';
	check_error(q, 65, "nested deeper than 64");
	memset(q, '(', 60);
	strcpy(q + 60, "+a");
	memset(q + 62, ')', 60);
	q[122] = '\0';
	filter_free(compile_at(q, NOW));
}

static void
test_err_null_buffers(void **state)
{
	struct filter	*f;

	(void)state;
	assert_int_equal(filter_compile("+", NOW, &f, NULL, NULL), NR_EQUERY);
	assert_null(f);
	filter_free(NULL);
}

#define T(fn)	cmocka_unit_test_setup(fn, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_tag_has), T(test_tag_case), T(test_tag_stored_upper),
		T(test_tag_whole), T(test_tag_not), T(test_tag_none),
		T(test_tag_dotted_i),
		T(test_tag_quoted),
		T(test_date_day), T(test_date_month), T(test_date_year),
		T(test_date_leap), T(test_date_range), T(test_date_range_mixed),
		T(test_date_open_start), T(test_date_open_end),
		T(test_date_today), T(test_date_yesterday), T(test_date_days),
		T(test_date_weeks), T(test_date_months),
		T(test_date_months_clamp), T(test_date_or),
		T(test_tz_tokyo_day), T(test_tz_new_york_day),
		T(test_tz_utc_day), T(test_tz_month_edge), T(test_tz_year_edge),
		T(test_tz_dst_day), T(test_tz_today),
		T(test_feed_name), T(test_feed_title), T(test_feed_resolve),
		T(test_state),
		T(test_word_title), T(test_word_summary), T(test_word_phrase),
		T(test_word_bare), T(test_word_partial_utf8),
		T(test_regex_title), T(test_regex_slash), T(test_regex_risky),
		T(test_empty_query), T(test_and), T(test_or), T(test_not),
		T(test_precedence), T(test_parentheses), T(test_null_fields),
		T(test_err_bad_date), T(test_err_bad_dates),
		T(test_err_range_end), T(test_err_range_order),
		T(test_err_missing_date), T(test_err_empty_tag),
		T(test_err_empty_values), T(test_err_unbalanced_open),
		T(test_err_unbalanced_close), T(test_err_empty_parens),
		T(test_err_unknown_is), T(test_err_regex), T(test_err_quote),
		T(test_err_operators), T(test_err_column_chars),
		T(test_err_depth), T(test_err_null_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
