/*
 * A feed's state file (.meta/state): read/starred flags, first-seen
 * times, guids, authors, enclosures and feed-level values such as HTTP
 * validators. Unknown lines are kept as they were.
 */
#include "nr_config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

#define STATE_MAGIC	"newsreader-state 1"

/* Free what a meta record owns. */
static void
meta_clear(struct store_meta *m)
{
	size_t	i;

	free(m->guid);
	free(m->author);
	for (i = 0; i < m->nenclosures; i++) {
		free(m->enclosures[i].url);
		free(m->enclosures[i].type);
	}
	free(m->enclosures);
}

void
store_state_free(struct store_state *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nkv; i++) {
		free(s->kv[i].key);
		free(s->kv[i].value);
	}
	free(s->kv);
	for (i = 0; i < s->nmetas; i++)
		meta_clear(&s->metas[i]);
	free(s->metas);
	for (i = 0; i < s->nother; i++)
		free(s->other[i]);
	free(s->other);
	for (i = 0; i < s->npend; i++) {
		unlink(s->pend_tmp[i]);
		free(s->pend_tmp[i]);
		free(s->pend_dst[i]);
	}
	free(s->pend_tmp);
	free(s->pend_dst);
	free(s);
}

/* Order meta records by hash. */
static int
cmp_meta(const void *a, const void *b)
{
	const struct store_meta	*x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->seq_ < y->seq_ ? -1 : x->seq_ > y->seq_;
}

/* Append a record without keeping the order (loading); sorted later. */
static struct store_meta *
meta_append(struct store_state *s, uint64_t hash)
{
	struct store_meta	*m;

	if (s->nmetas > 0 && s->metas[s->nmetas - 1].hash == hash)
		return &s->metas[s->nmetas - 1];
	if (s->nmetas == s->metacap) {
		s->metacap = s->metacap ? s->metacap * 2 : 64;
		s->metas = xreallocarray(s->metas, s->metacap,
		    sizeof *s->metas);
	}
	m = &s->metas[s->nmetas++];
	memset(m, 0, sizeof *m);
	m->hash = hash;
	m->first_seen = NR_TIME_NONE;
	s->sorted = 0;
	return m;
}

/* Sort the records by hash; of duplicates, the last one read wins. */
static void
meta_sort(struct store_state *s)
{
	size_t	i, w;

	if (s->sorted)
		return;
	for (i = 0; i < s->nmetas; i++)
		s->metas[i].seq_ = i;
	qsort(s->metas, s->nmetas, sizeof *s->metas, cmp_meta);
	for (i = w = 0; i < s->nmetas; i++) {
		if (w > 0 && s->metas[w - 1].hash == s->metas[i].hash) {
			meta_clear(&s->metas[w - 1]);
			s->metas[w - 1] = s->metas[i];
		} else
			s->metas[w++] = s->metas[i];
	}
	s->nmetas = w;
	s->sorted = 1;
}

struct store_meta *
store_meta_get(struct store_feed *f, uint64_t hash, int create)
{
	struct store_state	*s = f->state;
	size_t			 lo = 0, hi, mid;

	meta_sort(s);
	hi = s->nmetas;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->metas[mid].hash == hash)
			return &s->metas[mid];
		if (s->metas[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!create)
		return NULL;
	if (s->nmetas == s->metacap) {
		s->metacap = s->metacap ? s->metacap * 2 : 64;
		s->metas = xreallocarray(s->metas, s->metacap,
		    sizeof *s->metas);
	}
	memmove(&s->metas[lo + 1], &s->metas[lo],
	    (s->nmetas - lo) * sizeof *s->metas);
	s->nmetas++;
	memset(&s->metas[lo], 0, sizeof s->metas[lo]);
	s->metas[lo].hash = hash;
	s->metas[lo].first_seen = NR_TIME_NONE;
	s->dirty = 1;
	return &s->metas[lo];
}

void
store_set_state(struct store_feed *f, struct store_entry *e, int set,
    int clear)
{
	struct store_meta	*m;
	int			 st;

	m = store_meta_get(f, e->hash, 1);
	st = (m->state | set) & ~clear;
	if (st != m->state) {
		m->state = st;
		f->state->dirty = 1;
	}
	e->state = st;
}

const char *
store_feed_get(struct store_feed *f, const char *key)
{
	size_t	i;

	for (i = 0; i < f->state->nkv; i++) {
		if (strcmp(f->state->kv[i].key, key) == 0)
			return f->state->kv[i].value;
	}
	return NULL;
}

void
store_feed_set(struct store_feed *f, const char *key, const char *value)
{
	struct store_state	*s = f->state;
	size_t			 i;

	for (i = 0; i < s->nkv; i++) {
		if (strcmp(s->kv[i].key, key) != 0)
			continue;
		if (value != NULL && strcmp(s->kv[i].value, value) == 0)
			return;
		free(s->kv[i].value);
		if (value == NULL) {
			free(s->kv[i].key);
			s->kv[i] = s->kv[--s->nkv];
		} else
			s->kv[i].value = xstrdup(value);
		s->dirty = 1;
		return;
	}
	if (value == NULL)
		return;
	s->kv = xreallocarray(s->kv, s->nkv + 1, sizeof *s->kv);
	s->kv[s->nkv].key = xstrdup(key);
	s->kv[s->nkv++].value = xstrdup(value);
	s->dirty = 1;
}

/* Parse a 16-hex-digit hash; returns 0 on success. */
static int
parse_hash(const char *s, uint64_t *h)
{
	char	*end;

	if (strlen(s) != 16)
		return -1;
	*h = strtoull(s, &end, 16);
	return *end == '\0' ? 0 : -1;
}

/* Keep a line we do not understand, so saving loses nothing. */
static void
keep_other(struct store_state *s, const char *line)
{
	s->other = xreallocarray(s->other, s->nother + 1, sizeof *s->other);
	s->other[s->nother++] = xstrdup(line);
}

/* Parse one state line; returns 0, or -1 if it is malformed. */
static int
parse_state_line(struct store_feed *f, char *line)
{
	struct store_meta	*m;
	char			*fld[6];
	size_t			 n, i;
	uint64_t		 h;

	n = store_split(line, fld, 6);
	for (i = 0; i < n; i++)
		store_unesc(fld[i]);
	if (strcmp(fld[0], "feed") == 0 && n == 3) {
		store_feed_set(f, fld[1], fld[2]);
		return 0;
	}
	if (strcmp(fld[0], "item") == 0 && n == 6) {
		if (parse_hash(fld[1], &h) != 0)
			return -1;
		m = meta_append(f->state, h);
		m->state = (strchr(fld[2], 'r') ? NR_STATE_READ : 0) |
		    (strchr(fld[2], 's') ? NR_STATE_STARRED : 0) |
		    (strchr(fld[2], 'x') ? NR_STATE_EXPIRED : 0);
		m->first_seen = *fld[3] ? strtoll(fld[3], NULL, 10) :
		    NR_TIME_NONE;
		free(m->guid);
		free(m->author);
		m->guid = *fld[4] ? xstrdup(fld[4]) : NULL;
		m->author = *fld[5] ? xstrdup(fld[5]) : NULL;
		return 0;
	}
	if (strcmp(fld[0], "enclosure") == 0 && n == 5) {
		if (parse_hash(fld[1], &h) != 0 || *fld[2] == '\0')
			return -1;
		m = meta_append(f->state, h);
		if (m->nenclosures >= 64)
			return 0;
		m->enclosures = xreallocarray(m->enclosures,
		    m->nenclosures + 1, sizeof *m->enclosures);
		m->enclosures[m->nenclosures].url = xstrdup(fld[2]);
		m->enclosures[m->nenclosures].type = *fld[3] ?
		    xstrdup(fld[3]) : NULL;
		m->enclosures[m->nenclosures++].length = *fld[4] ?
		    strtoll(fld[4], NULL, 10) : -1;
		return 0;
	}
	return -1;
}

/*
 * True for a well-formed line of a kind this version does not know
 * ("word<TAB>..."), which a later version may have written.
 */
static int
future_line(const char *line)
{
	size_t	n = strspn(line, "abcdefghijklmnopqrstuvwxyz-");

	return n > 0 && line[n] == '\t' &&
	    strncmp(line, "feed\t", 5) != 0 &&
	    strncmp(line, "item\t", 5) != 0 &&
	    strncmp(line, "enclosure\t", 10) != 0;
}

int
store_state_load(struct store *st, struct store_feed *f, char *errbuf)
{
	char	*meta, *path, *buf, *line, *nl, *copy;
	size_t	 len, lineno = 0;
	int	 err;

	(void)errbuf;
	f->state = xcalloc(1, sizeof *f->state);
	f->state->sorted = 1;
	meta = store_meta_dir(st, f->name);
	path = util_path_join(meta, NR_STATE_FILE);
	free(meta);
	err = util_read_file(path, 64 * 1024 * 1024, &buf, &len, NULL);
	if (err != NR_OK) {
		if (err != NR_ENOTFOUND)
			store_warn(st, path, 0, "cannot read the state file");
		free(path);
		return NR_OK;
	}
	if (strlen(buf) != len)
		store_warn(st, path, 0, "NUL bytes in the state file");
	for (line = buf; line != NULL && *line != '\0'; line = nl) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		lineno++;
		if (lineno == 1 && strcmp(line, STATE_MAGIC) == 0)
			continue;
		if (*line == '\0' || *line == '#')
			continue;
		copy = xstrdup(line);
		if (parse_state_line(f, line) != 0) {
			if (!future_line(copy))
				store_warn(st, path, lineno, "malformed state "
				    "line (kept as it is)");
			keep_other(f->state, copy);
		}
		free(copy);
	}
	free(buf);
	free(path);
	meta_sort(f->state);
	f->state->dirty = 0;
	return NR_OK;
}

int
store_state_save(struct store *st, struct store_feed *f, char *errbuf)
{
	return store_state_write(st, f, 0, errbuf);
}

int
store_state_write(struct store *st, struct store_feed *f, int flags,
    char *errbuf)
{
	struct store_state	*s = f->state;
	struct store_meta	*m;
	struct strbuf		 sb;
	struct enclosure	*e;
	char			*meta;
	size_t			 i, k;
	int			 err;

	strbuf_init(&sb, 0);
	strbuf_adds(&sb, STATE_MAGIC "\n");
	for (i = 0; i < s->nkv; i++) {
		strbuf_adds(&sb, "feed\t");
		store_esc(&sb, s->kv[i].key);
		strbuf_addc(&sb, '\t');
		store_esc(&sb, s->kv[i].value);
		strbuf_addc(&sb, '\n');
	}
	meta_sort(s);
	for (i = 0; i < s->nmetas; i++) {
		m = &s->metas[i];
		strbuf_addf(&sb, "item\t%016" PRIx64 "\t%s%s%s%s\t", m->hash,
		    (m->state & NR_STATE_READ) ? "r" : "",
		    (m->state & NR_STATE_STARRED) ? "s" : "",
		    (m->state & NR_STATE_EXPIRED) ? "x" : "",
		    m->state == 0 ? "-" : "");
		if (m->first_seen != NR_TIME_NONE)
			strbuf_addf(&sb, "%" PRId64, m->first_seen);
		strbuf_addc(&sb, '\t');
		store_esc(&sb, m->guid != NULL ? m->guid : "");
		strbuf_addc(&sb, '\t');
		store_esc(&sb, m->author != NULL ? m->author : "");
		strbuf_addc(&sb, '\n');
		for (k = 0; k < m->nenclosures; k++) {
			e = &m->enclosures[k];
			strbuf_addf(&sb, "enclosure\t%016" PRIx64 "\t",
			    m->hash);
			store_esc(&sb, e->url);
			strbuf_addc(&sb, '\t');
			store_esc(&sb, e->type != NULL ? e->type : "");
			strbuf_addc(&sb, '\t');
			if (e->length >= 0)
				strbuf_addf(&sb, "%lld", e->length);
			strbuf_addc(&sb, '\n');
		}
	}
	for (i = 0; i < s->nother; i++) {
		strbuf_adds(&sb, s->other[i]);
		strbuf_addc(&sb, '\n');
	}
	meta = store_meta_dir(st, f->name);
	if (util_mkdir_p(meta, 0700) != 0)
		err = nr_seterr(errbuf, NR_EIO, "%s: cannot create", meta);
	else
		err = util_write_atomic_flags(meta, NR_STATE_FILE, sb.buf,
		    sb.len, flags, errbuf);
	free(meta);
	strbuf_clear(&sb);
	if (err == NR_OK)
		s->dirty = 0;
	return err;
}

int
store_state_update(struct store *st, const char *feed,
    int (*fn)(struct store_feed *, void *, char *), void *arg, char *errbuf)
{
	struct store_feed	 f;
	int			 err, locked;

	locked = st->lockfd != -1;
	if (!locked && (err = store_lock(st, 1, errbuf)) != NR_OK)
		return err;
	memset(&f, 0, sizeof f);
	f.name = (char *)feed;
	err = store_state_load(st, &f, errbuf);
	if (err == NR_OK)
		err = fn(&f, arg, errbuf);
	if (err == NR_OK && f.state->dirty)
		err = store_state_save(st, &f, errbuf);
	store_state_free(f.state);
	if (!locked)
		store_unlock(st);
	return err;
}

/* Flags to set and clear on some items, for the update callbacks. */
struct mark {
	struct store_entry	*e;
	const uint64_t		*hashes;
	size_t			 n;
	int			 set;
	int			 clear;
};

/* Set and clear the flags of one entry. */
static int
mark_one(struct store_feed *f, void *arg, char *errbuf)
{
	struct mark	*mk = arg;

	(void)errbuf;
	store_set_state(f, mk->e, mk->set, mk->clear);
	return NR_OK;
}

/* Set and clear the flags of several items by hash. */
static int
mark_many(struct store_feed *f, void *arg, char *errbuf)
{
	struct mark		*mk = arg;
	struct store_meta	*m;
	size_t			 i;
	int			 v;

	(void)errbuf;
	for (i = 0; i < mk->n; i++) {
		m = store_meta_get(f, mk->hashes[i], 1);
		v = (m->state | mk->set) & ~mk->clear;
		if (v != m->state) {
			m->state = v;
			f->state->dirty = 1;
		}
	}
	return NR_OK;
}

int
store_mark(struct store *st, const char *feed, struct store_entry *e,
    int set, int clear, char *errbuf)
{
	struct mark	mk = { e, NULL, 0, set, clear };

	return store_state_update(st, feed, mark_one, &mk, errbuf);
}

int
store_mark_many(struct store *st, const char *feed, const uint64_t *hashes,
    size_t n, int set, int clear, char *errbuf)
{
	struct mark	mk = { NULL, hashes, n, set, clear };

	return store_state_update(st, feed, mark_many, &mk, errbuf);
}

/* A feed-level key and value, for the update callback. */
struct kv {
	const char	*key;
	const char	*value;
};

/* Set one feed-level value. */
static int
set_value(struct store_feed *f, void *arg, char *errbuf)
{
	struct kv	*kv = arg;

	(void)errbuf;
	store_feed_set(f, kv->key, kv->value);
	return NR_OK;
}

int
store_feed_set_value(struct store *st, const char *feed, const char *key,
    const char *value, char *errbuf)
{
	struct kv	kv = { key, value };

	return store_state_update(st, feed, set_value, &kv, errbuf);
}

void
store_meta_changed(struct store_feed *f)
{
	f->state->dirty = 1;
}

int
store_entry_expire(struct store *st, struct store_feed *f,
    struct store_entry *e, char *errbuf)
{
	char	*path;

	path = store_entry_path(st, e);
	if (unlink(path) != 0 && errno != ENOENT) {
		nr_seterr(errbuf, NR_EIO, "%s: %s", path, strerror(errno));
		free(path);
		return NR_EIO;
	}
	free(path);
	store_set_state(f, e, NR_STATE_EXPIRED, 0);
	f->state->index_dirty = 1;
	return NR_OK;
}
