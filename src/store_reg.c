/*
 * Feed identity: DATA/.meta/feeds records which URL owns which feed
 * directory, so that editing the feeds file (removing, reordering or
 * renaming lines) never moves items between feeds. A data directory
 * written before this file existed is migrated from the "url" values of
 * its feeds' state files.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

#define REG_MAGIC	"newsreader-feeds 1"
#define REG_MAX		(64 * 1024 * 1024)

/* A set of strings (borrowed) with a number each. */
struct sset {
	const char	**keys;
	size_t		 *vals;
	size_t		  size;
	size_t		  n;
};

/* The slot of key: where it is, or where it would go. */
static size_t
sset_slot(const struct sset *s, const char *key)
{
	size_t	k;

	k = (size_t)util_hash64(key, strlen(key)) & (s->size - 1);
	while (s->keys[k] != NULL && strcmp(s->keys[k], key) != 0)
		k = (k + 1) & (s->size - 1);
	return k;
}

static void
sset_put(struct sset *s, const char *key, size_t val)
{
	struct sset	old = *s;
	size_t		i, k;

	if (s->size == 0 || 2 * (s->n + 1) > s->size) {
		s->size = s->size ? s->size * 2 : 64;
		s->keys = xcalloc(s->size, sizeof *s->keys);
		s->vals = xcalloc(s->size, sizeof *s->vals);
		s->n = 0;
		for (i = 0; i < old.size; i++) {
			if (old.keys[i] != NULL)
				sset_put(s, old.keys[i], old.vals[i]);
		}
		free(old.keys);
		free(old.vals);
	}
	k = sset_slot(s, key);
	if (s->keys[k] == NULL)
		s->n++;
	s->keys[k] = key;
	s->vals[k] = val;
}

/* The value of key, or (size_t)-1. */
static size_t
sset_get(const struct sset *s, const char *key)
{
	size_t	k;

	if (s->size == 0)
		return (size_t)-1;
	k = sset_slot(s, key);
	return s->keys[k] != NULL ? s->vals[k] : (size_t)-1;
}

static void
sset_free(struct sset *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof *s);
}

struct reg {
	char		**names;
	char		**urls;		/* NULL when the URL was taken over */
	size_t		  n;
	struct sset	  byname;
	struct sset	  byurl;
	struct fid	  id;
	int		  dirty;	/* not saved yet */
};

void
reg_free(struct reg *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->names[i]);
		free(r->urls[i]);
	}
	free(r->names);
	free(r->urls);
	sset_free(&r->byname);
	sset_free(&r->byurl);
	free(r);
}

/* Index the URLs again (after one was taken over). */
static void
reindex_urls(struct reg *r)
{
	size_t	i;

	sset_free(&r->byurl);
	for (i = 0; i < r->n; i++) {
		if (r->urls[i] != NULL)
			sset_put(&r->byurl, r->urls[i], i);
	}
}

/* Record name -> url in memory (re-pointing either if it was taken). */
static void
reg_set(struct reg *r, const char *name, const char *url)
{
	size_t	i, j;
	int	moved = 0;

	i = sset_get(&r->byname, name);
	j = sset_get(&r->byurl, url);
	if (i != (size_t)-1 && r->urls[i] != NULL &&
	    strcmp(r->urls[i], url) == 0)
		return;
	if (j != (size_t)-1) {
		/* The URL leaves its old directory. */
		free(r->urls[j]);
		r->urls[j] = NULL;
		moved = 1;
	}
	if (i == (size_t)-1) {
		r->names = xreallocarray(r->names, r->n + 1, sizeof *r->names);
		r->urls = xreallocarray(r->urls, r->n + 1, sizeof *r->urls);
		i = r->n++;
		r->names[i] = xstrdup(name);
		r->urls[i] = NULL;
		sset_put(&r->byname, r->names[i], i);
	}
	if (r->urls[i] != NULL)
		moved = 1;
	free(r->urls[i]);
	r->urls[i] = xstrdup(url);
	if (moved)
		reindex_urls(r);
	else
		sset_put(&r->byurl, r->urls[i], i);
	r->dirty = 1;
}

static char *
reg_path(struct store *st)
{
	return xasprintf("%s/" NR_META_DIR "/" NR_FEEDS_FILE, st->path);
}

/* Parse the registry file; NR_ENOTFOUND when there is none. */
static enum nr_err
reg_read(struct store *st, struct reg *r, char *errbuf)
{
	char		*path, *buf, *line, *nl, *tab;
	size_t		 len, lineno = 0;
	enum nr_err	 err;

	path = reg_path(st);
	fid_stat(&r->id, path);
	err = util_read_file(path, REG_MAX, &buf, &len, errbuf);
	if (err != NR_OK) {
		free(path);
		return err;
	}
	for (line = buf; line < buf + len; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(buf + len - line))) ==
		    NULL)
			break;
		*nl = '\0';
		lineno++;
		if (lineno == 1 && strcmp(line, REG_MAGIC) == 0)
			continue;
		if (*line == '\0' || *line == '#')
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL || memchr(line, '\0', (size_t)(nl - line)) !=
		    NULL) {
			store_warn(st, path, lineno,
			    "malformed line (ignored)");
			continue;
		}
		*tab = '\0';
		store_unesc(tab + 1);
		if (!store_feed_name_valid(line) || tab[1] == '\0') {
			store_warn(st, path, lineno,
			    "malformed line (ignored)");
			continue;
		}
		reg_set(r, line, tab + 1);
	}
	free(buf);
	free(path);
	r->dirty = 0;
	return NR_OK;
}

/* Save the registry (under the lock), durably. */
static enum nr_err
reg_save(struct store *st, struct reg *r, char *errbuf)
{
	struct strbuf	 sb;
	char		*meta, *path;
	size_t		 i;
	enum nr_err	 err;

	strbuf_init(&sb, 0);
	strbuf_adds(&sb, REG_MAGIC "\n");
	for (i = 0; i < r->n; i++) {
		if (r->urls[i] == NULL)
			continue;
		strbuf_adds(&sb, r->names[i]);
		strbuf_addc(&sb, '\t');
		store_esc(&sb, r->urls[i]);
		strbuf_addc(&sb, '\n');
	}
	meta = util_path_join(st->path, NR_META_DIR);
	if (util_mkdir_p(meta, 0700) != 0)
		err = nr_seterr(errbuf, store_errno(errno), "%s: %s", meta,
		    strerror(errno));
	else
		err = util_write_atomic(meta, NR_FEEDS_FILE, sb.buf, sb.len,
		    errbuf);
	free(meta);
	strbuf_clear(&sb);
	if (err == NR_OK) {
		r->dirty = 0;
		path = reg_path(st);
		fid_stat(&r->id, path);
		free(path);
	}
	return err;
}

/*
 * The "url" value of an old feed's state file: its feed lines come
 * first, so the head of the file is enough; else the file is read whole.
 */
static char *
legacy_url(struct store *st, const char *feed)
{
	struct state	 s;
	const char	*u;
	char		*path, *url = NULL;

	path = store_meta_path(st, feed, NR_STATE_FILE);
	if (state_load(st, path, &s, NULL) == NR_OK &&
	    (u = state_value(&s, "url")) != NULL)
		url = xstrdup(u);
	state_free(&s);
	free(path);
	return url;
}

/* Build the registry of an old data directory from its state files. */
static void
reg_migrate(struct store *st, struct reg *r)
{
	char	**names, *url;
	size_t	  n, i;

	if (store_feeds(st, &names, &n, NULL) != NR_OK)
		return;
	for (i = 0; i < n; i++) {
		url = legacy_url(st, names[i]);
		if (url != NULL && sset_get(&r->byurl, url) == (size_t)-1)
			reg_set(r, names[i], url);
		else if (url != NULL)
			store_warn(st, names[i], 0, "URL %s is also the feed "
			    "of %s: this directory keeps its items but no "
			    "longer gets new ones", url,
			    r->names[sset_get(&r->byurl, url)]);
		free(url);
		free(names[i]);
	}
	free(names);
	r->dirty = 1;
}

enum nr_err
reg_load(struct store *st, char *errbuf)
{
	struct reg	*r;
	enum nr_err	 err;

	r = xcalloc(1, sizeof *r);
	err = reg_read(st, r, errbuf);
	if (err == NR_ENOTFOUND) {
		reg_migrate(st, r);
		err = NR_OK;
	}
	if (err != NR_OK) {
		reg_free(r);
		return err;
	}
	reg_free(st->reg);
	st->reg = r;
	/* Record a migrated directory now if no one else is writing. */
	if (r->dirty && store_lock(st, 0, NULL) == NR_OK)
		store_unlock(st);
	return NR_OK;
}

/* Under the lock: read the registry again if another process saved it. */
static void
reg_fresh(struct store *st)
{
	struct fid	 id;
	struct reg	*r;
	char		*path;

	if (st->reg == NULL || st->reg->dirty)
		return;
	path = reg_path(st);
	fid_stat(&id, path);
	free(path);
	if (fid_same(&id, &st->reg->id))
		return;
	r = xcalloc(1, sizeof *r);
	if (reg_read(st, r, NULL) == NR_OK) {
		reg_free(st->reg);
		st->reg = r;
	} else
		reg_free(r);
}

enum nr_err
reg_record(struct store *st, const char *name, const char *url,
    char *errbuf)
{
	if (st->reg == NULL || st->lockfd == -1)
		return NR_OK;
	if (name != NULL) {
		reg_fresh(st);
		reg_set(st->reg, name, url);
	}
	if (!st->reg->dirty)
		return NR_OK;
	return reg_save(st, st->reg, errbuf);
}

const char *
store_feed_url(struct store *st, const char *name)
{
	size_t	i;

	if (st->reg == NULL || (i = sset_get(&st->reg->byname, name)) ==
	    (size_t)-1)
		return NULL;
	return st->reg->urls[i];
}

int
store_url_recorded(struct store *st, const char *url)
{
	size_t	i;

	if (st->lockfd != -1)
		reg_fresh(st);
	if (st->reg == NULL || (i = sset_get(&st->reg->byurl, url)) ==
	    (size_t)-1)
		return 0;
	return st->reg->urls[i] != NULL;
}

int
store_feed_exists(struct store *st, const char *name)
{
	struct stat	 sb;
	char		*path;
	int		 ok;

	if (!store_feed_name_valid(name))
		return 0;
	path = xasprintf("%s/%s", store_path(st), name);
	ok = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
	free(path);
	return ok;
}

/*
 * May a new URL take name? Never when it is taken in this pass. Beyond
 * that, claim says what it may take: 0 only a name no directory has,
 * CLAIM_DIR also an existing directory that no URL owns, CLAIM_UNLISTED
 * also one whose URL is not among those resolved (it left the feeds
 * file: the feed moved).
 */
#define CLAIM_DIR	1
#define CLAIM_UNLISTED	2

static int
name_free(struct store *st, const struct sset *taken, const struct sset *dirs,
    const struct sset *listed, const char *name, int claim)
{
	size_t	i;

	if (!store_feed_name_valid(name) || sset_get(taken, name) !=
	    (size_t)-1)
		return 0;
	i = sset_get(&st->reg->byname, name);
	if (i != (size_t)-1 && st->reg->urls[i] != NULL)
		return claim == CLAIM_UNLISTED &&
		    sset_get(listed, st->reg->urls[i]) == (size_t)-1;
	return claim != 0 || sset_get(dirs, name) == (size_t)-1;
}

enum nr_err
store_resolve(struct store *st, struct store_ref *refs, size_t n, int assign,
    char *errbuf)
{
	struct sset	 taken, dirs, listed, next;
	struct arena	 a;
	char		**names = NULL, *cand, *base;
	size_t		 nnames = 0, i, k, *done;
	int		 changed = 0;
	enum nr_err	 err = NR_OK;

	if (assign && st->lockfd == -1)
		return nr_seterr(errbuf, NR_EUSAGE, "store_resolve: not "
		    "locked");
	if (assign)
		reg_fresh(st);
	memset(&taken, 0, sizeof taken);
	memset(&dirs, 0, sizeof dirs);
	memset(&listed, 0, sizeof listed);
	memset(&next, 0, sizeof next);
	done = xcalloc(n + 1, sizeof *done);
	if (store_feeds(st, &names, &nnames, NULL) == NR_OK) {
		for (i = 0; i < nnames; i++)
			sset_put(&dirs, names[i], i);
	}
	for (i = 0; i < n; i++)
		sset_put(&listed, refs[i].url, i);
	/* A recorded URL keeps its directory. */
	for (i = 0; i < n; i++) {
		refs[i].name[0] = '\0';
		k = sset_get(&st->reg->byurl, refs[i].url);
		if (k == (size_t)-1 || st->reg->urls[k] == NULL)
			continue;
		snprintf(refs[i].name, sizeof refs[i].name, "%s",
		    st->reg->names[k]);
		sset_put(&taken, refs[i].name, i);
		done[i] = 1;
	}
	/*
	 * A name proposed before (with the whole feeds file in view, in its
	 * order) if still free; then name= of the feeds file. Recording,
	 * the caller may pass only some URLs (one batch of a refresh), so
	 * name= may then take only a directory no URL owns: a moved feed
	 * takes its old directory through the proposal.
	 */
	for (i = 0; i < n; i++) {
		if (done[i] || sset_get(&listed, refs[i].url) != i ||
		    refs[i].prefer == NULL ||
		    !name_free(st, &taken, &dirs, &listed, refs[i].prefer,
		    CLAIM_UNLISTED))
			continue;
		snprintf(refs[i].name, sizeof refs[i].name, "%s",
		    refs[i].prefer);
		sset_put(&taken, refs[i].name, i);
		done[i] = 2;
	}
	for (i = 0; i < n; i++) {
		if (done[i] || sset_get(&listed, refs[i].url) != i ||
		    refs[i].want == NULL ||
		    !name_free(st, &taken, &dirs, &listed, refs[i].want,
		    assign ? CLAIM_DIR : CLAIM_UNLISTED))
			continue;
		snprintf(refs[i].name, sizeof refs[i].name, "%s",
		    refs[i].want);
		sset_put(&taken, refs[i].name, i);
		done[i] = 2;
	}
	/* Else one made from the host: base, base-2, base-3, ... */
	arena_init(&a);
	for (i = 0; i < n; i++) {
		if (done[i] || sset_get(&listed, refs[i].url) != i)
			continue;
		base = arena_strndup(&a, refs[i].base != NULL &&
		    store_feed_name_valid(refs[i].base) ? refs[i].base :
		    "feed", NR_FEED_NAME_MAX - 8);
		k = sset_get(&next, base);
		cand = NULL;
		if (k == (size_t)-1 && name_free(st, &taken, &dirs, &listed,
		    base, 0)) {
			cand = xstrdup(base);
			k = 1;	/* the next one tries base-2 */
		} else {
			for (k = k == (size_t)-1 ? 2 : k; ; k++) {
				cand = xasprintf("%s-%zu", base, k);
				if (name_free(st, &taken, &dirs, &listed, cand,
				    0))
					break;
				free(cand);
			}
		}
		snprintf(refs[i].name, sizeof refs[i].name, "%s", cand);
		free(cand);
		sset_put(&next, base, k + 1);
		sset_put(&taken, refs[i].name, i);
		done[i] = 3;
	}
	/* A URL listed twice has one directory. */
	for (i = 0; i < n; i++) {
		k = sset_get(&listed, refs[i].url);
		if (k != i) {
			memcpy(refs[i].name, refs[k].name, sizeof refs[i].name);
			done[i] = 0;
		}
	}
	if (assign) {
		for (i = 0; i < n; i++) {
			if (done[i] < 2)
				continue;
			reg_set(st->reg, refs[i].name, refs[i].url);
			changed = 1;
		}
		if (changed)
			err = reg_save(st, st->reg, errbuf);
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(done);
	sset_free(&taken);
	sset_free(&dirs);
	sset_free(&listed);
	sset_free(&next);
	arena_free(&a);
	return err;
}

/* Remove the files of dir (.meta's: all; the feed's: only ".tmp-*"). */
static enum nr_err
remove_files(const char *dir, int tmp_only, char *errbuf)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;
	enum nr_err	 err = NR_OK;

	if ((d = opendir(dir)) == NULL)
		return NR_OK;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (tmp_only && strncmp(de->d_name, ".tmp-", 5) != 0)
			continue;
		path = util_path_join(dir, de->d_name);
		if (unlink(path) != 0 && errno != ENOENT && err == NR_OK)
			err = nr_seterr(errbuf, store_errno(errno), "%s: %s",
			    path, strerror(errno));
		free(path);
	}
	closedir(d);
	return err;
}

/* Whether dir holds anything but .meta and temporary files. */
static int
dir_busy(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 busy = 0;

	if ((d = opendir(dir)) == NULL)
		return errno != ENOENT;
	while (!busy && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, NR_META_DIR) == 0 ||
		    strncmp(de->d_name, ".tmp-", 5) == 0)
			continue;
		busy = 1;
	}
	closedir(d);
	return busy;
}

enum nr_err
store_feed_remove(struct store *st, const char *name, int *gone,
    char *errbuf)
{
	struct reg	*r;
	char		*dir, *meta;
	size_t		 i;
	enum nr_err	 err = NR_OK;

	*gone = 0;
	if (st->lockfd == -1)
		return nr_seterr(errbuf, NR_EUSAGE, "store_feed_remove: not "
		    "locked");
	if (!store_feed_name_valid(name))
		return nr_seterr(errbuf, NR_EUSAGE, "%.64s: not a feed name",
		    name);
	dir = util_path_join(st->path, name);
	/* Article files (starred items) or files of the user's stay. */
	if (dir_busy(dir)) {
		free(dir);
		return NR_OK;
	}
	meta = util_path_join(dir, NR_META_DIR);
	err = remove_files(meta, 0, errbuf);
	if (err == NR_OK && rmdir(meta) != 0 && errno != ENOENT)
		err = nr_seterr(errbuf, store_errno(errno), "%s: %s", meta,
		    strerror(errno));
	if (err == NR_OK)
		err = remove_files(dir, 1, errbuf);
	if (err == NR_OK && rmdir(dir) != 0 && errno != ENOENT)
		err = nr_seterr(errbuf, store_errno(errno), "%s: %s", dir,
		    strerror(errno));
	free(meta);
	free(dir);
	if (err != NR_OK)
		return err;
	/* The directory is gone: so is its record. */
	*gone = 1;
	reg_fresh(st);
	r = st->reg;
	if (r == NULL || (i = sset_get(&r->byname, name)) == (size_t)-1 ||
	    r->urls[i] == NULL)
		return NR_OK;
	free(r->urls[i]);
	r->urls[i] = NULL;
	reindex_urls(r);
	r->dirty = 1;
	return reg_save(st, r, errbuf);
}
