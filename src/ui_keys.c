/*
 * The key table: the single source that dispatches keys to ops and that
 * generates the help screen. The config file's bind lines change a live
 * copy of it, so the help screen shows what the keys really do.
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
	{ NR_KEY_HOME,	NR_OP_HOME,	"go to the first line" },
	{ 'G',		NR_OP_END,	"go to the last line" },
	{ NR_KEY_END,	NR_OP_END,	NULL },
	{ '\n',		NR_OP_OPEN,	"open the feed or article; in an "
	    "article, the next one" },
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
	{ 'A',		NR_OP_MARK_ALL_READ, "mark the items shown read "
	    "(asks first for more than a page)" },
	{ 'u',		NR_OP_UNDO,	"undo the last A" },
	{ 'r',		NR_OP_REFRESH,	"refresh the current feed" },
	{ 'R',		NR_OP_REFRESH_ALL, "refresh the feeds file's feeds "
	    "(and --feed's)" },
	{ 'o',		NR_OP_OPEN_LINK, "open the link in $BROWSER" },
	{ 'y',		NR_OP_COPY_LINK, "copy the link (OSC 52)" },
	{ '1',		NR_OP_LINK_NUMBER, "open link N of the article "
	    "(type N, then Enter)" },
	{ '2',		NR_OP_LINK_NUMBER, NULL },
	{ '3',		NR_OP_LINK_NUMBER, NULL },
	{ '4',		NR_OP_LINK_NUMBER, NULL },
	{ '5',		NR_OP_LINK_NUMBER, NULL },
	{ '6',		NR_OP_LINK_NUMBER, NULL },
	{ '7',		NR_OP_LINK_NUMBER, NULL },
	{ '8',		NR_OP_LINK_NUMBER, NULL },
	{ '9',		NR_OP_LINK_NUMBER, NULL },
	{ '/',		NR_OP_SEARCH,	"search: the feed list, every item; "
	    "an item list, narrow it (q: back)" },
	{ '\\',		NR_OP_SEARCH_NEXT, "repeat the search; in an article, "
	    "the next match" },
	{ 'f',		NR_OP_FULLTEXT,	"fetch the item's web page, show its "
	    "article and store it; f again: the feed's text" },
	{ '|',		NR_OP_SEARCH_PREV, "in an article, the previous "
	    "match" },
	{ 't',		NR_OP_TAGS,	"the tag view (Space there adds "
	    "+tag to the query)" },
	{ 'x',		NR_OP_TAG_EXCLUDE, "tag view: add -tag to the query" },
	{ 'F',		NR_OP_FILTER,	"edit the query (the filter)" },
	{ 'c',		NR_OP_FILTER_CLEAR, "clear the query" },
	{ '+',		NR_OP_USERTAG_ADD, "add a user tag to the item" },
	{ '-',		NR_OP_USERTAG_REMOVE, "remove a user tag" },
	{ '[',		NR_OP_PREV_DAY,	"previous day with items" },
	{ ']',		NR_OP_NEXT_DAY,	"next day with items" },
	{ '{',		NR_OP_PREV_WEEK, "previous week with items" },
	{ '}',		NR_OP_NEXT_WEEK, "next week with items" },
	{ 'g',		NR_OP_GOTO_DATE, "go to a date (2023-04-14, "
	    "yesterday, -3d)" },
	{ '0',		NR_OP_ALL_DATES, "all dates again" },
	{ 'D',		NR_OP_CALENDAR,	"the calendar" },
	{ '<',		NR_OP_PREV_MONTH, "calendar: previous month" },
	{ '>',		NR_OP_NEXT_MONTH, "calendar: next month" },
	{ 'S',		NR_OP_SORT,	"sort: the tag view by count or name; "
	    "a search's items by relevance or date" },
	{ 'M',		NR_OP_MESSAGES,	"the message log: problems in the "
	    "config, what was said" },
	{ 'a',		NR_OP_FEED_ADD,	"feed list: add a feed (its URL or "
	    "a web page's)" },
	{ 'E',		NR_OP_FEED_EDIT, "feed list: edit the feed's name=, "
	    "title and tags" },
	{ 'd',		NR_OP_FEED_REMOVE, "feed list: remove the feed from "
	    "the feeds file (its items stay until --prune)" },
	{ '?',		NR_OP_HELP,	"this help" },
	{ 'L' - '@',	NR_OP_REDRAW,	"redraw the screen" }
};

#define NKEYS	(sizeof keys / sizeof keys[0])
#define NLIVE_MAX	128

/* The keys in use: the table above, changed by ui_keys_bind. */
static struct ui_key	live[NLIVE_MAX];
static size_t		nlive;
static int		live_set;

/* Op names for the config file's bind lines, in enum order. */
static const struct {
	enum nr_op	 op;
	const char	*name;
} ops[] = {
	{ NR_OP_NONE,		"none" },
	{ NR_OP_UP,		"up" },
	{ NR_OP_DOWN,		"down" },
	{ NR_OP_PAGE_UP,	"page-up" },
	{ NR_OP_PAGE_DOWN,	"page-down" },
	{ NR_OP_HOME,		"home" },
	{ NR_OP_END,		"end" },
	{ NR_OP_OPEN,		"open" },
	{ NR_OP_BACK,		"back" },
	{ NR_OP_QUIT,		"quit" },
	{ NR_OP_NEXT_ITEM,	"next-item" },
	{ NR_OP_PREV_ITEM,	"prev-item" },
	{ NR_OP_NEXT_UNREAD,	"next-unread" },
	{ NR_OP_PREV_UNREAD,	"prev-unread" },
	{ NR_OP_TOGGLE_READ,	"toggle-read" },
	{ NR_OP_TOGGLE_STAR,	"toggle-star" },
	{ NR_OP_MARK_ALL_READ,	"mark-all-read" },
	{ NR_OP_REFRESH,	"refresh" },
	{ NR_OP_REFRESH_ALL,	"refresh-all" },
	{ NR_OP_OPEN_LINK,	"open-link" },
	{ NR_OP_COPY_LINK,	"copy-link" },
	{ NR_OP_SEARCH,		"search" },
	{ NR_OP_SEARCH_NEXT,	"search-next" },
	{ NR_OP_HELP,		"help" },
	{ NR_OP_REDRAW,		"redraw" },
	{ NR_OP_LINK_NUMBER,	"link-number" },
	{ NR_OP_TAGS,		"tags" },
	{ NR_OP_TAG_EXCLUDE,	"tag-exclude" },
	{ NR_OP_FILTER,		"filter" },
	{ NR_OP_FILTER_CLEAR,	"filter-clear" },
	{ NR_OP_USERTAG_ADD,	"usertag-add" },
	{ NR_OP_USERTAG_REMOVE,	"usertag-remove" },
	{ NR_OP_PREV_DAY,	"prev-day" },
	{ NR_OP_NEXT_DAY,	"next-day" },
	{ NR_OP_PREV_WEEK,	"prev-week" },
	{ NR_OP_NEXT_WEEK,	"next-week" },
	{ NR_OP_GOTO_DATE,	"goto-date" },
	{ NR_OP_ALL_DATES,	"all-dates" },
	{ NR_OP_CALENDAR,	"calendar" },
	{ NR_OP_PREV_MONTH,	"prev-month" },
	{ NR_OP_NEXT_MONTH,	"next-month" },
	{ NR_OP_SORT,		"sort" },
	{ NR_OP_UNDO,		"undo" },
	{ NR_OP_MESSAGES,	"messages" },
	{ NR_OP_SEARCH_PREV,	"search-prev" },
	{ NR_OP_FEED_ADD,	"feed-add" },
	{ NR_OP_FEED_EDIT,	"feed-edit" },
	{ NR_OP_FEED_REMOVE,	"feed-remove" },
	{ NR_OP_FULLTEXT,	"fulltext" }
};

/* Fill the live table from the built-in one the first time. */
static void
live_init(void)
{
	if (live_set)
		return;
	memcpy(live, keys, sizeof keys);
	nlive = NKEYS;
	live_set = 1;
}

void
ui_keys_reset(void)
{
	live_set = 0;
	live_init();
}

int
ui_keys_bind(int key, enum nr_op op)
{
	size_t	i;

	live_init();
	if (key == '\r')
		key = '\n';
	for (i = 0; i < nlive; i++) {
		if (live[i].key == key)
			break;
	}
	if (i < nlive) {
		if (op == NR_OP_NONE) {
			memmove(&live[i], &live[i + 1],
			    (nlive - i - 1) * sizeof live[0]);
			nlive--;
		} else
			live[i].op = op;
		return 0;
	}
	if (op == NR_OP_NONE)
		return 0;
	if (nlive == NLIVE_MAX)
		return -1;
	live[nlive].key = key;
	live[nlive].op = op;
	live[nlive++].help = NULL;
	return 0;
}

const char *
ui_keys_op_name(enum nr_op op)
{
	size_t	i;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (ops[i].op == op)
			return ops[i].name;
	}
	return "?";
}

int
ui_keys_op_parse(const char *s, enum nr_op *op)
{
	size_t	i;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (strcmp(ops[i].name, s) == 0) {
			*op = ops[i].op;
			return 0;
		}
	}
	return -1;
}

enum nr_op
ui_keys_lookup(int key)
{
	size_t	i;

	live_init();
	if (key == '\r')
		key = '\n';
	for (i = 0; i < nlive; i++) {
		if (live[i].key == key)
			return live[i].op;
	}
	return NR_OP_NONE;
}

const struct ui_key *
ui_keys_table(size_t *n)
{
	live_init();
	*n = nlive;
	return live;
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
	{ ' ',		"Space" },
	{ '\t',		"Tab" },
	{ 27,		"Esc" },
	{ 127,		"Backspace" }
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

int
ui_keys_parse(const char *s, int *key)
{
	size_t	i, len = strlen(s);
	int	cp;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (util_strcasecmp(names[i].name, s) == 0) {
			*key = names[i].key;
			return 0;
		}
	}
	if (util_strcasecmp(s, "Return") == 0 ||
	    util_strcasecmp(s, "Esc") == 0) {
		*key = s[0] == 'R' || s[0] == 'r' ? '\n' : 27;
		return 0;
	}
	if (len == 2 && s[0] == '^' && s[1] >= '?' && s[1] <= '_') {
		*key = s[1] == '?' ? 127 : s[1] - '@';
		return 0;
	}
	if (len == 2 && s[0] == '^' && s[1] >= 'a' && s[1] <= 'z') {
		*key = s[1] - 'a' + 1;
		return 0;
	}
	if (len == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-' &&
	    ((s[2] >= 'a' && s[2] <= 'z') || (s[2] >= 'A' && s[2] <= 'Z'))) {
		*key = (s[2] | 0x20) - 'a' + 1;
		return 0;
	}
	if (len == 0 || text_utf8_decode(s, len, &cp) != len || cp <= 32 ||
	    cp == 127)
		return -1;
	*key = cp;
	return 0;
}

/* True if op is in ops (NR_OP_NONE-ended; NULL is empty). */
static int
has_op(const enum nr_op *set, enum nr_op op)
{
	for (; set != NULL && *set != NR_OP_NONE; set++) {
		if (*set == op)
			return 1;
	}
	return 0;
}

/* The help line of built-in entry i: its live keys and its text. */
static char *
help_line(size_t i)
{
	struct strbuf	 sb;
	char		 name[32];
	size_t		 j;
	int		 first = 1, w;

	strbuf_init(&sb, 0);
	for (j = 0; j < nlive; j++) {
		if (live[j].op != keys[i].op)
			continue;
		if (!first)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, ui_keys_name(live[j].key, name, sizeof name));
		first = 0;
	}
	if (first)
		strbuf_adds(&sb, "(unbound)");
	/* Padded by display width: a bound key may be "ж" or "日". */
	for (w = ui_text_width(strbuf_str(&sb)); w < 16; w++)
		strbuf_addc(&sb, ' ');
	strbuf_addc(&sb, ' ');
	strbuf_adds(&sb, keys[i].help);
	return strbuf_detach(&sb, NULL);
}

char **
ui_keys_help(const enum nr_op *first, const char *view, size_t *np)
{
	char	**lines;
	size_t	  i, n = 0;
	int	  pass;

	live_init();
	lines = xcalloc(NKEYS + 5, sizeof *lines);
	for (pass = first != NULL ? 0 : 1; pass < 2; pass++) {
		if (first != NULL)
			lines[n++] = pass == 0 ? xasprintf("Keys of the %s "
			    "view", view != NULL ? view : "current") :
			    xstrdup("Other keys");
		for (i = 0; i < NKEYS; i++) {
			if (keys[i].help == NULL ||
			    has_op(first, keys[i].op) != (pass == 0))
				continue;
			lines[n++] = help_line(i);
		}
		if (pass == 0)
			lines[n++] = xstrdup("");
	}
	lines[n] = NULL;
	*np = n;
	return lines;
}

void
ui_keys_hint(const struct ui_hint *hint, struct strbuf *sb)
{
	char	name[32];
	size_t	j;

	live_init();
	for (; hint != NULL && hint->op != NR_OP_NONE; hint++) {
		for (j = 0; j < nlive; j++) {
			if (live[j].op == hint->op)
				break;
		}
		if (j == nlive)
			continue;	/* unbound: not a true hint */
		if (sb->len > 0)
			strbuf_adds(sb, "  ");
		strbuf_addf(sb, "%s:%s", ui_keys_name(live[j].key, name,
		    sizeof name), hint->label);
	}
}
