/*
 * The message log: every status message of the session and the problems
 * found before the interface started (bad config or feeds file lines),
 * each with the time it was said; M shows them, newest last.
 */
#include "nr_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

#define LOG_MAX	500	/* the oldest messages go first */

static char	*msgs[LOG_MAX];
static size_t	 first, nmsgs;	/* a ring: msgs[(first + i) % LOG_MAX] */

void
ui_log_add(const char *fmt, ...)
{
	va_list		 ap;
	char		 msg[512], stamp[16];
	const char	*last;
	struct tm	 tm;
	time_t		 now = time(NULL);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	text_clean_msg(msg, sizeof msg);
	if (msg[0] == '\0')
		return;
	/* The same message again (a key held down) is logged once. */
	if (nmsgs > 0) {
		last = msgs[(first + nmsgs - 1) % LOG_MAX];
		if (strcmp(last + 6, msg) == 0)
			return;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%H:%M", &tm);
	if (nmsgs == LOG_MAX) {
		free(msgs[first]);
		msgs[first] = NULL;
		first = (first + 1) % LOG_MAX;
		nmsgs--;
	}
	msgs[(first + nmsgs) % LOG_MAX] = xasprintf("%.5s %s", stamp, msg);
	nmsgs++;
}

size_t
ui_log_count(void)
{
	return nmsgs;
}

void
ui_log_free(void)
{
	size_t	i;

	for (i = 0; i < nmsgs; i++) {
		free(msgs[(first + i) % LOG_MAX]);
		msgs[(first + i) % LOG_MAX] = NULL;
	}
	first = nmsgs = 0;
}

struct log_view {
	size_t	top;
	int	h;
	int	started;	/* scrolled to the end once */
};

static void *
log_init(struct ui_ctx *c, void *arg)
{
	(void)c;
	(void)arg;
	return xcalloc(1, sizeof(struct log_view));
}

static void
log_free(void *data)
{
	free(data);
}

static void
log_draw(void *data, struct ui_ctx *c, int y, int h, int w)
{
	struct log_view	*v = data;
	int		 r;

	v->h = h;
	/* Opened at the end: the newest messages. */
	if (!v->started) {
		v->started = 1;
		v->top = nmsgs > (size_t)h ? nmsgs - (size_t)h : 0;
	}
	if (nmsgs > (size_t)h && v->top > nmsgs - (size_t)h)
		v->top = nmsgs - (size_t)h;
	else if (nmsgs <= (size_t)h)
		v->top = 0;
	snprintf(c->title, sizeof c->title, "Messages (%zu) - q to go back",
	    nmsgs);
	if (nmsgs == 0) {
		ui_draw_text(y, 0, w, "No messages yet.", 0);
		return;
	}
	for (r = 0; r < h && v->top + (size_t)r < nmsgs; r++)
		ui_draw_text(y + r, 0, w,
		    msgs[(first + v->top + (size_t)r) % LOG_MAX], 0);
}

static int
log_key(void *data, struct ui_ctx *c, enum nr_op op)
{
	struct log_view	*v = data;
	size_t		 page = v->h > 1 ? (size_t)v->h - 1 : 1;

	if (ui_scroll_op(&v->top, nmsgs, page, op))
		return 1;
	switch (op) {
	case NR_OP_MESSAGES:
		ui_view_pop(c);
		return 1;
	case NR_OP_QUIT:
	case NR_OP_BACK:
	case NR_OP_HELP:
	case NR_OP_REDRAW:
		return 0;
	default:
		return 1;	/* other keys do nothing here */
	}
}

static const struct ui_hint log_hint[] = {
	{ NR_OP_BACK, "back" }, { NR_OP_DOWN, "down" }, { NR_OP_UP, "up" },
	{ NR_OP_NONE, NULL }
};

const struct ui_view ui_log_view = {
	"messages", log_init, log_free, log_draw, log_key, log_hint, NULL
};
