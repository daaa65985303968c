/* The terminal front end: views, the key table, display-width helpers. */
#ifndef NEWSREADER_UI_H
#define NEWSREADER_UI_H

#include <stddef.h>

#include "newsreader/error.h"

struct config;
struct strbuf;
struct ui_ctx;

/* What a key does. The key table in ui_keys.c maps keys to these. */
enum nr_op {
	NR_OP_NONE = 0,
	NR_OP_UP,
	NR_OP_DOWN,
	NR_OP_PAGE_UP,
	NR_OP_PAGE_DOWN,
	NR_OP_HOME,
	NR_OP_END,
	NR_OP_OPEN,
	NR_OP_BACK,
	NR_OP_QUIT,
	NR_OP_NEXT_ITEM,
	NR_OP_PREV_ITEM,
	NR_OP_NEXT_UNREAD,
	NR_OP_PREV_UNREAD,
	NR_OP_TOGGLE_READ,
	NR_OP_TOGGLE_STAR,
	NR_OP_MARK_ALL_READ,
	NR_OP_REFRESH,
	NR_OP_REFRESH_ALL,
	NR_OP_OPEN_LINK,
	NR_OP_COPY_LINK,
	NR_OP_SEARCH,
	NR_OP_SEARCH_NEXT,
	NR_OP_HELP,
	NR_OP_REDRAW,
	NR_OP_LINK_NUMBER,	/* a digit: open the article's link N */
	NR_OP_TAGS,
	NR_OP_TAG_EXCLUDE,
	NR_OP_FILTER,
	NR_OP_FILTER_CLEAR,
	NR_OP_USERTAG_ADD,
	NR_OP_USERTAG_REMOVE,
	NR_OP_PREV_DAY,
	NR_OP_NEXT_DAY,
	NR_OP_PREV_WEEK,
	NR_OP_NEXT_WEEK,
	NR_OP_GOTO_DATE,
	NR_OP_ALL_DATES,
	NR_OP_CALENDAR,
	NR_OP_PREV_MONTH,
	NR_OP_NEXT_MONTH,
	NR_OP_SORT,
	NR_OP_UNDO,
	NR_OP_MESSAGES,
	NR_OP_SEARCH_PREV,
	NR_OP_FEED_ADD,		/* the feed list: subscribe (discovery) */
	NR_OP_FEED_EDIT,	/* edit the feed's line: name, title, tags */
	NR_OP_FEED_REMOVE,	/* remove its line (y/n) */
	NR_OP_FULLTEXT		/* fetch the item's page now, or back */
};

/*
 * Keys that are not characters are NR_KEY_* (beyond Unicode); ui.c maps
 * curses' KEY_* codes to them so that the table needs no <curses.h>.
 * Characters are their code point; Enter is '\n'.
 */
#define NR_KEY_BASE	0x200000
#define NR_KEY_UP	(NR_KEY_BASE + 1)
#define NR_KEY_DOWN	(NR_KEY_BASE + 2)
#define NR_KEY_LEFT	(NR_KEY_BASE + 3)
#define NR_KEY_RIGHT	(NR_KEY_BASE + 4)
#define NR_KEY_PPAGE	(NR_KEY_BASE + 5)
#define NR_KEY_NPAGE	(NR_KEY_BASE + 6)
#define NR_KEY_HOME	(NR_KEY_BASE + 7)
#define NR_KEY_END	(NR_KEY_BASE + 8)
#define NR_KEY_DELETE	(NR_KEY_BASE + 9)
#define NR_KEY_BACKSPACE (NR_KEY_BASE + 100)

/* One binding of the key table. */
struct ui_key {
	int		 key;
	enum nr_op	 op;
	const char	*help;
};

/* A key of a view's hint line: the op and a word ("m:read"). */
struct ui_hint {
	enum nr_op	 op;
	const char	*label;
};

/*
 * A view (tmux's window_mode): init makes the view's state from arg
 * (borrowed), free releases it, draw paints rows y..y+h-1 of width w,
 * key handles an op and returns 1, or 0 to let ui.c handle it. hint is
 * its status line's keys and ops the ops it handles itself (shown first
 * by ?), each ended by NR_OP_NONE; either may be NULL.
 */
struct ui_view {
	const char	*name;
	void		*(*init)(struct ui_ctx *, void *);
	void		 (*free)(void *);
	void		 (*draw)(void *, struct ui_ctx *, int, int, int);
	int		 (*key)(void *, struct ui_ctx *, enum nr_op);
	const struct ui_hint *hint;
	const enum nr_op *ops;
};

extern const struct ui_view ui_feeds_view;
extern const struct ui_view ui_items_view;
extern const struct ui_view ui_article_view;
extern const struct ui_view ui_help_view;
extern const struct ui_view ui_tags_view;
extern const struct ui_view ui_dates_view;
extern const struct ui_view ui_log_view;

/*
 * The message log (ui_log.c): every status message of the session, and
 * what the caller adds before ui_run (problems in the config or feeds
 * file), which ui_run announces in the status line; M shows it. The
 * message is cleaned; ui_run frees the log when it returns.
 */
void		 ui_log_add(const char *, ...)
		    __attribute__((__format__(__printf__, 1, 2)));
size_t		 ui_log_count(void);
void		 ui_log_free(void);

struct feedlist;
struct store;
/*
 * Run the interface on an open store and a loaded feeds file (both
 * borrowed; fl may be NULL). feed, when not NULL, names the feed whose
 * item list opens first. Returns NR_OK, or NR_ENOTFOUND (before curses
 * starts) when there is no such feed, with errbuf saying so. Call
 * ui_config_apply first for the config file's keys and colours. On
 * NR_OK, errbuf holds a note for after the exit, or "": what was quit
 * before it could be stored (another process held the lock).
 */
int		 ui_run(struct store *, struct feedlist *, const char *,
		    char *);

/*
 * Apply the config file's bind, unbind and color lines (cfg borrowed)
 * to the live key table and the colour table; bad lines are reported
 * through warn (may be NULL) and skipped. Returns how many were bad.
 */
int		 ui_config_apply(const struct config *, const char *,
		    nr_warn_cb *, void *);

/* The op bound to key, or NR_OP_NONE. */
enum nr_op	 ui_keys_lookup(int);
/* The live key table (borrowed, static) and its length. */
const struct ui_key *ui_keys_table(size_t *);
/* Back to the built-in key table. */
void		 ui_keys_reset(void);
/* Bind key to op (NR_OP_NONE unbinds); -1 when the table is full. */
int		 ui_keys_bind(int, enum nr_op);
/* An op's config name ("page-down"), and back; parse returns 0 or -1. */
const char	*ui_keys_op_name(enum nr_op);
int		 ui_keys_op_parse(const char *, enum nr_op *);
/* A key name ("j", "Enter", "^L", "C-l", "PgDn") to a key; 0 or -1. */
int		 ui_keys_parse(const char *, int *);
/* A key's name for the help screen ("j", "Down", "Enter") into buf. */
const char	*ui_keys_name(int, char *, size_t);
/*
 * The help screen: one line per op, its keys and help text, in table
 * order; with ops (NR_OP_NONE-ended) those first under "Keys of the
 * NAME view", then the others under "Other keys". Returns a
 * NULL-terminated array the caller frees (each string, then the
 * array); *n is its length.
 */
char		**ui_keys_help(const enum nr_op *, const char *, size_t *);
/* A hint line ("q:back  m:read") from the keys bound to hint's ops. */
void		 ui_keys_hint(const struct ui_hint *, struct strbuf *);

/* Display width of a UTF-8 string (wcwidth; unprintable counts 1). */
int		 ui_text_width(const char *);
/*
 * The length in bytes of the longest prefix of s that fits in cols
 * columns, never splitting a character and keeping combining marks
 * with their base; its width goes to *used (may be NULL).
 */
size_t		 ui_text_fit(const char *, int, int *);
/*
 * Append s to sb taking exactly cols columns: padded with spaces, or
 * cut at a character boundary and ended with an ellipsis.
 */
void		 ui_text_pad(struct strbuf *, const char *, int);
/*
 * The interface's own punctuation: U+2026 and U+00B7 in a UTF-8 locale,
 * "..." and "-" in another (where they would be drawn as '?').
 */
const char	*ui_text_dots(void);
const char	*ui_text_dot(void);

/* A list's cursor (the generic list widget of ui_list.c). */
struct ui_list {
	size_t		 n;	/* rows */
	size_t		 cur;	/* cursor row (0 when n is 0) */
	size_t		 top;	/* first row shown */
};

void		 ui_list_init(struct ui_list *);
/* Set the number of rows, keeping the cursor inside. */
void		 ui_list_set_count(struct ui_list *, size_t);
/* Put the cursor on row i (clamped). */
void		 ui_list_set(struct ui_list *, size_t);
/* Move by delta rows (clamped). */
void		 ui_list_move(struct ui_list *, long);
/*
 * Apply a motion op for a window of h rows; returns 1 if op is one
 * (up, down, page up/down, home, end).
 */
int		 ui_list_op(struct ui_list *, enum nr_op, int);
/* Scroll so the cursor is inside a window of h rows. */
void		 ui_list_fit(struct ui_list *, int);
/*
 * The next row after the cursor (dir 1) or before it (dir -1), wrapping
 * around, for which match(arg, row) is true; -1 if none.
 */
long		 ui_list_find(const struct ui_list *, int,
		    int (*)(void *, size_t), void *, int);
/*
 * The list's part of \ (search-next): move to the next row after the
 * cursor, wrapping, that match says matches the last search (c->search);
 * "not found" in the status line otherwise. 0 when there was no search
 * yet (the caller lets the key through), else 1.
 */
int		 ui_list_search_next(struct ui_ctx *, struct ui_list *,
		    int (*)(void *, size_t), void *);

#endif
