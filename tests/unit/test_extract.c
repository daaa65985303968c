/* Unit tests for the extract module: one case per rule. */
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
#include "newsreader/extract.h"
#include "newsreader/feed.h"
#include "newsreader/util.h"

/* A paragraph of about 200 characters whose words start with w. */
static void
add_para(struct strbuf *sb, const char *w)
{
	strbuf_addf(sb, "<p>%s one, the first sentence of this paragraph "
	    "says what happened, where and when. %s two adds what officials "
	    "said, and what they did not say, to reporters on Friday.</p>\n",
	    w, w);
}

/* n paragraphs marked w. */
static void
add_paras(struct strbuf *sb, const char *w, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		add_para(sb, w);
}

/* Extract the page in sb; the result and error in r and the return. */
static enum nr_err
run(struct strbuf *sb, const char *base, struct extract_result *r,
    char *errbuf)
{
	return extract_page(strbuf_str(sb), sb->len, NULL, base, r, errbuf);
}

/* True when a paragraph of r holds s. */
static int
has(const struct extract_result *r, const char *s)
{
	size_t	i;

	for (i = 0; i < r->npara; i++)
		if (strstr(r->paras[i], s) != NULL)
			return 1;
	return 0;
}

/* Extract sb, expecting an article. */
static void
must_find(struct strbuf *sb, const char *base, struct extract_result *r)
{
	char	errbuf[NR_ERRBUF_SIZE] = "";

	assert_int_equal(run(sb, base, r, errbuf), NR_OK);
}

/* Blocks whose class or id says they are not the article are dropped. */
static void
test_negative_hints(void **state)
{
	static const char *const words[] = {
		"nav", "footer", "comment", "share", "related", "promo",
		"cookie", "subscribe", "sidebar", "ad", "banner", "social",
		"menu", "header", NULL
	};
	struct extract_result	r;
	struct strbuf		sb;
	size_t			i;

	(void)state;
	for (i = 0; words[i] != NULL; i++) {
		strbuf_init(&sb, 0);
		strbuf_adds(&sb, "<html><body><div class=\"story\">");
		add_paras(&sb, "Article", 3);
		strbuf_addf(&sb, "</div><div class=\"site-%s\">", words[i]);
		add_paras(&sb, "Noise", 4);
		strbuf_adds(&sb, "</div></body></html>");
		must_find(&sb, NULL, &r);
		if (!has(&r, "Article one") || has(&r, "Noise one"))
			fail_msg("hint %s not applied", words[i]);
		extract_result_free(&r);
		/* The same word as an id. */
		strbuf_reset(&sb);
		strbuf_adds(&sb, "<html><body><div class=\"story\">");
		add_paras(&sb, "Article", 3);
		strbuf_addf(&sb, "</div><div id=\"%s\">", words[i]);
		add_paras(&sb, "Noise", 4);
		strbuf_adds(&sb, "</div></body></html>");
		must_find(&sb, NULL, &r);
		if (!has(&r, "Article one") || has(&r, "Noise one"))
			fail_msg("id hint %s not applied", words[i]);
		extract_result_free(&r);
		strbuf_clear(&sb);
	}
}

/* A page of two candidates: A (three paragraphs, class clsa) and B (two,
 * class clsb), apart from each other. */
static void
two_candidates(struct strbuf *sb, const char *clsa, const char *clsb,
    int linked)
{
	int	i;

	strbuf_init(sb, 0);
	strbuf_addf(sb, "<html><body><div class=\"wrap\"><div class=\"%s\">",
	    clsa);
	for (i = 0; i < 3; i++) {
		if (linked)
			strbuf_adds(sb, "<p><a href=\"/x\">Apple one, the "
			    "first sentence of this paragraph says what "
			    "happened, where and when. Apple two adds what "
			    "officials said, and what they did not say, on "
			    "Friday.</a></p>");
		else
			add_para(sb, "Apple");
	}
	strbuf_addf(sb, "</div><hr></div><div class=\"wrap\"><div "
	    "class=\"%s\">", clsb);
	add_paras(sb, "Berry", 2);
	strbuf_adds(sb, "</div><hr></div></body></html>");
}

/* Without hints the longer block wins; a positive hint turns it. */
static void
test_positive_hints(void **state)
{
	static const char *const words[] = {
		"article", "content", "main", "post", "text", "body", "entry",
		"story", NULL
	};
	struct extract_result	r;
	struct strbuf		sb;
	char			cls[64];
	size_t			i;

	(void)state;
	two_candidates(&sb, "box", "box2", 0);
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Apple one"));
	assert_false(has(&r, "Berry one"));
	extract_result_free(&r);
	strbuf_clear(&sb);
	for (i = 0; words[i] != NULL; i++) {
		snprintf(cls, sizeof cls, "x-%s", words[i]);
		two_candidates(&sb, "box", cls, 0);
		must_find(&sb, NULL, &r);
		if (!has(&r, "Berry one") || has(&r, "Apple one"))
			fail_msg("positive hint %s not applied", words[i]);
		extract_result_free(&r);
		strbuf_clear(&sb);
	}
}

/* A block of links loses to a shorter block of text. */
static void
test_link_density(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	two_candidates(&sb, "box", "box2", 1);
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Berry one"));
	assert_false(has(&r, "Apple one"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* The article split over sibling blocks is kept whole. */
static void
test_siblings(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"page\"><div>");
	add_paras(&sb, "First", 3);
	strbuf_adds(&sb, "</div><div>");
	add_paras(&sb, "Second", 2);
	strbuf_adds(&sb, "</div><div>");
	add_paras(&sb, "Third", 1);
	strbuf_adds(&sb, "</div>");
	/* A long sibling paragraph without links comes along... */
	strbuf_adds(&sb, "<p>Sibling paragraph: a long one, with no links at "
	    "all, that belongs to the article as much as the others do.</p>");
	/* ...a sibling list of links does not. */
	strbuf_adds(&sb, "<p><a href=\"/1\">Link one here</a> <a href=\"/2\">"
	    "Link two there</a> <a href=\"/3\">Link three</a> and more</p>");
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "First one"));
	assert_true(has(&r, "Second one"));
	assert_true(has(&r, "Third one"));
	assert_true(has(&r, "Sibling paragraph"));
	assert_false(has(&r, "Link one"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/*
 * Inside the article, a grid of pictures with a line each (fewer than
 * half as many paragraphs as pictures: Readability's rule) is left out;
 * a block with one picture and paragraphs stays.
 */
static void
test_teaser_grid(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;
	int			i;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"story\">");
	add_paras(&sb, "Body", 6);
	strbuf_adds(&sb, "<div><img src=\"/a.jpg\">");
	add_paras(&sb, "Pictured", 2);
	strbuf_adds(&sb, "</div><div class=\"grid\"><h2>Most read</h2>");
	for (i = 0; i < 6; i++)
		strbuf_addf(&sb, "<div class=\"t\"><a href=\"/s%d\"><img src=\""
		    "/s%d.jpg\"></a><div>Teaser %d: a popular diet with ten "
		    "kilos in fourteen days and two menus.</div></div>", i, i,
		    i);
	strbuf_adds(&sb, "</div>");
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Body one"));
	assert_true(has(&r, "Pictured one"));
	assert_false(has(&r, "Teaser"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* A heading that is a link (a newsletter, another story) is left out. */
static void
test_link_heading(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"story\">");
	add_paras(&sb, "Body", 4);
	strbuf_adds(&sb, "<h2>Reactions in the region</h2>");
	add_paras(&sb, "After", 2);
	strbuf_adds(&sb, "<h2 class=\"title\"><a href=\"/sub\">Click here to "
	    "subscribe to the newsletter</a></h2></div></body></html>");
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Reactions in the region"));
	assert_true(has(&r, "After one"));
	assert_false(has(&r, "Click here"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* Scripts, styles, forms, frames, buttons and hidden blocks are out. */
static void
test_dropped_elements(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><head><style>p { color: red }</style></head>"
	    "<body><div class=\"story\">");
	add_para(&sb, "Kept");
	strbuf_adds(&sb, "<script>var s = 'Scripted words, many, of them, "
	    "here, and, there';</script><style>.x{content:'Styled'}</style>"
	    "<noscript>Noscript text goes here, long enough</noscript>"
	    "<form><input value=\"Formed\"><button>Buttoned text</button>"
	    "</form><iframe>Framed</iframe><svg><text>Svged</text></svg>"
	    "<p hidden>Hidden paragraph, hidden, hidden</p>"
	    "<p style=\"display: none\">Invisible paragraph, invisible</p>"
	    "<div aria-hidden=\"true\">Aria hidden block, with text</div>");
	add_paras(&sb, "Kept", 2);
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, NULL, &r);
	assert_int_equal(r.npara, 3);
	assert_null(strstr(r.html, "Script"));
	assert_null(strstr(r.html, "Styled"));
	assert_null(strstr(r.html, "color"));
	assert_null(strstr(r.html, "Noscript"));
	assert_null(strstr(r.html, "Formed"));
	assert_null(strstr(r.html, "Buttoned"));
	assert_null(strstr(r.html, "Framed"));
	assert_null(strstr(r.html, "Svged"));
	assert_null(strstr(r.html, "idden"));
	assert_null(strstr(r.html, "nvisible"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* Deep nesting stops at the cap; what comes before it is found. */
static void
test_depth_cap(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;
	char			errbuf[NR_ERRBUF_SIZE];
	enum nr_err		err;
	int			i;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"story\">");
	add_paras(&sb, "Shallow", 3);
	strbuf_adds(&sb, "</div>");
	for (i = 0; i < 200000; i++)
		strbuf_adds(&sb, i % 2 ? "<div>" : "<span>");
	add_paras(&sb, "Deep", 5);
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Shallow one"));
	assert_false(has(&r, "Deep one"));
	extract_result_free(&r);
	/* Only the nesting: no article, no crash. */
	strbuf_reset(&sb);
	for (i = 0; i < 300000; i++)
		strbuf_adds(&sb, "<blockquote>");
	err = run(&sb, NULL, &r, errbuf);
	assert_int_equal(err, NR_ENOTFOUND);
	strbuf_clear(&sb);
}

/* An empty page, or one of links only, has no article. */
static void
test_no_article(void **state)
{
	static const char *const pages[] = {
		"", "<html><body></body></html>", "just a few words",
		"<p>Too short to be an article, though it is a paragraph.</p>",
		NULL
	};
	struct extract_result	r;
	struct strbuf		sb;
	char			errbuf[NR_ERRBUF_SIZE];
	size_t			i;
	int			k;

	(void)state;
	for (i = 0; pages[i] != NULL; i++) {
		errbuf[0] = '\0';
		assert_int_equal(extract_page(pages[i], strlen(pages[i]),
		    NULL, NULL, &r, errbuf), NR_ENOTFOUND);
		assert_string_equal(errbuf, "no article found");
		assert_null(r.paras);
	}
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"content\"><ul>");
	for (k = 0; k < 60; k++)
		strbuf_addf(&sb, "<li><a href=\"/story/%d\">Headline number %d "
		    "about something, somewhere</a> (%d comments)</li>", k, k,
		    k);
	strbuf_adds(&sb, "</ul></div></body></html>");
	assert_int_equal(run(&sb, NULL, &r, errbuf), NR_ENOTFOUND);
	strbuf_clear(&sb);
}

/* A page where the names drop everything is read again without them. */
static void
test_retry_without_hints(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"layout with-sidebar\">");
	add_paras(&sb, "Named", 3);
	strbuf_adds(&sb, "<nav>Navigation, still dropped by its tag, with "
	    "words and more words</nav></div></body></html>");
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Named one"));
	assert_false(has(&r, "Navigation"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* A block named both ways stays when it holds paragraphs. */
static void
test_mixed_names(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"article-body "
	    "share-tracking\">");
	add_paras(&sb, "Mixed", 3);
	strbuf_adds(&sb, "<div class=\"article-share\"><p>Share this "
	    "story with your friends, family and everyone else</p></div>"
	    "</div><div class=\"other\">");
	add_paras(&sb, "Other", 1);
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Mixed one"));
	assert_false(has(&r, "Share this"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/*
 * NUL bytes in a tag's name (found by extract-fuzzer): the prescan's
 * name lists read no further than their names (the sanitizer build
 * catches a read past one), and the paragraphs after it are found.
 */
static void
test_nul_in_tag_name(void **state)
{
	static const char	 tag[] = "<p\0\0\0\0\0\0>x</p>";
	struct extract_result	 r;
	struct strbuf		 sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"content\">");
	strbuf_add(&sb, tag, sizeof tag - 1);
	add_paras(&sb, "After", 3);
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "After one"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* Links are made absolute against the page's URL or its <base>. */
static void
test_links(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"story\">");
	add_paras(&sb, "Text", 2);
	strbuf_adds(&sb, "<p>See <a href=\"/a\">root</a>, <a href=\"b.html\">"
	    "near</a>, <a href=\"../c?x=1&amp;y=2\">up</a>, <a href=\""
	    "//cdn.example.org/d\">cdn</a>, <a href=\"#top\">anchor</a>, <a "
	    "href=\"javascript:alert(1)\">script</a>, <a href=\" https://"
	    "other.org/e \">other</a> and the rest of this sentence.</p>");
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, "https://example.com/news/2023/item.html", &r);
	assert_non_null(strstr(r.html, "<a href=\"https://example.com/a\">"
	    "root</a>"));
	assert_non_null(strstr(r.html,
	    "href=\"https://example.com/news/2023/b.html\""));
	assert_non_null(strstr(r.html,
	    "href=\"https://example.com/news/c?x=1&amp;y=2\""));
	assert_non_null(strstr(r.html, "href=\"https://cdn.example.org/d\""));
	assert_non_null(strstr(r.html, "href=\"https://other.org/e\""));
	assert_null(strstr(r.html, "javascript"));
	assert_null(strstr(r.html, "#top"));
	assert_true(has(&r, "See root, near, up, cdn, anchor, script, other"));
	extract_result_free(&r);
	/* <base href> wins over the page's URL. */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "<html><head><base href=\"/mirror/\"></head><body>"
	    "<div class=\"story\">");
	add_paras(&sb, "Text", 2);
	strbuf_adds(&sb, "<p>A link to <a href=\"f.html\">f</a>, in a "
	    "sentence long enough to count.</p></div></body></html>");
	must_find(&sb, "http://example.com/news/item", &r);
	assert_non_null(strstr(r.html,
	    "href=\"http://example.com/mirror/f.html\""));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* The URL resolver on its own (RFC 3986 examples). */
static void
test_url_resolve(void **state)
{
	static const char *const cases[][2] = {
		{ "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" },
		{ "g/", "http://a/b/c/g/" }, { "/g", "http://a/g" },
		{ "//g", "http://g" }, { "?y", "http://a/b/c/d;p?y" },
		{ "g?y", "http://a/b/c/g?y" }, { "..", "http://a/b/" },
		{ "../g", "http://a/b/g" }, { "../..", "http://a/" },
		{ "../../../g", "http://a/g" }, { "/./g", "http://a/g" },
		{ "g/../h", "http://a/b/c/h" }, { ".", "http://a/b/c/" },
		{ "mailto:x@y", "mailto:x@y" }, { "HTTPS://Z/", "HTTPS://Z/" },
	};
	size_t	 i;
	char	*u;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		u = extract_url_resolve("http://a/b/c/d;p?q", cases[i][0]);
		assert_non_null(u);
		if (strcmp(u, cases[i][1]) != 0)
			fail_msg("%s: got %s, want %s", cases[i][0], u,
			    cases[i][1]);
		free(u);
	}
	assert_null(extract_url_resolve("http://a/", "javascript:x()"));
	assert_null(extract_url_resolve("http://a/", "data:text/html,x"));
	assert_null(extract_url_resolve("http://a/", "file:///etc/passwd"));
	assert_null(extract_url_resolve("http://a/", "#frag"));
	assert_null(extract_url_resolve("http://a/", ""));
	u = extract_url_resolve(NULL, "rel/x");
	assert_string_equal(u, "rel/x");
	free(u);
}

/* A page with head (times) around a plain article. */
static void
time_page(struct strbuf *sb, const char *head, const char *body)
{
	strbuf_init(sb, 0);
	strbuf_addf(sb, "<html><head>%s</head><body><div class=\"story\">%s",
	    head, body);
	add_paras(sb, "Text", 3);
	strbuf_adds(sb, "</div></body></html>");
}

/* Times from meta, <time>, itemprop and JSON-LD, in that order. */
static void
test_times(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;
	int64_t			t1 = 1681463700;	/* 09:15Z 14.4.2023 */
	int64_t			t2 = 1681464660;	/* 09:31Z */

	(void)state;
	time_page(&sb, "<meta property=\"article:published_time\" content=\""
	    "2023-04-14T12:15:00+03:00\"><meta property=\"article:modified_"
	    "time\" content=\"2023-04-14T09:31:00Z\">", "<time datetime=\""
	    "2020-01-01\">old</time>");
	must_find(&sb, NULL, &r);
	assert_int_equal(r.published, t1);
	assert_int_equal(r.updated, t2);
	extract_result_free(&r);
	strbuf_clear(&sb);

	time_page(&sb, "", "<p>Posted <time datetime=\"2023-04-14T09:15Z\">"
	    "Friday</time></p>");
	must_find(&sb, NULL, &r);
	assert_int_equal(r.published, t1);
	assert_int_equal(r.updated, NR_TIME_NONE);
	extract_result_free(&r);
	strbuf_clear(&sb);

	time_page(&sb, "<script type=\"application/ld+json\">{\"@type\": "
	    "\"NewsArticle\", \"datePublished\" : \"2023-04-14T09:15:00.000Z"
	    "\", \"dateModified\":\"2023-04-14T11:31:00+0200\"}</script>",
	    "");
	must_find(&sb, NULL, &r);
	assert_int_equal(r.published, t1);
	assert_int_equal(r.updated, t2);
	extract_result_free(&r);
	strbuf_clear(&sb);

	time_page(&sb, "", "<span itemprop=\"datePublished\" content=\""
	    "2023-04-14T09:15:00Z\">today</span><time itemprop=\"dateModified"
	    "\" datetime=\"2023-04-14 09:31\">later</time>");
	must_find(&sb, NULL, &r);
	assert_int_equal(r.published, t1);
	assert_int_equal(r.updated, t2);
	extract_result_free(&r);
	strbuf_clear(&sb);

	/* A time in the comments is not the page's; none at all is none. */
	time_page(&sb, "", "<div class=\"comments\"><time datetime=\""
	    "2023-05-01\">later</time></div>");
	must_find(&sb, NULL, &r);
	assert_int_equal(r.published, NR_TIME_NONE);
	assert_int_equal(r.updated, NR_TIME_NONE);
	extract_result_free(&r);
	strbuf_clear(&sb);

	assert_int_equal(extract_parse_time("2023-04-14"), 1681430400);
	assert_int_equal(extract_parse_time("2023-04-14T09:15:00-00:30"),
	    t1 + 1800);
	assert_int_equal(extract_parse_time("14.04.2023"), NR_TIME_NONE);
	assert_int_equal(extract_parse_time("2023-13-01"), NR_TIME_NONE);
	assert_int_equal(extract_parse_time("2023-04-14T25:00"),
	    NR_TIME_NONE);
}

/* The title: og:title, else the one <h1>, else <title>; an <h1> that
 * repeats it is not a paragraph. */
static void
test_title(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	time_page(&sb, "<title>Site | Page</title><meta property=\"og:title\" "
	    "content=\"The Headline\">", "<h1>The headline</h1>");
	must_find(&sb, NULL, &r);
	assert_string_equal(r.title, "The Headline");
	assert_false(has(&r, "headline"));
	extract_result_free(&r);
	strbuf_clear(&sb);
	time_page(&sb, "<title>Site | Page</title>", "<h1>Only One</h1>");
	must_find(&sb, NULL, &r);
	assert_string_equal(r.title, "Only One");
	extract_result_free(&r);
	strbuf_clear(&sb);
	time_page(&sb, "<title>A Long Headline Here - Site</title>",
	    "<h1>Site</h1>");
	must_find(&sb, NULL, &r);
	assert_string_equal(r.title, "A Long Headline Here");
	extract_result_free(&r);
	strbuf_clear(&sb);
	time_page(&sb, "<title>Site \xc2\xbb A Long Headline</title>", "");
	must_find(&sb, NULL, &r);
	assert_string_equal(r.title, "A Long Headline");
	extract_result_free(&r);
	strbuf_clear(&sb);
	time_page(&sb, "<title>Site\n| \x1b[31mPage\x9b</title>", "");
	must_find(&sb, NULL, &r);
	assert_null(strchr(r.title, '\x1b'));
	assert_null(strstr(r.title, "\xc2\x9b"));
	assert_non_null(strstr(r.title, "Site | "));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* Lists, quotes, headings and pre are kept as such; text is cleaned. */
static void
test_structure(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><div class=\"story\">");
	add_paras(&sb, "Text", 2);
	strbuf_adds(&sb, "<h2>A section</h2><ul><li>first item</li><li>second"
	    " <b>item</b></li></ul><blockquote><p>Quoted words.</p>"
	    "</blockquote><pre>line 1\n  line 2</pre><p>Bad \x1b[2Jescape"
	    " \xff byte &amp; &lt;tag&gt;</p>");
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, NULL, &r);
	assert_non_null(strstr(r.html, "<h2>A section</h2>"));
	assert_non_null(strstr(r.html,
	    "<ul>\n<li>first item</li>\n<li>second item</li>\n</ul>"));
	assert_non_null(strstr(r.html,
	    "<blockquote>\n<p>Quoted words.</p>\n</blockquote>"));
	assert_non_null(strstr(r.html, "<pre>line 1\n  line 2</pre>"));
	assert_non_null(strstr(r.html, "&amp; &lt;tag&gt;"));
	assert_null(strchr(r.html, '\x1b'));
	assert_true(has(&r, "line 1\n  line 2"));
	assert_true(has(&r, "escape \xef\xbf\xbd byte & <tag>"));
	assert_true(has(&r, "Bad "));
	assert_true(has(&r, "second item"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* A page in windows-1251 says so in <meta>; it is read as such. */
static void
test_charset(void **state)
{
	struct extract_result	r;
	struct strbuf		sb;
	int			i;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><head><meta charset=\"windows-1251\"></head>"
	    "<body><div class=\"story\">");
	for (i = 0; i < 4; i++)
		/* "Тест, тест и тест" and more, in windows-1251. */
		strbuf_adds(&sb, "<p>\xd2\xe5\xf1\xf2, \xf2\xe5\xf1\xf2 \xe8 "
		    "\xf2\xe5\xf1\xf2: \xd2\xe5\xf1\xf2, \xf2\xe5\xf1\xf2 "
		    "\xe8 \xf2\xe5\xf1\xf2, \xd2\xe5\xf1\xf2.</p>");
	strbuf_adds(&sb, "</div></body></html>");
	must_find(&sb, NULL, &r);
	assert_true(has(&r, "Тест, тест и тест"));
	extract_result_free(&r);
	strbuf_clear(&sb);
}

/* A page over the size cap is refused. */
static void
test_size_cap(void **state)
{
	struct extract_result	r;
	char			errbuf[NR_ERRBUF_SIZE];
	char			*big;

	(void)state;
	big = xcalloc(1, NR_EXTRACT_MAX_INPUT + 2);
	memset(big, 'x', NR_EXTRACT_MAX_INPUT + 1);
	assert_int_equal(extract_page(big, NR_EXTRACT_MAX_INPUT + 1, NULL,
	    NULL, &r, errbuf), NR_ELIMIT);
	free(big);
}

/*
 * A text node with no white space, after text that left a space due:
 * the space and the text take one byte more than the node (found by
 * extract-fuzzer; ASan saw the write past the buffer).
 */
static void
test_space_due(void **state)
{
	struct strbuf		 sb;
	struct extract_result	 r;
	char			 word[401];
	const char		*tail =
	    " and more words, commas, and sentences for the scorer.";
	int			 k;

	(void)state;
	memset(word, 'x', 400);
	word[400] = '\0';
	for (k = 255; k <= 400; k += 145) {
		strbuf_init(&sb, 0);
		strbuf_adds(&sb, "<article><p>Word <b>");
		strbuf_add(&sb, word, (size_t)k);
		strbuf_adds(&sb, "</b>");
		strbuf_adds(&sb, tail);
		strbuf_adds(&sb, "</p>\n");
		add_paras(&sb, "Body", 3);
		strbuf_adds(&sb, "</article>");
		must_find(&sb, NULL, &r);
		assert_true(strncmp(r.paras[0], "Word xxx", 8) == 0);
		assert_int_equal(strlen(r.paras[0]), 5 + (size_t)k +
		    strlen(tail));
		extract_result_free(&r);
		strbuf_clear(&sb);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_negative_hints),
		cmocka_unit_test(test_positive_hints),
		cmocka_unit_test(test_link_density),
		cmocka_unit_test(test_siblings),
		cmocka_unit_test(test_teaser_grid),
		cmocka_unit_test(test_link_heading),
		cmocka_unit_test(test_nul_in_tag_name),
		cmocka_unit_test(test_dropped_elements),
		cmocka_unit_test(test_depth_cap),
		cmocka_unit_test(test_no_article),
		cmocka_unit_test(test_retry_without_hints),
		cmocka_unit_test(test_mixed_names),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_url_resolve),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_space_due),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
