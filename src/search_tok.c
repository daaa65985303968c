/*
 * The search module's tokenizer: FTS5's unicode61 (case and accents
 * folded) with runs of CJK characters cut into overlapping bigrams, so
 * that any two or more characters of a Chinese or Japanese text are
 * found, at the offsets of the original text (for snippets).
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/search.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "search_int.h"

/* One instance: the unicode61 tokenizer it wraps. */
struct tok {
	fts5_tokenizer	 inner;
	Fts5Tokenizer	*in;
};

/* What the wrapped tokenizer's callback needs. */
struct tok_call {
	void		*ctx;
	int		(*xtoken)(void *, int, const char *, int, int, int);
	const char	*text;
	int		 ntext;
	int		 cjk_end;	/* the last token ended in CJK */
};

/*
 * Passed on between two CJK runs that a space or punctuation separates,
 * so that they do not read as one run: "東京 京都" is not "東京都". No
 * text makes this token, so no query matches it by itself.
 */
#define GAP_TOKEN	"\001"

int
search_is_cjk(int cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) ||	/* kana */
	    (cp >= 0x31f0 && cp <= 0x31ff) ||		/* kana extension */
	    (cp >= 0x3400 && cp <= 0x4dbf) ||		/* CJK ext. A */
	    (cp >= 0x4e00 && cp <= 0x9fff) ||		/* CJK unified */
	    (cp >= 0xf900 && cp <= 0xfaff) ||		/* compatibility */
	    (cp >= 0xff66 && cp <= 0xff9f) ||		/* half-width kana */
	    (cp >= 0x20000 && cp <= 0x3134f);		/* ext. B-G */
}

/* True when the bytes may hold a CJK character (lead byte 0xe3 up). */
static int
maybe_cjk(const char *s, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0xe3)
			return 1;
	}
	return 0;
}

/* The code point at s[*i] (of n bytes), advancing *i; -1 if invalid. */
static int
next_cp(const char *s, int n, int *i)
{
	size_t	len;
	int	cp;

	len = text_utf8_decode(s + *i, (size_t)(n - *i), &cp);
	if (len == 0)
		len = 1;
	*i += (int)len;
	return cp;
}

/* A character of a token: its bytes there, and in the original. */
struct unit {
	int	t0, t1;
	int	o0, o1;
	int	cjk;
};

/*
 * Pass on a token that holds CJK characters: its other runs whole, each
 * CJK run as bigrams (a run of one as itself). tok[0..ntok) is folded;
 * the original is text[start..end): CJK characters are the same in
 * both, so the k-th of the token is the k-th of the original.
 */
static int
split_cjk(struct tok_call *c, int flags, const char *tok, int ntok,
    int start, int end)
{
	struct unit	 stackv[64], *u = stackv;
	int		 n = 0, i = 0, o = start, k, m, rc = SQLITE_OK;
	int		 from, to, o0 = start;

	if (ntok > 64)
		u = xcalloc((size_t)ntok, sizeof *u);
	while (i < ntok) {
		u[n].t0 = i;
		u[n].cjk = search_is_cjk(next_cp(tok, ntok, &i));
		u[n].t1 = i;
		u[n].o0 = u[n].o1 = -1;
		if (u[n].cjk) {
			/* The next CJK character of the original. */
			for (;;) {
				o0 = o;
				if (o >= end)
					break;
				if (search_is_cjk(next_cp(c->text, end, &o)))
					break;
			}
			u[n].o0 = o0;
			u[n].o1 = o;
		}
		n++;
	}
	for (k = 0; k < n && rc == SQLITE_OK; k = m) {
		for (m = k + 1; m < n && u[m].cjk == u[k].cjk; m++)
			;
		if (!u[k].cjk) {
			from = k > 0 ? u[k - 1].o1 : start;
			to = m < n ? u[m].o0 : end;
			rc = c->xtoken(c->ctx, flags, tok + u[k].t0,
			    u[m - 1].t1 - u[k].t0, from, to > from ? to : end);
		} else if (m - k == 1)
			rc = c->xtoken(c->ctx, flags, tok + u[k].t0,
			    u[k].t1 - u[k].t0, u[k].o0, u[k].o1);
		else {
			for (i = k; i + 1 < m && rc == SQLITE_OK; i++)
				rc = c->xtoken(c->ctx, flags, tok + u[i].t0,
				    u[i + 1].t1 - u[i].t0, u[i].o0,
				    u[i + 1].o1);
		}
	}
	if (u != stackv)
		free(u);
	return rc;
}

/*
 * The folding unicode61 leaves out, same length in UTF-8: Greek vowels
 * with tonos or dialytika (folded already to lowercase) lose them, final
 * sigma is sigma, and Cyrillic yo is ye.
 */
static int
fold_more(int cp)
{
	switch (cp) {
	case 0x3ac:
		return 0x3b1;
	case 0x3ad:
		return 0x3b5;
	case 0x3ae:
		return 0x3b7;
	case 0x3af:
	case 0x3ca:
	case 0x390:
		return 0x3b9;
	case 0x3cc:
		return 0x3bf;
	case 0x3cd:
	case 0x3cb:
	case 0x3b0:
		return 0x3c5;
	case 0x3ce:
		return 0x3c9;
	case 0x3c2:
		return 0x3c3;
	case 0x451:
		return 0x435;
	}
	return cp;
}

/* True when the token may hold a character fold_more changes. */
static int
maybe_more(const char *s, int n)
{
	int	i, c;

	for (i = 0; i + 1 < n; i++) {
		c = (unsigned char)s[i];
		if (c == 0xce || c == 0xcf || (c == 0xd1 &&
		    (unsigned char)s[i + 1] == 0x91))
			return 1;
	}
	return 0;
}

/* The wrapped tokenizer's callback. */
static int
tok_cb(void *arg, int flags, const char *tok, int ntok, int start, int end)
{
	struct tok_call	*c = arg;
	char		 stackbuf[256], *buf = NULL, enc[4];
	int		 i = 0, j, cp, rc, last, first = -1;

	if (maybe_more(tok, ntok)) {
		buf = ntok <= (int)sizeof stackbuf ? stackbuf :
		    xmalloc((size_t)ntok);
		memcpy(buf, tok, (size_t)ntok);
		while (i < ntok) {
			j = i;
			cp = next_cp(tok, ntok, &i);
			if (cp >= 0x370 && cp < 0x460 && fold_more(cp) != cp &&
			    text_utf8_encode(fold_more(cp), enc) ==
			    (size_t)(i - j))
				memcpy(buf + j, enc, (size_t)(i - j));
		}
		tok = buf;
	}
	if (!maybe_cjk(tok, ntok)) {
		c->cjk_end = 0;
		rc = c->xtoken(c->ctx, flags, tok, ntok, start, end);
	} else {
		/* Does it start and end with CJK? */
		i = 0;
		last = 0;
		while (i < ntok) {
			last = search_is_cjk(next_cp(tok, ntok, &i));
			if (first == -1)
				first = last;
		}
		rc = SQLITE_OK;
		if (first == 1 && c->cjk_end)
			rc = c->xtoken(c->ctx, flags, GAP_TOKEN, 1, start,
			    start);
		if (rc == SQLITE_OK)
			rc = split_cjk(c, flags, tok, ntok, start, end);
		c->cjk_end = last;
	}
	if (buf != NULL && buf != stackbuf)
		free(buf);
	return rc;
}

static int
tok_create(void *arg, const char **argv, int argc, Fts5Tokenizer **out)
{
	static const char	*args[] = { "remove_diacritics", "2" };
	fts5_api		*api = arg;
	struct tok		*t;
	void			*ud;
	int			 rc;

	(void)argv;
	(void)argc;
	t = xcalloc(1, sizeof *t);
	rc = api->xFindTokenizer(api, "unicode61", &ud, &t->inner);
	if (rc == SQLITE_OK)
		rc = t->inner.xCreate(ud, args, 2, &t->in);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *p)
{
	struct tok	*t = (struct tok *)p;

	if (t == NULL)
		return;
	t->inner.xDelete(t->in);
	free(t);
}

static int
tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
    int ntext, int (*xtoken)(void *, int, const char *, int, int, int))
{
	struct tok	*t = (struct tok *)p;
	struct tok_call	 c;

	c.ctx = ctx;
	c.xtoken = xtoken;
	c.text = text;
	c.ntext = ntext;
	c.cjk_end = 0;
	return t->inner.xTokenize(t->in, &c, flags, text, ntext, tok_cb);
}

int
search_tok_register(sqlite3 *db)
{
	static fts5_tokenizer	 tk = { tok_create, tok_delete, tok_tokenize };
	sqlite3_stmt		*stmt;
	fts5_api		*api = NULL;
	int			 rc;

	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(stmt);
	rc = sqlite3_finalize(stmt);
	if (rc != SQLITE_OK)
		return rc;
	if (api == NULL || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, SEARCH_TOKENIZER, api, &tk, NULL);
}
