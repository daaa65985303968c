/*
 * The key table: the single source that dispatches keys to ops and that
 * generates the help screen (and docs/keys.mdoc-fragment by hand).
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"

static const struct ui_key keys[] = {
	{ 'j',		NR_OP_DOWN,	"move down; scroll down a line" },
	{ NR_KEY_DOWN,	NR_OP_DOWN,	NULL },
	{ 'k',		NR_OP_UP,	"move up; scroll up a line" },
	{ NR_KEY_UP,	NR_OP_UP,	NULL },
	{ NR_KEY_NPAGE,	NR_OP_PAGE_DOWN, "page down" },
	{ ' ',		NR_OP_PAGE_DOWN, NULL },
	{ NR_KEY_PPAGE,	NR_OP_PAGE_UP,	"page up" },
	{ 'b',		NR_OP_PAGE_UP,	NULL },
	{ 'g',		NR_OP_HOME,	"go to the first line" },
	{ NR_KEY_HOME,	NR_OP_HOME,	NULL },
	{ 'G',		NR_OP_END,	"go to the last line" },
	{ NR_KEY_END,	NR_OP_END,	NULL },
	{ '\n',		NR_OP_OPEN,	"open the feed or article" },
	{ NR_KEY_RIGHT,	NR_OP_OPEN,	NULL },
	{ 'q',		NR_OP_BACK,	"go back; quit from the feed list" },
	{ NR_KEY_LEFT,	NR_OP_BACK,	NULL },
	{ 'Q',		NR_OP_QUIT,	"quit" },
	{ 'J',		NR_OP_NEXT_ITEM, "next article" },
	{ 'K',		NR_OP_PREV_ITEM, "previous article" },
	{ 'n',		NR_OP_NEXT_UNREAD, "next unread" },
	{ 'N',		NR_OP_PREV_UNREAD, "previous unread" },
	{ 'm',		NR_OP_TOGGLE_READ, "toggle read" },
	{ 's',		NR_OP_TOGGLE_STAR, "toggle starred" },
	{ 'A',		NR_OP_MARK_ALL_READ, "mark all in view read" },
	{ 'r',		NR_OP_REFRESH,	"refresh the current feed" },
	{ 'R',		NR_OP_REFRESH_ALL, "refresh all feeds" },
	{ 'o',		NR_OP_OPEN_LINK, "open the link in $BROWSER" },
	{ 'y',		NR_OP_COPY_LINK, "copy the link (OSC 52)" },
	{ '/',		NR_OP_SEARCH,	"search in the list" },
	{ '\\',		NR_OP_SEARCH_NEXT, "repeat the search" },
	{ '?',		NR_OP_HELP,	"this help" },
	{ 'L' - '@',	NR_OP_REDRAW,	"redraw the screen" }
};

#define NKEYS	(sizeof keys / sizeof keys[0])

enum nr_op
ui_keys_lookup(int key)
{
	size_t	i;

	if (key == '\r')
		key = '\n';
	for (i = 0; i < NKEYS; i++) {
		if (keys[i].key == key)
			return keys[i].op;
	}
	return NR_OP_NONE;
}

const struct ui_key *
ui_keys_table(size_t *n)
{
	*n = NKEYS;
	return keys;
}

static const struct {
	int		 key;
	const char	*name;
} names[] = {
	{ NR_KEY_UP,	"Up" },
	{ NR_KEY_DOWN,	"Down" },
	{ NR_KEY_LEFT,	"Left" },
	{ NR_KEY_RIGHT,	"Right" },
	{ NR_KEY_PPAGE,	"PgUp" },
	{ NR_KEY_NPAGE,	"PgDn" },
	{ NR_KEY_HOME,	"Home" },
	{ NR_KEY_END,	"End" },
	{ '\n',		"Enter" },
	{ ' ',		"Space" }
};

const char *
ui_keys_name(int key, char *buf, size_t size)
{
	size_t	i;
	char	u[5];

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return buf;
		}
	}
	if (key > 0 && key < 32)
		snprintf(buf, size, "^%c", key + '@');
	else if (key > 32 && key < 0x110000) {
		u[text_utf8_encode(key, u)] = '\0';
		snprintf(buf, size, "%s", u);
	} else
		snprintf(buf, size, "#%x", key);
	return buf;
}

char **
ui_keys_help(size_t *np)
{
	struct strbuf	 sb;
	char		**lines, name[32];
	size_t		 i, j, n = 0;
	int		 first;

	lines = xcalloc(NKEYS + 1, sizeof *lines);
	for (i = 0; i < NKEYS; i++) {
		if (keys[i].help == NULL)
			continue;
		strbuf_init(&sb, 0);
		first = 1;
		for (j = 0; j < NKEYS; j++) {
			if (keys[j].op != keys[i].op)
				continue;
			if (!first)
				strbuf_adds(&sb, ", ");
			strbuf_adds(&sb, ui_keys_name(keys[j].key, name,
			    sizeof name));
			first = 0;
		}
		while (sb.len < 16)
			strbuf_addc(&sb, ' ');
		strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, keys[i].help);
		lines[n++] = strbuf_detach(&sb, NULL);
	}
	lines[n] = NULL;
	*np = n;
	return lines;
}
