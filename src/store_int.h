/* Internals shared by store.c, store_index.c and store_state.c. */
#ifndef NEWSREADER_STORE_INT_H
#define NEWSREADER_STORE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/store.h"

struct strbuf;

#define NR_META_DIR	".meta"
#define NR_INDEX_FILE	"index"
#define NR_STATE_FILE	"state"
#define NR_LOCK_FILE	".lock"

struct store {
	char		*path;
	int		 lockfd;
	store_warn_cb	*warn;
	void		*warnarg;
	size_t		 warn_budget;	/* warnings left in this pass */
	size_t		 warn_dropped;	/* warnings not passed on */
};

/* At most this many warnings per directory pass; the rest are counted. */
#define NR_WARN_BUDGET	20

struct store_kv {
	char	*key;
	char	*value;
};

/* A feed's state file in memory. */
struct store_state {
	struct store_kv		*kv;
	size_t			 nkv;
	struct store_meta	*metas;
	size_t			 nmetas;
	size_t			 metacap;
	int			 sorted;
	char			**other;	/* unknown lines, kept */
	size_t			 nother;
	int			 dirty;
	/* Article files written but not yet renamed (store_feed_sync). */
	char			**pend_tmp;
	char			**pend_dst;
	size_t			 npend;
	int			 dirs_made;	/* the feed's dirs exist */
	/* Index bookkeeping. */
	int			 index_dirty;
	unsigned long		 next_seq;
	size_t			 entrycap;
};

/* Report a problem through the store's warning callback. */
void	 store_warn(struct store *, const char *, size_t, const char *, ...)
	    __attribute__((format(printf, 4, 5)));

/* Append s with '\\', tab, newline and CR escaped as \\ \t \n \r. */
void	 store_esc(struct strbuf *, const char *);
/* Undo store_esc in place. */
void	 store_unesc(char *);
/*
 * Split line at tabs in place into at most max fields; returns the count.
 */
size_t	 store_split(char *, char **, size_t);

/* Load or rebuild a feed's index into f (store_index.c). */
int	 store_index_load(struct store *, struct store_feed *, char *);
/* Load a feed's state file into f->state (store_state.c). */
int	 store_state_load(struct store *, struct store_feed *, char *);
void	 store_state_free(struct store_state *);
/* Write the state file with util_write_atomic_flags flags. */
int	 store_state_write(struct store *, struct store_feed *, int, char *);
/* Bring a feed's index up to date after its files changed. */
void	 store_index_refresh(struct store *, struct store_feed *);

/* The feed's directory and its meta directory; the caller frees. */
char	*store_feed_dir(struct store *, const char *);
char	*store_meta_dir(struct store *, const char *);

#endif
