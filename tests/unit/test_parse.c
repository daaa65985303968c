/* Unit tests for the feed parser: fixtures field by field, dates, limits. */
#include "nr_config.h"

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

/* Read a fixture into memory; the caller frees. */
static char *
readfix(const char *name, size_t *lenp)
{
	const char	*dir = getenv("NR_SRCDIR");
	char		 path[1024];
	char		*buf;
	FILE		*fp;
	long		 n;

	if (dir != NULL)
		snprintf(path, sizeof path, "%s/tests/fixtures/feeds/%s", dir,
		    name);
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

/* Parse a fixture with parse_buffer; fails the test on error. */
static struct feed *
load_cs(const char *name, const char *url, const char *charset)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	char			 err[NR_ERRBUF_SIZE] = "";
	char			*buf;
	size_t			 len;
	enum nr_err		 e;

	memset(&o, 0, sizeof o);
	o.url = url;
	o.charset = charset;
	o.now = NOW;
	buf = readfix(name, &len);
	e = parse_buffer(buf, len, &o, &f, err);
	free(buf);
	if (e != NR_OK)
		fail_msg("%s: %s", name, err);
	assert_non_null(f);
	return f;
}

static struct feed *
load(const char *name)
{
	return load_cs(name, NULL, NULL);
}

/* Parse a fixture that must fail; returns the error and message. */
static enum nr_err
load_err(const char *name, char *err)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	char			*buf;
	size_t			 len;
	enum nr_err		 e;

	memset(&o, 0, sizeof o);
	buf = readfix(name, &len);
	e = parse_buffer(buf, len, &o, &f, err);
	free(buf);
	assert_null(f);
	return e;
}

/* Parse a document given as a string. */
static struct feed *
load_str(const char *doc, const char *url)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	char			 err[NR_ERRBUF_SIZE] = "";

	memset(&o, 0, sizeof o);
	o.url = url;
	o.now = NOW;
	if (parse_buffer(doc, strlen(doc), &o, &f, err) != NR_OK)
		fail_msg("%s", err);
	assert_non_null(f);
	return f;
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

/* The title of the single item of a fixture must be want. */
static void
check_title(const char *name, const char *charset, const char *want)
{
	struct feed	*f = load_cs(name, NULL, charset);

	assert_int_equal(f->nitems, 1);
	assert_string_equal(f->items[0]->title, want);
	feed_free(f);
}

/* The date of the single item of a fixture must be want. */
static void
check_date(const char *name, int64_t want)
{
	struct feed	*f = load(name);

	assert_int_equal(f->nitems, 1);
	assert_int_equal(f->items[0]->published, want);
	assert_int_equal(f->items[0]->flags & NR_ITEM_DATE_SEEN, 0);
	feed_free(f);
}

/* Relative href and src in content resolve against the item's link. */
static void
test_content_relative_links(void **state)
{
	static const char	*doc = "<rss version=\"2.0\"><channel>"
	    "<item><link>https://s.example/a/b.html</link><description>"
	    "&lt;a href=x&gt;&lt;!-- &lt;a href=\"/c\"&gt; --&gt;"
	    "&lt;IMG SRC = '../i.png'&gt;&lt;a data-href=\"/no\" "
	    "href=\"\"&gt;&lt;a href=\"/open"
	    "</description></item>"
	    "<item><description>&lt;a href=\"/f\"&gt;</description></item>"
	    "<item><description>&lt;p title=\"a&gt;b\"&gt;t"
	    "</description></item>"
	    "</channel></rss>";
	struct feed		*f;

	(void)state;
	f = load_str(doc, "https://feed.example/rss?x=1&y=\"2");
	assert_int_equal(f->nitems, 3);
	assert_string_equal(f->items[0]->content,
	    "<a href=\"https://s.example/a/x\"><!-- <a href=\"/c\"> -->"
	    "<IMG SRC = 'https://s.example/i.png'><a data-href=\"/no\" "
	    "href=\"\"><a href=\"/open");
	assert_string_equal(f->items[1]->content,
	    "<a href=\"https://feed.example/f\">");
	assert_string_equal(f->items[2]->content, "<p title=\"a>b\">t");
	feed_free(f);
	/* A base that is not http(s) changes nothing. */
	f = load_str(doc, "file:///tmp/feed.xml");
	assert_string_equal(f->items[1]->content, "<a href=\"/f\">");
	feed_free(f);
}

static void
test_rss20_basic(void **state)
{
	struct feed	*f = load("rss20-basic.xml");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "Test Feed");
	assert_string_equal(f->link, "https://example.org/");
	assert_string_equal(f->description, "A test feed");
	assert_null(f->self);
	assert_int_equal(f->nitems, 2);
	it = f->items[0];
	assert_string_equal(it->title, "First item");
	assert_string_equal(it->link, "https://example.org/1");
	assert_string_equal(it->guid, "urn:1");
	assert_string_equal(it->author, "joe@example.org (Joe)");
	assert_string_equal(it->summary, "Plain summary");
	assert_string_equal(it->content, "Plain summary");
	assert_int_equal(it->published, 1136214245);
	assert_int_equal(it->updated, NR_TIME_NONE);
	assert_string_equal(f->items[1]->title, "Second item");
	assert_int_equal(f->items[1]->published, 1136282400);
	assert_null(f->items[1]->summary);
	feed_free(f);
}

static void
test_rss20_empty_channel(void **state)
{
	struct feed	*f = load("rss20-empty-channel.xml");

	(void)state;
	assert_int_equal(f->nitems, 0);
	assert_string_equal(f->title, "Test Feed");
	feed_free(f);
}

static void
test_rss20_guid_permalink(void **state)
{
	struct feed	*f = load("rss20-guid-permalink.xml");

	(void)state;
	assert_string_equal(f->items[0]->guid, "https://example.org/perma");
	assert_string_equal(f->items[0]->link, "https://example.org/perma");
	feed_free(f);
}

static void
test_rss20_guid_not_permalink(void **state)
{
	struct feed	*f = load("rss20-guid-not-permalink.xml");

	(void)state;
	assert_string_equal(f->items[0]->guid, "https://example.org/np");
	assert_null(f->items[0]->link);
	feed_free(f);
}

static void
test_rss20_no_guid(void **state)
{
	struct feed	*f = load("rss20-no-guid.xml");

	(void)state;
	assert_null(f->items[0]->guid);
	assert_string_equal(f->items[0]->link, "https://example.org/1");
	feed_free(f);
}

static void
test_rss20_no_title(void **state)
{
	struct feed	*f = load("rss20-no-title.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "");
	assert_string_equal(f->items[0]->summary, "Only a description");
	feed_free(f);
}

static void
test_rss20_no_date(void **state)
{
	struct feed	*f = load("rss20-no-date.xml");

	(void)state;
	assert_int_equal(f->items[0]->published, NOW);
	assert_true(f->items[0]->flags & NR_ITEM_DATE_SEEN);
	feed_free(f);
}

static void
test_rss20_categories(void **state)
{
	struct feed	*f = load("rss20-categories.xml");

	(void)state;
	assert_int_equal(f->items[0]->ntags, 2);
	assert_string_equal(f->items[0]->tags[0], "news");
	assert_string_equal(f->items[0]->tags[1], "tech stuff");
	feed_free(f);
}

static void
test_rss20_enclosure(void **state)
{
	struct feed	*f = load("rss20-enclosure.xml");
	struct item	*it;

	(void)state;
	it = f->items[0];
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].url, "https://example.org/a.mp3");
	assert_string_equal(it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, 12345);
	feed_free(f);
}

static void
test_rss20_content_encoded(void **state)
{
	struct feed	*f = load("rss20-content-encoded.xml");

	(void)state;
	assert_string_equal(f->items[0]->summary, "Short summary");
	assert_string_equal(f->items[0]->content,
	    "<p>Full <em>content</em> here</p>");
	feed_free(f);
}

static void
test_rss20_cdata_description(void **state)
{
	struct feed	*f = load("rss20-cdata-description.xml");

	(void)state;
	assert_string_equal(f->items[0]->summary, "Hello CDATA & world");
	assert_string_equal(f->items[0]->content,
	    "<p>Hello <b>CDATA</b> &amp; world</p>");
	feed_free(f);
}

static void
test_rss20_html_description(void **state)
{
	struct feed	*f = load("rss20-html-description.xml");

	(void)state;
	assert_string_equal(f->items[0]->summary, "Para & one two");
	assert_string_equal(f->items[0]->content,
	    "<p>Para &amp; one</p><p>two</p>");
	feed_free(f);
}

static void
test_rss20_dc_creator(void **state)
{
	struct feed	*f = load("rss20-dc-creator.xml");

	(void)state;
	assert_string_equal(f->items[0]->author, "Jane Doe");
	assert_int_equal(f->items[0]->ntags, 1);
	assert_string_equal(f->items[0]->tags[0], "science");
	feed_free(f);
}

static void
test_rss20_dc_date(void **state)
{
	(void)state;
	check_date("rss20-dc-date.xml", 1136210645);
}

static void
test_rss20_custom_prefix(void **state)
{
	struct feed	*f = load("rss20-custom-prefix.xml");

	(void)state;
	/* x: is Dublin Core, y: is content, dc: is not Dublin Core. */
	assert_string_equal(f->items[0]->author, "Prefixed");
	assert_int_equal(f->items[0]->published, 1273129689);
	assert_string_equal(f->items[0]->content, "<p>by y</p>");
	feed_free(f);
}

static void
test_rss20_relative_links(void **state)
{
	struct feed	*f;

	(void)state;
	f = load_cs("rss20-relative-links.xml", "https://feeds.example/a/b/rss",
	    NULL);
	assert_string_equal(f->items[0]->link, "https://feeds.example/posts/1");
	assert_string_equal(f->items[0]->enclosures[0].url,
	    "https://feeds.example/a/b/media/a.mp3");
	assert_string_equal(f->items[1]->link, "https://feeds.example/a/up/2");
	feed_free(f);
	/* Without a URL the channel link is the base. */
	f = load("rss20-relative-links.xml");
	assert_string_equal(f->items[0]->link, "https://example.org/posts/1");
	feed_free(f);
}

static void
test_rss20_atom_self(void **state)
{
	struct feed	*f = load("rss20-atom-self.xml");

	(void)state;
	assert_string_equal(f->self, "https://example.org/feed.xml");
	assert_string_equal(f->title, "Self");
	feed_free(f);
}

static void
test_rss20_image_title(void **state)
{
	struct feed	*f = load("rss20-image-title.xml");

	(void)state;
	assert_string_equal(f->title, "Real title");
	assert_string_equal(f->link, "https://example.org/");
	feed_free(f);
}

static void
test_rss091_basic(void **state)
{
	struct feed	*f = load("rss091-basic.xml");

	(void)state;
	assert_string_equal(f->title, "Old");
	assert_int_equal(f->nitems, 1);
	assert_string_equal(f->items[0]->title, "Old item");
	assert_string_equal(f->items[0]->link, "https://example.org/old");
	feed_free(f);
}

static void
test_rss092_basic(void **state)
{
	struct feed	*f = load("rss092-basic.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "");
	assert_string_equal(f->items[0]->summary, "No title item");
	assert_int_equal(f->items[0]->enclosures[0].length, 99);
	feed_free(f);
}

static void
test_rdf10_basic(void **state)
{
	struct feed	*f = load("rdf10-basic.xml");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "RDF Feed");
	assert_string_equal(f->description, "rdf");
	it = f->items[0];
	assert_string_equal(it->guid, "https://example.org/r1");
	assert_string_equal(it->title, "RDF item");
	assert_string_equal(it->author, "Rita");
	assert_int_equal(it->published, 1083841689);
	assert_string_equal(it->tags[0], "rdf-tag");
	feed_free(f);
}

static void
test_rdf090_basic(void **state)
{
	struct feed	*f = load("rdf090-basic.xml");

	(void)state;
	assert_string_equal(f->title, "RSS 0.90");
	assert_string_equal(f->items[0]->link, "https://example.org/90");
	feed_free(f);
}

static void
test_atom10_basic(void **state)
{
	struct feed	*f = load("atom10-basic.xml");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "Atom Feed");
	assert_string_equal(f->link, "https://example.org/");
	assert_string_equal(f->self, "https://example.org/atom.xml");
	it = f->items[0];
	assert_string_equal(it->title, "Atom entry");
	assert_string_equal(it->link, "https://example.org/a1");
	assert_string_equal(it->guid, "urn:a1");
	assert_string_equal(it->author, "Mark");
	assert_int_equal(it->published, 1122812969);
	assert_int_equal(it->updated, 1122890400);
	assert_string_equal(it->summary, "Atom summary");
	assert_string_equal(it->content, "<p>Atom <b>content</b></p>");
	assert_int_equal(it->ntags, 2);
	assert_string_equal(it->tags[0], "atom-tag");
	assert_string_equal(it->tags[1], "only label");
	feed_free(f);
}

static void
test_atom10_link_no_rel(void **state)
{
	struct feed	*f = load("atom10-link-no-rel.xml");

	(void)state;
	assert_string_equal(f->items[0]->link, "https://example.org/norel");
	feed_free(f);
}

static void
test_atom10_link_order(void **state)
{
	struct feed	*f = load("atom10-link-order.xml");

	(void)state;
	assert_string_equal(f->items[0]->link, "https://example.org/alt");
	feed_free(f);
}

static void
test_atom10_xhtml_content(void **state)
{
	struct feed	*f = load("atom10-xhtml-content.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "X title");
	assert_string_equal(f->items[0]->content,
	    "<p>Hello <a href=\"https://example.org/rel\">link</a> &amp; "
	    "<br />bye</p>");
	assert_string_equal(f->items[0]->summary, "Hello link & bye");
	feed_free(f);
}

static void
test_atom10_text_content(void **state)
{
	struct feed	*f = load("atom10-text-content.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "Less < than");
	assert_string_equal(f->items[0]->content, "a < b & c");
	feed_free(f);
}

static void
test_atom10_html_title(void **state)
{
	(void)state;
	check_title("atom10-html-title.xml", NULL, "Bold & title");
}

static void
test_atom10_cdata_content(void **state)
{
	struct feed	*f = load("atom10-cdata-content.xml");

	(void)state;
	assert_string_equal(f->items[0]->content, "<p>cdata <i>html</i></p>");
	feed_free(f);
}

static void
test_atom10_xml_base(void **state)
{
	struct feed	*f = load("atom10-xml-base.xml");

	(void)state;
	assert_string_equal(f->items[0]->link,
	    "https://example.org/blog/posts/1");
	assert_string_equal(f->items[1]->link, "https://other.example/abs");
	feed_free(f);
}

static void
test_atom10_enclosure(void **state)
{
	struct feed	*f = load("atom10-enclosure.xml");

	(void)state;
	assert_int_equal(f->items[0]->nenclosures, 1);
	assert_string_equal(f->items[0]->enclosures[0].url,
	    "https://example.org/v.mp4");
	assert_int_equal(f->items[0]->enclosures[0].length, 777);
	assert_null(f->items[0]->link);
	feed_free(f);
}

static void
test_atom10_feed_author(void **state)
{
	struct feed	*f = load("atom10-feed-author.xml");

	(void)state;
	assert_string_equal(f->items[0]->author, "Feed Author");
	feed_free(f);
}

static void
test_atom10_updated_only(void **state)
{
	struct feed	*f = load("atom10-updated-only.xml");

	(void)state;
	assert_int_equal(f->items[0]->published, NR_TIME_NONE);
	assert_int_equal(f->items[0]->updated, 1122883200);
	assert_int_equal(f->items[0]->flags & NR_ITEM_DATE_SEEN, 0);
	feed_free(f);
}

static void
test_atom10_prefixed(void **state)
{
	struct feed	*f = load("atom10-prefixed.xml");

	(void)state;
	assert_string_equal(f->title, "Prefixed Atom");
	assert_string_equal(f->items[0]->link, "https://example.org/pa");
	feed_free(f);
}

static void
test_atom10_source(void **state)
{
	struct feed	*f = load("atom10-source.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "Real");
	assert_string_equal(f->items[0]->guid, "urn:real");
	assert_null(f->items[0]->link);
	feed_free(f);
}

static void
test_atom10_date_fraction_offset(void **state)
{
	(void)state;
	check_date("atom10-date-fraction-offset.xml", 1136214245);
}

static void
test_atom03_basic(void **state)
{
	struct feed	*f = load("atom03-basic.xml");
	struct item	*it;

	(void)state;
	assert_string_equal(f->title, "Atom 0.3");
	assert_string_equal(f->description, "old atom");
	it = f->items[0];
	assert_string_equal(it->link, "https://example.org/o1");
	assert_int_equal(it->published, 1071318569);
	assert_int_equal(it->updated, 1071340202);
	assert_string_equal(it->content, "<p>escaped</p>");
	feed_free(f);
}

static void
test_atom03_xml_mode(void **state)
{
	struct feed	*f = load("atom03-xml-mode.xml");

	(void)state;
	assert_string_equal(f->items[0]->content, "<p>inline</p>");
	feed_free(f);
}

static void
test_date_rfc822(void **state)
{
	(void)state;
	check_date("rss20-date-rfc822.xml", 1136214245);
}

static void
test_date_no_weekday(void **state)
{
	(void)state;
	check_date("rss20-date-no-weekday.xml", 1136214245);
}

static void
test_date_two_digit_year(void **state)
{
	(void)state;
	check_date("rss20-date-two-digit-year.xml", 1136214245);
}

static void
test_date_named_zone(void **state)
{
	(void)state;
	check_date("rss20-date-named-zone.xml", 1136214245);
}

static void
test_date_military_zone(void **state)
{
	(void)state;
	check_date("rss20-date-military-zone.xml", 1136214245);
}

static void
test_date_offset(void **state)
{
	(void)state;
	check_date("rss20-date-offset.xml", 1136214245);
}

static void
test_date_no_seconds(void **state)
{
	(void)state;
	check_date("rss20-date-no-seconds.xml", 1136214240);
}

static void
test_date_invalid(void **state)
{
	struct feed	*f = load("rss20-date-invalid.xml");

	(void)state;
	assert_int_equal(f->items[0]->published, NOW);
	assert_true(f->items[0]->flags & NR_ITEM_DATE_SEEN);
	feed_free(f);
}

static void
test_enc_cp1251(void **state)
{
	(void)state;
	check_title("rss20-cp1251.xml", NULL,
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 "
	    "\xd0\xbc\xd0\xb8\xd1\x80");
}

static void
test_enc_koi8r(void **state)
{
	(void)state;
	check_title("rss20-koi8r.xml", NULL,
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
}

static void
test_enc_iso8859_1(void **state)
{
	(void)state;
	check_title("rss20-iso8859-1.xml", NULL, "Caf\xc3\xa9 na\xc3\xafve");
}

static void
test_enc_iso8859_15(void **state)
{
	(void)state;
	check_title("rss20-iso8859-15.xml", NULL, "Euro \xe2\x82\xac sign");
}

static void
test_enc_cp1252(void **state)
{
	(void)state;
	check_title("rss20-cp1252.xml", NULL, "Smart \xe2\x80\x9cquotes\xe2\x80"
	    "\x9d \xe2\x80\x94 dash");
}

static void
test_enc_shift_jis(void **state)
{
	(void)state;
	check_title("rss20-shift-jis.xml", NULL, "\xe6\x97\xa5\xe6\x9c\xac"
	    "\xe8\xaa\x9e\xe3\x81\xae\xe3\x82\xbf\xe3\x82\xa4\xe3\x83\x88"
	    "\xe3\x83\xab");
}

static void
test_enc_gb2312(void **state)
{
	(void)state;
	check_title("rss20-gb2312.xml", NULL,
	    "\xe4\xb8\xad\xe6\x96\x87\xe6\xa0\x87\xe9\xa2\x98");
}

static void
test_enc_gbk(void **state)
{
	(void)state;
	check_title("rss20-gbk.xml", NULL,
	    "\xe4\xb8\xad\xe6\x96\x87\xe9\x95\x93\xe6\xa0\x87\xe9\xa2\x98");
}

static void
test_enc_utf16le_bom(void **state)
{
	(void)state;
	check_title("rss20-utf16le-bom.xml", NULL,
	    "UTF-16 \xc3\xa9t\xc3\xa9");
}

static void
test_enc_utf16be_bom(void **state)
{
	(void)state;
	check_title("rss20-utf16be-bom.xml", NULL,
	    "UTF-16 \xc3\xa9t\xc3\xa9");
}

static void
test_enc_utf16le_nobom(void **state)
{
	(void)state;
	check_title("rss20-utf16le-nobom.xml", NULL,
	    "UTF-16 \xc3\xa9t\xc3\xa9");
}

static void
test_enc_utf8_bom(void **state)
{
	(void)state;
	check_title("rss20-utf8-bom.xml", NULL, "BOM caf\xc3\xa9");
}

static void
test_enc_http_charset(void **state)
{
	(void)state;
	check_title("rss20-no-decl-cp1251.xml", "windows-1251",
	    "\xd0\xa2\xd0\xb5\xd1\x81\xd1\x82");
}

static void
test_enc_invalid_utf8(void **state)
{
	struct feed	*f = load("rss20-invalid-utf8.xml");

	(void)state;
	assert_string_equal(f->items[0]->title,
	    "bad \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd bytes");
	assert_true(has_warning(f, "U+FFFD"));
	feed_free(f);
}

/* Issue 13: the last misses of the real-world corpus. */
static void
test_link_double_escaped(void **state)
{
	struct feed	*f = load("rss20-link-double-escaped.xml");

	(void)state;
	assert_int_equal(f->nitems, 3);
	assert_string_equal(f->link, "https://www.nzherald.co.nz/?c_id=1&"
	    "ref=rss");
	assert_string_equal(f->items[0]->link, "https://www.nzherald.co.nz/"
	    "nz/news/article.cfm?c_id=1&objectid=12345678");
	assert_string_equal(f->items[1]->link, "https://www.nzherald.co.nz/"
	    "business/news/article.cfm?c_id=3&objectid=87654321");
	assert_string_equal(f->items[2]->link, "https://example.org/a?x=1&y=2");
	feed_free(f);
}

static void
test_enc_no_decl_cp1252(void **state)
{
	struct feed	*f = load("rss20-no-decl-cp1252-bytes.xml");

	(void)state;
	assert_string_equal(f->title, "Not\xc3\xad" "cias de S\xc3\xa3o Paulo");
	assert_int_equal(f->nitems, 1);
	assert_string_equal(f->items[0]->title, "A\xc3\xa7\xc3\xa3o "
	    "\xe2\x80\x9c" "entre aspas\xe2\x80\x9d \xe2\x80\x93 ol\xc3\xa1");
	assert_string_equal(f->items[0]->summary,
	    "Cora\xc3\xa7\xc3\xa3o & p\xc3\xa3o");
	assert_true(has_warning(f, "not UTF-8 and no encoding declared: "
	    "read as windows-1252"));
	assert_false(has_warning(f, "U+FFFD"));
	feed_free(f);
}

/* The same bytes with an HTTP charset or a declaration are not guessed. */
static void
test_enc_no_decl_declared(void **state)
{
	struct feed	*f;
	const char	*doc = "<?xml version=\"1.0\"?><rss version=\"2.0\">"
	    "<channel><title>T</title><item><title>S\xe3o</title>"
	    "<guid>x</guid></item></channel></rss>";

	(void)state;
	f = load_str(doc, NULL);
	assert_string_equal(f->items[0]->title, "S\xef\xbf\xbdo");
	assert_false(has_warning(f, "windows-1252"));
	feed_free(f);
	f = load_cs("rss20-no-decl-cp1252-bytes.xml", NULL, "utf-8");
	assert_non_null(strstr(f->title, "\xef\xbf\xbd"));
	assert_true(has_warning(f, "U+FFFD"));
	feed_free(f);
}

static void
test_atom_id_as_link(void **state)
{
	struct feed	*f = load("atom10-id-as-link.xml");

	(void)state;
	assert_int_equal(f->nitems, 5);
	assert_string_equal(f->items[0]->link, "http://example.org/posts/1");
	assert_string_equal(f->items[1]->link,
	    "https://example.org/posts/2?a=1&b=2");
	assert_null(f->items[2]->link);
	assert_string_equal(f->items[2]->guid, "tag:example.org,2024:3");
	assert_null(f->items[3]->link);
	assert_string_equal(f->items[4]->link, "https://example.org/real");
	/* The identity is still the id. */
	assert_string_equal(f->items[0]->guid, "http://example.org/posts/1");
	feed_free(f);
}

static void
test_atom_bare_entry(void **state)
{
	struct feed	*f = load("atom10-bare-entry.xml");
	struct item	*it;

	(void)state;
	assert_int_equal(f->nitems, 1);
	it = f->items[0];
	assert_string_equal(it->title, "A bare entry");
	assert_string_equal(it->link, "https://example.org/2024/05/bare");
	assert_string_equal(it->guid, "tag:example.org,2024:bare");
	assert_string_equal(it->author, "Entry Author");
	assert_string_equal(it->summary, "Only one entry, no feed around it.");
	assert_string_equal(it->content, "<p>The body.</p>");
	/* 2024-05-06T07:00:00Z and 07:08:09Z */
	assert_int_equal(it->published, 1714978800);
	assert_int_equal(it->updated, 1714979289);
	assert_int_equal(it->ntags, 1);
	assert_string_equal(it->tags[0], "solo");
	feed_free(f);
}

static void
test_repair_stray_ampersand(void **state)
{
	struct feed	*f = load("rss20-stray-ampersand.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "AT&T & friends");
	assert_string_equal(f->items[0]->link, "https://example.org/?a=1&b=2");
	assert_true(has_warning(f, "stray '&'"));
	feed_free(f);
}

static void
test_repair_html_entities(void **state)
{
	(void)state;
	check_title("rss20-html-entities.xml", NULL, "Caf\xc3\xa9 \xe2\x80\x93 "
	    "\xe2\x80\x99quoted\xe2\x80\x99\xc2\xa0x");
}

static void
test_repair_entity_no_semicolon(void **state)
{
	(void)state;
	check_title("rss20-entity-no-semicolon.xml", NULL,
	    "\xc2\xa9 2024 Example & more");
}

static void
test_repair_unknown_entity(void **state)
{
	(void)state;
	check_title("rss20-unknown-entity.xml", NULL, "A &bogus; entity");
}

static void
test_repair_control_chars(void **state)
{
	(void)state;
	check_title("rss20-control-chars.xml", NULL, "Bell and escape");
}

static void
test_repair_doctype_subset(void **state)
{
	struct feed	*f = load("rss20-doctype-subset.xml");

	(void)state;
	/* The entity is not expanded: it is shown as written. */
	assert_string_equal(f->items[0]->title, "Laughs &c;");
	assert_true(has_warning(f, "DOCTYPE"));
	feed_free(f);
}

static void
test_doctype_public(void **state)
{
	struct feed	*f = load("rss20-doctype-rss091.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "Doctype ok");
	assert_int_equal(f->nwarnings, 0);
	feed_free(f);
}

static void
test_repair_mismatched_tags(void **state)
{
	struct feed	*f = load("rss20-mismatched-tags.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "Mismatch");
	assert_string_equal(f->items[0]->summary, "a bold both text");
	feed_free(f);
}

static void
test_repair_unclosed(void **state)
{
	struct feed	*f = load("rss20-unclosed.xml");

	(void)state;
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[1]->title, "Truncated");
	assert_true(has_warning(f, "unclosed"));
	feed_free(f);
}

static void
test_repair_stray_lt(void **state)
{
	(void)state;
	check_title("rss20-stray-lt.xml", NULL, "a < b and c <= d");
}

static void
test_limit_deep_nesting(void **state)
{
	struct feed	*f = load("rss20-deep-nesting.xml");

	(void)state;
	assert_string_equal(f->items[0]->title, "Deep");
	assert_true(has_warning(f, "nested deeper"));
	feed_free(f);
}

static void
test_limit_long_title(void **state)
{
	struct feed	*f = load("rss20-long-title.xml");

	(void)state;
	assert_int_equal(strlen(f->items[0]->title), NR_PARSE_MAX_FIELD);
	assert_true(f->items[0]->flags & NR_ITEM_TRUNCATED);
	assert_true(has_warning(f, "title cut"));
	feed_free(f);
}

static void
test_limit_max_items(void **state)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	char			 err[NR_ERRBUF_SIZE];
	char			*buf;
	size_t			 len;

	(void)state;
	memset(&o, 0, sizeof o);
	o.max_items = 10;
	buf = readfix("rss20-many-items.xml", &len);
	assert_int_equal(parse_buffer(buf, len, &o, &f, err), NR_OK);
	free(buf);
	assert_int_equal(f->nitems, 10);
	assert_string_equal(f->items[9]->title, "n9");
	assert_true(has_warning(f, "20 items over the limit"));
	feed_free(f);
}

static void
test_limit_field_utf8_cut(void **state)
{
	struct parse_opts	 o;
	struct feed		*f = NULL;
	const char		*doc = "<rss><channel><item><title>"
	    "\xc3\xa9\xc3\xa9\xc3\xa9</title></item></channel></rss>";

	(void)state;
	memset(&o, 0, sizeof o);
	o.max_field = 5;
	assert_int_equal(parse_buffer(doc, strlen(doc), &o, &f, NULL), NR_OK);
	assert_string_equal(f->items[0]->title, "\xc3\xa9\xc3\xa9");
	feed_free(f);
}

static void
test_bidi_override(void **state)
{
	(void)state;
	check_title("rss20-bidi-override.xml", NULL, "safe txt.exe name");
}

static void
test_whitespace_before_decl(void **state)
{
	(void)state;
	check_title("rss20-whitespace-before-decl.xml", NULL, "Leading space");
}

static void
test_comment_before_root(void **state)
{
	(void)state;
	check_title("rss20-comment-before-root.xml", NULL, "After comment");
}

static void
test_notfeed_html(void **state)
{
	char	err[NR_ERRBUF_SIZE];

	(void)state;
	assert_int_equal(load_err("not-a-feed-html.html", err), NR_ENOTFEED);
	assert_string_equal(err, "not a feed: got an HTML page");
	assert_int_equal(load_err("not-a-feed-html-noddoctype.html", err),
	    NR_ENOTFEED);
	assert_string_equal(err, "not a feed: got an HTML page");
}

static void
test_notfeed_json(void **state)
{
	char	err[NR_ERRBUF_SIZE];

	(void)state;
	assert_int_equal(load_err("not-a-feed-json.json", err), NR_ENOTFEED);
	assert_string_equal(err, "not a feed: got JSON that is not a JSON "
	    "Feed (no \"version\" https://jsonfeed.org/version/1...)");
}

static void
test_notfeed_empty(void **state)
{
	char	err[NR_ERRBUF_SIZE];

	(void)state;
	assert_int_equal(load_err("not-a-feed-empty.xml", err), NR_ENOTFEED);
	assert_string_equal(err, "not a feed: empty document");
}

static void
test_notfeed_text(void **state)
{
	char	err[NR_ERRBUF_SIZE];

	(void)state;
	assert_int_equal(load_err("not-a-feed-text.txt", err), NR_ENOTFEED);
	assert_string_equal(err, "not a feed: got plain text");
}

static void
test_notfeed_other_root(void **state)
{
	char	err[NR_ERRBUF_SIZE];

	(void)state;
	assert_int_equal(load_err("not-a-feed-other-root.xml", err),
	    NR_ENOTFEED);
	assert_non_null(strstr(err, "<opml>"));
}

/* parse_stream's handler: count items and remember the last title. */
struct streamed {
	size_t	 nitems;
	int	 gotfeed;
	char	 title[64];
};

static void
stream_feed(const struct feed *f, void *arg)
{
	struct streamed	*s = arg;

	s->gotfeed++;
	assert_string_equal(f->title, "Test Feed");
}

static void
stream_item(struct item *it, void *arg)
{
	struct streamed	*s = arg;

	s->nitems++;
	snprintf(s->title, sizeof s->title, "%s", it->title);
	item_free(it);
}

static void
test_stream_basic(void **state)
{
	struct parse_handler	 h;
	struct streamed		 s;
	struct feed		*f = NULL;
	char			*buf;
	size_t			 len;
	FILE			*fp;

	(void)state;
	memset(&h, 0, sizeof h);
	memset(&s, 0, sizeof s);
	h.feed = stream_feed;
	h.item = stream_item;
	h.arg = &s;
	buf = readfix("rss20-many-items.xml", &len);
	fp = fmemopen(buf, len, "r");
	assert_int_equal(parse_stream(fp, NULL, &h, &f, NULL), NR_OK);
	fclose(fp);
	free(buf);
	assert_int_equal(s.gotfeed, 1);
	assert_int_equal(s.nitems, 30);
	assert_string_equal(s.title, "n29");
	assert_int_equal(f->nitems, 0);
	feed_free(f);
}

static void
test_stream_repairs(void **state)
{
	struct parse_handler	 h;
	struct streamed		 s;
	char			*buf;
	size_t			 len;
	FILE			*fp;

	(void)state;
	memset(&h, 0, sizeof h);
	memset(&s, 0, sizeof s);
	h.item = stream_item;
	h.arg = &s;
	buf = readfix("rss20-cp1251.xml", &len);
	fp = fmemopen(buf, len, "r");
	assert_int_equal(parse_stream(fp, NULL, &h, NULL, NULL), NR_OK);
	fclose(fp);
	free(buf);
	assert_int_equal(s.nitems, 1);
	assert_string_equal(s.title, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5"
	    "\xd1\x82 \xd0\xbc\xd0\xb8\xd1\x80");
}

static void
test_stream_notfeed(void **state)
{
	char	 err[NR_ERRBUF_SIZE];
	char	*buf;
	size_t	 len;
	FILE	*fp;

	(void)state;
	buf = readfix("not-a-feed-html.html", &len);
	fp = fmemopen(buf, len, "r");
	assert_int_equal(parse_stream(fp, NULL, NULL, NULL, err), NR_ENOTFEED);
	fclose(fp);
	free(buf);
	assert_string_equal(err, "not a feed: got an HTML page");
}

/* parse_date on many forms. */
static void
expect_date(const char *s, int64_t want)
{
	int64_t	t = 0;

	if (parse_date(s, &t) != 0)
		fail_msg("parse_date(\"%s\") failed", s);
	if (t != want)
		fail_msg("parse_date(\"%s\") = %lld, want %lld", s,
		    (long long)t, (long long)want);
}

static void
expect_bad(const char *s)
{
	int64_t	t;

	if (parse_date(s, &t) == 0)
		fail_msg("parse_date(\"%s\") accepted", s);
}

static void
test_parse_date_rfc822_forms(void **state)
{
	(void)state;
	expect_date("Mon, 02 Jan 2006 15:04:05 GMT", 1136214245);
	expect_date("Mon, 2 Jan 2006 15:04:05 +0000", 1136214245);
	expect_date("02 Jan 2006 15:04:05 UT", 1136214245);
	expect_date("Mon, 02 Jan 06 15:04:05 Z", 1136214245);
	expect_date("Mon, 02 Jan 2006 10:04:05 EST", 1136214245);
	expect_date("Mon, 02 Jan 2006 11:04:05 EDT", 1136214245);
	expect_date("Mon, 02 Jan 2006 09:04:05 CST", 1136214245);
	expect_date("Mon, 02 Jan 2006 07:04:05 PST", 1136214245);
	expect_date("Mon, 02 Jan 2006 18:04:05 +0300", 1136214245);
	expect_date("Mon, 02 Jan 2006 12:04:05 -03:00", 1136214245);
	expect_date("Mon, 02 Jan 2006 15:04 GMT", 1136214240);
	expect_date("Monday, 02 January 2006 15:04:05 GMT", 1136214245);
	expect_date("Mon, 02 Jan 2006 16:04:05 A", 1136214245);
	expect_date("Mon, 02 Jan 2006 14:04:05 N", 1136214245);
	expect_date("Mon,02 Jan 2006 15:04:05 GMT", 1136214245);
	expect_date("Mon, 02-Jan-2006 15:04:05 GMT", 1136214245);
	expect_date("Mon, 02 Jan 2006 15:04:05", 1136214245);
	expect_date("02 Jan 2006", 1136160000);
	expect_date("Thu, 01 Jan 70 00:00:00 GMT", 0);
	expect_date("Sun, 31 Dec 1999 23:59:59 GMT", 946684799);
}

static void
test_parse_date_rfc3339_forms(void **state)
{
	(void)state;
	expect_date("2006-01-02T15:04:05Z", 1136214245);
	expect_date("2006-01-02T15:04:05.123456Z", 1136214245);
	expect_date("2006-01-02T16:04:05+01:00", 1136214245);
	expect_date("2006-01-02T10:04:05-05:00", 1136214245);
	expect_date("2006-01-02T15:04:05+0000", 1136214245);
	expect_date("2006-01-02t15:04:05z", 1136214245);
	expect_date("2006-01-02 15:04:05Z", 1136214245);
	expect_date("2006-01-02T15:04Z", 1136214240);
	expect_date("2006-01-02", 1136160000);
	expect_date("2006-01", 1136073600);
	expect_date("2006", 1136073600);
	expect_date("20060102T150405Z", 1136214245);
	expect_date("  2006-01-02T15:04:05Z  ", 1136214245);
	expect_date("2004-02-29T00:00:00Z", 1078012800);
}

static void
test_parse_date_invalid(void **state)
{
	(void)state;
	expect_bad("");
	expect_bad("   ");
	expect_bad("not a date");
	expect_bad("2006-13-02T15:04:05Z");
	expect_bad("2006-02-30T15:04:05Z");
	expect_bad("2005-02-29");
	expect_bad("2006-01-02T25:04:05Z");
	expect_bad("2006-01-02T15:61:05Z");
	expect_bad("Mon, 32 Jan 2006 15:04:05 GMT");
	expect_bad("Mon, 02 Foo 2006 15:04:05 GMT");
	expect_bad("Mon, 02 Jan 2006 15:04:05 GMT garbage");
	expect_bad("2006-01-02T15:04:05+99:00");
	expect_bad("2006-01-02T15:04:05.Z");
}

/* parse_date returns -2 for a date outside the years 1000-9999 (UTC). */
static void
expect_far(const char *s)
{
	int64_t	t = 42;

	if (parse_date(s, &t) != -2)
		fail_msg("parse_date(\"%s\") is not out of range", s);
	assert_int_equal(t, 42);
}

static void
test_parse_date_range(void **state)
{
	(void)state;
	/* The two of issue 11: past 9999 once in UTC. */
	expect_far("Fri, 31 Dec 9999 23:59:59 -2359");
	expect_far("9999-12-31T23:59:59-12:00");
	expect_far("1000-01-01T00:00:00+00:01");
	expect_far("0999-12-31");
	expect_far("0000-01-01T00:00:00Z");
	expect_far("Mon, 01 Jan 0999 00:00:00 GMT");
	/* The edges, and dates before 1970, are dates. */
	expect_date("9999-12-31T23:59:59Z", NR_PARSE_DATE_MAX);
	expect_date("9999-12-31T23:59:59+01:00", NR_PARSE_DATE_MAX - 3600);
	expect_date("1000-01-01T00:00:00Z", NR_PARSE_DATE_MIN);
	expect_date("1000-01-01T00:00:00-00:01", NR_PARSE_DATE_MIN + 60);
	expect_date("1969-07-20T20:17:40Z", -14182940);
	expect_date("Sun, 20 Jul 1969 20:17:40 GMT", -14182940);
	expect_date("Sat, 01 Jan 1000 00:00:00 GMT", NR_PARSE_DATE_MIN);
	assert_int_equal(NR_PARSE_DATE_MIN, util_timegm(1000, 1, 1, 0, 0, 0));
	assert_int_equal(NR_PARSE_DATE_MAX,
	    util_timegm(9999, 12, 31, 23, 59, 59));
}

/* An item dated past 9999 gets the first-seen time, with a warning. */
static void
test_date_far_item(void **state)
{
	static const char doc[] = "<rss version=\"2.0\"><channel>"
	    "<title>F</title>"
	    "<item><title>far</title><guid>a</guid>"
	    "<pubDate>Fri, 31 Dec 9999 23:59:59 -2359</pubDate></item>"
	    "<item><title>far2</title><guid>b</guid>"
	    "<pubDate>9999-12-31T23:59:59-12:00</pubDate></item>"
	    "<item><title>old</title><guid>c</guid>"
	    "<pubDate>Sun, 20 Jul 1969 20:17:40 GMT</pubDate></item>"
	    "</channel></rss>";
	struct parse_opts	 o;
	struct feed		*f = NULL;
	char			 err[NR_ERRBUF_SIZE];

	(void)state;
	memset(&o, 0, sizeof o);
	o.now = NOW;
	assert_int_equal(parse_buffer(doc, sizeof doc - 1, &o, &f, err),
	    NR_OK);
	assert_int_equal(f->nitems, 3);
	assert_int_equal(f->items[0]->published, NOW);
	assert_true(f->items[0]->flags & NR_ITEM_DATE_SEEN);
	assert_int_equal(f->items[1]->published, NOW);
	assert_true(f->items[1]->flags & NR_ITEM_DATE_SEEN);
	assert_int_equal(f->items[2]->published, -14182940);
	assert_true(has_warning(f,
	    "2 dates outside the years 1000-9999 (UTC) ignored"));
	feed_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss20_basic),
		cmocka_unit_test(test_rss20_empty_channel),
		cmocka_unit_test(test_rss20_guid_permalink),
		cmocka_unit_test(test_rss20_guid_not_permalink),
		cmocka_unit_test(test_rss20_no_guid),
		cmocka_unit_test(test_rss20_no_title),
		cmocka_unit_test(test_rss20_no_date),
		cmocka_unit_test(test_rss20_categories),
		cmocka_unit_test(test_rss20_enclosure),
		cmocka_unit_test(test_rss20_content_encoded),
		cmocka_unit_test(test_rss20_cdata_description),
		cmocka_unit_test(test_rss20_html_description),
		cmocka_unit_test(test_rss20_dc_creator),
		cmocka_unit_test(test_rss20_dc_date),
		cmocka_unit_test(test_rss20_custom_prefix),
		cmocka_unit_test(test_rss20_relative_links),
		cmocka_unit_test(test_rss20_atom_self),
		cmocka_unit_test(test_rss20_image_title),
		cmocka_unit_test(test_rss091_basic),
		cmocka_unit_test(test_rss092_basic),
		cmocka_unit_test(test_rdf10_basic),
		cmocka_unit_test(test_rdf090_basic),
		cmocka_unit_test(test_atom10_basic),
		cmocka_unit_test(test_atom10_link_no_rel),
		cmocka_unit_test(test_atom10_link_order),
		cmocka_unit_test(test_atom10_xhtml_content),
		cmocka_unit_test(test_atom10_text_content),
		cmocka_unit_test(test_atom10_html_title),
		cmocka_unit_test(test_atom10_cdata_content),
		cmocka_unit_test(test_atom10_xml_base),
		cmocka_unit_test(test_atom10_enclosure),
		cmocka_unit_test(test_atom10_feed_author),
		cmocka_unit_test(test_atom10_updated_only),
		cmocka_unit_test(test_atom10_prefixed),
		cmocka_unit_test(test_atom10_source),
		cmocka_unit_test(test_atom10_date_fraction_offset),
		cmocka_unit_test(test_atom03_basic),
		cmocka_unit_test(test_atom03_xml_mode),
		cmocka_unit_test(test_date_rfc822),
		cmocka_unit_test(test_date_no_weekday),
		cmocka_unit_test(test_date_two_digit_year),
		cmocka_unit_test(test_date_named_zone),
		cmocka_unit_test(test_date_military_zone),
		cmocka_unit_test(test_date_offset),
		cmocka_unit_test(test_date_no_seconds),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_enc_cp1251),
		cmocka_unit_test(test_enc_koi8r),
		cmocka_unit_test(test_enc_iso8859_1),
		cmocka_unit_test(test_enc_iso8859_15),
		cmocka_unit_test(test_enc_cp1252),
		cmocka_unit_test(test_enc_shift_jis),
		cmocka_unit_test(test_enc_gb2312),
		cmocka_unit_test(test_enc_gbk),
		cmocka_unit_test(test_enc_utf16le_bom),
		cmocka_unit_test(test_enc_utf16be_bom),
		cmocka_unit_test(test_enc_utf16le_nobom),
		cmocka_unit_test(test_enc_utf8_bom),
		cmocka_unit_test(test_enc_http_charset),
		cmocka_unit_test(test_enc_invalid_utf8),
		cmocka_unit_test(test_link_double_escaped),
		cmocka_unit_test(test_enc_no_decl_cp1252),
		cmocka_unit_test(test_enc_no_decl_declared),
		cmocka_unit_test(test_atom_id_as_link),
		cmocka_unit_test(test_atom_bare_entry),
		cmocka_unit_test(test_repair_stray_ampersand),
		cmocka_unit_test(test_repair_html_entities),
		cmocka_unit_test(test_repair_entity_no_semicolon),
		cmocka_unit_test(test_repair_unknown_entity),
		cmocka_unit_test(test_repair_control_chars),
		cmocka_unit_test(test_repair_doctype_subset),
		cmocka_unit_test(test_doctype_public),
		cmocka_unit_test(test_repair_mismatched_tags),
		cmocka_unit_test(test_repair_unclosed),
		cmocka_unit_test(test_repair_stray_lt),
		cmocka_unit_test(test_limit_deep_nesting),
		cmocka_unit_test(test_limit_long_title),
		cmocka_unit_test(test_limit_max_items),
		cmocka_unit_test(test_limit_field_utf8_cut),
		cmocka_unit_test(test_bidi_override),
		cmocka_unit_test(test_whitespace_before_decl),
		cmocka_unit_test(test_comment_before_root),
		cmocka_unit_test(test_notfeed_html),
		cmocka_unit_test(test_notfeed_json),
		cmocka_unit_test(test_notfeed_empty),
		cmocka_unit_test(test_notfeed_text),
		cmocka_unit_test(test_notfeed_other_root),
		cmocka_unit_test(test_stream_basic),
		cmocka_unit_test(test_stream_repairs),
		cmocka_unit_test(test_stream_notfeed),
		cmocka_unit_test(test_parse_date_rfc822_forms),
		cmocka_unit_test(test_parse_date_rfc3339_forms),
		cmocka_unit_test(test_parse_date_invalid),
		cmocka_unit_test(test_parse_date_range),
		cmocka_unit_test(test_date_far_item),
		cmocka_unit_test(test_content_relative_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
