/*
 * User tags: "usertag" lines of a feed's state file, added and removed
 * under the lock, and merged into entries' tags for readers.
 */
#include "nr_config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

#define USERTAG_MAX	64

struct utag {
	uint64_t	 hash;
	const char	*tag;		/* borrowed from the state's line */
	size_t		 len;
};

int
store_usertag_valid(const char *tag)
{
	const unsigned char	*u = (const unsigned char *)tag;
	size_t			 n = strlen(tag), i;

	if (n == 0 || n > USERTAG_MAX || strchr("+-@=~/'", u[0]) != NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (u[i] <= 0x20 || u[i] == 0x7f || strchr(",\"()\\",
		    u[i]) != NULL)
			return 0;
	}
	return 1;
}

/*
 * The hash and tag of a "usertag<TAB>hash<TAB>tag" line; the tag points
 * into line. Returns 0 if line is a well-formed one.
 */
static int
parse_line(const char *line, uint64_t *h, const char **tag)
{
	char	hex[17], *end;

	if (strncmp(line, "usertag\t", 8) != 0 || strlen(line) < 26 ||
	    line[24] != '\t')
		return -1;
	memcpy(hex, line + 8, 16);
	hex[16] = '\0';
	if (strspn(hex, "0123456789abcdef") != 16)
		return -1;
	*h = strtoull(hex, &end, 16);
	*tag = line + 25;
	return store_usertag_valid(*tag) ? 0 : -1;
}

/* A user tag to add or remove, for the update callback. */
struct utag_op {
	uint64_t	 hash;
	const char	*tag;
	int		 add;
};

/* Add or remove one usertag line of the state file. */
static int
utag_apply(struct store_feed *f, void *arg, char *errbuf)
{
	struct utag_op		*op = arg;
	struct store_state	*s = f->state;
	const char		*t;
	uint64_t		 h;
	size_t			 i;

	for (i = 0; i < s->nother; i++) {
		if (parse_line(s->other[i], &h, &t) != 0 || h != op->hash ||
		    strcmp(t, op->tag) != 0)
			continue;
		if (!op->add) {
			free(s->other[i]);
			memmove(&s->other[i], &s->other[i + 1],
			    (s->nother - i - 1) * sizeof *s->other);
			s->nother--;
			s->dirty = 1;
		}
		return NR_OK;
	}
	if (!op->add)
		return nr_seterr(errbuf, NR_ENOTFOUND, "no user tag '%s'",
		    op->tag);
	s->other = xreallocarray(s->other, s->nother + 1, sizeof *s->other);
	s->other[s->nother++] = xasprintf("usertag\t%016" PRIx64 "\t%s",
	    op->hash, op->tag);
	s->dirty = 1;
	return NR_OK;
}

int
store_usertag(struct store *st, const char *feed, uint64_t hash,
    const char *tag, int add, char *errbuf)
{
	struct utag_op	op = { hash, tag, add };

	if (!store_usertag_valid(tag))
		return nr_seterr(errbuf, NR_EFORMAT, "bad tag '%.64s'", tag);
	return store_state_update(st, feed, utag_apply, &op, errbuf);
}

/* Order user tags by hash, then as written. */
static int
cmp_utag(const void *a, const void *b)
{
	const struct utag	*x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->tag < y->tag ? -1 : x->tag > y->tag;
}

/* True when '\n'-separated tags has tag (ASCII case ignored). */
static int
has_tag(const char *tags, const char *tag, size_t len)
{
	const char	*p, *nl;
	size_t		 n;

	for (p = tags; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n == len && strncasecmp(p, tag, n) == 0)
			return 1;
		if (nl == NULL)
			break;
	}
	return 0;
}

/* The first user tag of hash in u[0..n), or n. */
static size_t
first_of(const struct utag *u, size_t n, uint64_t hash)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (u[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && u[lo].hash == hash ? lo : n;
}

void
store_feed_merge_usertags(struct store_feed *f)
{
	struct store_state	*s = f->state;
	struct store_entry	*e;
	struct utag		*u;
	const char		*t;
	char			*w;
	size_t			 n = 0, i, k, size = 0, pass;

	if (s == NULL || s->nother == 0 || f->ubuf != NULL)
		return;
	u = xcalloc(s->nother, sizeof *u);
	for (i = 0; i < s->nother; i++) {
		if (parse_line(s->other[i], &u[n].hash, &t) == 0) {
			u[n].tag = t;
			u[n++].len = strlen(t);
		}
	}
	if (n == 0) {
		free(u);
		return;
	}
	qsort(u, n, sizeof *u, cmp_utag);
	/* Pass 0 sizes the buffer, pass 1 fills it. */
	w = NULL;
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			w = f->ubuf = xmalloc(size + 1);
		for (i = 0; i < f->nentries; i++) {
			e = &f->entries[i];
			k = first_of(u, n, e->hash);
			if (k == n)
				continue;
			if (pass == 1) {
				t = e->tags;
				e->tags = w;
				w = stpcpy(w, t != NULL ? t : "");
			} else
				size += strlen(e->tags != NULL ? e->tags : "")
				    + 1;
			for (; k < n && u[k].hash == e->hash; k++) {
				if (pass == 0) {
					size += u[k].len + 1;
					continue;
				}
				if (has_tag(e->tags, u[k].tag, u[k].len))
					continue;
				if (w != e->tags)
					*w++ = '\n';
				memcpy(w, u[k].tag, u[k].len);
				w += u[k].len;
				*w = '\0';
			}
			if (pass == 1)
				w++;
		}
	}
	free(u);
}
