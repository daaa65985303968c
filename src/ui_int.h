/* Shared state and helpers of the ui module (src/ui*.c only). */
#ifndef NEWSREADER_UI_INT_H
#define NEWSREADER_UI_INT_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/ui.h"

struct feedlist;
struct feedlist_entry;
struct refresh;
struct store;
struct store_entry;
struct store_feed;
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
	struct store_feed	*sf;		/* loaded entries, or NULL */
	size_t			 unread;
	size_t			 total;
	int64_t			 last_ok;	/* 0: never */
	char			*error;		/* last refresh error or NULL */
	int			 refreshing;
	int			 loaded;	/* entries read */
	unsigned int		 gen;		/* bumped on every reload */
	uint64_t		 cursor;	/* hash under the cursor */
	int			 cursor_dirty;	/* to save on exit */
};

/* One row of the mixed list: an entry and its feed. */
struct ui_ref {
	size_t			 fi;
	struct store_entry	*e;		/* borrowed from the feed */
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
struct ui_ctx {
	struct store		*st;
	struct feedlist		*fl;
	struct refresh		*rf;		/* NULL if it failed */
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
	int			 quit;
	unsigned long		 gen;		/* bumped when entries change */
	struct ui_ref		*all;		/* the mixed list */
	size_t			 nall;
	unsigned long		 all_gen;	/* gen when all was built */
	size_t			 all_fi;	/* the mixed list's cursor */
	uint64_t		 all_hash;
	int			 lastkey;	/* the key being handled */
};

/* Draw s (cleaned here) at y, x in at most cols columns; returns width. */
int	 ui_draw_text(int, int, int, const char *, int);
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

/* Set the status line (printf-like); err shows it as an error. */
void	 ui_status(struct ui_ctx *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Push a view with arg; pop the top one. */
void	 ui_view_push(struct ui_ctx *, const struct ui_view *, void *);
void	 ui_view_pop(struct ui_ctx *);

/* Reload feed i from the store, keeping the cursor on the same item. */
void	 ui_feed_reload(struct ui_ctx *, size_t);
/* Load feed i's entries if that has not been done yet. */
void	 ui_feed_ensure(struct ui_ctx *, size_t);
/* Recount unread/total of feed i. */
void	 ui_feed_count(struct ui_ctx *, size_t);
/* Set/clear state flags of an entry of feed i through store_mark. */
void	 ui_feed_mark(struct ui_ctx *, size_t, struct store_entry *, int,
	    int);
/* Mark every item of feed i read with one state write. */
void	 ui_feed_mark_all(struct ui_ctx *, size_t);
/* Rebuild the mixed list if any feed changed since it was built. */
void	 ui_all_update(struct ui_ctx *);
/* The mixed list's row of entry hash in feed fi, or -1. */
long	 ui_all_find(struct ui_ctx *, size_t, uint64_t);
/* A prompt on the status line; done(arg, text) runs on Enter. */
typedef void ui_prompt_cb(struct ui_ctx *, void *, const char *);
void	 ui_prompt(struct ui_ctx *, const char *, const char *,
	    ui_prompt_cb *, void *);
/* Start refreshing feed i (a status message says why not). */
void	 ui_feed_refresh(struct ui_ctx *, size_t);
/* Open url in $BROWSER, or copy it with OSC 52. */
void	 ui_open_url(struct ui_ctx *, const char *);
void	 ui_copy_url(struct ui_ctx *, const char *);
/* Case-insensitive substring match against ctx->search. */
int	 ui_search_match(struct ui_ctx *, const char *);

/* Format a Unix time as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (UTC). */
void	 ui_date(int64_t, int, char *, size_t);

#endif
