/*
 * Display width of UTF-8 text (wcwidth), cutting to columns, and drawing
 * cleaned text with curses: the only place text reaches the screen.
 */
#include "nr_config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

int
ui_text_cpwidth(int cp)
{
	int	w;

	if (cp < 0)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
ui_text_width(const char *s)
{
	size_t	len = strlen(s), n;
	int	cp, w = 0;

	while (len > 0) {
		n = text_utf8_decode(s, len, &cp);
		w += ui_text_cpwidth(cp);
		s += n;
		len -= n;
	}
	return w;
}

size_t
ui_text_fit(const char *s, int cols, int *used)
{
	size_t	len = strlen(s), off = 0, n;
	int	cp, w = 0, cw;

	while (off < len) {
		n = text_utf8_decode(s + off, len - off, &cp);
		cw = ui_text_cpwidth(cp);
		if (w + cw > cols)
			break;
		w += cw;
		off += n;
	}
	if (used != NULL)
		*used = w;
	return off;
}

/* The ellipsis: U+2026 in a UTF-8 locale, else "~". */
static const char *
ellipsis(void)
{
	return MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : "~";
}

const char *
ui_text_dots(void)
{
	return MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : "...";
}

const char *
ui_text_dot(void)
{
	return MB_CUR_MAX > 1 ? "\xc2\xb7" : "-";
}

void
ui_text_pad(struct strbuf *sb, const char *s, int cols)
{
	size_t	n;
	int	w;

	if (cols <= 0)
		return;
	if (ui_text_width(s) <= cols) {
		strbuf_adds(sb, s);
		w = ui_text_width(s);
	} else {
		n = ui_text_fit(s, cols - 1, &w);
		strbuf_add(sb, s, n);
		strbuf_adds(sb, ellipsis());
		w++;
	}
	for (; w < cols; w++)
		strbuf_addc(sb, ' ');
}

/* Curses attributes for our flags. */
static attr_t
curses_attr(int a)
{
	attr_t	r = A_NORMAL;

	if (a & UI_A_BOLD)
		r |= A_BOLD;
	if (a & UI_A_REVERSE)
		r |= A_REVERSE;
	if (a & UI_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & UI_A_DIM)
		r |= A_DIM;
	return r;
}

int
ui_draw_text(int y, int x, int cols, const char *s, int a)
{
	wchar_t	*wbuf;
	char	*clean;
	size_t	 len, off = 0, n, nw = 0;
	int	 cp, w = 0, cw, a_ours;
	short	 pair;

	if (cols <= 0 || s == NULL)
		return 0;
	clean = text_clean(s, strlen(s), NR_TEXT_ONELINE, 0);
	len = strlen(clean);
	wbuf = xcalloc(len + 1, sizeof *wbuf);
	while (off < len) {
		n = text_utf8_decode(clean + off, len - off, &cp);
		off += n;
		if (cp < 0 || wcwidth((wchar_t)cp) < 0)
			cp = MB_CUR_MAX > 1 ? 0xfffd : '?';
		if (MB_CUR_MAX == 1 && cp > 0x7e)
			cp = '?';
		cw = ui_text_cpwidth(cp);
		if (w + cw > cols)
			break;
		if (cw == 0 && nw == 0)
			continue;	/* a combining mark with no base */
		wbuf[nw++] = (wchar_t)cp;
		w += cw;
	}
	ui_color_resolve(a, &a_ours, &pair);
	attr_set(curses_attr(a_ours), pair, NULL);
	if (nw > 0)
		mvaddnwstr(y, x, wbuf, (int)nw);
	attr_set(A_NORMAL, 0, NULL);
	free(wbuf);
	free(clean);
	return w;
}

int
ui_scroll_op(size_t *top, size_t n, size_t page, int op)
{
	switch (op) {
	case NR_OP_DOWN:
		(*top)++;
		return 1;
	case NR_OP_UP:
		if (*top > 0)
			(*top)--;
		return 1;
	case NR_OP_PAGE_DOWN:
		*top += page;
		return 1;
	case NR_OP_PAGE_UP:
		*top = *top > page ? *top - page : 0;
		return 1;
	case NR_OP_HOME:
		*top = 0;
		return 1;
	case NR_OP_END:
		*top = n;
		return 1;
	}
	return 0;
}
