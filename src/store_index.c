/*
 * A feed's index (.meta/index): one line per article file, so listing
 * never opens the articles. Rebuilt from the article files when missing,
 * stale or corrupt; the article files stay the truth.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
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

#define INDEX_MAGIC	"newsreader-index 2"
#define INDEX_FIELDS	9

/* An index line's file facts, to tell whether the file changed. */
struct fileinfo {
	long long	size;
	long long	msec;
	long		mnsec;
};

void
store_esc(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			strbuf_add(sb, "\\\\", 2);
			break;
		case '\t':
			strbuf_add(sb, "\\t", 2);
			break;
		case '\n':
			strbuf_add(sb, "\\n", 2);
			break;
		case '\r':
			strbuf_add(sb, "\\r", 2);
			break;
		default:
			strbuf_addc(sb, *s);
		}
	}
}

void
store_unesc(char *s)
{
	char	*w;

	s = strchr(s, '\\');
	if (s == NULL)
		return;
	w = s;
	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*w++ = *s;
			continue;
		}
		s++;
		switch (*s) {
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		default:
			*w++ = *s;
		}
	}
	*w = '\0';
}

size_t
store_split(char *line, char **fields, size_t max)
{
	size_t	n = 0;
	char	*tab;

	while (n < max) {
		fields[n++] = line;
		tab = strchr(line, '\t');
		if (tab == NULL)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* Newest first, then highest sequence number first. */
static int
cmp_entry(const void *a, const void *b)
{
	const struct store_entry	*x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? 1 : -1;
	return strcmp(x->name, y->name);
}

/*
 * Parse index text (after the header line) into f->entries; the strings
 * point into buf, which f keeps. Optionally return each line's file facts.
 */
static int
parse_entries(struct store_feed *f, char *buf, struct fileinfo **infop)
{
	struct store_entry	*e;
	struct fileinfo		*info = NULL;
	char			*line, *nl, *fld[INDEX_FIELDS];
	size_t			 n = 0, cap = 0;

	f->entries = NULL;
	f->nentries = 0;
	for (line = buf; line != NULL && *line != '\0'; line = nl) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		if (store_split(line, fld, INDEX_FIELDS) != INDEX_FIELDS) {
			free(info);
			return -1;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			f->entries = xreallocarray(f->entries, cap,
			    sizeof *f->entries);
			if (infop != NULL)
				info = xreallocarray(info, cap, sizeof *info);
		}
		e = &f->entries[n];
		memset(e, 0, sizeof *e);
		if (strlen(fld[0]) >= sizeof e->name ||
		    !article_name_parse(fld[0], &e->seq, &e->hash)) {
			free(info);
			return -1;
		}
		strcpy(e->name, fld[0]);
		if (info != NULL) {
			info[n].size = strtoll(fld[1], NULL, 10);
			info[n].msec = strtoll(fld[2], NULL, 10);
			info[n].mnsec = strtol(fld[3], NULL, 10);
		}
		e->feed = f->name;
		e->date = strtoll(fld[4], NULL, 10);
		store_unesc(fld[5]);
		store_unesc(fld[6]);
		store_unesc(fld[7]);
		store_unesc(fld[8]);
		e->title = fld[5];
		e->link = fld[6];
		e->tags = fld[7];
		e->summary = fld[8];
		n++;
	}
	f->nentries = n;
	if (infop != NULL)
		*infop = info;
	return 0;
}

/* Apply state flags and sequence bookkeeping after entries are known. */
static void
finish_entries(struct store_feed *f)
{
	struct store_meta	*m;
	size_t			 i;

	f->state->next_seq = 0;
	f->state->entrycap = f->nentries;
	for (i = 0; i < f->nentries; i++) {
		m = store_meta_get(f, f->entries[i].hash, 0);
		f->entries[i].state = m != NULL ? m->state : 0;
		if (f->entries[i].seq >= f->state->next_seq)
			f->state->next_seq = f->entries[i].seq + 1;
	}
	/* Indexes are written newest first: sort only when they are not. */
	for (i = 1; i < f->nentries; i++) {
		if (cmp_entry(&f->entries[i - 1], &f->entries[i]) > 0)
			break;
	}
	if (i < f->nentries)
		qsort(f->entries, f->nentries, sizeof *f->entries, cmp_entry);
}

/* Append one index line for an article file. */
static void
add_line(struct strbuf *sb, const char *name, const struct stat *st,
    const struct item *it)
{
	size_t	i;
	int64_t	date;

	date = it->published != NR_TIME_NONE ? it->published : 0;
	strbuf_addf(sb, "%s\t%lld\t%lld\t%ld\t%" PRId64 "\t", name,
	    (long long)st->st_size, (long long)st->st_mtim.tv_sec,
	    (long)st->st_mtim.tv_nsec, date);
	store_esc(sb, it->title != NULL ? it->title : "");
	strbuf_addc(sb, '\t');
	store_esc(sb, it->link != NULL ? it->link : "");
	strbuf_addc(sb, '\t');
	for (i = 0; i < it->ntags; i++) {
		if (i > 0)
			strbuf_add(sb, "\\n", 2);
		store_esc(sb, it->tags[i]);
	}
	strbuf_addc(sb, '\t');
	store_esc(sb, it->summary != NULL ? it->summary : "");
	strbuf_addc(sb, '\n');
}

/* Append the line of an unchanged entry as it was. */
static void
copy_line(struct strbuf *sb, const struct store_entry *e,
    const struct fileinfo *fi)
{
	strbuf_addf(sb, "%s\t%lld\t%lld\t%ld\t%" PRId64 "\t", e->name,
	    fi->size, fi->msec, fi->mnsec, e->date);
	store_esc(sb, e->title);
	strbuf_addc(sb, '\t');
	store_esc(sb, e->link);
	strbuf_addc(sb, '\t');
	store_esc(sb, e->tags);
	strbuf_addc(sb, '\t');
	store_esc(sb, e->summary);
	strbuf_addc(sb, '\n');
}

/* Find an old entry by file name (entries are few per lookup; linear). */
static const struct store_entry *
old_entry(const struct store_feed *old, const char *name, size_t *pos)
{
	size_t	i;

	for (i = 0; i < old->nentries; i++) {
		size_t	k = (*pos + i) % old->nentries;

		if (strcmp(old->entries[k].name, name) == 0) {
			*pos = k + 1;
			return &old->entries[k];
		}
	}
	return NULL;
}

/* Read and parse one article file into an index line; warn on failure. */
static void
index_file(struct store *st, const char *dir, const char *name,
    const struct stat *sb, struct strbuf *out)
{
	struct item	*it;
	char		*path, *buf, err[NR_ERRBUF_SIZE];
	size_t		 len, line = 0;

	path = util_path_join(dir, name);
	if (util_read_file(path, NR_ARTICLE_MAX_FILE, &buf, &len, err) !=
	    NR_OK) {
		store_warn(st, path, 0, "%s", err);
		free(path);
		return;
	}
	if (article_parse(buf, len, &it, &line, err) != NR_OK)
		store_warn(st, path, line, "%s (skipped)", err);
	else {
		add_line(out, name, sb, it);
		item_free(it);
	}
	free(buf);
	free(path);
}

/*
 * Remove a temporary file left by a writer that died (older than an
 * hour: no live writer keeps one that long).
 */
static void
remove_stale(const char *dir, const char *name)
{
	struct stat	 sb;
	char		*p;

	p = util_path_join(dir, name);
	if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_mtime < time(NULL) - 3600)
		(void)unlink(p);
	free(p);
}

/* Collect and sort the article file names of a directory. */
static char **
list_articles(struct store *st, const char *dir, size_t *np)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL;
	size_t		 n = 0, cap = 0;

	*np = 0;
	d = opendir(dir);
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (util_is_tempname(de->d_name))
			remove_stale(dir, de->d_name);
		if (de->d_name[0] == '.')
			continue;
		if (!article_name_parse(de->d_name, NULL, NULL)) {
			if (strlen(de->d_name) > 4 && strcmp(de->d_name +
			    strlen(de->d_name) - 4, ".txt") == 0) {
				char *p = util_path_join(dir, de->d_name);

				store_warn(st, p, 0, "name does not match "
				    "<seq>_<16 hex digits>.txt (skipped)");
				free(p);
			}
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	*np = n;
	return names;
}

/* Write the index text atomically; failures only cost speed. */
static void
write_index(struct store *st, struct store_feed *f, const struct stat *dsb,
    const char *body, size_t len)
{
	struct strbuf	 sb;
	char		*meta;
	int		 racy;

	racy = dsb->st_mtim.tv_sec >= time(NULL) - 1;
	strbuf_init(&sb, 0);
	strbuf_addf(&sb, INDEX_MAGIC "\t%lld\t%ld\t%d\n",
	    (long long)dsb->st_mtim.tv_sec, (long)dsb->st_mtim.tv_nsec, racy);
	strbuf_add(&sb, body, len);
	meta = store_meta_dir(st, f->name);
	/* A cache: no fsync; a torn or lost index is rebuilt. */
	if (util_mkdir_p(meta, 0700) == 0)
		(void)util_write_atomic_flags(meta, NR_INDEX_FILE, sb.buf,
		    sb.len, NR_WRITE_NOSYNC, NULL);
	free(meta);
	strbuf_clear(&sb);
}

/*
 * Put the index lines newest first, as listings read them, so that a
 * listing walks each feed's buffer in order (a fresh cache line after the
 * last, not a jump): the entries of a loaded index need no sorting then.
 */
static void
sort_lines(struct strbuf *sb)
{
	struct store_feed	 tmp;
	struct fileinfo		*info = NULL;
	struct strbuf		 out;
	char			*copy;
	size_t			 i;

	if (sb->len == 0)
		return;
	memset(&tmp, 0, sizeof tmp);
	tmp.name = (char *)"";
	copy = xstrndup(sb->buf, sb->len);
	if (parse_entries(&tmp, copy, &info) != 0)
		fatalx("index: built index does not parse");
	for (i = 0; i < tmp.nentries; i++)
		tmp.entries[i].state = (int)i;	/* remember the line */
	qsort(tmp.entries, tmp.nentries, sizeof *tmp.entries, cmp_entry);
	strbuf_init(&out, 0);
	strbuf_add(&out, "", 0);
	for (i = 0; i < tmp.nentries; i++)
		copy_line(&out, &tmp.entries[i], &info[tmp.entries[i].state]);
	free(tmp.entries);
	free(info);
	free(copy);
	strbuf_clear(sb);
	*sb = out;
}

/*
 * Rebuild: reuse the lines of unchanged files from the old index, parse
 * the new and changed files, then write and load the result.
 */
static int
rebuild(struct store *st, struct store_feed *f, const struct stat *dsb,
    struct store_feed *old, struct fileinfo *oldinfo)
{
	const struct store_entry	*e;
	struct strbuf			 sb;
	struct stat			 fsb;
	char				*dir, *path, **names;
	size_t				 n, i, pos = 0, len;

	dir = store_feed_dir(st, f->name);
	st->warn_budget = NR_WARN_BUDGET;
	st->warn_dropped = 0;
	names = list_articles(st, dir, &n);
	strbuf_init(&sb, 0);
	strbuf_add(&sb, "", 0);
	for (i = 0; i < n; i++) {
		path = util_path_join(dir, names[i]);
		if (stat(path, &fsb) != 0 || !S_ISREG(fsb.st_mode)) {
			free(path);
			free(names[i]);
			continue;
		}
		free(path);
		e = old != NULL ? old_entry(old, names[i], &pos) : NULL;
		if (e != NULL && oldinfo[e - old->entries].size ==
		    (long long)fsb.st_size &&
		    oldinfo[e - old->entries].msec ==
		    (long long)fsb.st_mtim.tv_sec &&
		    oldinfo[e - old->entries].mnsec == fsb.st_mtim.tv_nsec)
			copy_line(&sb, e, &oldinfo[e - old->entries]);
		else
			index_file(st, dir, names[i], &fsb, &sb);
		free(names[i]);
	}
	free(names);
	if (st->warn_dropped > 0) {
		st->warn_budget = 1;
		store_warn(st, dir, 0, "%zu more bad files not shown",
		    st->warn_dropped);
	}
	st->warn_budget = NR_WARN_BUDGET;
	free(dir);
	sort_lines(&sb);
	if (dsb != NULL)
		write_index(st, f, dsb, sb.buf, sb.len);
	free(f->ibuf);
	free(f->entries);
	f->ibuf = strbuf_detach(&sb, &len);
	if (parse_entries(f, f->ibuf, NULL) != 0)
		fatalx("index: rebuilt index does not parse");
	return NR_OK;
}

/*
 * Read the feed's index file into old (entries pointing into *bufp, which
 * the caller frees) with each line's file facts in *infop when need_info
 * is set or the index is not trusted as it is. Returns 1 if it parsed;
 * sets *trusted when
 * the feed directory has not changed since it was written.
 */
static int
read_index(struct store *st, struct store_feed *f, const struct stat *dsb,
    int need_info, struct store_feed *old, struct fileinfo **infop,
    char **bufp, int *trusted)
{
	char	*meta, *path, *nl, *fld[4];
	size_t	 len;
	int	 ok = 0;

	*trusted = 0;
	*infop = NULL;
	*bufp = NULL;
	memset(old, 0, sizeof *old);
	old->name = f->name;
	meta = store_meta_dir(st, f->name);
	path = util_path_join(meta, NR_INDEX_FILE);
	free(meta);
	if (util_read_file(path, 0, bufp, &len, NULL) == NR_OK &&
	    (nl = strchr(*bufp, '\n')) != NULL) {
		*nl = '\0';
		if (store_split(*bufp, fld, 4) == 4 &&
		    strcmp(fld[0], INDEX_MAGIC) == 0) {
			*trusted = strtoll(fld[1], NULL, 10) ==
			    (long long)dsb->st_mtim.tv_sec &&
			    strtol(fld[2], NULL, 10) == dsb->st_mtim.tv_nsec &&
			    strcmp(fld[3], "0") == 0;
			ok = parse_entries(old, nl + 1,
			    *trusted && !need_info ? NULL : infop) == 0;
		}
		/* An index of another version is rebuilt without a word. */
		if (!ok && strncmp(*bufp, "newsreader-index ", 17) != 0)
			store_warn(st, path, 0, "corrupt index, rebuilding it "
			    "from the article files");
	}
	free(path);
	return ok;
}

int
store_index_load(struct store *st, struct store_feed *f, char *errbuf)
{
	struct store_feed	 old;
	struct fileinfo		*info;
	struct stat		 dsb;
	char			*dir, *buf;
	int			 trusted, ok;

	(void)errbuf;
	dir = store_feed_dir(st, f->name);
	if (stat(dir, &dsb) != 0) {
		free(dir);
		f->entries = NULL;
		f->nentries = 0;
		finish_entries(f);
		return NR_OK;
	}
	free(dir);
	ok = read_index(st, f, &dsb, 0, &old, &info, &buf, &trusted);
	if (ok && trusted) {
		f->ibuf = buf;
		f->entries = old.entries;
		f->nentries = old.nentries;
	} else {
		rebuild(st, f, &dsb, ok ? &old : NULL, info);
		free(old.entries);
		free(info);
		free(buf);
	}
	finish_entries(f);
	return NR_OK;
}

void
store_index_refresh(struct store *st, struct store_feed *f)
{
	struct store_feed	 old;
	struct fileinfo		*info;
	struct stat		 dsb;
	char			*dir, *buf;
	int			 trusted, ok;

	if (!f->state->index_dirty)
		return;
	dir = store_feed_dir(st, f->name);
	if (stat(dir, &dsb) != 0) {
		free(dir);
		return;
	}
	free(dir);
	/* Reuse lines from the index on disk for unchanged files. */
	ok = read_index(st, f, &dsb, 1, &old, &info, &buf, &trusted);
	rebuild(st, f, &dsb, ok ? &old : NULL, info);
	free(old.entries);
	free(info);
	free(buf);
	finish_entries(f);
	f->state->index_dirty = 0;
}

int
store_feed_sync(struct store *st, struct store_feed *f, char *errbuf)
{
	return store_sync_many(st, &f, 1, errbuf);
}
