/* Command-line output: messages on stderr and the --list row format. */
#include "nr_config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

/* Longest message printed; longer ones are cut. */
#define MSG_MAX	8192

/*
 * Print one message line on stderr after prefix. Messages are built
 * clean where they quote feed or server text; file names given on the
 * command line or found in a directory are cleaned here, once more.
 */
static void
print_msg(const char *prefix, const char *fmt, va_list ap)
{
	char	*msg;

	msg = xmalloc(MSG_MAX);
	vsnprintf(msg, MSG_MAX, fmt, ap);
	text_clean_msg(msg, MSG_MAX);
	fflush(stdout);
	fprintf(stderr, "%s%s\n", prefix, msg);
	free(msg);
}

void
cli_verror(const char *fmt, va_list ap)
{
	print_msg("newsreader: ", fmt, ap);
}

void
cli_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	cli_verror(fmt, ap);
	va_end(ap);
}

void
cli_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	print_msg("newsreader: warning: ", fmt, ap);
	va_end(ap);
}

/*
 * Bytes that end the fast path of add_str: NUL (the end), control bytes,
 * the lead bytes of C1 controls (0xc2) and of bidi controls (0xe2), and
 * bytes that cannot start valid UTF-8.
 */
static const unsigned char stop[256] = {
	[0x00 ... 0x1f] = 1, [0x7f] = 1, [0x80 ... 0xc1] = 1, [0xc2] = 1,
	[0xe2] = 1, [0xf5 ... 0xff] = 1,
};

/*
 * Append one field: tabs and newlines become spaces, controls go. One
 * pass finds both the end and whether anything needs cleaning.
 */
static void
add_str(struct strbuf *sb, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;
	char			*c;

	while (!stop[u[i]])
		i++;
	if (u[i] == '\0') {
		strbuf_add(sb, s, i);
		return;
	}
	c = text_clean(s, i + strlen(s + i), NR_TEXT_ONELINE, 0);
	strbuf_adds(sb, c);
	free(c);
}

/* The same for len bytes of s (a tag inside a '\n'-separated list). */
static void
add_field(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;
	char			*c;

	for (i = 0; i < len && (!stop[u[i]] || u[i] == '\0'); i++)
		;
	if (i == len) {
		strbuf_add(sb, s, len);
		return;
	}
	c = text_clean(s, len, NR_TEXT_ONELINE, 0);
	strbuf_adds(sb, c);
	free(c);
}

/* Append n decimal digits of v, zero-padded. */
static void
add_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Append the fields before the tags: id, date, feed, flags, title. */
static void
add_head(struct strbuf *sb, uint64_t id, int64_t date, const char *feed,
    const char *flags, const char *title)
{
	static const char	 hex[] = "0123456789abcdef";
	char			 buf[40];
	int			 i, y, mo, d, h, mi, sec;

	for (i = 0; i < 16; i++)
		buf[i] = hex[(id >> (60 - 4 * i)) & 0xf];
	buf[16] = '\t';
	util_gmtime(date, &y, &mo, &d, &h, &mi, &sec);
	if (y < 0 || y > 9999)
		y = 0;
	add_digits(buf + 17, y, 4);
	buf[21] = '-';
	add_digits(buf + 22, mo, 2);
	buf[24] = '-';
	add_digits(buf + 25, d, 2);
	buf[27] = 'T';
	add_digits(buf + 28, h, 2);
	buf[30] = ':';
	add_digits(buf + 31, mi, 2);
	buf[33] = ':';
	add_digits(buf + 34, sec, 2);
	buf[36] = 'Z';
	buf[37] = '\t';
	strbuf_add(sb, buf, 38);
	if (feed != NULL)
		add_str(sb, feed);
	strbuf_addc(sb, '\t');
	if (flags != NULL)
		add_str(sb, flags);
	strbuf_addc(sb, '\t');
	if (title != NULL)
		add_str(sb, title);
	strbuf_addc(sb, '\t');
}

/* Append the link and the end of the row. */
static void
add_tail(struct strbuf *sb, const char *link)
{
	strbuf_addc(sb, '\t');
	if (link != NULL)
		add_str(sb, link);
	strbuf_addc(sb, '\n');
}

void
cli_row_add(struct strbuf *sb, uint64_t id, int64_t date, const char *feed,
    const char *flags, const char *title, char *const *tags, size_t ntags,
    const char *link)
{
	size_t	i;

	add_head(sb, id, date, feed, flags, title);
	for (i = 0; i < ntags; i++) {
		if (i > 0)
			strbuf_addc(sb, ',');
		add_str(sb, tags[i]);
	}
	add_tail(sb, link);
}

/* True when '\n'-separated tags has tag (len bytes), ASCII case folded. */
static int
has_tag(const char *tags, const char *tag, size_t len)
{
	const char	*p, *nl;
	size_t		 n;

	for (p = tags; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n == len && util_strncasecmp(p, tag, n) == 0)
			return 1;
		if (nl == NULL)
			break;
	}
	return 0;
}

void
cli_row_add_tagstr(struct strbuf *sb, uint64_t id, int64_t date,
    const char *feed, const char *flags, const char *title, const char *tags,
    const char *usertags, const char *link)
{
	const char	*p, *nl;
	size_t		 n;
	int		 first = 1;

	add_head(sb, id, date, feed, flags, title);
	for (p = tags; p != NULL && *p != '\0'; p = nl + 1) {
		if (!first)
			strbuf_addc(sb, ',');
		first = 0;
		nl = strchr(p, '\n');
		if (nl == NULL) {
			add_str(sb, p);
			break;
		}
		add_field(sb, p, (size_t)(nl - p));
	}
	/* The user's tags after the item's own, each once. */
	for (p = usertags; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (!has_tag(tags, p, n)) {
			if (!first)
				strbuf_addc(sb, ',');
			first = 0;
			add_field(sb, p, n);
		}
		if (nl == NULL)
			break;
	}
	add_tail(sb, link);
}

void
cli_print_row(FILE *fp, uint64_t id, int64_t date, const char *feed,
    const char *flags, const char *title, char *const *tags, size_t ntags,
    const char *link)
{
	struct strbuf	sb;

	strbuf_init(&sb, 0);
	cli_row_add(&sb, id, date, feed, flags, title, tags, ntags, link);
	fwrite(sb.buf, 1, sb.len, fp);
	strbuf_clear(&sb);
}

void
cli_row_add_field(struct strbuf *sb, const char *s)
{
	if (sb->len > 0 && sb->buf[sb->len - 1] == '\n')
		sb->len--;
	strbuf_addc(sb, '\t');
	add_str(sb, s != NULL ? s : "");
	strbuf_addc(sb, '\n');
}
