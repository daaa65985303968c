/* The cache directory: feeds, the write lock, and storing article files. */
#define _GNU_SOURCE 1	/* syncfs(2) */
#include "nr_config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

int
store_open(const char *path, struct store **out, char *errbuf)
{
	struct store	*st;
	struct stat	 sb;

	*out = NULL;
	if (util_mkdir_p(path, 0700) != 0)
		return nr_seterr(errbuf, NR_EIO, "%s: %s", path,
		    strerror(errno));
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return nr_seterr(errbuf, NR_EIO, "%s: not a directory", path);
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->lockfd = -1;
	st->warn_budget = NR_WARN_BUDGET;
	*out = st;
	return NR_OK;
}

void
store_free(struct store *st)
{
	if (st == NULL)
		return;
	store_unlock(st);
	free(st->path);
	free(st);
}

void
store_set_warn(struct store *st, store_warn_cb *cb, void *arg)
{
	st->warn = cb;
	st->warnarg = arg;
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

int
store_lock(struct store *st, int wait, char *errbuf)
{
	char	*path;
	int	 fd;

	if (st->lockfd != -1)
		return NR_OK;
	path = util_path_join(st->path, NR_LOCK_FILE);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		nr_seterr(errbuf, NR_EIO, "%s: %s", path, strerror(errno));
		free(path);
		return NR_EIO;
	}
	while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
		if (errno == EINTR)
			continue;
		close(fd);
		if (errno == EWOULDBLOCK) {
			nr_seterr(errbuf, NR_ELOCKED, "%s: another newsreader "
			    "is writing to this data directory", st->path);
			free(path);
			return NR_ELOCKED;
		}
		nr_seterr(errbuf, NR_EIO, "%s: %s", path, strerror(errno));
		free(path);
		return NR_EIO;
	}
	free(path);
	st->lockfd = fd;
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
store_meta_dir(struct store *st, const char *feed)
{
	return xasprintf("%s/%s/" NR_META_DIR, st->path, feed);
}

/* Compare two strings through pointers, for qsort. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
store_feeds(struct store *st, char ***namesp, size_t *np, char *errbuf)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		**names = NULL, *p;
	size_t		 n = 0;

	*namesp = NULL;
	*np = 0;
	d = opendir(st->path);
	if (d == NULL)
		return nr_seterr(errbuf, NR_EIO, "%s: %s", st->path,
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (!store_feed_name_valid(de->d_name))
			continue;
		p = util_path_join(st->path, de->d_name);
		if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			names = xreallocarray(names, n + 2, sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
		free(p);
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

/* Load a feed's state file and, if with_index is set, its entries. */
static int
feed_load(struct store *st, const char *name, int with_index,
    struct store_feed **out, char *errbuf)
{
	struct store_feed	*f;
	int			 err;

	*out = NULL;
	if (!store_feed_name_valid(name))
		return nr_seterr(errbuf, NR_EUSAGE, "invalid feed name '%s'",
		    name);
	f = xcalloc(1, sizeof *f);
	f->name = xstrdup(name);
	if ((err = store_state_load(st, f, errbuf)) != NR_OK ||
	    (with_index && (err = store_index_load(st, f, errbuf)) != NR_OK)) {
		store_feed_free(f);
		return err;
	}
	*out = f;
	return NR_OK;
}

int
store_feed_load(struct store *st, const char *name, struct store_feed **out,
    char *errbuf)
{
	return feed_load(st, name, 1, out, errbuf);
}

int
store_feed_load_state(struct store *st, const char *name,
    struct store_feed **out, char *errbuf)
{
	return feed_load(st, name, 0, out, errbuf);
}

void
store_feed_free(struct store_feed *f)
{
	if (f == NULL)
		return;
	free(f->name);
	free(f->entries);
	store_state_free(f->state);
	free(f->ibuf);
	free(f->ubuf);
	free(f);
}

struct store_entry *
store_feed_find(struct store_feed *f, uint64_t hash)
{
	size_t	i;

	for (i = 0; i < f->nentries; i++) {
		if (f->entries[i].hash == hash)
			return &f->entries[i];
	}
	return NULL;
}

char *
store_entry_path(struct store *st, const struct store_entry *e)
{
	return xasprintf("%s/%s/%s", st->path, e->feed, e->name);
}

/* Create the feed's directory and its meta directory. */
static int
make_feed_dirs(struct store *st, const char *feed, char *errbuf)
{
	char	*meta;
	int	 ret = NR_OK;

	meta = store_meta_dir(st, feed);
	if (util_mkdir_p(meta, 0700) != 0)
		ret = nr_seterr(errbuf, errno == ENOSPC ? NR_ENOSPC : NR_EIO,
		    "%s: %s", meta, strerror(errno));
	free(meta);
	return ret;
}

/* True if the file at path holds exactly these bytes. */
static int
same_bytes(const char *path, const char *buf, size_t len)
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

/*
 * Write buf to a new temporary file in dir, without fsync: the batch is
 * synced once before its renames (store_feed_sync). The caller frees
 * *tmpp.
 */
static int
write_temp(const char *dir, const char *name, const char *buf, size_t len,
    char **tmpp, char *errbuf)
{
	char	*tmp;
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd, e;

	tmp = xasprintf("%s/.tmp-%s.XXXXXX", dir, name);
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
	if (fchmod(fd, 0644) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	*tmpp = tmp;
	return NR_OK;
fail:
	e = errno;
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	nr_seterr(errbuf, e == ENOSPC || e == EDQUOT ? NR_ENOSPC : NR_EIO,
	    "%s/%s: %s", dir, name, strerror(e));
	free(tmp);
	return e == ENOSPC || e == EDQUOT ? NR_ENOSPC : NR_EIO;
}

/* Remember a written temporary file to rename at the next sync. */
static void
add_pending(struct store_state *s, char *tmp, char *dst)
{
	s->pend_tmp = xreallocarray(s->pend_tmp, s->npend + 1,
	    sizeof *s->pend_tmp);
	s->pend_dst = xreallocarray(s->pend_dst, s->npend + 1,
	    sizeof *s->pend_dst);
	s->pend_tmp[s->npend] = tmp;
	s->pend_dst[s->npend++] = dst;
}

/* Flush the file system holding fd (all of it, if fd is -1). */
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

/* Rename a feed's written files into place; the first error is kept. */
static int
rename_pending(struct store_feed *f, char *errbuf)
{
	struct store_state	*s = f->state;
	size_t			 i;
	int			 err = NR_OK;

	for (i = 0; i < s->npend; i++) {
		if (err == NR_OK && rename(s->pend_tmp[i], s->pend_dst[i]) !=
		    0)
			err = nr_seterr(errbuf, NR_EIO, "%s: %s",
			    s->pend_dst[i], strerror(errno));
		if (err != NR_OK)
			unlink(s->pend_tmp[i]);
		free(s->pend_tmp[i]);
		free(s->pend_dst[i]);
	}
	if (s->npend > 0)
		s->index_dirty = 1;
	s->npend = 0;
	return err;
}

int
store_sync_many(struct store *st, struct store_feed **fv, size_t n,
    char *errbuf)
{
	size_t	i, npend = 0, nstate = 0;
	int	dfd, err = NR_OK, e;

	for (i = 0; i < n; i++) {
		/* Merged user tags would end up in the index. */
		if (fv[i]->ubuf != NULL)
			return nr_seterr(errbuf, NR_EFORMAT, "%s: user tags "
			    "merged for reading; not syncing", fv[i]->name);
		npend += fv[i]->state->npend;
		nstate += fv[i]->state->dirty != 0;
	}
	dfd = open(st->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (npend > 0) {
		/* The new files' data is durable before any is named ... */
		fs_sync(dfd);
		for (i = 0; i < n; i++) {
			e = rename_pending(fv[i], err == NR_OK ? errbuf : NULL);
			if (err == NR_OK)
				err = e;
		}
		/* ... and named before a state file may refer to them. */
		if (nstate > 0)
			fs_sync(dfd);
	}
	if (nstate > 0) {
		for (i = 0; i < n; i++) {
			if (!fv[i]->state->dirty)
				continue;
			e = store_state_write(st, fv[i], NR_WRITE_NOSYNC,
			    err == NR_OK ? errbuf : NULL);
			if (err == NR_OK)
				err = e;
		}
		fs_sync(dfd);
	}
	if (dfd != -1)
		close(dfd);
	for (i = 0; i < n; i++)
		store_index_refresh(st, fv[i]);
	return err;
}

int
store_put_raw(struct store *st, struct store_feed *f, uint64_t hash,
    const char *buf, size_t len, int *result, char *errbuf)
{
	struct store_entry	*e;
	struct store_state	*s = f->state;
	char			*dir, *path, *tmp;
	char			 name[NR_ARTICLE_NAME_SIZE];
	int			 err;

	*result = 0;
	e = store_feed_find(f, hash);
	dir = store_feed_dir(st, f->name);
	if (e != NULL) {
		path = store_entry_path(st, e);
		if (same_bytes(path, buf, len)) {
			*result = NR_PUT_SAME;
			free(path);
			free(dir);
			return NR_OK;
		}
		err = write_temp(dir, e->name, buf, len, &tmp, errbuf);
		free(dir);
		if (err != NR_OK) {
			free(path);
			return err;
		}
		add_pending(s, tmp, path);
		*result = NR_PUT_UPDATED;
		return NR_OK;
	}
	if (!s->dirs_made) {
		if ((err = make_feed_dirs(st, f->name, errbuf)) != NR_OK) {
			free(dir);
			return err;
		}
		s->dirs_made = 1;
	}
	article_name(name, sizeof name, s->next_seq, hash);
	err = write_temp(dir, name, buf, len, &tmp, errbuf);
	if (err != NR_OK) {
		free(dir);
		return err;
	}
	add_pending(s, tmp, util_path_join(dir, name));
	free(dir);
	if (f->nentries == s->entrycap) {
		s->entrycap = s->entrycap ? s->entrycap * 2 : 64;
		f->entries = xreallocarray(f->entries, s->entrycap,
		    sizeof *f->entries);
	}
	e = &f->entries[f->nentries++];
	memset(e, 0, sizeof *e);
	e->feed = f->name;
	memcpy(e->name, name, sizeof name);
	e->hash = hash;
	e->seq = s->next_seq++;
	e->title = e->summary = e->link = e->tags = "";
	*result = NR_PUT_NEW;
	return NR_OK;
}
