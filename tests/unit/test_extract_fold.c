/*
 * extract_fold: runs of text folded before gumbo and given back after
 * it. Each page is parsed as it is and folded (the strip pass with
 * folding, then xfold_expand); the two trees must be the same, but for
 * the bodies of scripts, styles and comments, which the strip pass
 * cuts. Each case also says how many runs it must fold, so a test
 * cannot pass by folding nothing; the anchor cases, how many links
 * (<a> elements folded whole) of them.
 */
#include "nr_config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "newsreader/extract.h"
#include "newsreader/util.h"
#include "extract_int.h"
#include "fold_tree.h"

/*
 * Assert that page parses the same folded, into n folds (or, with
 * links set, n of them links folded whole).
 */
static void
same_tree_k(const char *page, size_t len, size_t n, int links)
{
	struct xfold	 fold;
	char		*a, *b;

	memset(&fold, 0, sizeof fold);
	a = fold_tree(page, len, NULL, 0);
	b = fold_tree(page, len, &fold, 0);
	if (strcmp(a, b) != 0)
		fail_msg("trees differ for \"%.300s\":\n%s\n--- folded:\n%s",
		    page, a, b);
	if ((links ? fold.nanchor : fold.n) != n)
		fail_msg("%zu %s folded in \"%.300s\", not %zu", links ?
		    fold.nanchor : fold.n, links ? "links" : "runs", page, n);
	xfold_free(&fold);
	free(a);
	free(b);
}

static void
same_tree_n(const char *page, size_t len, size_t nfold)
{
	same_tree_k(page, len, nfold, 0);
}

static void
same_tree(const char *page, size_t nfold)
{
	same_tree_k(page, strlen(page), nfold, 0);
}

static void
same_tree_a(const char *page, size_t nanchor)
{
	same_tree_k(page, strlen(page), nanchor, 1);
}

/* Assert that the strip pass folds page into want; fold: its folds. */
static void
folds_into(const char *page, const char *want, struct xfold *fold)
{
	char	*out;
	size_t	 len;

	memset(fold, 0, sizeof *fold);
	out = xstrip(page, strlen(page), &len, fold);
	assert_non_null(out);
	if (want != NULL)
		assert_string_equal(out, want);
	else
		assert_null(strstr(out, "<!--"));
	free(out);
}

/* Runs of text become one character each; short ones stay. */
static void
test_runs(void **state)
{
	struct xfold	 fold;
	size_t		 len;
	const char	*page = "<p>Hello there, world</p><p>short</p>";

	(void)state;
	/* U+F0000: the first fold. */
	folds_into(page, "<p>\xf3\xb0\x80\x80</p><p>short</p>", &fold);
	assert_int_equal(fold.n, 1);
	assert_int_equal(fold.len[0], 18);
	assert_memory_equal(fold.run[0], "Hello there, world", 18);
	xfold_free(&fold);
	/* The plain strip pass folds nothing. */
	assert_null(extract_strip(page, strlen(page), &len));
	same_tree(page, 1);
	same_tree("<div>\n   <p>\n\tA paragraph with spaces  \n  </p>\n</div>",
	    1);
}

/* White space decides the tree in head, table and column group. */
static void
test_white_space(void **state)
{
	(void)state;
	same_tree("<html><head>   text in the head, long<title>t</title>"
	    "</head><body>body text here</body></html>", 2);
	same_tree("  leading text before all<p>x</p>", 1);
	same_tree("<table>  foster parented text <tr><td>a cell, long enough"
	    "</td></tr>   \n</table>", 2);
	same_tree("<table><colgroup>   text in a colgroup<col></colgroup>"
	    "</table>", 1);
	same_tree("<table><tr>   text in a table row here<td>x</td></tr>"
	    "</table>", 1);
	same_tree("<select>   text in a select, long<option>an option here"
	    "</select>", 2);
	/* (Text after the last tag is never folded.) */
	same_tree("<p>x</p></body>   text after the body</html>  after all "
	    "of it", 1);
	same_tree("<p>x</p></body>   text after the body</html>  after all "
	    "of it<p>", 2);
}

/* The line feed right after <pre> goes; it is never folded. */
static void
test_pre(void **state)
{
	(void)state;
	same_tree("<pre>\nthe first line of pre\n  indented</pre>", 1);
	same_tree("<pre>\n\nafter two line feeds</pre>", 1);
	same_tree("<listing>\nthe first line of a listing</listing>", 1);
	/* Raw text: never folded. */
	same_tree("<textarea>\nthe text of an area</textarea>", 0);
	same_tree("<title>a long title of a page</title>", 0);
}

/* '&' and all a reference may take stay as they are. */
static void
test_references(void **state)
{
	(void)state;
	same_tree("<p>&notit; is not in the table, &amp more text here</p>",
	    2);
	/* Only "BCDEFGHIJKLM and ", after the ';'. */
	same_tree("<p>&#x41;BCDEFGHIJKLM and &#65BCDEFGHIJ and &ampxyzxyzxyz"
	    "</p>", 1);
	same_tree("<p>AT&T: &&&&& lonely ampersands, all of them</p>", 1);
}

/* CR, NUL, controls, noncharacters, bad UTF-8: never in a run. */
static void
test_special(void **state)
{
	static const char page[] = "<p>abcdefghijklmn\0opqrstuvwxyz</p>";

	(void)state;
	same_tree("<p>line one is long\r\nline two is long\rline three</p>",
	    3);
	same_tree_n(page, sizeof page - 1, 2);
	same_tree("<p>abcdefghi\x01jklmnopqr\x7fstuvwxyzab"
	    "\xc2\x85 C1 control here \xef\xb7\x90 and a noncharacter "
	    "\xef\xbf\xbe and one more, \xf0\x9f\xbf\xbf then the end</p>", 7);
	same_tree("<p>abcdefghij\xff\xfeklmnopqrstu \xe2\x82 vwxyzabcdef"
	    " \xed\xa0\x80 surrogate \xc0\xaf overlong \xf0\x9f\x98</p>", 5);
	same_tree("<p>\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, "
	    "\xe4\xb8\x96\xe7\x95\x8c \xf0\x9f\x98\x80 and more</p>", 1);
}

/* A page that holds a character of planes 15 or 16 is not folded. */
static void
test_private_planes(void **state)
{
	(void)state;
	same_tree("<p>some text, long enough \xf3\xb0\x80\x80 there</p>", 0);
	same_tree("<p title=\"\xf4\x80\x80\x80\">some text, long enough</p>",
	    0);
	/* Plane 14 is not: folded as any text. */
	same_tree("<p>some text, long \xf3\xa0\x80\x81 enough</p>", 1);
	/* Nor one a numeric reference may give (gumbo's number wraps). */
	same_tree("<p>&#xF0000; some long text here</p>", 0);
	same_tree("<p>&#983041 some long text here</p>", 0);
	same_tree("<p>&#x1000F0000; some long text here</p>", 0);
	same_tree("<p>&#x000000000010fffd; some long text here</p>", 0);
	same_tree("<p>&#xFFFFFFF3;&#xFFFFFFB0;&#xFFFFFF80;&#xFFFFFF80; some "
	    "long text here</p>", 0);
	same_tree("<p>&#xEFFFF;&#0000983039;&#x10; some long text here</p>",
	    1);
}

/* SVG, MathML, raw text, scripts, comments and after the pass stops. */
static void
test_elements(void **state)
{
	(void)state;
	/* Markup in <foreignObject>: the pass stops there. */
	same_tree("<svg><text>a long text in SVG</text><foreignObject><p>"
	    "long html inside</p></foreignObject></svg><p>after SVG, "
	    "long</p>", 1);
	same_tree("<svg><text>a long text in SVG</text></svg><p>after SVG, "
	    "long</p>", 2);
	same_tree("<math><mi>long mi text here</mi></math>", 0);
	same_tree("<p>long text first</p><script>var a = \"long text\";"
	    "</script><style>p { color: red; }</style><!-- a long comment"
	    " --><p>long text after</p>", 2);
	same_tree("<xmp>a long xmp text <b>x</b></xmp><iframe>a long iframe"
	    " text</iframe><noembed>long noembed text</noembed>"
	    "<noframes>long noframes text</noframes><p>long text after</p>",
	    1);
	same_tree("<head><noscript>  long noscript text</noscript></head>"
	    "<body><noscript><p>long noscript text</p></noscript>", 2);
	same_tree("<p>long text first</p><plaintext>long plain <p>text", 1);
	same_tree("<p>long text first</p><frameset>  long frameset text "
	    "</frameset>", 1);
	same_tree("<p>long text first</p><a title='x > y'>long link text</a>",
	    2);
	same_tree("<p>a < b, long text</p><p>c <3 d, long text</p>", 2);
	/* A <col> in a <template>: its text is dropped, white space not. */
	same_tree("<p>long text first</p><template><col>  long text, in two "
	    "</template><p>long text after</p>", 1);
	same_tree("<template><p>long text first</p></template><table><col>"
	    "abcdefgh ijklmnop\n  qrstuvwxyz</table>", 1);
	/* Gumbo closes SVG and MathML only at a bare "</svg>", "</math>". */
	same_tree("<svg></svg ><script><p>long text in a p</p></script>", 0);
	same_tree("<math></math/><style><p>long text in a p</p></style>", 0);
	same_tree("<math></math\n><script></math><</script>", 0);
	same_tree("<svg></SVG>long text after it<style><p></style><p>", 1);
	/* Gumbo loses the '<' after a reference whose sum wraps to -1. */
	same_tree("<p>long text first</p><p>&#xffffffff<script>v</script>",
	    0);
	same_tree("&#00004294967295<style><p>long text</p></style>", 0);
	/* There <script> and <style> are ignored: their text stays. */
	same_tree("<template><col><script> </script><style>\n</style>"
	    "</template>", 0);
}

/* Links of plain text fold whole; their attributes come back. */
static void
test_anchors(void **state)
{
	struct xfold	 fold;
	const char	*page = "<p>See <a href=\"/x?a=1&amp;b=2\">it</a>.</p>";

	(void)state;
	folds_into(page, "<p>See \xf3\xb0\x80\x80.</p>", &fold);
	assert_int_equal(fold.nanchor, 1);
	xfold_free(&fold);
	same_tree_a(page, 1);
	/* Names in any case, values quoted or not, with none, '>'. */
	same_tree_a("<p>a <A HREF='y' Class=Big download>more</a> b <a "
	    "title=\"x > y\" data-x.y:z=\"1\"\t\nhref=/z>z z</A></p>", 2);
	same_tree_a("<a href=\"\">empty value</a><a href=x >sp</a>", 2);
	/* White space around: its own nodes, in head and body. */
	same_tree_a("<div>\n <a href=x>link text</a>\n</div>\n"
	    "<a href=y>two</a><a href=z>three</a>   ", 3);
	same_tree_a("<html><head>\n  <a href=x>early link</a>\n<title>t"
	    "</title></head><body>b</body>", 1);
	same_tree_a("  <a href=x>before all</a>", 1);
	same_tree_a("<ul><li><a href=\"/s\">A related story</a></li><li>"
	    "<a href=\"/t\">another one</a> and text</li></ul>", 2);
	same_tree_a("<p>text <b>bold <a href=x>in bold</a> more</b> after "
	    "<a href=y>out</a></p>", 2);
	/* A <b> left open, cloned before each link: the same either way. */
	same_tree_a("<p><b>bold<p><a href=x>link</a> text <a href=y>y</a>", 2);
	same_tree_a("<pre><a href=x>first line</a>\nsecond</pre>", 1);
	same_tree_a("<p>\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0"
	    "\xb8 <a href=\"/\xe6\x96\xb0\">\xe6\x96\xb0\xe9\x97\xbb</a></p>",
	    1);
	/* Not plain: stays as it is (same tree, nothing folded). */
	same_tree_a("<a href=x>text &amp; more</a>", 0);
	same_tree_a("<a href=\"a&b\">x</a><a href=\"&quot;\">y</a>", 0);
	same_tree_a("<a href=x><b>bold</b></a><a href=x><img src=i></a>", 0);
	same_tree_a("<a href=x href=y>dup</a><a HREF=x href=y>dup</a>", 0);
	same_tree_a("<a/>x</a><a href=x />x</a><a href='x'y>x</a>", 0);
	same_tree_a("<a href=x/>a value \"x/\", not a self-closing tag</a>",
	    1);
	same_tree_a("<pre><a href=x>\nline</a></pre><a href=x>\fff</a>", 0);
	same_tree_a("<a href=x> </a><a href=x>\n\t</a><frameset>", 0);
	same_tree_a("<a href=x\x01>c</a><a href=x>\x01</a><a href=x>\r</a>"
	    "<a href=\"x\ry\">c</a><a =x>c</a><a `x>c</a><a href=a`b>c</a>",
	    0);
	same_tree_a("<a a b c d e f g h i j k l m n o p q>17</a>", 0);
	same_tree_a("<a a b c d e f g h i j k l m n o p>16</a>", 1);
	same_tree_a("<a href=x>no end</a ><p>x</p>", 0);
	same_tree_a("<a href=x>no end", 0);
}

/* Where the tree builder would not add the link as it stands. */
static void
test_anchor_places(void **state)
{
	(void)state;
	/* Tables: foster parenting and white space; after: folded. */
	same_tree_a("<table> <a href=x>in table</a> <tr><td><a href=y>in "
	    "cell</a></table><a href=z>after</a>", 1);
	/* A table closes the one open: counted as two, safe. */
	same_tree_a("<table><table></table><a href=x>in</a></table>"
	    "<a href=z>after</a>", 1);
	same_tree_a("<table><td><svg></table ><a href=x>y</a>", 0);
	/* An <a> left open: the next one closes it. */
	same_tree_a("<a href=1>open<p><a href=2>closes it</a>", 0);
	same_tree_a("<p><a href=1>x</p>text<a href=2>y</a>", 0);
	same_tree_a("<a href=1><b>x</b></a><a href=2>y</a>", 1);
	same_tree_a("<a href=1>x<p>y</a>z</p><a href=2>w</a>", 1);
	/* Scope and marker elements inside an open <a>: no more folding. */
	same_tree_a("<a href=1>x<table><td></a></table><a href=2>y</a>"
	    "<a href=3>z</a>", 0);
	same_tree_a("<a href=1><object></a></object><a href=2>y</a>", 0);
	same_tree_a("<a href=1><div><div><div><div><div>x</a><a href=2>y</a>",
	    0);
	same_tree_a("<a href=1><div><div><div>x</a><a href=2>y</a>", 1);
	same_tree_a("<a href=1><br><img><hr>x</a><a href=2>y</a>", 1);
	/* Select, template, SVG and MathML. */
	same_tree_a("<select><a href=x>in select</a></select><a href=y>y</a>",
	    0);
	same_tree_a("<template><a href=x>in template</a></template>"
	    "<a href=y>y</a>", 0);
	same_tree_a("<svg><a href=x>in svg</a></svg><a href=y>after</a>", 1);
	same_tree_a("<math><a href=x>in math</a></math><a href=z>after</a>",
	    1);
	same_tree_a("<math><mi><a href=y>mi</a></mi></math><a href=z>z</a>",
	    0);
	same_tree_a("<svg><foreignObject><a href=x>html in svg</a>"
	    "</foreignObject></svg>", 0);
}

/*
 * Gumbo holds text back until it inserts or pops a node. </form> takes
 * the form off without that, and the text held back (here the link's
 * character) would go after the form: a comment after the link puts it
 * in place, as the link's end tag did, and goes after the parse.
 */
static void
test_anchor_flush(void **state)
{
	struct xfold	 fold;
	const char	*page = "<form><a href=x>search</a></form>";

	(void)state;
	folds_into(page, "<form>\xf3\xb0\x80\x80<!--\xf3\xb0\x80\x80-->"
	    "</form>", &fold);
	xfold_free(&fold);
	same_tree_a(page, 1);
	same_tree_a("<form>\n<a href=x>search</a> text\n</li></div></form>x",
	    1);
	same_tree_a("<div><form><p>a <a href=x>link</a> c</form>d</div>", 1);
	same_tree_a("<b>x<div>y<a href=x>link</a>z</b>w", 1);
	same_tree_a("<p><i>x<div>y <a href=x>link</a> z</i> w</div>", 1);
	same_tree_a("<nobr>a<a href=x>link</a><nobr>b", 1);
	same_tree_a("<a href=x>link</a><!DOCTYPE html><a href=y>two</a>"
	    "<?pi><a href=z>three</a></ x>", 3);
	/* No room for the comment in a link this short: not folded. */
	same_tree_a("<form><a>ab</a></form>", 0);
	/* Followed by what inserts or pops first: no comment. */
	folds_into("<ul><li><a href=x>one</a></li><li>two</ul>", NULL, &fold);
	assert_int_equal(fold.nanchor, 1);
	xfold_free(&fold);
}

/*
 * The cap on tags gumbo is given counts a folded link as the start tag
 * it was: the article is cut where it is cut without folding.
 */
static void
test_anchor_tag_cap(void **state)
{
	struct strbuf		 sb;
	struct extract_result	 r, ref;
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 i;
	int			 k;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<html><body><nav>");
	for (k = 0; k < NR_EXTRACT_MAX_TAGS - 10; k++)
		strbuf_adds(&sb, "<a href=\"/n\">nav link</a> ");
	strbuf_adds(&sb, "</nav><article>");
	for (k = 0; k < 40; k++)
		strbuf_addf(&sb, "<p>Article paragraph %d has words, commas, "
		    "and sentences enough to count as a body text.</p>\n", k);
	strbuf_adds(&sb, "</article></body></html>");
	assert_int_equal(extract_page(strbuf_str(&sb), sb.len, NULL, NULL, &r,
	    errbuf), NR_OK);
	assert_int_equal(extract_page_unstripped(strbuf_str(&sb), sb.len,
	    NULL, NULL, &ref, errbuf), NR_OK);
	/* Cut: html, body, nav, 299,990 links, article, 6 paragraphs. */
	assert_int_equal(ref.npara, 6);
	assert_int_equal(r.npara, ref.npara);
	for (i = 0; i < r.npara; i++)
		assert_string_equal(r.paras[i], ref.paras[i]);
	extract_result_free(&r);
	extract_result_free(&ref);
	strbuf_clear(&sb);
}

/*
 * Generated pages: links of plain text among the tags that decide
 * whether one may be folded (tables, forms, formatting elements and
 * their end tags, foreign content, templates...), nested at random,
 * with a fixed seed. Every page parses the same folded; most fold
 * links, some with the comment after them.
 */
static uint32_t gen_state;

static uint32_t
gen_rand(uint32_t n)
{
	/* xorshift32 */
	gen_state ^= gen_state << 13;
	gen_state ^= gen_state >> 17;
	gen_state ^= gen_state << 5;
	return gen_state % n;
}

static const char *
gen_pick(const char *const *v, size_t n)
{
	return v[gen_rand((uint32_t)n)];
}

#define GEN_PICK(v)	gen_pick((v), sizeof (v) / sizeof (v)[0])

static void
gen_piece(struct strbuf *sb, int depth)
{
	static const char *const tags[] = {
		"form", "b", "i", "nobr", "p", "li", "div", "em", "strong",
		"a", "font", "u", "s", "code", "body", "html", "head", "table",
		"tr", "td", "select", "option", "template", "svg", "math",
		"object", "marquee", "button", "pre", "ul", "h1", "br", "img",
		"frameset", "noscript", "textarea", "title", "colgroup", "col",
		"caption", "applet", "dd", "listing", "image", "script",
		"style", "section"
	};
	static const char *const hrefs[] = {
		"", " href=x", " href=\"/a?b=1&amp;c=2\"", " href='y z'",
		" class=c href=/x", " HREF=x download"
	};
	static const char *const texts[] = {
		"link text", "x", "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1"
		"\x82\xd0\xb8", "a longer link text here", "two words"
	};
	static const char *const other[] = {
		"x", "hello world", "  ", "\n", " long text here ", "a&amp;b",
		"\t", "<", "<!--c-->", "<!DOCTYPE html>", "<?x>", "</ x>"
	};
	const char	*t;
	uint32_t	 r = gen_rand(100), k, n;

	if (r < 35) {
		strbuf_addf(sb, "<a%s>%s</a>", GEN_PICK(hrefs),
		    GEN_PICK(texts));
		return;
	}
	if (r < 60 || depth >= 6) {
		strbuf_adds(sb, GEN_PICK(other));
		return;
	}
	t = GEN_PICK(tags);
	if (r < 85) {
		strbuf_addf(sb, "<%s>", t);
		for (k = 0, n = gen_rand(5); k < n; k++)
			gen_piece(sb, depth + 1);
		if (gen_rand(3) != 0)
			strbuf_addf(sb, "</%s>", t);
	} else
		strbuf_addf(sb, "</%s>", t);
}

static void
test_generated(void **state)
{
	struct strbuf	 sb;
	struct xfold	 fold;
	char		*a, *b;
	size_t		 links = 0, comments = 0, len;
	uint32_t	 page, k, n;

	(void)state;
	gen_state = 2463534242U;
	strbuf_init(&sb, 0);
	for (page = 0; page < 3000; page++) {
		strbuf_reset(&sb);
		for (k = 0, n = 1 + gen_rand(12); k < n; k++)
			gen_piece(&sb, 0);
		memset(&fold, 0, sizeof fold);
		a = fold_tree(sb.buf, sb.len, NULL, 64U << 10);
		b = fold_tree(sb.buf, sb.len, &fold, 64U << 10);
		if (strcmp(a, b) != 0)
			fail_msg("trees differ for \"%s\":\n%s\n--- "
			    "folded:\n%s", sb.buf, a, b);
		links += fold.nanchor;
		xfold_free(&fold);
		free(a);
		free(b);
		a = xstrip(sb.buf, sb.len, &len, &fold);
		if (a != NULL && strstr(a, "<!--\xf3") != NULL)
			comments++;
		xfold_free(&fold);
		free(a);
	}
	strbuf_clear(&sb);
	/* The pages do fold links, with and without the comment. */
	assert_true(links > 5000);
	assert_true(comments > 50);
}

/* More runs than private-use characters: the rest stays as it is. */
static void
test_many(void **state)
{
	struct strbuf	 sb;
	size_t		 i;

	(void)state;
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "<p>");
	for (i = 0; i < 140000; i++)
		strbuf_adds(&sb, "abcdefgh\x01");
	strbuf_adds(&sb, "</p>");
	same_tree_n(sb.buf, sb.len, 2 * 0xFFFE);
	strbuf_clear(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_white_space),
		cmocka_unit_test(test_pre),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_special),
		cmocka_unit_test(test_private_planes),
		cmocka_unit_test(test_elements),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_anchor_places),
		cmocka_unit_test(test_anchor_flush),
		cmocka_unit_test(test_anchor_tag_cap),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
