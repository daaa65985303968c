/* Internals of the store module, shared by src/store*.c only. */
#ifndef NEWSREADER_STORE_INT_H
#define NEWSREADER_STORE_INT_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "newsreader/store.h"
#include "newsreader/util.h"

#define NR_META_DIR	".meta"
#define NR_INDEX_FILE	"items"		/* the mapped index (version 3) */
#define NR_RECENT_FILE	"recent"	/* its recent changes */
#define NR_INDEX_V2	"index"		/* the text index of version 2 */
#define NR_STATE_FILE	"state"
#define NR_LOCK_FILE	".lock"
#define NR_FEEDS_FILE	"feeds"		/* DATA/.meta/feeds: URL -> dir */

/* At most this many warnings per directory pass; the rest are counted. */
#define NR_WARN_BUDGET	20
/* Apply at most this much of a state file's tail before reindexing. */
#define NR_TAIL_MAX	(64 * 1024)
/* Largest state file read. */
#define NR_STATE_MAX	((size_t)1 << 30)

/* Strings that live as long as their owner, freed together. */
struct arena {
	char		**chunks;
	size_t		  nchunks;
	char		 *cur;
	size_t		  left;
};
void	 arena_init(struct arena *);
void	 arena_free(struct arena *);
char	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);

/* The registry of feed directories (store_reg.c). */
struct reg;

struct store {
	char		*path;
	int		 lockfd;
	nr_warn_cb	*warn;
	void		*warnarg;
	size_t		 warn_budget;	/* warnings left in this pass */
	size_t		 warn_dropped;	/* warnings not passed on */
	struct reg	*reg;		/* loaded on first use */
	int		 flags;		/* NR_STORE_* */
	store_commit_cb	*hook;		/* store_set_commit_hook */
	void		*hookarg;
};

/* Report a problem through the store's warning callback. */
void	 store_warn(struct store *, const char *, size_t, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
/* Start a pass (a directory scan): reset the warning budget. */
void	 store_warn_begin(struct store *);
/* End a pass: say how many warnings were dropped, if any. */
void	 store_warn_end(struct store *, const char *);

/* Append s with '\\', tab, newline and CR escaped as \\ \t \n \r. */
void	 store_esc(struct strbuf *, const char *);
/* Undo store_esc in place. */
void	 store_unesc(char *);
/* Map an I/O errno to NR_ENOSPC or NR_EIO. */
enum nr_err store_errno(int);

/*
 * True when a writer (this process or another) holds the data
 * directory's lock: a reader finding an index behind its directory then
 * uses it as it is (the writer is between its renames and its new index).
 */
int	 store_writer_busy(const struct store *);

/* Append whole lines to feed's state file under the lock (store.c). */
enum nr_err store_append_lines(struct store *, const char *, const char *,
	    size_t, char *);

/* The feed's directory, its meta directory and a file in it. */
char	*store_feed_dir(struct store *, const char *);
char	*store_meta_path(struct store *, const char *, const char *);

/* A file's identity and version, to notice changes. */
struct fid {
	uint64_t	dev;
	uint64_t	ino;
	int64_t		size;
	int64_t		sec;
	long		nsec;
	int		exists;
};
void	 fid_stat(struct fid *, const char *);
int	 fid_same(const struct fid *, const struct fid *);

/*
 * The state file in memory. Strings point into buf (unescaped in place)
 * or into the arena; nothing is freed one by one.
 */
struct smeta {
	uint64_t	 hash;
	int		 flags;		/* NR_STATE_* */
	int		 has_flags;	/* a line set the flags */
	int		 has_item;	/* an item line was read */
	int64_t		 first_seen;	/* NR_TIME_NONE if unknown */
	const char	*guid;		/* NULL if none */
	const char	*author;
	const char	*encl;		/* "url\ttype\tlength\n"..., escaped */
	const char	*utags;		/* user tags, '\n'-separated */
	size_t		 utops;		/* usertag/untag lines read */
	const char	*ops;		/* a tail's "+tag\n-tag\n"... */
	int		 has_ft;	/* a fulltext line was read */
	int		 ft;		/* its tries, or NR_FULLTEXT_DONE */
	const char	*ft_reason;	/* the last page's failure, or NULL */
};

struct skv {
	const char	*key;
	const char	*value;		/* NULL: removed */
};

struct state {
	char		*buf;
	size_t		 size;		/* bytes used: up to the last LF */
	struct fid	 id;
	uint64_t	 stamp;
	struct arena	 arena;
	struct skv	*kv;
	size_t		 nkv;
	const char	**other;	/* unknown or malformed lines, kept */
	size_t		 nother;
	struct smeta	*m;
	size_t		 n;
	size_t		 cap;
	uint32_t	*tab;		/* open addressing: slot -> m index+1 */
	size_t		 tabsize;
	size_t		 overrides;	/* lines that replaced earlier ones */
	struct strbuf	 journal;	/* lines to append at the next write */
	size_t		 njournal;
	int		 rewrite;	/* write whole instead of appending */
	int		 tail;		/* parsing a tail: keep tag ops */
	uint64_t	*touched;	/* items changed since loaded */
	size_t		 ntouched;
	size_t		 touchedcap;
	/* Read in part (state_load_some): only the items asked about. */
	int		 partial;
	uint64_t	*asked;		/* sorted */
	size_t		 nasked;
	int		 kv_read;	/* the feed lines were read */
	size_t		 nrec;		/* item, flags, tag, feed lines */
};

/* An empty state. */
void	 state_init(struct state *);
void	 state_free(struct state *);
/*
 * Read a feed's state file (path) whole into s; a missing file is an
 * empty state. Malformed lines are reported through st and kept.
 */
enum nr_err state_load(struct store *, const char *, struct state *, char *);
/* How many times a state file was read whole (for the tests; racy). */
extern unsigned long state_whole_reads;
/*
 * Identify the state file (path) without reading it: s->id, its size up
 * to the last whole line, and its stamp. s becomes a partial state: its
 * lines are read by state_load_some (a missing file is an empty state,
 * complete). 0, or -1 when the file cannot be read that way (it ends in
 * a torn line, or is not a regular file).
 */
int	 state_peek(const char *, struct state *);
/*
 * Read the lines of a partial state's file about the n hashes of want
 * (not asked before) and, the first time, its feed lines, counting its
 * item, flags, tag and feed lines (s->nrec). Lines are copied: the file is not
 * held. Lines that do not parse are skipped (a whole read reports them).
 */
enum nr_err state_load_some(struct store *, const char *, struct state *,
	    const uint64_t *, size_t, char *);
/* Parse len bytes of state text (a whole file, or a tail) into s. */
void	 state_parse(struct store *, const char *, struct state *, char *,
	    size_t, int);
/* The record of hash, or NULL; with create, a new empty one. */
struct smeta *state_get(struct state *, uint64_t, int);
/* A feed-level value by name, or NULL. */
const char *state_value(const struct state *, const char *);
/* Change in memory and journal the line for the next write. */
void	 state_set_value(struct state *, const char *, const char *);
void	 state_set_flags(struct state *, struct smeta *, int);
void	 state_put_item(struct state *, struct smeta *, int64_t,
	    const char *, const char *, const struct item *);
int	 state_usertag(struct state *, uint64_t, const char *, int);
/* Set an item's fulltext record (tries or NR_FULLTEXT_DONE, reason). */
void	 state_set_fulltext(struct state *, struct smeta *, int,
	    const char *);
/*
 * Write the journal: appended to the file, or the whole state when it
 * should be compacted (or flags has NR_STATE_WHOLE). With NR_WRITE_NOSYNC
 * the caller syncs. On success s->id is the file after the write.
 */
#define NR_STATE_WHOLE	0x100
enum nr_err state_write(struct store *, const char *, struct state *, int,
	    char *);
/*
 * Append lines (whole, each ending in LF) to the state file at path
 * under the lock, without reading it: for marks and tags. All the lines
 * are written or none. flags: NR_WRITE_NOSYNC.
 */
enum nr_err state_append(const char *, const char *, size_t, int, char *);
/* The stamp of a state file (its "stamp" line), or 0. */
uint64_t state_read_stamp(const char *);
/* True when item hash was changed since the state was loaded. */
int	 state_touched(const struct state *, uint64_t);
/* Format a flags field ("rs", "-"). */
void	 state_flags_str(int, char [8]);

/*
 * The mapped index: a header, columns of fixed-size fields (one entry
 * per item, newest first) and a pool of NUL-terminated strings. Native
 * byte order; docs/FORMAT.md section 5 is its spec.
 */
#define IDX_MAGIC	"nr-items"
#define IDX_VERSION	3
#define IDX_ORDER	0x01020304u
#define IDX_RACY	0x1
#define IDX_RECENT	0x2	/* a recent file: bpos and hidden follow */
#define IDX_FNAME	0x100	/* entry flag: the file name is in fname */

struct idx_head {
	char		magic[8];
	uint32_t	version;
	uint32_t	order;
	uint32_t	headsize;
	uint32_t	flags;
	uint64_t	gen;
	uint64_t	n;
	uint64_t	ndays;
	uint64_t	poolsize;
	uint64_t	total;
	uint64_t	unread;
	uint64_t	starred;
	int64_t		dir_sec;
	int64_t		dir_nsec;
	uint64_t	state_ino;
	uint64_t	state_size;
	uint64_t	state_stamp;
	uint64_t	next_seq;
	uint32_t	kv[NR_KEY_MAX];
	uint64_t	shared;		/* pool bytes of shared strings */
	uint64_t	base_gen;	/* recent: the base it goes with */
	uint64_t	base_sum;
	uint64_t	nhidden;	/* recent: base entries it hides */
	uint64_t	body_sum;
	uint64_t	head_sum;
	char		pad[256 - 208];	/* 256 bytes in all */
};

struct idx_day {
	int64_t		day;
	uint32_t	total;
	uint32_t	unread;
};

/* Pointers into an index image. */
struct idx_view {
	const struct idx_head	*h;
	size_t			 n;
	const int64_t		*date;
	const uint64_t		*hash;
	const uint64_t		*sum;		/* of the file's bytes */
	const int64_t		*mtime;
	const uint32_t		*mnsec;
	const uint32_t		*size;
	const uint32_t		*seq;
	const uint32_t		*flags;		/* NR_STATE_* | IDX_FNAME */
	const uint32_t		*title;		/* pool offsets */
	const uint32_t		*link;
	const uint32_t		*tags;
	const uint32_t		*utags;
	const uint32_t		*author;
	const uint32_t		*encl;
	const uint32_t		*fname;
	const uint32_t		*byhash;	/* positions sorted by hash */
	const struct idx_day	*days;
	size_t			 ndays;
	const char		*pool;
	size_t			 poolsize;
	const uint32_t		*bpos;		/* recent: base ones before */
	const uint32_t		*hidden;	/* recent: base positions */
	size_t			 nhidden;
};

/* One entry to write, from any source. Strings are never NULL. */
struct irec {
	int64_t		 date;
	uint64_t	 hash;
	uint64_t	 sum;
	int64_t		 mtime;
	uint32_t	 mnsec;
	uint32_t	 size;
	uint32_t	 seq;
	uint32_t	 flags;
	const char	*title;
	const char	*link;
	const char	*tags;
	const char	*utags;
	const char	*author;
	const char	*encl;
	const char	*fname;		/* "" when canonical */
	uint32_t	 bpos;		/* recent: base entries before it */
};

/* What goes into an index header besides the entries. */
struct idx_meta {
	uint64_t	 gen;
	int64_t		 dir_sec;
	long		 dir_nsec;
	int		 racy;
	const struct fid *state;
	uint64_t	 stamp;
	const char	*kv[NR_KEY_MAX];
	/* A recent file: the base it goes with, what it hides, and the
	 * whole feed's counts, days and next sequence number. */
	int		 recent;
	uint64_t	 base_gen;
	uint64_t	 base_sum;
	const uint32_t	*hidden;
	size_t		 nhidden;
	uint64_t	 total;
	uint64_t	 unread;
	uint64_t	 starred;
	const struct idx_day *days;
	size_t		 ndays;
	uint64_t	 next_seq;
};

/*
 * Check an image and point v into it: 0, or -1 when it is not a valid
 * index of this version (bad magic, size, checksum, offsets).
 */
int	 idx_view_init(struct idx_view *, const void *, size_t);
/*
 * Point v into an image that was checked (a mapping of a checked file);
 * with h, the header is that copy and the image is not read at all.
 */
void	 idx_view_setup(struct idx_view *, const void *, size_t,
	    const struct idx_head *);
/* Where a column starts in the file of an index of n entries. */
enum idx_col { IDX_COL_DATE, IDX_COL_FLAGS, IDX_COL_TAGS, IDX_COL_UTAGS,
	    IDX_COL_POOL };
size_t	 idx_col_offset(size_t, enum idx_col);
/* The order of entries in an index (for qsort of struct irec). */
int	 idx_cmp_rec(const void *, const void *);
/*
 * Build an image of recs (sorted here, newest first) into a buffer the
 * caller frees; *len is its size.
 */
char	*idx_build(struct irec *, size_t, const struct idx_meta *, size_t *);
/* A string of the pool (never NULL). */
const char *idx_str(const struct idx_view *, uint32_t);
/* Fill an irec from entry i of v. */
void	 idx_rec(const struct idx_view *, size_t, struct irec *);
/* Where the UTC day holding t starts (Unix time). */
int64_t	 idx_day_of(int64_t);
/* The position of hash in v, or -1. */
long	 idx_find(const struct idx_view *, uint64_t);
/* Canonical file name of (seq, hash). */
void	 idx_name(char *, size_t, unsigned long, uint64_t);
/* Entry i's file name into buf. */
const char *idx_entry_name(const struct idx_view *, size_t, char *, size_t);

/*
 * A version 2 text index read as entries (for migration and reuse):
 * *recs sorted by hash, strings in arena. Returns 0, or -1 if there is
 * none or it is not version 2; *trusted when it matched dir.
 */
int	 idx_v2_read(const char *, const struct fid *, struct arena *,
	    struct irec **, size_t *, int *);

/*
 * Scan a feed directory and make its entries: files unchanged since old
 * (by name, size and time) keep their entry, others are read. Entries
 * take their flags, user tags, author and enclosures from s. *recs is the
 * caller's; strings are in arena.
 */
struct scan_old {
	const struct store_feed	*f;	/* the feed as it was, or NULL */
	const struct irec	*recs;	/* or entries sorted by hash */
	size_t			 nrecs;
};
enum nr_err scan_dir(struct store *, const char *, const struct scan_old *,
	    const struct state *, struct arena *, struct irec **, size_t *,
	    char *);
/* Copy flags, user tags, author and enclosures of s into a record. */
void	 scan_apply_state(const struct state *, struct irec *);

/* A feed opened for reading (store_feed.c). */
struct ovl {
	uint64_t	 hash;
	int		 state;
	const char	*utags;		/* NULL: the entry's */
	const char	*author;	/* NULL: the entry's */
};

struct store_feed {
	struct store	*st;
	char		*name;
	char		*dir;
	char		*ipath;		/* the index file */
	char		*rpath;		/* its recent file */
	char		*spath;		/* the state file */
	void		*img;		/* the index image */
	size_t		 imglen;
	int		 mapped;	/* img is a mapping, else malloc'd */
	int		 writer;	/* opened by a transaction */
	struct idx_view	 v;
	struct idx_head	 hdr;		/* a copy of the header (v.h) */
	/* The recent file, when it goes with this index (r.n may be 0). */
	void		*rimg;
	size_t		 rimglen;
	struct idx_view	 r;
	int		 has_recent;
	uint32_t	*rpos;		/* merged position of recent entry j */
	size_t		 n;		/* entries of the feed (merged) */
	const struct idx_head *fh;	/* the fresh header: r's, or v's */
	struct fid	 rid;
	struct fid	 idx_id;	/* what was read, to notice changes */
	struct fid	 state_id;
	struct fid	 dir_id;
	struct fid	 rstat;		/* the recent file, attached or not */
	struct fid	 idx_seen;	/* the index and recent files when */
	struct fid	 rec_seen;	/* opened (valid or not) */
	struct ovl	*ov;
	size_t		 nov;
	size_t		 ovcap;
	uint32_t	*ovtab;
	size_t		 ovtabsize;
	const char	*kv[NR_KEY_MAX];
	size_t		 total;
	size_t		 unread;
	size_t		 starred;
	const char	*base_kv[NR_KEY_MAX];	/* the header's, copied */
	size_t		 base_unread;
	size_t		 base_starred;
	struct store_day *days;
	size_t		 ndays;
	struct arena	 arena;
};

/* The overlay of hash (a change not in the index yet), or NULL. */
struct ovl *ovl_find(const struct store_feed *, uint64_t);
/* Apply a change of state to the counts (store_feed.c). */
void	 feed_overlay(struct store_feed *, uint64_t, int);

/*
 * Open a feed, bringing its index up to date; with s (a writer's full
 * state, caller's) the index takes its marks from s, else from the
 * state file (and its tail). Used by store_feed_open and transactions.
 */
enum nr_err feed_open(struct store *, const char *, const struct state *,
	    struct store_feed **, char *);
/*
 * The same for a writer reading the state in part (ws from state_peek):
 * *out is NULL, and nothing written, unless the index is up to date and
 * in step with that state file.
 */
enum nr_err feed_open_quick(struct store *, const char *,
	    const struct state *, struct store_feed **, char *);
/* Write an index image (NR_INDEX_FILE or NR_RECENT_FILE) of a feed. */
enum nr_err idx_write(struct store *, const char *, const char *,
	    const char *, size_t, char *);

/*
 * The feed as one list: the index's entries minus those the recent file
 * hides, merged with the recent file's, by position (0 newest). In
 * store_merge.c.
 */
/* Set up f->rpos and f->n once the views are mapped. */
void	 merge_setup(struct store_feed *);
/* Entry p: its view (f->v or f->r) and index in it. */
const struct idx_view *feed_at(const struct store_feed *, size_t, size_t *);
/* The position of base entry b, or -1 when the recent file hides it. */
long	 feed_pos_base(const struct store_feed *, size_t);
/* The first position of hash, or -1. */
long	 feed_find(const struct store_feed *, uint64_t);
/* Call fn(arg, p) for every position of hash. */
void	 feed_each_hash(const struct store_feed *, uint64_t,
	    void (*)(void *, size_t), void *);
/* Entry p as a record (strings into the views). */
void	 feed_rec(const struct store_feed *, size_t, struct irec *);
/* The base entries before which an entry in order would go. */
uint32_t feed_base_before(const struct store_feed *, const struct irec *);
/* True when base entry b is hidden by the recent file. */
int	 feed_hidden(const struct store_feed *, size_t);

/* The registry (store_reg.c). */
void	 reg_free(struct reg *);
/* Load the registry (migrating an old data dir into it if needed). */
enum nr_err reg_load(struct store *, char *);
/* Record name -> url under the lock and save; NR_OK if already so. */
enum nr_err reg_record(struct store *, const char *, const char *, char *);

#endif
