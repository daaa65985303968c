/* The cache: a directory per feed of article files, with side files. */
#ifndef NEWSREADER_STORE_H
#define NEWSREADER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/feed.h"

struct enclosure;
struct item;
struct store;

/* Longest feed name (a directory name under the data directory). */
#define NR_FEED_NAME_MAX	64

/*
 * One entry of a feed's index. Strings are borrowed from the store_feed
 * that holds the entry and live as long as it does.
 */
struct store_entry {
	const char	*feed;		/* the feed's name */
	char		 name[48];	/* file name, "<seq>_<hash>.txt" */
	uint64_t	 hash;
	unsigned long	 seq;
	int64_t		 date;		/* published, Unix UTC */
	const char	*title;
	const char	*summary;
	const char	*link;
	const char	*tags;		/* tags separated by '\n' */
	int		 state;		/* NR_STATE_* */
};

/* Extra data the article format cannot hold, one record per item. */
struct store_meta {
	uint64_t	 hash;
	int		 state;		/* NR_STATE_* */
	int64_t		 first_seen;
	char		*guid;
	char		*author;
	struct enclosure *enclosures;	/* owned */
	size_t		 nenclosures;
	size_t		 seq_;		/* internal: order read */
};

/* A feed as loaded from the cache: entries newest first. */
struct store_feed {
	char			*name;
	struct store_entry	*entries;
	size_t			 nentries;
	struct store_state	*state;
	char			*ibuf;	/* backing store of the strings */
	char			*ubuf;	/* tags with user tags merged */
};

/* Called for each problem found while reading (file, line, message). */
typedef void store_warn_cb(void *, const char *, size_t, const char *);

/*
 * Open (creating it 0700 if needed) the data directory. *out is the
 * caller's (store_free). Returns an enum nr_err.
 */
int	 store_open(const char *, struct store **, char *);
void	 store_free(struct store *);
/* Report bad files through cb instead of silently skipping them. */
void	 store_set_warn(struct store *, store_warn_cb *, void *);
const char *store_path(const struct store *);

/*
 * Take the data directory's write lock (flock on DATA/.lock). With wait
 * 0, fail at once with NR_ELOCKED if another process holds it.
 */
int	 store_lock(struct store *, int, char *);
void	 store_unlock(struct store *);

/* True if name may be a feed directory: [a-z0-9._-], no leading dot. */
int	 store_feed_name_valid(const char *);

/*
 * List the feed directories, sorted. *names is a NULL-terminated array
 * the caller frees (each string, then the array).
 */
int	 store_feeds(struct store *, char ***, size_t *, char *);

/*
 * Load a feed's entries through its index, rebuilding the index from the
 * article files when it is missing, stale or corrupt. A feed that does
 * not exist loads empty. *out is the caller's (store_feed_free).
 */
int	 store_feed_load(struct store *, const char *, struct store_feed **,
	    char *);
void	 store_feed_free(struct store_feed *);
/* Load only a feed's state file (no entries): for feed-level values. */
int	 store_feed_load_state(struct store *, const char *,
	    struct store_feed **, char *);
/* Find an entry by hash, or NULL. */
struct store_entry *store_feed_find(struct store_feed *, uint64_t);

/* Result of storing one item. */
#define NR_PUT_NEW	1
#define NR_PUT_UPDATED	2
#define NR_PUT_SAME	3

/*
 * Store the bytes of an article file as the item with this hash in feed
 * (caller holds the lock). New: the next sequence number; changed:
 * rewritten under its name; the same bytes: untouched. The bytes go to
 * a temporary file; store_feed_sync or store_sync_many syncs the batch
 * once and renames each file into place, so every file appears whole.
 * *result is NR_PUT_*. Returns an enum nr_err.
 */
int	 store_put_raw(struct store *, struct store_feed *, uint64_t,
	    const char *, size_t, int *, char *);

/*
 * store_feed_sync for several feeds at once, with three file-system
 * syncs in all instead of several per feed: the new article files' data,
 * then their renames, then the state files. Returns the first error.
 */
int	 store_sync_many(struct store *, struct store_feed **, size_t,
	    char *);

/*
 * After store_put_raw calls: write the state file if it changed and bring
 * the index up to date (new and changed files are parsed again).
 */
int	 store_feed_sync(struct store *, struct store_feed *, char *);

/* Full path of an entry's article file; the caller frees. */
char	*store_entry_path(struct store *, const struct store_entry *);

/* The feed's meta record for hash, created if create is set (or NULL). */
struct store_meta *store_meta_get(struct store_feed *, uint64_t, int);
/* Note that a meta record was changed in place (the state is saved). */
void	 store_meta_changed(struct store_feed *);
/*
 * Remove an entry's article file (retention) and remember the item as
 * expired, so a feed that still carries it does not bring it back. The
 * index is brought up to date by store_feed_sync. Returns an enum nr_err.
 */
int	 store_entry_expire(struct store *, struct store_feed *,
	    struct store_entry *, char *);
/* Set or clear state flags on an entry and its meta record. */
void	 store_set_state(struct store_feed *, struct store_entry *, int, int);
/* A feed-level value from the state file ("etag", "title", ...), or NULL. */
const char *store_feed_get(struct store_feed *, const char *);
void	 store_feed_set(struct store_feed *, const char *, const char *);
/*
 * Change a feed's state file safely against other processes: under the
 * lock (taken here unless held), load it again, call fn (which changes
 * it through the store_meta/store_feed functions and returns an enum
 * nr_err), and save it if anything changed. Returns an enum nr_err.
 */
int	 store_state_update(struct store *, const char *,
	    int (*)(struct store_feed *, void *, char *), void *, char *);
/*
 * Set or clear state flags of one item safely against other processes:
 * under the lock, load the feed's state file again, change it, save it.
 * Also updates e->state. Returns an enum nr_err.
 */
int	 store_mark(struct store *, const char *, struct store_entry *, int,
	    int, char *);
/*
 * store_mark for many items of one feed with a single state write:
 * hashes (n of them, borrowed) get set and lose clear. The caller
 * updates its own entries' state. Returns an enum nr_err.
 */
int	 store_mark_many(struct store *, const char *, const uint64_t *,
	    size_t, int, int, char *);
/*
 * Set (value NULL: remove) a feed-level value safely against other
 * processes: under the lock, load the state file, set, save. Strings
 * are borrowed. Returns an enum nr_err.
 */
int	 store_feed_set_value(struct store *, const char *, const char *,
	    const char *, char *);
/*
 * True if tag may be a user tag: 1-64 bytes, no blanks or control
 * characters, none of , " ( ) and not starting with + - @ = ~ / or '.
 */
int	 store_usertag_valid(const char *);
/*
 * Add (add 1) or remove (add 0) user tag tag (borrowed) of item hash in
 * feed, safely against other processes: under the lock, load the state
 * file, change its "usertag" lines, save. Adding a tag the item has
 * already writes nothing. Returns NR_OK, NR_EFORMAT for an invalid tag,
 * NR_ENOTFOUND when removing a tag the item does not have, or another
 * enum nr_err.
 */
int	 store_usertag(struct store *, const char *, uint64_t, const char *,
	    int, char *);
/*
 * For readers (--list, the interface): append each entry's user tags to
 * its tags, skipping ones it has. The strings live as long as f; a feed
 * merged this way must not be synced (store_feed_sync refuses it).
 */
void	 store_feed_merge_usertags(struct store_feed *);
/* Write the state file atomically if anything changed. */
int	 store_state_save(struct store *, struct store_feed *, char *);

#endif
