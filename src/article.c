/* Read and write article files (docs/FORMAT.md): the cache's unit. */
#include "nr_config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

/* A cursor over the lines of a buffer. */
struct lines {
	const char	*buf;
	size_t		 len;
	size_t		 off;	/* start of the next line */
	size_t		 lineno;	/* number of the line last returned */
};

/*
 * Return the next line (without '\n' and a trailing '\r') in *p and *n.
 * Returns 0 at the end of the buffer.
 */
static int
next_line(struct lines *l, const char **p, size_t *n)
{
	const char	*nl;

	if (l->off >= l->len)
		return 0;
	*p = l->buf + l->off;
	nl = memchr(*p, '\n', l->len - l->off);
	*n = nl != NULL ? (size_t)(nl - *p) : l->len - l->off;
	l->off += *n + (nl != NULL);
	l->lineno++;
	if (*n > 0 && (*p)[*n - 1] == '\r')
		(*n)--;
	return 1;
}

/* Read n digits as a number; returns -1 if they are not all digits. */
static int
digits(const char *p, int n)
{
	int	v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* Parse "HH:MM GMT DD.MM.YYYY" (20 bytes) into a Unix time. */
static int
parse_stamp(const char *p, size_t n, int64_t *t)
{
	int	h, mi, d, mo, y;

	if (n < 20 || memcmp(p + 5, " GMT ", 5) != 0 || p[2] != ':' ||
	    p[12] != '.' || p[15] != '.')
		return -1;
	h = digits(p, 2);
	mi = digits(p + 3, 2);
	d = digits(p + 10, 2);
	mo = digits(p + 13, 2);
	y = digits(p + 16, 4);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || d < 1 || d > 31 ||
	    mo < 1 || mo > 12 || y < 0)
		return -1;
	*t = util_timegm(y, mo, d, h, mi, 0);
	return 0;
}

/* Parse a time line; returns 0 and fills published/updated if it is one. */
static int
parse_timeline(const char *p, size_t n, int64_t *pub, int64_t *upd)
{
	*upd = NR_TIME_NONE;
	if (n != 20 && n != 20 + 11 + 20 + 1)
		return -1;
	if (parse_stamp(p, n, pub) != 0)
		return -1;
	if (n == 20)
		return 0;
	if (memcmp(p + 20, " (Updated: ", 11) != 0 || p[n - 1] != ')')
		return -1;
	return parse_stamp(p + 31, 20, upd);
}

/* Parse line 1, "[ ]date YYYY-MM-DD[ URL]". */
static int
parse_header(const char *p, size_t n, struct item *it, char *errbuf)
{
	int	y, mo, d;

	if (n > 0 && *p == ' ') {
		p++;
		n--;
	}
	if (n < 15 || memcmp(p, "date ", 5) != 0 || p[9] != '-' ||
	    p[12] != '-')
		return nr_seterr(errbuf, NR_EFORMAT,
		    "expected 'date YYYY-MM-DD URL'");
	y = digits(p + 5, 4);
	mo = digits(p + 10, 2);
	d = digits(p + 13, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return nr_seterr(errbuf, NR_EFORMAT, "bad date '%.10s'", p + 5);
	it->published = util_timegm(y, mo, d, 0, 0, 0);
	p += 15;
	n -= 15;
	if (n == 0)
		return NR_OK;
	if (*p != ' ')
		return nr_seterr(errbuf, NR_EFORMAT, "bad date");
	while (n > 0 && *p == ' ') {
		p++;
		n--;
	}
	while (n > 0 && p[n - 1] == ' ')
		n--;
	if (n > 0)
		it->link = xstrndup(p, n);
	return NR_OK;
}

/* Check a header line: length, NUL bytes and UTF-8. */
static int
check_line(const char *p, size_t n, const char *what, char *errbuf)
{
	size_t	i, k;
	int	cp;

	if (n > NR_ARTICLE_MAX_LINE)
		return nr_seterr(errbuf, NR_EFORMAT,
		    "%s line longer than %d bytes", what, NR_ARTICLE_MAX_LINE);
	for (i = 0; i < n; i += k) {
		k = text_utf8_decode(p + i, n - i, &cp);
		if (cp == -1)
			return nr_seterr(errbuf, NR_EFORMAT,
			    "%s: invalid UTF-8 at byte %zu", what, i + 1);
		if (cp == 0)
			return nr_seterr(errbuf, NR_EFORMAT,
			    "%s: NUL byte", what);
		if ((cp < 0x20 && cp != '\t') || cp == 0x7f)
			return nr_seterr(errbuf, NR_EFORMAT,
			    "%s: control character at byte %zu", what, i + 1);
	}
	return NR_OK;
}

int
article_parse(const char *buf, size_t len, struct item **out, size_t *linep,
    char *errbuf)
{
	struct lines	 l = { buf, len, 0, 0 };
	struct item	*it;
	const char	*p, *title;
	size_t		 n, tlen, i;
	int64_t		 pub, upd;
	int		 err;

	*out = NULL;
	it = item_create();
	if (len == 0 || !next_line(&l, &p, &n)) {
		err = nr_seterr(errbuf, NR_EFORMAT, "empty file");
		l.lineno = 1;
		goto fail;
	}
	if ((err = check_line(p, n, "header", errbuf)) != NR_OK ||
	    (err = parse_header(p, n, it, errbuf)) != NR_OK)
		goto fail;
	if (!next_line(&l, &title, &tlen)) {
		err = nr_seterr(errbuf, NR_EFORMAT, "missing title line");
		l.lineno++;
		goto fail;
	}
	if ((err = check_line(title, tlen, "title", errbuf)) != NR_OK)
		goto fail;
	it->title = xstrndup(title, tlen);
	if (!next_line(&l, &p, &n)) {
		err = nr_seterr(errbuf, NR_EFORMAT, "missing summary line");
		l.lineno++;
		goto fail;
	}
	if ((err = check_line(p, n, "summary", errbuf)) != NR_OK)
		goto fail;
	it->summary = xstrndup(p, n);
	for (;;) {
		if (!next_line(&l, &p, &n)) {
			err = nr_seterr(errbuf, NR_EFORMAT, "no line repeats "
			    "the title (the start of the article)");
			l.lineno++;
			goto fail;
		}
		if (n == tlen && memcmp(p, title, n) == 0)
			break;
		if ((err = check_line(p, n, "tag", errbuf)) != NR_OK)
			goto fail;
		it->tags = xreallocarray(it->tags, it->ntags + 1,
		    sizeof *it->tags);
		it->tags[it->ntags++] = xstrndup(p, n);
	}
	i = l.off;
	if (next_line(&l, &p, &n) && parse_timeline(p, n, &pub, &upd) == 0) {
		it->published = pub;
		it->updated = upd;
		i = l.off;
	}
	for (n = i; n < len; n++) {
		if (buf[n] == '\0') {
			for (l.lineno = 1, p = buf; p < buf + n; p++)
				l.lineno += *p == '\n';
			err = nr_seterr(errbuf, NR_EFORMAT, "NUL byte in text");
			goto fail;
		}
	}
	it->content = xstrndup(buf + i, len - i);
	*out = it;
	return NR_OK;

fail:
	if (linep != NULL)
		*linep = l.lineno;
	/* A message may quote the file ("bad date '...'"). */
	text_clean_msg(errbuf, NR_ERRBUF_SIZE);
	item_free(it);
	return err;
}

/*
 * Append s as one line: line breaks become spaces and other controls are
 * dropped (a reader rejects them); with nospace, spaces and tabs become
 * %20 and %09 (a link).
 */
static void
add_oneline(struct strbuf *sb, const char *s, int nospace)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r')
			strbuf_addc(sb, ' ');
		else if (*s == '\t' && nospace)
			strbuf_adds(sb, "%09");
		else if ((*s > 0 && *s < 0x20 && *s != '\t') || *s == 0x7f)
			continue;
		else if (*s == ' ' && nospace)
			strbuf_adds(sb, "%20");
		else
			strbuf_addc(sb, *s);
	}
}

/* Append "HH:MM GMT DD.MM.YYYY". */
static void
add_stamp(struct strbuf *sb, int64_t t)
{
	int	y, mo, d, h, mi, s;

	util_gmtime(t, &y, &mo, &d, &h, &mi, &s);
	strbuf_addf(sb, "%02d:%02d GMT %02d.%02d.%04d", h, mi, d, mo, y);
}

int64_t
article_time(const struct item *it)
{
	int64_t	t = it->published;

	if (t == NR_TIME_NONE)
		t = it->updated != NR_TIME_NONE ? it->updated : 0;
	return t - ((t % 60) + 60) % 60;
}

char *
article_format(const struct item *it, size_t *lenp)
{
	struct strbuf	 sb;
	int64_t		 pub = article_time(it), upd = it->updated;
	int		 y, mo, d, h, mi, s;
	size_t		 i;
	char		*title;

	strbuf_init(&sb, 0);
	util_gmtime(pub, &y, &mo, &d, &h, &mi, &s);
	strbuf_addf(&sb, " date %04d-%02d-%02d", y, mo, d);
	if (it->link != NULL && *it->link != '\0') {
		strbuf_addc(&sb, ' ');
		add_oneline(&sb, it->link, 1);
	}
	strbuf_addc(&sb, '\n');
	i = sb.len;
	add_oneline(&sb, it->title, 0);
	title = xstrndup(sb.buf + i, sb.len - i);
	strbuf_addc(&sb, '\n');
	add_oneline(&sb, it->summary, 0);
	strbuf_addc(&sb, '\n');
	for (i = 0; i < it->ntags; i++) {
		size_t	start = sb.len;

		add_oneline(&sb, it->tags[i], 0);
		if (sb.len == start || (sb.len - start == strlen(title) &&
		    memcmp(sb.buf + start, title, sb.len - start) == 0)) {
			sb.len = start;
			continue;
		}
		strbuf_addc(&sb, '\n');
	}
	strbuf_adds(&sb, title);
	strbuf_addc(&sb, '\n');
	free(title);
	add_stamp(&sb, pub);
	if (upd != NR_TIME_NONE) {
		upd -= ((upd % 60) + 60) % 60;
		if (upd != pub) {
			strbuf_adds(&sb, " (Updated: ");
			add_stamp(&sb, upd);
			strbuf_addc(&sb, ')');
		}
	}
	if (it->content != NULL && *it->content != '\0') {
		strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, it->content);
	}
	return strbuf_detach(&sb, lenp);
}

/* Hex digit values plus one; 0 for anything that is not one. */
static const unsigned char hexval[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

int
article_name_parse(const char *name, unsigned long *seq, uint64_t *hash)
{
	const unsigned char	*p = (const unsigned char *)name;
	unsigned long		 v = 0;
	uint64_t		 h = 0;
	int			 i, n;

	for (n = 0; p[n] >= '0' && p[n] <= '9'; n++) {
		if (n == 9)
			return 0;
		v = v * 10 + (unsigned long)(p[n] - '0');
	}
	if (n < 3 || p[n] != '_')
		return 0;
	p += n + 1;
	for (i = 0; i < 16; i++) {
		if (hexval[p[i]] == 0)
			return 0;
		h = h << 4 | (uint64_t)(hexval[p[i]] - 1);
	}
	if (strcmp((const char *)p + 16, ".txt") != 0)
		return 0;
	if (seq != NULL)
		*seq = v;
	if (hash != NULL)
		*hash = h;
	return 1;
}

void
article_name(char *buf, size_t size, unsigned long seq, uint64_t hash)
{
	snprintf(buf, size, "%03lu_%016" PRIx64 ".txt", seq, hash);
}
