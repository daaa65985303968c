/*
 * A feed's entries as one list: the index (the base) minus the entries
 * its recent file hides, merged with the recent file's entries, in order
 * (newest first). A writer that changes a few items of a large feed
 * rewrites only the small recent file; positions here are positions in
 * the merged list (docs/FORMAT.md, section 5).
 *
 * The recent file gives, for its entry j, bpos[j]: how many base entries
 * (hidden ones included) come before it, and the sorted list of hidden
 * base positions. The merged position of recent entry j is then
 * j + visible(bpos[j]), where visible(b) counts the base entries before b
 * that are not hidden.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

/* Hidden base positions below b. */
static size_t
hidden_below(const struct store_feed *f, size_t b)
{
	size_t	lo = 0, hi = f->r.nhidden, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->r.hidden[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
feed_hidden(const struct store_feed *f, size_t b)
{
	size_t	k;

	if (!f->has_recent || f->r.nhidden == 0)
		return 0;
	k = hidden_below(f, b);
	return k < f->r.nhidden && f->r.hidden[k] == b;
}

void
merge_setup(struct store_feed *f)
{
	size_t	j, b;

	free(f->rpos);
	f->rpos = NULL;
	if (!f->has_recent) {
		f->n = f->v.n;
		return;
	}
	f->rpos = xcalloc(f->r.n + 1, sizeof *f->rpos);
	for (j = 0; j < f->r.n; j++) {
		b = f->r.bpos[j];
		f->rpos[j] = (uint32_t)(j + b - hidden_below(f, b));
	}
	f->n = f->v.n - f->r.nhidden + f->r.n;
}

const struct idx_view *
feed_at(const struct store_feed *f, size_t p, size_t *idx)
{
	size_t	lo, hi, mid, j, q, t;

	if (!f->has_recent) {
		*idx = p;
		return &f->v;
	}
	/* Recent entries at or before p. */
	lo = 0;
	hi = f->r.n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->rpos[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	j = lo;
	if (j < f->r.n && f->rpos[j] == p) {
		*idx = j;
		return &f->r;
	}
	/* The q-th visible base entry: skip the hidden ones before it. */
	q = p - j;
	lo = 0;
	hi = f->r.nhidden;
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (f->r.hidden[mid - 1] - (mid - 1) <= q)
			lo = mid;
		else
			hi = mid - 1;
	}
	t = lo;
	*idx = q + t;
	return &f->v;
}

long
feed_pos_base(const struct store_feed *f, size_t b)
{
	size_t	lo = 0, hi, mid;

	if (!f->has_recent)
		return (long)b;
	if (feed_hidden(f, b))
		return -1;
	/* Recent entries with bpos <= b come before base entry b. */
	hi = f->r.n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->r.bpos[mid] <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)(b - hidden_below(f, b) + lo);
}

/* The first index of hash in view v's byhash list, or v->n. */
static size_t
first_of(const struct idx_view *v, uint64_t hash)
{
	size_t	lo = 0, hi = v->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v->hash[v->byhash[mid]] < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
feed_each_hash(const struct store_feed *f, uint64_t hash,
    void (*fn)(void *, size_t), void *arg)
{
	size_t	k;
	long	p;

	if (f->has_recent) {
		for (k = first_of(&f->r, hash); k < f->r.n &&
		    f->r.hash[f->r.byhash[k]] == hash; k++)
			fn(arg, f->rpos[f->r.byhash[k]]);
	}
	for (k = first_of(&f->v, hash); k < f->v.n &&
	    f->v.hash[f->v.byhash[k]] == hash; k++) {
		if ((p = feed_pos_base(f, f->v.byhash[k])) >= 0)
			fn(arg, (size_t)p);
	}
}

/* Keep the lowest position, for feed_find. */
static void
lowest(void *arg, size_t p)
{
	long	*best = arg;

	if (*best < 0 || (long)p < *best)
		*best = (long)p;
}

long
feed_find(const struct store_feed *f, uint64_t hash)
{
	long	best = -1;

	if (!f->has_recent)
		return idx_find(&f->v, hash);
	feed_each_hash(f, hash, lowest, &best);
	return best;
}

void
feed_rec(const struct store_feed *f, size_t p, struct irec *r)
{
	const struct idx_view	*v;
	size_t			 i;

	v = feed_at(f, p, &i);
	idx_rec(v, i, r);
}

uint32_t
feed_base_before(const struct store_feed *f, const struct irec *r)
{
	struct irec	b;
	size_t		lo = 0, hi = f->v.n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		idx_rec(&f->v, mid, &b);
		if (idx_cmp_rec(&b, r) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}
