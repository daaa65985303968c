/*
 * A feed opened for reading: its index mapped, checked against the feed
 * directory and the state file, rebuilt when it is missing, corrupt or
 * stale, and the state file's newer lines (marks and tags appended since
 * the index was written) applied on top as an overlay.
 */
#include "nr_config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

/* A tail longer than this is not applied: the state is read whole. */
#define TAIL_READ_MAX	(16 * 1024 * 1024)
/* A user tag list of an overlay, not of the index. */

/* Release the recent file's image. */
static void
drop_recent(struct store_feed *f)
{
	if (f->rimg != NULL)
		munmap(f->rimg, f->rimglen);
	f->rimg = NULL;
	f->rimglen = 0;
	f->has_recent = 0;
	memset(&f->r, 0, sizeof f->r);
	memset(&f->rid, 0, sizeof f->rid);
	free(f->rpos);
	f->rpos = NULL;
	f->fh = f->v.h;
	f->n = f->v.n;
}

/* Release the image. */
static void
drop_image(struct store_feed *f)
{
	drop_recent(f);
	if (f->img != NULL) {
		if (f->mapped)
			munmap(f->img, f->imglen);
		else
			free(f->img);
	}
	f->img = NULL;
	f->imglen = 0;
	memset(&f->v, 0, sizeof f->v);
	f->fh = NULL;
	f->n = 0;
}

/* Create the feed's .meta directory; 1 if it was not there. */
static int
mkdir_meta(struct store_feed *f)
{
	char	*meta = store_meta_path(f->st, f->name, NULL);
	int	 made;

	made = mkdir(meta, 0700) == 0;
	free(meta);
	return made;
}

/* The header's counts and values, copied from a checked view. */
static void
header_from(struct store_feed *f, const struct idx_view *v)
{
	size_t	k;

	f->total = (size_t)v->h->total;
	f->base_unread = (size_t)v->h->unread;
	f->base_starred = (size_t)v->h->starred;
	for (k = 0; k < NR_KEY_MAX; k++) {
		f->base_kv[k] = v->h->kv[k] != 0 ?
		    arena_strdup(&f->arena, idx_str(v, v->h->kv[k])) : NULL;
	}
}

static void	attach_recent(struct store_feed *);

/*
 * Index files this process has checked whole, by identity: device,
 * inode, size, modification time and the checksums in the header. Index
 * files are replaced by renames, never changed in place, so a file with
 * the same identity holds the same bytes and its next mapping needs no
 * second reading of every byte: a writer's own reopening, the search
 * index's hook after a commit, and the interface reloading a feed after
 * another process wrote its small recent file all skip it. Direct-mapped
 * by inode; shared by the threads of the process.
 */
#define VCACHE_SIZE	4096

struct vkey {
	uint64_t	dev;
	uint64_t	ino;
	int64_t		size;
	int64_t		sec;
	long		nsec;
	uint64_t	body_sum;
	uint64_t	head_sum;
};

static struct vkey	vcache[VCACHE_SIZE];
static pthread_mutex_t	vcache_mu = PTHREAD_MUTEX_INITIALIZER;

static size_t
vcache_slot(const struct vkey *k)
{
	return (size_t)((k->ino ^ k->dev * 31) * 0x9e3779b97f4a7c15ULL >>
	    40) % VCACHE_SIZE;
}

static int
vcache_has(const struct vkey *k)
{
	const struct vkey	*c;
	int			 hit;

	pthread_mutex_lock(&vcache_mu);
	c = &vcache[vcache_slot(k)];
	hit = c->ino == k->ino && c->dev == k->dev && c->size == k->size &&
	    c->sec == k->sec && c->nsec == k->nsec &&
	    c->body_sum == k->body_sum && c->head_sum == k->head_sum &&
	    k->ino != 0;
	pthread_mutex_unlock(&vcache_mu);
	return hit;
}

static void
vcache_add(const struct vkey *k)
{
	pthread_mutex_lock(&vcache_mu);
	vcache[vcache_slot(k)] = *k;
	pthread_mutex_unlock(&vcache_mu);
}

/*
 * Map the index file; 0 if it is a valid index. A reader of every item
 * (a scan) or a writer maps it populated and checks it in place; others
 * check it in place too and then let its pages go (MADV_DONTNEED): no
 * page of it is held until an item is looked at. (Files are replaced by
 * renames, never changed in place, so what was checked is what is read
 * later.) A file checked before by this process (same identity) is
 * mapped without a second check.
 */
static int
map_index(struct store_feed *f)
{
	struct idx_view	 chk;
	struct idx_head	 head;
	struct vkey	 key;
	struct stat	 sb;
	void		*p;
	int		 fd, scan, known;

	/* Writers read all of it too: read ahead and check in place. */
	scan = (f->st->flags & NR_STORE_SCAN) != 0 || f->writer;

	memset(&f->idx_id, 0, sizeof f->idx_id);
	fd = open(f->ipath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < 256 ||
	    pread(fd, &head, sizeof head, 0) != (ssize_t)sizeof head) {
		close(fd);
		return -1;
	}
	memset(&key, 0, sizeof key);
	key.dev = (uint64_t)sb.st_dev;
	key.ino = (uint64_t)sb.st_ino;
	key.size = (int64_t)sb.st_size;
	key.sec = (int64_t)sb.st_mtim.tv_sec;
	key.nsec = sb.st_mtim.tv_nsec;
	key.body_sum = head.body_sum;
	key.head_sum = head.head_sum;
	known = vcache_has(&key);
	p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE |
	    (scan ? MAP_POPULATE : 0), fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	if (!scan && !known) {
		/*
		 * Checked in place, then the pages let go: reading the page
		 * cache through the mapping costs a tenth of a copy (no
		 * 40 MB of new memory to clear for a feed of 200,000), and
		 * none of it stays counted as ours.
		 */
		if (idx_view_init(&chk, p, (size_t)sb.st_size) != 0) {
			munmap(p, (size_t)sb.st_size);
			return -1;
		}
		memcpy(&f->hdr, chk.h, sizeof f->hdr);
		(void)madvise(p, (size_t)sb.st_size, MADV_DONTNEED);
	}
	f->idx_id.exists = 1;
	f->idx_id.dev = (uint64_t)sb.st_dev;
	f->idx_id.ino = (uint64_t)sb.st_ino;
	f->idx_id.size = (int64_t)sb.st_size;
	f->idx_id.sec = (int64_t)sb.st_mtim.tv_sec;
	f->idx_id.nsec = sb.st_mtim.tv_nsec;
	f->img = p;
	f->imglen = (size_t)sb.st_size;
	f->mapped = 1;
	if (known) {
		/* The header read above is the one checked before. */
		memcpy(&f->hdr, &head, sizeof f->hdr);
		idx_view_setup(&f->v, p, f->imglen, &f->hdr);
		header_from(f, &f->v);
	} else if (!scan) {
		/* The header copied above: a touch maps all of it. */
		idx_view_setup(&f->v, p, f->imglen, &f->hdr);
		header_from(f, &f->v);
	} else {
		if (idx_view_init(&f->v, p, f->imglen) != 0) {
			drop_image(f);
			return -1;
		}
		header_from(f, &f->v);
	}
	if (!known)
		vcache_add(&key);
	f->fh = f->v.h;
	f->n = f->v.n;
	attach_recent(f);
	return 0;
}

/*
 * Map the recent file if it goes with the index mapped (its base's
 * generation and checksum, positions inside it); its header is then the
 * one that tells whether the feed is up to date, and its counts and
 * values are the feed's.
 */
static void
attach_recent(struct store_feed *f)
{
	struct stat	 sb;
	void		*p;
	size_t		 i;
	int		 fd;

	drop_recent(f);
	fd = open(f->rpath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd == -1)
		return;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < 256 ||
	    (p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) == MAP_FAILED) {
		close(fd);
		return;
	}
	close(fd);
	f->rimg = p;
	f->rimglen = (size_t)sb.st_size;
	if (idx_view_init(&f->r, p, f->rimglen) != 0 ||
	    !(f->r.h->flags & IDX_RECENT) ||
	    f->r.h->base_gen != f->v.h->gen ||
	    f->r.h->base_sum != f->v.h->body_sum ||
	    (f->r.nhidden > 0 && f->r.hidden[f->r.nhidden - 1] >= f->v.n) ||
	    f->r.nhidden > f->v.n) {
		drop_recent(f);
		return;
	}
	for (i = 0; i < f->r.n; i++) {
		if (f->r.bpos[i] > f->v.n) {
			drop_recent(f);
			return;
		}
	}
	f->rid.exists = 1;
	f->rid.dev = (uint64_t)sb.st_dev;
	f->rid.ino = (uint64_t)sb.st_ino;
	f->rid.size = (int64_t)sb.st_size;
	f->rid.sec = (int64_t)sb.st_mtim.tv_sec;
	f->rid.nsec = sb.st_mtim.tv_nsec;
	f->has_recent = 1;
	f->fh = f->r.h;
	merge_setup(f);
	header_from(f, &f->r);
}

enum nr_err
idx_write(struct store *st, const char *feed, const char *file,
    const char *img, size_t len, char *errbuf)
{
	char		*meta;
	enum nr_err	 err;

	meta = store_meta_path(st, feed, NULL);
	if (util_mkdir_p(meta, 0700) != 0)
		err = nr_seterr(errbuf, store_errno(errno), "%s: %s", meta,
		    strerror(errno));
	else
		err = util_write_atomic_flags(meta, file, img, len,
		    NR_WRITE_NOSYNC, errbuf);
	free(meta);
	return err;
}

/*
 * Use a freshly built image: write it (a cache: failing only costs
 * speed) and map the file, or keep the buffer when it cannot be written.
 */
static void
install(struct store_feed *f, char *img, size_t len)
{
	struct fid	idx_now, rec_now;
	int		theirs = 0;

	drop_image(f);
	/*
	 * A reader (no lock) whose rebuild took a while: a writer may have
	 * written a newer index or recent file meanwhile, which this one
	 * must not replace. It is then used from memory only.
	 */
	if (!f->writer) {
		fid_stat(&idx_now, f->ipath);
		fid_stat(&rec_now, f->rpath);
		theirs = !fid_same(&idx_now, &f->idx_seen) ||
		    !fid_same(&rec_now, &f->rec_seen);
	}
	/* A new index: the recent file went with the old one. */
	if (!theirs)
		(void)unlink(f->rpath);
	if (!theirs &&
	    idx_write(f->st, f->name, NR_INDEX_FILE, img, len, NULL) == NR_OK &&
	    map_index(f) == 0 && f->imglen == len &&
	    memcmp(f->img, img, 256) == 0) {
		free(img);
		return;
	}
	drop_image(f);
	memset(&f->idx_id, 0, sizeof f->idx_id);
	f->img = img;
	f->imglen = len;
	f->mapped = 0;
	if (idx_view_init(&f->v, img, len) != 0)
		fatalx("store: built index does not check");
	header_from(f, &f->v);
	f->fh = f->v.h;
	f->n = f->v.n;
}

/* The header values of a build from state s. */
static void
build_meta(struct store_feed *f, const struct state *s, struct idx_meta *m)
{
	size_t	k;

	memset(m, 0, sizeof *m);
	m->gen = f->v.h != NULL ? f->v.h->gen + 1 : 1;
	m->dir_sec = f->dir_id.sec;
	m->dir_nsec = f->dir_id.nsec;
	m->state = &s->id;
	m->stamp = s->stamp;
	for (k = 0; k < NR_KEY_MAX; k++)
		m->kv[k] = state_value(s, store_key_name(k));
}

/*
 * True when the directory changed so recently that a change right after
 * our listing could have left its time as it is: within a second on a
 * file system that keeps whole seconds (nanoseconds 0), else within
 * 20 ms (several ticks of the kernel's clock).
 */
static int
racy(const struct fid *dir)
{
	struct timespec	now;
	int64_t		age;

	clock_gettime(CLOCK_REALTIME, &now);
	age = ((int64_t)now.tv_sec - dir->sec) * 1000000000 +
	    (now.tv_nsec - dir->nsec);
	return age < (dir->nsec == 0 ? 1000000000 : 20000000);
}

/* Rebuild from the directory (new and changed files read). */
static enum nr_err
rebuild_scan(struct store_feed *f, const struct state *s, char *errbuf)
{
	struct scan_old	 old;
	struct idx_meta	 m;
	struct irec	*recs = NULL, *v2 = NULL;
	struct arena	 a;
	char		*img, *v2path;
	size_t		 n = 0, nv2 = 0, len;
	int		 trusted = 0, had_v2;
	enum nr_err	 err;

	arena_init(&a);
	memset(&old, 0, sizeof old);
	v2path = store_meta_path(f->st, f->name, NR_INDEX_V2);
	had_v2 = idx_v2_read(v2path, &f->dir_id, &a, &v2, &nv2, &trusted) ==
	    0;
	if (f->v.h != NULL)
		old.f = f;
	old.recs = v2;
	old.nrecs = nv2;
	err = scan_dir(f->st, f->dir, &old, s, &a, &recs, &n, errbuf);
	if (err == NR_OK) {
		build_meta(f, s, &m);
		m.racy = racy(&f->dir_id);
		img = idx_build(recs, n, &m, &len);
		install(f, img, len);
		/* The text index of version 2 is migrated: remove it. */
		if (had_v2 && f->mapped)
			(void)unlink(v2path);
	}
	free(recs);
	free(v2);
	free(v2path);
	arena_free(&a);
	return err;
}

/* Rebuild from the mapped entries with flags and tags from s. */
static void
rebuild_state(struct store_feed *f, const struct state *s)
{
	struct idx_meta	 m;
	struct irec	*recs;
	char		*img;
	size_t		 i, len;

	recs = xcalloc(f->n + 1, sizeof *recs);
	for (i = 0; i < f->n; i++) {
		feed_rec(f, i, &recs[i]);
		scan_apply_state(s, &recs[i]);
	}
	build_meta(f, s, &m);
	m.racy = (f->fh->flags & IDX_RACY) != 0;
	img = idx_build(recs, f->n, &m, &len);
	free(recs);
	install(f, img, len);
}

struct ovl *
ovl_find(const struct store_feed *f, uint64_t hash)
{
	size_t	k;

	if (f->nov == 0)
		return NULL;
	k = (size_t)(hash * 0x9e3779b97f4a7c15ULL >> 20) & (f->ovtabsize - 1);
	while (f->ovtab[k] != 0) {
		if (f->ov[f->ovtab[k] - 1].hash == hash)
			return &f->ov[f->ovtab[k] - 1];
		k = (k + 1) & (f->ovtabsize - 1);
	}
	return NULL;
}

/* Rehash the overlay table for at least n slots at half load. */
static void
ovl_rehash(struct store_feed *f, size_t n)
{
	size_t	size = 64, i, k;

	while (size < 2 * n)
		size *= 2;
	free(f->ovtab);
	f->ovtab = xcalloc(size, sizeof *f->ovtab);
	f->ovtabsize = size;
	for (i = 0; i < f->nov; i++) {
		k = (size_t)(f->ov[i].hash * 0x9e3779b97f4a7c15ULL >> 20) &
		    (size - 1);
		while (f->ovtab[k] != 0)
			k = (k + 1) & (size - 1);
		f->ovtab[k] = (uint32_t)(i + 1);
	}
}

/* The overlay slot of hash, made from entry pos if new. */
static struct ovl *
ovl_get(struct store_feed *f, uint64_t hash, size_t pos)
{
	struct ovl	*o;

	if ((o = ovl_find(f, hash)) != NULL)
		return o;
	if (f->nov == f->ovcap) {
		f->ovcap = f->ovcap ? f->ovcap * 2 : 16;
		f->ov = xreallocarray(f->ov, f->ovcap, sizeof *f->ov);
	}
	o = &f->ov[f->nov++];
	memset(o, 0, sizeof *o);
	o->hash = hash;
	{
		const struct idx_view	*v;
		size_t			 i;

		v = feed_at(f, pos, &i);
		o->state = (int)(v->flags[i] & 0xff);
	}
	ovl_rehash(f, f->nov);
	return o;
}

/* Make the per-day counts the feed's own (before they change). */
static void
own_days(struct store_feed *f)
{
	size_t	i;

	const struct idx_view	*v = f->has_recent ? &f->r : &f->v;

	if (f->days != NULL || v->ndays == 0)
		return;
	f->days = xcalloc(v->ndays, sizeof *f->days);
	for (i = 0; i < v->ndays; i++) {
		f->days[i].day = v->days[i].day;
		f->days[i].total = v->days[i].total;
		f->days[i].unread = v->days[i].unread;
	}
	f->ndays = v->ndays;
}

/* The day slot of t. */
static struct store_day *
day_slot(struct store_feed *f, int64_t t)
{
	size_t	lo = 0, hi = f->ndays, mid;
	int64_t	d = idx_day_of(t);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->days[mid].day > d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->ndays && f->days[lo].day == d ? &f->days[lo] : NULL;
}

/* A change of state being counted. */
struct change {
	struct store_feed	*f;
	int			 old;
	int			 new;
};

/* Count the change for the entry at position p. */
static void
count_one(void *arg, size_t p)
{
	struct change		*c = arg;
	struct store_feed	*f = c->f;
	const struct idx_view	*v;
	struct store_day	*d;
	size_t			 i;
	int			 old = c->old, new = c->new;

	if ((old & NR_STATE_READ) && !(new & NR_STATE_READ))
		f->unread++;
	if (!(old & NR_STATE_READ) && (new & NR_STATE_READ))
		f->unread--;
	if ((old & NR_STATE_STARRED) && !(new & NR_STATE_STARRED))
		f->starred--;
	if (!(old & NR_STATE_STARRED) && (new & NR_STATE_STARRED))
		f->starred++;
	v = feed_at(f, p, &i);
	if ((d = day_slot(f, v->date[i])) == NULL)
		return;
	if ((old & NR_STATE_READ) && !(new & NR_STATE_READ))
		d->unread++;
	if (!(old & NR_STATE_READ) && (new & NR_STATE_READ))
		d->unread--;
}

/* Count a change of state from old to new of the entries of hash. */
static void
recount(struct store_feed *f, uint64_t hash, int old, int new)
{
	struct change	c;

	if (old == new)
		return;
	own_days(f);
	c.f = f;
	c.old = old;
	c.new = new;
	feed_each_hash(f, hash, count_one, &c);
}

/* Apply "+tag\n-tag\n" operations to base; the result in the arena. */
static const char *
apply_ops(struct arena *a, const char *base, const char *ops)
{
	struct strbuf	 sb, tag;
	const char	*p, *nl, *q, *qn;
	size_t		 len;
	int		 has;

	strbuf_init(&sb, 0);
	strbuf_adds(&sb, base);
	strbuf_init(&tag, 0);
	for (p = ops; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		strbuf_reset(&tag);
		strbuf_add(&tag, p + 1, (size_t)(nl - p - 1));
		has = 0;
		for (q = sb.buf; q != NULL && *q != '\0'; q = qn) {
			qn = strchr(q, '\n');
			len = qn != NULL ? (size_t)(qn - q) : strlen(q);
			if (len == tag.len && memcmp(q, tag.buf, len) == 0) {
				has = 1;
				if (*p == '-') {
					/* Cut it out, with one separator. */
					size_t at = (size_t)(q - sb.buf);
					size_t cut = len + (qn != NULL);

					if (qn == NULL && at > 0) {
						at--;
						cut++;
					}
					memmove(sb.buf + at, sb.buf + at + cut,
					    sb.len - at - cut + 1);
					sb.len -= cut;
				}
				break;
			}
			if (qn != NULL)
				qn++;
		}
		if (*p == '+' && !has) {
			if (sb.len > 0)
				strbuf_addc(&sb, '\n');
			strbuf_add(&sb, tag.buf, tag.len);
		}
	}
	p = arena_strdup(a, sb.len > 0 ? sb.buf : "");
	strbuf_clear(&sb);
	strbuf_clear(&tag);
	return p;
}

/* The user tags of the entry at position p, as the index has them. */
static const char *
entry_utags(const struct store_feed *f, size_t p)
{
	const struct idx_view	*v;
	size_t			 i;

	v = feed_at(f, p, &i);
	return idx_str(v, v->utags[i]);
}

/* Apply a parsed tail of the state file as overlays. */
static void
apply_tail(struct store_feed *f, const struct state *t)
{
	const struct smeta	*m;
	struct ovl		*o;
	size_t			 i, k;
	long			 pos;
	int			 old;

	for (i = 0; i < t->n; i++) {
		m = &t->m[i];
		if ((pos = feed_find(f, m->hash)) < 0)
			continue;
		o = ovl_get(f, m->hash, (size_t)pos);
		old = o->state;
		if (m->has_flags)
			o->state = m->flags;
		if (m->has_item)
			o->author = arena_strdup(&f->arena, m->author != NULL ?
			    m->author : "");
		if (m->ops != NULL)
			o->utags = apply_ops(&f->arena, o->utags != NULL ?
			    o->utags : entry_utags(f, (size_t)pos), m->ops);
		recount(f, m->hash, old, o->state);
	}
	for (i = 0; i < t->nkv; i++) {
		for (k = 0; k < NR_KEY_MAX; k++) {
			if (strcmp(t->kv[i].key, store_key_name(k)) == 0)
				f->kv[k] = t->kv[i].value != NULL ?
				    arena_strdup(&f->arena, t->kv[i].value) :
				    NULL;
		}
	}
}

/* Read bytes [from, to) of the state file; NULL if it cannot. */
static char *
read_range(const char *path, int64_t from, int64_t to)
{
	char	*buf;
	size_t	 len = (size_t)(to - from), got = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return NULL;
	buf = xmalloc(len + 1);
	while (got < len) {
		n = pread(fd, buf + got, len - got, (off_t)(from + got));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != len) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* How the state file relates to the index. */
enum state_rel { REL_SAME, REL_TAIL, REL_OTHER };

static enum state_rel
state_relation(struct store_feed *f)
{
	const struct idx_head	*h = f->fh;

	if (!f->state_id.exists)
		return h->state_ino == 0 ? REL_SAME : REL_OTHER;
	if (h->state_ino != f->state_id.ino)
		return REL_OTHER;
	if ((uint64_t)f->state_id.size == h->state_size)
		return REL_SAME;
	if ((uint64_t)f->state_id.size > h->state_size &&
	    f->state_id.size - (int64_t)h->state_size <= TAIL_READ_MAX &&
	    state_read_stamp(f->spath) == h->state_stamp)
		return REL_TAIL;
	return REL_OTHER;
}

/* Load the tail of the state file; 0, or -1 to read it whole. */
static int
load_tail(struct store_feed *f)
{
	struct state	 t;
	char		*buf;
	size_t		 len;
	int64_t		 from = (int64_t)f->fh->state_size;

	if ((buf = read_range(f->spath, from, f->state_id.size)) == NULL)
		return -1;
	len = (size_t)(f->state_id.size - from);
	/* A torn last line is not applied (and not counted). */
	while (len > 0 && buf[len - 1] != '\n')
		len--;
	state_init(&t);
	t.tail = 1;
	t.buf = buf;
	state_parse(f->st, f->spath, &t, buf, len, 0);
	apply_tail(f, &t);
	state_free(&t);
	return 0;
}

/* Counts and values as the header has them (before overlays). */
static void
take_header(struct store_feed *f)
{
	size_t	k;

	free(f->days);
	f->days = NULL;
	f->ndays = 0;
	f->nov = 0;
	f->unread = f->base_unread;
	f->starred = f->base_starred;
	for (k = 0; k < NR_KEY_MAX; k++)
		f->kv[k] = f->base_kv[k];
}

/* Fold the overlays into a new index (the tail grew long). */
static void
fold_tail(struct store_feed *f)
{
	struct state	 s;
	struct idx_meta	 m;
	struct irec	*recs;
	struct ovl	*o;
	char		*img;
	size_t		 i, len, k;

	recs = xcalloc(f->n + 1, sizeof *recs);
	for (i = 0; i < f->n; i++) {
		feed_rec(f, i, &recs[i]);
		if ((o = ovl_find(f, recs[i].hash)) == NULL)
			continue;
		recs[i].flags = (uint32_t)o->state;
		if (o->utags != NULL)
			recs[i].utags = o->utags;
		if (o->author != NULL)
			recs[i].author = o->author;
	}
	state_init(&s);
	s.id = f->state_id;
	s.stamp = f->fh->state_stamp;
	memset(&m, 0, sizeof m);
	m.gen = f->v.h->gen + 1;
	m.dir_sec = f->fh->dir_sec;
	m.dir_nsec = (long)f->fh->dir_nsec;
	m.racy = (f->fh->flags & IDX_RACY) != 0;
	m.state = &s.id;
	m.stamp = s.stamp;
	for (k = 0; k < NR_KEY_MAX; k++)
		m.kv[k] = f->kv[k];
	img = idx_build(recs, f->n, &m, &len);
	free(recs);
	state_free(&s);
	/* The strings of the overlays live in the arena until now. */
	install(f, img, len);
}

/*
 * Open a feed; with quick, only when its index is up to date and in step
 * with the state ws identifies (the caller reads the state in part), and
 * *out is NULL otherwise, with nothing written.
 */
static enum nr_err
open_feed(struct store *st, const char *name, const struct state *ws,
    int quick, struct store_feed **out, char *errbuf)
{
	struct store_feed	*f;
	struct state		 s;
	struct idx_meta		 m;
	const struct state	*use;
	char			*img;
	size_t			 len;
	int			 valid, fresh, looked = 0;
	enum state_rel		 rel;
	enum nr_err		 err = NR_OK;

	*out = NULL;
	if (!store_feed_name_valid(name))
		return nr_seterr(errbuf, NR_EUSAGE, "invalid feed name '%s'",
		    name);
	f = xcalloc(1, sizeof *f);
	f->st = st;
	f->writer = ws != NULL;
	f->name = xstrdup(name);
	f->dir = store_feed_dir(st, name);
	f->ipath = store_meta_path(st, name, NR_INDEX_FILE);
	f->rpath = store_meta_path(st, name, NR_RECENT_FILE);
	f->spath = store_meta_path(st, name, NR_STATE_FILE);
	arena_init(&f->arena);
again:
	/* What the index is checked against is looked at first. */
	fid_stat(&f->dir_id, f->dir);
	if (f->dir_id.exists && mkdir_meta(f)) {
		/* Making .meta changed the directory's time. */
		fid_stat(&f->dir_id, f->dir);
	}
	fid_stat(&f->state_id, f->spath);
	fid_stat(&f->idx_seen, f->ipath);
	fid_stat(&f->rec_seen, f->rpath);
	if (!f->dir_id.exists) {
		state_init(&s);
		memset(&m, 0, sizeof m);
		m.gen = 1;
		img = idx_build(NULL, 0, &m, &len);
		f->img = img;
		f->imglen = len;
		if (idx_view_init(&f->v, img, len) != 0)
			fatalx("store: empty index does not check");
		header_from(f, &f->v);
		f->fh = f->v.h;
		f->n = 0;
		state_free(&s);
		take_header(f);
		*out = f;
		return NR_OK;
	}
	valid = map_index(f) == 0;
	fresh = valid && f->fh->dir_sec == f->dir_id.sec &&
	    f->fh->dir_nsec == f->dir_id.nsec &&
	    !(f->fh->flags & IDX_RACY);
	rel = valid ? state_relation(f) : REL_OTHER;
	if (ws != NULL && valid && (ws->id.ino != f->fh->state_ino ||
	    (uint64_t)ws->id.size != f->fh->state_size ||
	    ws->stamp != f->fh->state_stamp))
		rel = REL_OTHER;
	/*
	 * A reader finding the index behind while another writer holds the
	 * lock takes it as it is: what was committed last. The writer's new
	 * index follows in a moment, and a directory of 200,000 files is
	 * not listed (nor its index rewritten) in between. A reader under
	 * its own lock (store_mark reading the flags it changes) reads all.
	 */
	if (ws == NULL && valid && (!fresh || rel == REL_OTHER) &&
	    !store_locked(st)) {
		if (store_writer_busy(st)) {
			fresh = 1;
			if (rel == REL_OTHER)
				rel = REL_SAME;
		} else if (looked) {
			log_debug("store: %s: index behind (fresh %d racy %d "
			    "dir %lld.%09ld index %lld.%09lld rel %d), "
			    "rebuilt", f->name, fresh,
			    (f->fh->flags & IDX_RACY) != 0,
			    (long long)f->dir_id.sec, f->dir_id.nsec,
			    (long long)f->fh->dir_sec,
			    (long long)f->fh->dir_nsec, (int)rel);
		} else if (!looked) {
			/*
			 * The lock is free now, but the directory may have
			 * been looked at while a writer held it: the writer
			 * has written its index since. Look once more before
			 * listing the directory.
			 */
			looked = 1;
			drop_image(f);
			goto again;
		}
	}
	state_init(&s);
	use = ws;
	if (quick && (!fresh || rel != REL_SAME)) {
		store_feed_close(f);
		return NR_OK;
	}
	if (!fresh || rel == REL_OTHER) {
		if (use == NULL) {
			err = state_load(st, f->spath, &s, errbuf);
			use = &s;
		}
		if (err == NR_OK && !fresh)
			err = rebuild_scan(f, use, errbuf);
		else if (err == NR_OK)
			rebuild_state(f, use);
		rel = REL_SAME;
	}
	state_free(&s);
	if (err != NR_OK) {
		store_feed_close(f);
		return err;
	}
	take_header(f);
	if (rel == REL_TAIL && ws == NULL) {
		if (load_tail(f) != 0) {
			/* Unreadable: read the state whole instead. */
			if ((err = state_load(st, f->spath, &s, errbuf)) ==
			    NR_OK)
				rebuild_state(f, &s);
			state_free(&s);
			take_header(f);
		} else if (f->state_id.size - (int64_t)f->fh->state_size >
		    NR_TAIL_MAX) {
			fold_tail(f);
			take_header(f);
		}
	}
	if (err != NR_OK) {
		store_feed_close(f);
		return err;
	}
	fid_stat(&f->rstat, f->rpath);
	*out = f;
	return NR_OK;
}

enum nr_err
feed_open(struct store *st, const char *name, const struct state *ws,
    struct store_feed **out, char *errbuf)
{
	return open_feed(st, name, ws, 0, out, errbuf);
}

enum nr_err
feed_open_quick(struct store *st, const char *name, const struct state *ws,
    struct store_feed **out, char *errbuf)
{
	return open_feed(st, name, ws, 1, out, errbuf);
}

enum nr_err
store_feed_open(struct store *st, const char *name, struct store_feed **out,
    char *errbuf)
{
	return feed_open(st, name, NULL, out, errbuf);
}

void
store_feed_close(struct store_feed *f)
{
	if (f == NULL)
		return;
	drop_image(f);
	free(f->name);
	free(f->dir);
	free(f->ipath);
	free(f->rpath);
	free(f->spath);
	free(f->ov);
	free(f->ovtab);
	free(f->days);
	arena_free(&f->arena);
	free(f);
}

void
store_feed_overlay(struct store_feed *f, uint64_t hash, int state)
{
	struct ovl	*o;
	long		 pos;
	int		 old;

	if ((pos = feed_find(f, hash)) < 0)
		return;
	o = ovl_get(f, hash, (size_t)pos);
	old = o->state;
	o->state = state;
	recount(f, hash, old, state);
}
