/* The generic list widget: cursor math and drawing rows by callback. */
#include "nr_config.h"

#include <string.h>

#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

void
ui_list_init(struct ui_list *l)
{
	memset(l, 0, sizeof *l);
}

void
ui_list_set_count(struct ui_list *l, size_t n)
{
	l->n = n;
	if (n == 0)
		l->cur = l->top = 0;
	else if (l->cur >= n)
		l->cur = n - 1;
	if (l->top > l->cur)
		l->top = l->cur;
}

void
ui_list_set(struct ui_list *l, size_t i)
{
	l->cur = l->n == 0 ? 0 : (i >= l->n ? l->n - 1 : i);
}

void
ui_list_move(struct ui_list *l, long delta)
{
	if (l->n == 0)
		return;
	if (delta < 0 && (size_t)-delta > l->cur)
		l->cur = 0;
	else if (delta > 0 && (size_t)delta >= l->n - l->cur)
		l->cur = l->n - 1;
	else
		l->cur = (size_t)((long)l->cur + delta);
}

int
ui_list_op(struct ui_list *l, enum nr_op op, int h)
{
	long	page = h > 1 ? h - 1 : 1;

	switch (op) {
	case NR_OP_UP:
		ui_list_move(l, -1);
		break;
	case NR_OP_DOWN:
		ui_list_move(l, 1);
		break;
	case NR_OP_PAGE_UP:
		ui_list_move(l, -page);
		break;
	case NR_OP_PAGE_DOWN:
		ui_list_move(l, page);
		break;
	case NR_OP_HOME:
		ui_list_set(l, 0);
		break;
	case NR_OP_END:
		ui_list_set(l, l->n == 0 ? 0 : l->n - 1);
		break;
	default:
		return 0;
	}
	ui_list_fit(l, h);
	return 1;
}

void
ui_list_fit(struct ui_list *l, int h)
{
	size_t	hh = h > 0 ? (size_t)h : 1;

	if (l->n == 0) {
		l->top = 0;
		return;
	}
	if (l->cur < l->top)
		l->top = l->cur;
	else if (l->cur >= l->top + hh)
		l->top = l->cur - hh + 1;
	/* Do not leave empty rows at the bottom when the list would fill. */
	if (l->n >= hh && l->top > l->n - hh)
		l->top = l->n - hh;
	if (l->n < hh)
		l->top = 0;
}

long
ui_list_find(const struct ui_list *l, int dir, int (*match)(void *, size_t),
    void *arg, int wrap)
{
	size_t	i, k, step;

	if (l->n == 0)
		return -1;
	for (k = 1; k <= l->n; k++) {
		if (dir > 0) {
			i = l->cur + k;
			if (i >= l->n && !wrap)
				return -1;
			i %= l->n;
		} else {
			step = k % l->n;
			if (k > l->cur && !wrap)
				return -1;
			i = (l->cur + l->n - step) % l->n;
		}
		if (match(arg, i))
			return (long)i;
	}
	return -1;
}

void
ui_list_draw(struct ui_list *l, int y, int h, int w, ui_row_cb *cb,
    void *arg)
{
	ui_list_draw2(l, y, h, w, cb, NULL, arg);
}

void
ui_list_draw2(struct ui_list *l, int y, int h, int w, ui_row_cb *cb,
    ui_row_cb *cb2, void *arg)
{
	struct strbuf	 sb;
	size_t		 i;
	int		 r, attr, lines = cb2 != NULL ? 2 : 1, rows = h / lines;

	ui_list_fit(l, rows);
	strbuf_init(&sb, 0);
	for (r = 0; r < rows; r++) {
		i = l->top + (size_t)r;
		if (i >= l->n)
			break;
		strbuf_reset(&sb);
		attr = 0;
		cb(arg, i, w, &sb, &attr);
		if (i == l->cur) {
			/* The cursor's colours win; unread stays bold. */
			if ((attr & UI_C_MASK) == UI_C_UNREAD)
				attr |= UI_A_BOLD;
			attr = (attr & ~UI_C_MASK) | UI_C_CURSOR;
		}
		ui_draw_text(y + r * lines, 0, w, strbuf_str(&sb), attr);
		if (cb2 == NULL)
			continue;
		strbuf_reset(&sb);
		attr = UI_A_DIM;
		cb2(arg, i, w, &sb, &attr);
		ui_draw_text(y + r * lines + 1, 0, w, strbuf_str(&sb),
		    i == l->cur ? UI_C_CURSOR : attr);
	}
	strbuf_clear(&sb);
}

int
ui_list_search_next(struct ui_ctx *c, struct ui_list *l,
    int (*match)(void *, size_t), void *arg)
{
	long	i;

	if (c->search[0] == '\0')
		return 0;
	i = ui_list_find(l, 1, match, arg, 1);
	if (i < 0)
		ui_status(c, 1, "not found: %s", c->search);
	else
		ui_list_set(l, (size_t)i);
	return 1;
}
