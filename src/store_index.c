/*
 * A feed's index (.meta/items): a header with the feed's counts, values
 * and per-day counts, then one fixed-size field per item in columns
 * (newest first) and a pool of strings. Readers map it; writers build a
 * new one and rename it into place. It is derived from the article files
 * and the state file, and rebuilt from them when it is missing, stale or
 * corrupt (docs/FORMAT.md, section 5).
 */
#include "nr_config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

/* The header is 256 bytes on every platform. */
typedef char idx_head_is_256[sizeof(struct idx_head) == 256 ? 1 : -1];

#define HEAD	256u
#define PERREC	80u	/* 4 eight-byte and 12 four-byte fields */

/* Newest first; ties in the order stored (sequence), then by hash. */
int
idx_cmp_rec(const void *a, const void *b)
{
	const struct irec	*x = a, *y = b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return strcmp(x->fname, y->fname);
}

/* Strings shared by many entries (tags, authors) are stored once. */
struct dedup {
	uint64_t	*keys;
	uint32_t	*offs;
	size_t		 size;
	size_t		 n;
};

/* Add s to the pool unless it is there; its offset (0 for ""). */
static uint32_t
pool_add(char *pool, size_t *used, struct dedup *d, const char *s)
{
	size_t		len, k = 0, i;
	uint64_t	h = 0;
	uint32_t	off;

	if (s == NULL || *s == '\0')
		return 0;
	len = strlen(s);
	if (d != NULL) {
		h = util_hash64(s, len) | 1;
		k = (size_t)(h * 0x9e3779b97f4a7c15ULL >> 17) & (d->size - 1);
		for (i = 0; d->keys[k] != 0 && i < d->size; i++) {
			if (d->keys[k] == h && strcmp(pool + d->offs[k], s) ==
			    0)
				return d->offs[k];
			k = (k + 1) & (d->size - 1);
		}
	}
	off = (uint32_t)*used;
	memcpy(pool + *used, s, len + 1);
	*used += len + 1;
	if (d != NULL && d->n < d->size / 2) {
		d->keys[k] = h;
		d->offs[k] = off;
		d->n++;
	}
	return off;
}

int64_t
idx_day_of(int64_t t)
{
	int64_t	r = t % 86400;

	if (r < 0)
		r += 86400;
	/* The first day of all holds what is before it. */
	if (t < INT64_MIN + 86400)
		return INT64_MIN;
	return t - r;
}

/*
 * The positions of entries sorted by hash: a radix sort (four passes of
 * 16 bits), stable, so entries of one hash stay in list order. O(n).
 */
static void
sort_byhash(const struct irec *r, uint32_t *out, size_t n)
{
	uint32_t	*tmp, *src, *dst, *sw;
	size_t		*count, i, pass, sum, c;

	tmp = xmalloc((n + 1) * sizeof *tmp);
	count = xmalloc(65536 * sizeof *count);
	for (i = 0; i < n; i++)
		out[i] = (uint32_t)i;
	src = out;
	dst = tmp;
	for (pass = 0; pass < 4; pass++) {
		memset(count, 0, 65536 * sizeof *count);
		for (i = 0; i < n; i++)
			count[(r[src[i]].hash >> (16 * pass)) & 0xffff]++;
		for (i = sum = 0; i < 65536; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(r[src[i]].hash >> (16 * pass)) & 0xffff]++] =
			    src[i];
		sw = src;
		src = dst;
		dst = sw;
	}
	/* Four passes: the result is back in out. */
	free(tmp);
	free(count);
}

/* Upper bound of the pool's size. */
static size_t
pool_bound(const struct irec *r, size_t n, const struct idx_meta *m)
{
	size_t	i, sum = 1;

	for (i = 0; i < n; i++) {
		sum += strlen(r[i].title) + strlen(r[i].link) +
		    strlen(r[i].tags) + strlen(r[i].utags) +
		    strlen(r[i].author) + strlen(r[i].encl) +
		    strlen(r[i].fname) + 7;
	}
	for (i = 0; i < NR_KEY_MAX; i++)
		sum += m->kv[i] != NULL ? strlen(m->kv[i]) + 1 : 0;
	return sum + 8;	/* padding to 8 bytes */
}

char *
idx_build(struct irec *r, size_t n, const struct idx_meta *m, size_t *lenp)
{
	struct idx_head	 h;
	struct dedup	 d;
	struct idx_day	*days;
	int64_t		*date, *mtime, day;
	uint64_t	*hash, *sum;
	uint32_t	*col[12], *byhash;
	char		*buf, *pool;
	size_t		 i, k, ndays = 0, used = 1, bound, len, extra;
	uint32_t	*bpos;

	/* Writers pass the entries in order already (a merge): check. */
	for (i = 1; i < n; i++) {
		if (idx_cmp_rec(&r[i - 1], &r[i]) > 0)
			break;
	}
	if (n > 1 && i < n)
		qsort(r, n, sizeof *r, idx_cmp_rec);
	bound = pool_bound(r, n, m);
	/* A recent file carries the whole feed's days, not its own. */
	for (i = 0; !m->recent && i < n; i++) {
		if (i == 0 ||
		    idx_day_of(r[i].date) != idx_day_of(r[i - 1].date))
			ndays++;
	}
	if (m->recent)
		ndays = m->ndays;
	extra = m->recent ? 4 * (n + m->nhidden) : 0;
	len = HEAD + PERREC * n + sizeof *days * ndays + bound + extra;
	/* Every byte up to the pool's end is written below. */
	buf = xmalloc(len);
	date = (int64_t *)(void *)(buf + HEAD);
	hash = (uint64_t *)(void *)(date + n);
	sum = hash + n;
	mtime = (int64_t *)(void *)(sum + n);
	col[0] = (uint32_t *)(void *)(mtime + n);
	for (k = 1; k < 12; k++)
		col[k] = col[k - 1] + n;
	byhash = col[11];
	days = (struct idx_day *)(void *)(col[11] + n);
	pool = (char *)(days + ndays);
	pool[0] = '\0';	/* offset 0 is the empty string */

	memset(&d, 0, sizeof d);
	d.size = 1024;
	while (d.size < 2 * n)
		d.size *= 2;
	d.keys = xcalloc(d.size, sizeof *d.keys);
	d.offs = xcalloc(d.size, sizeof *d.offs);
	memset(&h, 0, sizeof h);
	/*
	 * The strings items share (tags, user tags, authors, enclosures)
	 * first, stored once each: a reader copies this small region to
	 * scan tags without reading the rest. Then titles, links, names.
	 */
	for (i = 0; i < n; i++) {
		col[6][i] = pool_add(pool, &used, &d, r[i].tags);
		col[7][i] = pool_add(pool, &used, &d, r[i].utags);
		col[8][i] = pool_add(pool, &used, &d, r[i].author);
		col[9][i] = pool_add(pool, &used, &d, r[i].encl);
	}
	h.shared = used;
	k = (size_t)-1;
	for (i = 0; i < n; i++) {
		date[i] = r[i].date;
		hash[i] = r[i].hash;
		sum[i] = r[i].sum;
		mtime[i] = r[i].mtime;
		col[0][i] = r[i].mnsec;
		col[1][i] = r[i].size;
		col[2][i] = r[i].seq;
		col[3][i] = (r[i].flags & ~(uint32_t)IDX_FNAME) |
		    (*r[i].fname != '\0' ? IDX_FNAME : 0);
		col[4][i] = pool_add(pool, &used, NULL, r[i].title);
		col[5][i] = pool_add(pool, &used, NULL, r[i].link);
		col[10][i] = pool_add(pool, &used, NULL, r[i].fname);
		byhash[i] = (uint32_t)i;
		h.total++;
		if (!(r[i].flags & NR_STATE_READ))
			h.unread++;
		if (r[i].flags & NR_STATE_STARRED)
			h.starred++;
		if (m->recent)
			continue;
		day = idx_day_of(r[i].date);
		if (k == (size_t)-1 || days[k].day != day) {
			k = k == (size_t)-1 ? 0 : k + 1;
			days[k].day = day;
			days[k].total = days[k].unread = 0;
		}
		days[k].total++;
		if (!(r[i].flags & NR_STATE_READ))
			days[k].unread++;
	}
	for (i = 0; i < NR_KEY_MAX; i++)
		h.kv[i] = pool_add(pool, &used, NULL, m->kv[i]);
	/* What follows the pool (a recent file's lists) is aligned. */
	while (used % 8 != 0)
		pool[used++] = '\0';
	free(d.keys);
	free(d.offs);
	sort_byhash(r, byhash, n);

	memcpy(h.magic, IDX_MAGIC, sizeof h.magic);
	h.version = IDX_VERSION;
	h.order = IDX_ORDER;
	h.headsize = HEAD;
	h.flags = m->racy ? IDX_RACY : 0;
	h.gen = m->gen;
	h.n = n;
	h.ndays = ndays;
	h.poolsize = used;
	h.dir_sec = m->dir_sec;
	h.dir_nsec = m->dir_nsec;
	if (m->state != NULL && m->state->exists) {
		h.state_ino = m->state->ino;
		h.state_size = (uint64_t)m->state->size;
	}
	h.state_stamp = m->stamp;
	h.next_seq = 0;
	for (i = 0; i < n; i++) {
		if ((uint64_t)r[i].seq + 1 > h.next_seq)
			h.next_seq = (uint64_t)r[i].seq + 1;
	}
	len = HEAD + PERREC * n + sizeof *days * ndays + used;
	if (m->recent) {
		/* The feed's counts; where each entry goes; what it hides. */
		h.flags |= IDX_RECENT;
		h.total = m->total;
		h.unread = m->unread;
		h.starred = m->starred;
		h.next_seq = m->next_seq > h.next_seq ? m->next_seq :
		    h.next_seq;
		h.base_gen = m->base_gen;
		h.base_sum = m->base_sum;
		h.nhidden = m->nhidden;
		if (ndays > 0)
			memcpy(days, m->days, ndays * sizeof *days);
		bpos = (uint32_t *)(void *)(buf + len);
		for (i = 0; i < n; i++)
			bpos[i] = r[i].bpos;
		if (m->nhidden > 0)
			memcpy(bpos + n, m->hidden, m->nhidden * sizeof *bpos);
		len += extra;
	}
	h.body_sum = util_sum64(buf + HEAD, len - HEAD);
	h.head_sum = 0;
	h.head_sum = util_sum64(&h, sizeof h);
	memcpy(buf, &h, sizeof h);
	*lenp = len;
	return buf;
}

void
idx_view_setup(struct idx_view *v, const void *img, size_t len,
    const struct idx_head *h)
{
	const char	*buf = img;
	size_t		 n;

	(void)len;
	memset(v, 0, sizeof *v);
	v->h = h != NULL ? h : (const struct idx_head *)img;
	n = (size_t)v->h->n;
	v->n = n;
	v->date = (const int64_t *)(const void *)(buf + HEAD);
	v->hash = (const uint64_t *)(const void *)(v->date + n);
	v->sum = v->hash + n;
	v->mtime = (const int64_t *)(const void *)(v->sum + n);
	v->mnsec = (const uint32_t *)(const void *)(v->mtime + n);
	v->size = v->mnsec + n;
	v->seq = v->size + n;
	v->flags = v->seq + n;
	v->title = v->flags + n;
	v->link = v->title + n;
	v->tags = v->link + n;
	v->utags = v->tags + n;
	v->author = v->utags + n;
	v->encl = v->author + n;
	v->fname = v->encl + n;
	v->byhash = v->fname + n;
	v->days = (const struct idx_day *)(const void *)(v->byhash + n);
	v->ndays = (size_t)v->h->ndays;
	v->pool = (const char *)(v->days + v->ndays);
	v->poolsize = (size_t)v->h->poolsize;
	if (v->h->flags & IDX_RECENT) {
		v->bpos = (const uint32_t *)(const void *)(v->pool +
		    v->poolsize);
		v->hidden = v->bpos + n;
		v->nhidden = (size_t)v->h->nhidden;
	}
}

size_t
idx_col_offset(size_t n, enum idx_col c)
{
	switch (c) {
	case IDX_COL_DATE:
		return HEAD;
	case IDX_COL_FLAGS:
		return HEAD + 44 * n;
	case IDX_COL_TAGS:
		return HEAD + 56 * n;
	case IDX_COL_UTAGS:
		return HEAD + 60 * n;
	case IDX_COL_POOL:
		break;
	}
	return HEAD;
}

int
idx_view_init(struct idx_view *v, const void *img, size_t len)
{
	struct idx_head	 h;
	const char	*buf = img;
	uint64_t	 want;
	const uint32_t	*col;
	size_t		 i, n, k, extra;

	memset(v, 0, sizeof *v);
	if (len < HEAD)
		return -1;
	memcpy(&h, buf, sizeof h);
	if (memcmp(h.magic, IDX_MAGIC, sizeof h.magic) != 0 ||
	    h.version != IDX_VERSION || h.order != IDX_ORDER ||
	    h.headsize != HEAD)
		return -1;
	want = h.head_sum;
	h.head_sum = 0;
	if (util_sum64(&h, sizeof h) != want)
		return -1;
	extra = 0;
	if (h.flags & IDX_RECENT) {
		if (h.n > len || h.nhidden > len)
			return -1;
		extra = 4 * (h.n + h.nhidden);
	} else if (h.ndays > h.n + 1 || h.nhidden != 0)
		return -1;
	if (h.n > (len - HEAD) / PERREC || h.ndays > len / 16 ||
	    h.poolsize == 0 || h.poolsize > UINT32_MAX ||
	    h.poolsize % 8 != 0 ||
	    h.poolsize > len - HEAD - PERREC * h.n ||
	    HEAD + PERREC * h.n + sizeof(struct idx_day) * h.ndays +
	    h.poolsize + extra != len)
		return -1;
	if (util_sum64(buf + HEAD, len - HEAD) != h.body_sum)
		return -1;
	n = (size_t)h.n;
	idx_view_setup(v, img, len, NULL);
	if (v->pool[0] != '\0' || v->pool[v->poolsize - 1] != '\0' ||
	    h.shared == 0 || h.shared > h.poolsize ||
	    v->pool[h.shared - 1] != '\0')
		return -1;
	/* Every offset inside the pool, every position inside the list. */
	for (col = v->title; n > 0 && col < v->byhash; col += n) {
		for (i = 0; i < n; i++) {
			if (col[i] >= v->poolsize)
				return -1;
		}
	}
	for (i = 0; i < n; i++) {
		if (v->byhash[i] >= n)
			return -1;
	}
	for (k = 0; k < NR_KEY_MAX; k++) {
		if (h.kv[k] >= v->poolsize)
			return -1;
	}
	/* A recent file: entries go in order; hidden positions ascend. */
	for (i = 1; i < n && v->bpos != NULL; i++) {
		if (v->bpos[i] < v->bpos[i - 1])
			return -1;
	}
	for (i = 1; i < v->nhidden; i++) {
		if (v->hidden[i] <= v->hidden[i - 1])
			return -1;
	}
	return 0;
}

const char *
idx_str(const struct idx_view *v, uint32_t off)
{
	return off < v->poolsize ? v->pool + off : "";
}

void
idx_rec(const struct idx_view *v, size_t i, struct irec *r)
{
	r->date = v->date[i];
	r->hash = v->hash[i];
	r->sum = v->sum[i];
	r->mtime = v->mtime[i];
	r->mnsec = v->mnsec[i];
	r->size = v->size[i];
	r->seq = v->seq[i];
	r->flags = v->flags[i] & ~(uint32_t)IDX_FNAME;
	r->title = idx_str(v, v->title[i]);
	r->link = idx_str(v, v->link[i]);
	r->tags = idx_str(v, v->tags[i]);
	r->utags = idx_str(v, v->utags[i]);
	r->author = idx_str(v, v->author[i]);
	r->encl = idx_str(v, v->encl[i]);
	r->fname = (v->flags[i] & IDX_FNAME) ? idx_str(v, v->fname[i]) : "";
}

long
idx_find(const struct idx_view *v, uint64_t hash)
{
	size_t	lo = 0, hi = v->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v->hash[v->byhash[mid]] < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < v->n && v->hash[v->byhash[lo]] == hash)
		return (long)v->byhash[lo];
	return -1;
}

void
idx_name(char *buf, size_t size, unsigned long seq, uint64_t hash)
{
	article_name(buf, size, seq, hash);
}

const char *
idx_entry_name(const struct idx_view *v, size_t i, char *buf, size_t size)
{
	if (v->flags[i] & IDX_FNAME)
		snprintf(buf, size, "%s", idx_str(v, v->fname[i]));
	else
		idx_name(buf, size, v->seq[i], v->hash[i]);
	return buf;
}

/* Compare entries by hash, for lookups in a version 2 index. */
static int
cmp_hash(const void *a, const void *b)
{
	const struct irec	*x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
idx_v2_read(const char *path, const struct fid *dir, struct arena *a,
    struct irec **recsp, size_t *np, int *trusted)
{
	struct irec	*r = NULL;
	char		*buf, *line, *nl, *f[9], *tab;
	char		 name[NR_ARTICLE_NAME_SIZE];
	size_t		 len, n = 0, cap = 0, k;
	unsigned long	 seq;
	uint64_t	 h;

	*recsp = NULL;
	*np = 0;
	*trusted = 0;
	if (util_read_file(path, 0, &buf, &len, NULL) != NR_OK)
		return -1;
	if (len == 0 || buf[len - 1] != '\n' ||
	    strncmp(buf, "newsreader-index 2\t", 19) != 0) {
		free(buf);
		return -1;
	}
	buf[len - 1] = '\0';
	nl = strchr(buf, '\n');
	if (nl != NULL)
		*nl++ = '\0';
	for (k = 0, line = buf; k < 4; k++) {
		f[k] = line;
		if ((tab = strchr(line, '\t')) == NULL)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	*trusted = k == 3 && dir->exists &&
	    strtoll(f[1], NULL, 10) == dir->sec &&
	    strtol(f[2], NULL, 10) == dir->nsec && strcmp(f[3], "0") == 0;
	for (line = nl; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		for (k = 0; k < 9; k++) {
			f[k] = line;
			if ((tab = strchr(line, '\t')) == NULL)
				break;
			*tab = '\0';
			line = tab + 1;
		}
		if (k != 8 || !article_name_parse(f[0], &seq, &h))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			r = xreallocarray(r, cap, sizeof *r);
		}
		memset(&r[n], 0, sizeof r[n]);
		for (k = 5; k < 8; k++)
			store_unesc(f[k]);
		r[n].hash = h;
		r[n].seq = (uint32_t)seq;
		r[n].size = (uint32_t)strtoul(f[1], NULL, 10);
		r[n].mtime = strtoll(f[2], NULL, 10);
		r[n].mnsec = (uint32_t)strtoul(f[3], NULL, 10);
		r[n].date = strtoll(f[4], NULL, 10);
		r[n].title = arena_strdup(a, f[5]);
		r[n].link = arena_strdup(a, f[6]);
		r[n].tags = arena_strdup(a, f[7]);
		r[n].utags = r[n].author = r[n].encl = "";
		idx_name(name, sizeof name, seq, h);
		r[n].fname = strcmp(name, f[0]) == 0 ? "" :
		    arena_strdup(a, f[0]);
		n++;
	}
	free(buf);
	if (r != NULL)
		qsort(r, n, sizeof *r, cmp_hash);
	*recsp = r;
	*np = n;
	return 0;
}
