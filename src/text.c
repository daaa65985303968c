/* Cleaning hostile text: UTF-8 repair, escape-sequence and control removal. */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/text.h"
#include "newsreader/util.h"

#define ESC 0x1b
#define BEL 0x07

size_t
text_utf8_decode(const char *s, size_t len, int *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned		 c, need, i, min;

	*cp = -1;
	if (len == 0)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = (int)c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		c &= 0x07;
		min = 0x10000;
	} else
		return 1;
	if (len <= need)
		return 1;
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 1;
	*cp = (int)c;
	return need + 1;
}

size_t
text_utf8_encode(int cp, char *out)
{
	unsigned	c = (unsigned)cp;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		if (c >= 0xd800 && c <= 0xdfff)
			return text_utf8_encode(0xfffd, out);
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c > 0x10ffff)
		return text_utf8_encode(0xfffd, out);
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* True for the bidi embedding, override and isolate controls. */
static int
is_bidi_control(int cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Skip a string-type sequence body (OSC, DCS, SOS, PM, APC) starting at
 * i: it ends at BEL, ESC \ or C1 ST. Returns the index after it.
 */
static size_t
skip_string(const unsigned char *u, size_t len, size_t i)
{
	while (i < len) {
		if (u[i] == BEL)
			return i + 1;
		if (u[i] == ESC && i + 1 < len && u[i + 1] == '\\')
			return i + 2;
		if (u[i] == 0xc2 && i + 1 < len && u[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return i;
}

/* Skip CSI parameters, intermediates and the final byte from i. */
static size_t
skip_csi(const unsigned char *u, size_t len, size_t i)
{
	while (i < len && u[i] >= 0x20 && u[i] <= 0x3f)
		i++;
	while (i < len && u[i] >= 0x20 && u[i] <= 0x2f)
		i++;
	if (i < len && u[i] >= 0x40 && u[i] <= 0x7e)
		i++;
	return i;
}

/* Skip an escape sequence whose ESC is at i; returns the index after it. */
static size_t
skip_escape(const unsigned char *u, size_t len, size_t i)
{
	i++;
	if (i >= len)
		return i;
	switch (u[i]) {
	case '[':
		return skip_csi(u, len, i + 1);
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return skip_string(u, len, i + 1);
	}
	while (i < len && u[i] >= 0x20 && u[i] <= 0x2f)
		i++;
	if (i < len && u[i] >= 0x30 && u[i] <= 0x7e)
		i++;
	return i;
}

/* Append one byte sequence, honouring the limit; returns -1 when full. */
static int
put(struct strbuf *sb, const char *p, size_t n)
{
	if (sb->max != 0 && sb->len + n > sb->max)
		return -1;
	strbuf_add(sb, p, n);
	return 0;
}

char *
text_clean(const char *s, size_t len, int flags, size_t max)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct strbuf		 sb;
	size_t			 i = 0, n;
	int			 cp, space = 0, ws;
	char			 enc[4];

	strbuf_init(&sb, max);
	strbuf_add(&sb, "", 0);
	while (i < len) {
		/* Runs of printable ASCII are copied whole. */
		if ((u[i] > 0x20 && u[i] < 0x7f) ||
		    (u[i] == ' ' && !(flags & NR_TEXT_TRIM))) {
			n = i;
			while (n < len && ((u[n] > 0x20 && u[n] < 0x7f) ||
			    (u[n] == ' ' && !(flags & NR_TEXT_TRIM))))
				n++;
			if ((flags & NR_TEXT_TRIM) && space && sb.len > 0 &&
			    sb.buf[sb.len - 1] != '\n' &&
			    put(&sb, " ", 1) == -1)
				break;
			space = 0;
			n -= i;
			if (max != 0 && n > max - sb.len) {
				strbuf_add(&sb, s + i, max - sb.len);
				break;
			}
			strbuf_add(&sb, s + i, n);
			i += n;
			continue;
		}
		if (u[i] == ESC) {
			i = skip_escape(u, len, i);
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &cp);
		if (cp == 0x9b) {
			i = skip_csi(u, len, i + n);
			continue;
		}
		if (cp == 0x90 || cp == 0x9d || cp == 0x98 || cp == 0x9e ||
		    cp == 0x9f) {
			i = skip_string(u, len, i + n);
			continue;
		}
		i += n;
		if (cp == '\r') {
			if (i < len && u[i] == '\n')
				continue;
			cp = '\n';
		}
		if (cp == -1)
			cp = 0xfffd;
		else if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp <= 0x9f) || is_bidi_control(cp))
			continue;
		if ((flags & NR_TEXT_ONELINE) && (cp == '\t' || cp == '\n'))
			cp = ' ';
		if (flags & NR_TEXT_TRIM) {
			ws = cp == ' ' || cp == '\t';
			if (ws) {
				space = 1;
				continue;
			}
			if (cp == '\n') {
				space = 0;
				while (sb.len > 0 && sb.buf[sb.len - 1] == ' ')
					sb.len--;
			} else if (space && sb.len > 0 &&
			    sb.buf[sb.len - 1] != '\n') {
				if (put(&sb, " ", 1) == -1)
					break;
			}
			space = 0;
		}
		n = text_utf8_encode(cp, enc);
		if (put(&sb, enc, n) == -1)
			break;
	}
	if (flags & NR_TEXT_TRIM) {
		while (sb.len > 0 && (sb.buf[sb.len - 1] == ' ' ||
		    sb.buf[sb.len - 1] == '\n'))
			sb.len--;
		sb.buf[sb.len] = '\0';
	}
	return strbuf_detach(&sb, NULL);
}

int
text_is_clean(const char *s, size_t len)
{
	size_t	i = 0, n;
	int	cp;

	while (i < len) {
		if (len - i >= 8 && util_printable8(s + i)) {
			i += 8;
			continue;
		}
		if ((s[i] >= 0x20 && s[i] < 0x7f) || s[i] == '\t' ||
		    s[i] == '\n') {
			i++;
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &cp);
		if (cp == -1 || (cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp <= 0x9f) || is_bidi_control(cp))
			return 0;
		i += n;
	}
	return 1;
}

void
text_clean_msg(char *msg, size_t size)
{
	char	*c;
	size_t	 len, n;

	if (msg == NULL || size == 0)
		return;
	len = strnlen(msg, size - 1);
	msg[len] = '\0';
	if (text_is_clean(msg, len) && strpbrk(msg, "\t\n") == NULL)
		return;
	c = text_clean(msg, len, NR_TEXT_ONELINE, size - 1);
	n = strlen(c);
	memcpy(msg, c, n + 1);
	free(c);
}

/* Lowercase one code point for the scripts a news reader meets most. */
static int
lower_cp(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xc0)
		return c;
	if ((c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 32;
	/* U+0130 (capital I with dot) folds to i, not to dotless U+0131. */
	if (c == 0x130)
		return 'i';
	if (c >= 0x100 && c <= 0x137 && (c & 1) == 0)
		return c + 1;
	if (c >= 0x139 && c <= 0x148 && (c & 1) == 1)
		return c + 1;
	if (c >= 0x14a && c <= 0x177 && (c & 1) == 0)
		return c + 1;
	if (c == 0x178)
		return 0xff;
	if (c >= 0x179 && c <= 0x17e && (c & 1) == 1)
		return c + 1;
	if (c >= 0x391 && c <= 0x3ab && c != 0x3a2)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x460 && c <= 0x4ff && (c & 1) == 0 &&
	    !(c >= 0x482 && c <= 0x489))
		return c + 1;
	return c;
}

char *
text_lower(const char *s)
{
	struct strbuf	 sb;
	size_t		 len = strlen(s), i = 0, n;
	int		 cp;
	char		 enc[4];

	strbuf_init(&sb, 0);
	strbuf_add(&sb, "", 0);
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (cp == -1)
			strbuf_add(&sb, s + i, n);
		else
			strbuf_add(&sb, enc, text_utf8_encode(lower_cp(cp),
			    enc));
		i += n;
	}
	return strbuf_detach(&sb, NULL);
}

int
text_equal_ci(const char *a, const char *b)
{
	char	*la, *lb;
	int	 r;

	if (a == NULL || b == NULL)
		return 0;
	la = text_lower(a);
	lb = text_lower(b);
	r = strcmp(la, lb) == 0;
	free(la);
	free(lb);
	return r;
}
