/*
 * The search module: the full-text index in DATA/.meta/search.db (SQLite
 * FTS5), kept in step with the feeds by their versions, and queries.
 * The only place that includes <sqlite3.h> (with search_tok.c).
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/feed.h"
#include "newsreader/html.h"
#include "newsreader/search.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "search_int.h"

/* How long a writer waits for another one (ms); readers wait less. */
#define BUSY_WRITER	60000
#define BUSY_READER	300
#define BUSY_STEP	10	/* ms between two tries */
/* Dead rows (left by updates) that make the next sync rebuild. */
#define DEAD_MIN	20000
/* Text waiting for the writer's thread, at most (bytes). */
#define QUEUE_MAX	(64 * 1024 * 1024)
/* bm25 weights: title, summary, body, author, tags, feed. */
#define BM25		"bm25(fts, 8.0, 3.0, 1.0, 2.0, 3.0, 1.0)"

enum stmt_id {
	S_FEED_GET,
	S_FEED_ADD,
	S_FEED_SET,
	S_DOCS_OF,
	S_DOC_ADD,
	S_DOC_DEL,
	S_FTS_ADD,
	S_DOC_FIND,
	S_FEED_TITLE,
	S_MAX
};

static const char *const stmt_sql[S_MAX] = {
	"SELECT id, version, title FROM feeds WHERE name = ?1",
	"INSERT INTO feeds(name, version) VALUES(?1, 0)",
	"UPDATE feeds SET version = ?2 WHERE id = ?1",
	"SELECT hash, id, fp FROM docs WHERE feed = ?1",
	"INSERT INTO docs(feed, hash, fp) VALUES(?1, ?2, ?3)",
	"DELETE FROM docs WHERE id = ?1",
	"INSERT INTO fts(rowid, title, summary, body, author, tags, feed) "
	    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"SELECT id FROM docs WHERE feed = ?1 AND hash = ?2",
	"UPDATE feeds SET title = ?2 WHERE id = ?1"
};

static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value);"
	"CREATE TABLE feeds(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
	" version INTEGER NOT NULL, title TEXT);"
	"CREATE TABLE docs(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" feed INTEGER NOT NULL, hash INTEGER NOT NULL, fp INTEGER NOT NULL,"
	" UNIQUE(feed, hash));"
	"CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, author,"
	" tags, feed, content='', tokenize='" SEARCH_TOKENIZER "');"
	"INSERT INTO meta VALUES('dead', 0);"
	"INSERT INTO meta VALUES('complete', 0);";

struct search {
	struct store		*st;
	char			*path;
	sqlite3			*db;
	sqlite3_stmt		*stmt[S_MAX];
	search_progress_cb	*progress;
	void			*progarg;
	size_t			 done;		/* progress */
	size_t			 total;
	int64_t			 dead;		/* added in this transaction */
	int			 created;	/* new, or foreign */
	/* search_async: the writer's thread, and what it found. */
	struct search_queue	*queue;
	int			 complete;
	int			 failed;	/* an SQLite code */
	int			 failed_corrupt;
	int			 abandon;	/* give up (__atomic) */
	long			 busy_ms;	/* the wait for a lock */
};

static enum nr_err	query_once(struct search *, const char *, int,
			    struct search_hits *, char *);

/* A recorded item of a feed, for the comparison. */
struct rec {
	uint64_t	hash;
	int64_t		id;
	uint64_t	fp;
	int		seen;
};

/* Set errbuf from the connection's last error. */
static enum nr_err
db_err(struct search *s, char *errbuf, const char *what)
{
	int	rc = sqlite3_errcode(s->db);

	return nr_seterr(errbuf, rc == SQLITE_BUSY || rc == SQLITE_LOCKED ?
	    NR_ELOCKED : rc == SQLITE_FULL ? NR_ENOSPC : NR_EIO,
	    "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int
exec(struct search *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* Finalize the statements and close the connection. */
static void
db_close(struct search *s)
{
	size_t	i;

	for (i = 0; i < S_MAX; i++) {
		sqlite3_finalize(s->stmt[i]);
		s->stmt[i] = NULL;
	}
	if (s->db != NULL)
		sqlite3_close(s->db);
	s->db = NULL;
}

/* Remove the file and its WAL and shared-memory files. */
static void
db_unlink(struct search *s)
{
	char	*p;

	(void)unlink(s->path);
	p = xasprintf("%s-wal", s->path);
	(void)unlink(p);
	free(p);
	p = xasprintf("%s-shm", s->path);
	(void)unlink(p);
	free(p);
}

/* The schema version of the open file: -1 none (empty), -2 unreadable. */
static int
db_version(struct search *s)
{
	sqlite3_stmt	*st;
	int		 rc, v = -2;

	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v == 0) {
		/* A file with no table at all is new. */
		rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM "
		    "sqlite_master", -1, &st, NULL);
		if (rc != SQLITE_OK)
			return -2;
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == 0)
			v = -1;
		sqlite3_finalize(st);
	}
	return v;
}

/* Drop every table of a foreign file and create ours, in one go. */
static int
db_create(struct search *s)
{
	sqlite3_stmt	*st;
	struct strbuf	 sb;
	int		 rc;

	if ((rc = exec(s, "BEGIN IMMEDIATE")) != SQLITE_OK)
		return rc;
	strbuf_init(&sb, 0);
	rc = sqlite3_prepare_v2(s->db, "SELECT type, name FROM sqlite_master "
	    "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
	    "AND sql NOT LIKE 'CREATE TABLE ''%'", -1, &st, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		strbuf_addf(&sb, "DROP %s IF EXISTS \"",
		    (const char *)sqlite3_column_text(st, 0));
		strbuf_adds(&sb, (const char *)sqlite3_column_text(st, 1));
		strbuf_adds(&sb, "\";");
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK && sb.len > 0)
		rc = exec(s, strbuf_str(&sb));
	strbuf_clear(&sb);
	if (rc == SQLITE_OK)
		rc = exec(s, schema_sql);
	if (rc == SQLITE_OK)
		rc = exec(s, "PRAGMA user_version = 1");
	if (rc == SQLITE_OK)
		rc = exec(s, "COMMIT");
	else
		(void)exec(s, "ROLLBACK");
	return rc;
}

/*
 * Another connection holds the lock: try again every BUSY_STEP ms for
 * s->busy_ms in all, unless told to give up (search_flush's time is up).
 */
static int
busy_wait(void *arg, int count)
{
	struct search	*s = arg;

	if (__atomic_load_n(&s->abandon, __ATOMIC_RELAXED) ||
	    (long)count * BUSY_STEP >= s->busy_ms)
		return 0;
	(void)usleep(BUSY_STEP * 1000);
	return 1;
}

/* Open the file, checking it is ours; 0 or an SQLite code. */
static int
db_open(struct search *s)
{
	int	rc, v;

	rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_extended_result_codes(s->db, 0);
	s->busy_ms = BUSY_WRITER;
	sqlite3_busy_handler(s->db, busy_wait, s);
	if ((rc = search_tok_register(s->db)) != SQLITE_OK)
		return rc;
	/* Free pages can be given back (a new file only). */
	if ((rc = exec(s, "PRAGMA auto_vacuum = INCREMENTAL")) != SQLITE_OK)
		return rc;
	/* Readers go on while a writer updates. */
	if ((rc = exec(s, "PRAGMA journal_mode = WAL")) != SQLITE_OK)
		return rc;
	if ((rc = exec(s, "PRAGMA synchronous = NORMAL; "
	    "PRAGMA cache_size = -32768")) != SQLITE_OK)
		return rc;
	v = db_version(s);
	if (v == -2)
		return SQLITE_CORRUPT;
	if (v != NR_SEARCH_VERSION) {
		if ((rc = db_create(s)) != SQLITE_OK)
			return rc;
		s->created = 1;
	}
	return SQLITE_OK;
}

/* Prepare the statements; 0 or an SQLite code. */
static int
db_prepare(struct search *s)
{
	size_t	i;
	int	rc;

	for (i = 0; i < S_MAX; i++) {
		rc = sqlite3_prepare_v3(s->db, stmt_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->stmt[i], NULL);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* True when the store has no feed directory. */
static int
store_empty(struct store *st)
{
	char	**names;
	size_t	  n, i;

	if (store_feeds(st, &names, &n, NULL) != NR_OK)
		return 0;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return n == 0;
}

/*
 * Record that every feed has been indexed once: from then on writers
 * keep the index in step; before, the first search builds it whole (a
 * refresh must not index a large cache it did not write).
 */
static int
set_complete(struct search *s)
{
	return exec(s, "UPDATE meta SET value = 1 WHERE key = 'complete'");
}

static int64_t	query_int(struct search *, const char *, int64_t);

/* True when the index was built whole once. */
static int
is_complete(struct search *s)
{
	return query_int(s, "SELECT value FROM meta WHERE key = 'complete'",
	    0) == 1;
}

enum nr_err
search_open(struct store *st, struct search **out, char *errbuf)
{
	struct search	*s;
	char		*meta;
	int		 rc, tries;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->st = st;
	s->path = util_path_join(store_path(st), NR_SEARCH_FILE);
	meta = util_path_join(store_path(st), ".meta");
	(void)mkdir(meta, 0700);
	free(meta);
	for (tries = 0; tries < 2; tries++) {
		rc = db_open(s);
		if (rc == SQLITE_OK)
			rc = db_prepare(s);
		if (rc == SQLITE_OK)
			break;
		/* Not an index, or a corrupt one: derived data, start over. */
		if (rc != SQLITE_NOTADB && rc != SQLITE_CORRUPT &&
		    rc != SQLITE_ERROR && rc != SQLITE_SCHEMA)
			break;
		log_debug("search: %s: %s: starting a new index", s->path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : "?");
		db_close(s);
		db_unlink(s);
	}
	/* A new index of an empty store is complete: writers fill it. */
	if (rc == SQLITE_OK && s->created && store_empty(st))
		(void)set_complete(s);
	if (rc != SQLITE_OK) {
		nr_seterr(errbuf, rc == SQLITE_BUSY ? NR_ELOCKED : NR_EIO,
		    "%s: %s", s->path, s->db != NULL ?
		    sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		search_free(s);
		return errbuf != NULL && rc == SQLITE_BUSY ? NR_ELOCKED :
		    NR_EIO;
	}
	*out = s;
	return NR_OK;
}

void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	search_queue_finish(s->queue, -1, NULL);
	db_close(s);
	free(s->path);
	free(s);
}

void
search_set_progress(struct search *s, search_progress_cb *cb, void *arg)
{
	s->progress = cb;
	s->progarg = arg;
}

/* A 64-bit FNV-1a of a string, mixed into h. */
static uint64_t
mix_str(uint64_t h, const char *p)
{
	if (p == NULL)
		p = "";
	for (; *p != '\0'; p++) {
		h ^= (unsigned char)*p;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;
	return h * 0x100000001b3ULL;
}

/* What an item's entry depends on: its file, user tags, feed title. */
static uint64_t
item_fp(const struct store_feed *f, size_t i, const struct store_item *si,
    const char *ftitle)
{
	uint64_t	h;

	h = store_feed_fileid(f, i);
	h = mix_str(h, si->usertags);
	h = mix_str(h, si->author);
	h = mix_str(h, ftitle);
	return h;
}

/* Run a statement that returns no row; reset it. */
static int
step_done(sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The body as text: HTML reduced to its text. Returns borrowed text. */
static const char *
body_text(const char *c, struct strbuf *sb)
{
	size_t	len;

	if (c == NULL)
		return "";
	len = strlen(c);
	if (!html_looks_like_html(c, len))
		return c;
	strbuf_reset(sb);
	html_text(c, len, sb);
	return strbuf_str(sb);
}

/* Bind text (NULL: empty) to parameter k. */
static void
bind_text(sqlite3_stmt *st, int k, const char *t)
{
	sqlite3_bind_text(st, k, t != NULL ? t : "", -1, SQLITE_STATIC);
}

/*
 * An item's entry as the index stores it, read from its file: made where
 * the store may be read, written to SQLite possibly on another thread.
 */
struct sdoc {
	uint64_t	 hash;
	uint64_t	 fp;
	struct item	*it;		/* NULL: the file could not be read */
	char		*body;		/* the body as text, or NULL: as is */
	char		*tags;		/* tags and user tags */
	char		*author;
	size_t		 bytes;		/* about what it holds */
};

/* Read item i of f (its store_item si) into d. */
static void
doc_make(struct sdoc *d, const struct store_feed *f, size_t i,
    const struct store_item *si, uint64_t fp)
{
	struct strbuf	 tags, body;
	const char	*p, *nl, *b;
	size_t		 k;

	memset(d, 0, sizeof *d);
	d->hash = si->hash;
	d->fp = fp;
	/* A file that cannot be read is recorded, with no words. */
	if (store_feed_load_item(f, i, &d->it, NULL) != NR_OK) {
		d->it = NULL;
		return;
	}
	strbuf_init(&tags, 0);
	for (k = 0; k < d->it->ntags; k++) {
		strbuf_adds(&tags, d->it->tags[k]);
		strbuf_addc(&tags, ' ');
	}
	for (p = si->usertags; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			strbuf_adds(&tags, p);
			break;
		}
		strbuf_add(&tags, p, (size_t)(nl - p));
		strbuf_addc(&tags, ' ');
	}
	d->tags = strbuf_detach(&tags, NULL);
	strbuf_init(&body, 0);
	b = body_text(d->it->content, &body);
	if (b != d->it->content)
		d->body = strbuf_detach(&body, NULL);
	strbuf_clear(&body);
	d->author = xstrdup(d->it->author != NULL ? d->it->author :
	    si->author != NULL ? si->author : "");
	d->bytes = sizeof *d + strlen(d->tags) + strlen(d->author) +
	    (d->body != NULL ? strlen(d->body) : 0) +
	    (d->it->content != NULL ? strlen(d->it->content) : 0) +
	    (d->it->title != NULL ? strlen(d->it->title) : 0) +
	    (d->it->summary != NULL ? strlen(d->it->summary) : 0);
}

static void
doc_free(struct sdoc *d)
{
	item_free(d->it);
	free(d->body);
	free(d->tags);
	free(d->author);
}

/* Index d as an item of feed fid; 0 or an SQLite code. */
static int
doc_index(struct search *s, int64_t fid, const struct sdoc *d,
    const char *ftitle)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 rc;

	st = s->stmt[S_DOC_ADD];
	sqlite3_bind_int64(st, 1, fid);
	sqlite3_bind_int64(st, 2, (int64_t)d->hash);
	sqlite3_bind_int64(st, 3, (int64_t)d->fp);
	if ((rc = step_done(st)) != SQLITE_OK || d->it == NULL)
		return rc;
	id = sqlite3_last_insert_rowid(s->db);
	st = s->stmt[S_FTS_ADD];
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, d->it->title);
	bind_text(st, 3, d->it->summary);
	bind_text(st, 4, d->body != NULL ? d->body : d->it->content);
	bind_text(st, 5, d->author);
	bind_text(st, 6, d->tags);
	bind_text(st, 7, ftitle);
	return step_done(st);
}

/* Index item i of f as feed fid; 0 or an SQLite code. */
static int
index_item(struct search *s, int64_t fid, const struct store_feed *f,
    size_t i, const struct store_item *si, uint64_t fp, const char *ftitle)
{
	struct sdoc	d;
	int		rc;

	doc_make(&d, f, i, si, fp);
	rc = doc_index(s, fid, &d, ftitle);
	doc_free(&d);
	return rc;
}

static int
cmp_rec(const void *a, const void *b)
{
	const struct rec	*x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* The recorded items of feed fid, sorted by hash. */
static int
load_recs(struct search *s, int64_t fid, struct rec **out, size_t *np)
{
	sqlite3_stmt	*st = s->stmt[S_DOCS_OF];
	struct rec	*v = NULL;
	size_t		 n = 0, cap = 0;
	int		 rc;

	sqlite3_bind_int64(st, 1, fid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n].hash = (uint64_t)sqlite3_column_int64(st, 0);
		v[n].id = sqlite3_column_int64(st, 1);
		v[n].fp = (uint64_t)sqlite3_column_int64(st, 2);
		v[n].seen = 0;
		n++;
	}
	sqlite3_reset(st);
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_rec);
	*out = v;
	*np = n;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static struct rec *
find_rec(struct rec *v, size_t n, uint64_t h)
{
	struct rec	key;

	key.hash = h;
	return n == 0 ? NULL : bsearch(&key, v, n, sizeof *v, cmp_rec);
}

/* Forget doc id (its words stay until the next rebuild). */
static int
drop_doc(struct search *s, int64_t id)
{
	sqlite3_bind_int64(s->stmt[S_DOC_DEL], 1, id);
	s->dead++;
	return step_done(s->stmt[S_DOC_DEL]);
}

/*
 * The feed's id in the index (added when missing), its version and, with
 * title not NULL, its recorded title (allocated; NULL if none).
 */
static int
feed_row(struct search *s, const char *name, int64_t *fid, uint64_t *ver,
    char **title)
{
	sqlite3_stmt	*st = s->stmt[S_FEED_GET];
	const char	*t;
	int		 rc;

	if (title != NULL)
		*title = NULL;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*fid = sqlite3_column_int64(st, 0);
		*ver = (uint64_t)sqlite3_column_int64(st, 1);
		t = (const char *)sqlite3_column_text(st, 2);
		if (title != NULL && t != NULL)
			*title = xstrdup(t);
		sqlite3_reset(st);
		return SQLITE_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rc;
	*ver = 0;
	bind_text(s->stmt[S_FEED_ADD], 1, name);
	if ((rc = step_done(s->stmt[S_FEED_ADD])) != SQLITE_OK)
		return rc;
	*fid = sqlite3_last_insert_rowid(s->db);
	return SQLITE_OK;
}

/* Tell the caller how far an update got. */
static void
progress(struct search *s)
{
	if (s->progress != NULL && s->total > 0)
		s->progress(s->progarg, s->done, s->total);
}

/*
 * Bring feed f (NULL: gone) of name up to date, inside the caller's
 * transaction: items new or changed are indexed, items gone dropped.
 */
static int
sync_feed(struct search *s, const char *name, const struct store_feed *f)
{
	struct store_item	 si;
	struct rec		*v, *r;
	const char		*ftitle;
	uint64_t		 ver = 0, fp;
	int64_t			 fid = 0;
	size_t			 nv, n, i, nidx = 0;
	int			 rc;

	if ((rc = feed_row(s, name, &fid, &ver, NULL)) != SQLITE_OK)
		return rc;
	if (f != NULL && ver == store_feed_version(f) && ver != 0)
		return SQLITE_OK;
	if ((rc = load_recs(s, fid, &v, &nv)) != SQLITE_OK) {
		free(v);
		return rc;
	}
	n = f != NULL ? store_feed_count(f) : 0;
	ftitle = f != NULL ? store_feed_get(f, NR_KEY_TITLE) : NULL;
	if (ftitle == NULL)
		ftitle = name;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		store_feed_item(f, i, &si);
		fp = item_fp(f, i, &si, ftitle);
		r = find_rec(v, nv, si.hash);
		if (r != NULL && r->seen)
			continue;	/* the same item twice */
		if (r != NULL) {
			r->seen = 1;
			if (r->fp == fp)
				continue;
			if ((rc = drop_doc(s, r->id)) != SQLITE_OK)
				break;
		}
		rc = index_item(s, fid, f, i, &si, fp, ftitle);
		nidx++;
		s->done++;
		if ((s->done & 255) == 0)
			progress(s);
	}
	for (i = 0; i < nv && rc == SQLITE_OK; i++) {
		if (!v[i].seen)
			rc = drop_doc(s, v[i].id);
	}
	free(v);
	if (rc != SQLITE_OK)
		return rc;
	if (nidx > 0)
		log_debug("search: indexed %zu items of %s", nidx, name);
	sqlite3_bind_int64(s->stmt[S_FEED_TITLE], 1, fid);
	bind_text(s->stmt[S_FEED_TITLE], 2, ftitle);
	if ((rc = step_done(s->stmt[S_FEED_TITLE])) != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(s->stmt[S_FEED_SET], 1, fid);
	sqlite3_bind_int64(s->stmt[S_FEED_SET], 2,
	    (int64_t)(f != NULL ? store_feed_version(f) : 0));
	return step_done(s->stmt[S_FEED_SET]);
}

/* Start a write transaction, waiting at most ms for another writer. */
static int
begin(struct search *s, int ms)
{
	int	rc;

	s->busy_ms = ms;
	rc = exec(s, "BEGIN IMMEDIATE");
	s->busy_ms = BUSY_WRITER;
	s->dead = 0;
	return rc;
}

/* Commit, adding this transaction's dead rows to the count. */
static int
commit(struct search *s)
{
	char	sql[96];
	int	rc;

	if (s->dead > 0) {
		snprintf(sql, sizeof sql, "UPDATE meta SET value = value + "
		    "%lld WHERE key = 'dead'", (long long)s->dead);
		if ((rc = exec(s, sql)) != SQLITE_OK) {
			(void)exec(s, "ROLLBACK");
			return rc;
		}
	}
	if ((rc = exec(s, "COMMIT")) != SQLITE_OK)
		(void)exec(s, "ROLLBACK");
	return rc;
}

/* One value of the first row of sql, or def. */
static int64_t
query_int(struct search *s, const char *sql, int64_t def)
{
	sqlite3_stmt	*st;
	int64_t		 v = def;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return def;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A feed as the index recorded it. */
struct rfeed {
	char		*name;
	uint64_t	 ver;
	int		 seen;
};

/* The recorded feeds, sorted by name (strcmp). */
static int
load_rfeeds(struct search *s, struct rfeed **out, size_t *np)
{
	sqlite3_stmt	*st;
	struct rfeed	*v = NULL;
	size_t		 n = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*np = 0;
	rc = sqlite3_prepare_v2(s->db, "SELECT name, version FROM feeds "
	    "ORDER BY name", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n].name = xstrdup((const char *)sqlite3_column_text(st, 0));
		v[n].ver = (uint64_t)sqlite3_column_int64(st, 1);
		v[n].seen = 0;
		n++;
	}
	sqlite3_finalize(st);
	*out = v;
	*np = n;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static struct rfeed *
find_rfeed(struct rfeed *v, size_t n, const char *name)
{
	size_t	lo = 0, hi = n, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(v[mid].name, name)) == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Bring one feed (NULL: gone) up to date in a transaction of its own. */
static int
sync_one(struct search *s, const char *name, const struct store_feed *f,
    int ms)
{
	int	rc;

	if ((rc = begin(s, ms)) != SQLITE_OK)
		return rc;
	rc = sync_feed(s, name, f);
	if (rc == SQLITE_OK)
		rc = commit(s);
	else
		(void)exec(s, "ROLLBACK");
	return rc;
}

/*
 * Bring the index up to date with the store's feeds: names (each opened
 * here) or open feeds (the caller's), which are all of them: a recorded
 * feed that is not among them is gone. Unchanged feeds cost a
 * comparison each; one transaction per changed feed, so that readers
 * and other writers get their turn; ms is how long to wait for another
 * writer.
 */
static enum nr_err
sync_all(struct search *s, const char *const *names,
    struct store_feed *const *open, size_t n, int ms, char *errbuf)
{
	struct store_feed	**fv;
	struct rfeed		 *rv, *r;
	const char		**nm;
	size_t			  i, nr;
	int			  rc, *stale;

	if ((rc = load_rfeeds(s, &rv, &nr)) != SQLITE_OK) {
		free(rv);
		return db_err(s, errbuf, "reading the index");
	}
	fv = xcalloc(n + 1, sizeof *fv);
	nm = xcalloc(n + 1, sizeof *nm);
	stale = xcalloc(n + 1, sizeof *stale);
	s->done = 0;
	s->total = 0;
	for (i = 0; i < n; i++) {
		if (open != NULL) {
			fv[i] = open[i];
			nm[i] = store_feed_name(open[i]);
		} else {
			nm[i] = names[i];
			/* In step by its files' identities: not opened. */
			r = find_rfeed(rv, nr, nm[i]);
			if (r != NULL && r->ver != 0 && r->ver ==
			    store_feed_version_peek(s->st, names[i])) {
				r->seen = 1;
				continue;
			}
			if (store_feed_open(s->st, names[i], &fv[i], NULL) !=
			    NR_OK)
				fv[i] = NULL;
		}
		r = find_rfeed(rv, nr, nm[i]);
		if (r != NULL)
			r->seen = 1;
		if (fv[i] == NULL)
			stale[i] = r != NULL;
		else
			stale[i] = r == NULL || r->ver == 0 ||
			    r->ver != store_feed_version(fv[i]);
		if (stale[i] && fv[i] != NULL)
			s->total += store_feed_count(fv[i]);
	}
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		if (stale[i])
			rc = sync_one(s, nm[i], fv[i], ms);
	}
	for (i = 0; i < nr && rc == SQLITE_OK; i++) {
		if (!rv[i].seen)
			rc = sync_one(s, rv[i].name, NULL, ms);
	}
	if (s->total > 0) {
		s->done = s->total;
		progress(s);
	}
	for (i = 0; open == NULL && i < n; i++)
		store_feed_close(fv[i]);
	for (i = 0; i < nr; i++)
		free(rv[i].name);
	free(rv);
	free(fv);
	free(nm);
	free(stale);
	if (rc != SQLITE_OK)
		return db_err(s, errbuf, "updating the index");
	return NR_OK;
}

/* Rebuild when updates left more dead rows than live ones. */
static enum nr_err
maybe_compact(struct search *s, char *errbuf)
{
	int64_t	dead, live;

	dead = query_int(s, "SELECT value FROM meta WHERE key = 'dead'", 0);
	if (dead < DEAD_MIN)
		return NR_OK;
	live = query_int(s, "SELECT count(*) FROM docs", 0);
	if (dead < live)
		return NR_OK;
	return search_rebuild(s, errbuf);
}

/* After a sync of every feed: the index is complete; compact it. */
static enum nr_err
synced(struct search *s, enum nr_err err, char *errbuf)
{
	if (err == NR_OK && !is_complete(s) && set_complete(s) != SQLITE_OK)
		err = db_err(s, errbuf, "updating the index");
	if (err == NR_OK)
		err = maybe_compact(s, errbuf);
	return err;
}

/* search_sync, once. */
static enum nr_err
sync_once(struct search *s, char *errbuf)
{
	char		**names;
	size_t		  n, i;
	enum nr_err	  err;

	if ((err = store_feeds(s->st, &names, &n, errbuf)) != NR_OK)
		return err;
	err = sync_all(s, (const char *const *)names, NULL, n, BUSY_READER,
	    errbuf);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return synced(s, err, errbuf);
}

/*
 * The file turned out corrupt after it was opened: start a new one (it
 * is derived data) and fill it. Returns NR_OK or why not.
 */
static enum nr_err
recover(struct search *s, char *errbuf)
{
	int	rc;

	log_debug("search: %s: corrupt, starting a new index", s->path);
	db_close(s);
	db_unlink(s);
	rc = db_open(s);
	if (rc == SQLITE_OK)
		rc = db_prepare(s);
	if (rc != SQLITE_OK)
		return nr_seterr(errbuf, NR_EIO, "%s: %s", s->path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	return sync_once(s, errbuf);
}

/* True when the connection's last error says the file is damaged. */
static int
corrupt(struct search *s)
{
	int	rc = s->db != NULL ? sqlite3_errcode(s->db) : SQLITE_OK;

	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

enum nr_err
search_sync(struct search *s, char *errbuf)
{
	enum nr_err	err;

	err = sync_once(s, errbuf);
	if (err != NR_OK && corrupt(s))
		err = recover(s, errbuf);
	return err;
}

enum nr_err
search_sync_open(struct search *s, struct store_feed *const *feeds,
    size_t n, char *errbuf)
{
	enum nr_err	err;

	err = synced(s, sync_all(s, NULL, feeds, n, BUSY_READER, errbuf),
	    errbuf);
	if (err != NR_OK && corrupt(s))
		err = recover(s, errbuf);
	return err;
}

enum nr_err
search_query(struct search *s, const char *text, int prefix,
    struct search_hits *out, char *errbuf)
{
	enum nr_err	err;

	err = query_once(s, text, prefix, out, errbuf);
	if (err != NR_OK && corrupt(s) && recover(s, errbuf) == NR_OK)
		err = query_once(s, text, prefix, out, errbuf);
	return err;
}

/* Drop the doc of (fid, hash) if there is one. */
static int
drop_hash(struct search *s, int64_t fid, uint64_t hash)
{
	sqlite3_stmt	*st = s->stmt[S_DOC_FIND];
	int64_t		 id = -1;
	int		 rc;

	sqlite3_bind_int64(st, 1, fid);
	sqlite3_bind_int64(st, 2, (int64_t)hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	return id >= 0 ? drop_doc(s, id) : SQLITE_OK;
}

/*
 * One feed's change, with the text of every item it put: what the index
 * needs of it, made on the store's side (store_feed_open, files read)
 * so that it can be applied where the store is not touched.
 */
struct sjob {
	char		*feed;
	char		*ftitle;
	int		 present;	/* the feed is there */
	int		 all;		/* every item of the feed is in docs */
	uint64_t	 before;	/* the feed's version, before */
	uint64_t	 version;	/* and after */
	uint64_t	*gone;
	size_t		 ngone;
	struct sdoc	*docs;		/* the items put, by hash */
	size_t		 ndocs;
	size_t		 bytes;
};

static int
cmp_doc(const void *a, const void *b)
{
	const struct sdoc	*x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

static struct sjob *
job_make(struct search *s, const struct store_change *c)
{
	struct store_feed	*f = NULL;
	struct store_item	 si;
	struct sjob		*j;
	const char		*ftitle;
	size_t			 k, n;
	long			 pos;

	j = xcalloc(1, sizeof *j);
	(void)store_feed_open(s->st, c->feed, &f, NULL);
	ftitle = f != NULL ? store_feed_get(f, NR_KEY_TITLE) : NULL;
	j->feed = xstrdup(c->feed);
	j->ftitle = xstrdup(ftitle != NULL ? ftitle : c->feed);
	j->present = f != NULL;
	j->before = c->before;
	j->version = f != NULL ? store_feed_version(f) : 0;
	j->gone = xcalloc(c->ngone + 1, sizeof *j->gone);
	if (c->ngone > 0)
		memcpy(j->gone, c->gone, c->ngone * sizeof *j->gone);
	j->ngone = c->ngone;
	j->docs = xcalloc(c->nput + 1, sizeof *j->docs);
	for (k = 0; k < c->nput && f != NULL; k++) {
		if ((pos = store_feed_find(f, c->put[k])) < 0)
			continue;
		store_feed_item(f, (size_t)pos, &si);
		doc_make(&j->docs[j->ndocs], f, (size_t)pos, &si,
		    item_fp(f, (size_t)pos, &si, j->ftitle));
		j->bytes += j->docs[j->ndocs++].bytes;
	}
	qsort(j->docs, j->ndocs, sizeof *j->docs, cmp_doc);
	/* The same item put twice: once is enough. */
	for (n = 0, k = 0; k < j->ndocs; k++) {
		if (n > 0 && j->docs[n - 1].hash == j->docs[k].hash) {
			doc_free(&j->docs[k]);
			continue;
		}
		j->docs[n++] = j->docs[k];
	}
	j->ndocs = n;
	j->all = f != NULL && n == store_feed_count(f);
	j->bytes += sizeof *j + c->ngone * sizeof *j->gone;
	store_feed_close(f);
	return j;
}

static void
job_free(struct sjob *j)
{
	size_t	k;

	if (j == NULL)
		return;
	for (k = 0; k < j->ndocs; k++)
		doc_free(&j->docs[k]);
	free(j->docs);
	free(j->gone);
	free(j->feed);
	free(j->ftitle);
	free(j);
}

/* Drop the recorded items of feed fid that j does not hold. */
static int
drop_others(struct search *s, int64_t fid, const struct sjob *j)
{
	struct rec	*v;
	struct sdoc	 key;
	size_t		 nv, i;
	int		 rc;

	if ((rc = load_recs(s, fid, &v, &nv)) != SQLITE_OK) {
		free(v);
		return rc;
	}
	for (i = 0; i < nv && rc == SQLITE_OK; i++) {
		key.hash = v[i].hash;
		if (bsearch(&key, j->docs, j->ndocs, sizeof key, cmp_doc) ==
		    NULL)
			rc = drop_doc(s, v[i].id);
	}
	free(v);
	return rc;
}

/*
 * Apply one feed's change inside the caller's transaction: only the
 * items written or removed are touched. The feed is recorded at its new
 * version only when it was in step before; else (files dropped in by
 * hand since) it stays stale for the next search to compare whole. So
 * does a feed known under another title (every entry holds the title)
 * unless the change put every item it has (a new feed).
 */
static int
job_apply(struct search *s, const struct sjob *j)
{
	uint64_t	 ver = 0;
	int64_t		 fid = 0;
	char		*old;
	size_t		 k;
	int		 rc, same, whole;

	if ((rc = feed_row(s, j->feed, &fid, &ver, &old)) != SQLITE_OK)
		return rc;
	same = old != NULL && strcmp(old, j->ftitle) == 0;
	free(old);
	whole = !same && j->present && (ver == j->before || ver == 0);
	if (whole && j->all)
		rc = drop_others(s, fid, j);
	for (k = 0; k < j->ngone && rc == SQLITE_OK; k++)
		rc = drop_hash(s, fid, j->gone[k]);
	for (k = 0; k < j->ndocs && rc == SQLITE_OK; k++) {
		if ((rc = drop_hash(s, fid, j->docs[k].hash)) == SQLITE_OK)
			rc = doc_index(s, fid, &j->docs[k], j->ftitle);
	}
	if (rc != SQLITE_OK || !j->present)
		return rc;
	if (whole && j->all) {
		sqlite3_bind_int64(s->stmt[S_FEED_TITLE], 1, fid);
		bind_text(s->stmt[S_FEED_TITLE], 2, j->ftitle);
		if ((rc = step_done(s->stmt[S_FEED_TITLE])) != SQLITE_OK)
			return rc;
	} else if (whole || ver != j->before)
		return SQLITE_OK;
	sqlite3_bind_int64(s->stmt[S_FEED_SET], 1, fid);
	sqlite3_bind_int64(s->stmt[S_FEED_SET], 2, (int64_t)j->version);
	return step_done(s->stmt[S_FEED_SET]);
}

/* A commit's jobs, applied in one transaction. */
struct sbatch {
	struct sjob	**v;
	size_t		  n;
};

static void
batch_free(struct sbatch *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		job_free(b->v[i]);
	free(b->v);
	free(b);
}

/* Apply batches in one transaction; 0 or an SQLite code. */
static int
apply_batches(struct search *s, struct sbatch *const *b, size_t n)
{
	size_t	i, k;
	int	rc;

	if ((rc = begin(s, BUSY_WRITER)) != SQLITE_OK)
		return rc;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		for (k = 0; k < b[i]->n && rc == SQLITE_OK; k++) {
			if (__atomic_load_n(&s->abandon, __ATOMIC_RELAXED))
				rc = SQLITE_INTERRUPT;
			else
				rc = job_apply(s, b[i]->v[k]);
		}
	}
	if (rc == SQLITE_OK)
		rc = commit(s);
	else
		(void)exec(s, "ROLLBACK");
	return rc;
}

/* The writer's thread: what waited, in one transaction. */
static void
apply_queued(void *arg, void **jobs, size_t n)
{
	struct search	*s = arg;
	size_t		 i;
	int		 rc;

	/* After a failure the rest goes: the next search catches up. */
	if (s->failed == SQLITE_OK) {
		rc = apply_batches(s, (struct sbatch *const *)jobs, n);
		if (rc != SQLITE_OK) {
			s->failed = rc;
			s->failed_corrupt = rc != SQLITE_INTERRUPT &&
			    corrupt(s);
		}
	}
	for (i = 0; i < n; i++)
		batch_free(jobs[i]);
}

/* What became of a failed update; NR_OK when mended. */
static enum nr_err
apply_failed(struct search *s, int corrupt_db, char *errbuf)
{
	if (corrupt_db)
		return recover(s, errbuf);
	return db_err(s, errbuf, "updating the index");
}

enum nr_err
search_apply(struct search *s, const struct store_change *c, size_t n,
    char *errbuf)
{
	struct sbatch	*b;
	size_t		 i, bytes = 0;
	int		 rc;

	/* Not built yet: the first search builds it whole. */
	if (s->queue != NULL ? !s->complete : !is_complete(s))
		return NR_OK;
	b = xcalloc(1, sizeof *b);
	b->v = xcalloc(n + 1, sizeof *b->v);
	for (i = 0; i < n; i++) {
		b->v[b->n] = job_make(s, &c[i]);
		bytes += b->v[b->n++]->bytes;
	}
	if (s->queue != NULL) {
		search_queue_put(s->queue, b, bytes);
		return NR_OK;
	}
	/* One transaction for the batch, as the store's commit. */
	rc = apply_batches(s, &b, 1);
	batch_free(b);
	if (rc != SQLITE_OK)
		return apply_failed(s, corrupt(s), errbuf);
	return maybe_compact(s, errbuf);
}

void
search_async(struct search *s)
{
	if (s->queue != NULL)
		return;
	s->complete = is_complete(s);
	s->failed = SQLITE_OK;
	s->queue = search_queue_start(apply_queued, s, QUEUE_MAX);
}

/* search_flush's time is up: the thread gives up what is left. */
static void
flush_late(void *arg)
{
	struct search	*s = arg;

	__atomic_store_n(&s->abandon, 1, __ATOMIC_RELAXED);
}

enum nr_err
search_flush(struct search *s, long ms, char *errbuf)
{
	int	late, rc;

	if (s->queue == NULL)
		return NR_OK;
	search_queue_finish(s->queue, ms, flush_late);
	s->queue = NULL;
	late = __atomic_load_n(&s->abandon, __ATOMIC_RELAXED);
	__atomic_store_n(&s->abandon, 0, __ATOMIC_RELAXED);
	rc = s->failed;
	s->failed = SQLITE_OK;
	/* Given up in time (what it did not write stays stale). */
	if (rc != SQLITE_OK && late)
		return nr_seterr(errbuf, NR_ELOCKED, "%s: not brought up to "
		    "date within %ld ms (another process writing it?); the "
		    "next search does the rest", s->path, ms);
	if (rc != SQLITE_OK)
		return apply_failed(s, s->failed_corrupt, errbuf);
	return maybe_compact(s, errbuf);
}

enum nr_err
search_rebuild(struct search *s, char *errbuf)
{
	char		**names;
	size_t		  n, i;
	enum nr_err	  err;
	int		  rc;

	if ((err = store_feeds(s->st, &names, &n, errbuf)) != NR_OK)
		return err;
	/* One transaction: readers see the old index until it is done. */
	if ((rc = begin(s, BUSY_WRITER)) != SQLITE_OK) {
		err = db_err(s, errbuf, "rebuilding");
		goto out;
	}
	rc = exec(s, "DELETE FROM docs; DELETE FROM feeds; "
	    "INSERT INTO fts(fts) VALUES('delete-all'); "
	    "UPDATE meta SET value = 0 WHERE key = 'dead'");
	s->done = 0;
	s->total = 0;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		struct store_feed	*f;

		if (store_feed_open(s->st, names[i], &f, NULL) != NR_OK)
			continue;
		s->total += store_feed_count(f);
		store_feed_close(f);
	}
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		struct store_feed	*f;

		if (store_feed_open(s->st, names[i], &f, NULL) != NR_OK)
			continue;
		rc = sync_feed(s, names[i], f);
		store_feed_close(f);
	}
	s->dead = 0;
	if (rc == SQLITE_OK)
		rc = set_complete(s);
	if (rc == SQLITE_OK)
		rc = exec(s, "INSERT INTO fts(fts) VALUES('optimize')");
	if (rc == SQLITE_OK)
		rc = commit(s);
	else
		(void)exec(s, "ROLLBACK");
	if (rc != SQLITE_OK)
		err = db_err(s, errbuf, "rebuilding");
	else {
		/* Give back the pages the old index and merges left. */
		(void)exec(s, "PRAGMA incremental_vacuum");
		(void)exec(s, "PRAGMA wal_checkpoint(TRUNCATE)");
	}
	if (s->total > 0) {
		s->done = s->total;
		progress(s);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return err;
}

void
search_hits_free(struct search_hits *h)
{
	size_t	i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nfeeds; i++)
		free(h->feeds[i]);
	free(h->feeds);
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* text as an FTS5 string: "text" with quotes doubled, then " *". */
static char *
match_expr(const char *text, int prefix)
{
	struct strbuf	sb;

	strbuf_init(&sb, 0);
	strbuf_addc(&sb, '"');
	for (; *text != '\0'; text++) {
		if (*text == '"')
			strbuf_addc(&sb, '"');
		strbuf_addc(&sb, *text);
	}
	strbuf_addc(&sb, '"');
	if (prefix)
		strbuf_adds(&sb, " *");
	return strbuf_detach(&sb, NULL);
}

/* True when text has at least one word for the tokenizer. */
static int
has_word(const char *text)
{
	const char	*p = text;
	size_t		 n;
	int		 cp;

	while (*p != '\0') {
		n = text_utf8_decode(p, strlen(p), &cp);
		if (n == 0)
			n = 1;
		if (cp >= 0x80 || (cp >= '0' && cp <= '9') ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			return 1;
		p += n;
	}
	return 0;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct search_hit	*x = a, *y = b;

	if (x->feed != y->feed)
		return x->feed < y->feed ? -1 : 1;
	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* search_query, once. */
static enum nr_err
query_once(struct search *s, const char *text, int prefix,
    struct search_hits *out, char *errbuf)
{
	sqlite3_stmt	*st;
	int64_t		*ids = NULL, fid;
	size_t		 cap = 0, fcap = 0, k;
	char		*expr;
	int		 rc;

	memset(out, 0, sizeof *out);
	/* Feed names by their ids in the file. */
	rc = sqlite3_prepare_v2(s->db, "SELECT id, name FROM feeds ORDER BY "
	    "name", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_err(s, errbuf, "query");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (out->nfeeds == fcap) {
			fcap = fcap == 0 ? 16 : fcap * 2;
			out->feeds = xreallocarray(out->feeds, fcap,
			    sizeof *out->feeds);
			ids = xreallocarray(ids, fcap, sizeof *ids);
		}
		ids[out->nfeeds] = sqlite3_column_int64(st, 0);
		out->feeds[out->nfeeds++] = xstrdup((const char *)
		    sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (!has_word(text)) {
		free(ids);
		return NR_OK;
	}
	rc = sqlite3_prepare_v2(s->db, "SELECT d.feed, d.hash, " BM25
	    " FROM fts JOIN docs d ON d.id = fts.rowid WHERE fts MATCH ?1",
	    -1, &st, NULL);
	if (rc != SQLITE_OK) {
		free(ids);
		return db_err(s, errbuf, "query");
	}
	expr = match_expr(text, prefix);
	bind_text(st, 1, expr);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fid = sqlite3_column_int64(st, 0);
		for (k = 0; k < out->nfeeds && ids[k] != fid; k++)
			;
		if (k == out->nfeeds)
			continue;
		if (out->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		out->v[out->n].feed = (uint32_t)k;
		out->v[out->n].hash = (uint64_t)sqlite3_column_int64(st, 1);
		out->v[out->n].rank = sqlite3_column_double(st, 2);
		out->n++;
	}
	sqlite3_finalize(st);
	free(expr);
	free(ids);
	if (rc != SQLITE_DONE) {
		search_hits_free(out);
		return db_err(s, errbuf, "query");
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_hit);
	return NR_OK;
}

long
search_hits_find(const struct search_hits *h, uint32_t feed, uint64_t hash)
{
	struct search_hit	 key, *r;

	if (h->n == 0)
		return -1;
	key.feed = feed;
	key.hash = hash;
	r = bsearch(&key, h->v, h->n, sizeof *h->v, cmp_hit);
	return r != NULL ? (long)(r - h->v) : -1;
}

long
search_hits_feed(const struct search_hits *h, const char *name)
{
	size_t	lo = 0, hi = h->nfeeds, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(h->feeds[mid], name);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

enum nr_err
search_snippet(struct search *s, const struct store_feed *f, size_t i,
    const char *const *texts, const int *prefix, size_t ntexts,
    const char *const marks[2], char **out, char *errbuf)
{
	struct item	*it;
	struct strbuf	 doc, q, body;
	sqlite3_stmt	*st = NULL;
	char		*e;
	const char	*snip;
	size_t		 k;
	int		 rc;

	*out = xstrdup("");
	if (store_feed_load_item(f, i, &it, NULL) != NR_OK)
		return NR_OK;
	rc = exec(s, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.snip USING "
	    "fts5(t, tokenize='" SEARCH_TOKENIZER "')");
	strbuf_init(&doc, 0);
	strbuf_init(&q, 0);
	strbuf_init(&body, 0);
	strbuf_adds(&doc, it->summary != NULL ? it->summary : "");
	strbuf_addc(&doc, '\n');
	strbuf_adds(&doc, body_text(it->content, &body));
	strbuf_addc(&doc, '\n');
	strbuf_adds(&doc, it->title != NULL ? it->title : "");
	for (k = 0; k < ntexts; k++) {
		if (!has_word(texts[k]))
			continue;
		if (q.len > 0)
			strbuf_adds(&q, " OR ");
		e = match_expr(texts[k], prefix[k]);
		strbuf_adds(&q, e);
		free(e);
	}
	if (rc == SQLITE_OK && q.len > 0)
		rc = sqlite3_prepare_v2(s->db, "INSERT INTO temp.snip(rowid, "
		    "t) VALUES(1, ?1)", -1, &st, NULL);
	if (rc == SQLITE_OK && st != NULL) {
		bind_text(st, 1, strbuf_str(&doc));
		rc = step_done(st);
		sqlite3_finalize(st);
		st = NULL;
	}
	if (rc == SQLITE_OK && q.len > 0)
		rc = sqlite3_prepare_v2(s->db, "SELECT snippet(snip, 0, ?2, "
		    "?3, '...', 12) FROM temp.snip WHERE snip MATCH ?1", -1,
		    &st, NULL);
	if (rc == SQLITE_OK && st != NULL) {
		bind_text(st, 1, strbuf_str(&q));
		bind_text(st, 2, marks != NULL ? marks[0] : "");
		bind_text(st, 3, marks != NULL ? marks[1] : "");
		if (sqlite3_step(st) == SQLITE_ROW &&
		    (snip = (const char *)sqlite3_column_text(st, 0)) != NULL) {
			free(*out);
			*out = text_clean(snip, strlen(snip),
			    NR_TEXT_ONELINE | NR_TEXT_TRIM, 0);
		}
		sqlite3_finalize(st);
	}
	(void)exec(s, "DELETE FROM temp.snip");
	strbuf_clear(&doc);
	strbuf_clear(&q);
	strbuf_clear(&body);
	item_free(it);
	if (rc != SQLITE_OK)
		return db_err(s, errbuf, "snippet");
	return NR_OK;
}
