/* Unit tests for the html module: rendering, wrapping, hostile input. */
#include "nr_config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <cmocka.h>

#include "newsreader/error.h"
#include "newsreader/html.h"
#include "newsreader/util.h"

/* Display width of a UTF-8 line, as a terminal counts it. */
static int
line_width(const char *s)
{
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 n, len = strlen(s);
	int		 w = 0, cw;

	memset(&st, 0, sizeof(st));
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		assert_true(n != (size_t)-1 && n != (size_t)-2 && n != 0);
		cw = wcwidth(wc);
		assert_true(cw >= 0);
		w += cw;
		s += n;
		len -= n;
	}
	return (w);
}

/* No line is wider than width (pre aside), none has a control. */
static void
assert_fits(const struct html_doc *doc, int width)
{
	const unsigned char	*p;
	size_t			 i;

	for (i = 0; i < doc->nlines; i++) {
		for (p = (const unsigned char *)doc->lines[i]; *p; p++)
			assert_true(*p >= 0x20 && *p != 0x7f);
		if (doc->styles[i] != NR_HTML_PRE &&
		    line_width(doc->lines[i]) > width) {
			print_error("line %zu too wide: \"%s\"\n", i,
			    doc->lines[i]);
			fail();
		}
	}
}

/* Compare doc's lines with want (NULL-terminated). */
static void
assert_lines(const struct html_doc *doc, const char *const *want)
{
	size_t	i, n;

	for (n = 0; want[n] != NULL; n++)
		;
	for (i = 0; i < doc->nlines && i < n; i++) {
		if (strcmp(doc->lines[i], want[i]) != 0) {
			print_error("line %zu: got \"%s\", want \"%s\"\n", i,
			    doc->lines[i], want[i]);
			fail();
		}
	}
	if (doc->nlines != n) {
		for (i = 0; i < doc->nlines; i++)
			print_error("  %zu: \"%s\"\n", i, doc->lines[i]);
		print_error("got %zu lines, want %zu\n", doc->nlines, n);
		fail();
	}
}

/* Render html at width with flags and compare with the lines given. */
static void
check(const char *html, int width, int flags, const char *const *want)
{
	struct html_doc	doc;
	char		err[NR_ERRBUF_SIZE];

	assert_int_equal(html_render(html, strlen(html), width, flags, &doc,
	    err), NR_OK);
	assert_fits(&doc, width);
	assert_lines(&doc, want);
	html_doc_clear(&doc);
}

#define CHECK(html, width, flags, ...) do {				\
	static const char *const want_[] = { __VA_ARGS__, NULL };	\
	check((html), (width), (flags), want_);				\
} while (0)

/* Like check() for html_render_text(). */
static void
check_text(const char *text, int width, const char *const *want)
{
	struct html_doc	doc;

	assert_int_equal(html_render_text(text, strlen(text), width, 0, &doc,
	    NULL), NR_OK);
	assert_fits(&doc, width);
	assert_int_equal(doc.nlinks, 0);
	assert_lines(&doc, want);
	html_doc_clear(&doc);
}

#define CHECK_TEXT(text, width, ...) do {				\
	static const char *const want_[] = { __VA_ARGS__, NULL };	\
	check_text((text), (width), want_);				\
} while (0)

static int
setup_locale(void **state)
{
	(void)state;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return (-1);
	return (0);
}

static void
test_paragraphs(void **state)
{
	(void)state;
	CHECK("<p>First   paragraph\n here.</p>\n<p>Second one is longer "
	    "than the width.</p>", 20, 0,
	    "First paragraph",
	    "here.",
	    "",
	    "Second one is longer",
	    "than the width.");
}

static void
test_text_outside_p(void **state)
{
	(void)state;
	CHECK("  loose text <p>para</p> tail ", 40, 0,
	    "loose text", "", "para", "", "tail");
}

static void
test_br(void **state)
{
	(void)state;
	CHECK("<p>one<br>two<br/>three</p>", 40, 0, "one", "two", "three");
	CHECK("<p>one<br><br><br><br>two<br></p><p>x</p>", 40, 0,
	    "one", "", "two", "", "x");
}

static void
test_div_breaks_lines(void **state)
{
	(void)state;
	CHECK("<div>a</div><div>b</div><div><div>c</div></div>", 40, 0,
	    "a", "b", "c");
}

static void
test_headings(void **state)
{
	struct html_doc	doc;
	const char	*html = "<h1>Big  title</h1><p>text</p><h2>Sub</h2>"
	    "<h3>Small</h3><h6>Tiny</h6>";

	(void)state;
	CHECK(html, 40, 0,
	    "Big title", "=========", "", "text", "", "Sub", "---", "",
	    "Small", "", "Tiny");
	assert_int_equal(html_render(html, strlen(html), 40, 0, &doc, NULL),
	    NR_OK);
	assert_int_equal(doc.styles[0], NR_HTML_HEADING);
	assert_int_equal(doc.styles[1], NR_HTML_HEADING);
	assert_int_equal(doc.styles[3], NR_HTML_PLAIN);
	assert_int_equal(doc.styles[8], NR_HTML_HEADING);
	html_doc_clear(&doc);
}

static void
test_heading_wrapped_underline(void **state)
{
	(void)state;
	CHECK("<h1>a heading that wraps</h1>", 12, 0,
	    "a heading", "that wraps", "==========");
}

static void
test_ul(void **state)
{
	(void)state;
	CHECK("<p>before</p><ul><li>one</li><li>two words here</li></ul>"
	    "<p>after</p>", 12, 0,
	    "before", "", "\xe2\x80\xa2 one", "\xe2\x80\xa2 two words",
	    "  here", "", "after");
}

static void
test_ul_ascii(void **state)
{
	(void)state;
	CHECK("<ul><li>a<ul><li>b<ul><li>c<ul><li>d</ul></ul></ul></ul>", 40,
	    NR_HTML_ASCII, "* a", "  - b", "    + c", "      * d");
}

static void
test_nested_lists(void **state)
{
	(void)state;
	CHECK("<ul><li>one<ul><li>inner a</li><li>inner b</li></ul></li>"
	    "<li>two</li></ul><p>x</p>", 40, 0,
	    "\xe2\x80\xa2 one",
	    "  \xe2\x97\xa6 inner a",
	    "  \xe2\x97\xa6 inner b",
	    "\xe2\x80\xa2 two",
	    "",
	    "x");
}

static void
test_ol(void **state)
{
	(void)state;
	CHECK("<ol><li>a<li>b<li>c</ol>", 40, 0, "1. a", "2. b", "3. c");
}

static void
test_ol_start_and_nested(void **state)
{
	(void)state;
	CHECK("<ol start=\"9\"><li>nine</li><li>ten, which wraps</li>"
	    "<li>eleven<ol><li>inner</li><li value=\"5\">five</li>"
	    "<li>six</li></ol></li></ol>", 14, 0,
	    "9. nine",
	    "10. ten, which",
	    "    wraps",
	    "11. eleven",
	    "    1. inner",
	    "    5. five",
	    "    6. six");
}

static void
test_list_item_starts_with_br(void **state)
{
	(void)state;
	/* The empty line does not use up the bullet. */
	CHECK("<p>a</p><ul><li><br>x</li><li><pre>\n\ny</pre></li></ul>", 40,
	    0, "a", "", "\xe2\x80\xa2 x", "", "\xe2\x80\xa2 y");
}

static void
test_list_loose_items(void **state)
{
	(void)state;
	CHECK("<ul><li><p>first</p><p>more</p></li><li><p>second</p></li>"
	    "</ul>", 40, 0,
	    "\xe2\x80\xa2 first", "", "  more", "", "\xe2\x80\xa2 second");
}

static void
test_blockquote(void **state)
{
	struct html_doc	doc;
	const char	*html = "<p>He said:</p><blockquote><p>quoted text "
	    "that wraps</p><p>again</p></blockquote><p>after</p>";

	(void)state;
	CHECK(html, 16, 0,
	    "He said:", "", "> quoted text", "> that wraps", ">", "> again",
	    "", "after");
	assert_int_equal(html_render(html, strlen(html), 16, 0, &doc, NULL),
	    NR_OK);
	assert_int_equal(doc.styles[2], NR_HTML_QUOTE);
	assert_int_equal(doc.styles[4], NR_HTML_QUOTE);
	assert_int_equal(doc.styles[7], NR_HTML_PLAIN);
	html_doc_clear(&doc);
}

static void
test_nested_blockquote(void **state)
{
	(void)state;
	CHECK("<blockquote>outer<blockquote>inner<blockquote>deepest"
	    "</blockquote></blockquote>back</blockquote>", 40, 0,
	    "> outer", ">", "> > inner", "> >", "> > > deepest", ">",
	    "> back");
}

static void
test_quote_in_list(void **state)
{
	(void)state;
	CHECK("<ul><li><blockquote><p>a</p><p>b</p></blockquote></li></ul>",
	    40, 0, "\xe2\x80\xa2 > a", "  >", "  > b");
}

static void
test_pre(void **state)
{
	struct html_doc	doc;
	const char	*html = "<p>code:</p><pre>\nint\tx;\n  if (a &lt; b)"
	    "\n\n\treturn; /* a comment longer than the width */\n</pre>"
	    "<p>after</p>";

	(void)state;
	CHECK(html, 20, 0,
	    "code:", "", "int     x;", "  if (a < b)", "",
	    "        return; /* a comment longer than the width */", "",
	    "after");
	assert_int_equal(html_render(html, strlen(html), 20, 0, &doc, NULL),
	    NR_OK);
	assert_int_equal(doc.styles[2], NR_HTML_PRE);
	assert_int_equal(doc.styles[4], NR_HTML_PRE);
	html_doc_clear(&doc);
}

static void
test_pre_keeps_blank_lines(void **state)
{
	(void)state;
	CHECK("<pre>a\n\n\nb</pre>", 20, 0, "a", "", "", "b");
}

static void
test_img(void **state)
{
	(void)state;
	CHECK("<p>A <img src=\"a.png\" alt=\"red  cat\"> and "
	    "<img src=b.png> and <img src=c.png alt=\"\">.</p>", 60, 0,
	    "A [image: red cat] and [image] and .");
}

static void
test_links(void **state)
{
	struct html_doc	doc;
	const char	*html = "<p>See <a href=\"https://a.example/x?a=1"
	    "&amp;"
	    "b=2\">the docs</a> and <a href='https://b.example/'>this "
	    "</a>page, or <a href=\"https://a.example/x?a=1&b=2\">again</a>."
	    "</p>";

	(void)state;
	CHECK(html, 40, 0,
	    "See the docs[1] and this[2] page, or",
	    "again[1].",
	    "",
	    "[1] https://a.example/x?a=1&b=2",
	    "[2] https://b.example/");
	assert_int_equal(html_render(html, strlen(html), 40, 0, &doc, NULL),
	    NR_OK);
	assert_int_equal(doc.nlinks, 2);
	assert_string_equal(doc.links[0], "https://a.example/x?a=1&b=2");
	assert_string_equal(doc.links[1], "https://b.example/");
	assert_int_equal(doc.styles[doc.nlines - 1], NR_HTML_LINK);
	html_doc_clear(&doc);
}

static void
test_link_list_wraps(void **state)
{
	(void)state;
	CHECK("<a href=\"https://example.com/a/very/long/path\">x</a>", 20,
	    0, "x[1]", "", "[1] https://example.", "    com/a/very/long/",
	    "    path");
}

static void
test_link_nolinklist(void **state)
{
	struct html_doc	doc;
	const char	*html = "<a href=\"https://e.example/\">x</a>";

	(void)state;
	CHECK(html, 20, NR_HTML_NOLINKLIST, "x[1]");
	assert_int_equal(html_render(html, strlen(html), 20,
	    NR_HTML_NOLINKLIST, &doc, NULL), NR_OK);
	assert_int_equal(doc.nlinks, 1);
	html_doc_clear(&doc);
}

static void
test_link_without_href(void **state)
{
	(void)state;
	CHECK("<a name=\"top\">anchor</a> <a href=\"#top\">up</a> "
	    "<a href=\"  \">blank</a>", 40, 0, "anchor up blank");
}

static void
test_link_block_content(void **state)
{
	(void)state;
	CHECK("<a href=\"https://e.example/\"><p>Title</p><p>Body</p></a>"
	    "<a href=\"https://f.example/\"><img src=x alt=\"\"></a>", 40, 0,
	    "Title[1]", "", "Body[1]", "", "[2]", "", "[1] https://e.example/",
	    "[2] https://f.example/");
}

static void
test_link_unsafe(void **state)
{
	struct html_doc	doc;
	const char	*html = "<a href=\"javascript:alert(1)\">a</a> "
	    "<a href=\" JaVa&#x09;Script&colon;alert(document.cookie + "
	    "document.domain)\">b</a> <a href=\"data:text/html,x\">c</a> "
	    "<a href=\"/relative\">d</a> <a href=\"mailto:x@y\">e</a>";

	(void)state;
	CHECK(html, 80, 0,
	    "a[1] b[2] c[3] d[4] e[5]",
	    "",
	    "[1] javascript:alert(1) (not opened)",
	    "[2] JaVaScript:alert(document.cookie + docum\xe2\x80\xa6 (not "
	    "opened)",
	    "[3] data:text/html,x (not opened)",
	    "[4] /relative",
	    "[5] mailto:x@y");
	assert_int_equal(html_render(html, strlen(html), 80, 0, &doc, NULL),
	    NR_OK);
	assert_string_equal(doc.links[1],
	    "JaVaScript:alert(document.cookie + document.domain)");
	html_doc_clear(&doc);
}

static void
test_link_is_safe(void **state)
{
	(void)state;
	assert_true(html_link_is_safe("https://example.com/"));
	assert_true(html_link_is_safe("HTTP://example.com/"));
	assert_true(html_link_is_safe("mailto:a@b"));
	assert_true(html_link_is_safe("/path:with:colons"));
	assert_true(html_link_is_safe("page.html?a=b:c"));
	assert_true(html_link_is_safe("//cdn.example/x"));
	assert_false(html_link_is_safe("javascript:alert(1)"));
	assert_false(html_link_is_safe(" \tjava\nscript:alert(1)"));
	assert_false(html_link_is_safe("vbscript:x"));
	assert_false(html_link_is_safe("data:text/html,x"));
	assert_false(html_link_is_safe("file:///etc/passwd"));
	assert_false(html_link_is_safe("averyveryverylongscheme:x"));
}

static void
test_hr(void **state)
{
	(void)state;
	CHECK("<p>a</p><hr><p>b</p>", 6, 0, "a", "",
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80", "", "b");
	CHECK("a<hr/>b", 5, NR_HTML_ASCII, "a", "", "-----", "", "b");
}

static void
test_table(void **state)
{
	(void)state;
	CHECK("<p>t:</p><table>\n<tr><th>Name</th> <th>Value</th></tr>\n"
	    "<tr><td>a</td><td><p>1</p></td></tr><tr><td></td><td>2</td>"
	    "</tr></table><p>after</p>", 40, 0,
	    "t:", "", "Name | Value", "a | 1", "| 2", "", "after");
}

static void
test_table_implicit_closes(void **state)
{
	(void)state;
	CHECK("<table><tr><td>a<td>b<tr><td>c<td>d</table>x", 40, 0,
	    "a | b", "c | d", "", "x");
}

static void
test_definition_list(void **state)
{
	(void)state;
	CHECK("<dl><dt>term</dt><dd>meaning</dd><dt>t2<dd>m2</dl>", 40, 0,
	    "term", "    meaning", "t2", "    m2");
}

static void
test_entities_named(void **state)
{
	(void)state;
	CHECK("<p>&lt;&gt;&amp;&quot;&apos; &eacute;&Omega;&hellip;&euro;"
	    "&thetasym;&zwj;x &rsquo;&mdash;&copy;&reg;&trade;</p>", 40, 0,
	    "<>&\"' \xc3\xa9\xce\xa9\xe2\x80\xa6\xe2\x82\xac\xcf\x91"
	    "\xe2\x80\x8dx \xe2\x80\x99\xe2\x80\x94\xc2\xa9\xc2\xae"
	    "\xe2\x84\xa2");
}

static void
test_entities_numeric(void **state)
{
	(void)state;
	CHECK("&#65;&#x42;&#X43;&#0068 &#x1F600; &#150;", 40, 0,
	    "ABCD \xf0\x9f\x98\x80 \xe2\x80\x93");
}

static void
test_entities_invalid_numeric(void **state)
{
	(void)state;
	CHECK("a&#0;b&#xD800;c&#x110000;d&#99999999999999999999;e", 40, 0,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd"
	    "d\xef\xbf\xbd" "e");
}

static void
test_entities_unknown_and_bare(void **state)
{
	(void)state;
	CHECK("AT&T &bogus; &amp &copy2023 &lt3 & &# &#x; &hellip &nbsp;",
	    60, 0, "AT&T &bogus; & \xc2\xa9" "2023 <3 & &# &#x; &hellip");
}

static void
test_entities_controls_dropped(void **state)
{
	(void)state;
	CHECK("a&#27;[31mb&#x9b;c&#7;d&#x202E;e&#127;f", 40, 0,
	    "a[31mb\xe2\x80\xba" "cdef");
}

static void
test_pre_control_refs(void **state)
{
	(void)state;
	/* Found by the fuzzer: &#xc; (form feed) went into a pre line. */
	CHECK("<pre>a&#xc;b&#13;c&#10;d&#9;e</pre>", 20, 0, "a b c",
	    "d       e");
}

static void
test_pre_in_heading(void **state)
{
	struct html_doc	doc;
	const char	*html = "<h4>t<pre>a long line in a pre</pre></h4>";

	(void)state;
	/* Found by the fuzzer: pre lines in a heading were not PRE. */
	CHECK(html, 8, 0, "t", "", "a long line in a pre");
	assert_int_equal(html_render(html, strlen(html), 8, 0, &doc, NULL),
	    NR_OK);
	assert_int_equal(doc.styles[0], NR_HTML_HEADING);
	assert_int_equal(doc.styles[2], NR_HTML_PRE);
	html_doc_clear(&doc);
}

static void
test_dropped_elements(void **state)
{
	(void)state;
	CHECK("<!DOCTYPE html><?xml version=\"1.0\"?><html><head><title>"
	    "Title</title><meta charset=utf-8><style>p { color: red }"
	    "</style><script>document.write(\"<p>no</p>\")</script></head>"
	    "<body><!-- a <p>comment</p> --><p>text</p><svg><text>no</text>"
	    "</svg><template><p>no</p></template><SCRIPT type=x>no"
	    "</SCRIPT >end</body></html>", 40, 0, "text", "", "end");
}

static void
test_comments(void **state)
{
	(void)state;
	CHECK("a<!---->b<!-->c<!--->d<!-- x -- y -->e<!-- unclosed", 40, 0,
	    "abcde");
}

static void
test_whitespace_collapsed(void **state)
{
	(void)state;
	CHECK("  <p>  a \t\n  b<b> c </b> d  </p>  ", 40, 0, "a b c d");
	CHECK("<p>x&nbsp;&nbsp;y</p>", 40, 0, "x  y");
}

static void
test_nbsp_does_not_break(void **state)
{
	(void)state;
	CHECK("aaaa bb&nbsp;cc", 6, 0, "aaaa", "bb cc");
}

static void
test_broken_unclosed(void **state)
{
	(void)state;
	CHECK("<p>one<p>two<ul><li>three<li>four<blockquote>five", 40, 0,
	    "one", "", "two", "", "\xe2\x80\xa2 three", "\xe2\x80\xa2 four",
	    "", "  > five");
}

static void
test_broken_stray_lt(void **state)
{
	(void)state;
	CHECK("a < b, 1<2, <3 and x<", 40, 0, "a < b, 1<2, <3 and x<");
	CHECK("text <", 40, 0, "text <");
	CHECK("text </", 40, 0, "text </");
}

static void
test_broken_tag_at_end(void **state)
{
	(void)state;
	CHECK("text <a href=\"x", 40, 0, "text");
	CHECK("text <b", 40, 0, "text");
	CHECK("text <!-- x", 40, 0, "text");
	CHECK("<", 40, 0, "<");
}

static void
test_broken_attributes(void **state)
{
	(void)state;
	CHECK("<a href=https://e.example/x?y=1 class=z>a</a>"
	    "<img alt=cat src=x> <img alt src=x> <ol start=>"
	    "<li>i</ol><a HREF = 'https://f.example/' disabled>b</a>"
	    "<p =x>c</p>", 40, 0,
	    "a[1][image: cat]", "", "1. i", "", "b[2]", "", "c", "",
	    "[1] https://e.example/x?y=1", "[2] https://f.example/");
}

static void
test_broken_mismatched(void **state)
{
	(void)state;
	CHECK("<b><i>bold</b> italic</i> </ul></li></blockquote></a></pre>"
	    "<ul><li>x</ol></li></ul>y</td></tr></table>", 40, 0,
	    "bold italic", "", "\xe2\x80\xa2 x", "", "y");
}

static void
test_deep_nesting(void **state)
{
	struct html_doc	 doc;
	struct strbuf	 sb;
	int		 i;

	(void)state;
	strbuf_init(&sb, 0);
	for (i = 0; i < 20000; i++)
		strbuf_adds(&sb, "<blockquote><ul><li><div><b>");
	strbuf_adds(&sb, "deep text that wraps around several times here");
	for (i = 0; i < 20000; i++)
		strbuf_adds(&sb, "</b></div></li></ul></blockquote>");
	strbuf_adds(&sb, "<p>after</p>");
	assert_int_equal(html_render(sb.buf, sb.len, 40, 0, &doc, NULL),
	    NR_OK);
	assert_fits(&doc, 40);
	assert_true(doc.nlines >= 2);
	assert_string_equal(doc.lines[doc.nlines - 1], "after");
	html_doc_clear(&doc);
	strbuf_clear(&sb);
}

static void
test_deep_many_items(void **state)
{
	struct html_doc	 doc;
	struct strbuf	 sb;
	clock_t		 t0;
	int		 i;

	(void)state;
	/* 1 MB of list items at the depth limit stays linear. */
	strbuf_init(&sb, 0);
	for (i = 0; i < 300; i++)
		strbuf_adds(&sb, "<ul><li><blockquote>");
	while (sb.len < 1024 * 1024)
		strbuf_adds(&sb, "<li>x ");
	t0 = clock();
	assert_int_equal(html_render(sb.buf, sb.len, 80, 0, &doc, NULL),
	    NR_OK);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	assert_fits(&doc, 80);
	html_doc_clear(&doc);
	strbuf_clear(&sb);
}

static void
test_deep_indent_capped(void **state)
{
	struct strbuf	sb;
	int		i;

	(void)state;
	strbuf_init(&sb, 0);
	for (i = 0; i < 30; i++)
		strbuf_adds(&sb, "<blockquote>");
	strbuf_adds(&sb, "word word word word word");
	/* Half the width at most goes to the prefix. */
	CHECK(sb.buf, 24, 0, "> > > > > > word word", "> > > > > > word word",
	    "> > > > > > word");
	strbuf_clear(&sb);
}

static void
test_wrap_cjk_edge(void **state)
{
	(void)state;
	/* Ten wide characters: five fit in 10 columns, four in 9. */
	CHECK("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
	    "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87",
	    10, 0,
	    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad",
	    "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87");
	CHECK("ab\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87", 9, 0,
	    "ab\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad",
	    "\xe6\x96\x87");
}

static void
test_wrap_cjk_odd_width(void **state)
{
	(void)state;
	/* "x" then wide characters: 1 + 2 + 2 = 5, the next would be 7. */
	CHECK("x \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6, 0,
	    "x \xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e");
}

static void
test_wrap_cyrillic(void **state)
{
	(void)state;
	/* "Privet, mir! S'esh'" at width 12: one column a letter. */
	CHECK("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, "
	    "\xd0\xbc\xd0\xb8\xd1\x80! \xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88"
	    "\xd1\x8c", 12, 0,
	    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, "
	    "\xd0\xbc\xd0\xb8\xd1\x80!",
	    "\xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88\xd1\x8c");
}

static void
test_wrap_cyrillic_long_word(void **state)
{
	(void)state;
	/* 14 Cyrillic letters at width 5: cut between letters. */
	CHECK("\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4\xd0\xb5\xd0\xb6"
	    "\xd0\xb7\xd0\xb8\xd0\xb9\xd0\xba\xd0\xbb\xd0\xbc\xd0\xbd", 5, 0,
	    "\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4",
	    "\xd0\xb5\xd0\xb6\xd0\xb7\xd0\xb8\xd0\xb9",
	    "\xd0\xba\xd0\xbb\xd0\xbc\xd0\xbd");
}

static void
test_wrap_combining(void **state)
{
	(void)state;
	/* "cafe" + U+0301 is four columns; it fits a width of 4. */
	CHECK("cafe\xcc\x81 cafe\xcc\x81", 4, 0, "cafe\xcc\x81",
	    "cafe\xcc\x81");
	/* A hard break never separates a mark from its base. */
	CHECK("abce\xcc\x81\xcc\x82" "fgh", 4, 0, "abce\xcc\x81\xcc\x82",
	    "fgh");
}

static void
test_wrap_long_word(void **state)
{
	(void)state;
	CHECK("see https://example.com/a/very/long/url/that/goes/on ok", 16,
	    0, "see", "https://example.", "com/a/very/long/",
	    "url/that/goes/on", "ok");
}

static void
test_wrap_exact_width(void **state)
{
	(void)state;
	CHECK("abcd efgh ij", 9, 0, "abcd efgh", "ij");
	CHECK("abcd efghi", 9, 0, "abcd", "efghi");
}

static void
test_wbr(void **state)
{
	(void)state;
	CHECK("aaaa<wbr>bbbb<wbr>cccc", 9, 0, "aaaabbbb", "cccc");
}

static void
test_huge_input(void **state)
{
	struct html_doc	 doc;
	struct strbuf	 sb;
	clock_t		 t0;
	size_t		 i, words = 0, got = 0;
	char		*p;
	double		 secs;

	(void)state;
	strbuf_init(&sb, 0);
	while (sb.len < 1024 * 1024) {
		strbuf_adds(&sb, "lorem <b>ipsum</b> dolor&amp;sit "
		    "\xd0\xb0\xd0\xb1\xd0\xb2 \xe4\xb8\xad\xe6\x96\x87 ");
		words += 5;
	}
	t0 = clock();
	assert_int_equal(html_render(sb.buf, sb.len, 72, 0, &doc, NULL),
	    NR_OK);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 5.0);
	assert_fits(&doc, 72);
	for (i = 0; i < doc.nlines; i++) {
		for (p = doc.lines[i]; (p = strchr(p, ' ')) != NULL; p++)
			got++;
		got++;
	}
	/* Every word survives: spaces + lines == words (dolor&sit is one). */
	assert_int_equal(got, words);
	html_doc_clear(&doc);

	/* One 1 MB word, one 1 MB pre line, many links: still bounded. */
	strbuf_reset(&sb);
	for (i = 0; i < 1024 * 1024; i++)
		strbuf_addc(&sb, 'x');
	assert_int_equal(html_render(sb.buf, sb.len, 80, 0, &doc, NULL),
	    NR_OK);
	assert_int_equal(doc.nlines, (1024 * 1024 + 79) / 80);
	html_doc_clear(&doc);
	strbuf_reset(&sb);
	strbuf_adds(&sb, "<pre>");
	for (i = 0; i < 1024 * 1024; i++)
		strbuf_addc(&sb, '\t');
	assert_int_equal(html_render(sb.buf, sb.len, 80, 0, &doc, NULL),
	    NR_OK);
	html_doc_clear(&doc);
	strbuf_reset(&sb);
	for (i = 0; sb.len < 1024 * 1024; i++)
		strbuf_addf(&sb, "<a href=\"https://e.example/%zu\">%zu</a>",
		    i % 5000, i);
	t0 = clock();
	assert_int_equal(html_render(sb.buf, sb.len, 80, 0, &doc, NULL),
	    NR_OK);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 5.0);
	assert_int_equal(doc.nlinks, 5000);
	html_doc_clear(&doc);
	strbuf_clear(&sb);
}

static void
test_escapes_stripped(void **state)
{
	struct html_doc	doc;
	const char	*html = "<p>\x1b[31mred\x1b[0m \x1b]0;title\x07"
	    "plain\x9b" "2J \xc2\x9b" "2Jx\rback\x08</p><a href=\"https://"
	    "e.example/\x1b]8;;https://evil/\x1b\\a\x1b[2Jb\">l\x1b[1mink</a>"
	    "<img alt=\"c\x1b[5mat\">";

	(void)state;
	CHECK(html, 40, 0, "red plain\xef\xbf\xbd" "2J x back", "",
	    "link[1][image: cat]", "", "[1] https://e.example/ab");
	assert_int_equal(html_render(html, strlen(html), 40, 0, &doc, NULL),
	    NR_OK);
	assert_string_equal(doc.links[0], "https://e.example/ab");
	html_doc_clear(&doc);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	CHECK("a\xff" "b\xc0" "c", 40, 0,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c");
}

static void
test_nul_bytes(void **state)
{
	struct html_doc	doc;
	const char	html[] = "a\0b<p>c</p>";

	(void)state;
	assert_int_equal(html_render(html, sizeof(html) - 1, 40, 0, &doc,
	    NULL), NR_OK);
	assert_int_equal(doc.nlines, 3);
	assert_string_equal(doc.lines[0], "ab");
	assert_string_equal(doc.lines[2], "c");
	html_doc_clear(&doc);
}

static void
test_cdata_and_q(void **state)
{
	(void)state;
	CHECK("<![CDATA[<b>&amp;</b>]]> <q>hi</q>", 40, 0,
	    "<b>&amp;</b> \xe2\x80\x9chi\xe2\x80\x9d");
	CHECK("<q>hi</q>", 40, NR_HTML_ASCII, "\"hi\"");
}

static void
test_xhtml_prefixes_and_selfclose(void **state)
{
	(void)state;
	CHECK("<xhtml:p>a</xhtml:p><a name=\"x\"/><script src=\"x\"/>"
	    "<xhtml:p>b</xhtml:p>", 40, 0, "a", "", "b");
}

static void
test_empty_input(void **state)
{
	struct html_doc	doc;

	(void)state;
	assert_int_equal(html_render(NULL, 0, 40, 0, &doc, NULL), NR_OK);
	assert_int_equal(doc.nlines, 0);
	html_doc_clear(&doc);
	assert_int_equal(html_render("<p> </p><br><!-- -->", 20, 40, 0, &doc,
	    NULL), NR_OK);
	assert_int_equal(doc.nlines, 0);
	html_doc_clear(&doc);
	html_doc_clear(NULL);
}

static void
test_bad_width(void **state)
{
	struct html_doc	doc;
	char		err[NR_ERRBUF_SIZE];

	(void)state;
	err[0] = '\0';
	assert_int_equal(html_render("x", 1, 3, 0, &doc, err), NR_EUSAGE);
	assert_true(err[0] != '\0');
	assert_int_equal(doc.nlines, 0);
	assert_null(doc.lines);
	assert_int_equal(html_render_text("x", 1, -1, 0, &doc, NULL),
	    NR_EUSAGE);
	CHECK("abcdefgh", 4, 0, "abcd", "efgh");
}

static void
test_text_paragraph_two_lines(void **state)
{
	(void)state;
	CHECK_TEXT("The US and its allies slapped packages of sanctions\n"
	    "shortly after Moscow began.\nNext paragraph.\n", 30,
	    "The US and its allies slapped",
	    "packages of sanctions",
	    "shortly after Moscow began.",
	    "Next paragraph.");
}

static void
test_text_blank_lines(void **state)
{
	(void)state;
	CHECK_TEXT("\n\n  first   line \r\n\r\n\n\t\nsecond <b>not a tag</b> "
	    "&amp;\n\n", 40,
	    "first line", "", "second <b>not a tag</b> &amp;");
}

static void
test_text_escapes(void **state)
{
	(void)state;
	CHECK_TEXT("\x1b[2Jclear\x1b]52;c;Zm9v\x07 me", 40, "clear me");
}

static void
test_looks_like_html(void **state)
{
	(void)state;
	assert_true(html_looks_like_html("<p>x</p>", 8));
	assert_true(html_looks_like_html("text<br/>more", 13));
	assert_true(html_looks_like_html("a</A>", 5));
	assert_true(html_looks_like_html("<!-- c -->", 10));
	assert_true(html_looks_like_html("<!DOCTYPE html>", 15));
	assert_true(html_looks_like_html("x <img src=y>", 13));
	assert_false(html_looks_like_html("a < b and c > d", 15));
	assert_false(html_looks_like_html("1<2", 3));
	assert_false(html_looks_like_html("<foo>bar</foo>", 14));
	assert_false(html_looks_like_html("<pp>", 4));
	assert_false(html_looks_like_html("Tom &amp; Jerry", 15));
	assert_false(html_looks_like_html("", 0));
	assert_true(html_looks_like_html("<p", 2));
}

static void
test_fuzz_regressions(void **state)
{
	static const char *const inputs[] = {
		"<ul><li><pre>\n</pre><li>",
		"<a href=x><a href=y>",
		"<table><td><hr><pre>x\ty</pre></td>",
		"<h1><h2>x</h1></h2>",
		"<ol start=-2147483648><li>x<li value=2147483647>y<li>z",
		"&#x",
		"&",
		"<a href=\"&#",
		"<pre>a&#xc;b&#13;c&#x0d;&#x0a;d</pre>",
		"<pre>\xf3\xf3ple&#xamp;&#xcolgroup4\xc3;</pre>",
	};
	struct html_doc	doc;
	size_t		i;
	int		w;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		for (w = NR_HTML_MINWIDTH; w < 12; w++) {
			assert_int_equal(html_render(inputs[i],
			    strlen(inputs[i]), w, 0, &doc, NULL), NR_OK);
			assert_fits(&doc, w);
			html_doc_clear(&doc);
		}
	}
}

/* The feed links of a page: shapes, skipping, the cap. */
static void
test_feed_links(void **state)
{
	struct html_feed_link	*v;
	struct strbuf		 sb;
	char			*base;
	size_t			 n, i;
	const char		*page =
	    "<!-- <link rel=alternate type=application/rss+xml href=c> -->"
	    "<script>x='<link rel=\"alternate\" type=\"application/rss+xml\""
	    " href=\"s\">'</script>"
	    "<base href=' /b/ '><base href=/second/>"
	    "<LINK Rel=\"Alternate Home\" Type=\"Application/Atom+XML; q=1\""
	    " HREF=\"a.xml?x=1&amp;y=2\" TITLE=\"A &amp; B\">"
	    "<link rel=alternate type=application/json href=/wp-json>"
	    "<link rel=stylesheet type=application/rss+xml href=no>"
	    "<link rel=alternate type=application/rss+xml>"
	    "<link rel='alternate' type='application/feed+json' href='j'"
	    " title='\x1b[31mred'>"
	    "</link><link rel=alternate type=application/rdf+xml href=r/>"
	    "<link rel=alternate type=application/rss+xml href=\"cut";
	static const char	 nul[] = "<base href=\"\0y\"><link "
	    "rel=alternate type=application/rss+xml href=\"\0x\">";

	(void)state;
	n = html_feed_links(page, strlen(page), &v, &base);
	assert_int_equal(n, 3);
	assert_string_equal(base, "/b/");
	assert_string_equal(v[0].href, "a.xml?x=1&y=2");
	assert_string_equal(v[0].type, "application/atom+xml");
	assert_string_equal(v[0].title, "A & B");
	assert_string_equal(v[1].href, "j");
	assert_string_equal(v[1].type, "application/feed+json");
	assert_null(strchr(v[1].title, '\x1b'));
	assert_string_equal(v[2].href, "r/");
	assert_null(v[2].title);
	html_feed_links_free(v, n);
	free(base);

	/* A raw NUL in an href is no link. */
	n = html_feed_links(nul, sizeof nul - 1, &v, &base);
	assert_int_equal(n, 0);
	assert_null(base);

	n = html_feed_links("<p>no links</p>", 15, &v, &base);
	assert_int_equal(n, 0);
	assert_null(v);
	assert_null(base);

	strbuf_init(&sb, 0);
	for (i = 0; i < 1000; i++)
		strbuf_adds(&sb, "<link rel=alternate "
		    "type=application/rss+xml href=x>");
	n = html_feed_links(sb.buf, sb.len, &v, &base);
	assert_int_equal(n, NR_HTML_FEED_LINKS_MAX);
	html_feed_links_free(v, n);
	strbuf_clear(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_text_outside_p),
		cmocka_unit_test(test_br),
		cmocka_unit_test(test_div_breaks_lines),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_heading_wrapped_underline),
		cmocka_unit_test(test_ul),
		cmocka_unit_test(test_ul_ascii),
		cmocka_unit_test(test_nested_lists),
		cmocka_unit_test(test_ol),
		cmocka_unit_test(test_ol_start_and_nested),
		cmocka_unit_test(test_list_item_starts_with_br),
		cmocka_unit_test(test_list_loose_items),
		cmocka_unit_test(test_blockquote),
		cmocka_unit_test(test_nested_blockquote),
		cmocka_unit_test(test_quote_in_list),
		cmocka_unit_test(test_pre),
		cmocka_unit_test(test_pre_keeps_blank_lines),
		cmocka_unit_test(test_img),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_link_list_wraps),
		cmocka_unit_test(test_link_nolinklist),
		cmocka_unit_test(test_link_without_href),
		cmocka_unit_test(test_link_block_content),
		cmocka_unit_test(test_link_unsafe),
		cmocka_unit_test(test_link_is_safe),
		cmocka_unit_test(test_hr),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_implicit_closes),
		cmocka_unit_test(test_definition_list),
		cmocka_unit_test(test_entities_named),
		cmocka_unit_test(test_entities_numeric),
		cmocka_unit_test(test_entities_invalid_numeric),
		cmocka_unit_test(test_entities_unknown_and_bare),
		cmocka_unit_test(test_entities_controls_dropped),
		cmocka_unit_test(test_pre_control_refs),
		cmocka_unit_test(test_pre_in_heading),
		cmocka_unit_test(test_dropped_elements),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_whitespace_collapsed),
		cmocka_unit_test(test_nbsp_does_not_break),
		cmocka_unit_test(test_broken_unclosed),
		cmocka_unit_test(test_broken_stray_lt),
		cmocka_unit_test(test_broken_tag_at_end),
		cmocka_unit_test(test_broken_attributes),
		cmocka_unit_test(test_broken_mismatched),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_deep_many_items),
		cmocka_unit_test(test_deep_indent_capped),
		cmocka_unit_test(test_wrap_cjk_edge),
		cmocka_unit_test(test_wrap_cjk_odd_width),
		cmocka_unit_test(test_wrap_cyrillic),
		cmocka_unit_test(test_wrap_cyrillic_long_word),
		cmocka_unit_test(test_wrap_combining),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wrap_exact_width),
		cmocka_unit_test(test_wbr),
		cmocka_unit_test(test_huge_input),
		cmocka_unit_test(test_escapes_stripped),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_cdata_and_q),
		cmocka_unit_test(test_xhtml_prefixes_and_selfclose),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_bad_width),
		cmocka_unit_test(test_text_paragraph_two_lines),
		cmocka_unit_test(test_text_blank_lines),
		cmocka_unit_test(test_text_escapes),
		cmocka_unit_test(test_looks_like_html),
		cmocka_unit_test(test_fuzz_regressions),
		cmocka_unit_test(test_feed_links),
	};

	return (cmocka_run_group_tests(tests, setup_locale, NULL));
}
