/*
 * Writing to the cache: a transaction over one or more feeds, under the
 * data directory's lock. Items are written to temporary files as they
 * are put; the commit syncs them all at once, renames them into place,
 * writes the state files (appending, or compacting), syncs again, and
 * writes each feed's new index from its old one plus what changed, so a
 * refresh that adds ten items to a feed of 200,000 reads none of the
 * others' files.
 */
#define _GNU_SOURCE 1	/* syncfs(2) */
#include "nr_config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

/* Highest sequence number a file name can hold (9 digits). */
#define SEQ_MAX		999999999UL

/* An article file written, waiting to be renamed into place. */
struct pend {
	char		*tmp;
	char		*dst;
	struct irec	 rec;		/* strings in the txf's arena */
	long		 replaces;	/* the old entry's position, or -1 */
	int		 dead;		/* retention removed it again */
};

struct store_txf {
	struct store_txn	*txn;
	char			*name;
	char			*dir;
	char			*spath;
	struct state		 s;
	struct store_feed	*f;	/* the index when the txn began */
	struct pend		*p;
	size_t			 np;
	uint8_t			*drop;	/* old entries removed by retention */
	size_t			 ndrop;
	int			 failed;	/* its state was not written */
	struct arena		 a;
	unsigned long		 next_seq;
	uint32_t		*used;	/* sequence numbers, sorted */
	size_t			 nused;
	int			 dirs_made;
};

struct store_txn {
	struct store		*st;
	struct store_txf	**v;
	size_t			 n;
};

enum nr_err
store_txn_begin(struct store *st, struct store_txn **out, char *errbuf)
{
	*out = NULL;
	if (!store_locked(st))
		return nr_seterr(errbuf, NR_EUSAGE, "writing without the lock");
	*out = xcalloc(1, sizeof **out);
	(*out)->st = st;
	return NR_OK;
}

/* Free one feed's part; its unrenamed files are removed. */
static void
txf_free(struct store_txf *t)
{
	size_t	i;

	for (i = 0; i < t->np; i++) {
		if (t->p[i].tmp != NULL) {
			(void)unlink(t->p[i].tmp);
			free(t->p[i].tmp);
		}
		free(t->p[i].dst);
	}
	free(t->p);
	free(t->drop);
	free(t->used);
	state_free(&t->s);
	store_feed_close(t->f);
	arena_free(&t->a);
	free(t->name);
	free(t->dir);
	free(t->spath);
	free(t);
}

void
store_txn_free(struct store_txn *txn)
{
	size_t	i;

	if (txn == NULL)
		return;
	for (i = 0; i < txn->n; i++)
		txf_free(txn->v[i]);
	free(txn->v);
	free(txn);
}

enum nr_err
store_txn_feed(struct store_txn *txn, const char *name,
    struct store_txf **out, char *errbuf)
{
	struct store_txf	*t;
	size_t			 i;
	enum nr_err		 err;

	*out = NULL;
	for (i = 0; i < txn->n; i++) {
		if (strcmp(txn->v[i]->name, name) == 0) {
			*out = txn->v[i];
			return NR_OK;
		}
	}
	if (!store_feed_name_valid(name))
		return nr_seterr(errbuf, NR_EUSAGE, "invalid feed name '%s'",
		    name);
	t = xcalloc(1, sizeof *t);
	t->txn = txn;
	t->name = xstrdup(name);
	t->dir = store_feed_dir(txn->st, name);
	t->spath = store_meta_path(txn->st, name, NR_STATE_FILE);
	arena_init(&t->a);
	/*
	 * When the index is up to date and in step with the state file, the
	 * state is read in part: only the lines about the items this
	 * transaction looks at (a refresh adding ten items to a feed of
	 * 200,000 reads ten items' lines, not all). Else, or when something
	 * needs all of it (retention, compaction), it is read whole.
	 */
	if (state_peek(t->spath, &t->s) != 0 ||
	    feed_open_quick(txn->st, name, &t->s, &t->f, NULL) != NR_OK ||
	    t->f == NULL) {
		state_free(&t->s);
		if ((err = state_load(txn->st, t->spath, &t->s, errbuf)) !=
		    NR_OK ||
		    (err = feed_open(txn->st, name, &t->s, &t->f, errbuf)) !=
		    NR_OK) {
			txf_free(t);
			return err;
		}
	}
	t->next_seq = (unsigned long)t->f->fh->next_seq;
	txn->v = xreallocarray(txn->v, txn->n + 1, sizeof *txn->v);
	txn->v[txn->n++] = t;
	*out = t;
	return NR_OK;
}

/* Make sure the state read in part has the lines about these items. */
static enum nr_err
txf_want(struct store_txf *t, const uint64_t *h, size_t n, char *errbuf)
{
	if (!t->s.partial)
		return NR_OK;
	return state_load_some(t->txn->st, t->spath, &t->s, h, n, errbuf);
}

/*
 * Read the state whole, with this transaction's changes so far (its
 * journal, as lines) on top of it.
 */
static enum nr_err
txf_whole(struct store_txf *t, char *errbuf)
{
	struct state	 w;
	char		*j;
	enum nr_err	 err;

	if (!t->s.partial)
		return NR_OK;
	if ((err = state_load(t->txn->st, t->spath, &w, errbuf)) != NR_OK) {
		state_free(&w);
		return err;
	}
	if (w.id.ino != t->s.id.ino || w.id.size != t->s.id.size) {
		state_free(&w);
		return nr_seterr(errbuf, NR_EIO, "%s: changed under the lock",
		    t->spath);
	}
	if (t->s.journal.len > 0) {
		j = arena_alloc(&w.arena, t->s.journal.len + 1);
		memcpy(j, t->s.journal.buf, t->s.journal.len);
		j[t->s.journal.len] = '\0';
		state_parse(t->txn->st, t->spath, &w, j, t->s.journal.len, 0);
	}
	strbuf_clear(&w.journal);
	w.journal = t->s.journal;
	w.njournal = t->s.njournal;
	w.touched = t->s.touched;
	w.ntouched = t->s.ntouched;
	w.touchedcap = t->s.touchedcap;
	strbuf_init(&t->s.journal, 0);
	t->s.touched = NULL;
	state_free(&t->s);
	t->s = w;
	return NR_OK;
}

enum nr_err
store_txf_expect(struct store_txf *t, const uint64_t *h, size_t n,
    char *errbuf)
{
	return txf_want(t, h, n, errbuf);
}

/*
 * Before a commit writes a state read in part: the lines of the items
 * written, and the whole when the appended lines are due for compaction
 * (counted from the file's record lines and the index's item count).
 */
static enum nr_err
txf_settle(struct store_txf *t, char *errbuf)
{
	uint64_t	*h;
	size_t		 i, n = 0, items, limit, extra;
	enum nr_err	 err;

	if (!t->s.partial)
		return NR_OK;
	h = xcalloc(t->np + 1, sizeof *h);
	for (i = 0; i < t->np; i++) {
		if (!t->p[i].dead)
			h[n++] = t->p[i].rec.hash;
	}
	err = txf_want(t, h, n, errbuf);
	free(h);
	if (err != NR_OK)
		return err;
	/* A compacted file has a line per item and per feed value. */
	items = t->f->n;
	limit = items / 2 > 1024 ? items / 2 : 1024;
	extra = t->s.nrec > items + NR_KEY_MAX ? t->s.nrec - items -
	    NR_KEY_MAX : 0;
	if (extra + t->s.njournal > limit / 2)
		return txf_whole(t, errbuf);
	return NR_OK;
}

/* Compare sequence numbers, for qsort. */
static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The next sequence number: one more than the highest, or, when that
 * would not fit in a file name, the lowest one not in use.
 */
static int
alloc_seq(struct store_txf *t, unsigned long *seq)
{
	size_t	i;

	if (t->next_seq <= SEQ_MAX) {
		*seq = t->next_seq++;
		return 0;
	}
	if (t->used == NULL) {
		t->used = xcalloc(t->f->n + 1, sizeof *t->used);
		for (i = 0; i < t->f->n; i++) {
			const struct idx_view	*v;
			size_t			 k;

			v = feed_at(t->f, i, &k);
			t->used[i] = v->seq[k];
		}
		t->nused = t->f->n;
		qsort(t->used, t->nused, sizeof *t->used, cmp_u32);
		t->next_seq = 0;
	}
	/* t->next_seq walks up from 0 past the numbers in use. */
	for (;;) {
		if (t->next_seq > SEQ_MAX)
			return -1;
		i = 0;
		{
			size_t lo = 0, hi = t->nused, mid;

			while (lo < hi) {
				mid = lo + (hi - lo) / 2;
				if (t->used[mid] < t->next_seq)
					lo = mid + 1;
				else
					hi = mid;
			}
			i = lo;
		}
		if (i < t->nused && t->used[i] == t->next_seq) {
			t->next_seq++;
			continue;
		}
		*seq = t->next_seq++;
		return 0;
	}
}

/* Create the feed's directory and its meta directory, once. */
static enum nr_err
make_dirs(struct store_txf *t, char *errbuf)
{
	char	*meta;
	int	 e;

	if (t->dirs_made)
		return NR_OK;
	meta = store_meta_path(t->txn->st, t->name, NULL);
	if (util_mkdir_p(meta, 0700) != 0) {
		e = errno;
		nr_seterr(errbuf, store_errno(e), "%s: %s", meta, strerror(e));
		free(meta);
		return store_errno(e);
	}
	free(meta);
	t->dirs_made = 1;
	return NR_OK;
}

/*
 * Write buf to a new temporary file in the feed's directory, without
 * fsync (the commit syncs the file system once). Fills the record's
 * size and time.
 */
static enum nr_err
write_temp(struct store_txf *t, const char *name, const char *buf,
    size_t len, struct pend *p, char *errbuf)
{
	struct stat	 sb;
	char		*tmp;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, e;

	tmp = xasprintf("%s/.tmp-%s.XXXXXX", t->dir, name);
	if ((fd = mkstemp(tmp)) == -1)
		goto fail;
	while (off < len) {
		n = write(fd, buf + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		off += (size_t)n;
	}
	if (fchmod(fd, 0644) != 0 || fstat(fd, &sb) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	p->tmp = tmp;
	p->rec.size = (uint32_t)len;
	p->rec.mtime = (int64_t)sb.st_mtim.tv_sec;
	p->rec.mnsec = (uint32_t)sb.st_mtim.tv_nsec;
	return NR_OK;
fail:
	e = errno;
	if (fd != -1) {
		close(fd);
		(void)unlink(tmp);
	}
	free(tmp);
	return nr_seterr(errbuf, store_errno(e), "%s/%s: %s", t->dir, name,
	    strerror(e));
}

/* A pending write of hash in this transaction, or NULL. */
static struct pend *
find_pend(struct store_txf *t, uint64_t hash)
{
	size_t	i;

	for (i = t->np; i > 0; i--) {
		if (t->p[i - 1].rec.hash == hash && !t->p[i - 1].dead)
			return &t->p[i - 1];
	}
	return NULL;
}

/* True when the file at path holds exactly these bytes. */
static int
same_file(const char *path, const char *buf, size_t len)
{
	char	*old;
	size_t	 oldlen;
	int	 same;

	if (util_read_file(path, NR_ARTICLE_MAX_FILE, &old, &oldlen, NULL) !=
	    NR_OK)
		return 0;
	same = oldlen == len && memcmp(old, buf, len) == 0;
	free(old);
	return same;
}

/* Tags joined with '\n' into the arena. */
static const char *
join_tags(struct arena *a, const struct item *it)
{
	size_t	i, len = 1;
	char	*s, *w;

	for (i = 0; i < it->ntags; i++)
		len += strlen(it->tags[i]) + 1;
	w = s = arena_alloc(a, len);
	*w = '\0';
	for (i = 0; i < it->ntags; i++) {
		if (i > 0)
			*w++ = '\n';
		w = stpcpy(w, it->tags[i]);
	}
	return s;
}

/* Store the bytes of an article file as item hash of t. */
static enum nr_err
put_bytes(struct store_txf *t, uint64_t hash, const char *buf, size_t len,
    const struct item *it, enum store_put *result, char *errbuf)
{
	const struct idx_view	*v;
	struct pend		*p, *old;
	char			 name[NR_ARTICLE_NAME_SIZE], *path;
	unsigned long		 seq;
	uint64_t		 sum = util_sum64(buf, len);
	size_t			 i;
	long			 pos;
	enum nr_err		 err;

	*result = 0;
	if ((err = make_dirs(t, errbuf)) != NR_OK)
		return err;
	old = find_pend(t, hash);
	pos = old == NULL ? feed_find(t->f, hash) : -1;
	if (old != NULL) {
		if (old->rec.sum == sum && old->rec.size == len) {
			*result = NR_PUT_SAME;
			return NR_OK;
		}
		/* Written twice in one transaction: the last one wins. */
		old->dead = 1;
		(void)unlink(old->tmp);
		FREE(&old->tmp);
		seq = old->rec.seq;
		snprintf(name, sizeof name, "%s", strrchr(old->dst, '/') + 1);
		*result = old->replaces >= 0 ? NR_PUT_UPDATED : NR_PUT_NEW;
		pos = old->replaces;
	} else if (pos >= 0) {
		v = feed_at(t->f, (size_t)pos, &i);
		idx_entry_name(v, i, name, sizeof name);
		seq = v->seq[i];
		if (v->size[i] == len && (v->sum[i] == sum ||
		    v->sum[i] == 0)) {
			path = store_feed_path(t->f, (size_t)pos);
			if (v->sum[i] == sum || same_file(path, buf, len)) {
				free(path);
				*result = NR_PUT_SAME;
				return NR_OK;
			}
			free(path);
		}
		*result = NR_PUT_UPDATED;
	} else {
		if (alloc_seq(t, &seq) != 0)
			return nr_seterr(errbuf, NR_ELIMIT, "%s: no free "
			    "sequence number", t->name);
		idx_name(name, sizeof name, seq, hash);
		*result = NR_PUT_NEW;
	}
	t->p = xreallocarray(t->p, t->np + 1, sizeof *t->p);
	p = &t->p[t->np];
	memset(p, 0, sizeof *p);
	if ((err = write_temp(t, name, buf, len, p, errbuf)) != NR_OK)
		return err;
	t->np++;
	p->dst = xasprintf("%s/%s", t->dir, name);
	p->replaces = pos;
	p->rec.hash = hash;
	p->rec.seq = (uint32_t)seq;
	p->rec.sum = sum;
	p->rec.date = article_time(it);
	p->rec.title = arena_strdup(&t->a, it->title != NULL ? it->title : "");
	p->rec.link = arena_strdup(&t->a, it->link != NULL ? it->link : "");
	p->rec.tags = join_tags(&t->a, it);
	{
		char canon[NR_ARTICLE_NAME_SIZE];

		idx_name(canon, sizeof canon, seq, hash);
		p->rec.fname = strcmp(canon, name) == 0 ? "" :
		    arena_strdup(&t->a, name);
	}
	p->rec.utags = p->rec.author = p->rec.encl = "";
	return NR_OK;
}

enum nr_err
store_item_put(struct store_txf *t, const struct item *it, int64_t now,
    enum store_put *result, char *errbuf)
{
	struct item	 copy;
	struct smeta	*m;
	uint64_t	 h;
	size_t		 len;
	char		*buf, *content = NULL;
	int64_t		 first;
	enum nr_err	 err;

	*result = 0;
	h = item_hash(it);
	if ((err = txf_want(t, &h, 1, errbuf)) != NR_OK)
		return err;
	m = state_get(&t->s, h, 0);
	if (m != NULL && (m->flags & NR_STATE_EXPIRED)) {
		*result = NR_PUT_EXPIRED;
		return NR_OK;
	}
	copy = *it;
	/* An item without a date of its own keeps the time first seen. */
	first = m != NULL && m->first_seen != NR_TIME_NONE ? m->first_seen :
	    now;
	if (it->flags & NR_ITEM_DATE_SEEN)
		copy.published = first;
	/* Files have no final newline: trailing white space goes. */
	if (it->content != NULL) {
		len = strlen(it->content);
		while (len > 0 && isspace((unsigned char)it->content[len - 1]))
			len--;
		copy.content = content = xstrndup(it->content, len);
	}
	buf = article_format(&copy, &len);
	err = put_bytes(t, h, buf, len, &copy, result, errbuf);
	free(buf);
	free(content);
	if (err != NR_OK)
		return err;
	m = state_get(&t->s, h, 1);
	state_put_item(&t->s, m, first, it->guid, it->author, it);
	return NR_OK;
}

enum nr_err
store_item_put_file(struct store_txf *t, uint64_t hash, const char *buf,
    size_t len, const struct item *it, enum store_put *result, char *errbuf)
{
	return put_bytes(t, hash, buf, len, it, result, errbuf);
}

int
store_txf_fulltext_get(struct store_txf *t, uint64_t hash,
    const char **reason)
{
	struct smeta	*m;

	if (reason != NULL)
		*reason = NULL;
	if (txf_want(t, &hash, 1, NULL) != NR_OK ||
	    (m = state_get(&t->s, hash, 0)) == NULL || !m->has_ft)
		return NR_FULLTEXT_NONE;
	if (reason != NULL)
		*reason = m->ft_reason;
	return m->ft;
}

void
store_txf_fulltext_set(struct store_txf *t, uint64_t hash, int tries,
    const char *reason)
{
	(void)txf_want(t, &hash, 1, NULL);
	state_set_fulltext(&t->s, state_get(&t->s, hash, 1), tries, reason);
}

int
store_txf_has(struct store_txf *t, uint64_t hash)
{
	return find_pend(t, hash) != NULL || feed_find(t->f, hash) >= 0;
}

void
store_txf_set(struct store_txf *t, enum store_key k, const char *value)
{
	/* A value that cannot be read is still set (appended). */
	(void)txf_want(t, NULL, 0, NULL);
	if ((unsigned)k < NR_KEY_MAX)
		state_set_value(&t->s, store_key_name(k), value);
}

const char *
store_txf_get(struct store_txf *t, enum store_key k)
{
	if ((unsigned)k >= NR_KEY_MAX ||
	    txf_want(t, NULL, 0, NULL) != NR_OK)
		return NULL;
	return state_value(&t->s, store_key_name(k));
}

/* An entry for retention: its date, and where it is. */
struct ret {
	int64_t		 date;
	uint32_t	 seq;
	uint64_t	 hash;
	long		 pos;		/* old entry, or -1 */
	struct pend	*p;		/* or pending write */
};

static int
cmp_ret(const void *a, const void *b)
{
	const struct ret	*x = a, *y = b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Old entries a live pending write replaces, as a byte per entry. */
static uint8_t *
replaced_map(const struct store_txf *t)
{
	uint8_t	*gone;
	size_t	 i;

	gone = xcalloc(t->f->n + 1, 1);
	for (i = 0; i < t->np; i++) {
		if (t->p[i].replaces >= 0 && !t->p[i].dead &&
		    (t->p[i].tmp != NULL || t->p[i].dst != NULL))
			gone[t->p[i].replaces] = 1;
	}
	return gone;
}

/*
 * The one path that removes items of a feed (retention, --prune): with
 * all set every item not starred goes, and none is remembered as
 * expired (a feed pruned and added again gets its items back).
 */
static void
txf_remove(struct store_txf *t, size_t keep_items, int keep_days,
    int64_t now, int all, size_t *removed)
{
	const struct idx_view	*v;
	struct ret		*r;
	struct smeta		*m;
	uint8_t			*gone;
	size_t			 nall = t->f->n, k;
	size_t			 n = 0, i, kept = 0;
	int			 old, flags;

	*removed = 0;
	gone = replaced_map(t);
	if (t->drop == NULL)
		t->drop = xcalloc(nall + 1, 1);
	r = xcalloc(nall + t->np + 1, sizeof *r);
	for (i = 0; i < nall; i++) {
		if (gone[i] || t->drop[i])
			continue;
		v = feed_at(t->f, i, &k);
		r[n].date = v->date[k];
		r[n].seq = v->seq[k];
		r[n].hash = v->hash[k];
		r[n++].pos = (long)i;
	}
	for (i = 0; i < t->np; i++) {
		if (t->p[i].dead)
			continue;
		r[n].date = t->p[i].rec.date;
		r[n].seq = t->p[i].rec.seq;
		r[n].hash = t->p[i].rec.hash;
		r[n].pos = -1;
		r[n++].p = &t->p[i];
	}
	free(gone);
	qsort(r, n, sizeof *r, cmp_ret);
	for (i = 0; i < n; i++) {
		m = state_get(&t->s, r[i].hash, 0);
		flags = m != NULL ? m->flags : 0;
		if (flags & NR_STATE_STARRED)
			continue;
		old = keep_days > 0 &&
		    r[i].date < now - (int64_t)keep_days * 86400;
		if (!all && !old && (keep_items == 0 || kept < keep_items)) {
			kept++;
			continue;
		}
		if (r[i].p != NULL) {
			/* Stored in this transaction: never written. */
			r[i].p->dead = 1;
			if (r[i].p->tmp != NULL)
				(void)unlink(r[i].p->tmp);
			FREE(&r[i].p->tmp);
			if (r[i].p->replaces >= 0 &&
			    !t->drop[r[i].p->replaces]) {
				t->drop[r[i].p->replaces] = 1;
				t->ndrop++;
			}
		} else {
			t->drop[r[i].pos] = 1;
			t->ndrop++;
		}
		if (!all)
			state_set_flags(&t->s, state_get(&t->s, r[i].hash, 1),
			    flags | NR_STATE_EXPIRED);
		(*removed)++;
	}
	free(r);
}

enum nr_err
store_txf_retain(struct store_txf *t, size_t keep_items, int keep_days,
    int64_t now, size_t *removed, char *errbuf)
{
	enum nr_err	err;

	*removed = 0;
	if (keep_items == 0 && keep_days <= 0)
		return NR_OK;
	if ((err = txf_whole(t, errbuf)) != NR_OK)
		return err;
	txf_remove(t, keep_items, keep_days, now, 0, removed);
	return NR_OK;
}

enum nr_err
store_txf_prune(struct store_txf *t, size_t *removed, char *errbuf)
{
	enum nr_err	err;

	*removed = 0;
	if ((err = txf_whole(t, errbuf)) != NR_OK)
		return err;
	txf_remove(t, 0, 0, 0, 1, removed);
	return NR_OK;
}

/* Flush the file system holding fd (all of them if that fails). */
static void
fs_sync(int fd)
{
#ifdef __linux__
	if (fd != -1 && syncfs(fd) == 0)
		return;
#endif
	(void)fd;
	sync();
}

/* A set of hashes (open addressing; 0 marks a free slot, kept apart). */
struct hset {
	uint64_t	*h;
	size_t		 size;
	int		 zero;
};

static void
touched_set(struct hset *set, const struct state *s)
{
	size_t	i, k;

	set->size = 16;
	while (set->size < 2 * s->ntouched)
		set->size *= 2;
	set->h = xcalloc(set->size, sizeof *set->h);
	set->zero = 0;
	for (i = 0; i < s->ntouched; i++) {
		if (s->touched[i] == 0) {
			set->zero = 1;
			continue;
		}
		k = (size_t)(s->touched[i] * 0x9e3779b97f4a7c15ULL >> 20) &
		    (set->size - 1);
		while (set->h[k] != 0 && set->h[k] != s->touched[i])
			k = (k + 1) & (set->size - 1);
		set->h[k] = s->touched[i];
	}
}

static int
touched_set_has(const struct hset *set, uint64_t h)
{
	size_t	k;

	if (h == 0)
		return set->zero;
	k = (size_t)(h * 0x9e3779b97f4a7c15ULL >> 20) & (set->size - 1);
	while (set->h[k] != 0) {
		if (set->h[k] == h)
			return 1;
		k = (k + 1) & (set->size - 1);
	}
	return 0;
}

/* The header values common to both kinds of write. */
static void
index_meta(struct store_txf *t, struct idx_meta *m)
{
	struct fid	dir;
	size_t		k;

	fid_stat(&dir, t->dir);
	memset(m, 0, sizeof *m);
	m->gen = t->f->v.h->gen + 1;
	m->dir_sec = dir.sec;
	m->dir_nsec = dir.nsec;
	m->state = &t->s.id;
	m->stamp = t->s.stamp;
	for (k = 0; k < NR_KEY_MAX; k++)
		m->kv[k] = state_value(&t->s, store_key_name(k));
}

/* The new entries of t, with their state, in index order. */
static struct irec *
new_entries(struct store_txf *t, size_t *np)
{
	struct irec	*nw;
	size_t		 i, nn = 0;

	nw = xcalloc(t->np + 1, sizeof *nw);
	for (i = 0; i < t->np; i++) {
		if (t->p[i].dead || t->p[i].dst == NULL)
			continue;
		nw[nn] = t->p[i].rec;
		scan_apply_state(&t->s, &nw[nn++]);
	}
	if (nn > 1)
		qsort(nw, nn, sizeof *nw, idx_cmp_rec);
	*np = nn;
	return nw;
}

/* Write the whole index again: every entry that stays, and the new. */
static void
write_full(struct store_txf *t, struct irec *nw, size_t nn,
    const uint8_t *gone, const struct hset *ts)
{
	struct store_feed	*f = t->f;
	struct idx_meta		 m;
	struct irec		*r, old;
	char			*img, *path;
	size_t			 n = 0, i, k, len;

	r = xmalloc((f->n + nn + 1) * sizeof *r);
	for (i = 0, k = 0; i < f->n; i++) {
		if (gone[i] || (t->drop != NULL && t->drop[i]))
			continue;
		feed_rec(f, i, &old);
		/* The index agreed with the state: only changed items move. */
		if (t->s.ntouched > 0 && touched_set_has(ts, old.hash))
			scan_apply_state(&t->s, &old);
		while (k < nn && idx_cmp_rec(&nw[k], &old) < 0)
			r[n++] = nw[k++];
		r[n++] = old;
	}
	while (k < nn)
		r[n++] = nw[k++];
	index_meta(t, &m);
	img = idx_build(r, n, &m, &len);
	(void)idx_write(t->txn->st, t->name, NR_INDEX_FILE, img, len, NULL);
	/* The recent file went with the old index. */
	path = store_meta_path(t->txn->st, t->name, NR_RECENT_FILE);
	(void)unlink(path);
	free(path);
	free(img);
	free(r);
}

/* Compare two base positions, for qsort. */
static int
cmp_u32_pos(const void *a, const void *b)
{
	return cmp_u32(a, b);
}

/* The day slot of t in a sorted (newest first) list, made if missing. */
static struct idx_day *
day_at(struct idx_day *days, size_t *nd, int64_t t)
{
	size_t	lo = 0, hi = *nd, mid;
	int64_t	d = idx_day_of(t);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (days[mid].day > d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < *nd && days[lo].day == d)
		return &days[lo];
	memmove(&days[lo + 1], &days[lo], (*nd - lo) * sizeof *days);
	(*nd)++;
	days[lo].day = d;
	days[lo].total = days[lo].unread = 0;
	return &days[lo];
}

/* Count an entry in or out of the feed's counts and days. */
static void
count_rec(struct idx_meta *m, struct idx_day *days, size_t *nd,
    int64_t date, uint32_t flags, int sign)
{
	struct idx_day	*d = day_at(days, nd, date);

	m->total += (uint64_t)sign;
	d->total += (uint32_t)sign;
	if (!(flags & NR_STATE_READ)) {
		m->unread += (uint64_t)sign;
		d->unread += (uint32_t)sign;
	}
	if (flags & NR_STATE_STARRED)
		m->starred += (uint64_t)sign;
}

/* Base positions of a touched hash, to hide and copy. */
struct hide {
	struct store_feed	*f;
	uint32_t		*hid;
	size_t			 nh;
	size_t			 cap;
};

static void
hide_one(void *arg, size_t p)
{
	struct hide		*h = arg;
	const struct idx_view	*v;
	size_t			 i;

	v = feed_at(h->f, p, &i);
	if (v == &h->f->v && h->nh < h->cap)
		h->hid[h->nh++] = (uint32_t)i;
}

/*
 * Write only the recent file: the entries it had that stay, the new
 * ones, and the index's entries whose state changed (copied, the
 * originals hidden), with the whole feed's counts and days. Returns -1
 * when that would not be small next to the index: the caller writes the
 * whole index then. O(n) in bytes scanned, O(changes) in entries read.
 */
static int
write_recent(struct store_txf *t, struct irec *nw, size_t nn,
    const uint8_t *gone, const struct hset *ts)
{
	struct store_feed	*f = t->f;
	const struct idx_view	*v;
	struct idx_meta		 m;
	struct idx_day		*days;
	struct irec		*e, rec;
	struct hide		 h;
	char			*img;
	size_t			 ne = 0, i, k, w, len, limit, nd, p, first;
	uint64_t		 nseq;

	limit = f->v.n / 32 > 256 ? f->v.n / 32 : 256;
	if (f->r.n + f->r.nhidden + nn + t->s.ntouched > limit)
		return -1;
	memset(&h, 0, sizeof h);
	h.f = f;
	h.cap = limit + 1;
	h.hid = xcalloc(h.cap, sizeof *h.hid);
	for (i = 0; i < f->r.nhidden; i++)
		h.hid[h.nh++] = f->r.hidden[i];
	e = xcalloc(limit + nn + 1, sizeof *e);
	/* The recent entries that stay, their state brought up to date. */
	for (k = 0; k < f->r.n; k++) {
		p = f->rpos[k];
		if (gone[p] || (t->drop != NULL && t->drop[p]))
			continue;
		idx_rec(&f->r, k, &e[ne]);
		if (t->s.ntouched > 0 && touched_set_has(ts, e[ne].hash))
			scan_apply_state(&t->s, &e[ne]);
		e[ne].bpos = f->r.bpos[k];
		ne++;
	}
	/* Base entries replaced or removed: hidden. */
	for (p = 0; p < f->n; p++) {
		if (!gone[p] && (t->drop == NULL || !t->drop[p]))
			continue;
		v = feed_at(f, p, &i);
		if (v == &f->v && h.nh < h.cap)
			h.hid[h.nh++] = (uint32_t)i;
	}
	/* Base entries whose state changed: hidden, and copied. */
	first = h.nh;
	for (k = 0; k < t->s.ntouched; k++)
		feed_each_hash(f, t->s.touched[k], hide_one, &h);
	if (h.nh >= h.cap || ne + nn + h.nh > limit) {
		free(h.hid);
		free(e);
		return -1;
	}
	qsort(h.hid + first, h.nh - first, sizeof *h.hid, cmp_u32_pos);
	for (i = first; i < h.nh; i++) {
		if (i > first && h.hid[i] == h.hid[i - 1])
			continue;
		p = (size_t)feed_pos_base(f, h.hid[i]);
		if (gone[p] || (t->drop != NULL && t->drop[p]))
			continue;
		idx_rec(&f->v, h.hid[i], &e[ne]);
		scan_apply_state(&t->s, &e[ne]);
		e[ne++].bpos = h.hid[i];
	}
	qsort(h.hid, h.nh, sizeof *h.hid, cmp_u32_pos);
	for (i = w = 0; i < h.nh; i++) {
		if (w == 0 || h.hid[i] != h.hid[w - 1])
			h.hid[w++] = h.hid[i];
	}
	h.nh = w;
	for (k = 0; k < nn; k++) {
		e[ne] = nw[k];
		e[ne++].bpos = feed_base_before(f, &nw[k]);
	}
	if (ne > 1)
		qsort(e, ne, sizeof *e, idx_cmp_rec);
	/* The feed's counts and days: the index's, less what is hidden, and
	 * the recent entries. */
	index_meta(t, &m);
	m.total = f->v.h->total;
	m.unread = f->v.h->unread;
	m.starred = f->v.h->starred;
	nd = f->v.ndays;
	days = xcalloc(nd + ne + 1, sizeof *days);
	if (nd > 0)
		memcpy(days, f->v.days, nd * sizeof *days);
	for (i = 0; i < h.nh; i++) {
		idx_rec(&f->v, h.hid[i], &rec);
		count_rec(&m, days, &nd, rec.date, rec.flags, -1);
	}
	nseq = f->v.h->next_seq;
	for (k = 0; k < ne; k++) {
		count_rec(&m, days, &nd, e[k].date, e[k].flags, 1);
		if ((uint64_t)e[k].seq + 1 > nseq)
			nseq = (uint64_t)e[k].seq + 1;
	}
	for (i = w = 0; i < nd; i++) {
		if (days[i].total > 0)
			days[w++] = days[i];
	}
	m.recent = 1;
	m.base_gen = f->v.h->gen;
	m.base_sum = f->v.h->body_sum;
	m.hidden = h.hid;
	m.nhidden = h.nh;
	m.days = days;
	m.ndays = w;
	m.next_seq = nseq > t->next_seq ? nseq : t->next_seq;
	m.gen = f->v.h->gen;
	img = idx_build(e, ne, &m, &len);
	(void)idx_write(t->txn->st, t->name, NR_RECENT_FILE, img, len, NULL);
	free(img);
	free(days);
	free(e);
	free(h.hid);
	return 0;
}

/*
 * Write t's new index: the recent file when few entries changed (a
 * refresh of ten items in a feed of 200,000 writes a file of ten), else
 * the whole index.
 */
static void
write_index(struct store_txf *t)
{
	struct irec	*nw;
	struct hset	 ts;
	char		*v2;
	size_t		 nn;
	uint8_t		*gone;

	nw = new_entries(t, &nn);
	gone = replaced_map(t);
	touched_set(&ts, &t->s);
	/* A base built from scratch (or none yet): write it whole. */
	if (t->f->v.n < 256 || !t->f->mapped ||
	    write_recent(t, nw, nn, gone, &ts) != 0)
		write_full(t, nw, nn, gone, &ts);
	/* A text index of version 2 would be stale now. */
	v2 = store_meta_path(t->txn->st, t->name, NR_INDEX_V2);
	(void)unlink(v2);
	free(v2);
	free(nw);
	free(ts.h);
	free(gone);
}

/* Rename t's written files into place; the first error is kept. */
static enum nr_err
rename_all(struct store_txf *t, enum nr_err err, char *errbuf)
{
	struct pend	*p;
	char		*path;
	size_t		 k;
	int		 e;

	for (k = 0; k < t->np; k++) {
		p = &t->p[k];
		if (p->tmp == NULL)
			continue;
		if (err == NR_OK && rename(p->tmp, p->dst) != 0) {
			e = errno;
			err = nr_seterr(errbuf, store_errno(e), "%s: %s",
			    p->dst, strerror(e));
		}
		if (err != NR_OK) {
			(void)unlink(p->tmp);
			FREE(&p->dst);
		}
		FREE(&p->tmp);
	}
	for (k = 0; t->drop != NULL && k < t->f->n; k++) {
		if (!t->drop[k])
			continue;
		path = store_feed_path(t->f, k);
		if (unlink(path) != 0 && errno != ENOENT && err == NR_OK)
			err = nr_seterr(errbuf, NR_EIO, "%s: %s", path,
			    strerror(errno));
		free(path);
	}
	return err;
}

/*
 * What the transaction is about to change, feed by feed, for the commit
 * hook (before the renames, while the written files are known).
 */
static struct store_change *
changes_make(struct store_txn *txn, size_t *np)
{
	struct store_change	*ch, *c;
	struct store_txf	*t;
	uint64_t		*put, *gone;
	size_t			 i, k, n = 0;

	ch = xcalloc(txn->n + 1, sizeof *ch);
	for (i = 0; i < txn->n; i++) {
		t = txn->v[i];
		c = &ch[n];
		put = xcalloc(t->np + 1, sizeof *put);
		gone = xcalloc(t->ndrop + 1, sizeof *gone);
		for (k = 0; k < t->np; k++) {
			if (t->p[k].tmp != NULL && !t->p[k].dead)
				put[c->nput++] = t->p[k].rec.hash;
		}
		for (k = 0; t->drop != NULL && k < t->f->n; k++) {
			if (t->drop[k])
				gone[c->ngone++] = store_feed_hash(t->f, k);
		}
		c->put = put;
		c->gone = gone;
		if (c->nput == 0 && c->ngone == 0) {
			free(put);
			free(gone);
			c->put = c->gone = NULL;
			c->nput = c->ngone = 0;
			continue;
		}
		c->feed = t->name;
		c->before = store_feed_version(t->f);
		n++;
	}
	*np = n;
	return ch;
}

static void
changes_free(struct store_change *ch, size_t n)
{
	size_t	i;

	if (ch == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((void *)ch[i].put);
		free((void *)ch[i].gone);
	}
	free(ch);
}

enum nr_err
store_txn_commit(struct store_txn *txn, char *errbuf)
{
	struct store_txf	*t;
	struct store_change	*ch = NULL;
	size_t			 i, k, npend = 0, nstate = 0, nexp = 0;
	size_t			 nch = 0;
	int			 dfd, *changed;
	enum nr_err		 err = NR_OK, e;

	for (i = 0; i < txn->n; i++) {
		if ((err = txf_settle(txn->v[i], errbuf)) != NR_OK)
			return err;
	}
	changed = xcalloc(txn->n + 1, sizeof *changed);
	for (i = 0; i < txn->n; i++) {
		t = txn->v[i];
		for (k = 0; k < t->np; k++)
			npend += t->p[k].tmp != NULL;
		nexp += t->ndrop;
		changed[i] = t->s.journal.len > 0 || t->s.rewrite;
		nstate += changed[i];
	}
	if (txn->st->hook != NULL)
		ch = changes_make(txn, &nch);
	dfd = open(txn->st->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* The new files' data is durable before any is named ... */
	if (npend > 0)
		fs_sync(dfd);
	for (i = 0; i < txn->n; i++)
		err = rename_all(txn->v[i], err, errbuf);
	/* ... and named before a state file may refer to them. */
	if ((npend > 0 || nexp > 0) && nstate > 0)
		fs_sync(dfd);
	for (i = 0; i < txn->n; i++) {
		t = txn->v[i];
		if (!changed[i])
			continue;
		e = state_write(txn->st, t->spath, &t->s, NR_WRITE_NOSYNC,
		    err == NR_OK ? errbuf : NULL);
		if (e != NR_OK) {
			if (err == NR_OK)
				err = e;
			t->failed = 1;
		}
	}
	if (nstate > 0)
		fs_sync(dfd);
	if (dfd != -1)
		close(dfd);
	/* Indexes follow what is on disk; a failed state gets none. */
	for (i = 0; i < txn->n; i++) {
		t = txn->v[i];
		if (!t->failed && (t->np > 0 || t->ndrop > 0 || changed[i]))
			write_index(t);
	}
	/* Derived data (the search index) follows, still under the lock. */
	if (ch != NULL && err == NR_OK && nch > 0)
		txn->st->hook(txn->st->hookarg, ch, nch);
	changes_free(ch, nch);
	free(changed);
	return err;
}
