/*
 * The cache directory: opening it, the write lock, paths, warnings, and
 * the small changes (marks, user tags, values) appended to a feed's
 * state file under the lock.
 */
#include "nr_config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

#define ARENA_CHUNK	(64 * 1024)

void
arena_init(struct arena *a)
{
	memset(a, 0, sizeof *a);
}

void
arena_free(struct arena *a)
{
	size_t	i;

	for (i = 0; i < a->nchunks; i++)
		free(a->chunks[i]);
	free(a->chunks);
	memset(a, 0, sizeof *a);
}

char *
arena_alloc(struct arena *a, size_t n)
{
	char	*p;

	if (n > a->left) {
		p = xmalloc(n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK);
		a->chunks = xreallocarray(a->chunks, a->nchunks + 1,
		    sizeof *a->chunks);
		a->chunks[a->nchunks++] = p;
		if (n > ARENA_CHUNK / 4)
			return p;
		a->cur = p;
		a->left = ARENA_CHUNK;
	}
	p = a->cur;
	a->cur += n;
	a->left -= n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	n = strnlen(s, n);
	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
fid_stat(struct fid *id, const char *path)
{
	struct stat	sb;

	memset(id, 0, sizeof *id);
	if (stat(path, &sb) != 0)
		return;
	id->exists = 1;
	id->dev = (uint64_t)sb.st_dev;
	id->ino = (uint64_t)sb.st_ino;
	id->size = (int64_t)sb.st_size;
	id->sec = (int64_t)sb.st_mtim.tv_sec;
	id->nsec = sb.st_mtim.tv_nsec;
}

int
fid_same(const struct fid *a, const struct fid *b)
{
	if (a->exists != b->exists)
		return 0;
	return !a->exists || (a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->sec == b->sec && a->nsec == b->nsec);
}

enum nr_err
store_errno(int e)
{
	return e == ENOSPC || e == EDQUOT ? NR_ENOSPC : NR_EIO;
}

void
store_esc(struct strbuf *sb, const char *s)
{
	const char	*run;

	for (run = s; *s != '\0'; s++) {
		if (*s != '\\' && *s != '\t' && *s != '\n' && *s != '\r')
			continue;
		strbuf_add(sb, run, (size_t)(s - run));
		strbuf_addc(sb, '\\');
		strbuf_addc(sb, *s == '\\' ? '\\' : *s == '\t' ? 't' :
		    *s == '\n' ? 'n' : 'r');
		run = s + 1;
	}
	strbuf_add(sb, run, (size_t)(s - run));
}

void
store_unesc(char *s)
{
	char	*w;

	if ((s = strchr(s, '\\')) == NULL)
		return;
	for (w = s; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*w++ = *s;
			continue;
		}
		s++;
		*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ?
		    '\r' : *s;
	}
	*w = '\0';
}

static const char *const key_names[NR_KEY_MAX] = {
	[NR_KEY_TITLE] = "title",
	[NR_KEY_LINK] = "link",
	[NR_KEY_URL] = "url",
	[NR_KEY_ETAG] = "etag",
	[NR_KEY_LAST_MODIFIED] = "last-modified",
	[NR_KEY_LAST_OK] = "last-ok",
	[NR_KEY_ERROR] = "error",
	[NR_KEY_CURSOR] = "cursor",
};

const char *
store_key_name(enum store_key k)
{
	return (unsigned)k < NR_KEY_MAX ? key_names[k] : "";
}

enum nr_err
store_open(const char *path, struct store **out, char *errbuf)
{
	struct store	*st;
	struct stat	 sb;
	enum nr_err	 err;

	*out = NULL;
	if (util_mkdir_p(path, 0700) != 0)
		return nr_seterr(errbuf, store_errno(errno), "%s: %s", path,
		    strerror(errno));
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return nr_seterr(errbuf, NR_EIO, "%s: not a directory", path);
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->lockfd = -1;
	st->warn_budget = NR_WARN_BUDGET;
	if ((err = reg_load(st, errbuf)) != NR_OK) {
		store_free(st);
		return err;
	}
	*out = st;
	return NR_OK;
}

void
store_free(struct store *st)
{
	if (st == NULL)
		return;
	store_unlock(st);
	reg_free(st->reg);
	free(st->path);
	free(st);
}

void
store_set_flags(struct store *st, int flags)
{
	st->flags = flags;
}

void
store_set_warn(struct store *st, nr_warn_cb *cb, void *arg)
{
	st->warn = cb;
	st->warnarg = arg;
}

void
store_set_commit_hook(struct store *st, store_commit_cb *cb, void *arg)
{
	st->hook = cb;
	st->hookarg = arg;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

void
store_warn(struct store *st, const char *file, size_t line, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg;

	if (st->warn == NULL)
		return;
	if (st->warn_budget == 0) {
		st->warn_dropped++;
		return;
	}
	st->warn_budget--;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	st->warn(st->warnarg, file, line, msg);
	free(msg);
}

void
store_warn_begin(struct store *st)
{
	st->warn_budget = NR_WARN_BUDGET;
	st->warn_dropped = 0;
}

void
store_warn_end(struct store *st, const char *dir)
{
	if (st->warn_dropped > 0) {
		st->warn_budget = 1;
		store_warn(st, dir, 0, "%zu more bad files not shown",
		    st->warn_dropped);
	}
	st->warn_budget = NR_WARN_BUDGET;
	st->warn_dropped = 0;
}

enum nr_err
store_lock(struct store *st, int wait, char *errbuf)
{
	char	*path;
	int	 fd, e;

	if (st->lockfd != -1)
		return NR_OK;
	path = util_path_join(st->path, NR_LOCK_FILE);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd == -1) {
		e = errno;
		nr_seterr(errbuf, store_errno(e), "%s: %s", path, strerror(e));
		free(path);
		return store_errno(e);
	}
	while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
		if (errno == EINTR)
			continue;
		e = errno;
		close(fd);
		free(path);
		if (e == EWOULDBLOCK)
			return nr_seterr(errbuf, NR_ELOCKED, "%s: another "
			    "newsreader is writing to this data directory",
			    st->path);
		return nr_seterr(errbuf, NR_EIO, "%s/" NR_LOCK_FILE ": %s",
		    st->path, strerror(e));
	}
	free(path);
	st->lockfd = fd;
	/* An old data directory read before the lock was free: record it. */
	(void)reg_record(st, NULL, NULL, NULL);
	return NR_OK;
}

void
store_unlock(struct store *st)
{
	if (st->lockfd == -1)
		return;
	close(st->lockfd);
	st->lockfd = -1;
}

int
store_locked(const struct store *st)
{
	return st->lockfd != -1;
}

int
store_writer_busy(const struct store *st)
{
	char	*path;
	int	 fd, busy;

	path = util_path_join(st->path, NR_LOCK_FILE);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	free(path);
	if (fd == -1)
		return 0;
	/* Held for a moment only: released by the close. */
	busy = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);
	return busy;
}

int
store_feed_name_valid(const char *name)
{
	const char	*p;

	if (*name == '\0' || *name == '.' || *name == '-' ||
	    strlen(name) > NR_FEED_NAME_MAX)
		return 0;
	for (p = name; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-'))
			return 0;
	}
	return 1;
}

char *
store_feed_dir(struct store *st, const char *feed)
{
	return util_path_join(st->path, feed);
}

char *
store_meta_path(struct store *st, const char *feed, const char *file)
{
	if (file == NULL)
		return xasprintf("%s/%s/" NR_META_DIR, st->path, feed);
	return xasprintf("%s/%s/" NR_META_DIR "/%s", st->path, feed, file);
}

/* Compare two strings through pointers, for qsort. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum nr_err
store_feeds(struct store *st, char ***namesp, size_t *np, char *errbuf)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		**names = NULL, *p;
	size_t		 n = 0, cap = 0;
	int		 isdir;

	*namesp = NULL;
	*np = 0;
	if ((d = opendir(st->path)) == NULL)
		return nr_seterr(errbuf, NR_EIO, "%s: %s", st->path,
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (!store_feed_name_valid(de->d_name))
			continue;
		if (de->d_type == DT_DIR)
			isdir = 1;
		else if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
			isdir = 0;
		else {
			p = util_path_join(st->path, de->d_name);
			isdir = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
			free(p);
		}
		if (!isdir)
			continue;
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 64;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (names == NULL)
		names = xcalloc(1, sizeof *names);
	names[n] = NULL;
	qsort(names, n, sizeof *names, cmp_str);
	*namesp = names;
	*np = n;
	return NR_OK;
}

/*
 * Append lines to feed's state file under the lock (taken here unless
 * held). When the lines not yet in the index grow long, the index is
 * rebuilt with them (by opening the feed).
 */
static enum nr_err
append_state(struct store *st, const char *feed, const char *lines,
    size_t len, char *errbuf)
{
	struct store_feed	*f;
	struct idx_head		 h;
	struct stat		 sb;
	char			*path, *ipath;
	int			 locked = st->lockfd != -1, fd;
	enum nr_err		 err;

	if (!store_feed_name_valid(feed))
		return nr_seterr(errbuf, NR_EUSAGE, "invalid feed name '%s'",
		    feed);
	if (!locked && (err = store_lock(st, 1, errbuf)) != NR_OK)
		return err;
	path = store_meta_path(st, feed, NR_STATE_FILE);
	err = state_append(path, lines, len, 0, errbuf);
	if (err == NR_OK && stat(path, &sb) == 0) {
		ipath = store_meta_path(st, feed, NR_INDEX_FILE);
		fd = open(ipath, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd != -1 && pread(fd, &h, sizeof h, 0) == sizeof h &&
		    sb.st_size - (off_t)h.state_size > NR_TAIL_MAX &&
		    feed_open(st, feed, NULL, &f, NULL) == NR_OK)
			store_feed_close(f);
		if (fd != -1)
			close(fd);
		free(ipath);
	}
	free(path);
	if (!locked)
		store_unlock(st);
	return err;
}

enum nr_err
store_mark(struct store *st, const char *feed, const uint64_t *hashes,
    size_t n, int set, int clear, char *errbuf)
{
	struct store_feed	*f;
	struct strbuf		 sb;
	char			 fl[8];
	size_t			 i;
	long			 pos;
	int			 old, new, locked = st->lockfd != -1;
	enum nr_err		 err;

	if (n == 0)
		return NR_OK;
	if (!locked && (err = store_lock(st, 1, errbuf)) != NR_OK)
		return err;
	/* The flags now on disk, under the lock, so others' are kept. */
	if ((err = store_feed_open(st, feed, &f, errbuf)) != NR_OK)
		goto out;
	strbuf_init(&sb, 0);
	for (i = 0; i < n; i++) {
		if ((pos = store_feed_find(f, hashes[i])) < 0)
			continue;
		old = store_feed_state(f, (size_t)pos);
		new = (old | set) & ~clear;
		if (new == old)
			continue;
		state_flags_str(new, fl);
		strbuf_addf(&sb, "flags\t%016" PRIx64 "\t%s\n", hashes[i], fl);
	}
	store_feed_close(f);
	err = sb.len > 0 ? append_state(st, feed, sb.buf, sb.len, errbuf) :
	    NR_OK;
	strbuf_clear(&sb);
out:
	if (!locked)
		store_unlock(st);
	return err;
}

enum nr_err
store_set_value(struct store *st, const char *feed, enum store_key k,
    const char *value, char *errbuf)
{
	struct strbuf	sb;
	enum nr_err	err;

	if ((unsigned)k >= NR_KEY_MAX)
		return nr_seterr(errbuf, NR_EUSAGE, "no such value");
	strbuf_init(&sb, 0);
	strbuf_adds(&sb, "feed\t");
	store_esc(&sb, key_names[k]);
	strbuf_addc(&sb, '\t');
	store_esc(&sb, value != NULL ? value : "");
	strbuf_addc(&sb, '\n');
	err = append_state(st, feed, sb.buf, sb.len, errbuf);
	strbuf_clear(&sb);
	return err;
}

/* Append a user tag line; used by store_usertag.c. */
enum nr_err
store_append_lines(struct store *st, const char *feed, const char *lines,
    size_t len, char *errbuf)
{
	return append_state(st, feed, lines, len, errbuf);
}
