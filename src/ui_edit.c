/*
 * The prompt's line editor: a UTF-8 buffer edited at a cursor that moves
 * by whole characters with their combining marks. No curses here.
 */
#include "nr_config.h"

#include <string.h>

#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "ui_int.h"

/* Decode the code point at off; *cp is -1 at the end or if invalid. */
static size_t
cp_at(const struct ui_edit *e, size_t off, int *cp)
{
	if (off >= e->len) {
		*cp = -1;
		return 0;
	}
	return text_utf8_decode(e->buf + off, e->len - off, cp);
}

/* True when the code point at off is a mark that joins the one before. */
static int
joins(const struct ui_edit *e, size_t off)
{
	int	cp;

	if (off >= e->len || cp_at(e, off, &cp) == 0 || cp < 0)
		return 0;
	return ui_text_cpwidth(cp) == 0;
}

/* The start of the code point before off. */
static size_t
cp_prev(const struct ui_edit *e, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)e->buf[off] & 0xc0) == 0x80)
		off--;
	return off;
}

/* The end of the unit starting at off: a character and its marks. */
static size_t
unit_next(const struct ui_edit *e, size_t off)
{
	int	cp;

	if (off >= e->len)
		return e->len;
	off += cp_at(e, off, &cp);
	while (joins(e, off))
		off += cp_at(e, off, &cp);
	return off;
}

/* The start of the unit ending at off. */
static size_t
unit_prev(const struct ui_edit *e, size_t off)
{
	if (off == 0)
		return 0;
	off = cp_prev(e, off);
	while (off > 0 && joins(e, off))
		off = cp_prev(e, off);
	return off;
}

/* Remove bytes [from, to) and keep the cursor where it was relative. */
static void
cut(struct ui_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to);
	e->len -= to - from;
	e->buf[e->len] = '\0';
	if (e->cur >= to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

/* Columns of bytes [from, to). */
static int
width(const struct ui_edit *e, size_t from, size_t to)
{
	size_t	n;
	int	cp, w = 0;

	while (from < to) {
		n = text_utf8_decode(e->buf + from, to - from, &cp);
		w += ui_text_cpwidth(cp);
		from += n;
	}
	return w;
}

void
ui_edit_set(struct ui_edit *e, const char *s)
{
	size_t	len = strlen(s), n;
	int	cp;

	e->len = 0;
	while (len > 0) {
		n = text_utf8_decode(s, len, &cp);
		if (e->len + n >= sizeof e->buf)
			break;
		memcpy(e->buf + e->len, s, n);
		e->len += n;
		s += n;
		len -= n;
	}
	e->buf[e->len] = '\0';
	e->cur = e->len;
	e->off = 0;
}

int
ui_edit_insert(struct ui_edit *e, int cp)
{
	char	u[4];
	size_t	n;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	n = text_utf8_encode(cp, u);
	if (e->len + n >= sizeof e->buf)
		return -1;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur);
	memcpy(e->buf + e->cur, u, n);
	e->len += n;
	e->cur += n;
	e->buf[e->len] = '\0';
	return 0;
}

int
ui_edit_left(struct ui_edit *e)
{
	size_t	old = e->cur;

	e->cur = unit_prev(e, e->cur);
	return e->cur != old;
}

int
ui_edit_right(struct ui_edit *e)
{
	size_t	old = e->cur;

	e->cur = unit_next(e, e->cur);
	return e->cur != old;
}

int
ui_edit_home(struct ui_edit *e)
{
	size_t	old = e->cur;

	e->cur = 0;
	return e->cur != old;
}

int
ui_edit_end(struct ui_edit *e)
{
	size_t	old = e->cur;

	e->cur = e->len;
	return e->cur != old;
}

int
ui_edit_backspace(struct ui_edit *e)
{
	if (e->cur == 0)
		return 0;
	cut(e, unit_prev(e, e->cur), e->cur);
	return 1;
}

int
ui_edit_delete(struct ui_edit *e)
{
	if (e->cur >= e->len)
		return 0;
	cut(e, e->cur, unit_next(e, e->cur));
	return 1;
}

int
ui_edit_kill_end(struct ui_edit *e)
{
	if (e->cur >= e->len)
		return 0;
	cut(e, e->cur, e->len);
	return 1;
}

int
ui_edit_kill_line(struct ui_edit *e)
{
	if (e->len == 0)
		return 0;
	cut(e, 0, e->len);
	return 1;
}

int
ui_edit_kill_word(struct ui_edit *e)
{
	size_t	from = e->cur;

	/* Spaces before the cursor, then the word (as readline's ^W). */
	while (from > 0 && e->buf[from - 1] == ' ')
		from--;
	while (from > 0 && e->buf[from - 1] != ' ')
		from = unit_prev(e, from);
	if (from == e->cur)
		return 0;
	cut(e, from, e->cur);
	return 1;
}

int
ui_edit_cursor_col(const struct ui_edit *e)
{
	if (e->off > e->cur)
		return 0;
	return width(e, e->off, e->cur);
}

int
ui_edit_hidden_cols(const struct ui_edit *e)
{
	return width(e, 0, e->off < e->len ? e->off : e->len);
}

size_t
ui_edit_scroll(struct ui_edit *e, int cols)
{
	if (cols < 1)
		cols = 1;
	/* Text cut under off: start again from a unit boundary. */
	if (e->off > e->len || unit_prev(e, unit_next(e, e->off)) != e->off)
		e->off = 0;
	if (e->cur < e->off)
		e->off = unit_prev(e, e->cur);
	/* The cursor's column must be below cols. */
	while (e->off < e->cur && width(e, e->off, e->cur) > cols - 1)
		e->off = unit_next(e, e->off);
	/* Nothing hidden on the left that would fit. */
	while (e->off > 0 && width(e, unit_prev(e, e->off), e->len) <
	    cols)
		e->off = unit_prev(e, e->off);
	return e->off;
}
