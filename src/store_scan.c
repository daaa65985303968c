/*
 * Scanning a feed directory: list its article files and make an index
 * entry for each. A file whose name, size and modification time are
 * those of an entry of the old index keeps that entry (found by hash in
 * O(log n)); only new and changed files are opened and parsed.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* Tags joined with '\n' into the arena. */
static const char *
join_tags(struct arena *a, const struct item *it)
{
	size_t	i, len = 0;
	char	*s, *w;

	if (it->ntags == 0)
		return "";
	for (i = 0; i < it->ntags; i++)
		len += strlen(it->tags[i]) + 1;
	w = s = arena_alloc(a, len);
	for (i = 0; i < it->ntags; i++) {
		if (i > 0)
			*w++ = '\n';
		w = stpcpy(w, it->tags[i]);
	}
	return s;
}

void
scan_apply_state(const struct state *s, struct irec *r)
{
	const struct smeta	*m;

	m = s != NULL ? state_get((struct state *)s, r->hash, 0) : NULL;
	r->flags = m != NULL ? (uint32_t)m->flags : 0;
	r->utags = m != NULL && m->utags != NULL ? m->utags : "";
	r->author = m != NULL && m->author != NULL ? m->author : "";
	r->encl = m != NULL && m->encl != NULL ? m->encl : "";
}

/* A file being looked for among the old entries. */
struct want {
	const struct store_feed	*f;
	const char		*name;
	unsigned long		 seq;
	const struct stat	*sb;
	struct irec		*out;
	int			 found;
};

/* Take the entry at position p if it is the file, unchanged. */
static void
match_one(void *arg, size_t p)
{
	struct want		*w = arg;
	const struct idx_view	*v;
	char			 buf[NR_ARTICLE_NAME_SIZE];
	size_t			 i;

	if (w->found)
		return;
	v = feed_at(w->f, p, &i);
	if (v->seq[i] != w->seq || v->size[i] != w->sb->st_size ||
	    v->mtime[i] != w->sb->st_mtim.tv_sec ||
	    v->mnsec[i] != (uint32_t)w->sb->st_mtim.tv_nsec)
		return;
	if (strcmp(idx_entry_name(v, i, buf, sizeof buf), w->name) != 0)
		return;
	idx_rec(v, i, w->out);
	w->found = 1;
}

/* The old entry for a file, if its name, size and time are unchanged. */
static int
find_old(const struct scan_old *old, const char *name, unsigned long seq,
    uint64_t hash, const struct stat *sb, struct irec *out)
{
	struct want	w;
	char		buf[NR_ARTICLE_NAME_SIZE];
	size_t		lo, hi, mid, i;

	if (old->f != NULL && old->f->n > 0) {
		w.f = old->f;
		w.name = name;
		w.seq = seq;
		w.sb = sb;
		w.out = out;
		w.found = 0;
		feed_each_hash(old->f, hash, match_one, &w);
		if (w.found)
			return 1;
	}
	if (old->recs == NULL || old->nrecs == 0)
		return 0;
	lo = 0;
	hi = old->nrecs;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (old->recs[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < old->nrecs && old->recs[i].hash == hash; i++) {
		const struct irec *r = &old->recs[i];

		if (r->seq != seq || r->size != sb->st_size ||
		    r->mtime != sb->st_mtim.tv_sec ||
		    r->mnsec != (uint32_t)sb->st_mtim.tv_nsec)
			continue;
		idx_name(buf, sizeof buf, seq, hash);
		if (strcmp(*r->fname != '\0' ? r->fname : buf, name) != 0)
			continue;
		*out = *r;
		out->sum = 0;	/* a version 2 index kept no checksum */
		return 1;
	}
	return 0;
}

/* Read one article file into r; 0, or -1 (reported) if it is bad. */
static int
read_file(struct store *st, int dfd, const char *dir, const char *name,
    struct arena *a, struct irec *r)
{
	struct item	*it;
	struct stat	 sb;
	char		*buf, err[NR_ERRBUF_SIZE], *path;
	size_t		 len = 0, line = 0;
	ssize_t		 n;
	int		 fd, ret = -1;

	path = xasprintf("%s/%s", dir, name);
	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd == -1 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		store_warn(st, path, 0, "cannot read: %s", fd == -1 ?
		    strerror(errno) : "not a regular file");
		if (fd != -1)
			close(fd);
		free(path);
		return -1;
	}
	if (sb.st_size > NR_ARTICLE_MAX_FILE) {
		store_warn(st, path, 0, "larger than %d bytes (skipped)",
		    NR_ARTICLE_MAX_FILE);
		close(fd);
		free(path);
		return -1;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (len < (size_t)sb.st_size) {
		n = read(fd, buf + len, (size_t)sb.st_size - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (article_parse(buf, len, &it, &line, err) != NR_OK)
		store_warn(st, path, line, "%s (skipped)", err);
	else {
		r->date = it->published != NR_TIME_NONE ? it->published : 0;
		r->sum = util_sum64(buf, len);
		r->size = (uint32_t)len;
		r->mtime = (int64_t)sb.st_mtim.tv_sec;
		r->mnsec = (uint32_t)sb.st_mtim.tv_nsec;
		r->title = arena_strdup(a, it->title != NULL ? it->title : "");
		r->link = arena_strdup(a, it->link != NULL ? it->link : "");
		r->tags = join_tags(a, it);
		item_free(it);
		ret = 0;
	}
	free(buf);
	free(path);
	return ret;
}

/* Remove a temporary file left by a writer that died over an hour ago. */
static void
remove_stale(int dfd, const char *name)
{
	struct stat	sb;

	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode) && sb.st_mtime < time(NULL) - 3600)
		(void)unlinkat(dfd, name, 0);
}

/* True when name ends in ".txt". */
static int
is_txt(const char *name)
{
	size_t	n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

enum nr_err
scan_dir(struct store *st, const char *dir, const struct scan_old *old,
    const struct state *s, struct arena *a, struct irec **recsp, size_t *np,
    char *errbuf)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	struct irec	*r = NULL, rec;
	char		 canon[NR_ARTICLE_NAME_SIZE];
	unsigned long	 seq;
	uint64_t	 hash;
	size_t		 n = 0, cap = 0;
	int		 dfd;

	*recsp = NULL;
	*np = 0;
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return NR_OK;
		return nr_seterr(errbuf, NR_EIO, "%s: %s", dir,
		    strerror(errno));
	}
	dfd = dirfd(d);
	store_warn_begin(st);
	while ((de = readdir(d)) != NULL) {
		if (util_is_tempname(de->d_name))
			remove_stale(dfd, de->d_name);
		if (de->d_name[0] == '.')
			continue;
		if (!article_name_parse(de->d_name, &seq, &hash)) {
			if (is_txt(de->d_name)) {
				char *p = xasprintf("%s/%s", dir, de->d_name);

				store_warn(st, p, 0, "name does not match "
				    "<seq>_<16 hex digits>.txt (skipped)");
				free(p);
			}
			continue;
		}
		if (fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode))
			continue;
		memset(&rec, 0, sizeof rec);
		if (!find_old(old, de->d_name, seq, hash, &sb, &rec)) {
			if (read_file(st, dfd, dir, de->d_name, a, &rec) != 0)
				continue;
			rec.hash = hash;
			rec.seq = (uint32_t)seq;
			idx_name(canon, sizeof canon, seq, hash);
			rec.fname = strcmp(canon, de->d_name) == 0 ? "" :
			    arena_strdup(a, de->d_name);
		}
		scan_apply_state(s, &rec);
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			r = xreallocarray(r, cap, sizeof *r);
		}
		r[n++] = rec;
	}
	closedir(d);
	store_warn_end(st, dir);
	*recsp = r;
	*np = n;
	return NR_OK;
}
