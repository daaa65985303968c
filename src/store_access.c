/*
 * Reading a feed opened with store_feed_open: its items by position in
 * the one list of index and recent file (store_merge.c), the pages of the
 * index touched only for the items looked at, and the columns a scan
 * needs copied out with pread.
 */
#include "nr_config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
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

/* A user tag list of an overlay, not of the index. */
#define COLS_OWN_UTAGS	UINT32_MAX

int
store_feed_changed(struct store_feed *f)
{
	struct fid	id;

	fid_stat(&id, f->dir);
	if (id.exists != f->dir_id.exists || (id.exists &&
	    (id.sec != f->dir_id.sec || id.nsec != f->dir_id.nsec)))
		return 1;
	fid_stat(&id, f->spath);
	if (!fid_same(&id, &f->state_id))
		return 1;
	if (!f->dir_id.exists)
		return 0;
	fid_stat(&id, f->ipath);
	if (f->idx_id.exists && !fid_same(&id, &f->idx_id))
		return 1;
	fid_stat(&id, f->rpath);
	return !fid_same(&id, &f->rid) && (id.exists || f->has_recent);
}

const char *
store_feed_name(const struct store_feed *f)
{
	return f->name;
}

size_t
store_feed_count(const struct store_feed *f)
{
	return f->n;
}

size_t
store_feed_unread(const struct store_feed *f)
{
	return f->unread;
}

size_t
store_feed_starred(const struct store_feed *f)
{
	return f->starred;
}

const char *
store_feed_get(const struct store_feed *f, enum store_key k)
{
	if ((unsigned)k >= NR_KEY_MAX)
		return NULL;
	return f->kv[k];
}

void
store_feed_item(const struct store_feed *f, size_t p, struct store_item *it)
{
	const struct idx_view	*v;
	const struct ovl	*o;
	size_t			 i;

	v = feed_at(f, p, &i);
	it->feed = f->name;
	it->hash = v->hash[i];
	it->seq = v->seq[i];
	it->date = v->date[i];
	it->state = (int)(v->flags[i] & 0xff);
	it->title = idx_str(v, v->title[i]);
	it->link = idx_str(v, v->link[i]);
	it->tags = idx_str(v, v->tags[i]);
	it->usertags = idx_str(v, v->utags[i]);
	it->author = idx_str(v, v->author[i]);
	if (f->nov > 0 && (o = ovl_find(f, it->hash)) != NULL) {
		it->state = o->state;
		if (o->utags != NULL)
			it->usertags = o->utags;
		if (o->author != NULL)
			it->author = o->author;
	}
}

int64_t
store_feed_date(const struct store_feed *f, size_t p)
{
	const struct idx_view	*v;
	size_t			 i;

	v = feed_at(f, p, &i);
	return v->date[i];
}

uint64_t
store_feed_hash(const struct store_feed *f, size_t p)
{
	const struct idx_view	*v;
	size_t			 i;

	v = feed_at(f, p, &i);
	return v->hash[i];
}

int
store_feed_state(const struct store_feed *f, size_t p)
{
	const struct idx_view	*v;
	const struct ovl	*o;
	size_t			 i;

	v = feed_at(f, p, &i);
	if (f->nov > 0 && (o = ovl_find(f, v->hash[i])) != NULL)
		return o->state;
	return (int)(v->flags[i] & 0xff);
}

long
store_feed_find(const struct store_feed *f, uint64_t hash)
{
	return feed_find(f, hash);
}

size_t
store_feed_before(const struct store_feed *f, int64_t t)
{
	size_t	lo = 0, hi = f->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (store_feed_date(f, mid) >= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
store_feed_days(const struct store_feed *f, const struct store_day **out)
{
	static struct store_day	 none;
	const struct idx_view	*v = f->has_recent ? &f->r : &f->v;

	if (f->days != NULL) {
		*out = f->days;
		return f->ndays;
	}
	/* Same layout as the file's: day, total, unread. */
	*out = v->ndays > 0 ? (const struct store_day *)(const void *)
	    v->days : &none;
	return v->ndays;
}

void
store_feed_release(struct store_feed *f)
{
	if (f->mapped && f->img != NULL)
		(void)madvise(f->img, f->imglen, MADV_DONTNEED);
}

/*
 * Copy len bytes at off of the index file into out without touching the
 * mapping (no page of it is held after): through the file when it is the
 * one mapped, else from the image.
 */
static void
copy_out(const struct store_feed *f, size_t off, void *out, size_t len)
{
	struct stat	sb;
	size_t		got = 0;
	ssize_t		n;
	int		fd = -1;

	if (len == 0)
		return;
	if (f->mapped && (fd = open(f->ipath, O_RDONLY | O_CLOEXEC |
	    O_NOFOLLOW | O_NONBLOCK)) != -1 && fstat(fd, &sb) == 0 &&
	    (uint64_t)sb.st_ino == f->idx_id.ino &&
	    (uint64_t)sb.st_dev == f->idx_id.dev &&
	    sb.st_size == f->idx_id.size) {
		while (got < len) {
			n = pread(fd, (char *)out + got, len - got,
			    (off_t)(off + got));
			if (n == -1 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
	}
	if (fd != -1)
		close(fd);
	if (got < len)
		memcpy((char *)out + got, (const char *)f->img + off + got,
		    len - got);
}

/*
 * Walk the list in order: fn(arg, p, v, i) for every position p, with
 * the view and index of its entry. O(n).
 */
static void
walk(const struct store_feed *f, void (*fn)(void *, size_t,
    const struct idx_view *, size_t), void *arg)
{
	size_t	p = 0, b = 0, j = 0, h = 0;

	while (b < f->v.n || j < f->r.n) {
		if (f->has_recent && j < f->r.n && f->r.bpos[j] <= b) {
			fn(arg, p++, &f->r, j++);
			continue;
		}
		if (b >= f->v.n)
			break;
		if (f->has_recent && h < f->r.nhidden && f->r.hidden[h] == b) {
			h++;
			b++;
			continue;
		}
		fn(arg, p++, &f->v, b++);
	}
}

/* Base columns copied out, and the merged arrays being filled. */
struct colwalk {
	const int64_t		*bdate;
	const uint32_t		*btags;
	const uint32_t		*butags;
	const uint32_t		*bflags;
	const struct idx_view	*base;
	struct store_cols	*c;
	int64_t			*dates;
	size_t			 roff;	/* recent strings start here */
};

static void
col_one(void *arg, size_t p, const struct idx_view *v, size_t i)
{
	struct colwalk	*w = arg;
	struct store_cols *c = w->c;

	if (w->dates != NULL) {
		w->dates[p] = v == w->base ? w->bdate[i] : v->date[i];
		return;
	}
	if (v == w->base) {
		c->date[p] = w->bdate[i];
		c->tags[p] = w->btags[i];
		c->utags[p] = w->butags[i];
		c->state[p] = (uint8_t)(w->bflags[i] & 0xff);
	} else {
		/* The recent file's strings follow the base's in strs. */
		c->date[p] = v->date[i];
		c->tags[p] = v->tags[i] < v->h->shared ?
		    (uint32_t)(w->roff + v->tags[i]) : 0;
		c->utags[p] = v->utags[i] < v->h->shared ?
		    (uint32_t)(w->roff + v->utags[i]) : 0;
		c->state[p] = (uint8_t)(v->flags[i] & 0xff);
	}
}

/* Copy a base column (4 or 8 bytes an entry) out of the file. */
static void *
base_col(const struct store_feed *f, enum idx_col col, size_t size)
{
	void	*out = xmalloc(f->v.n * size + 1);

	copy_out(f, idx_col_offset(f->v.n, col), out, f->v.n * size);
	return out;
}

void
store_feed_dates(const struct store_feed *f, int64_t *out)
{
	struct colwalk	w;

	if (!f->has_recent) {
		copy_out(f, idx_col_offset(f->v.n, IDX_COL_DATE), out,
		    f->v.n * sizeof *out);
		return;
	}
	memset(&w, 0, sizeof w);
	w.base = &f->v;
	w.bdate = base_col(f, IDX_COL_DATE, sizeof *w.bdate);
	w.dates = out;
	walk(f, col_one, &w);
	free((void *)w.bdate);
}

void
store_feed_cols(const struct store_feed *f, struct store_cols *c)
{
	struct colwalk		 w;
	const struct ovl	*o;
	size_t			 n = f->n, i, shared, rshared = 0;
	long			 p;

	c->n = n;
	c->date = xcalloc(n + 1, sizeof *c->date);
	c->tags = xcalloc(n + 1, sizeof *c->tags);
	c->utags = xcalloc(n + 1, sizeof *c->utags);
	c->state = xcalloc(n + 1, sizeof *c->state);
	/* The shared strings (tag lists): the head of each pool. */
	shared = (size_t)f->v.h->shared;
	if (f->has_recent)
		rshared = (size_t)f->r.h->shared;
	c->nstrs = shared + rshared;
	c->strs = xmalloc(c->nstrs + 1);
	copy_out(f, (size_t)(f->v.pool - (const char *)f->img), c->strs,
	    shared);
	if (rshared > 0)
		memcpy(c->strs + shared, f->r.pool, rshared);
	c->strs[c->nstrs] = '\0';
	memset(&w, 0, sizeof w);
	w.base = &f->v;
	w.c = c;
	w.roff = shared;
	w.bdate = base_col(f, IDX_COL_DATE, sizeof *w.bdate);
	w.btags = base_col(f, IDX_COL_TAGS, sizeof *w.btags);
	w.butags = base_col(f, IDX_COL_UTAGS, sizeof *w.butags);
	w.bflags = base_col(f, IDX_COL_FLAGS, sizeof *w.bflags);
	walk(f, col_one, &w);
	free((void *)w.bdate);
	free((void *)w.btags);
	free((void *)w.butags);
	free((void *)w.bflags);
	/* Offsets come from the file: keep them inside the copy. */
	for (i = 0; i < n; i++) {
		if (c->tags[i] >= c->nstrs)
			c->tags[i] = 0;
		if (c->utags[i] >= c->nstrs)
			c->utags[i] = 0;
	}
	/* Overlays: appended state lines, pending changes. */
	for (i = 0; i < f->nov; i++) {
		o = &f->ov[i];
		store_cols_overlay(f, c, o->hash, o->state);
		if (o->utags != NULL && (p = feed_find(f, o->hash)) >= 0)
			c->utags[p] = COLS_OWN_UTAGS;
	}
}

/* Set the state of one position, for store_cols_overlay. */
struct setstate {
	struct store_cols	*c;
	int			 state;
};

static void
set_one(void *arg, size_t p)
{
	struct setstate	*s = arg;

	if (p < s->c->n)
		s->c->state[p] = (uint8_t)s->state;
}

void
store_cols_overlay(const struct store_feed *f, struct store_cols *c,
    uint64_t hash, int state)
{
	struct setstate	s = { c, state };

	feed_each_hash(f, hash, set_one, &s);
}

void
store_cols_free(struct store_cols *c)
{
	free(c->date);
	free(c->tags);
	free(c->utags);
	free(c->state);
	free(c->strs);
	memset(c, 0, sizeof *c);
}

const char *
store_feed_tagstr(const struct store_feed *f, const struct store_cols *c,
    size_t i, int user)
{
	const struct ovl	*o;

	if (user && c->utags[i] == COLS_OWN_UTAGS)
		return (o = ovl_find(f, store_feed_hash(f, i))) != NULL &&
		    o->utags != NULL ? o->utags : "";
	return c->strs + (user ? c->utags[i] : c->tags[i]);
}

/* Mix x into h (a 64-bit FNV-1a step per byte). */
static uint64_t
mix64(uint64_t h, uint64_t x)
{
	int	k;

	for (k = 0; k < 8; k++) {
		h ^= (x >> (8 * k)) & 0xff;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Mix a file's identity into h. */
static uint64_t
mix_fid(uint64_t h, const struct fid *id)
{
	if (!id->exists)
		return mix64(h, 0);
	h = mix64(h, id->dev);
	h = mix64(h, id->ino);
	h = mix64(h, (uint64_t)id->size);
	h = mix64(h, (uint64_t)id->sec);
	return mix64(h, (uint64_t)id->nsec);
}

/* The version of a feed whose files have these identities. */
static uint64_t
version_of(const struct fid *dir, const struct fid *idx,
    const struct fid *recent, const struct fid *state)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	if (!dir->exists)
		return 0;
	h = mix_fid(h, dir);
	h = mix_fid(h, idx);
	h = mix_fid(h, recent);
	h = mix_fid(h, state);
	return h != 0 ? h : 1;
}

/*
 * From the identities of the feed's directory and files only (each is
 * replaced by a rename, never changed in place), so that
 * store_feed_version_peek gives the same without opening the feed.
 */
uint64_t
store_feed_version(const struct store_feed *f)
{
	return version_of(&f->dir_id, &f->idx_id, &f->rstat, &f->state_id);
}

uint64_t
store_feed_version_peek(struct store *st, const char *name)
{
	struct fid	 dir, idx, recent, state;
	char		*p;

	if (!store_feed_name_valid(name))
		return 0;
	p = store_feed_dir(st, name);
	fid_stat(&dir, p);
	free(p);
	p = store_meta_path(st, name, NR_INDEX_FILE);
	fid_stat(&idx, p);
	free(p);
	p = store_meta_path(st, name, NR_RECENT_FILE);
	fid_stat(&recent, p);
	free(p);
	p = store_meta_path(st, name, NR_STATE_FILE);
	fid_stat(&state, p);
	free(p);
	return version_of(&dir, &idx, &recent, &state);
}

uint64_t
store_feed_fileid(const struct store_feed *f, size_t p)
{
	const struct idx_view	*v;
	uint64_t		 h = 0xcbf29ce484222325ULL;
	size_t			 i;

	/* Not the checksum: an index built by a scan may not have it. */
	v = feed_at(f, p, &i);
	h = mix64(h, v->size[i]);
	h = mix64(h, (uint64_t)v->mtime[i]);
	return mix64(h, v->mnsec[i]);
}

char *
store_feed_path(const struct store_feed *f, size_t p)
{
	const struct idx_view	*v;
	char			 name[NR_ARTICLE_NAME_SIZE];
	size_t			 i;

	v = feed_at(f, p, &i);
	return xasprintf("%s/%s", f->dir, idx_entry_name(v, i, name,
	    sizeof name));
}

const char *
store_feed_summary(const struct store_feed *f, size_t i, char *buf,
    size_t size)
{
	char	*path, *p, *q, *end, tmp[16384];
	ssize_t	 n;
	int	 fd;

	*buf = '\0';
	path = store_feed_path(f, i);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	free(path);
	if (fd == -1)
		return buf;
	n = read(fd, tmp, sizeof tmp - 1);
	close(fd);
	if (n <= 0)
		return buf;
	tmp[n] = '\0';
	end = tmp + n;
	/* The summary is the third line. */
	if ((p = memchr(tmp, '\n', (size_t)(end - tmp))) == NULL ||
	    (p = memchr(p + 1, '\n', (size_t)(end - p - 1))) == NULL)
		return buf;
	p++;
	q = memchr(p, '\n', (size_t)(end - p));
	if (q == NULL)
		q = end;
	if (q > p && q[-1] == '\r')
		q--;
	if ((size_t)(q - p) >= size)
		q = p + size - 1;
	memcpy(buf, p, (size_t)(q - p));
	buf[q - p] = '\0';
	return buf;
}
