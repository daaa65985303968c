/*
 * extract: the main article of a web page. The page is parsed by gumbo
 * (an HTML5 parser: the only file set that includes <gumbo.h>), within
 * caps on size, depth and tags; extract_tree.c flattens the tree,
 * extract_score.c picks the article, extract_out.c writes it.
 */
#include "nr_config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/feed.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "extract_int.h"

/* Fewer characters of text outside links than this is no article. */
#define EXTRACT_MIN_CHARS	140

/* True when len bytes of s are valid UTF-8. */
static int
extract_is_utf8(const char *s, size_t len)
{
	size_t	i = 0;
	int	cp;

	while (i < len) {
		/* Eight bytes of ASCII at a time. */
		if (len - i >= 8 &&
		    (util_load8(s + i) & UTIL_ALL8(0x80)) == 0) {
			i += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += text_utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			return 0;
	}
	return 1;
}

/*
 * len bytes of s in charset as UTF-8 (caller frees), or NULL when the
 * charset is UTF-8 or unknown. Bytes that do not convert become U+FFFD.
 */
static char *
extract_to_utf8(const char *s, size_t *lenp, const char *charset)
{
	iconv_t	 cd;
	char	*out, *in = (char *)s, *o;
	size_t	 inleft = *lenp, outleft, cap;

	if (charset == NULL || util_strcasecmp(charset, "utf-8") == 0 ||
	    util_strcasecmp(charset, "utf8") == 0)
		return NULL;
	if ((cd = iconv_open("UTF-8", charset)) == (iconv_t)-1)
		return NULL;
	cap = inleft * 4 + 16;
	out = o = xmalloc(cap);
	outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG || outleft < 3)
			break;
		/* A byte that does not convert (EILSEQ, EINVAL at the end). */
		memcpy(o, "\xef\xbf\xbd", 3);
		o += 3;
		outleft -= 3;
		in++;
		inleft--;
	}
	iconv_close(cd);
	*o = '\0';
	*lenp = (size_t)(o - out);
	return out;
}

/* Forget the article of a pass (html and paragraphs). */
static void
extract_result_clear(struct extract_result *r)
{
	size_t	i;

	free(r->html);
	for (i = 0; i < r->npara; i++)
		free(r->paras[i]);
	free(r->paras);
	r->html = NULL;
	r->paras = NULL;
	r->npara = 0;
}

void
extract_result_free(struct extract_result *r)
{
	size_t	i;

	if (r == NULL)
		return;
	free(r->title);
	free(r->html);
	for (i = 0; i < r->npara; i++)
		free(r->paras[i]);
	free(r->paras);
	memset(r, 0, sizeof *r);
	r->published = r->updated = NR_TIME_NONE;
}

static enum nr_err
extract_run(const char *html, size_t len, const char *charset,
    const char *base_url, struct extract_result *r, char *errbuf, int strip)
{
	GumboOptions	 opts = kGumboDefaultOptions;
	GumboOutput	*g;
	struct xmeta	 meta;
	struct xtree	 t;
	int32_t		*roots = NULL;
	size_t		 nroots, chars = 0, pagelen;
	int		 pass;
	char		*conv = NULL, *sniffed = NULL, *base = NULL;
	char		*cut = NULL;
	struct xmem	 mem = { NULL, 0 };
	struct xfold	 fold;

	memset(&fold, 0, sizeof fold);
	memset(r, 0, sizeof *r);
	r->published = r->updated = NR_TIME_NONE;
	if (len > NR_EXTRACT_MAX_INPUT)
		return nr_seterr(errbuf, NR_ELIMIT, "page larger than %lu MiB",
		    NR_EXTRACT_MAX_INPUT >> 20);
	if (!extract_is_utf8(html, len)) {
		if (charset == NULL)
			charset = sniffed = xmeta_sniff_charset(html, len);
		if ((conv = extract_to_utf8(html, &len, charset)) != NULL)
			html = conv;
	}
	pagelen = len;
	if (strip && (cut = xstrip(html, len, &len, &fold)) != NULL)
		html = cut;
	opts.max_errors = 0;
	opts.allocator = xmem_alloc;
	opts.deallocator = xmem_free;
	opts.userdata = &mem;
	/* Gumbo takes about ten times the page: small pages, small chunks. */
	if (len < (64U << 10))
		mem.chunk = 1U << 20;
	/* A folded <a> element is a start tag of the cap all the same. */
	g = gumbo_parse_with_options(&opts, html,
	    xmeta_prescan(html, len, fold.nanchor));
	xfold_expand(g->document, &fold, &mem);
	xmeta_scan(g->document, &meta);
	if (meta.base != NULL)
		base = extract_url_resolve(base_url, meta.base);
	else if (base_url == NULL && meta.canonical != NULL)
		base = extract_url_resolve(NULL, meta.canonical);
	r->title = text_clean(meta.title != NULL ? meta.title : "",
	    meta.title != NULL ? strlen(meta.title) : 0,
	    NR_TEXT_ONELINE | NR_TEXT_TRIM, 1024);
	r->published = meta.published;
	r->updated = meta.updated;
	/*
	 * As Readability does, a page where nothing is found is tried again
	 * without dropping blocks for their class or id names (a container
	 * named "main with-sidebar"); a page with an article is not.
	 */
	for (pass = 0; pass < 2 && chars < EXTRACT_MIN_CHARS; pass++) {
		extract_result_clear(r);
		/* (The page as it was: folded text holds more nodes.) */
		xtree_build(&t, g->root, pass == 0 ? 0 : XT_NOHINTS,
		    pagelen);
		nroots = xscore_pick(&t, &roots);
		if (nroots > 0)
			chars = xout_write(&t, roots, nroots, base != NULL ?
			    base : base_url, r->title, r);
		free(roots);
		roots = NULL;
		xtree_free(&t);
	}
	xmeta_free(&meta);
	/* The arena holds all of gumbo's tree: no gumbo_destroy_output. */
	xmem_release(&mem);
	free(base);
	free(conv);
	free(cut);
	xfold_free(&fold);
	free(sniffed);
	if (chars < EXTRACT_MIN_CHARS) {
		extract_result_free(r);
		return nr_seterr(errbuf, NR_ENOTFOUND, "no article found");
	}
	return NR_OK;
}

enum nr_err
extract_page(const char *html, size_t len, const char *charset,
    const char *base_url, struct extract_result *r, char *errbuf)
{
	return extract_run(html, len, charset, base_url, r, errbuf, 1);
}

enum nr_err
extract_page_unstripped(const char *html, size_t len, const char *charset,
    const char *base_url, struct extract_result *r, char *errbuf)
{
	return extract_run(html, len, charset, base_url, r, errbuf, 0);
}

int
extract_is_html_type(const char *ct)
{
	size_t	n;

	if (ct == NULL)
		return 1;
	n = strcspn(ct, "; \t");
	return (n == 9 && util_strncasecmp(ct, "text/html", 9) == 0) ||
	    (n == 21 && util_strncasecmp(ct, "application/xhtml+xml", 21) == 0);
}
