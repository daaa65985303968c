/*
 * The parse module's input stage: encoding detection and conversion to
 * UTF-8 with iconv(3), and the repair filter that makes a broken feed
 * well-formed enough for Mini-XML. Both stream, so memory stays bounded.
 */
#include "nr_config.h"

#define _GNU_SOURCE 1	/* fopencookie(3) */

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/feed.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "parse_int.h"

/*
 * THE REPAIR PASS (docs/PARSING.md describes it for users)
 *
 * Every document first goes through the decoder: a byte order mark or
 * UTF-16 pattern, else the HTTP charset, else the XML declaration picks
 * the encoding; iconv converts it to UTF-8. Byte sequences that are not
 * valid in the encoding become U+FFFD, and C0 control characters other
 * than tab, LF and CR are dropped (XML forbids them).
 *
 * The decoded text then goes through a small tokenizer (the filter) that
 * always does these things, which change nothing a feed reader sees:
 *   - comments and processing instructions are dropped; the XML
 *     declaration is replaced by one that says UTF-8;
 *   - entity references are rewritten as numeric references (&lt; is
 *     &#60;), which Mini-XML decodes without a table lookup;
 *   - elements nested deeper than PARSE_MAX_DEPTH, text runs longer than
 *     PARSE_MAX_RUN and tags longer than PARSE_MAX_TAG are cut (with a
 *     warning), so Mini-XML's memory stays bounded.
 *
 * With repair on (after a strict parse failed, or from the start for a
 * stream), the filter also fixes:
 *   - a stray & (not starting a reference) becomes &amp;;
 *   - an HTML named entity (&eacute;, &nbsp;, &rsquo;, ...) becomes a
 *     numeric reference, also without its ; (&copy 2024); an unknown
 *     named reference is escaped (&amp;foo;) and shown as written;
 *   - a numeric reference to a character XML forbids is dropped; one in
 *     the C1 range (&#150;) is read as windows-1252, as browsers do;
 *   - a stray < (not starting a tag) becomes &lt;, and so does a < inside
 *     an attribute value;
 *   - a DOCTYPE is removed with its internal subset, so entities it
 *     declares are never expanded (no "billion laughs") and nothing is
 *     ever fetched;
 *   - a close tag that does not match the open element closes the open
 *     elements down to the matching one; a close tag matching no open
 *     element is dropped; elements still open at the end are closed; an
 *     unterminated CDATA section, tag or comment is ended.
 */

#define CHUNK		65536
#define NAME_MAX_LEN	96
#define ENT_MAX_LEN	32

/* windows-1252 for 0x80-0x9F (0: undefined). */
static const unsigned short cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

/* Charset names mapped to what iconv should use (NULL: UTF-8). */
static const struct {
	const char	*name;
	const char	*iconv;
} charsets[] = {
	{ "utf-8", NULL }, { "utf8", NULL }, { "unicode-1-1-utf-8", NULL },
	{ "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" },
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
	{ "gb_2312-80", "GB18030" }, { "euc-cn", "GB18030" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" },
	{ "sjis", "CP932" }, { "x-sjis", "CP932" }, { "ms_kanji", "CP932" },
	{ "windows-31j", "CP932" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
	{ "tis-620", "CP874" }, { "iso-8859-11", "CP874" }
};

enum fstate {
	F_TEXT,		/* character data */
	F_LT,		/* after < */
	F_BANG,	/* after <!, deciding between comment, CDATA, DOCTYPE */
	F_COMMENT,	/* inside <!-- --> */
	F_CDATA,	/* inside <![CDATA[ ]]> */
	F_DECL,		/* inside <!DOCTYPE ...> or another <!...> */
	F_PI,		/* inside <? ?> */
	F_STAG,		/* start tag: the name */
	F_ATTRS,	/* start tag: after the name */
	F_ETAG,		/* end tag */
	F_ENT		/* after & */
};

struct prep {
	/* Decoder. */
	iconv_t		 cd;	/* (iconv_t)-1: input is UTF-8 */
	char		*encoding;
	int		 unit;	/* bytes per code unit (UTF-16: 2) */
	char		 tail[8];	/* incomplete input sequence */
	size_t		 ntail;
	size_t		 skip;	/* BOM bytes still to skip */
	size_t		 badbytes;
	size_t		 controls;
	int		 guessed;	/* nothing declared, not UTF-8 */
	int		 esc;		/* in an escape sequence */

	/* Filter. */
	int		 repair;
	enum fstate	 st;
	enum fstate	 entret;	/* state to return to after F_ENT */
	char		 quote;	/* in an attribute value: ' or " */
	char	 cutquote;	/* quote open where a tag was cut */
	char		 lastc;	/* last non-space char of a tag */
	char	 pend[16];	/* bytes after <! while deciding */
	size_t		 npend;
	char		 ent[ENT_MAX_LEN + 1];
	size_t		 nent;
	char		 name[NAME_MAX_LEN + 1];
	size_t		 nname;
	int	 droptag;	/* this tag is past the depth limit */
	int		 xmldecl;	/* the PI is the XML declaration */
	int		 seen;		/* anything emitted yet */
	int		 bracket;	/* [ ] depth in a DOCTYPE */
	int		 dashes;	/* - or ] or ? seen before > */
	size_t		 run;	/* length of the current text run */
	size_t		 taglen;
	char		 stack[PARSE_MAX_DEPTH][NAME_MAX_LEN + 1];
	int		 depth;
	size_t	 overflow; /* open elements dropped past the limit */

	/* What was done. */
	size_t		 cutdepth;
	size_t		 cutrun;
	size_t		 cuttag;
	size_t		 amps;
	size_t		 ents;
	size_t		 lts;
	size_t		 badrefs;
	size_t		 doctypes;
	size_t		 closed;
	size_t		 strays;

	/* prep_fopen: the source and the pending output. */
	FILE		*fp;
	struct strbuf	 out;
	size_t		 outpos;
	int		 eof;
	char		*head;
	size_t		 nhead;
};

static void	filter(struct prep *, const char *, size_t, struct strbuf *);

/* Find the encoding named in an XML declaration at the start of head. */
static char *
decl_encoding(const char *head, size_t len)
{
	const char	*p, *end, *e;
	char		 q;
	size_t		 i;

	if (len > 1024)
		len = 1024;
	end = head + len;
	for (p = head; p < end && isspace((unsigned char)*p); p++)
		;
	if (end - p < 6 || strncmp(p, "<?xml", 5) != 0)
		return NULL;
	for (e = p; e < end && *e != '>'; e++)
		;
	for (; p + 9 < e; p++) {
		if (strncmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < e && (isspace((unsigned char)*p) || *p == '='))
			p++;
		if (p >= e || (*p != '"' && *p != '\''))
			return NULL;
		q = *p++;
		for (i = 0; p + i < e && p[i] != q && i < 40; i++)
			;
		if (p + i >= e || p[i] != q)
			return NULL;
		return xstrndup(p, i);
	}
	return NULL;
}

/* True when head starts (after white space) with an XML declaration. */
static int
has_decl(const char *head, size_t len)
{
	const char	*p, *end = head + len;

	for (p = head; p < end && isspace((unsigned char)*p); p++)
		;
	return end - p >= 5 && strncmp(p, "<?xml", 5) == 0;
}

/*
 * True when len bytes of s are not UTF-8: a sequence cut by the end of s
 * (a stream's first chunk) does not count.
 */
static int
not_utf8(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, need, k;
	int			 cp;

	while (i < len) {
		i += text_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0)
			continue;
		/* Bad, unless a lead byte and its continuations end s. */
		i--;
		need = u[i] >= 0xc2 && u[i] <= 0xdf ? 2 : u[i] >= 0xe0 &&
		    u[i] <= 0xef ? 3 : u[i] >= 0xf0 && u[i] <= 0xf4 ? 4 : 0;
		if (need == 0 || len - i >= need)
			return 1;
		for (k = i + 1; k < len; k++) {
			if ((u[k] & 0xc0) != 0x80)
				return 1;
		}
		return 0;
	}
	return 0;
}

/* Lowercased charset name, trimmed; the caller frees. */
static char *
charset_norm(const char *s)
{
	char	*c, *p;

	while (isspace((unsigned char)*s) || *s == '"' || *s == '\'')
		s++;
	c = xstrdup(s);
	for (p = c; *p != '\0'; p++)
		*p = (char)util_tolower((unsigned char)*p);
	while (p > c && (isspace((unsigned char)p[-1]) || p[-1] == '"' ||
	    p[-1] == '\''))
		*--p = '\0';
	return c;
}

struct prep *
prep_create(const char *head, size_t len, const char *charset, int repair)
{
	struct prep		*pp;
	const unsigned char	*u = (const unsigned char *)head;
	char			*enc = NULL, *name;
	const char		*conv = NULL;
	size_t			 i;

	pp = xcalloc(1, sizeof *pp);
	pp->cd = (iconv_t)-1;
	pp->repair = repair;
	pp->unit = 1;
	strbuf_init(&pp->out, 0);
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		pp->skip = 3;
		conv = NULL;
		enc = xstrdup("utf-8");
	} else if (len >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 &&
	    u[3] == 0) {
		conv = "UTF-32LE";
		pp->skip = 4;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe &&
	    u[3] == 0xff) {
		conv = "UTF-32BE";
		pp->skip = 4;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		conv = "UTF-16LE";
		pp->skip = 2;
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		conv = "UTF-16BE";
		pp->skip = 2;
	} else if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' &&
	    u[3] == 0)
		conv = "UTF-16LE";
	else if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 &&
	    u[3] == '?')
		conv = "UTF-16BE";
	else {
		/* ASCII-compatible: the HTTP charset, else the declaration. */
		if (charset != NULL && *charset != '\0')
			enc = charset_norm(charset);
		if (enc != NULL && strncmp(enc, "utf-16", 6) == 0)
			FREE(&enc);
		if (enc == NULL) {
			name = decl_encoding(head, len);
			if (name != NULL) {
				enc = charset_norm(name);
				free(name);
			}
		}
		if (enc != NULL && (strncmp(enc, "utf-16", 6) == 0 ||
		    strncmp(enc, "utf-32", 6) == 0 ||
		    strncmp(enc, "ucs", 3) == 0))
			FREE(&enc);
		if (enc == NULL && !has_decl(head, len) &&
		    (charset == NULL || *charset == '\0') &&
		    not_utf8(head, len)) {
			/*
			 * Nothing declared and not UTF-8: what such feeds
			 * nearly always are (feedparser and browsers agree).
			 */
			enc = xstrdup("windows-1252");
			pp->guessed = 1;
		}
		if (enc == NULL)
			enc = xstrdup("utf-8");
		conv = enc;
		for (i = 0; i < sizeof charsets / sizeof charsets[0]; i++) {
			if (strcmp(enc, charsets[i].name) == 0) {
				conv = charsets[i].iconv;
				break;
			}
		}
	}
	if (conv != NULL) {
		pp->cd = iconv_open("UTF-8", conv);
		if (pp->cd == (iconv_t)-1) {
			/* Unknown charset: read it as UTF-8 and repair it. */
			free(pp->encoding);
			pp->encoding = xasprintf("%s (unknown, read as UTF-8)",
			    enc != NULL ? enc : conv);
			free(enc);
			return pp;
		}
		if (strncmp(conv, "UTF-16", 6) == 0)
			pp->unit = 2;
		else if (strncmp(conv, "UTF-32", 6) == 0)
			pp->unit = 4;
	}
	if (enc != NULL)
		pp->encoding = enc;
	else
		pp->encoding = charset_norm(conv);
	return pp;
}

const char *
prep_encoding(const struct prep *pp)
{
	return pp->encoding;
}

void
prep_free(struct prep *pp)
{
	if (pp == NULL)
		return;
	if (pp->cd != (iconv_t)-1)
		iconv_close(pp->cd);
	free(pp->encoding);
	free(pp->head);
	strbuf_clear(&pp->out);
	free(pp);
}

size_t
prep_repairs(const struct prep *pp)
{
	return pp->amps + pp->ents + pp->lts + pp->badrefs + pp->doctypes +
	    pp->closed + pp->strays;
}

void
prep_report(const struct prep *pp, struct feed *f)
{
	if (pp->guessed)
		feed_warn(f, "not UTF-8 and no encoding declared: read as "
		    "windows-1252");
	else if (pp->cd != (iconv_t)-1)
		feed_warn(f, "converted from %s to UTF-8", pp->encoding);
	else if (strstr(pp->encoding, "unknown") != NULL)
		feed_warn(f, "encoding %s", pp->encoding);
	if (pp->badbytes > 0)
		feed_warn(f, "%zu invalid byte sequences replaced by U+FFFD",
		    pp->badbytes);
	if (pp->controls > 0)
		feed_warn(f, "%zu control characters dropped", pp->controls);
	if (pp->amps > 0)
		feed_warn(f, "repaired: %zu stray '&' escaped", pp->amps);
	if (pp->ents > 0)
		feed_warn(f, "repaired: %zu unknown or unterminated entities",
		    pp->ents);
	if (pp->lts > 0)
		feed_warn(f, "repaired: %zu stray '<' escaped", pp->lts);
	if (pp->badrefs > 0)
		feed_warn(f, "repaired: %zu invalid character references "
		    "dropped", pp->badrefs);
	if (pp->doctypes > 0)
		feed_warn(f, "repaired: DOCTYPE with internal subset removed");
	if (pp->closed > 0)
		feed_warn(f, "repaired: %zu unclosed elements closed",
		    pp->closed);
	if (pp->strays > 0)
		feed_warn(f, "repaired: %zu stray close tags dropped",
		    pp->strays);
	if (pp->cutdepth > 0)
		feed_warn(f, "%zu elements nested deeper than %d dropped",
		    pp->cutdepth, PARSE_MAX_DEPTH);
	if (pp->cutrun > 0)
		feed_warn(f, "%zu text runs cut at %d bytes", pp->cutrun,
		    PARSE_MAX_RUN);
	if (pp->cuttag > 0)
		feed_warn(f, "%zu tags cut at %d bytes", pp->cuttag,
		    PARSE_MAX_TAG);
}

/*
 * Validate UTF-8 from s, appending to out: invalid sequences become
 * U+FFFD, C0 controls but tab, LF and CR are dropped. An incomplete
 * sequence at the end is kept in pp->tail unless eof.
 */
static void
utf8_pass(struct prep *pp, const char *s, size_t len, int eof,
    struct strbuf *out)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, start, n, k;
	unsigned int		 c, cp, min;

	while (i < len) {
		if (pp->esc != 0) {
			/* Drop an escape sequence whole: ESC [ ... final. */
			c = u[i++];
			if (pp->esc == 1 && c == '[')
				pp->esc = 2;
			else if (pp->esc == 1 || (c >= 0x40 && c <= 0x7e) ||
			    c < 0x20 || c >= 0x80)
				pp->esc = 0;
			continue;
		}
		start = i;
		while (i < len && u[i] >= 0x20 && u[i] < 0x80)
			i++;
		if (i > start)
			filter(pp, s + start, i - start, out);
		if (i >= len)
			break;
		c = u[i];
		if (c < 0x20) {
			if (c == '\t' || c == '\n' || c == '\r')
				filter(pp, s + i, 1, out);
			else
				pp->controls++;
			if (c == 0x1b)
				pp->esc = 1;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 2;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 3;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 4;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			pp->badbytes++;
			filter(pp, "\xef\xbf\xbd", 3, out);
			i++;
			continue;
		}
		for (k = 1; k < n && i + k < len; k++) {
			if ((u[i + k] & 0xc0) != 0x80)
				break;
			cp = (cp << 6) | (u[i + k] & 0x3f);
		}
		if (k < n && i + k == len && !eof) {
			/* Incomplete at the end of the chunk: keep it. */
			memcpy(pp->tail, s + i, len - i);
			pp->ntail = len - i;
			return;
		}
		if (k < n || cp < min || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe ||
		    cp == 0xffff) {
			pp->badbytes++;
			filter(pp, "\xef\xbf\xbd", 3, out);
			i += k > 0 ? k : 1;
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9f) {
			/* C1 controls: dropped, as text_clean() would. */
			pp->controls++;
			i += n;
			continue;
		}
		filter(pp, s + i, n, out);
		i += n;
	}
}

/* Run len bytes of raw input through iconv, then the UTF-8 pass. */
static void
decode(struct prep *pp, const char *s, size_t len, int eof,
    struct strbuf *out)
{
	char	 buf[CHUNK], *ip, *op, tmp[16];
	size_t	 il, ol, r, n;

	if (pp->skip > 0) {
		n = pp->skip < len ? pp->skip : len;
		s += n;
		len -= n;
		pp->skip -= n;
	}
	if (pp->ntail > 0 && len > 0) {
		/* Complete the kept sequence with bytes from s. */
		n = sizeof tmp - pp->ntail;
		if (n > len)
			n = len;
		memcpy(tmp, pp->tail, pp->ntail);
		memcpy(tmp + pp->ntail, s, n);
		r = pp->ntail;
		pp->ntail = 0;
		if (pp->cd == (iconv_t)-1) {
			/* Re-run the tail with enough bytes to decide. */
			size_t used = 0;

			while (used < n && used < 4 &&
			    (((unsigned char)s[used]) & 0xc0) == 0x80)
				used++;
			memcpy(tmp + r, s, used);
			utf8_pass(pp, tmp, r + used, 1, out);
			s += used;
			len -= used;
		} else {
			ip = tmp;
			il = r + n;
			op = buf;
			ol = sizeof buf;
			if (iconv(pp->cd, &ip, &il, &op, &ol) == (size_t)-1 &&
			    errno == EILSEQ) {
				pp->badbytes++;
				memcpy(op, "\xef\xbf\xbd", 3);
				op += 3;
				ip += pp->unit;
			}
			utf8_pass(pp, buf, (size_t)(op - buf), 0, out);
			/* What of s did iconv consume? */
			n = (size_t)(ip - tmp) > r ? (size_t)(ip - tmp) - r : 0;
			s += n;
			len -= n;
		}
	}
	if (pp->cd == (iconv_t)-1) {
		utf8_pass(pp, s, len, eof, out);
		return;
	}
	ip = (char *)s;
	il = len;
	while (il > 0) {
		op = buf;
		ol = sizeof buf;
		r = iconv(pp->cd, &ip, &il, &op, &ol);
		if (r == (size_t)-1 && errno == EILSEQ) {
			utf8_pass(pp, buf, (size_t)(op - buf), 0, out);
			pp->badbytes++;
			utf8_pass(pp, "\xef\xbf\xbd", 3, 0, out);
			n = il < (size_t)pp->unit ? il : (size_t)pp->unit;
			ip += n;
			il -= n;
			continue;
		}
		utf8_pass(pp, buf, (size_t)(op - buf), 0, out);
		if (r == (size_t)-1 && errno == EINVAL) {
			if (eof || il > sizeof pp->tail) {
				pp->badbytes++;
				utf8_pass(pp, "\xef\xbf\xbd", 3, 0, out);
			} else {
				memcpy(pp->tail, ip, il);
				pp->ntail = il;
			}
			break;
		}
		if (r == (size_t)-1 && errno != E2BIG)
			break;
	}
}

/* Emit a numeric character reference. */
static void
emit_ref(struct strbuf *out, int cp)
{
	char	buf[16];
	int	n;

	n = snprintf(buf, sizeof buf, "&#%d;", cp);
	strbuf_add(out, buf, (size_t)n);
}

/* True for a code point XML allows as a character. */
static int
xml_char(long cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

/* Emit text bytes, counting the run and cutting it at PARSE_MAX_RUN. */
static void
emit_text(struct prep *pp, const char *s, size_t len, struct strbuf *out)
{
	size_t	room;

	if (pp->run + len <= PARSE_MAX_RUN) {
		strbuf_add(out, s, len);
		pp->run += len;
		return;
	}
	room = PARSE_MAX_RUN > pp->run ? PARSE_MAX_RUN - pp->run : 0;
	/* Cut at a character boundary. */
	while (room > 0 && room < len &&
	    (((unsigned char)s[room]) & 0xc0) == 0x80)
		room--;
	if (room > 0)
		strbuf_add(out, s, room);
	if (pp->run <= PARSE_MAX_RUN)
		pp->cutrun++;
	pp->run = PARSE_MAX_RUN + 1;
}

/* Finish an entity reference collected in pp->ent; c ended it. */
static void
end_entity(struct prep *pp, int terminated, struct strbuf *out)
{
	char	*end;
	long	 cp;
	int	 v;

	pp->ent[pp->nent] = '\0';
	if (pp->nent > 1 && pp->ent[0] == '#') {
		errno = 0;
		if (pp->ent[1] == 'x' || pp->ent[1] == 'X')
			cp = strtol(pp->ent + 2, &end, 16);
		else
			cp = strtol(pp->ent + 1, &end, 10);
		if (*end == '\0' && end != pp->ent + 1 && errno == 0 &&
		    (terminated || pp->repair)) {
			if (cp >= 0x80 && cp <= 0x9f && cp1252[cp - 0x80])
				cp = cp1252[cp - 0x80];
			if (xml_char(cp)) {
				emit_ref(out, (int)cp);
				if (!terminated)
					pp->ents++;
			} else if (pp->repair)
				pp->badrefs++;
			else
				strbuf_addf(out, "&%s;", pp->ent);
			return;
		}
	} else if (pp->nent > 0) {
		v = prep_entity(pp->ent, pp->nent);
		if (v > 0 && (terminated || pp->repair)) {
			emit_ref(out, v);
			if (!terminated)
				pp->ents++;
			return;
		}
	}
	/* Not a reference. */
	if (!pp->repair) {
		strbuf_addc(out, '&');
		strbuf_add(out, pp->ent, pp->nent);
		if (terminated)
			strbuf_addc(out, ';');
		return;
	}
	if (pp->nent > 0 && terminated)
		pp->ents++;
	else
		pp->amps++;
	strbuf_add(out, "&amp;", 5);
	strbuf_add(out, pp->ent, pp->nent);
	if (terminated)
		strbuf_addc(out, ';');
}

/* Emit the close tags of open elements down to (not including) depth d. */
static void
close_to(struct prep *pp, int d, struct strbuf *out)
{
	while (pp->depth > d) {
		pp->depth--;
		strbuf_add(out, "</", 2);
		strbuf_adds(out, pp->stack[pp->depth]);
		strbuf_addc(out, '>');
	}
}

/* An end tag named pp->name is complete. */
static void
end_tag(struct prep *pp, struct strbuf *out)
{
	int	i;

	pp->name[pp->nname] = '\0';
	if (pp->overflow > 0) {
		pp->overflow--;
		return;
	}
	for (i = pp->depth - 1; i >= 0; i--)
		if (strcmp(pp->stack[i], pp->name) == 0)
			break;
	if (i == pp->depth - 1 || !pp->repair) {
		if (pp->depth > 0)
			pp->depth--;
		strbuf_add(out, "</", 2);
		strbuf_add(out, pp->name, pp->nname);
		strbuf_addc(out, '>');
		return;
	}
	if (i < 0) {
		pp->strays++;
		return;
	}
	pp->closed += (size_t)(pp->depth - 1 - i);
	close_to(pp, i, out);
}

/* Start a start tag whose first name character is c. */
static void
start_tag(struct prep *pp, struct strbuf *out)
{
	pp->nname = 0;
	pp->taglen = 1;
	pp->lastc = 0;
	pp->quote = 0;
	pp->droptag = pp->depth >= PARSE_MAX_DEPTH;
	if (!pp->droptag)
		strbuf_addc(out, '<');
	pp->st = F_STAG;
}

/* A start tag ended with >. */
static void
start_tag_end(struct prep *pp, struct strbuf *out)
{
	int	empty = pp->lastc == '/';

	if (pp->droptag) {
		if (!empty) {
			pp->overflow++;
			pp->cutdepth++;
		}
		return;
	}
	if (pp->taglen > PARSE_MAX_TAG && pp->cutquote != 0)
		strbuf_addc(out, pp->cutquote);
	else if (pp->quote != 0)
		strbuf_addc(out, pp->quote);
	pp->quote = pp->cutquote = 0;
	strbuf_addc(out, '>');
	if (!empty) {
		pp->name[pp->nname] = '\0';
		memcpy(pp->stack[pp->depth], pp->name, pp->nname + 1);
		pp->depth++;
	}
}

static int
namechar(int c)
{
	return isalnum(c) || c == '_' || c == ':' || c == '-' || c == '.' ||
	    c >= 0x80;
}

/* The filter: run decoded UTF-8 through the tokenizer. */
static void
filter(struct prep *pp, const char *s, size_t len, struct strbuf *out)
{
	struct strbuf	 scratch, *target;
	size_t		 i = 0, start;
	int		 c;

	strbuf_init(&scratch, 256);
	while (i < len) {
		c = (unsigned char)s[i];
		switch (pp->st) {
		case F_TEXT:
			start = i;
			while (i < len && s[i] != '<' && s[i] != '&')
				i++;
			if (i > start)
				emit_text(pp, s + start, i - start, out);
			if (i >= len)
				continue;
			if (s[i] == '&') {
				pp->st = F_ENT;
				pp->entret = F_TEXT;
				pp->nent = 0;
			} else
				pp->st = F_LT;
			i++;
			continue;
		case F_ENT:
			target = out;
			if (pp->entret == F_ATTRS && (pp->droptag ||
			    pp->taglen > PARSE_MAX_TAG))
				target = &scratch;
			if (isalnum(c) || c == '#') {
				if (pp->nent < ENT_MAX_LEN) {
					pp->ent[pp->nent++] = (char)c;
					i++;
					continue;
				}
			}
			if (c == ';') {
				end_entity(pp, 1, target);
				i++;
			} else
				end_entity(pp, 0, target);
			strbuf_reset(&scratch);
			pp->st = pp->entret;
			if (pp->st == F_TEXT)
				pp->run += 4;
			continue;
		case F_LT:
			if (c == '/') {
				pp->st = F_ETAG;
				pp->nname = 0;
				i++;
			} else if (c == '!') {
				pp->st = F_BANG;
				pp->npend = 0;
				i++;
			} else if (c == '?') {
				pp->st = F_PI;
				pp->xmldecl = !pp->seen;
				pp->nname = 0;
				pp->dashes = 0;
				i++;
			} else if (isalpha(c) || c == '_' || c == ':' ||
			    c >= 0x80) {
				start_tag(pp, out);
			} else if (pp->repair) {
				pp->lts++;
				strbuf_add(out, "&lt;", 4);
				pp->st = F_TEXT;
			} else {
				strbuf_addc(out, '<');
				pp->st = F_TEXT;
			}
			pp->seen = 1;
			pp->run = 0;
			continue;
		case F_BANG:
			pp->pend[pp->npend++] = (char)c;
			i++;
			if (strncmp(pp->pend, "--", pp->npend) == 0) {
				if (pp->npend == 2) {
					pp->st = F_COMMENT;
					pp->dashes = 0;
				}
			} else if (strncmp(pp->pend, "[CDATA[",
			    pp->npend) == 0) {
				if (pp->npend == 7) {
					pp->st = F_CDATA;
					pp->dashes = 0;
					strbuf_add(out, "<![CDATA[", 9);
				}
			} else {
				pp->st = F_DECL;
				pp->bracket = 0;
				pp->taglen = 0;
				if (!pp->repair) {
					strbuf_add(out, "<!", 2);
					strbuf_add(out, pp->pend,
					    pp->npend - 1);
				}
				/* Reprocess the last byte ([ or >). */
				i--;
			}
			continue;
		case F_COMMENT:
			/* Dropped; ends at -->. */
			while (i < len) {
				c = (unsigned char)s[i++];
				if (c == '>' && pp->dashes >= 2) {
					pp->st = F_TEXT;
					break;
				}
				pp->dashes = c == '-' ? pp->dashes + 1 : 0;
			}
			continue;
		case F_CDATA:
			start = i;
			while (i < len) {
				c = (unsigned char)s[i++];
				if (c == '>' && pp->dashes >= 2) {
					emit_text(pp, s + start,
					    i - start - 1, out);
					if (pp->run > PARSE_MAX_RUN)
						strbuf_add(out, "]]>", 3);
					else
						strbuf_addc(out, '>');
					pp->st = F_TEXT;
					pp->run = 0;
					start = i;
					break;
				}
				pp->dashes = c == ']' ? pp->dashes + 1 : 0;
			}
			if (pp->st == F_CDATA && i > start) {
				/* Keep "]]" whole across the cut. */
				emit_text(pp, s + start, i - start, out);
			}
			continue;
		case F_DECL:
			i++;
			if (!pp->repair)
				strbuf_addc(out, (char)c);
			if (c == '[')
				pp->bracket++;
			else if (c == ']' && pp->bracket > 0)
				pp->bracket--;
			else if (c == '>' && pp->bracket == 0) {
				if (pp->repair)
					pp->doctypes += pp->taglen > 0;
				pp->st = F_TEXT;
			}
			if (c == '[')
				pp->taglen = 1;
			continue;
		case F_PI:
			i++;
			if (pp->nname < NAME_MAX_LEN)
				pp->name[pp->nname++] = (char)c;
			if (c == '>' && pp->dashes) {
				if (pp->xmldecl && pp->nname >= 4 &&
				    strncmp(pp->name, "xml", 3) == 0 &&
				    isspace((unsigned char)pp->name[3]))
					strbuf_adds(out, "<?xml version=\"1.0\""
					    " encoding=\"UTF-8\"?>\n");
				pp->st = F_TEXT;
			}
			pp->dashes = c == '?';
			continue;
		case F_STAG:
			if (namechar(c)) {
				if (pp->nname < NAME_MAX_LEN)
					pp->name[pp->nname++] = (char)c;
				if (!pp->droptag)
					strbuf_addc(out, (char)c);
				i++;
				continue;
			}
			pp->st = F_ATTRS;
			continue;
		case F_ATTRS:
			i++;
			pp->taglen++;
			if (pp->quote != 0) {
				if (c == pp->quote)
					pp->quote = 0;
				else if (c == '&') {
					pp->st = F_ENT;
					pp->entret = F_ATTRS;
					pp->nent = 0;
					continue;
				} else if (c == '<' && pp->repair) {
					pp->lts++;
					if (!pp->droptag &&
					    pp->taglen <= PARSE_MAX_TAG)
						strbuf_add(out, "&lt;", 4);
					continue;
				}
			} else if (c == '"' || c == '\'') {
				pp->quote = (char)c;
			} else if (c == '>') {
				start_tag_end(pp, out);
				pp->st = F_TEXT;
				pp->run = 0;
				continue;
			} else if (c == '<' && pp->repair) {
				/* "<a <b>": end the broken tag here. */
				i--;
				start_tag_end(pp, out);
				pp->st = F_TEXT;
				continue;
			}
			if (!isspace(c))
				pp->lastc = (char)c;
			if (pp->droptag)
				continue;
			if (pp->taglen == PARSE_MAX_TAG) {
				pp->cuttag++;
				pp->cutquote = pp->quote;
			}
			if (pp->taglen <= PARSE_MAX_TAG)
				strbuf_addc(out, (char)c);
			continue;
		case F_ETAG:
			i++;
			if (c == '>') {
				end_tag(pp, out);
				pp->st = F_TEXT;
				pp->run = 0;
			} else if (!isspace(c) && pp->nname < NAME_MAX_LEN)
				pp->name[pp->nname++] = (char)c;
			continue;
		}
	}
	strbuf_clear(&scratch);
}

void
prep_push(struct prep *pp, const char *s, size_t len, int eof,
    struct strbuf *out)
{
	decode(pp, s, len, eof, out);
	if (!eof)
		return;
	if (pp->ntail > 0) {
		pp->badbytes++;
		pp->ntail = 0;
		filter(pp, "\xef\xbf\xbd", 3, out);
	}
	if (!pp->repair)
		return;
	/* End whatever is unterminated, then close open elements. */
	switch (pp->st) {
	case F_ENT:
		end_entity(pp, 0, out);
		if (pp->entret == F_ATTRS)
			start_tag_end(pp, out);
		break;
	case F_CDATA:
		strbuf_add(out, "]]>", 3);
		break;
	case F_STAG:
	case F_ATTRS:
		start_tag_end(pp, out);
		break;
	case F_ETAG:
		end_tag(pp, out);
		break;
	default:
		break;
	}
	pp->st = F_TEXT;
	if (pp->depth > 0) {
		pp->closed += (size_t)pp->depth;
		close_to(pp, 0, out);
	}
}

/* fopencookie read function: fill buf from the converted stream. */
static ssize_t
cookie_read(void *cookie, char *buf, size_t size)
{
	struct prep	*pp = cookie;
	char		 raw[CHUNK];
	size_t		 n;

	while (pp->out.len - pp->outpos < size && !pp->eof) {
		if (pp->outpos > 0) {
			memmove(pp->out.buf, pp->out.buf + pp->outpos,
			    pp->out.len - pp->outpos);
			pp->out.len -= pp->outpos;
			pp->outpos = 0;
		}
		if (pp->head != NULL) {
			prep_push(pp, pp->head, pp->nhead, 0, &pp->out);
			FREE(&pp->head);
			continue;
		}
		n = fread(raw, 1, sizeof raw, pp->fp);
		if (n == 0) {
			pp->eof = 1;
			prep_push(pp, NULL, 0, 1, &pp->out);
		} else
			prep_push(pp, raw, n, 0, &pp->out);
	}
	n = pp->out.len - pp->outpos;
	if (n > size)
		n = size;
	if (n > 0)
		memcpy(buf, pp->out.buf + pp->outpos, n);
	pp->outpos += n;
	return (ssize_t)n;
}

/* fopencookie close function. */
static int
cookie_close(void *cookie)
{
	prep_free(cookie);
	return 0;
}

FILE *
prep_fopen(FILE *fp, const char *head, size_t nhead, const char *charset,
    int repair, struct prep **ppp)
{
	cookie_io_functions_t	 io = {
		cookie_read, NULL, NULL, cookie_close
	};
	struct prep		*pp;
	FILE			*f;

	pp = prep_create(head, nhead, charset, repair);
	pp->fp = fp;
	pp->head = xmalloc(nhead + 1);
	memcpy(pp->head, head, nhead);
	pp->nhead = nhead;
	f = fopencookie(pp, "r", io);
	if (f == NULL) {
		prep_free(pp);
		return NULL;
	}
	setvbuf(f, NULL, _IOFBF, CHUNK);
	/* Mini-XML reads it a byte at a time: no locking. */
	__fsetlocking(f, FSETLOCKING_BYCALLER);
	*ppp = pp;
	return f;
}
