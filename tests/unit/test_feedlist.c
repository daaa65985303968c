/* Unit tests for the feeds file (urls syntax, names, lookup) and OPML. */
#include "nr_config.h"

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/opml.h"
#include "newsreader/util.h"

static char	 fixdir[1100];
static char	 tmpdir[] = "/tmp/nr-feedlist.XXXXXX";

/* A fixture's path (caller frees). */
static char *
fix(const char *name)
{
	return xasprintf("%s/%s", fixdir, name);
}

/* Read a file (caller frees). */
static char *
slurp(const char *path, size_t *lenp)
{
	char	*buf, errbuf[NR_ERRBUF_SIZE];
	size_t	 len;

	assert_int_equal(util_read_file(path, 0, &buf, &len, errbuf), NR_OK);
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

/* Parse a string with no built-ins. */
static struct feedlist *
parse(const char *s)
{
	return feedlist_parse(s, strlen(s), "t", NR_FEEDLIST_NO_BUILTINS);
}

/* True when e has tag t. */
static int
has_tag(const struct feedlist_entry *e, const char *t)
{
	size_t	 i;

	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], t) == 0)
			return 1;
	return 0;
}

/* True when some warning contains s. */
static int
has_warning(const struct feedlist *fl, const char *s)
{
	size_t	 i;

	for (i = 0; i < fl->nwarnings; i++)
		if (strstr(fl->warnings[i], s) != NULL)
			return 1;
	return 0;
}

static void
test_all_forms(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	**e;
	char			*p, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	p = fix("urls-all-forms");
	assert_int_equal(feedlist_load(p, NR_FEEDLIST_NO_BUILTINS, &fl,
	    errbuf), NR_OK);
	assert_true(fl->exists);
	assert_int_equal(fl->nentries, 8);
	e = fl->entries;

	assert_string_equal(e[0]->url, "https://www.example.com/feed.xml");
	assert_string_equal(e[0]->name, "example.com");
	assert_string_equal(e[0]->title, "Example News");
	assert_int_equal(e[0]->ntags, 2);
	assert_true(has_tag(e[0], "tech") && has_tag(e[0], "news"));
	assert_int_equal(e[0]->line, 3);

	assert_string_equal(e[1]->name, "example.com-2");
	assert_null(e[1]->title);
	assert_int_equal(e[1]->ntags, 0);

	assert_string_equal(e[2]->url, "https://blog.example.org/atom.xml");
	assert_string_equal(e[2]->title, "My Blog, with spaces");
	assert_true(e[2]->flags & NR_FEED_HIDDEN);
	assert_int_equal(e[2]->ntags, 1);
	assert_true(has_tag(e[2], "personal"));

	assert_string_equal(e[3]->name, "sputnik");
	assert_true(e[3]->flags & NR_FEED_NAMED);
	assert_true(has_tag(e[3], "world"));

	assert_string_equal(e[4]->name, "feeds.test");	/* bad name= */
	assert_false(e[4]->flags & NR_FEED_NAMED);

	assert_string_equal(e[5]->name, "mine");
	assert_int_equal(e[5]->ntags, 1);
	assert_true(has_tag(e[5], "quoted tag"));

	assert_string_equal(e[6]->url, "https://feeds.test/c.xml");
	assert_string_equal(e[6]->title, "unterminated");
	assert_string_equal(e[6]->name, "feeds.test-2");

	assert_string_equal(e[7]->name, "local-feed");
	assert_true(has_tag(e[7], "local"));

	assert_true(has_warning(fl, "urls-all-forms:7: bad name"));
	assert_true(has_warning(fl, "urls-all-forms:9: unsupported"));
	assert_true(has_warning(fl, "urls-all-forms:10: unsupported"));
	assert_true(has_warning(fl, "urls-all-forms:11: not an http"));
	assert_true(has_warning(fl, "urls-all-forms:12: unterminated"));
	assert_true(has_warning(fl, "urls-all-forms:14: duplicate URL"));
	assert_int_equal(fl->nwarnings, 6);
	assert_int_equal(fl->nlines, 14);
	feedlist_free(fl);
	free(p);
}

static void
test_comments_blank_crlf(void **state)
{
	struct feedlist	*fl;

	(void)state;
	fl = parse("\n   \n# only a comment\r\n\t# indented comment\n"
	    "http://a.example/x tag1\r\n");
	assert_int_equal(fl->nentries, 1);
	assert_int_equal(fl->nwarnings, 0);
	assert_int_equal(fl->entries[0]->ntags, 1);
	assert_string_equal(fl->entries[0]->tags[0], "tag1");
	assert_int_equal(fl->entries[0]->line, 5);
	feedlist_free(fl);
}

static void
test_tags_normalized(void **state)
{
	struct feedlist	*fl;

	(void)state;
	fl = parse("http://a.example/ Tech TECH \"  spaced   Tag \" "
	    "\"say \\\"hi\\\"\"\n");
	assert_int_equal(fl->entries[0]->ntags, 3);
	assert_string_equal(fl->entries[0]->tags[0], "tech");
	assert_string_equal(fl->entries[0]->tags[1], "spaced tag");
	assert_string_equal(fl->entries[0]->tags[2], "say \"hi\"");
	feedlist_free(fl);
}

static void
test_builtins(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			 errbuf[NR_ERRBUF_SIZE];

	(void)state;
	fl = feedlist_parse("", 0, NULL, 0);
	assert_int_equal(fl->nentries, 1);
	assert_int_equal(feedlist_find(fl, "sputnik", &e, errbuf), NR_OK);
	assert_string_equal(e->url,
	    "https://sputnikglobe.com/export/rss2/archive/index.xml");
	assert_true(e->flags & NR_FEED_BUILTIN);
	feedlist_free(fl);

	/* A user's entry for the same URL wins, with the user's name. */
	fl = feedlist_parse("https://sputnikglobe.com/export/rss2/archive/"
	    "index.xml name=sp\n", 62, NULL, 0);
	assert_int_equal(fl->nentries, 1);
	assert_string_equal(fl->entries[0]->name, "sp");
	assert_false(fl->entries[0]->flags & NR_FEED_BUILTIN);
	feedlist_free(fl);

	fl = parse("");
	assert_int_equal(fl->nentries, 0);
	feedlist_free(fl);
}

static void
test_missing_file(void **state)
{
	struct feedlist	*fl;
	char		*p, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	p = xasprintf("%s/no/such/feeds", tmpdir);
	assert_int_equal(feedlist_load(p, 0, &fl, errbuf), NR_OK);
	assert_false(fl->exists);
	assert_int_equal(fl->nentries, 1);
	assert_string_equal(fl->path, p);
	feedlist_free(fl);
	free(p);
}

/* Derive a name and check it is safe as a directory name. */
static void
expect_name(const char *url, const char *want)
{
	char	*n;

	n = feedlist_name_from_url(url);
	assert_string_equal(n, want);
	assert_true(feedlist_name_valid(n));
	assert_null(strchr(n, '/'));
	assert_true(strcmp(n, "..") != 0 && n[0] != '.');
	free(n);
}

static void
test_name_derivation(void **state)
{
	char	 longurl[400];

	(void)state;
	expect_name("http://WWW.Example.COM/feed", "example.com");
	expect_name("https://www.example.com:8443/x", "example.com");
	expect_name("http://user:pw@host.example:8080/", "host.example");
	expect_name("http://www./", "www");
	expect_name("http://../x", "feed");
	expect_name("http://.../x", "feed");
	expect_name("http://.hidden.example/", "hidden.example");
	expect_name("http://-rf.example/", "rf.example");
	expect_name("http://exa%2F..%2Fmple/", "exa-2f..-2fmple");
	expect_name("http://[::1]:8080/feed", "1");
	expect_name("https://\xd0\xbf\xd1\x80\xd0\xb8.\xd1\x80\xd1\x84/",
	    "feed");
	expect_name("http://a_b.example./", "a_b.example");
	expect_name("file:///srv/feeds/My%20Feed.xml", "my-20feed");
	expect_name("file:///srv/feeds/.xml", "xml");
	expect_name("file:///", "feed");
	memset(longurl, 0, sizeof longurl);
	strcpy(longurl, "http://");
	memset(longurl + 7, 'a', 300);
	{
		char	*n = feedlist_name_from_url(longurl);

		assert_int_equal(strlen(n), NR_FEED_NAME_MAX);
		free(n);
	}
}

static void
test_name_valid(void **state)
{
	(void)state;
	assert_true(feedlist_name_valid("sputnik"));
	assert_true(feedlist_name_valid("a.b_c-1"));
	assert_false(feedlist_name_valid(""));
	assert_false(feedlist_name_valid("."));
	assert_false(feedlist_name_valid(".."));
	assert_false(feedlist_name_valid(".hidden"));
	assert_false(feedlist_name_valid("-x"));
	assert_false(feedlist_name_valid("a/b"));
	assert_false(feedlist_name_valid("Upper"));
	assert_false(feedlist_name_valid("sp ace"));
}

static void
test_unique_names(void **state)
{
	struct feedlist	*fl;

	(void)state;
	fl = parse("http://a.example/1\nhttp://a.example/2\n"
	    "http://b.example/ name=a.example\n"
	    "http://c.example/ name=a.example\n");
	assert_int_equal(fl->nentries, 4);
	/* An explicit name is claimed first; the duplicate one is derived. */
	assert_string_equal(fl->entries[2]->name, "a.example");
	assert_string_equal(fl->entries[0]->name, "a.example-2");
	assert_string_equal(fl->entries[1]->name, "a.example-3");
	assert_string_equal(fl->entries[3]->name, "c.example");
	assert_true(has_warning(fl, "t:4: duplicate name"));
	feedlist_free(fl);
}

static void
test_find_order(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			 errbuf[NR_ERRBUF_SIZE];

	(void)state;
	fl = parse("http://x.example/ \"~Beta\" name=alpha\n"
	    "http://y.example/ \"~Gamma Ray\" name=beta\n");
	assert_int_equal(feedlist_find(fl, "beta", &e, errbuf), NR_OK);
	assert_string_equal(e->url, "http://y.example/");
	assert_int_equal(feedlist_find(fl, "gamma ray", &e, errbuf), NR_OK);
	assert_string_equal(e->name, "beta");
	assert_int_equal(feedlist_find(fl, "Beta", &e, errbuf), NR_OK);
	assert_string_equal(e->name, "alpha");
	assert_int_equal(feedlist_find(fl, "HTTP://X.Example/", &e, errbuf),
	    NR_OK);
	assert_string_equal(e->name, "alpha");
	assert_int_equal(feedlist_find(fl, "nope", &e, errbuf), NR_ENOTFOUND);
	assert_null(e);
	assert_non_null(strstr(errbuf, "nope"));
	assert_non_null(strstr(errbuf, "alpha, beta"));
	feedlist_free(fl);
}

static void
test_find_host(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;

	(void)state;
	fl = feedlist_parse("https://www.example.com/feed.xml\n", 33, NULL,
	    0);
	e = feedlist_find_host(fl, "https://sputnikglobe.com/20230414/"
	    "chinese-defense-minister-1109500925.html");
	assert_non_null(e);
	assert_string_equal(e->name, "sputnik");
	e = feedlist_find_host(fl, "http://example.com/post/1");
	assert_non_null(e);
	assert_string_equal(e->name, "example.com");
	e = feedlist_find_host(fl, "https://news.Example.com/post/1");
	assert_non_null(e);
	assert_string_equal(e->name, "example.com");
	assert_null(feedlist_find_host(fl, "https://notexample.com/"));
	assert_null(feedlist_find_host(fl, "not a url"));
	feedlist_free(fl);
}

static void
test_host_of(void **state)
{
	char	*h;

	(void)state;
	h = feedlist_host_of("HTTPS://User@WWW.Example.COM:80/a?b#c");
	assert_string_equal(h, "www.example.com");
	free(h);
	h = feedlist_host_of("http://[2001:db8::1]:8080/");
	assert_string_equal(h, "2001:db8::1");
	free(h);
	h = feedlist_host_of("http://example.com?q=1");
	assert_string_equal(h, "example.com");
	free(h);
	assert_null(feedlist_host_of("file:///etc/passwd"));
	assert_null(feedlist_host_of("no scheme"));
	assert_null(feedlist_host_of("://x"));
	assert_null(feedlist_host_of("ht tp://x/"));
}

static void
test_add_and_save(void **state)
{
	struct feedlist		*fl, *fl2;
	struct feedlist_entry	*e;
	char			*src, *orig, *path, *now, *tags[2];
	char			 t0[] = "Two Words", t1[] = "#hash";
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 olen, nlen;

	(void)state;
	src = fix("urls-all-forms");
	orig = slurp(src, &olen);
	path = xasprintf("%s/cfg/newsreader/feeds", tmpdir);
	assert_int_equal(feedlist_load(path, 0, &fl, errbuf), NR_OK);
	feedlist_free(fl);
	assert_int_equal(util_mkdir_p(tmpdir, 0700), 0);
	fl = feedlist_parse(orig, olen, src, 0);
	fl->path = xstrdup(path);

	tags[0] = t0;
	tags[1] = t1;
	assert_int_equal(feedlist_add(fl, "https://new.example/rss",
	    "A \"quoted\" \\ title", tags, 2, NULL, &e, errbuf), NR_OK);
	assert_string_equal(e->name, "new.example");
	assert_int_equal(feedlist_add(fl, "https://new.example/rss", NULL,
	    NULL, 0, NULL, &e, errbuf), NR_EEXIST);
	assert_string_equal(e->name, "new.example");
	assert_int_equal(feedlist_add(fl, "javascript:alert(1)", NULL, NULL,
	    0, NULL, NULL, errbuf), NR_EUSAGE);
	assert_int_equal(feedlist_add(fl, "http://z.example/", NULL, NULL,
	    0, "../etc", NULL, errbuf), NR_EUSAGE);
	assert_int_equal(feedlist_add(fl, "http://z.example/", NULL, NULL,
	    0, "mine", NULL, errbuf), NR_EUSAGE);
	assert_int_equal(feedlist_add(fl, "http://z.example/a b", NULL, NULL,
	    0, NULL, NULL, errbuf), NR_EUSAGE);
	assert_int_equal(feedlist_add(fl, "http://z.example/", NULL, NULL,
	    0, "zed", NULL, errbuf), NR_OK);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);

	/* The old lines are there byte for byte; the new ones follow. */
	now = slurp(path, &nlen);
	assert_true(nlen > olen);
	assert_memory_equal(now, orig, olen);
	assert_non_null(strstr(now + olen, "https://new.example/rss "
	    "\"two words\" \"#hash\" \"~A \\\"quoted\\\" \\\\ title\"\n"));
	assert_non_null(strstr(now + olen, "http://z.example/ name=zed\n"));

	assert_int_equal(feedlist_load(path, NR_FEEDLIST_NO_BUILTINS, &fl2,
	    errbuf), NR_OK);
	assert_int_equal(feedlist_find(fl2, "new.example", &e, errbuf), NR_OK);
	assert_string_equal(e->title, "A \"quoted\" \\ title");
	assert_int_equal(e->ntags, 2);
	assert_true(has_tag(e, "two words") && has_tag(e, "#hash"));
	assert_int_equal(feedlist_find(fl2, "zed", &e, errbuf), NR_OK);
	assert_int_equal(fl2->nentries, 10);
	feedlist_free(fl2);
	free(now);
	free(orig);
	free(src);
	free(path);
}

static void
test_add_builtin(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			*path, *buf, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	path = xasprintf("%s/builtin-feeds", tmpdir);
	assert_int_equal(feedlist_load(path, 0, &fl, errbuf), NR_OK);
	assert_int_equal(feedlist_add(fl, "https://sputnikglobe.com/export/"
	    "rss2/archive/index.xml", NULL, NULL, 0, NULL, &e, errbuf), NR_OK);
	assert_false(e->flags & NR_FEED_BUILTIN);
	assert_int_equal(fl->nentries, 1);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	buf = slurp(path, NULL);
	assert_string_equal(buf, "https://sputnikglobe.com/export/rss2/"
	    "archive/index.xml \"~Sputnik International\" name=sputnik "
	    "fulltext=yes\n");
	free(buf);
	free(path);
}

static void
test_format_roundtrip(void **state)
{
	struct feedlist		*fl, *fl2;
	struct feedlist_entry	*a, *b;
	char			*line;
	char			 t0[] = "name=x", t1[] = "~t", t2[] = "!h";
	char			 t3[] = "a\"b\\c";
	char			*tags[] = { t0, t1, t2, t3 };
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 i;

	(void)state;
	fl = feedlist_create();
	assert_int_equal(feedlist_add(fl, "http://r.example/", "~tilde # hash",
	    tags, 4, "r", &a, errbuf), NR_OK);
	line = feedlist_format(a);
	fl2 = parse(line);
	assert_int_equal(fl2->nentries, 1);
	assert_int_equal(fl2->nwarnings, 0);
	b = fl2->entries[0];
	assert_string_equal(b->url, a->url);
	assert_string_equal(b->name, "r");
	assert_string_equal(b->title, "~tilde # hash");
	assert_int_equal(b->ntags, a->ntags);
	for (i = 0; i < a->ntags; i++)
		assert_string_equal(b->tags[i], a->tags[i]);
	/* ~ and ! cannot start a tag: they mean title and hidden. */
	assert_string_equal(a->tags[0], "name=x");
	assert_string_equal(a->tags[1], "t");
	assert_string_equal(a->tags[2], "h");
	free(line);
	feedlist_free(fl2);
	feedlist_free(fl);
}

/* fulltext=yes|no: parsed, defaulted for built-ins, written back. */
static void
test_fulltext(void **state)
{
	struct feedlist		*fl, *fl2;
	struct feedlist_entry	*e;
	char			*line;
	char			 errbuf[NR_ERRBUF_SIZE];

	(void)state;
	fl = parse("http://a.example/ fulltext=yes name=a\n"
	    "http://b.example/ fulltext=no\n"
	    "http://c.example/ news\n"
	    "http://d.example/ fulltext=maybe\n"
	    "http://e.example/ \"fulltext=yes\"\n"
	    "http://f.example/ fulltext=yes fulltext=no\n");
	assert_int_equal(fl->nentries, 6);
	assert_true(fl->entries[0]->flags & NR_FEED_FULLTEXT);
	assert_string_equal(fl->entries[0]->name, "a");
	assert_int_equal(fl->entries[0]->ntags, 0);
	assert_false(fl->entries[1]->flags & NR_FEED_FULLTEXT);
	assert_true(fl->entries[1]->flags & NR_FEED_FULLTEXT_SET);
	assert_int_equal(fl->entries[1]->ntags, 0);
	assert_false(fl->entries[2]->flags & NR_FEED_FULLTEXT);
	assert_false(fl->entries[2]->flags & NR_FEED_FULLTEXT_SET);
	/* A bad value is reported and means the default. */
	assert_false(fl->entries[3]->flags & NR_FEED_FULLTEXT);
	assert_int_equal(fl->nwarnings, 1);
	assert_non_null(strstr(fl->warnings[0], "fulltext=maybe"));
	/* Quoted, it is a tag. */
	assert_false(fl->entries[4]->flags & NR_FEED_FULLTEXT);
	assert_int_equal(fl->entries[4]->ntags, 1);
	assert_string_equal(fl->entries[4]->tags[0], "fulltext=yes");
	/* The last one wins. */
	assert_false(fl->entries[5]->flags & NR_FEED_FULLTEXT);
	/* Written back as read; a tag that looks like the option is quoted. */
	line = feedlist_format(fl->entries[0]);
	assert_string_equal(line, "http://a.example/ name=a fulltext=yes");
	free(line);
	line = feedlist_format(fl->entries[1]);
	assert_string_equal(line, "http://b.example/ fulltext=no");
	free(line);
	line = feedlist_format(fl->entries[2]);
	assert_string_equal(line, "http://c.example/ news");
	free(line);
	line = feedlist_format(fl->entries[4]);
	fl2 = parse(line);
	assert_false(fl2->entries[0]->flags & NR_FEED_FULLTEXT);
	assert_string_equal(fl2->entries[0]->tags[0], "fulltext=yes");
	free(line);
	feedlist_free(fl2);
	feedlist_free(fl);

	/* The built-in sputnik is fulltext, so is a line for its URL ... */
	fl = feedlist_parse("", 0, NULL, 0);
	assert_int_equal(feedlist_find(fl, "sputnik", &e, errbuf), NR_OK);
	assert_true(e->flags & NR_FEED_FULLTEXT);
	feedlist_free(fl);
	fl = parse("https://sputnikglobe.com/export/rss2/archive/index.xml "
	    "name=sp\n");
	assert_true(fl->entries[0]->flags & NR_FEED_FULLTEXT);
	feedlist_free(fl);
	/* ... unless it says no. */
	fl = parse("https://sputnikglobe.com/export/rss2/archive/index.xml "
	    "fulltext=no\n");
	assert_false(fl->entries[0]->flags & NR_FEED_FULLTEXT);
	feedlist_free(fl);
}

static void
test_hostile_lines(void **state)
{
	struct feedlist	*fl;

	(void)state;
	fl = parse("http://a.example/ \"~\x1b[31mred\x07\" \"\xff\xfe\"\n"
	    "http://b.example/\x01x\n"
	    "\"http://c.example/\" quoted-url\n");
	assert_int_equal(fl->nentries, 2);
	assert_string_equal(fl->entries[0]->title, "red");
	assert_int_equal(fl->entries[0]->ntags, 1);
	assert_true(has_warning(fl, "t:2: blank, quote or control"));
	assert_string_equal(fl->entries[1]->url, "http://c.example/");
	feedlist_free(fl);
}

/* Import an OPML fixture. */
static struct opml_outline *
import(const char *name, size_t *np)
{
	struct opml_outline	*o;
	char			*p, *buf, errbuf[NR_ERRBUF_SIZE];
	size_t			 len;

	p = fix(name);
	buf = slurp(p, &len);
	assert_int_equal(opml_import(buf, len, &o, np, errbuf), NR_OK);
	free(buf);
	free(p);
	return o;
}

static void
test_opml_nested(void **state)
{
	struct opml_outline	*o;
	size_t			 n;

	(void)state;
	o = import("nested.opml", &n);
	assert_int_equal(n, 4);
	assert_string_equal(o[0].url, "https://lwn.net/headlines/rss");
	assert_string_equal(o[0].title, "LWN.net");
	assert_int_equal(o[0].ntags, 2);
	assert_string_equal(o[0].tags[0], "Tech");
	assert_string_equal(o[0].tags[1], "Linux");
	assert_string_equal(o[1].title, "Hacker News");
	assert_int_equal(o[1].ntags, 1);
	assert_string_equal(o[1].tags[0], "Tech");
	assert_int_equal(o[2].ntags, 3);
	assert_string_equal(o[2].tags[0], "News");
	assert_string_equal(o[2].tags[1], "world");
	assert_string_equal(o[2].tags[2], "Russia");
	assert_string_equal(o[3].url, "http://top.example/feed");
	assert_int_equal(o[3].ntags, 0);
	opml_outlines_free(o, n);
}

static void
test_opml_hostile(void **state)
{
	struct opml_outline	*o;
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 n, i;

	(void)state;
	o = import("hostile.opml", &n);
	assert_int_equal(n, 5);
	assert_string_equal(o[0].url, "https://evil.example/feed?a=1&b=2");
	assert_string_equal(o[0].title, "Tab and newline & <b>");
	assert_string_equal(o[0].tags[0],
	    "<script>alert(1)</script> & \"co\"");
	assert_string_equal(o[1].title, "Bidi red");
	fl = feedlist_create();
	for (i = 0; i < n; i++)
		(void)feedlist_add(fl, o[i].url, o[i].title, o[i].tags,
		    o[i].ntags, NULL, NULL, errbuf);
	/* javascript: and a host of dots are refused. */
	assert_int_equal(fl->nentries, 3);
	assert_int_equal(feedlist_find(fl, "http://..evil..:80/x", &e,
	    errbuf), NR_OK);
	assert_string_equal(e->name, "evil");
	feedlist_free(fl);
	opml_outlines_free(o, n);
}

static void
test_opml_bad(void **state)
{
	struct opml_outline	*o;
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 n;
	const char		*bad = "<opml><body><outline></body></opml>";
	const char		*amp = "<opml><body><outline "
	    "xmlUrl=\"http://a/"
	    "?a&b\"/></body></opml>";
	const char		*rss = "<rss version=\"2.0\"></rss>";

	(void)state;
	assert_int_equal(opml_import(bad, strlen(bad), &o, &n, errbuf),
	    NR_EPARSE);
	assert_null(o);
	assert_int_equal(n, 0);
	assert_int_equal(opml_import(amp, strlen(amp), &o, &n, errbuf),
	    NR_EPARSE);
	assert_int_equal(opml_import(rss, strlen(rss), &o, &n, errbuf),
	    NR_ENOTFEED);
	assert_int_equal(opml_import("", 0, &o, &n, errbuf), NR_EPARSE);
	assert_int_equal(opml_import("<opml>\0</opml>", 14, &o, &n, errbuf),
	    NR_EPARSE);
}

static void
test_opml_roundtrip(void **state)
{
	struct feedlist		*fl;
	struct opml_outline	*o;
	char			*doc, errbuf[NR_ERRBUF_SIZE];
	char			 t0[] = "<b>&'\"", t1[] = "plain";
	char			*tags[] = { t0, t1 };
	size_t			 len, n;

	(void)state;
	fl = feedlist_create();
	assert_int_equal(feedlist_add(fl, "http://a.example/?x=1&y=2",
	    "Tom & \"Jerry\" <3 'quotes'", tags, 2, NULL, NULL, errbuf),
	    NR_OK);
	assert_int_equal(feedlist_add(fl, "https://b.example/feed", NULL,
	    NULL, 0, "bee", NULL, errbuf), NR_OK);
	doc = opml_export(fl, NULL, &len);
	assert_int_equal(strlen(doc), len);
	assert_non_null(strstr(doc, "<opml version=\"2.0\">"));
	assert_non_null(strstr(doc, "x=1&amp;y=2"));
	assert_null(strstr(doc, "<b>"));
	assert_int_equal(opml_import(doc, len, &o, &n, errbuf), NR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(o[0].url, "http://a.example/?x=1&y=2");
	assert_string_equal(o[0].title, "Tom & \"Jerry\" <3 'quotes'");
	assert_int_equal(o[0].ntags, 2);
	assert_string_equal(o[0].tags[0], "<b>&'\"");
	assert_string_equal(o[0].tags[1], "plain");
	/* No title known: the URL, read back as none (not "~bee"). */
	assert_null(o[1].title);
	opml_outlines_free(o, n);
	free(doc);
	feedlist_free(fl);
}

static void
test_opml_no_duplicates(void **state)
{
	struct feedlist		*fl;
	struct opml_outline	*o;
	struct feedlist_entry	*e;
	char			 errbuf[NR_ERRBUF_SIZE];
	size_t			 n, i, added = 0, dup = 0;
	int			 round, err;

	(void)state;
	fl = feedlist_parse("https://lwn.net/headlines/rss mine\n", 34,
	    NULL, 0);
	o = import("nested.opml", &n);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < n; i++) {
			err = feedlist_add(fl, o[i].url, o[i].title,
			    o[i].tags, o[i].ntags, NULL, NULL, errbuf);
			if (err == NR_OK)
				added++;
			else if (err == NR_EEXIST)
				dup++;
		}
	}
	/* lwn was there; sputnik was built in and is now in the file. */
	assert_int_equal(added, 3);
	assert_int_equal(dup, 5);
	assert_int_equal(fl->nentries, 4);
	assert_int_equal(feedlist_find(fl, "sputnik", &e, errbuf), NR_OK);
	assert_true(has_tag(e, "news") && has_tag(e, "russia"));
	assert_int_equal(feedlist_find(fl, "LWN.net", &e, errbuf),
	    NR_ENOTFOUND);
	opml_outlines_free(o, n);
	feedlist_free(fl);
}

/* nftw callback: remove one file or directory. */
static int
rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* Fuzzer find: a line with a NUL byte before its CR read past the copy. */
static void
test_regress_nul_cr(void **state)
{
	static const char	 buf[] = "# x\nhttp://e.example/a\0b\r\n"
	    "http://e.example/c name=c\r\n";
	struct feedlist		*fl;

	(void)state;
	fl = feedlist_parse(buf, sizeof buf - 1, "t", NR_FEEDLIST_NO_BUILTINS);
	assert_non_null(fl);
	assert_int_equal(fl->nentries, 2);
	assert_string_equal(fl->entries[1]->name, "c");
	assert_true(fl->nwarnings >= 1);
	feedlist_free(fl);
}

/* Write s to a file of the temp dir; returns its path (caller frees). */
static char *
put(const char *name, const char *s)
{
	char	*path, *dir, *slash, errbuf[NR_ERRBUF_SIZE];

	path = xasprintf("%s/%s", tmpdir, name);
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	*slash = '\0';
	assert_int_equal(util_write_atomic(dir, slash + 1, s, strlen(s),
	    errbuf), NR_OK);
	free(dir);
	return path;
}

/* Assert that the file at path holds exactly s. */
static void
assert_file(const char *path, const char *s)
{
	char	*buf;
	size_t	 len;

	buf = slurp(path, &len);
	assert_int_equal(len, strlen(s));
	assert_memory_equal(buf, s, len);
	free(buf);
}

/* Load path, find name (it must be there). */
static struct feedlist *
load_find(const char *path, const char *name, struct feedlist_entry **e)
{
	struct feedlist	*fl;
	char		 errbuf[NR_ERRBUF_SIZE];

	assert_int_equal(feedlist_load(path, NR_FEEDLIST_NO_BUILTINS, &fl,
	    errbuf), NR_OK);
	if (name != NULL)
		assert_int_equal(feedlist_find(fl, name, e, errbuf), NR_OK);
	return fl;
}

static const char edit_orig[] =
    "# my feeds\n"
    "\n"
    "https://a.example/rss tech \"~A Feed\"  # first\n"
    "   # indented\tcomment \n"
    "https://b.example/atom name=bee  News\t\"~Bee\"\n"
    "query:unread:unread = \"yes\"\n"
    "https://c.example/feed";

static void
test_edit_remove(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			*path, *bak, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	path = put("edit-remove", edit_orig);
	fl = load_find(path, "bee", &e);
	assert_int_equal(feedlist_remove(fl, e, errbuf), NR_OK);
	assert_int_equal(feedlist_find(fl, "bee", &e, errbuf), NR_ENOTFOUND);
	assert_int_equal(feedlist_find(fl, "c.example", &e, errbuf), NR_OK);
	assert_int_equal(e->line, 6);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path,
	    "# my feeds\n"
	    "\n"
	    "https://a.example/rss tech \"~A Feed\"  # first\n"
	    "   # indented\tcomment \n"
	    "query:unread:unread = \"yes\"\n"
	    "https://c.example/feed");
	bak = xasprintf("%s~", path);
	assert_file(bak, edit_orig);

	/* The last line, which has no newline, then the first feed. */
	fl = load_find(path, "c.example", &e);
	assert_int_equal(feedlist_remove(fl, e, errbuf), NR_OK);
	assert_int_equal(feedlist_find(fl, "a.example", &e, errbuf), NR_OK);
	assert_int_equal(feedlist_remove(fl, e, errbuf), NR_OK);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path,
	    "# my feeds\n"
	    "\n"
	    "   # indented\tcomment \n"
	    "query:unread:unread = \"yes\"\n");
	free(bak);
	free(path);
}

static void
test_edit_rename(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			*path, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	path = put("edit-rename", edit_orig);
	fl = load_find(path, "a.example", &e);
	/* Taken (as a name= and as a store name), or not a name. */
	assert_int_equal(feedlist_rename(fl, e, "bee", errbuf), NR_EEXIST);
	assert_non_null(strstr(errbuf, "bee"));
	assert_int_equal(feedlist_rename(fl, e, "c.example", errbuf),
	    NR_EEXIST);
	assert_int_equal(feedlist_rename(fl, e, "Bad Name", errbuf),
	    NR_EUSAGE);
	assert_int_equal(feedlist_rename(fl, e, "../x", errbuf), NR_EUSAGE);
	/* Its own name is no collision. */
	assert_int_equal(feedlist_rename(fl, e, "a.example", errbuf), NR_OK);
	assert_int_equal(feedlist_rename(fl, e, "alpha", errbuf), NR_OK);
	assert_string_equal(e->want, "alpha");
	assert_string_equal(e->name, "a.example");
	assert_int_equal(feedlist_find(fl, "bee", &e, errbuf), NR_OK);
	assert_int_equal(feedlist_rename(fl, e, "bee2", errbuf), NR_OK);
	assert_int_equal(feedlist_find(fl, "c.example", &e, errbuf), NR_OK);
	assert_int_equal(feedlist_rename(fl, e, "sea", errbuf), NR_OK);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path,
	    "# my feeds\n"
	    "\n"
	    "https://a.example/rss tech \"~A Feed\" name=alpha  # first\n"
	    "   # indented\tcomment \n"
	    "https://b.example/atom name=bee2  News\t\"~Bee\"\n"
	    "query:unread:unread = \"yes\"\n"
	    "https://c.example/feed name=sea");
	/* The new names are what a reader finds. */
	fl = load_find(path, "alpha", &e);
	assert_string_equal(e->url, "https://a.example/rss");
	assert_int_equal(feedlist_find(fl, "sea", &e, errbuf), NR_OK);
	assert_int_equal(feedlist_find(fl, "bee2", &e, errbuf), NR_OK);
	assert_string_equal(e->title, "Bee");
	feedlist_free(fl);
	free(path);
}

static void
test_edit_title_tags(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			*path, errbuf[NR_ERRBUF_SIZE];
	char			 t0[] = "World", t1[] = "two words";
	char			 t2[] = "world";
	char			*tags[3] = { t0, t1, t2 };

	(void)state;
	path = put("edit-title", edit_orig);
	fl = load_find(path, "bee", &e);
	assert_int_equal(feedlist_retitle(fl, e, "The \"Bee\"", errbuf),
	    NR_OK);
	assert_int_equal(feedlist_retag(fl, e, tags, 3, errbuf), NR_OK);
	assert_int_equal(e->ntags, 2);
	assert_int_equal(feedlist_find(fl, "a.example", &e, errbuf), NR_OK);
	assert_int_equal(feedlist_retitle(fl, e, "", errbuf), NR_OK);
	assert_null(e->title);
	assert_int_equal(feedlist_retag(fl, e, NULL, 0, errbuf), NR_OK);
	assert_int_equal(feedlist_find(fl, "c.example", &e, errbuf), NR_OK);
	assert_int_equal(feedlist_retitle(fl, e, "Sea", errbuf), NR_OK);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path,
	    "# my feeds\n"
	    "\n"
	    "https://a.example/rss  # first\n"
	    "   # indented\tcomment \n"
	    "https://b.example/atom world \"two words\" name=bee\t"
	    "\"~The \\\"Bee\\\"\"\n"
	    "query:unread:unread = \"yes\"\n"
	    "https://c.example/feed \"~Sea\"");
	fl = load_find(path, "bee", &e);
	assert_string_equal(e->title, "The \"Bee\"");
	assert_int_equal(e->ntags, 2);
	assert_string_equal(e->tags[1], "two words");
	feedlist_free(fl);
	free(path);
}

static void
test_edit_crlf_add(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			*path, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	path = put("edit-crlf", "# c\r\nhttps://a.example/x\r\n"
	    "https://b.example/y # b\r\n");
	fl = load_find(path, "b.example", &e);
	assert_int_equal(feedlist_rename(fl, e, "bb", errbuf), NR_OK);
	assert_int_equal(feedlist_add(fl, "https://n.example/z", NULL, NULL,
	    0, NULL, NULL, errbuf), NR_OK);
	/* Duplicates: the same URL (any case of host) or name. */
	assert_int_equal(feedlist_add(fl, "https://N.EXAMPLE/z", NULL, NULL,
	    0, NULL, NULL, errbuf), NR_EEXIST);
	assert_int_equal(feedlist_add(fl, "https://m.example/", NULL, NULL,
	    0, "bb", NULL, errbuf), NR_EUSAGE);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path, "# c\r\nhttps://a.example/x\r\n"
	    "https://b.example/y name=bb # b\r\nhttps://n.example/z\r\n");
	fl = load_find(path, "bb", &e);
	assert_string_equal(e->url, "https://b.example/y");
	assert_int_equal(feedlist_find(fl, "n.example", &e, errbuf), NR_OK);
	assert_string_equal(e->url, "https://n.example/z");
	feedlist_free(fl);
	free(path);

	/* A file without a trailing newline gets one before the new line. */
	path = put("edit-noeol", "https://a.example/x");
	fl = load_find(path, NULL, NULL);
	assert_int_equal(feedlist_add(fl, "https://n.example/z", "Zed", NULL,
	    0, "zed", NULL, errbuf), NR_OK);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path, "https://a.example/x\n"
	    "https://n.example/z \"~Zed\" name=zed\n");
	free(path);
}

static void
test_edit_missing_and_changed(void **state)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	struct stat		 sb;
	char			*path, *bak, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	/* Adding to a missing file creates it (and no backup). */
	path = xasprintf("%s/new/dir/feeds", tmpdir);
	fl = load_find(path, NULL, NULL);
	assert_int_equal(fl->exists, 0);
	assert_int_equal(feedlist_add(fl, "https://a.example/x", NULL, NULL,
	    0, NULL, NULL, errbuf), NR_OK);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path, "https://a.example/x\n");
	bak = xasprintf("%s~", path);
	assert_int_equal(stat(bak, &sb), -1);

	/* Changed by another program since loaded: nothing is written. */
	fl = load_find(path, "a.example", &e);
	free(put("new/dir/feeds", "https://other.example/\n"));
	assert_int_equal(feedlist_remove(fl, e, errbuf), NR_OK);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_ELOCKED);
	assert_non_null(strstr(errbuf, "changed"));
	feedlist_free(fl);
	assert_file(path, "https://other.example/\n");
	free(bak);
	free(path);
}

static void
test_edit_fields(void **state)
{
	struct feedlist_fields	 ff;
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			*path, *s, errbuf[NR_ERRBUF_SIZE];

	(void)state;
	assert_int_equal(feedlist_fields_parse("https://x.example/ a "
	    "\"two words\" \"~The \\\"X\\\"\" name=ex # c", 1, &ff,
	    errbuf), NR_OK);
	assert_string_equal(ff.url, "https://x.example/");
	assert_string_equal(ff.name, "ex");
	assert_string_equal(ff.title, "The \"X\"");
	assert_int_equal(ff.ntags, 2);
	assert_string_equal(ff.tags[1], "two words");
	feedlist_fields_clear(&ff);
	assert_int_equal(feedlist_fields_parse("", 1, &ff, errbuf),
	    NR_EUSAGE);
	feedlist_fields_clear(&ff);
	assert_int_equal(feedlist_fields_parse("name=../x", 0, &ff, errbuf),
	    NR_EUSAGE);
	feedlist_fields_clear(&ff);

	path = put("edit-fields", edit_orig);
	fl = load_find(path, "bee", &e);
	s = feedlist_fields(e);
	assert_string_equal(s, "news \"~Bee\" name=bee");
	free(s);
	assert_int_equal(feedlist_edit_fields(fl, e, "name=bee world",
	    errbuf), NR_OK);
	assert_null(e->title);
	assert_int_equal(feedlist_edit_fields(fl, e, "name=c.example",
	    errbuf), NR_EEXIST);
	assert_int_equal(feedlist_save(fl, NULL, errbuf), NR_OK);
	feedlist_free(fl);
	assert_file(path,
	    "# my feeds\n"
	    "\n"
	    "https://a.example/rss tech \"~A Feed\"  # first\n"
	    "   # indented\tcomment \n"
	    "https://b.example/atom world name=bee\n"
	    "query:unread:unread = \"yes\"\n"
	    "https://c.example/feed");
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regress_nul_cr),
		cmocka_unit_test(test_all_forms),
		cmocka_unit_test(test_comments_blank_crlf),
		cmocka_unit_test(test_tags_normalized),
		cmocka_unit_test(test_builtins),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_name_derivation),
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_unique_names),
		cmocka_unit_test(test_find_order),
		cmocka_unit_test(test_find_host),
		cmocka_unit_test(test_host_of),
		cmocka_unit_test(test_add_and_save),
		cmocka_unit_test(test_add_builtin),
		cmocka_unit_test(test_format_roundtrip),
		cmocka_unit_test(test_hostile_lines),
		cmocka_unit_test(test_fulltext),
		cmocka_unit_test(test_opml_nested),
		cmocka_unit_test(test_opml_hostile),
		cmocka_unit_test(test_opml_bad),
		cmocka_unit_test(test_opml_roundtrip),
		cmocka_unit_test(test_opml_no_duplicates),
		cmocka_unit_test(test_edit_remove),
		cmocka_unit_test(test_edit_rename),
		cmocka_unit_test(test_edit_title_tags),
		cmocka_unit_test(test_edit_crlf_add),
		cmocka_unit_test(test_edit_missing_and_changed),
		cmocka_unit_test(test_edit_fields),
	};
	const char	*s;
	int		 rc;

	s = getenv("NR_SRCDIR");
	snprintf(fixdir, sizeof fixdir, "%s/tests/fixtures/feedlist",
	    s != NULL ? s : ".");
	if (mkdtemp(tmpdir) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("feedlist", tests, NULL, NULL);
	if (nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0 && rc == 0)
		rc = 1;
	return rc;
}
