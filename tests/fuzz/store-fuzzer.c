/*
 * libFuzzer target for the store's readers of its own files: the state
 * file (whole and as an appended tail) and the mapped index. The first
 * byte picks what the rest is:
 *   0  a state file: parsed whole and as a tail; every record looked up
 *   1  an index file as it is (header checks, checksums)
 *   2  an index body behind a header made to match it, with right
 *      checksums: a crafted index must not make the reader read out of
 *      bounds; when it checks, every entry and string is read
 *   3  entries to build an index from: it must check, and read back the
 *      same
 */
#include "nr_config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Read every entry and string of a view that checked; with strict (an
 * index we built), every hash must also be found.
 */
static void
walk(const struct idx_view *v, int strict)
{
	struct irec	r;
	size_t		i, sum = 0;

	for (i = 0; i < v->n; i++) {
		idx_rec(v, i, &r);
		sum += strlen(r.title) + strlen(r.link) + strlen(r.tags) +
		    strlen(r.utags) + strlen(r.author) + strlen(r.encl) +
		    strlen(r.fname);
		if (idx_find(v, r.hash) < 0 && strict)
			abort();
	}
	for (i = 0; i < v->ndays; i++)
		sum += v->days[i].total;
	(void)sum;
}

static void
fuzz_state(const uint8_t *data, size_t size)
{
	struct store	 st;
	struct state	 s;
	char		*buf;
	size_t		 i;

	memset(&st, 0, sizeof st);
	state_init(&s);
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	s.buf = buf;
	state_parse(&st, "fuzz", &s, buf, size, 1);
	for (i = 0; i < s.n; i++) {
		if (state_get(&s, s.m[i].hash, 0) == NULL)
			abort();
		if (s.m[i].utags != NULL)
			(void)strlen(s.m[i].utags);
		if (s.m[i].encl != NULL)
			(void)strlen(s.m[i].encl);
	}
	state_free(&s);
	state_init(&s);
	s.tail = 1;
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	s.buf = buf;
	state_parse(&st, "fuzz", &s, buf, size, 0);
	for (i = 0; i < s.n; i++) {
		if (s.m[i].ops != NULL)
			(void)strlen(s.m[i].ops);
	}
	state_free(&s);
}

static void
fuzz_index(const uint8_t *data, size_t size)
{
	struct idx_view	 v;
	void		*copy;

	/* A copy of its own, aligned as a mapping would be. */
	copy = malloc(size + 1);
	memcpy(copy, data, size);
	if (idx_view_init(&v, copy, size) == 0)
		walk(&v, 0);
	free(copy);
}

/* A header that says what the body's size implies, checksums right. */
static void
fuzz_crafted(const uint8_t *data, size_t size)
{
	struct idx_head	 h;
	struct idx_view	 v;
	char		*buf;
	size_t		 n, ndays, pool;
	int		 recent;

	if (size < 3)
		return;
	memset(&h, 0, sizeof h);
	n = data[0] % 8;
	ndays = data[1] % 4;
	recent = (data[0] & 0x80) != 0;
	h.nhidden = data[1] / 4 % 3;
	data += 2;
	size -= 2;
	if (size < 80 * n + 16 * ndays + 1)
		return;
	pool = size - 80 * n - 16 * ndays;
	if (recent) {
		/* A recent file: lists after a pool of whole 8-byte words. */
		h.flags = IDX_RECENT;
		if (pool < 4 * (n + h.nhidden) + 8)
			return;
		pool -= 4 * (n + h.nhidden);
		pool -= pool % 8;
		size = 80 * n + 16 * ndays + pool + 4 * (n + h.nhidden);
	} else {
		/* The pool is whole 8-byte words. */
		h.nhidden = 0;
		if (pool < 8)
			return;
		pool -= pool % 8;
		size = 80 * n + 16 * ndays + pool;
	}
	memcpy(h.magic, IDX_MAGIC, sizeof h.magic);
	h.version = IDX_VERSION;
	h.order = IDX_ORDER;
	h.headsize = sizeof h;
	h.n = n;
	h.ndays = ndays;
	h.poolsize = pool;
	h.body_sum = util_sum64(data, size);
	h.head_sum = util_sum64(&h, sizeof h);
	buf = malloc(sizeof h + size);
	memcpy(buf, &h, sizeof h);
	memcpy(buf + sizeof h, data, size);
	if (idx_view_init(&v, buf, sizeof h + size) == 0)
		walk(&v, 0);
	free(buf);
}

/* Entries from the input: each takes 24 bytes and a string. */
static void
fuzz_build(const uint8_t *data, size_t size)
{
	struct irec	*r;
	struct idx_meta	 m;
	struct idx_view	 v;
	char		*img, *strs;
	size_t		 n, i, len;

	n = size / 32;
	if (n > 64)
		n = 64;
	r = calloc(n + 1, sizeof *r);
	strs = calloc(n + 1, 9);
	for (i = 0; i < n; i++) {
		memcpy(&r[i].date, data + 32 * i, 8);
		memcpy(&r[i].hash, data + 32 * i + 8, 8);
		memcpy(&r[i].seq, data + 32 * i + 16, 4);
		memcpy(&r[i].flags, data + 32 * i + 20, 4);
		r[i].flags &= 0x7;
		memcpy(strs + 9 * i, data + 32 * i + 24, 8);
		r[i].title = strs + 9 * i;
		r[i].link = r[i].tags = r[i].utags = r[i].author = "";
		r[i].encl = r[i].fname = "";
		if (i % 2 == 1)
			r[i].tags = r[i - 1].title;
	}
	memset(&m, 0, sizeof m);
	m.gen = 1;
	img = idx_build(r, n, &m, &len);
	if (idx_view_init(&v, img, len) != 0 || v.n != n)
		abort();
	walk(&v, 1);
	for (i = 1; i < n; i++) {
		if (v.date[i] > v.date[i - 1])
			abort();	/* newest first */
	}
	free(img);
	free(strs);
	free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0) {
		fuzz_state(data, 0);
		fuzz_index(data, 0);
		return 0;
	}
	switch (data[0] % 4) {
	case 0:
		fuzz_state(data + 1, size - 1);
		break;
	case 1:
		fuzz_index(data + 1, size - 1);
		break;
	case 2:
		fuzz_crafted(data + 1, size - 1);
		break;
	default:
		fuzz_build(data + 1, size - 1);
		break;
	}
	return 0;
}
