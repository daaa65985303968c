/* Shared state and helpers of the ui module (src/ui*.c only). */
#ifndef NEWSREADER_UI_INT_H
#define NEWSREADER_UI_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "newsreader/ui.h"

struct feedlist;
struct feedlist_entry;
struct filter;
struct refresh;
struct store;
struct store_feed;
struct store_item;
struct store_queue;
struct strbuf;

/* Drawing attributes; ui_text.c maps them to curses. */
#define UI_A_BOLD	0x01
#define UI_A_REVERSE	0x02
#define UI_A_UNDERLINE	0x04
#define UI_A_DIM	0x08
#define UI_C_TITLE	0x100	/* title bar */
#define UI_C_ERROR	0x200	/* errors */
#define UI_C_HEADING	0x300	/* article headings */
#define UI_C_LINK	0x400	/* links */
#define UI_C_QUOTE	0x500	/* quotes */
#define UI_C_STATUS	0x600	/* the status line */
#define UI_C_CURSOR	0x700	/* the row under the cursor */
#define UI_C_UNREAD	0x800	/* unread rows */
#define UI_C_MASK	0xf00

/* A feed as the UI sees it: the feeds file entry and the cached items. */
struct ui_feed {
	char			*name;		/* store name */
	char			*title;		/* display name or NULL */
	struct feedlist_entry	*fe;		/* borrowed, or NULL */
	struct store_feed	*sf;		/* the mapped index, or NULL */
	struct store_cols	*cols;		/* copied for scans, or NULL */
	size_t			 unread;
	size_t			 total;
	int64_t			 last_ok;	/* 0: never */
	char			*error;		/* last refresh error or NULL */
	int			 refreshing;
	int			 in_batch;	/* counted in ctx->batch (R) */
	int			 loaded;	/* entries read */
	unsigned int		 gen;		/* bumped on every reload */
	uint64_t		 cursor;	/* hash under the cursor */
	int			 cursor_dirty;	/* to save on exit */
};

/* One row of a list: a feed and the position of an item in it. */
struct ui_ref {
	uint32_t		 fi;
	uint32_t		 i;
};

/* A change waiting in the write queue (shown as an overlay meanwhile). */
struct ui_pend {
	size_t			 fi;
	uint64_t		*hashes;
	size_t			 n;
	int			 set;
	int			 clear;
	int			 tag;		/* a user tag change */
	struct ui_pend		*next;
};

/* The feed index that stands for "all feeds" (the mixed list). */
#define UI_ALL		((size_t)-1)

#define UI_STACK_MAX	8
#define UI_SEARCH_MAX	256

struct ui_frame {
	const struct ui_view	*view;
	void			*data;
};

/* The one UI context (ui.c owns it). */
struct search;
struct search_hits;
struct ui_lookup;

/*
 * The search index's lookups on a thread of their own (ui_lookup.c):
 * start one (the words are copied; a running one is waited for first),
 * poll ui_lookup_fd, take the answer (hits: NULL when it failed). The
 * caller keeps the serial to know the answer it wants.
 */
#define UI_LOOKUP_WAIT_MS	40	/* answers this quick are waited for */

/*
 * Jobs (ui_job.c): run(arg) on a thread of its own; when it is done,
 * finish(ctx, arg) on the input loop (which polls ui_job_fd and calls
 * ui_job_poll). At most a few at once: start returns -1 when full.
 */
typedef void ui_job_fn(void *);
typedef void ui_job_done_fn(struct ui_ctx *, void *);
int	 ui_job_start(ui_job_fn *, ui_job_done_fn *, void *);
int	 ui_job_fd(void);
void	 ui_job_poll(struct ui_ctx *);
struct ui_lookup *ui_lookup_create(struct store *);
void	 ui_lookup_free(struct ui_lookup *);
int	 ui_lookup_fd(const struct ui_lookup *);
int	 ui_lookup_start(struct ui_lookup *, unsigned long,
	    const char *const *, const int *, size_t);
int	 ui_lookup_take(struct ui_lookup *, int, unsigned long *,
	    struct search_hits **, size_t *);

struct ui_ctx {
	struct store		*st;
	struct feedlist		*fl;
	struct refresh		*rf;		/* NULL if it failed */
	struct store_queue	*q;		/* marks are written by it */
	struct ui_pend		*pend;		/* queued, oldest first */
	struct ui_pend		**pend_end;
	int64_t			 checked;	/* ms: feeds last checked */
	struct timespec		 dir_mtime;	/* the data dir's, when read */
	struct ui_feed		*feeds;
	size_t			 nfeeds;
	struct ui_frame		 stack[UI_STACK_MAX];
	int			 depth;
	char			 title[512];	/* set by the top view's draw */
	char			 status[512];
	int			 status_err;
	char			 search[UI_SEARCH_MAX];	/* lowercase */
	int			 rows;
	int			 cols;
	int			 color;
	int			 quit;		/* 1 asked, 2 again: at once */
	unsigned long		 gen;		/* bumped when entries change */
	struct ui_ref		*all;		/* the mixed list */
	size_t			 nall;
	int64_t			*all_dates;	/* every item's date, by feed */
	size_t			*all_off;	/* feed i's dates start here */
	unsigned long		 all_gen;	/* gen when all was built */
	size_t			 all_fi;	/* the mixed list's cursor */
	uint64_t		 all_hash;
	int			 lastkey;	/* the key being handled */
	/* The active query and date range (ui_filter.c). */
	char			 query[UI_SEARCH_MAX];
	struct filter		*flt;		/* NULL: every item */
	struct filter_memo	*memo;		/* tag results of a scan */
	int			 flt_title;	/* flt reads titles */
	/* The query's words as the search index found them (ui_filter.c). */
	struct search		*srch;		/* NULL: no index */
	struct search_hits	*hits;		/* per word; NULL: none */
	size_t			 nwords;
	unsigned long		 hits_gen;	/* gen when looked up */
	struct ui_lookup	*lk;		/* the lookup thread */
	unsigned long		 lookup_serial;	/* the lookup wanted */
	int			 hits_pending;	/* a new query's, coming */
	int64_t			 day_lo;	/* [day_lo, day_hi) local */
	int64_t			 day_hi;
	int			 day_span;	/* 0 all dates, 1 day, 7 week */
	unsigned long		 fgen;		/* bumped when these change */
	unsigned long		 mgen;		/* bumped when marks change */
	char			 hint[256];	/* the top view's status text */
	long			 cli_fi;	/* --feed's feed, or -1 */
	struct {
		size_t		 left;		/* feeds not done yet */
		size_t		 n;
		size_t		 ok;
		size_t		 failed;
		size_t		 nnew;
	}			 batch;		/* the last R */
};

/* Draw s (cleaned here) at y, x in at most cols columns; returns width. */
int	 ui_draw_text(int, int, int, const char *, int);
/*
 * Apply a scrolling op (down, up, page down/up, home, end) to the first
 * shown line *top of n lines, page lines a page. Returns 1 if op was one.
 */
int	 ui_scroll_op(size_t *, size_t, size_t, int);
/* The colour table (ui_color.c): element by name, or -1. */
int	 ui_color_element(const char *);
/* Set an element's colours (-1 default) and attributes (-1 unchanged). */
void	 ui_color_set(int, int, int, int);
/* Start colours unless NO_COLOR or the terminal has none; 1 if on. */
int	 ui_color_start(void);
/* Our flags (UI_A_* | UI_C_*) to UI_A_* attributes and a colour pair. */
void	 ui_color_resolve(int, int *, short *);
/* Draw a list's visible rows with row_cb filling each row's text. */
typedef void ui_row_cb(void *, size_t, int, struct strbuf *, int *);
void	 ui_list_draw(struct ui_list *, int, int, int, ui_row_cb *, void *);
/* The same with two lines a row: the second drawn by the second callback
 * (dim; h / 2 rows). */
void	 ui_list_draw2(struct ui_list *, int, int, int, ui_row_cb *,
	    ui_row_cb *, void *);

/* Set the status line (printf-like); err shows it as an error. */
void	 ui_status(struct ui_ctx *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Push a view with arg; pop the top one. */
void	 ui_view_push(struct ui_ctx *, const struct ui_view *, void *);
void	 ui_view_pop(struct ui_ctx *);

/*
 * The feed list's a, E and d (ui_subscribe.c): subscribe to a URL (a
 * feed or a web page's, discover.c; blocking, with short timeouts),
 * edit feed fi's line, remove it after y/n. Each changes the feeds
 * file as it is on disk now (only that line), then the context.
 */
void	 ui_sub_add(struct ui_ctx *);
void	 ui_sub_edit(struct ui_ctx *, size_t);
void	 ui_sub_remove(struct ui_ctx *, size_t);
/* Add a feed to the context (strings copied); returns its index. */
size_t	 ui_feed_add(struct ui_ctx *, const char *, const char *,
	    struct feedlist_entry *);
/*
 * Drop feed i from the context (its line left the feeds file): the
 * caller has made sure it is not refreshing and has no queued change.
 */
void	 ui_feed_forget(struct ui_ctx *, size_t);
/* The feed named name, or -1. */
long	 ui_feed_find(struct ui_ctx *, const char *);
/* Paint the screen now (before a blocking step). */
void	 ui_draw_now(struct ui_ctx *);

/* Reload feed i from the store, keeping the cursor on the same item. */
void	 ui_feed_reload(struct ui_ctx *, size_t);
/* Load feed i's entries if that has not been done yet. */
void	 ui_feed_ensure(struct ui_ctx *, size_t);
/* Recount unread/total of feed i. */
void	 ui_feed_count(struct ui_ctx *, size_t);
/* Feed fi's columns for scans (copied once per load). */
struct store_cols *ui_feed_cols(struct ui_ctx *, size_t);
/* The first item of feed fi older than t (its items are newest first). */
size_t	 ui_before(struct ui_ctx *, size_t, int64_t);
/* Start a scan: the filter's remembered tag results are forgotten. */
void	 ui_scan_begin(struct ui_ctx *);
/* Item i of feed fi; strings live until the feed reloads. */
void	 ui_item(struct ui_ctx *, size_t, size_t, struct store_item *);
/* The position of hash in feed fi, or -1. */
long	 ui_find(struct ui_ctx *, size_t, uint64_t);
/*
 * Set/clear state flags of items of feed i: shown at once, written by
 * the queue ("saving..." until then); a failed write shows an error and
 * the state on disk again.
 */
void	 ui_feed_mark(struct ui_ctx *, size_t, const uint64_t *, size_t, int,
	    int);
/*
 * Bulk marks (ui_mark.c): mark read the unread items among rows, asking
 * first when they are more than page; on the feed list, every item of
 * feed fi (UI_ALL: of every feed), asking first; undo the last one.
 */
void	 ui_mark_rows(struct ui_ctx *, const struct ui_ref *, size_t, size_t);
void	 ui_mark_feed(struct ui_ctx *, size_t);
void	 ui_mark_undo(struct ui_ctx *);
void	 ui_mark_free(void);
/* Add or remove a user tag through the queue. */
void	 ui_feed_usertag(struct ui_ctx *, size_t, uint64_t, const char *,
	    int);
/* Rebuild the mixed list if any feed changed since it was built. */
void	 ui_all_update(struct ui_ctx *);
/*
 * Row x comes before row y in source fi's order (a feed: by position;
 * UI_ALL: the mixed list's, after ui_all_update).
 */
int	 ui_ref_before(struct ui_ctx *, size_t, const struct ui_ref *,
	    const struct ui_ref *);
/* What an item list gives the article view it opens. */
struct ui_article_arg {
	long		 fi;		/* the feed; -1: the mixed list */
	void		*list;		/* the list (ui_items_rows), below it */
	int		 fetch;		/* fetch the item's page at once (f) */
};
/* The rows the item list shows now (rebuilt when stale); borrowed. */
size_t	 ui_items_rows(void *, const struct ui_ref **);
/* True when an item list's rows are in relevance order (S), not its
 * source's. */
int	 ui_items_by_rank(void *);
/*
 * Highlights (ui_hilite.c): the byte ranges of line where the query's
 * words or the last / search are (which: UI_HL_*), in order (at most
 * max), and drawing a line with them all in reverse.
 */
struct ui_hl {
	size_t	off;
	size_t	len;
};
#define UI_HL_ALL	0	/* the query's words and the / search */
#define UI_HL_WORDS	1	/* the query's words only */
#define UI_HL_SEARCH	2	/* the / search only */
size_t	 ui_hilite_find(struct ui_ctx *, const char *, struct ui_hl *,
	    size_t, int);
void	 ui_hilite_draw(struct ui_ctx *, int, int, int, const char *, int);
/*
 * Make q the active query and open on it the item list of feed fi (-1:
 * every feed), titled label (a saved filter's name; NULL: the usual
 * title) with "search: TEXT" after it when search is set; q on that
 * list puts back the query from before. -1 when q does not compile
 * (*col and msg say where and why; nothing changed).
 */
int	 ui_items_query(struct ui_ctx *, long, const char *, const char *,
	    const char *, size_t *, char *);
/* A prompt on the status line; done(arg, text) runs on Enter. */
typedef void ui_prompt_cb(struct ui_ctx *, void *, const char *);
void	 ui_prompt(struct ui_ctx *, const char *, const char *,
	    ui_prompt_cb *, void *);
/* Ask a y/n question; done(arg, "y" or "") runs on the next key. */
void	 ui_confirm(struct ui_ctx *, const char *, ui_prompt_cb *, void *);
/* Start refreshing feed i; -1 (a status message says why) if not. */
int	 ui_feed_refresh(struct ui_ctx *, size_t);
/*
 * f: fetch item hash's page (link) of feed i, store its article as the
 * item's text (refresh_page); the feed is reloaded when it is in.
 */
int	 ui_fetch_page(struct ui_ctx *, size_t, uint64_t, const char *);
/*
 * R: refresh the feeds of the feeds file and --feed's (not the built-in
 * ones the file does not list); a summary ends it.
 */
void	 ui_refresh_all(struct ui_ctx *);
/* Open url in $BROWSER, or copy it with OSC 52. */
void	 ui_open_url(struct ui_ctx *, const char *);
void	 ui_copy_url(struct ui_ctx *, const char *);
/* Case-insensitive substring match against ctx->search. */
int	 ui_search_match(struct ui_ctx *, const char *);

/*
 * The query and dates (ui_filter.c). ui_match: item i of feed fi
 * matches the query, and the date range too when dates is set.
 */
/*
 * The relevance of item hash of feed fi to the query's words: the sum of
 * their bm25 ranks (lower is better; 0 when the index has none).
 */
double	 ui_rank(struct ui_ctx *, size_t, uint64_t);
int	 ui_match(struct ui_ctx *, size_t, size_t, int);
/*
 * The lookup thread's answer has come (its pipe is readable): taken, and
 * the views rebuild. 1 if it was the one wanted.
 */
int	 ui_filter_lookup_done(struct ui_ctx *);
/* Set the query; on a bad one -1, *col (1-based) and msg set. */
int	 ui_filter_set(struct ui_ctx *, const char *, size_t *, char *);
/* Toggle "+tag" (sign '+') or "-tag" (sign '-') in the query. */
void	 ui_filter_tag(struct ui_ctx *, const char *, int);
/* The query's state of tag: '+', '-' or 0. */
int	 ui_filter_has_tag(struct ui_ctx *, const char *);
/* Free the filter state (at exit). */
void	 ui_filter_free(struct ui_ctx *);
/* Rows of a source (feed fi, or every feed for UI_ALL) and row i. */
size_t	 ui_source_count(struct ui_ctx *, size_t);
struct ui_ref ui_source_ref(struct ui_ctx *, size_t, size_t);
/* Local midnight of the day holding t, plus days days. */
int64_t	 ui_day_start(int64_t, int);
/* Monday of t's week, local midnight. */
int64_t	 ui_week_start(int64_t);
/* Show span (1 or 7) days from day on (local midnight). */
void	 ui_date_set(struct ui_ctx *, int64_t, int);
void	 ui_date_clear(struct ui_ctx *);
/*
 * Step to the previous (dir -1) or next day/week (span 1 or 7) that has
 * items of source fi under the query; from all dates, take the day of
 * item cur (may be NULL). 0, or -1 with a status message.
 */
int	 ui_date_step(struct ui_ctx *, size_t, int, int,
	    const struct ui_ref *);
/* Parse "2023-04-14", "today", "yesterday", "-3d", "-2w"; 0 or -1. */
int	 ui_date_parse(const char *, int64_t, int64_t *);
/* "filter: Q · Fri 14 Apr 2023 · N items" (n: items shown) into buf. */
void	 ui_filter_hint(struct ui_ctx *, size_t, char *, size_t);
/* Open the date prompt / the query prompt (F). */
void	 ui_date_prompt(struct ui_ctx *);
/*
 * The feed list's search: a query (words search every item's text
 * through the index) whose items open as one list, newest first.
 */
void	 ui_search_all_prompt(struct ui_ctx *);
void	 ui_filter_prompt(struct ui_ctx *, const char *);
/* Let the open prompt take a first "g" as "go to the top" (gg). */
void	 ui_prompt_gg(struct ui_ctx *);
/* Show msg at column col under the open prompt (a bad query). */
void	 ui_prompt_error(struct ui_ctx *, size_t, const char *);
/* Give the open prompt the history of a kind (UI_HIST_*). */
void	 ui_prompt_history(struct ui_ctx *, int);

/* Saved filters (config "filter NAME QUERY" lines), as virtual feeds. */
struct ui_saved {
	char		*name;
	char		*query;
	struct filter	*flt;
	size_t		 unread;
	size_t		 total;
	unsigned long	 gen;		/* ctx->gen + ctx->mgen counted */
	int		 counted;
};
/* Add a saved filter (strings copied); -1 with msg if the query is bad. */
int	 ui_saved_add(const char *, const char *, char *, size_t);
size_t	 ui_saved_count(void);
/* Saved filter i with live counts (counted once every feed is loaded). */
struct ui_saved *ui_saved_get(struct ui_ctx *, size_t);
/* Free every saved filter. */
void	 ui_saved_reset(void);

/* Display width of one code point (wcwidth; unprintable counts 1). */
int	 ui_text_cpwidth(int);

/*
 * The prompt's line editor (ui_edit.c, no curses): a UTF-8 buffer and a
 * cursor byte offset. The cursor moves by whole units, a character and
 * the zero-width marks after it (e + U+0301), never inside UTF-8. off is
 * the first byte shown when the line scrolls (ui_edit_scroll).
 */
#define UI_EDIT_MAX	UI_SEARCH_MAX
struct ui_edit {
	char		 buf[UI_EDIT_MAX];
	size_t		 len;
	size_t		 cur;
	size_t		 off;
};
/* Set the text (copied, cut to fit at a character), cursor at the end. */
void	 ui_edit_set(struct ui_edit *, const char *);
/* Insert a code point at the cursor; -1 (nothing changes) if a control
 * character, not a character, or the buffer is full. */
int	 ui_edit_insert(struct ui_edit *, int);
/* Cursor moves; each returns 1 if the cursor moved. */
int	 ui_edit_left(struct ui_edit *);
int	 ui_edit_right(struct ui_edit *);
int	 ui_edit_home(struct ui_edit *);
int	 ui_edit_end(struct ui_edit *);
/* Deletions; each returns 1 if the text changed. */
int	 ui_edit_backspace(struct ui_edit *);	/* the unit before */
int	 ui_edit_delete(struct ui_edit *);	/* the unit at the cursor */
int	 ui_edit_kill_end(struct ui_edit *);	/* ^K: to the end */
int	 ui_edit_kill_line(struct ui_edit *);	/* ^U: everything */
int	 ui_edit_kill_word(struct ui_edit *);	/* ^W: the word before */
/* Columns from the first shown byte (off) to the cursor. */
int	 ui_edit_cursor_col(const struct ui_edit *);
/* Columns of the text scrolled out on the left (before off). */
int	 ui_edit_hidden_cols(const struct ui_edit *);
/*
 * Scroll so that the cursor fits in cols columns (cols >= 1; the cursor
 * takes the last one at the end of the line); returns off.
 */
size_t	 ui_edit_scroll(struct ui_edit *, int);

/*
 * Prompt history (ui_hist.c, no curses): entries per prompt kind, oldest
 * first, kept in $DATA/.history (docs/FORMAT.md).
 */
#define UI_HIST_NONE	0	/* link numbers, y/n: no history */
#define UI_HIST_SEARCH	1	/* "/" */
#define UI_HIST_FILTER	2	/* "F" */
#define UI_HIST_DATE	3	/* "g" */
#define UI_HIST_TAG	4	/* "+" and "-" (user tags) */
#define UI_HIST_NKINDS	5
#define UI_HIST_MAX	200	/* entries per kind */
#define UI_HIST_FILE	".history"
#define UI_HIST_READ_MAX (1024 * 1024)	/* bytes read, from the end */
struct ui_hist {
	char		*ent[UI_HIST_NKINDS][UI_HIST_MAX];
	size_t		 n[UI_HIST_NKINDS];
};
void	 ui_hist_init(struct ui_hist *);
void	 ui_hist_clear(struct ui_hist *);
/*
 * Add text (copied) as the newest entry of kind, dropping an older equal
 * one and the oldest beyond UI_HIST_MAX; -1 if kind has no history or
 * the text is empty, too long, or holds control characters or bad UTF-8.
 */
int	 ui_hist_add(struct ui_hist *, int, const char *);
size_t	 ui_hist_count(const struct ui_hist *, int);
/* Entry i of kind (0: the oldest); borrowed. */
const char *ui_hist_get(const struct ui_hist *, int, size_t);
/* Add the entries of len bytes of file text; bad lines are skipped. */
void	 ui_hist_parse(struct ui_hist *, const char *, size_t);
/* The file text of every entry (the caller frees); *len its length. */
char	*ui_hist_format(const struct ui_hist *, size_t *);
/*
 * Replace h by dir/.history (at most its last UI_HIST_READ_MAX bytes;
 * a missing file is empty). On failure (enum nr_err) h is unchanged.
 */
int	 ui_hist_load(struct ui_hist *, const char *, char *);
/* Write h to dir/.history atomically; returns an enum nr_err. */
int	 ui_hist_save(const struct ui_hist *, const char *, char *);
/*
 * Walking a kind's history with Up and Down: pos is the entry shown
 * (n: the line being typed, kept in line while away).
 */
struct ui_hist_walk {
	int		 kind;
	size_t		 pos;
	char		 line[UI_EDIT_MAX];
};
void	 ui_hist_walk_start(struct ui_hist_walk *, const struct ui_hist *,
	    int);
/* Step (-1 older, 1 newer) and put the entry into e; 1 if it moved. */
int	 ui_hist_walk(struct ui_hist_walk *, const struct ui_hist *,
	    struct ui_edit *, int);

/* Format a Unix time as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (UTC). */
void	 ui_date(int64_t, int, char *, size_t);

#endif
