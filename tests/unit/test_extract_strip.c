/* extract_strip: the pass that cuts script, style and comment bodies. */
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

/* Assert that the pass turns in into out (NULL: nothing is cut). */
static void
strip_is(const char *in, const char *out)
{
	char	*got;
	size_t	 len = 12345;

	got = extract_strip(in, strlen(in), &len);
	if (out == NULL) {
		if (got != NULL)
			fail_msg("cut \"%s\" to \"%s\"", in, got);
		return;
	}
	if (got == NULL)
		fail_msg("nothing cut in \"%s\"", in);
	assert_string_equal(got, out);
	assert_int_equal(len, strlen(out));
	free(got);
}

/* Script bodies go; the tags and everything around them stay. */
static void
test_script(void **state)
{
	(void)state;
	strip_is("<p>a</p><script>var x = \"<p>\";</script><p>b</p>",
	    "<p>a</p><script></script><p>b</p>");
	strip_is("<script src=\"/a.js\" async>if (a<b && c>d) x();</script>t",
	    "<script src=\"/a.js\" async></script>t");
	strip_is("<p>no script here</p>", NULL);
	strip_is("<script></script>", NULL);
}

/* "</script" ends it in any case, then white space, '/' or '>'. */
static void
test_script_end_case(void **state)
{
	(void)state;
	strip_is("<SCRIPT>x</ScRiPt >y", "<SCRIPT></ScRiPt >y");
	strip_is("<script>x</SCRIPT/>y", "<script></SCRIPT/>y");
	strip_is("<script>x</script\t>y", "<script></script\t>y");
	strip_is("<script>x</script\n>y", "<script></script\n>y");
	strip_is("<Script type=module>x</sCRIPT>y",
	    "<Script type=module></sCRIPT>y");
}

/* </scriptx> and </script1> are text of the script, not its end. */
static void
test_script_not_end(void **state)
{
	(void)state;
	strip_is("<script>a</scriptx>b</script>c", "<script></script>c");
	strip_is("<script>a</script1>b</script>c", "<script></script>c");
	strip_is("<script>a</scrip>b</ script>c</script>d",
	    "<script></script>d");
	/* <scriptx> is another element: its content is markup. */
	strip_is("<scriptx>a</scriptx><p>b</p>", NULL);
}

/* "<!--" in a script: a "<script" inside hides one "</script>". */
static void
test_script_escaped(void **state)
{
	(void)state;
	strip_is("<script><!-- a() </script>b", "<script></script>b");
	strip_is("<script><!-- <script> x </script> --> y</script>z",
	    "<script></script>z");
	strip_is("<script><!-- <script> x </script> y</script>z",
	    "<script></script>z");
	strip_is("<script><!-- <script> x --> y</script>z",
	    "<script></script>z");
	/* "<!-->" is over at once: the first end tag ends the script. */
	strip_is("<script><!--><script></script>z", "<script></script>z");
	/* Unterminated: the rest of the page is the script's. */
	strip_is("<p>a</p><script><!-- <script> </script><p>b</p>",
	    "<p>a</p><script>");
}

/* A comment holding "</script>" is a comment. */
static void
test_comment(void **state)
{
	(void)state;
	strip_is("<!-- </script> --><p>t</p>", "<!----><p>t</p>");
	strip_is("<!-- <script> --><p>t</p><script>x</script>",
	    "<!----><p>t</p><script></script>");
	strip_is("<!-- a -- b --><p>t</p>", "<!----><p>t</p>");
	strip_is("<!-- a --!><p>t</p>", "<!----!><p>t</p>");
	strip_is("<!-- a ---><p>t</p>", "<!-----><p>t</p>");
	/* "<!-->" and "<!--->" end where they start. */
	strip_is("<!-->t<!--->u", NULL);
	strip_is("<!-->t<!-- x -->u", "<!-->t<!---->u");
	/* To the end of the page when it is never closed. */
	strip_is("<p>t</p><!-- x", "<p>t</p><!--");
	/* A DOCTYPE or bogus comment ends at its first '>'. */
	strip_is("<!DOCTYPE html \"a>b\"><script>x</script>",
	    "<!DOCTYPE html \"a>b\"><script></script>");
	strip_is("<? x ><!-- y -->", "<? x ><!---->");
}

/* "<script>" and "<!--" in attribute values are not markup. */
static void
test_attribute(void **state)
{
	(void)state;
	strip_is("<a title=\"<script>\">t</a><p title='</script>'>u</p>",
	    NULL);
	strip_is("<div data-x=\"<!--\">text</div>", NULL);
	strip_is("<div data-x=\"a>b\"><!-- c --></div>",
	    "<div data-x=\"a>b\"><!----></div>");
	/* Unquoted values end at white space or '>'. */
	strip_is("<a b=<script>text", NULL);
	/* A quote starts a value only right after '='. */
	strip_is("<a b=x\"<script>\">text", NULL);
	strip_is("<a b\"<!--\">text<!--x-->", "<a b\"<!--\">text<!---->");
	/* In a script's own start tag. */
	strip_is("<script data-x=\"</script>\">a</script>b",
	    "<script data-x=\"</script>\"></script>b");
	/* An end tag has attributes too. */
	strip_is("</p a=\">\"><script>x</script>",
	    "</p a=\">\"><script></script>");
}

/* JSON-LD is kept (extract_meta reads its dates); other JSON goes. */
static void
test_ld_json(void **state)
{
	(void)state;
	strip_is("<script type=\"application/ld+json\">{\"a\":1}</script>"
	    "<script type=application/json>{\"b\":2}</script>",
	    "<script type=\"application/ld+json\">{\"a\":1}</script>"
	    "<script type=application/json></script>");
	strip_is("<script type='Application/LD+JSON'>{}</script>", NULL);
	/* A character reference may spell it: kept. */
	strip_is("<script type=\"application/ld&#43;json\">{}</script>",
	    NULL);
}

/* Style bodies go as script bodies do, without the escaped states. */
static void
test_style(void **state)
{
	(void)state;
	strip_is("<style>p { color: red }</style ><p>x</p>",
	    "<style></style ><p>x</p>");
	strip_is("<style><!-- </style><p>x</p> --></style>",
	    "<style></style><p>x</p> --></style>");
	strip_is("<STYLE>a{}</styles></STYLE>b", "<STYLE></STYLE>b");
}

/* Where the parser's state is not known, nothing more is cut. */
static void
test_stops(void **state)
{
	(void)state;
	/* In SVG, <script> and <style> are markup. */
	strip_is("<svg><script>a</script></svg><script>b</script>", NULL);
	strip_is("<svg><style>a</style></svg><script>b</script>", NULL);
	/* Past the SVG, cutting goes on; an icon's title is text. */
	strip_is("<svg><title>Icon</title><path d=\"M0\"/></svg>"
	    "<script>b</script>",
	    "<svg><title>Icon</title><path d=\"M0\"/></svg>"
	    "<script></script>");
	strip_is("<svg/><script>b</script>", "<svg/><script></script>");
	/* Markup in an integration point, CDATA, plaintext. */
	strip_is("<svg><foreignObject><p>a</p></foreignObject></svg>"
	    "<script>b</script>", NULL);
	strip_is("<svg><![CDATA[</svg><script>]]></svg><script>b</script>",
	    NULL);
	strip_is("<plaintext><script>b</script>", NULL);
	strip_is("<frameset><script>b</script>", NULL);
	/* Text of raw text elements is never read as markup. */
	strip_is("<textarea><script>b</script></textarea>", NULL);
	strip_is("<title><!-- a --></title><p>b</p>", NULL);
	strip_is("<title>A title</title><script>b</script>",
	    "<title>A title</title><script></script>");
	/* After a <select> (which ignores <style>), styles stay. */
	strip_is("<select></select><style>a{}</style>", NULL);
	strip_is("<select></select><script>b</script>",
	    "<select></select><script></script>");
}

/* The article around big scripts is found as it is without the pass. */
static void
test_page(void **state)
{
	struct strbuf		 sb;
	struct extract_result	 r, ref;
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 i;
	int			 k;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><head><title>Harbour plan costs more "
	    "now</title><script type=\"application/ld+json\">"
	    "{\"datePublished\":\"2023-04-14T09:15:00Z\"}</script><style>");
	for (k = 0; k < 2000; k++)
		strbuf_adds(&sb, ".a>b{c:d} ");
	strbuf_adds(&sb, "</style></head><body><h1>Harbour plan costs more "
	    "now<script>x()</script></h1><div class=\"article\">");
	for (k = 0; k < 6; k++) {
		strbuf_addf(&sb, "<p>Paragraph %d of the story, with a comma, "
		    "says what the council decided about the harbour.</p>"
		    "<!-- ad --><script>var s = \"<p>not text</p>\";"
		    "<!-- <script> </script> --></script>\n", k);
	}
	strbuf_adds(&sb, "</div><script>");
	for (k = 0; k < 2000; k++)
		strbuf_adds(&sb, "f(\"</scr\" + \"ipt>\"); ");
	strbuf_adds(&sb, "</script></body></html>");
	assert_int_equal(extract_page(strbuf_str(&sb), sb.len, NULL, NULL, &r,
	    errbuf), NR_OK);
	assert_int_equal(extract_page_unstripped(strbuf_str(&sb), sb.len,
	    NULL, NULL, &ref, errbuf), NR_OK);
	assert_int_equal(r.npara, 6);
	assert_int_equal(r.npara, ref.npara);
	for (i = 0; i < r.npara; i++) {
		assert_string_equal(r.paras[i], ref.paras[i]);
		assert_null(strstr(r.paras[i], "not text"));
	}
	assert_string_equal(r.title, ref.title);
	assert_string_equal(r.html, ref.html);
	assert_true(r.published != NR_TIME_NONE);
	assert_true(r.published == ref.published);
	extract_result_free(&r);
	extract_result_free(&ref);
	strbuf_clear(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_script_end_case),
		cmocka_unit_test(test_script_not_end),
		cmocka_unit_test(test_script_escaped),
		cmocka_unit_test(test_comment),
		cmocka_unit_test(test_attribute),
		cmocka_unit_test(test_ld_json),
		cmocka_unit_test(test_style),
		cmocka_unit_test(test_stops),
		cmocka_unit_test(test_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
