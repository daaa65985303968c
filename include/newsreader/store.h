/*
 * The cache: a directory per feed of article files (the truth), a state
 * file per feed (read marks, stars, user tags, feed values), a mapped
 * index per feed (derived, rebuilt when missing, stale or corrupt) and a
 * record of which URL owns which feed directory. docs/FORMAT.md is the
 * spec of every file.
 *
 * Readers open feeds (store_feed_open) and never take the lock; writers
 * take it (store_lock) and change feeds through a store_txn.
 */
#ifndef NEWSREADER_STORE_H
#define NEWSREADER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"

struct store;
struct store_feed;
struct store_txn;
struct store_queue;

/* Longest feed name (a directory name under the data directory). */
#define NR_FEED_NAME_MAX	64

/* Feed-level values kept in a feed's state file. */
enum store_key {
	NR_KEY_TITLE,		/* the feed's own title */
	NR_KEY_LINK,		/* its web site */
	NR_KEY_URL,		/* the URL last refreshed */
	NR_KEY_ETAG,		/* HTTP validators for a conditional GET */
	NR_KEY_LAST_MODIFIED,
	NR_KEY_LAST_OK,		/* Unix time of the last good refresh */
	NR_KEY_ERROR,		/* the last refresh error */
	NR_KEY_CURSOR,		/* hash of the item under the cursor */
	NR_KEY_MAX
};

/* The name of a key in the state file ("etag", ...). */
const char	*store_key_name(enum store_key);

/*
 * One item of a feed as the index lists it. Strings are borrowed from the
 * store_feed and live until it is closed or reloaded; never NULL.
 */
struct store_item {
	const char	*feed;		/* the feed's directory name */
	uint64_t	 hash;
	unsigned long	 seq;
	int64_t		 date;		/* published, Unix UTC */
	int		 state;		/* NR_STATE_* */
	const char	*title;
	const char	*link;
	const char	*tags;		/* the article's tags, '\n'-separated */
	const char	*usertags;	/* the user's tags, '\n'-separated */
	const char	*author;
};

/* Items of one day (UTC), for calendars. */
struct store_day {
	int64_t		 day;		/* Unix time of 00:00 UTC */
	uint32_t	 total;
	uint32_t	 unread;
};

/*
 * Open (creating it 0700 if needed) the data directory. A directory
 * written by an older version is migrated here when the lock is free
 * (else it is read as it is and migrated by the next writer). *out is the
 * caller's (store_free).
 */
enum nr_err	 store_open(const char *, struct store **, char *);
void		 store_free(struct store *);
/*
 * Hints: NR_STORE_SCAN, the caller reads every item of the feeds it
 * opens (--list): indexes are read ahead. Without it, only the pages
 * of the items looked at stay in memory (the interface).
 */
#define NR_STORE_SCAN	0x1
void		 store_set_flags(struct store *, int);
/* Report bad files (path, line or 0, message) instead of skipping them. */
void		 store_set_warn(struct store *, nr_warn_cb *, void *);
const char	*store_path(const struct store *);

/*
 * Take the data directory's write lock (flock on DATA/.lock). With wait
 * 0, fail at once with NR_ELOCKED if another process holds it.
 */
enum nr_err	 store_lock(struct store *, int, char *);
void		 store_unlock(struct store *);
int		 store_locked(const struct store *);

/*
 * True if name may be a feed directory: 1-64 of [a-z0-9._-], not
 * starting with '.' or '-'.
 */
int		 store_feed_name_valid(const char *);

/*
 * The feed directories, sorted. *names is a NULL-terminated array the
 * caller frees (each string, then the array).
 */
enum nr_err	 store_feeds(struct store *, char ***, size_t *, char *);

/*
 * Feed identity: which directory holds the items of a feed URL. Each
 * ref's name is filled in. A URL recorded in the data directory keeps its
 * directory; a new one gets want (its name=) when that is free, else a
 * name made from base (its host), unique. With assign set (the caller holds the
 * lock) new URLs are recorded; without it, names are only proposed.
 */
struct store_ref {
	const char	*url;		/* borrowed */
	const char	*want;		/* name= from the feeds file, or NULL */
	const char	*base;		/* a name made from the URL's host */
	const char	*prefer;	/* proposed before (store_resolve with
					   assign 0), taken if still free */
	char		 name[NR_FEED_NAME_MAX + 1];	/* the answer */
};
enum nr_err	 store_resolve(struct store *, struct store_ref *, size_t,
		    int, char *);
/* Whether url has a directory recorded (under the lock: as on disk). */
int		 store_url_recorded(struct store *, const char *);
/* Whether the data dir has a feed directory called name. */
int		 store_feed_exists(struct store *, const char *);
/* The URL recorded for a feed directory, or NULL (borrowed). */
const char	*store_feed_url(struct store *, const char *);

/*
 * Open a feed for reading: its index is mapped (built or brought up to
 * date from the article files first when it is missing, stale or
 * corrupt) and the state file's newer lines are applied. A feed that
 * does not exist opens empty. Items are newest first (ties: in the
 * order they were stored). *out is the caller's (store_feed_close).
 */
enum nr_err	 store_feed_open(struct store *, const char *,
		    struct store_feed **, char *);
void		 store_feed_close(struct store_feed *);
/*
 * True when another process changed the feed since it was opened (a new
 * index, state lines, or files added or removed): reopen it then.
 */
int		 store_feed_changed(struct store_feed *);
const char	*store_feed_name(const struct store_feed *);
size_t		 store_feed_count(const struct store_feed *);
size_t		 store_feed_unread(const struct store_feed *);
size_t		 store_feed_starred(const struct store_feed *);
/* A feed-level value, or NULL. */
const char	*store_feed_get(const struct store_feed *, enum store_key);
/* Item i (0 newest) as listed. */
void		 store_feed_item(const struct store_feed *, size_t,
		    struct store_item *);
int64_t		 store_feed_date(const struct store_feed *, size_t);
uint64_t	 store_feed_hash(const struct store_feed *, size_t);
int		 store_feed_state(const struct store_feed *, size_t);
/* The position of the item with this hash, or -1. O(log n). */
long		 store_feed_find(const struct store_feed *, uint64_t);
/* The first position whose date is below t (items are newest first). */
size_t		 store_feed_before(const struct store_feed *, int64_t);
/* Per-day counts, newest day first (borrowed; counts include overlays). */
size_t		 store_feed_days(const struct store_feed *,
		    const struct store_day **);
/*
 * Show state as the item's state until the feed is reopened, without
 * writing it (the interface's pending changes). Counts follow.
 */
void		 store_feed_overlay(struct store_feed *, uint64_t, int);
/*
 * Let the pages of the feed's index go (they are read again when used):
 * for a reader that keeps many feeds open and has just looked at all of
 * one, so that what it holds stays small at a million items.
 */
void		 store_feed_release(struct store_feed *);
/* Copy the dates of all items (newest first) into out (count of them). */
void		 store_feed_dates(const struct store_feed *, int64_t *);
/*
 * What a scan of every item reads (a filter over a million items),
 * copied out of the index without holding its pages: dates, states
 * (pending and appended changes included) and tag lists by id
 * (store_feed_tagstr gives the string; items with the same tags share
 * an id, so a caller can work per tag list instead of per item).
 */
struct store_cols {
	size_t		 n;
	int64_t		*date;
	uint32_t	*tags;
	uint32_t	*utags;
	uint8_t		*state;
	char		*strs;		/* the tag lists, copied */
	size_t		 nstrs;
};
void		 store_feed_cols(const struct store_feed *,
		    struct store_cols *);
/* Follow a change of state of item hash in copied columns. */
void		 store_cols_overlay(const struct store_feed *,
		    struct store_cols *, uint64_t, int);
void		 store_cols_free(struct store_cols *);
/* Item i's tags (user 0) or user tags (user 1) as listed. */
const char	*store_feed_tagstr(const struct store_feed *,
		    const struct store_cols *, size_t, int);
/*
 * A number that changes whenever what the feed lists may have changed
 * (a new index or recent file, state lines appended, the directory
 * touched): derived data kept elsewhere (the search index) compares it
 * with the one it recorded to know, without reading items, that a feed
 * is unchanged. 0 for a feed without a directory.
 */
uint64_t	 store_feed_version(const struct store_feed *);
/* The same for feed name, from its files' identities, without opening
 * it (0: no such feed). */
uint64_t	 store_feed_version_peek(struct store *, const char *);
/*
 * A number that changes when item i's article file changes (its size
 * and modification time mixed: files are replaced by renames).
 */
uint64_t	 store_feed_fileid(const struct store_feed *, size_t);
/* Full path of item i's article file; the caller frees. */
char		*store_feed_path(const struct store_feed *, size_t);
/*
 * Item i's summary (the article file's third line) into buf; "" when it
 * cannot be read. Opens the article file.
 */
const char	*store_feed_summary(const struct store_feed *, size_t, char *,
		    size_t);

/*
 * Read item i of an open feed whole: its article file parsed (title,
 * link, summary, tags, dates, content) with the author and enclosures
 * the index keeps. *out is the caller's (item_free). NR_EFORMAT when the
 * file is malformed, NR_ENOTFOUND when it is gone.
 */
enum nr_err	 store_feed_load_item(const struct store_feed *, size_t,
		    struct item **, char *);
/*
 * Read an item whole by feed name and hash, as store_feed_load_item;
 * NR_ENOTFOUND when the feed has no such item.
 */
enum nr_err	 store_item_load(struct store *, const char *, uint64_t,
		    struct item **, char *);
/* Find an item in any feed by hash: its feed's name into name. */
enum nr_err	 store_item_locate(struct store *, uint64_t,
		    char [NR_FEED_NAME_MAX + 1], char *);

/*
 * Writing: under the lock, open a transaction on one or more feeds,
 * put items, set values, then commit them all together (three file
 * system syncs in all: the new files' data, their names, the state
 * files). Every article file appears whole; the state file is the truth
 * for marks and is never half-written; indexes follow.
 */
enum nr_err	 store_txn_begin(struct store *, struct store_txn **, char *);
/*
 * The transaction's handle on feed name (loaded on first use).
 * Returns NR_OK with *out set, or an error.
 */
struct store_txf;
enum nr_err	 store_txn_feed(struct store_txn *, const char *,
		    struct store_txf **, char *);

/* Result of storing one item. */
enum store_put {
	NR_PUT_NEW = 1,		/* a new file */
	NR_PUT_UPDATED,		/* the file was rewritten */
	NR_PUT_SAME,		/* the same bytes: untouched */
	NR_PUT_EXPIRED		/* removed by retention before: skipped */
};

/*
 * Store a parsed item (from a feed): its article file, and its guid,
 * author, enclosures and first-seen time (now) in the state file. An
 * item without a date of its own keeps the time it was first seen.
 */
enum nr_err	 store_item_put(struct store_txf *, const struct item *,
		    int64_t, enum store_put *, char *);
/*
 * Store the bytes of an article file (an import) as the item with this
 * hash; it is the item the bytes parse to (for the index).
 */
enum nr_err	 store_item_put_file(struct store_txf *, uint64_t,
		    const char *, size_t, const struct item *,
		    enum store_put *, char *);
/*
 * Say which items (hashes) the puts that follow are about, so that the
 * state is read once for all of them (optional; a put of an item not
 * named reads its lines then).
 */
enum nr_err	 store_txf_expect(struct store_txf *, const uint64_t *, size_t,
		    char *);
/*
 * Full text (feeds with fulltext=yes): per item, how many times its web
 * page failed (with the last reason), or NR_FULLTEXT_DONE once the
 * page's article is stored as its text; "fulltext" lines of the state
 * file (FORMAT.md section 4). get returns NR_FULLTEXT_NONE when the item
 * has no record; *reason (may be NULL) is borrowed until the commit.
 */
#define NR_FULLTEXT_NONE	(-2)
#define NR_FULLTEXT_DONE	(-1)
int		 store_txf_fulltext_get(struct store_txf *, uint64_t,
		    const char **);
void		 store_txf_fulltext_set(struct store_txf *, uint64_t, int,
		    const char *);
/* True when the feed holds the item (stored, or put in this txn). */
int		 store_txf_has(struct store_txf *, uint64_t);
/*
 * The same for a reader (no lock): for each of n items of a feed,
 * whether it is stored, whether retention removed it, and its record.
 */
struct store_fulltext {
	int		 stored;
	int		 expired;
	int		 tries;		/* or NR_FULLTEXT_NONE, _DONE */
};
enum nr_err	 store_fulltext_read(struct store *, const char *,
		    const uint64_t *, size_t, struct store_fulltext *, char *);
/* Set (value NULL or "": remove) a feed-level value. */
void		 store_txf_set(struct store_txf *, enum store_key,
		    const char *);
const char	*store_txf_get(struct store_txf *, enum store_key);
/*
 * Retention: beyond keep_items (newest first; 0 no limit) or older than
 * keep_days (0 no limit), items not starred are removed and remembered
 * as expired, so a feed still carrying them does not bring them back.
 * *removed gets the count.
 */
enum nr_err	 store_txf_retain(struct store_txf *, size_t, int, int64_t,
		    size_t *, char *);
/*
 * --prune: every item not starred is removed (its article file, at the
 * commit, through the same path as retention, so the commit hook sees
 * it gone) and not remembered as expired. *removed gets the count.
 */
enum nr_err	 store_txf_prune(struct store_txf *, size_t *, char *);
/*
 * Under the lock: remove a feed directory that holds no article file
 * any more (its .meta files, leftover temporary files, the directory)
 * and then its record in DATA/.meta/feeds. *gone is 1 when it is gone,
 * 0 when article files (starred items) keep it.
 */
enum nr_err	 store_feed_remove(struct store *, const char *, int *,
		    char *);
/*
 * Write everything: article files, state files, indexes. Returns the
 * first error; the transaction is spent either way (store_txn_free).
 */
enum nr_err	 store_txn_commit(struct store_txn *, char *);
/*
 * What a commit (or a user tag) changed in one feed, for derived data
 * kept elsewhere (the search index): the feed's version before (as
 * store_feed_version gave it when the transaction began: derived data
 * recorded at that version is in step once it applies these changes),
 * the items whose article files were written, and those removed. Arrays
 * are borrowed for the call.
 */
struct store_change {
	const char	*feed;
	uint64_t	 before;
	const uint64_t	*put;
	size_t		 nput;
	const uint64_t	*gone;
	size_t		 ngone;
};
/*
 * Called at the end of every successful commit and user-tag change,
 * still under the lock, with the feeds that changed. NULL removes it.
 */
typedef void store_commit_cb(void *, const struct store_change *, size_t);
void		 store_set_commit_hook(struct store *, store_commit_cb *,
		    void *);
/* Free a transaction; uncommitted temporary files are removed. */
void		 store_txn_free(struct store_txn *);

/*
 * Small changes safe against other processes, each under the lock
 * (taken here and released unless the caller held it), appended to the
 * feed's state file: set and clear flags of items (by hash), add or
 * remove a user tag, set a feed-level value.
 */
enum nr_err	 store_mark(struct store *, const char *, const uint64_t *,
		    size_t, int, int, char *);
/*
 * True if tag may be a user tag: 1-64 bytes, no blanks or control
 * characters, none of , " ( ) \ and not starting with + - @ = ~ / or '.
 */
int		 store_usertag_valid(const char *);
/*
 * Add (add 1) or remove (add 0) a user tag of an item. NR_EFORMAT for an
 * invalid tag, NR_ENOTFOUND when removing a tag the item does not have.
 */
enum nr_err	 store_usertag(struct store *, const char *, uint64_t,
		    const char *, int, char *);
enum nr_err	 store_set_value(struct store *, const char *, enum store_key,
		    const char *, char *);

/*
 * A queue of such changes written by a thread of its own, so that the
 * interface never waits on the lock: store_queue_* calls return at once;
 * store_queue_fd becomes readable when results are in, and
 * store_queue_results reports each finished change (feed, hashes,
 * their count, the error or NR_OK and its message) once.
 */
struct store_queue_result {
	const char	*feed;
	const uint64_t	*hashes;
	size_t		 nhashes;
	int		 set;		/* flags set and cleared (marks) */
	int		 clear;
	const char	*tag;		/* a user tag change, or NULL */
	int		 add;
	enum nr_err	 err;
	const char	*msg;
};
typedef void store_queue_cb(void *, const struct store_queue_result *);
enum nr_err	 store_queue_create(const char *, struct store_queue **,
		    char *);
/* Wait for every queued change to be written, then free the queue. */
void		 store_queue_free(struct store_queue *);
/*
 * The same, but when the writer waits for another process's lock: then
 * the queue is let go without waiting (its thread writes and frees it
 * when it gets the lock, if the process lives on); returns the changes
 * (read marks, stars, tags) not yet written then, else 0: a feed's
 * value (the cursor kept for next time) is not counted. For a quick
 * exit.
 */
size_t		 store_queue_abandon(struct store_queue *);
void		 store_queue_mark(struct store_queue *, const char *,
		    const uint64_t *, size_t, int, int);
void		 store_queue_usertag(struct store_queue *, const char *,
		    uint64_t, const char *, int);
void		 store_queue_value(struct store_queue *, const char *,
		    enum store_key, const char *);
/* Changes queued or being written. */
size_t		 store_queue_pending(struct store_queue *);
/* True while the writer thread waits for another process's lock. */
int		 store_queue_waiting(struct store_queue *);
int		 store_queue_fd(struct store_queue *);
void		 store_queue_results(struct store_queue *, store_queue_cb *,
		    void *);

#endif
