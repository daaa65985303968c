/*
 * A feed's state file (.meta/state): read/starred/expired flags, user
 * tags, first-seen times, guids, authors, enclosures and feed-level
 * values. It is the truth for all of them. Small changes are appended
 * as lines (a later line wins over an earlier one); a writer that read
 * the file whole rewrites it compacted when the appended lines grow.
 * Unknown lines are kept as they were.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

#define STATE_MAGIC	"newsreader-state 1"
#define ENCL_MAX	64	/* enclosures kept per item */

void
state_init(struct state *s)
{
	memset(s, 0, sizeof *s);
	arena_init(&s->arena);
	strbuf_init(&s->journal, 0);
}

void
state_free(struct state *s)
{
	if (s == NULL)
		return;
	free(s->buf);
	free(s->kv);
	free(s->other);
	free(s->m);
	free(s->tab);
	free(s->touched);
	free(s->asked);
	arena_free(&s->arena);
	strbuf_clear(&s->journal);
	memset(s, 0, sizeof *s);
}

void
state_flags_str(int flags, char buf[8])
{
	char	*p = buf;

	if (flags & NR_STATE_READ)
		*p++ = 'r';
	if (flags & NR_STATE_STARRED)
		*p++ = 's';
	if (flags & NR_STATE_EXPIRED)
		*p++ = 'x';
	if (p == buf)
		*p++ = '-';
	*p = '\0';
}

/* Parse a flags field; -1 if it is not one. */
static int
parse_flags(const char *s)
{
	int	f = 0;

	if (strcmp(s, "-") == 0)
		return 0;
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == 'r')
			f |= NR_STATE_READ;
		else if (*s == 's')
			f |= NR_STATE_STARRED;
		else if (*s == 'x')
			f |= NR_STATE_EXPIRED;
		else
			return -1;
	}
	return f;
}

/* Parse 16 hex digits; 0 on success. */
static int
parse_hash(const char *s, uint64_t *h)
{
	uint64_t	v = 0;
	int		i, c;

	for (i = 0; i < 16; i++) {
		c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v << 4 | (uint64_t)(c - 'A' + 10);
		else
			return -1;
	}
	if (s[16] != '\0')
		return -1;
	*h = v;
	return 0;
}

/* Grow the hash table to hold at least n records at half load. */
static void
tab_grow(struct state *s, size_t n)
{
	size_t	size, i, k;

	if (s->tabsize >= 2 * n && s->tabsize > 0)
		return;
	size = s->tabsize ? s->tabsize : 256;
	while (size < 2 * n)
		size *= 2;
	free(s->tab);
	s->tab = xcalloc(size, sizeof *s->tab);
	s->tabsize = size;
	for (i = 0; i < s->n; i++) {
		k = (size_t)(s->m[i].hash * 0x9e3779b97f4a7c15ULL >> 20) &
		    (size - 1);
		while (s->tab[k] != 0)
			k = (k + 1) & (size - 1);
		s->tab[k] = (uint32_t)(i + 1);
	}
}

struct smeta *
state_get(struct state *s, uint64_t hash, int create)
{
	struct smeta	*m;
	size_t		 k;

	if (s->tabsize > 0) {
		k = (size_t)(hash * 0x9e3779b97f4a7c15ULL >> 20) &
		    (s->tabsize - 1);
		while (s->tab[k] != 0) {
			if (s->m[s->tab[k] - 1].hash == hash)
				return &s->m[s->tab[k] - 1];
			k = (k + 1) & (s->tabsize - 1);
		}
	}
	if (!create)
		return NULL;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->m = xreallocarray(s->m, s->cap, sizeof *s->m);
	}
	m = &s->m[s->n++];
	memset(m, 0, sizeof *m);
	m->hash = hash;
	m->first_seen = NR_TIME_NONE;
	if (s->tabsize < 2 * s->n)
		tab_grow(s, s->n);
	else {
		k = (size_t)(hash * 0x9e3779b97f4a7c15ULL >> 20) &
		    (s->tabsize - 1);
		while (s->tab[k] != 0)
			k = (k + 1) & (s->tabsize - 1);
		s->tab[k] = (uint32_t)s->n;
	}
	return m;
}

/* The kv slot of key, or NULL. */
static struct skv *
kv_find(const struct state *s, const char *key)
{
	size_t	i;

	for (i = 0; i < s->nkv; i++) {
		if (strcmp(s->kv[i].key, key) == 0)
			return &s->kv[i];
	}
	return NULL;
}

const char *
state_value(const struct state *s, const char *key)
{
	struct skv	*kv = kv_find(s, key);

	return kv != NULL ? kv->value : NULL;
}

/* Set a value in memory (strings must live as long as s). */
static void
kv_set(struct state *s, const char *key, const char *value)
{
	struct skv	*kv;

	if (value != NULL && *value == '\0')
		value = NULL;
	if ((kv = kv_find(s, key)) != NULL) {
		kv->value = value;
		s->overrides++;
		return;
	}
	s->kv = xreallocarray(s->kv, s->nkv + 1, sizeof *s->kv);
	s->kv[s->nkv].key = key;
	s->kv[s->nkv++].value = value;
}

/* True when '\n'-separated list has tag exactly. */
static int
list_has(const char *list, const char *tag)
{
	size_t		 n = strlen(tag);
	const char	*p;

	for (p = list; p != NULL && *p != '\0'; ) {
		if (strncmp(p, tag, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return 1;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return 0;
}

/* Add or remove a user tag in memory; 1 if it changed anything. */
static int
utag_apply(struct state *s, struct smeta *m, const char *tag, int add)
{
	struct strbuf	 sb;
	const char	*p, *nl;
	size_t		 n = strlen(tag), len;

	m->utops++;
	if (s->tail) {
		/* A tail: keep the operations, for the entry's own tags. */
		len = m->ops != NULL ? strlen(m->ops) : 0;
		p = arena_alloc(&s->arena, len + n + 3);
		if (len > 0)
			memcpy((char *)p, m->ops, len);
		((char *)p)[len] = add ? '+' : '-';
		memcpy((char *)p + len + 1, tag, n);
		((char *)p)[len + n + 1] = '\n';
		((char *)p)[len + n + 2] = '\0';
		m->ops = p;
		return 1;
	}
	if (list_has(m->utags, tag) == add)
		return 0;
	if (add) {
		if (m->utags == NULL || *m->utags == '\0')
			m->utags = arena_strdup(&s->arena, tag);
		else {
			len = strlen(m->utags);
			p = arena_alloc(&s->arena, len + n + 2);
			memcpy((char *)p, m->utags, len);
			((char *)p)[len] = '\n';
			memcpy((char *)p + len + 1, tag, n + 1);
			m->utags = p;
		}
		return 1;
	}
	strbuf_init(&sb, 0);
	for (p = m->utags; p != NULL && *p != '\0'; p = nl) {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (!(len == n && strncmp(p, tag, n) == 0)) {
			if (sb.len > 0)
				strbuf_addc(&sb, '\n');
			strbuf_add(&sb, p, len);
		}
		if (nl != NULL)
			nl++;
	}
	m->utags = sb.len > 0 ? arena_strdup(&s->arena, sb.buf) : NULL;
	strbuf_clear(&sb);
	return 1;
}

/* Split a line at tabs in place into at most max fields; the count. */
static size_t
split(char *line, char **f, size_t max)
{
	size_t	n = 0;
	char	*tab;

	while (n < max) {
		f[n++] = line;
		if ((tab = strchr(line, '\t')) == NULL)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/*
 * True for a well-formed line of a kind this version does not know
 * ("word<TAB>..."), which a later version may have written.
 */
static int
future_line(const char *line)
{
	static const char *const known[] = { "feed", "item", "enclosure",
	    "usertag", "untag", "flags", "stamp", "fulltext" };
	size_t	n = strspn(line, "abcdefghijklmnopqrstuvwxyz-"), i;

	if (n == 0 || line[n] != '\t')
		return 0;
	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (strlen(known[i]) == n && strncmp(line, known[i], n) == 0)
			return 0;
	}
	return 1;
}

/* Append an enclosure line's fields to m (escaped, as in the file). */
static void
encl_add(struct state *s, struct smeta *m, const char *raw)
{
	const char	*p;
	size_t		 n = 0, len, add = strlen(raw);
	char		*w;

	for (p = m->encl; p != NULL && *p != '\0'; p++)
		n += *p == '\n';
	if (n >= ENCL_MAX)
		return;
	len = m->encl != NULL ? strlen(m->encl) : 0;
	w = arena_alloc(&s->arena, len + add + 2);
	if (len > 0)
		memcpy(w, m->encl, len);
	memcpy(w + len, raw, add);
	w[len + add] = '\n';
	w[len + add + 1] = '\0';
	m->encl = w;
}

/* True when line is a well-formed user tag ("usertag" lines). */
static int
tag_ok(const char *t)
{
	return store_usertag_valid(t);
}

/* Parse one line (NUL-terminated, in place); 0, or -1 if malformed. */
static int
parse_line(struct state *s, char *line)
{
	struct smeta	*m;
	char		*f[6], *raw;
	uint64_t	 h;
	size_t		 n;
	int		 fl;

	if (strncmp(line, "enclosure\t", 10) == 0) {
		/* Kept escaped: url, type and length as in the file. */
		raw = line + 10;
		if (strlen(raw) < 18 || raw[16] != '\t')
			return -1;
		raw[16] = '\0';
		if (parse_hash(raw, &h) != 0) {
			raw[16] = '\t';
			return -1;
		}
		raw[16] = '\t';
		n = split(raw + 17, f, 4);
		if (n != 3 || *f[0] == '\0')
			return -1;
		f[1][-1] = '\t';
		f[2][-1] = '\t';
		encl_add(s, state_get(s, h, 1), raw + 17);
		return 0;
	}
	n = split(line, f, 6);
	if (strcmp(f[0], "item") == 0 && n == 6) {
		if (parse_hash(f[1], &h) != 0 || (fl = parse_flags(f[2])) < 0)
			return -1;
		m = state_get(s, h, 1);
		if (m->has_item || m->has_flags)
			s->overrides++;
		store_unesc(f[4]);
		store_unesc(f[5]);
		m->flags = fl;
		m->has_flags = m->has_item = 1;
		m->first_seen = *f[3] != '\0' ? strtoll(f[3], NULL, 10) :
		    NR_TIME_NONE;
		m->guid = *f[4] != '\0' ? f[4] : NULL;
		m->author = *f[5] != '\0' ? f[5] : NULL;
		m->encl = NULL;
		return 0;
	}
	if (strcmp(f[0], "flags") == 0 && n == 3) {
		if (parse_hash(f[1], &h) != 0 || (fl = parse_flags(f[2])) < 0)
			return -1;
		m = state_get(s, h, 1);
		if (m->has_flags)
			s->overrides++;
		m->flags = fl;
		m->has_flags = 1;
		return 0;
	}
	if ((strcmp(f[0], "usertag") == 0 || strcmp(f[0], "untag") == 0) &&
	    n == 3) {
		if (parse_hash(f[1], &h) != 0 || !tag_ok(f[2]))
			return -1;
		m = state_get(s, h, 1);
		if (m->utops > 0)
			s->overrides++;
		utag_apply(s, m, f[2], f[0][0] == 'u' && f[0][1] == 's');
		return 0;
	}
	if (strcmp(f[0], "fulltext") == 0 && n == 4) {
		if (parse_hash(f[1], &h) != 0)
			return -1;
		if (strcmp(f[2], "done") == 0)
			fl = NR_FULLTEXT_DONE;
		else if (f[2][0] >= '0' && f[2][0] <= '9' &&
		    strspn(f[2], "0123456789") == strlen(f[2]) &&
		    strlen(f[2]) <= 4)
			fl = atoi(f[2]);
		else
			return -1;
		m = state_get(s, h, 1);
		if (m->has_ft)
			s->overrides++;
		store_unesc(f[3]);
		m->has_ft = 1;
		m->ft = fl;
		m->ft_reason = *f[3] != '\0' ? f[3] : NULL;
		return 0;
	}
	if (strcmp(f[0], "feed") == 0 && n == 3) {
		store_unesc(f[1]);
		store_unesc(f[2]);
		kv_set(s, f[1], f[2]);
		return 0;
	}
	if (strcmp(f[0], "stamp") == 0 && n == 2) {
		if (parse_hash(f[1], &h) != 0)
			return -1;
		s->stamp = h;
		return 0;
	}
	return -1;
}

/* Keep a line we do not understand, so saving loses nothing. */
static void
keep_other(struct state *s, const char *line)
{
	s->other = xreallocarray(s->other, s->nother + 1, sizeof *s->other);
	s->other[s->nother++] = arena_strdup(&s->arena, line);
}

void
state_parse(struct store *st, const char *path, struct state *s, char *buf,
    size_t len, int whole)
{
	char	*line, *nl, *end = buf + len, *copy;
	size_t	 lineno = 0;

	for (line = buf; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			break;		/* a torn last line: not applied */
		*nl = '\0';
		lineno++;
		if (memchr(line, '\0', (size_t)(nl - line)) != NULL) {
			store_warn(st, path, lineno, "NUL byte in a state line "
			    "(dropped)");
			continue;
		}
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (whole && lineno == 1 && strcmp(line, STATE_MAGIC) == 0)
			continue;
		if (*line == '\0' || *line == '#')
			continue;
		copy = strchr(line, '\t') != NULL ? xstrdup(line) : NULL;
		if (parse_line(s, line) != 0) {
			if (!future_line(copy != NULL ? copy : line))
				store_warn(st, path, lineno, "malformed state "
				    "line (kept as it is)");
			keep_other(s, copy != NULL ? copy : line);
		}
		free(copy);
	}
}

unsigned long	state_whole_reads;

enum nr_err
state_load(struct store *st, const char *path, struct state *s, char *errbuf)
{
	struct stat	 sb;
	char		*buf;
	size_t		 len, used;
	ssize_t		 r;
	int		 fd;

	state_init(s);
	state_whole_reads++;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1) {
		if (errno == ENOENT)
			return NR_OK;
		return nr_seterr(errbuf, NR_EIO, "%s: %s", path,
		    strerror(errno));
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		store_warn(st, path, 0, "not a regular file (ignored)");
		return NR_OK;
	}
	if ((size_t)sb.st_size > NR_STATE_MAX) {
		close(fd);
		return nr_seterr(errbuf, NR_ELIMIT, "%s: larger than %zu "
		    "bytes", path, NR_STATE_MAX);
	}
	len = (size_t)sb.st_size;
	buf = xmalloc(len + 1);
	used = 0;
	while (used < len) {
		r = read(fd, buf + used, len - used);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			r = errno;
			close(fd);
			free(buf);
			return nr_seterr(errbuf, NR_EIO, "%s: %s", path,
			    strerror((int)r));
		}
		if (r == 0)
			break;
		used += (size_t)r;
	}
	close(fd);
	buf[used] = '\0';
	s->id.exists = 1;
	s->id.dev = (uint64_t)sb.st_dev;
	s->id.ino = (uint64_t)sb.st_ino;
	s->id.sec = (int64_t)sb.st_mtim.tv_sec;
	s->id.nsec = sb.st_mtim.tv_nsec;
	/* Only whole lines count: a torn last line is not applied. */
	while (used > 0 && buf[used - 1] != '\n')
		used--;
	s->id.size = (int64_t)used;
	s->size = used;
	s->buf = buf;
	s->tabsize = 0;
	state_parse(st, path, s, buf, used, 1);
	if (s->n > 0)
		tab_grow(s, s->n);
	return NR_OK;
}

int
state_peek(const char *path, struct state *s)
{
	struct stat	sb;
	char		c;
	int		fd;

	state_init(s);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	/* No file: the empty state is all of it. */
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	s->partial = 1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size > NR_STATE_MAX || (sb.st_size > 0 &&
	    (pread(fd, &c, 1, sb.st_size - 1) != 1 || c != '\n'))) {
		close(fd);
		return -1;
	}
	close(fd);
	s->id.exists = 1;
	s->id.dev = (uint64_t)sb.st_dev;
	s->id.ino = (uint64_t)sb.st_ino;
	s->id.sec = (int64_t)sb.st_mtim.tv_sec;
	s->id.nsec = sb.st_mtim.tv_nsec;
	s->id.size = (int64_t)sb.st_size;
	s->size = (size_t)sb.st_size;
	s->stamp = state_read_stamp(path);
	return 0;
}

static int
cmp_hash(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Where the hash of a line about an item starts, and whether the line
 * counts as a record line (enclosure lines do not); 0 for other lines.
 */
static size_t
line_hash_at(const char *p, size_t len, int *rec)
{
	static const struct {
		const char	*word;
		size_t		 len;
		int		 rec;
	} kinds[] = {
		{ "item\t", 5, 1 }, { "flags\t", 6, 1 }, { "usertag\t", 8, 1 },
		{ "untag\t", 6, 1 }, { "enclosure\t", 10, 0 },
		{ "fulltext\t", 9, 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (len >= kinds[i].len + 17 &&
		    memcmp(p, kinds[i].word, kinds[i].len) == 0 &&
		    p[kinds[i].len + 16] == '\t') {
			*rec = kinds[i].rec;
			return kinds[i].len;
		}
	}
	return 0;
}

/* The top 16 bits of the hash written at p, or -1. */
static long
hash_top16(const char *p)
{
	long	v = 0;
	int	i, d;

	for (i = 0; i < 4; i++) {
		if ((d = util_hexval((unsigned char)p[i])) < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* One line of a partial read: applied when it is about a wanted item. */
static void
some_line(struct state *s, const char *p, size_t len, const uint64_t *w,
    size_t nw, const uint8_t *top, int kv)
{
	uint64_t	h;
	size_t		off;
	long		t16;
	char		hex[17], *copy;
	int		rec;

	if ((off = line_hash_at(p, len, &rec)) > 0) {
		if (kv)
			s->nrec += (size_t)rec;
		if (nw == 0 || (t16 = hash_top16(p + off)) < 0 ||
		    !(top[t16 >> 3] & (1u << (t16 & 7))))
			return;
		memcpy(hex, p + off, 16);
		hex[16] = '\0';
		if (parse_hash(hex, &h) != 0 ||
		    bsearch(&h, w, nw, sizeof *w, cmp_hash) == NULL)
			return;
	} else if (len >= 5 && memcmp(p, "feed\t", 5) == 0) {
		/* Feed lines count: all but the last of each key are spent. */
		if (!kv)
			return;
		s->nrec++;
	} else if (!kv || len < 6 || memcmp(p, "stamp\t", 6) != 0)
		return;
	if (memchr(p, '\0', len) != NULL)
		return;
	copy = arena_alloc(&s->arena, len + 1);
	memcpy(copy, p, len);
	copy[len] = '\0';
	if (len > 0 && copy[len - 1] == '\r')
		copy[len - 1] = '\0';
	(void)parse_line(s, copy);
}

enum nr_err
state_load_some(struct store *st, const char *path, struct state *s,
    const uint64_t *want, size_t n, char *errbuf)
{
	const char	*p, *end, *nl;
	uint64_t	*w;
	uint8_t		*top;
	size_t		 nw = 0, i, cap, have, pos, want_n;
	ssize_t		 r;
	char		*buf;
	int		 fd, kv = !s->kv_read;
	enum nr_err	 err = NR_OK;

	w = xcalloc(n + 1, sizeof *w);
	for (i = 0; i < n; i++) {
		if (s->nasked == 0 || bsearch(&want[i], s->asked, s->nasked,
		    sizeof *s->asked, cmp_hash) == NULL)
			w[nw++] = want[i];
	}
	if (nw == 0 && !kv) {
		free(w);
		return NR_OK;
	}
	qsort(w, nw, sizeof *w, cmp_hash);
	/* A first filter on each line: the top 16 bits of the wanted. */
	top = xcalloc(65536 / 8, 1);
	for (i = 0; i < nw; i++)
		top[w[i] >> 51] |= (uint8_t)(1u << (w[i] >> 48 & 7));
	if (kv)
		s->nrec = 0;
	fd = -1;
	if (s->id.exists && s->size > 0 &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		err = nr_seterr(errbuf, NR_EIO, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	/* Read in pieces: a pass over 20 MB holds 1 MB. */
	cap = (size_t)1 << 20;
	buf = xmalloc(cap);
	for (pos = 0, have = 0; fd != -1 && pos < s->size; ) {
		if (have == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		want_n = cap - have;
		if (want_n > s->size - pos)
			want_n = s->size - pos;
		if ((r = pread(fd, buf + have, want_n, (off_t)pos)) <= 0) {
			if (r == -1 && errno == EINTR)
				continue;
			err = nr_seterr(errbuf, NR_EIO, "%s: %s", path,
			    r == 0 ? "shorter than it was" : strerror(errno));
			break;
		}
		pos += (size_t)r;
		have += (size_t)r;
		end = buf + have;
		for (p = buf; p < end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				break;
			some_line(s, p, (size_t)(nl - p), w, nw, top, kv);
		}
		/* A line cut by the piece's end moves to the front. */
		have = (size_t)(end - p);
		memmove(buf, p, have);
	}
	free(buf);
	if (fd != -1)
		close(fd);
out:
	free(top);
	if (err != NR_OK) {
		free(w);
		return err;
	}
	s->kv_read = 1;
	s->asked = xreallocarray(s->asked, s->nasked + nw + 1,
	    sizeof *s->asked);
	memcpy(s->asked + s->nasked, w, nw * sizeof *w);
	s->nasked += nw;
	qsort(s->asked, s->nasked, sizeof *s->asked, cmp_hash);
	free(w);
	(void)st;
	return NR_OK;
}

/* Append a field, escaped. */
static void
add_esc(struct strbuf *sb, const char *s)
{
	store_esc(sb, s != NULL ? s : "");
}

/* Append the item line of m. */
static void
add_item_line(struct strbuf *sb, const struct smeta *m)
{
	char	fl[8];

	state_flags_str(m->flags, fl);
	strbuf_addf(sb, "item\t%016" PRIx64 "\t%s\t", m->hash, fl);
	if (m->first_seen != NR_TIME_NONE)
		strbuf_addf(sb, "%" PRId64, m->first_seen);
	strbuf_addc(sb, '\t');
	add_esc(sb, m->guid);
	strbuf_addc(sb, '\t');
	add_esc(sb, m->author);
	strbuf_addc(sb, '\n');
}

/* Append the enclosure lines of m. */
static void
add_encl_lines(struct strbuf *sb, const struct smeta *m)
{
	const char	*p, *nl;

	for (p = m->encl; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		strbuf_addf(sb, "enclosure\t%016" PRIx64 "\t", m->hash);
		strbuf_add(sb, p, (size_t)(nl - p) + 1);
	}
}

void
state_set_value(struct state *s, const char *key, const char *value)
{
	const char	*old = state_value(s, key);

	if (value != NULL && *value == '\0')
		value = NULL;
	if ((old == NULL && value == NULL) ||
	    (old != NULL && value != NULL && strcmp(old, value) == 0))
		return;
	key = arena_strdup(&s->arena, key);
	kv_set(s, key, value != NULL ? arena_strdup(&s->arena, value) : NULL);
	strbuf_adds(&s->journal, "feed\t");
	add_esc(&s->journal, key);
	strbuf_addc(&s->journal, '\t');
	add_esc(&s->journal, value);
	strbuf_addc(&s->journal, '\n');
	s->njournal++;
}

/* Remember that item hash changed (the index takes only those again). */
static void
touch(struct state *s, uint64_t hash)
{
	if (s->ntouched == s->touchedcap) {
		s->touchedcap = s->touchedcap ? s->touchedcap * 2 : 64;
		s->touched = xreallocarray(s->touched, s->touchedcap,
		    sizeof *s->touched);
	}
	s->touched[s->ntouched++] = hash;
}

int
state_touched(const struct state *s, uint64_t hash)
{
	size_t	i;

	for (i = 0; i < s->ntouched; i++) {
		if (s->touched[i] == hash)
			return 1;
	}
	return 0;
}

void
state_set_flags(struct state *s, struct smeta *m, int flags)
{
	char	fl[8];

	if (m->has_flags && m->flags == flags)
		return;
	m->flags = flags;
	m->has_flags = 1;
	state_flags_str(flags, fl);
	strbuf_addf(&s->journal, "flags\t%016" PRIx64 "\t%s\n", m->hash, fl);
	s->njournal++;
	touch(s, m->hash);
}

/* True when two optional strings are equal. */
static int
str_eq(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b == NULL || *b == '\0';
	return b != NULL && strcmp(a, b) == 0;
}

/* The enclosures of it in the state's escaped form (caller frees). */
static char *
encl_of(const struct item *it)
{
	struct strbuf	sb;
	size_t		i;

	if (it == NULL || it->nenclosures == 0)
		return NULL;
	strbuf_init(&sb, 0);
	for (i = 0; i < it->nenclosures && i < ENCL_MAX; i++) {
		if (it->enclosures[i].url == NULL ||
		    *it->enclosures[i].url == '\0')
			continue;
		store_esc(&sb, it->enclosures[i].url);
		strbuf_addc(&sb, '\t');
		add_esc(&sb, it->enclosures[i].type);
		strbuf_addc(&sb, '\t');
		if (it->enclosures[i].length >= 0)
			strbuf_addf(&sb, "%lld", it->enclosures[i].length);
		strbuf_addc(&sb, '\n');
	}
	if (sb.len == 0) {
		strbuf_clear(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

void
state_put_item(struct state *s, struct smeta *m, int64_t first_seen,
    const char *guid, const char *author, const struct item *it)
{
	char	*encl = encl_of(it);

	if (m->has_item && m->first_seen == first_seen &&
	    str_eq(m->guid, guid) && str_eq(m->author, author) &&
	    str_eq(m->encl, encl)) {
		free(encl);
		return;
	}
	m->has_item = m->has_flags = 1;
	m->first_seen = first_seen;
	m->guid = guid != NULL && *guid != '\0' ?
	    arena_strdup(&s->arena, guid) : NULL;
	m->author = author != NULL && *author != '\0' ?
	    arena_strdup(&s->arena, author) : NULL;
	m->encl = encl != NULL ? arena_strdup(&s->arena, encl) : NULL;
	free(encl);
	add_item_line(&s->journal, m);
	add_encl_lines(&s->journal, m);
	s->njournal++;
	touch(s, m->hash);
}

/* Append the fulltext line of m. */
static void
add_ft_line(struct strbuf *sb, const struct smeta *m)
{
	strbuf_addf(sb, "fulltext\t%016" PRIx64 "\t", m->hash);
	if (m->ft == NR_FULLTEXT_DONE)
		strbuf_adds(sb, "done");
	else
		strbuf_addf(sb, "%d", m->ft);
	strbuf_addc(sb, '\t');
	add_esc(sb, m->ft_reason);
	strbuf_addc(sb, '\n');
}

void
state_set_fulltext(struct state *s, struct smeta *m, int tries,
    const char *reason)
{
	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if (tries != NR_FULLTEXT_DONE && (tries < 0 || tries > 9999))
		tries = tries < 0 ? 0 : 9999;
	if (m->has_ft && m->ft == tries && str_eq(m->ft_reason, reason))
		return;
	m->has_ft = 1;
	m->ft = tries;
	m->ft_reason = reason != NULL ? arena_strdup(&s->arena, reason) :
	    NULL;
	add_ft_line(&s->journal, m);
	s->njournal++;
}

int
state_usertag(struct state *s, uint64_t hash, const char *tag, int add)
{
	struct smeta	*m = state_get(s, hash, 1);

	if (!utag_apply(s, m, tag, add))
		return 0;
	strbuf_addf(&s->journal, "%s\t%016" PRIx64 "\t%s\n",
	    add ? "usertag" : "untag", hash, tag);
	s->njournal++;
	touch(s, hash);
	return 1;
}

/* A new random-enough stamp for a rewritten state file. */
static uint64_t
new_stamp(const struct state *s)
{
	struct {
		struct timespec	ts;
		pid_t		pid;
		const void	*p;
		size_t		n;
	}		seed;
	uint64_t	h;

	memset(&seed, 0, sizeof seed);
	clock_gettime(CLOCK_REALTIME, &seed.ts);
	seed.pid = getpid();
	seed.p = s;
	seed.n = s->n;
	h = util_sum64(&seed, sizeof seed);
	return h != 0 && h != s->stamp ? h : h + 1;
}

/* Compare records by hash, for a stable file. */
static int
cmp_meta(const void *a, const void *b)
{
	const struct smeta	*x = *(const struct smeta *const *)a;
	const struct smeta	*y = *(const struct smeta *const *)b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* The whole state as text. */
static void
format_whole(struct state *s, uint64_t stamp, struct strbuf *sb)
{
	const struct smeta	**v;
	const char		 *p, *nl;
	size_t			  i, n = 0;

	strbuf_addf(sb, STATE_MAGIC "\nstamp\t%016" PRIx64 "\n", stamp);
	for (i = 0; i < s->nkv; i++) {
		if (s->kv[i].value == NULL)
			continue;
		strbuf_adds(sb, "feed\t");
		add_esc(sb, s->kv[i].key);
		strbuf_addc(sb, '\t');
		add_esc(sb, s->kv[i].value);
		strbuf_addc(sb, '\n');
	}
	v = xcalloc(s->n + 1, sizeof *v);
	for (i = 0; i < s->n; i++)
		v[n++] = &s->m[i];
	qsort(v, n, sizeof *v, cmp_meta);
	for (i = 0; i < n; i++) {
		if (v[i]->has_item || v[i]->has_flags || v[i]->encl != NULL)
			add_item_line(sb, v[i]);
		add_encl_lines(sb, v[i]);
		for (p = v[i]->utags; p != NULL && *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			strbuf_addf(sb, "usertag\t%016" PRIx64 "\t",
			    v[i]->hash);
			strbuf_add(sb, p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
			strbuf_addc(sb, '\n');
			if (nl == NULL)
				break;
		}
		if (v[i]->has_ft)
			add_ft_line(sb, v[i]);
	}
	free(v);
	for (i = 0; i < s->nother; i++) {
		strbuf_adds(sb, s->other[i]);
		strbuf_addc(sb, '\n');
	}
}

enum nr_err
state_write(struct store *st, const char *path, struct state *s, int flags,
    char *errbuf)
{
	struct strbuf	 sb;
	char		*dir, *slash;
	uint64_t	 stamp;
	size_t		 limit;
	enum nr_err	 err;

	(void)st;
	limit = s->n / 2 > 1024 ? s->n / 2 : 1024;
	/* A state read in part is only ever appended to. */
	if (s->partial && ((flags & NR_STATE_WHOLE) || s->rewrite))
		return nr_seterr(errbuf, NR_EUSAGE, "%s: writing a state read "
		    "in part whole", path);
	if (s->partial || (!(flags & NR_STATE_WHOLE) && !s->rewrite &&
	    s->id.exists && s->overrides + s->njournal <= limit)) {
		if (s->journal.len == 0)
			return NR_OK;
		err = state_append(path, s->journal.buf, s->journal.len,
		    flags & NR_WRITE_NOSYNC, errbuf);
		if (err != NR_OK)
			return err;
		s->overrides += s->njournal;
		strbuf_reset(&s->journal);
		s->njournal = 0;
		fid_stat(&s->id, path);
		s->size = (size_t)s->id.size;
		return NR_OK;
	}
	stamp = new_stamp(s);
	strbuf_init(&sb, 0);
	format_whole(s, stamp, &sb);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if (util_mkdir_p(dir, 0700) != 0)
		err = nr_seterr(errbuf, store_errno(errno), "%s: %s", dir,
		    strerror(errno));
	else
		err = util_write_atomic_flags(dir, NR_STATE_FILE, sb.buf,
		    sb.len, flags & NR_WRITE_NOSYNC, errbuf);
	free(dir);
	strbuf_clear(&sb);
	if (err != NR_OK)
		return err;
	s->stamp = stamp;
	s->overrides = 0;
	s->rewrite = 0;
	strbuf_reset(&s->journal);
	s->njournal = 0;
	fid_stat(&s->id, path);
	s->size = (size_t)s->id.size;
	return NR_OK;
}

/* Cut a torn last line (no LF) off the open state file fd. */
static int
cut_torn(int fd, off_t size)
{
	char	buf[4096];
	off_t	pos = size;
	ssize_t	n;
	int	i;

	if (size == 0)
		return 0;
	while (pos > 0) {
		n = pos > (off_t)sizeof buf ? (ssize_t)sizeof buf :
		    (ssize_t)pos;
		if (pread(fd, buf, (size_t)n, pos - n) != n)
			return -1;
		for (i = (int)n - 1; i >= 0; i--) {
			if (buf[i] == '\n') {
				if (pos - n + i + 1 == size)
					return 0;
				return ftruncate(fd, pos - n + i + 1);
			}
		}
		pos -= n;
	}
	return ftruncate(fd, 0);
}

enum nr_err
state_append(const char *path, const char *lines, size_t len, int flags,
    char *errbuf)
{
	struct stat	 sb;
	struct strbuf	 whole;
	char		*dir, *slash;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, e, nosync = (flags & NR_WRITE_NOSYNC) != 0;
	enum nr_err	 err;

	fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1 && errno == ENOENT) {
		if (len == 0)
			return NR_OK;
		/* No file yet: write it whole, with its header. */
		strbuf_init(&whole, 0);
		strbuf_addf(&whole, STATE_MAGIC "\nstamp\t%016" PRIx64 "\n",
		    util_sum64(path, strlen(path)) ^ (uint64_t)time(NULL));
		strbuf_add(&whole, lines, len);
		dir = xstrdup(path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		if (util_mkdir_p(dir, 0700) != 0)
			err = nr_seterr(errbuf, store_errno(errno), "%s: %s",
			    dir, strerror(errno));
		else
			err = util_write_atomic_flags(dir, NR_STATE_FILE,
			    whole.buf, whole.len, nosync ? NR_WRITE_NOSYNC : 0,
			    errbuf);
		free(dir);
		strbuf_clear(&whole);
		return err;
	}
	if (fd == -1)
		return nr_seterr(errbuf, store_errno(errno), "%s: %s", path,
		    strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return nr_seterr(errbuf, NR_EIO, "%s: not a regular file",
		    path);
	}
	if (cut_torn(fd, sb.st_size) != 0 || fstat(fd, &sb) != 0)
		goto fail;
	while (off < len) {
		n = write(fd, lines + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		off += (size_t)n;
	}
	if (!nosync && fdatasync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return NR_OK;
fail:
	e = errno;
	if (fd != -1) {
		/* Take back what was written: all the lines or none. */
		(void)ftruncate(fd, sb.st_size);
		close(fd);
	}
	return nr_seterr(errbuf, store_errno(e), "%s: %s", path, strerror(e));
}

uint64_t
state_read_stamp(const char *path)
{
	char		buf[80];
	ssize_t		n;
	uint64_t	h;
	int		fd;
	char		*p;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1)
		return 0;
	n = pread(fd, buf, sizeof buf - 1, 0);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (strncmp(buf, STATE_MAGIC "\nstamp\t", sizeof STATE_MAGIC + 6) != 0)
		return 0;
	p = buf + sizeof STATE_MAGIC + 6;
	if (strlen(p) < 17 || p[16] != '\n')
		return 0;
	p[16] = '\0';
	return parse_hash(p, &h) == 0 ? h : 0;
}
