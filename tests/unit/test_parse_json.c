/*
 * Unit tests for JSON Feed: the specification's examples, publishers'
 * feeds, hostile documents, the streaming path and its limits.
 */
#include "nr_config.h"

#define _GNU_SOURCE 1	/* fmemopen */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/util.h"

#define NOW	((int64_t)1700000000)

static char *
readfix(const char *name, size_t *lenp)
{
	const char	*dir = getenv("NR_SRCDIR");
	char		 path[1024];
	char		*buf;
	FILE		*fp;
	long		 n;

	if (dir != NULL)
		snprintf(path, sizeof path, "%s/tests/fixtures/jsonfeed/%s",
		    dir, name);
	else
		snprintf(path, sizeof path, "%s/%s", NR_TESTDATA, name);
	fp = fopen(path, "rb");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*lenp = (size_t)n;
	return buf;
}

static struct feed *
load_buf(const char *buf, size_t len, const char *url)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	char			 err[NR_ERRBUF_SIZE] = "";

	memset(&o, 0, sizeof o);
	o.url = url;
	o.now = NOW;
	if (parse_buffer(buf, len, &o, &f, err) != NR_OK)
		fail_msg("%s", err);
	assert_non_null(f);
	return f;
}

static struct feed *
load_url(const char *name, const char *url)
{
	struct feed	*f;
	char		*buf;
	size_t		 len;

	buf = readfix(name, &len);
	f = load_buf(buf, len, url);
	free(buf);
	return f;
}

static struct feed *
load(const char *name)
{
	return load_url(name, NULL);
}

/* Parse a buffer that must fail; returns the error, message in err. */
static enum nr_err
load_err(const char *buf, size_t len, char *err)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	enum nr_err		 e;

	memset(&o, 0, sizeof o);
	e = parse_buffer(buf, len, &o, &f, err);
	assert_null(f);
	return e;
}

static int
has_warning(const struct feed *f, const char *s)
{
	size_t	i;

	for (i = 0; i < f->nwarnings; i++)
		if (strstr(f->warnings[i], s) != NULL)
			return 1;
	return 0;
}

static void
test_spec_simple(void **state)
{
	struct feed	*f = load("spec-simple.json");

	(void)state;
	assert_string_equal(f->title, "My Example Feed");
	assert_string_equal(f->link, "https://example.org/");
	assert_string_equal(f->self, "https://example.org/feed.json");
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[0]->guid, "2");
	assert_string_equal(f->items[0]->link,
	    "https://example.org/second-item");
	assert_string_equal(f->items[0]->title, "");
	/* content_text becomes escaped HTML; the summary is its text. */
	assert_string_equal(f->items[0]->content, "This is a second item.");
	assert_string_equal(f->items[0]->summary, "This is a second item.");
	assert_int_equal(f->items[0]->published, NOW);
	assert_true(f->items[0]->flags & NR_ITEM_DATE_SEEN);
	assert_string_equal(f->items[1]->guid, "1");
	assert_string_equal(f->items[1]->content, "<p>Hello, world!</p>");
	assert_string_equal(f->items[1]->summary, "Hello, world!");
	assert_int_equal(f->nwarnings, 0);
	feed_free(f);
}

static void
test_spec_podcast(void **state)
{
	struct feed	*f = load("spec-podcast.json");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "The Record");
	assert_string_equal(f->link, "http://therecord.co/");
	assert_int_equal(f->nitems, 1);
	it = f->items[0];
	assert_string_equal(it->guid, "http://therecord.co/chris-parrish");
	assert_string_equal(it->title, "Special #1 - Chris Parrish");
	assert_string_equal(it->link, "http://therecord.co/chris-parrish");
	assert_string_equal(it->summary, "Brent interviews Chris Parrish, "
	    "co-host of The Record and one-half of Aged & Distilled.");
	/* content_html wins over content_text. */
	assert_non_null(strstr(it->content,
	    "<a href=\"http://adobe.com/\">Adobe</a>"));
	assert_non_null(strstr(it->content, "Chris\xe2\x80\x99s new"));
	/* 2014-05-09T14:04:00-07:00 */
	assert_int_equal(it->published, 1399669440);
	assert_int_equal(it->updated, NR_TIME_NONE);
	assert_string_equal(it->author, "Brent Simmons and Manton Reece");
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].url, "http://therecord.co/"
	    "downloads/The-Record-sp1e1-ChrisParrish.m4a");
	assert_string_equal(it->enclosures[0].type, "audio/x-m4a");
	assert_int_equal(it->enclosures[0].length, 89970236);
	feed_free(f);
}

static void
test_v10_author(void **state)
{
	struct feed	*f = load("v10-author.json");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "Brent Simmons\xe2\x80\x99s Microblog");
	assert_int_equal(f->nitems, 2);
	it = f->items[0];
	assert_string_equal(it->author, "Brent Simmons");
	assert_string_equal(it->title, "This is a test");
	assert_int_equal(it->published, 1495040532);
	assert_int_equal(it->updated, 1495015500);
	assert_int_equal(it->ntags, 2);
	assert_string_equal(it->tags[0], "testing");
	assert_string_equal(it->tags[1], "json feed");
	assert_string_equal(f->items[1]->author, "A. Guest");
	assert_string_equal(f->items[1]->content, "Written by a guest.");
	feed_free(f);
}

static void
test_microblog(void **state)
{
	struct feed	*f = load_url("microblog.json",
	    "https://www.manton.org/feed.json");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "Manton Reece");
	assert_string_equal(f->link, "https://www.manton.org/");
	assert_int_equal(f->nitems, 2);
	it = f->items[0];
	/* A micropost: no title, the summary from the content. */
	assert_string_equal(it->title, "");
	assert_string_equal(it->summary, "Walking around Austin this "
	    "morning.");
	assert_string_equal(it->guid, "http://manton.micro.blog/2024/03/02/"
	    "walking-around-austin.html");
	assert_string_equal(it->link, "https://www.manton.org/2024/03/02/"
	    "walking-around-austin.html");
	/* Relative src resolved against the item's URL. */
	assert_non_null(strstr(it->content, "src=\"https://www.manton.org/"
	    "2024/03/02/uploads/2024/a1b2c3.jpg\""));
	assert_int_equal(it->published, 1709392541);
	assert_string_equal(it->author, "Manton Reece");
	assert_int_equal(it->ntags, 2);
	assert_string_equal(it->tags[0], "photos");
	it = f->items[1];
	assert_string_equal(it->title, "Timetable episode 300");
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, 4823104);
	feed_free(f);
}

static void
test_npr(void **state)
{
	struct feed	*f = load("npr.json");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "News : NPR");
	assert_string_equal(f->link, "https://www.npr.org/templates/story/"
	    "story.php?storyId=1001");
	assert_non_null(f->description);
	assert_int_equal(f->nitems, 2);
	it = f->items[0];
	assert_string_equal(it->guid, "nx-s1-5310846");
	assert_string_equal(it->title, "Tariffs on Canada, Mexico and China "
	    "take effect");
	assert_string_equal(it->summary, "New tariffs took effect early "
	    "Tuesday, and the three countries said they would respond.");
	assert_string_equal(it->author, "Scott Horsley");
	/* 2025-03-04T05:02:27-05:00 */
	assert_int_equal(it->published, 1741082547);
	assert_string_equal(f->items[1]->author, "The Associated Press");
	feed_free(f);
}

static void
test_daringfireball(void **state)
{
	struct feed	*f = load("daringfireball.json");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "Daring Fireball");
	assert_int_equal(f->nitems, 2);
	it = f->items[0];
	/* A linked item: url is the article; the id is the permalink. */
	assert_string_equal(it->link,
	    "https://www.apple.com/newsroom/2025/03/macbook-air/");
	assert_string_equal(it->guid,
	    "https://daringfireball.net/linked/2025/03/05/macbook-air");
	assert_string_equal(it->author, "John Gruber");
	assert_int_equal(it->published, 1741202591);
	assert_int_equal(it->updated, 1741203002);
	it = f->items[1];
	assert_string_equal(it->title, "\xe2\x98\x85 Thoughts and "
	    "Observations");
	assert_non_null(strstr(it->content, "href=\"https://daringfireball."
	    "net/2025/02/earlier\""));
	feed_free(f);
}

/* Identity follows the RSS/Atom rules: the id, else the link. */
static void
test_identity(void **state)
{
	struct feed	*f;
	char		*id;
	const char	*doc = "{\"version\":\"https://jsonfeed.org/"
	    "version/1.1\",\"items\":[{\"url\":\"https://example.org/x\","
	    "\"title\":\"No id\"},{\"id\":\"abc\",\"url\":\"https://"
	    "example.org/y\"}]}";

	(void)state;
	f = load_buf(doc, strlen(doc), NULL);
	assert_int_equal(f->nitems, 2);
	id = item_identity(f->items[0]);
	assert_string_equal(id, "https://example.org/x");
	free(id);
	id = item_identity(f->items[1]);
	assert_string_equal(id, "abc");
	free(id);
	feed_free(f);
}

static void
test_links(void **state)
{
	struct feed	*f = load("links.json");

	(void)state;
	assert_int_equal(f->nitems, 5);
	assert_string_equal(f->items[0]->link,
	    "https://example.org/blog/posts/1.html");
	assert_non_null(strstr(f->items[0]->content,
	    "href=\"https://example.org/blog/img/x.png\""));
	assert_string_equal(f->items[1]->link,
	    "https://elsewhere.example/article");
	assert_string_equal(f->items[2]->link, "https://example.org/by-id");
	assert_null(f->items[3]->link);
	assert_string_equal(f->items[4]->link,
	    "https://example.org/?a=1&b=2");
	feed_free(f);
}

static void
test_dates(void **state)
{
	struct feed	*f = load("dates.json");

	(void)state;
	assert_int_equal(f->nitems, 7);
	/* 2024-01-02T03:04:05Z */
	assert_int_equal(f->items[0]->published, 1704164645);
	assert_int_equal(f->items[1]->published, 1704164645);
	assert_int_equal(f->items[2]->published, 1704164645 + 1800);
	assert_int_equal(f->items[2]->updated, 1706933106);
	assert_int_equal(f->items[3]->published, 1704164645);
	assert_int_equal(f->items[4]->published, NR_TIME_NONE);
	assert_int_equal(f->items[4]->updated, 1704164645);
	assert_int_equal(f->items[5]->published, NOW);
	assert_true(f->items[5]->flags & NR_ITEM_DATE_SEEN);
	assert_int_equal(f->items[6]->published, NOW);
	assert_true(has_warning(f, "1 dates outside the years"));
	feed_free(f);
}

static void
test_items_before_version(void **state)
{
	struct feed	*f = load_url("items-before-version.json",
	    "https://example.org/feed.json");

	(void)state;
	assert_string_equal(f->title, "Version last");
	assert_int_equal(f->nitems, 1);
	assert_string_equal(f->items[0]->title, "First");
	assert_string_equal(f->items[0]->link, "https://example.org/one");
	feed_free(f);
}

static void
test_wrong_types(void **state)
{
	struct feed	*f = load("hostile-wrong-types.json");
	struct item	*it;

	(void)state;
	assert_null(f->title);
	assert_null(f->link);
	assert_int_equal(f->nitems, 2);
	it = f->items[0];
	assert_string_equal(it->guid, "12345");
	assert_string_equal(it->title, "");
	assert_null(it->content);
	assert_string_equal(it->summary, "Summary stays");
	assert_int_equal(it->published, NOW);
	assert_int_equal(it->ntags, 0);
	assert_int_equal(it->nenclosures, 0);
	it = f->items[1];
	assert_string_equal(it->title, "Second");
	assert_int_equal(it->ntags, 2);
	assert_string_equal(it->tags[1], "fine");
	assert_int_equal(it->nenclosures, 1);
	/* home_page_url was not a string: no base to resolve against. */
	assert_string_equal(it->enclosures[0].url, "/b.mp3");
	assert_string_equal(it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, -1);
	assert_string_equal(it->author, "Bare Name, Real Name");
	assert_true(has_warning(f, "of the wrong type ignored"));
	assert_true(has_warning(f, "2 items that are not valid objects"));
	feed_free(f);
}

static void
test_items_object(void **state)
{
	struct feed	*f = load("hostile-items-object.json");

	(void)state;
	assert_string_equal(f->title, "Items is an object");
	assert_int_equal(f->nitems, 0);
	assert_true(has_warning(f, "of the wrong type"));
	feed_free(f);
}

static void
test_no_items(void **state)
{
	struct feed	*f = load("hostile-no-items.json");

	(void)state;
	assert_string_equal(f->title, "No items at all");
	assert_int_equal(f->nitems, 0);
	assert_true(has_warning(f, "no \"items\" array"));
	feed_free(f);
}

static void
test_bad_utf8(void **state)
{
	struct feed	*f = load("hostile-bad-utf8.json");

	(void)state;
	assert_string_equal(f->title, "Bad \xef\xbf\xbd bytes");
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[0]->title,
	    "caf\xef\xbf\xbd \xc3\xa9 ok");
	assert_string_equal(f->items[1]->title, "fine");
	assert_true(has_warning(f, "2 invalid UTF-8 sequences"));
	feed_free(f);
}

static void
test_escapes(void **state)
{
	struct feed	*f = load("hostile-escapes.json");
	struct item	*it;
	size_t		 i;

	(void)state;
	assert_string_equal(f->title, "EscRED feed");
	assert_int_equal(f->nitems, 1);
	it = f->items[0];
	/* Nothing that reaches a terminal keeps a control or bidi code. */
	assert_null(strchr(it->title, '\x1b'));
	assert_null(strchr(it->title, '\n'));
	assert_null(strstr(it->title, "\xe2\x80\xae"));
	assert_non_null(strstr(it->title, "Line one"));
	assert_non_null(strstr(it->title, "evil"));
	assert_null(strchr(it->guid, '\x01'));
	assert_null(strchr(it->link, '\x01'));
	assert_null(strstr(it->summary, "\xc2\x9b"));
	assert_non_null(strstr(it->summary, "\"quoted\" \\ backslash / "
	    "slash"));
	assert_string_equal(it->content,
	    "a &lt; b &amp; c &gt; d<br>\nsecond line");
	assert_null(strchr(it->author, '\r'));
	assert_null(strchr(it->author, '\n'));
	for (i = 0; i < it->ntags; i++) {
		assert_null(strchr(it->tags[i], '\x1b'));
		assert_null(strchr(it->tags[i], '\x07'));
	}
	feed_free(f);
}

/* Nesting: 100 levels inside an item are read, 200 are refused. */
static void
test_deep_nesting(void **state)
{
	struct strbuf	 sb;
	struct feed	*f;
	char		 err[NR_ERRBUF_SIZE];
	int		 i, depth;

	(void)state;
	for (depth = 100; depth <= 200; depth += 100) {
		strbuf_init(&sb, 0);
		strbuf_adds(&sb, "{\"version\":\"https://jsonfeed.org/"
		    "version/1.1\",\"items\":[{\"id\":\"1\",\"title\":\"T\","
		    "\"_ext\":");
		for (i = 0; i < depth; i++)
			strbuf_adds(&sb, i % 2 ? "{\"a\":" : "[");
		strbuf_adds(&sb, "0");
		for (i = depth - 1; i >= 0; i--)
			strbuf_adds(&sb, i % 2 ? "}" : "]");
		strbuf_adds(&sb, "}]}");
		if (depth == 100) {
			f = load_buf(sb.buf, sb.len, NULL);
			assert_int_equal(f->nitems, 1);
			feed_free(f);
		} else {
			assert_int_equal(load_err(sb.buf, sb.len, err),
			    NR_EPARSE);
			assert_string_equal(err,
			    "JSON nested deeper than 128 levels");
		}
		strbuf_clear(&sb);
	}
	/* Deep nesting in a member the parser skips is refused too. */
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "{\"version\":\"https://jsonfeed.org/version/1\","
	    "\"x\":");
	for (i = 0; i < 100000; i++)
		strbuf_addc(&sb, '[');
	assert_int_equal(load_err(sb.buf, sb.len, err), NR_EPARSE);
	strbuf_clear(&sb);
}

/* Huge strings are cut at the XML limits; a huge item is skipped. */
static void
test_huge_strings(void **state)
{
	struct strbuf	 sb;
	struct feed	*f;
	size_t		 i;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "{\"version\":\"https://jsonfeed.org/version/1.1\","
	    "\"title\":\"Huge\",\"items\":[{\"id\":\"1\",\"title\":\"");
	for (i = 0; i < 200000; i++)
		strbuf_addc(&sb, 'x');
	strbuf_adds(&sb, "\",\"content_html\":\"");
	for (i = 0; i < 3 * 1024 * 1024; i++)
		strbuf_addc(&sb, 'y');
	strbuf_adds(&sb, "\"},{\"id\":\"2\",\"title\":\"");
	for (i = 0; i < 9 * 1024 * 1024; i++)
		strbuf_addc(&sb, 'z');
	strbuf_adds(&sb, "\"},{\"id\":\"3\",\"title\":\"After\"}]}");
	f = load_buf(sb.buf, sb.len, NULL);
	strbuf_clear(&sb);
	assert_int_equal(f->nitems, 2);
	assert_int_equal(strlen(f->items[0]->title), NR_PARSE_MAX_FIELD);
	assert_int_equal(strlen(f->items[0]->content), NR_PARSE_MAX_CONTENT);
	assert_true(f->items[0]->flags & NR_ITEM_TRUNCATED);
	assert_string_equal(f->items[1]->title, "After");
	assert_true(has_warning(f, "title cut at"));
	assert_true(has_warning(f, "1 items over"));
	feed_free(f);
}

static void
test_not_jsonfeed(void **state)
{
	char		 err[NR_ERRBUF_SIZE];
	const char	*a = "[{\"version\":\"https://jsonfeed.org/"
	    "version/1\"}]";
	const char	*b = "{\"version\":\"https://example.org/other\","
	    "\"items\":[{\"id\":\"1\"}]}";
	const char	*c = "{\"version\": \"https://jsonfeed.org/version/1\","
	    " \"title\": ";
	const char	*d = "{\"title\": \"x\" \"items\": []}";

	(void)state;
	assert_int_equal(load_err(a, strlen(a), err), NR_ENOTFEED);
	assert_non_null(strstr(err, "not a JSON Feed"));
	assert_int_equal(load_err(b, strlen(b), err), NR_ENOTFEED);
	assert_non_null(strstr(err, "not a JSON Feed"));
	/* Truncated after the version: a feed with a warning. */
	{
		struct feed *f = load_buf(c, strlen(c), NULL);

		assert_int_equal(f->nitems, 0);
		assert_true(has_warning(f, "parsing stopped"));
		feed_free(f);
	}
	assert_int_equal(load_err(d, strlen(d), err), NR_EPARSE);
	assert_non_null(strstr(err, "not valid JSON"));
}

/* parse_stream's handler: count items, keep the feed title. */
struct sink {
	size_t	 n;
	char	*title;
	int	 headers;
	char	*firsttitle;
};

static void
sink_feed(const struct feed *f, void *arg)
{
	struct sink	*s = arg;

	s->headers++;
	free(s->title);
	s->title = f->title != NULL ? strdup(f->title) : NULL;
}

static void
sink_item(struct item *it, void *arg)
{
	struct sink	*s = arg;

	if (s->n++ == 0)
		s->firsttitle = strdup(it->title);
	item_free(it);
}

/* The streaming path: the same fields, the item limit, bounded input. */
static void
test_stream(void **state)
{
	struct parse_handler	 h;
	struct sink		 s;
	struct strbuf		 sb;
	struct feed		*f = NULL;
	FILE			*fp;
	char			*buf;
	size_t			 len, i;

	(void)state;
	buf = readfix("spec-podcast.json", &len);
	fp = fmemopen(buf, len, "r");
	assert_non_null(fp);
	memset(&s, 0, sizeof s);
	h.feed = sink_feed;
	h.item = sink_item;
	h.arg = &s;
	assert_int_equal(parse_stream(fp, NULL, &h, &f, NULL), NR_OK);
	fclose(fp);
	free(buf);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.headers, 1);
	assert_string_equal(s.title, "The Record");
	assert_string_equal(s.firsttitle, "Special #1 - Chris Parrish");
	assert_string_equal(f->title, "The Record");
	feed_free(f);
	free(s.title);
	free(s.firsttitle);

	/* 12000 items, past the first 64 KiB read: 10000 kept. */
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "{\"version\":\"https://jsonfeed.org/version/1.1\","
	    "\"title\":\"Many\",\"items\":[");
	for (i = 0; i < 12000; i++)
		strbuf_addf(&sb, "%s{\"id\":\"%zu\",\"title\":\"Item %zu\","
		    "\"content_text\":\"some \\\"text\\\" here\"}",
		    i ? "," : "", i, i);
	strbuf_adds(&sb, "]}");
	fp = fmemopen(sb.buf, sb.len, "r");
	memset(&s, 0, sizeof s);
	f = NULL;
	assert_int_equal(parse_stream(fp, NULL, &h, &f, NULL), NR_OK);
	fclose(fp);
	strbuf_clear(&sb);
	assert_int_equal(s.n, NR_PARSE_MAX_ITEMS);
	assert_string_equal(s.firsttitle, "Item 0");
	assert_true(has_warning(f, "2000 items over the limit"));
	feed_free(f);
	free(s.title);
	free(s.firsttitle);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_simple),
		cmocka_unit_test(test_spec_podcast),
		cmocka_unit_test(test_v10_author),
		cmocka_unit_test(test_microblog),
		cmocka_unit_test(test_npr),
		cmocka_unit_test(test_daringfireball),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_items_before_version),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_items_object),
		cmocka_unit_test(test_no_items),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_strings),
		cmocka_unit_test(test_not_jsonfeed),
		cmocka_unit_test(test_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
