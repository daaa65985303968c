/*
 * The colour table: one entry per screen element, its colours and its
 * attributes, set from the config file and turned into curses pairs.
 */
#include "nr_config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/ui.h"
#include "ui_int.h"

/* An element: colour pair (by index), colours, colour and mono attrs. */
struct ui_color {
	const char	*name;
	short		 fg;		/* -1: the terminal's default */
	short		 bg;
	int		 attr;		/* UI_A_* with colours */
	int		 mono;		/* UI_A_* without colours */
};

/* Indexed by (UI_C_* >> 8); entry 0 is plain text. */
static struct ui_color colors[] = {
	{ "normal",  -1, -1, 0, 0 },
	{ "title",   COLOR_WHITE, COLOR_BLUE, UI_A_BOLD,
	    UI_A_REVERSE | UI_A_BOLD },
	{ "error",   COLOR_RED, -1, UI_A_BOLD, UI_A_BOLD },
	{ "heading", COLOR_YELLOW, -1, UI_A_BOLD, UI_A_BOLD },
	{ "link",    COLOR_CYAN, -1, UI_A_UNDERLINE, UI_A_UNDERLINE },
	{ "quote",   COLOR_GREEN, -1, 0, 0 },
	{ "status",  -1, -1, 0, 0 },
	{ "cursor",  -1, -1, UI_A_REVERSE, UI_A_REVERSE },
	{ "unread",  -1, -1, UI_A_BOLD, UI_A_BOLD }
};

#define NCOLORS	(sizeof colors / sizeof colors[0])

static int	use_color;

int
ui_color_element(const char *name)
{
	size_t	i;

	for (i = 0; i < NCOLORS; i++) {
		if (strcmp(colors[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

void
ui_color_set(int el, int fg, int bg, int attr)
{
	if (el < 0 || (size_t)el >= NCOLORS)
		return;
	colors[el].fg = (short)fg;
	colors[el].bg = (short)bg;
	if (attr >= 0) {
		colors[el].attr = attr;
		colors[el].mono = attr;
	}
}

/* A configured colour the terminal can show: too high is the default. */
static short
fit(short c, int have_default, int is_bg)
{
	if (c >= COLORS)
		c = -1;
	if (c < 0 && !have_default)
		c = is_bg ? COLOR_BLACK : COLOR_WHITE;
	return c;
}

int
ui_color_start(void)
{
	const char	*nc = getenv("NO_COLOR");
	size_t		 i;
	int		 dflt;

	use_color = 0;
	if ((nc != NULL && *nc != '\0') || !has_colors())
		return 0;
	if (start_color() == ERR)
		return 0;
	dflt = use_default_colors() == OK;
	for (i = 1; i < NCOLORS && (int)i < COLOR_PAIRS; i++)
		init_pair((short)i, fit(colors[i].fg, dflt, 0),
		    fit(colors[i].bg, dflt, 1));
	use_color = 1;
	return 1;
}

void
ui_color_resolve(int a, int *attr, short *pair)
{
	size_t	el = (size_t)(a & UI_C_MASK) >> 8;

	if (el >= NCOLORS)
		el = 0;
	*attr = (a & ~UI_C_MASK) | (use_color ? colors[el].attr :
	    colors[el].mono);
	*pair = use_color && (int)el < COLOR_PAIRS ? (short)el : 0;
}
