/*
 * Unit tests for the store: transactions, the mapped index (every field
 * and header count; corrupt, truncated, foreign and stale indexes), the
 * state file and its appended lines, feed identity, retention, sequence
 * numbers, user tags, the lock and the write queue.
 */
#include "nr_config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

struct fixture {
	char		 dir[64];
	struct store	*st;
	int		 nwarn;
	char		 lastwarn[512];
};

static void
warn_cb(void *arg, const char *file, size_t line, const char *msg)
{
	struct fixture	*fx = arg;

	fx->nwarn++;
	fprintf(stderr, "warning: %s:%zu: %s\n", file, line, msg);
	snprintf(fx->lastwarn, sizeof fx->lastwarn, "%s:%zu: %s", file, line,
	    msg);
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int
setup(void **state)
{
	struct fixture	*fx = xcalloc(1, sizeof *fx);

	strcpy(fx->dir, "/tmp/nr-test-store.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	if (store_open(fx->dir, &fx->st, NULL) != NR_OK)
		return -1;
	store_set_warn(fx->st, warn_cb, fx);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	store_free(fx->st);
	nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

/* An item titled t on day d of November 2026 at hour h. */
static struct item *
make_item(const char *t, int d, int h, const char *body)
{
	struct item	*it = item_create();

	it->title = xstrdup(t);
	it->guid = xasprintf("guid-%s", t);
	it->link = xasprintf("https://e.example/%s", t);
	it->summary = xasprintf("summary of %s", t);
	it->published = util_timegm(2026, 11, d, h, 0, 0);
	item_add_tag(it, "tag");
	item_add_tag(it, t);
	it->content = xstrdup(body);
	return it;
}

/* Store items in feed "f" in one transaction; the results into res. */
static void
put_items(struct fixture *fx, const char *feed, struct item **v, size_t n,
    enum store_put *res)
{
	struct store_txn	*txn;
	struct store_txf	*f;
	char			 err[NR_ERRBUF_SIZE];
	size_t			 i;

	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, feed, &f, NULL), NR_OK);
	for (i = 0; i < n; i++) {
		if (store_item_put(f, v[i], 1800000000, &res[i], err) != NR_OK)
			fail_msg("put: %s", err);
	}
	if (store_txn_commit(txn, err) != NR_OK)
		fail_msg("commit: %s", err);
	store_txn_free(txn);
	store_unlock(fx->st);
}

/* Store one item; its result. */
static enum store_put
put1(struct fixture *fx, const char *t, int d, int h, const char *body)
{
	struct item	*it = make_item(t, d, h, body);
	enum store_put	 r;

	put_items(fx, "f", &it, 1, &r);
	item_free(it);
	return r;
}

static struct store_feed *
open_feed(struct fixture *fx, const char *name)
{
	struct store_feed	*f;

	assert_int_equal(store_feed_open(fx->st, name, &f, NULL), NR_OK);
	return f;
}

/* Write a file under the data dir. */
static void
write_file(struct fixture *fx, const char *rel, const char *s, size_t len)
{
	char	*p = xasprintf("%s/%s", fx->dir, rel);
	int	 fd;

	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd != -1);
	assert_int_equal(write(fd, s, len), (ssize_t)len);
	close(fd);
	free(p);
}

static void
stat_rel(struct fixture *fx, const char *rel, struct stat *sb)
{
	char	*p = xasprintf("%s/%s", fx->dir, rel);

	assert_int_equal(stat(p, sb), 0);
	free(p);
}

static int
unlink_rel(struct fixture *fx, const char *rel)
{
	char	*p = xasprintf("%s/%s", fx->dir, rel);
	int	 r = unlink(p);

	free(p);
	return r;
}

static void
mkdir_rel(struct fixture *fx, const char *rel)
{
	char	*p = xasprintf("%s/%s", fx->dir, rel);

	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

/* Bump the feed directory's time a second back, out of "racy". */
static void
age_dir(struct fixture *fx, const char *feed)
{
	char		*p = xasprintf("%s/%s", fx->dir, feed);
	struct timespec	 ts[2];

	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= 10;
	ts[1] = ts[0];
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	free(p);
}

static void
test_put_and_fields(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct item		*v[3], *full;
	enum store_put		 res[3];
	char			*path;

	v[0] = make_item("one", 1, 12, "body one");
	v[1] = make_item("two", 3, 12, "body two");
	v[2] = make_item("three", 2, 12, "body three");
	v[2]->author = xstrdup("Ann Author");
	item_add_enclosure(v[2], "https://e.example/a.mp3", "audio/mpeg", 42);
	put_items(fx, "f", v, 3, res);
	assert_int_equal(res[0], NR_PUT_NEW);
	assert_int_equal(res[2], NR_PUT_NEW);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 3);
	assert_int_equal(store_feed_unread(f), 3);
	assert_int_equal(store_feed_starred(f), 0);
	/* Newest first: two (day 3), three (day 2), one (day 1). */
	store_feed_item(f, 0, &it);
	assert_string_equal(it.title, "two");
	assert_string_equal(it.feed, "f");
	assert_int_equal(it.hash, item_hash(v[1]));
	assert_int_equal(it.seq, 1);
	assert_int_equal(it.date, util_timegm(2026, 11, 3, 12, 0, 0));
	assert_string_equal(it.link, "https://e.example/two");
	assert_string_equal(it.tags, "tag\ntwo");
	assert_string_equal(it.usertags, "");
	assert_int_equal(it.state, 0);
	store_feed_item(f, 1, &it);
	assert_string_equal(it.title, "three");
	assert_string_equal(it.author, "Ann Author");
	assert_int_equal(it.seq, 2);
	assert_int_equal(store_feed_date(f, 2),
	    util_timegm(2026, 11, 1, 12, 0, 0));
	assert_int_equal(store_feed_hash(f, 2), item_hash(v[0]));
	assert_int_equal(store_feed_find(f, item_hash(v[0])), 2);
	assert_int_equal(store_feed_find(f, 0x1234), -1);
	assert_int_equal(store_feed_before(f,
	    util_timegm(2026, 11, 2, 12, 0, 0)), 2);
	assert_int_equal(store_feed_before(f,
	    util_timegm(2026, 11, 2, 13, 0, 0)), 1);
	/* The feed's values. */
	path = store_feed_path(f, 1);
	assert_non_null(strstr(path, "/f/002_"));
	free(path);
	/* The whole item: file, author and enclosures. */
	assert_int_equal(store_feed_load_item(f, 1, &full, NULL), NR_OK);
	assert_string_equal(full->content, "body three");
	assert_string_equal(full->summary, "summary of three");
	assert_string_equal(full->author, "Ann Author");
	assert_int_equal(full->nenclosures, 1);
	assert_string_equal(full->enclosures[0].url, "https://e.example/a.mp3");
	assert_string_equal(full->enclosures[0].type, "audio/mpeg");
	assert_int_equal(full->enclosures[0].length, 42);
	item_free(full);
	{
		char	sum[64];

		assert_string_equal(store_feed_summary(f, 0, sum, sizeof sum),
		    "summary of two");
	}
	store_feed_close(f);
	item_free(v[0]);
	item_free(v[1]);
	item_free(v[2]);
}

static void
test_days_and_counts(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	const struct store_day	*d;
	struct item		*v[4];
	enum store_put		 res[4];
	uint64_t		 h;
	size_t			 n, i;

	v[0] = make_item("a", 1, 9, "x");
	v[1] = make_item("b", 1, 20, "x");
	v[2] = make_item("c", 5, 9, "x");
	v[3] = make_item("d", 7, 9, "x");
	put_items(fx, "f", v, 4, res);
	h = item_hash(v[0]);
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_READ |
	    NR_STATE_STARRED, 0, NULL), NR_OK);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 4);
	assert_int_equal(store_feed_unread(f), 3);
	assert_int_equal(store_feed_starred(f), 1);
	n = store_feed_days(f, &d);
	assert_int_equal(n, 3);
	assert_int_equal(d[0].day, util_timegm(2026, 11, 7, 0, 0, 0));
	assert_int_equal(d[0].total, 1);
	assert_int_equal(d[2].day, util_timegm(2026, 11, 1, 0, 0, 0));
	assert_int_equal(d[2].total, 2);
	assert_int_equal(d[2].unread, 1);
	/* An overlay (a pending change) moves the counts at once. */
	h = item_hash(v[1]);
	store_feed_overlay(f, h, NR_STATE_READ);
	assert_int_equal(store_feed_unread(f), 2);
	n = store_feed_days(f, &d);
	assert_int_equal(d[2].unread, 0);
	assert_int_equal(store_feed_state(f, (size_t)store_feed_find(f, h)),
	    NR_STATE_READ);
	store_feed_close(f);
	for (i = 0; i < 4; i++)
		item_free(v[i]);
}

static void
test_put_same_and_updated(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct stat		 a, b;
	char			 name[64];
	char			*path;

	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	f = open_feed(fx, "f");
	path = store_feed_path(f, 0);
	snprintf(name, sizeof name, "%s", strrchr(path, '/') + 1);
	assert_int_equal(stat(path, &a), 0);
	store_feed_close(f);
	sleep(1);
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_SAME);
	assert_int_equal(stat(path, &b), 0);
	assert_int_equal(a.st_mtime, b.st_mtime);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(put1(fx, "one", 1, 12, "new body"), NR_PUT_UPDATED);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 1);
	free(path);
	path = store_feed_path(f, 0);
	assert_string_equal(strrchr(path, '/') + 1, name);
	store_feed_close(f);
	free(path);
}

/* Corrupt the index file of f: fn changes its bytes. */
static void
mangle_index(struct fixture *fx, void (*fn)(char *, size_t *))
{
	char	*p, *buf;
	size_t	 len;
	int	 fd;

	p = xasprintf("%s/f/.meta/items", fx->dir);
	assert_int_equal(util_read_file(p, 0, &buf, &len, NULL), NR_OK);
	fn(buf, &len);
	fd = open(p, O_WRONLY | O_TRUNC);
	assert_true(fd != -1);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	close(fd);
	free(buf);
	free(p);
}

static void
flip_body(char *buf, size_t *len)
{
	buf[*len - 3] ^= 0x55;	/* in the pool: a title's byte */
}

static void
truncate_it(char *buf, size_t *len)
{
	(void)buf;
	*len -= 17;
}

static void
foreign(char *buf, size_t *len)
{
	(void)len;
	buf[8] = 99;	/* version 99 */
}

static void
empty(char *buf, size_t *len)
{
	(void)buf;
	*len = 0;
}

/* An index that does not check is rebuilt, with the right entries. */
static void
test_index_rebuilt(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct stat		 a, b;
	void			(*fns[])(char *, size_t *) = {
		flip_body, truncate_it, foreign, empty
	};
	size_t			 k;

	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	assert_int_equal(put1(fx, "two", 2, 12, "y"), NR_PUT_NEW);
	for (k = 0; k < sizeof fns / sizeof fns[0]; k++) {
		mangle_index(fx, fns[k]);
		stat_rel(fx, "f/.meta/items", &a);
		f = open_feed(fx, "f");
		assert_int_equal(store_feed_count(f), 2);
		store_feed_item(f, 0, &it);
		assert_string_equal(it.title, "two");
		store_feed_item(f, 1, &it);
		assert_string_equal(it.title, "one");
		store_feed_close(f);
		/* Written anew, not trusted. */
		stat_rel(fx, "f/.meta/items", &b);
		assert_true(a.st_ino != b.st_ino || a.st_size != b.st_size);
	}
}

/*
 * While a writer holds the lock, a reader finding the index behind its
 * directory (the writer between its renames and its new index) takes the
 * index as it is, and writes nothing; once the lock is free it catches up.
 */
static void
test_index_stale_locked(void **state)
{
	struct fixture		*fx = *state;
	struct store		*other;
	struct store_feed	*f;
	struct stat		 a, b;
	struct item		*x;
	char			*s, name[64];
	size_t			 len;

	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	age_dir(fx, "f");
	store_feed_close(open_feed(fx, "f"));
	stat_rel(fx, "f/.meta/items", &a);
	x = make_item("dropped", 9, 12, "by hand");
	s = article_format(x, &len);
	snprintf(name, sizeof name, "f/077_%016" PRIx64 ".txt", item_hash(x));
	write_file(fx, name, s, len);
	free(s);
	assert_int_equal(store_open(fx->dir, &other, NULL), NR_OK);
	assert_int_equal(store_lock(other, 0, NULL), NR_OK);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 1);
	store_feed_close(f);
	stat_rel(fx, "f/.meta/items", &b);
	assert_int_equal(a.st_ino, b.st_ino);
	store_unlock(other);
	store_free(other);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 2);
	store_feed_close(f);
	/*
	 * A writer reading under its own lock reads all: two marks in a
	 * row (the second reads the flags the first appended, with the
	 * index behind the state file) keep both.
	 */
	{
		struct store_item	it;
		uint64_t		h = item_hash(x);

		write_file(fx, "f/.meta/state", "", 0);
		assert_int_equal(unlink_rel(fx, "f/.meta/state"), 0);
		store_feed_close(open_feed(fx, "f"));
		assert_int_equal(store_lock(fx->st, 0, NULL), NR_OK);
		assert_int_equal(store_mark(fx->st, "f", &h, 1,
		    NR_STATE_STARRED, 0, NULL), NR_OK);
		assert_int_equal(store_mark(fx->st, "f", &h, 1,
		    NR_STATE_READ, 0, NULL), NR_OK);
		store_unlock(fx->st);
		f = open_feed(fx, "f");
		store_feed_item(f, (size_t)store_feed_find(f, h), &it);
		assert_int_equal(it.state, NR_STATE_READ | NR_STATE_STARRED);
		store_feed_close(f);
	}
	item_free(x);
}

/*
 * A feed's version from its files' identities alone (what the search
 * index's sync compares without opening a feed) is the version of the
 * feed opened, and changes with a put, a mark and a file dropped in.
 */
static void
test_version_peek(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct item		*x;
	uint64_t		 v1, v2, h;
	char			*s, name[64];
	size_t			 len;

	assert_int_equal(store_feed_version_peek(fx->st, "f"), 0);
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	age_dir(fx, "f");
	f = open_feed(fx, "f");
	v1 = store_feed_version(f);
	store_feed_close(f);
	assert_true(v1 != 0);
	assert_true(store_feed_version_peek(fx->st, "f") == v1);
	/* A put: new files, a new version, the same both ways. */
	assert_int_equal(put1(fx, "two", 2, 12, "y"), NR_PUT_NEW);
	f = open_feed(fx, "f");
	v2 = store_feed_version(f);
	store_feed_close(f);
	assert_true(v2 != v1);
	assert_true(store_feed_version_peek(fx->st, "f") == v2);
	/* A mark appends to the state file. */
	x = make_item("one", 1, 12, "x");
	h = item_hash(x);
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_READ, 0,
	    NULL), NR_OK);
	assert_true(store_feed_version_peek(fx->st, "f") != v2);
	f = open_feed(fx, "f");
	v1 = store_feed_version(f);
	store_feed_close(f);
	assert_true(store_feed_version_peek(fx->st, "f") == v1);
	/* A file dropped in: the directory changed. */
	item_free(x);
	x = make_item("dropped", 9, 12, "by hand");
	s = article_format(x, &len);
	snprintf(name, sizeof name, "f/077_%016" PRIx64 ".txt", item_hash(x));
	write_file(fx, name, s, len);
	free(s);
	assert_true(store_feed_version_peek(fx->st, "f") != v1);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 3);
	v2 = store_feed_version(f);
	store_feed_close(f);
	assert_true(store_feed_version_peek(fx->st, "f") == v2);
	item_free(x);
}

/* A file dropped in by hand, or replaced, is noticed. */
static void
test_index_stale(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct item		*x;
	char			*s, name[64];
	size_t			 len;

	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	age_dir(fx, "f");
	f = open_feed(fx, "f");
	assert_false(store_feed_changed(f));
	x = make_item("dropped", 9, 12, "by hand");
	s = article_format(x, &len);
	snprintf(name, sizeof name, "f/077_%016" PRIx64 ".txt", item_hash(x));
	write_file(fx, name, s, len);
	free(s);
	assert_true(store_feed_changed(f));
	store_feed_close(f);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 2);
	store_feed_item(f, 0, &it);
	assert_string_equal(it.title, "dropped");
	assert_int_equal(it.seq, 77);
	store_feed_close(f);
	/* Replaced through a rename, as editors and rsync do. */
	free(x->title);
	x->title = xstrdup("edited");
	s = article_format(x, &len);
	write_file(fx, "f/.tmp-edit", s, len);
	free(s);
	{
		char *a = xasprintf("%s/f/.tmp-edit", fx->dir);
		char *b = xasprintf("%s/%s", fx->dir, name);

		assert_int_equal(rename(a, b), 0);
		free(a);
		free(b);
	}
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_string_equal(it.title, "edited");
	/* The new file takes the next sequence number after 77. */
	store_feed_close(f);
	assert_int_equal(put1(fx, "later", 3, 12, "z"), NR_PUT_NEW);
	f = open_feed(fx, "f");
	{
		struct item	*l = make_item("later", 3, 12, "z");
		long		 p = store_feed_find(f, item_hash(l));

		assert_true(p >= 0);
		store_feed_item(f, (size_t)p, &it);
		assert_int_equal(it.seq, 78);
		item_free(l);
	}
	store_feed_close(f);
	item_free(x);
}

/*
 * Writers read the state in part when the index is in step with it:
 * what they keep (marks, user tags, expiry, first-seen times) is the same
 * as with a whole read, and appended lines are still compacted.
 */
static void
test_state_in_part(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct store_txn	*txn;
	struct store_txf	*t;
	struct item		*v[300], *nodate, *x;
	enum store_put		 res[300], r;
	struct stat		 a, b;
	unsigned long		 reads;
	uint64_t		 h;
	size_t			 i, removed;
	char			 name[32], err[NR_ERRBUF_SIZE];
	long			 pos;

	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "i%zu", i);
		v[i] = make_item(name, 1 + (int)(i % 28), (int)(i % 24), "b");
	}
	put_items(fx, "f", v, 300, res);
	nodate = make_item("nodate", 1, 1, "b");
	nodate->flags |= NR_ITEM_DATE_SEEN;
	put_items(fx, "f", &nodate, 1, &r);
	assert_int_equal(r, NR_PUT_NEW);
	h = item_hash(v[7]);
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_STARRED, 0,
	    NULL), NR_OK);
	assert_int_equal(store_usertag(fx->st, "f", h, "keep", 1, NULL),
	    NR_OK);
	/* An index out of "racy" and in step with the state. */
	age_dir(fx, "f");
	store_feed_close(open_feed(fx, "f"));
	put_items(fx, "f", &v[0], 1, &r);

	/* Now a writer reads none of the state whole. */
	reads = state_whole_reads;
	x = make_item("new", 28, 23, "b");
	put_items(fx, "f", &x, 1, &r);
	assert_int_equal(r, NR_PUT_NEW);
	put_items(fx, "f", &v[7], 1, &r);
	assert_int_equal(r, NR_PUT_SAME);
	nodate->published = 1;		/* a date of its own is not used */
	put_items(fx, "f", &nodate, 1, &r);
	assert_int_equal(r, NR_PUT_SAME);
	assert_int_equal(state_whole_reads, reads);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 302);
	store_feed_item(f, (size_t)store_feed_find(f, h), &it);
	assert_int_equal(it.state, NR_STATE_STARRED);
	assert_string_equal(it.usertags, "keep");
	store_feed_close(f);

	/* Retention reads it whole, with the transaction's puts on top. */
	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, "f", &t, NULL), NR_OK);
	item_free(x);
	x = make_item("newer", 28, 23, "b");
	assert_int_equal(store_item_put(t, x, 1800000000, &r, err), NR_OK);
	assert_int_equal(r, NR_PUT_NEW);
	assert_int_equal(store_txf_retain(t, 250, 0, 1800000000, &removed,
	    err), NR_OK);
	assert_int_equal(store_txn_commit(txn, err), NR_OK);
	store_txn_free(txn);
	store_unlock(fx->st);
	assert_int_equal(removed, 303 - 250 - 1);	/* one is starred */
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 251);
	assert_true(store_feed_find(f, item_hash(x)) >= 0);
	store_feed_close(f);

	/* An expired item coming back is known as such by a part read. */
	store_feed_close(open_feed(fx, "f"));
	reads = state_whole_reads;
	f = open_feed(fx, "f");
	for (i = 0, pos = -1; i < 300 && pos < 0; i++) {
		if (store_feed_find(f, item_hash(v[i])) < 0)
			pos = (long)i;
	}
	store_feed_close(f);
	assert_true(pos >= 0);
	put_items(fx, "f", &v[pos], 1, &r);
	assert_int_equal(r, NR_PUT_EXPIRED);

	/* Appended lines grow, and a writer compacts them. */
	stat_rel(fx, "f/.meta/state", &a);
	for (i = 0; i < 1200; i++) {
		snprintf(name, sizeof name, "title %zu", i);
		assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
		assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
		assert_int_equal(store_txn_feed(txn, "f", &t, NULL), NR_OK);
		store_txf_set(t, NR_KEY_TITLE, name);
		assert_int_equal(store_txn_commit(txn, err), NR_OK);
		store_txn_free(txn);
		store_unlock(fx->st);
	}
	stat_rel(fx, "f/.meta/state", &b);
	assert_true(a.st_ino != b.st_ino);
	assert_true(state_whole_reads > reads);
	f = open_feed(fx, "f");
	assert_string_equal(store_feed_get(f, NR_KEY_TITLE), "title 1199");
	assert_int_equal(store_feed_count(f), 251);
	store_feed_item(f, (size_t)store_feed_find(f, h), &it);
	assert_int_equal(it.state, NR_STATE_STARRED);
	store_feed_close(f);
	for (i = 0; i < 300; i++)
		item_free(v[i]);
	item_free(nodate);
	item_free(x);
}

/* Marks are appended to the state file and read back over the index. */
static void
test_state_tail(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct stat		 a, b;
	struct item		*x;
	uint64_t		 h;
	size_t			 i;
	char			 tag[32];

	x = make_item("one", 1, 12, "x");
	h = item_hash(x);
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	stat_rel(fx, "f/.meta/items", &a);
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_STARRED, 0,
	    NULL), NR_OK);
	assert_int_equal(store_usertag(fx->st, "f", h, "later", 1, NULL),
	    NR_OK);
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_int_equal(it.state, NR_STATE_STARRED);
	assert_string_equal(it.usertags, "later");
	assert_int_equal(store_feed_starred(f), 1);
	store_feed_close(f);
	/* The index itself was not rewritten for two small changes. */
	stat_rel(fx, "f/.meta/items", &b);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(store_usertag(fx->st, "f", h, "later", 0, NULL),
	    NR_OK);
	assert_int_equal(store_usertag(fx->st, "f", h, "later", 0, NULL),
	    NR_ENOTFOUND);
	assert_int_equal(store_usertag(fx->st, "f", h, "+bad", 1, NULL),
	    NR_EFORMAT);
	/* Many changes: the index takes them in (the tail stays short). */
	for (i = 0; i < 3000; i++) {
		snprintf(tag, sizeof tag, "t%zu", i % 7);
		assert_int_equal(store_mark(fx->st, "f", &h, 1, i % 2 ?
		    NR_STATE_READ : 0, i % 2 ? 0 : NR_STATE_READ, NULL),
		    NR_OK);
	}
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_int_equal(it.state, NR_STATE_STARRED | NR_STATE_READ);
	assert_string_equal(it.usertags, "");
	store_feed_close(f);
	stat_rel(fx, "f/.meta/items", &b);
	assert_true(a.st_ino != b.st_ino);
	{
		struct idx_head	hd;
		struct stat	ss;
		char		*p = xasprintf("%s/f/.meta/items", fx->dir);
		int		fd = open(p, O_RDONLY);

		assert_int_equal(read(fd, &hd, sizeof hd), (ssize_t)sizeof hd);
		close(fd);
		free(p);
		stat_rel(fx, "f/.meta/state", &ss);
		assert_true(ss.st_size - (off_t)hd.state_size <= NR_TAIL_MAX);
	}
	item_free(x);
}

/* A state file written by someone else (another stamp) is read whole. */
static void
test_state_replaced(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct item		*x;
	char			*s;

	x = make_item("one", 1, 12, "x");
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	s = xasprintf("newsreader-state 1\nfeed\ttitle\tHand Made\n"
	    "item\t%016" PRIx64 "\trs\t\t\t\nusertag\t%016" PRIx64 "\tmine\n",
	    item_hash(x), item_hash(x));
	write_file(fx, "f/.meta/state", s, strlen(s));
	free(s);
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_int_equal(it.state, NR_STATE_READ | NR_STATE_STARRED);
	assert_string_equal(it.usertags, "mine");
	assert_string_equal(store_feed_get(f, NR_KEY_TITLE), "Hand Made");
	assert_int_equal(store_feed_unread(f), 0);
	store_feed_close(f);
	item_free(x);
}

/* Empty, torn and garbage state files lose nothing and crash nothing. */
static void
test_state_bad(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct item		*x;
	uint64_t		 h;
	char			*s;

	x = make_item("one", 1, 12, "x");
	h = item_hash(x);
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	write_file(fx, "f/.meta/state", "", 0);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 1);
	store_feed_close(f);
	write_file(fx, "f/.meta/state", "\xff\xfe garbage\nitem\tzz\n", 19);
	fx->nwarn = 0;
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 1);
	assert_int_equal(fx->nwarn, 2);
	store_feed_close(f);
	/* A mark after garbage: the garbage lines are kept. */
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_READ, 0,
	    NULL), NR_OK);
	/* A torn last line (a crash mid-append) is not applied. */
	s = xasprintf("newsreader-state 1\nflags\t%016" PRIx64 "\tr\n"
	    "flags\t%016" PRIx64 "\ts", h, h);
	write_file(fx, "f/.meta/state", s, strlen(s));
	free(s);
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_int_equal(it.state, NR_STATE_READ);
	store_feed_close(f);
	/* The next append cuts the torn line first. */
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_STARRED, 0,
	    NULL), NR_OK);
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_int_equal(it.state, NR_STATE_READ | NR_STATE_STARRED);
	store_feed_close(f);
	item_free(x);
}

/* Full-text records: set in a transaction, read by readers and writers,
 * kept when the state file is compacted, malformed ones reported. */
static void
test_fulltext_records(void **state)
{
	struct fixture		*fx = *state;
	struct store_txn	*txn;
	struct store_txf	*t;
	struct store_fulltext	 ft[3];
	struct state		 s;
	struct item		*x;
	const char		*reason;
	uint64_t		 h[3];
	char			*path, *buf, *line;
	size_t			 len;

	x = make_item("one", 1, 12, "x");
	h[0] = item_hash(x);
	item_free(x);
	x = make_item("two", 1, 13, "x");
	h[1] = item_hash(x);
	item_free(x);
	h[2] = 0x1234;
	/* No feed yet: nothing stored, no records. */
	assert_int_equal(store_fulltext_read(fx->st, "f", h, 3, ft, NULL),
	    NR_OK);
	assert_false(ft[0].stored);
	assert_int_equal(ft[0].tries, NR_FULLTEXT_NONE);
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	assert_int_equal(put1(fx, "two", 1, 13, "x"), NR_PUT_NEW);

	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, "f", &t, NULL), NR_OK);
	assert_true(store_txf_has(t, h[0]));
	assert_false(store_txf_has(t, h[2]));
	assert_int_equal(store_txf_fulltext_get(t, h[0], &reason),
	    NR_FULLTEXT_NONE);
	store_txf_fulltext_set(t, h[0], NR_FULLTEXT_DONE, NULL);
	store_txf_fulltext_set(t, h[1], 1, "HTTP 404");
	store_txf_fulltext_set(t, h[1], 2, "a\ttab");
	assert_int_equal(store_txf_fulltext_get(t, h[1], &reason), 2);
	assert_string_equal(reason, "a\ttab");
	assert_int_equal(store_txn_commit(txn, NULL), NR_OK);
	store_txn_free(txn);
	store_unlock(fx->st);

	assert_int_equal(store_fulltext_read(fx->st, "f", h, 3, ft, NULL),
	    NR_OK);
	assert_true(ft[0].stored);
	assert_int_equal(ft[0].tries, NR_FULLTEXT_DONE);
	assert_true(ft[1].stored);
	assert_int_equal(ft[1].tries, 2);
	assert_false(ft[2].stored);
	assert_int_equal(ft[2].tries, NR_FULLTEXT_NONE);

	/* Escaped in the file; kept by a compaction. */
	path = xasprintf("%s/f/.meta/state", fx->dir);
	assert_int_equal(util_read_file(path, 1 << 20, &buf, &len, NULL),
	    NR_OK);
	line = xasprintf("fulltext\t%016" PRIx64 "\t2\ta\\ttab\n", h[1]);
	assert_non_null(strstr(buf, line));
	free(buf);
	assert_int_equal(state_load(fx->st, path, &s, NULL), NR_OK);
	assert_int_equal(state_write(fx->st, path, &s, NR_STATE_WHOLE, NULL),
	    NR_OK);
	state_free(&s);
	assert_int_equal(util_read_file(path, 1 << 20, &buf, &len, NULL),
	    NR_OK);
	assert_non_null(strstr(buf, line));
	free(line);
	line = xasprintf("fulltext\t%016" PRIx64 "\tdone\t\n", h[0]);
	assert_non_null(strstr(buf, line));
	free(line);
	free(buf);
	assert_int_equal(store_fulltext_read(fx->st, "f", h, 3, ft, NULL),
	    NR_OK);
	assert_int_equal(ft[0].tries, NR_FULLTEXT_DONE);
	assert_int_equal(ft[1].tries, 2);

	/* A malformed line is reported and kept; it sets nothing. */
	fx->nwarn = 0;
	line = xasprintf("fulltext\t%016" PRIx64 "\tmany\tx\n", h[0]);
	assert_int_equal(state_append(path, line, strlen(line), 0, NULL),
	    NR_OK);
	free(line);
	assert_int_equal(state_load(fx->st, path, &s, NULL), NR_OK);
	assert_int_equal(fx->nwarn, 1);
	assert_int_equal(state_get(&s, h[0], 0)->ft, NR_FULLTEXT_DONE);
	state_free(&s);
	free(path);
}

static void
test_garbage_files(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;

	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	write_file(fx, "f/notes.txt", "hello", 5);
	write_file(fx, "f/010_0000000000000007.txt", "\x01garbage", 8);
	write_file(fx, "f/011_0000000000000008.txt", "", 0);
	write_file(fx, "f/.tmp-000_0000000000000009.txt.abc", "x", 1);
	fx->nwarn = 0;
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 1);
	assert_int_equal(fx->nwarn, 3);
	store_feed_close(f);
}

/* A file named with capitals (an import) keeps its name in the index. */
static void
test_odd_names(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct item		*x;
	char			*s, *p;
	size_t			 len;

	x = make_item("caps", 4, 12, "x");
	s = article_format(x, &len);
	mkdir_rel(fx, "f");
	write_file(fx, "f/0005_00000000000000AB.txt", s, len);
	free(s);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 1);
	store_feed_item(f, 0, &it);
	assert_int_equal(it.hash, 0xab);
	assert_int_equal(it.seq, 5);
	p = store_feed_path(f, 0);
	assert_string_equal(strrchr(p, '/') + 1, "0005_00000000000000AB.txt");
	free(p);
	store_feed_close(f);
	item_free(x);
}

/* A version 2 text index is migrated without reading unchanged files. */
static void
test_v2_migration(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct stat		 sb, dsb;
	struct item		*x;
	char			*s, name[64], *idx;
	size_t			 len;

	x = make_item("old", 4, 12, "x");
	s = article_format(x, &len);
	mkdir_rel(fx, "f");
	mkdir_rel(fx, "f/.meta");
	snprintf(name, sizeof name, "f/003_%016" PRIx64 ".txt", item_hash(x));
	write_file(fx, name, s, len);
	free(s);
	stat_rel(fx, name, &sb);
	stat_rel(fx, "f", &dsb);
	/* The v2 line names a title that is not the file's: it is used. */
	idx = xasprintf("newsreader-index 2\t%lld\t%ld\t0\n"
	    "%s\t%lld\t%lld\t%ld\t%lld\tFrom The Index\thttps://l\ta\\nb\t"
	    "sum\n", (long long)dsb.st_mtim.tv_sec, dsb.st_mtim.tv_nsec,
	    name + 2, (long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
	    sb.st_mtim.tv_nsec, (long long)x->published);
	write_file(fx, "f/.meta/index", idx, strlen(idx));
	free(idx);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 1);
	store_feed_item(f, 0, &it);
	assert_string_equal(it.title, "From The Index");
	assert_string_equal(it.tags, "a\nb");
	store_feed_close(f);
	{
		char *p = xasprintf("%s/f/.meta/index", fx->dir);

		assert_int_equal(access(p, F_OK), -1);
		free(p);
	}
	item_free(x);
}

/* Feed identity: recorded URLs keep their directories. */
static void
test_resolve(void **state)
{
	struct fixture		*fx = *state;
	struct store_ref	 r[4];
	struct store		*again;

	memset(r, 0, sizeof r);
	r[0].url = "http://h/a";
	r[0].base = "h";
	r[1].url = "http://h/b";
	r[1].base = "h";
	r[2].url = "http://h/c";
	r[2].base = "h";
	r[2].want = "cee";
	assert_int_equal(store_resolve(fx->st, r, 3, 1, NULL), NR_EUSAGE);
	assert_int_equal(store_resolve(fx->st, r, 3, 0, NULL), NR_OK);
	assert_string_equal(r[0].name, "h");
	assert_string_equal(r[1].name, "h-2");
	assert_string_equal(r[2].name, "cee");
	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_resolve(fx->st, r, 3, 1, NULL), NR_OK);
	store_unlock(fx->st);
	/* Without the first line, the second keeps its directory. */
	assert_int_equal(store_resolve(fx->st, r + 1, 2, 0, NULL), NR_OK);
	assert_string_equal(r[1].name, "h-2");
	/* A new feed on the host skips every recorded name. */
	r[3].url = "http://h/d";
	r[3].base = "h";
	assert_int_equal(store_resolve(fx->st, r + 1, 3, 0, NULL), NR_OK);
	assert_string_equal(r[3].name, "h-3");
	/* name= added later does not move a recorded feed. */
	r[1].want = "bee";
	assert_int_equal(store_resolve(fx->st, r + 1, 1, 0, NULL), NR_OK);
	assert_string_equal(r[1].name, "h-2");
	/* A name whose URL left the feeds file can be claimed. */
	r[3].want = "h";
	assert_int_equal(store_resolve(fx->st, r + 1, 3, 0, NULL), NR_OK);
	assert_string_equal(r[3].name, "h");
	/* ... but not while that URL is still listed. */
	assert_int_equal(store_resolve(fx->st, r, 4, 0, NULL), NR_OK);
	assert_string_equal(r[3].name, "h-3");
	/* The record is on disk. */
	assert_int_equal(store_open(fx->dir, &again, NULL), NR_OK);
	assert_string_equal(store_feed_url(again, "h-2"), "http://h/b");
	assert_null(store_feed_url(again, "nope"));
	store_free(again);
}

/* 10,000 feeds on one host resolve in linear time (no time asserted). */
static void
test_resolve_many(void **state)
{
	struct fixture		*fx = *state;
	struct store_ref	*r;
	char			**urls;
	size_t			  i, n = 10000;

	r = xcalloc(n, sizeof *r);
	urls = xcalloc(n, sizeof *urls);
	for (i = 0; i < n; i++) {
		urls[i] = xasprintf("https://www.youtube.com/feeds?c=%zu", i);
		r[i].url = urls[i];
		r[i].base = "youtube.com";
	}
	assert_int_equal(store_resolve(fx->st, r, n, 0, NULL), NR_OK);
	assert_string_equal(r[0].name, "youtube.com");
	assert_string_equal(r[9999].name, "youtube.com-10000");
	for (i = 0; i < n; i++)
		free(urls[i]);
	free(urls);
	free(r);
}

/* An old data directory: URLs come from the feeds' state files. */
static void
test_registry_migration(void **state)
{
	struct fixture	*fx = *state;
	struct store	*st;
	char		*s;

	mkdir_rel(fx, "x");
	mkdir_rel(fx, "x/.meta");
	s = xstrdup("newsreader-state 1\nfeed\turl\thttp://old/feed\n");
	write_file(fx, "x/.meta/state", s, strlen(s));
	free(s);
	/* The fixture's store already wrote an empty registry: remove it. */
	s = xasprintf("%s/.meta/feeds", fx->dir);
	unlink(s);
	assert_int_equal(store_open(fx->dir, &st, NULL), NR_OK);
	assert_string_equal(store_feed_url(st, "x"), "http://old/feed");
	assert_int_equal(access(s, F_OK), 0);
	free(s);
	store_free(st);
}

/* Retention removes old unstarred items and keeps them from coming back. */
static void
test_retention(void **state)
{
	struct fixture		*fx = *state;
	struct store_txn	*txn;
	struct store_txf	*t;
	struct store_feed	*f;
	struct item		*v[4];
	enum store_put		 res[4];
	size_t			 removed, i;
	uint64_t		 h;

	for (i = 0; i < 4; i++) {
		char t1[8];

		snprintf(t1, sizeof t1, "i%zu", i);
		v[i] = make_item(t1, (int)i + 1, 12, "x");
	}
	put_items(fx, "f", v, 4, res);
	h = item_hash(v[0]);
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_STARRED, 0,
	    NULL), NR_OK);
	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, "f", &t, NULL), NR_OK);
	assert_int_equal(store_txf_retain(t, 2, 0, 1800000000, &removed,
	    NULL), NR_OK);
	assert_int_equal(removed, 1);	/* i1; i0 is starred */
	assert_int_equal(store_txn_commit(txn, NULL), NR_OK);
	store_txn_free(txn);
	store_unlock(fx->st);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 3);
	assert_int_equal(store_feed_find(f, item_hash(v[1])), -1);
	store_feed_close(f);
	/* The feed still carries it: it does not come back. */
	put_items(fx, "f", &v[1], 1, res);
	assert_int_equal(res[0], NR_PUT_EXPIRED);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 3);
	store_feed_close(f);
	for (i = 0; i < 4; i++)
		item_free(v[i]);
}

/* The highest sequence number in use does not stop new items. */
static void
test_seq_overflow(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct item		*x;
	char			*s;
	size_t			 len;
	long			 p;

	assert_int_equal(put1(fx, "first", 1, 12, "x"), NR_PUT_NEW);
	x = make_item("top", 2, 12, "x");
	s = article_format(x, &len);
	write_file(fx, "f/999999999_00000000000000aa.txt", s, len);
	free(s);
	item_free(x);
	assert_int_equal(put1(fx, "next", 3, 12, "x"), NR_PUT_NEW);
	assert_int_equal(put1(fx, "again", 4, 12, "x"), NR_PUT_NEW);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 4);
	x = make_item("next", 3, 12, "x");
	p = store_feed_find(f, item_hash(x));
	assert_true(p >= 0);
	store_feed_item(f, (size_t)p, &it);
	assert_int_equal(it.seq, 1);	/* 0 is "first"'s */
	item_free(x);
	x = make_item("again", 4, 12, "x");
	store_feed_item(f, (size_t)store_feed_find(f, item_hash(x)), &it);
	assert_int_equal(it.seq, 2);
	item_free(x);
	store_feed_close(f);
}

/* Store n items i0..i(n-1), item k on day 1 + k % 28, hour k % 24. */
static void
put_many(struct fixture *fx, size_t n)
{
	struct item	**v;
	enum store_put	 *res;
	char		  t[32];
	size_t		  k;

	v = xcalloc(n, sizeof *v);
	res = xcalloc(n, sizeof *res);
	for (k = 0; k < n; k++) {
		snprintf(t, sizeof t, "i%zu", k);
		v[k] = make_item(t, 1 + (int)(k % 28), (int)(k % 24), "x");
	}
	put_items(fx, "f", v, n, res);
	for (k = 0; k < n; k++)
		item_free(v[k]);
	free(v);
	free(res);
}

/* Everything a reader sees must agree, position by position. */
static void
check_consistent(struct store_feed *f)
{
	struct store_cols	 c;
	struct store_item	 it;
	const struct store_day	*d;
	int64_t			*dates;
	size_t			 n = store_feed_count(f), i, nd, total = 0;
	size_t			 unread = 0;

	dates = xcalloc(n + 1, sizeof *dates);
	store_feed_dates(f, dates);
	store_feed_cols(f, &c);
	assert_int_equal(c.n, n);
	for (i = 0; i < n; i++) {
		store_feed_item(f, i, &it);
		assert_int_equal(dates[i], it.date);
		assert_int_equal(c.date[i], it.date);
		assert_int_equal(c.state[i], it.state);
		assert_string_equal(store_feed_tagstr(f, &c, i, 0), it.tags);
		assert_string_equal(store_feed_tagstr(f, &c, i, 1),
		    it.usertags);
		assert_int_equal(store_feed_find(f, it.hash), (long)i);
		if (i > 0)
			assert_true(dates[i - 1] >= dates[i]);
		if (!(it.state & NR_STATE_READ))
			unread++;
	}
	assert_int_equal(store_feed_unread(f), unread);
	nd = store_feed_days(f, &d);
	for (i = 0; i < nd; i++)
		total += d[i].total;
	assert_int_equal(total, n);
	store_cols_free(&c);
	free(dates);
}

static int
exists_rel(struct fixture *fx, const char *rel)
{
	char	*p = xasprintf("%s/%s", fx->dir, rel);
	int	 r = access(p, F_OK) == 0;

	free(p);
	return r;
}

/* A few changes to a large feed go to the recent file, not the index. */
static void
test_recent(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	struct stat		 a, b;
	struct item		*x;
	enum store_put		 r;
	uint64_t		 h;
	long			 p;

	put_many(fx, 600);
	assert_false(exists_rel(fx, "f/.meta/recent"));
	stat_rel(fx, "f/.meta/items", &a);
	/* A new item, newest of all. */
	assert_int_equal(put1(fx, "fresh", 29, 23, "new"), NR_PUT_NEW);
	stat_rel(fx, "f/.meta/items", &b);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_true(exists_rel(fx, "f/.meta/recent"));
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 601);
	store_feed_item(f, 0, &it);
	assert_string_equal(it.title, "fresh");
	assert_int_equal(it.seq, 600);
	check_consistent(f);
	store_feed_close(f);
	/* An old item changed: its new version replaces the old, once. */
	x = make_item("i5", 6, 5, "changed body");
	free(x->title);
	x->title = xstrdup("i5 changed");
	put_items(fx, "f", &x, 1, &r);
	assert_int_equal(r, NR_PUT_UPDATED);
	/* One in the middle of the list, dated between others. */
	assert_int_equal(put1(fx, "middle", 15, 12, "m"), NR_PUT_NEW);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 602);
	p = store_feed_find(f, item_hash(x));
	assert_true(p >= 0);
	store_feed_item(f, (size_t)p, &it);
	assert_string_equal(it.title, "i5 changed");
	check_consistent(f);
	store_feed_close(f);
	stat_rel(fx, "f/.meta/items", &b);
	assert_int_equal(a.st_ino, b.st_ino);
	/* Marks on an index entry and on a recent one. */
	h = item_hash(x);
	assert_int_equal(store_mark(fx->st, "f", &h, 1, NR_STATE_READ, 0,
	    NULL), NR_OK);
	f = open_feed(fx, "f");
	store_feed_item(f, (size_t)store_feed_find(f, h), &it);
	assert_int_equal(it.state, NR_STATE_READ);
	assert_int_equal(store_feed_unread(f), 601);
	check_consistent(f);
	store_feed_close(f);
	/* A transaction that only changes state moves the item over. */
	assert_int_equal(put1(fx, "i7", 8, 7, "x"), NR_PUT_SAME);
	f = open_feed(fx, "f");
	check_consistent(f);
	store_feed_close(f);
	item_free(x);
}

/* Retention on a large feed, and many changes: the index is rewritten. */
static void
test_recent_retention(void **state)
{
	struct fixture		*fx = *state;
	struct store_txn	*txn;
	struct store_txf	*t;
	struct store_feed	*f;
	struct stat		 a, b;
	size_t			 removed;

	put_many(fx, 600);
	assert_int_equal(put1(fx, "fresh", 29, 23, "new"), NR_PUT_NEW);
	stat_rel(fx, "f/.meta/items", &a);
	/* Keep 595 of 601: six old ones leave (hidden, files removed). */
	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, "f", &t, NULL), NR_OK);
	assert_int_equal(store_txf_retain(t, 595, 0, 1800000000, &removed,
	    NULL), NR_OK);
	assert_int_equal(removed, 6);
	assert_int_equal(store_txn_commit(txn, NULL), NR_OK);
	store_txn_free(txn);
	store_unlock(fx->st);
	stat_rel(fx, "f/.meta/items", &b);
	assert_int_equal(a.st_ino, b.st_ino);
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 595);
	check_consistent(f);
	store_feed_close(f);
	/* Many new items at once: written whole, the recent file gone. */
	put_many(fx, 900);
	stat_rel(fx, "f/.meta/items", &b);
	assert_true(a.st_ino != b.st_ino);
	assert_false(exists_rel(fx, "f/.meta/recent"));
	f = open_feed(fx, "f");
	check_consistent(f);
	store_feed_close(f);
}

/* A recent file that does not check, or not for this index, is left. */
static void
test_recent_bad(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_item	 it;
	char			*p;

	put_many(fx, 600);
	assert_int_equal(put1(fx, "fresh", 29, 23, "new"), NR_PUT_NEW);
	p = xasprintf("%s/f/.meta/recent", fx->dir);
	{
		char	*buf;
		size_t	 len;
		int	 fd;

		assert_int_equal(util_read_file(p, 0, &buf, &len, NULL),
		    NR_OK);
		buf[len - 2] ^= 0x33;
		fd = open(p, O_WRONLY | O_TRUNC);
		assert_int_equal(write(fd, buf, len), (ssize_t)len);
		close(fd);
		free(buf);
	}
	/* The index alone is stale: the directory is read again. */
	f = open_feed(fx, "f");
	assert_int_equal(store_feed_count(f), 601);
	store_feed_item(f, 0, &it);
	assert_string_equal(it.title, "fresh");
	check_consistent(f);
	store_feed_close(f);
	assert_false(exists_rel(fx, "f/.meta/recent"));
	free(p);
}

static void
test_lock(void **state)
{
	struct fixture	*fx = *state;
	struct store	*other;
	int		 pipefd[2], status;
	char		 c;
	pid_t		 pid;

	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		if (store_lock(fx->st, 0, NULL) != NR_OK)
			_exit(1);
		(void)write(pipefd[1], "x", 1);
		sleep(2);
		_exit(0);
	}
	close(pipefd[1]);
	assert_int_equal(read(pipefd[0], &c, 1), 1);
	assert_int_equal(store_open(fx->dir, &other, NULL), NR_OK);
	assert_int_equal(store_lock(other, 0, NULL), NR_ELOCKED);
	/* Waiting succeeds once the holder exits. */
	assert_int_equal(store_lock(other, 1, NULL), NR_OK);
	store_free(other);
	waitpid(pid, &status, 0);
	assert_int_equal(WEXITSTATUS(status), 0);
	close(pipefd[0]);
}

struct qres {
	int	n;
	int	err;
};

static void
queue_cb(void *arg, const struct store_queue_result *r)
{
	struct qres	*q = arg;

	q->n++;
	if (r->err != NR_OK)
		q->err++;
}

/* The queue writes while the caller goes on; results come back once. */
static void
test_queue(void **state)
{
	struct fixture		*fx = *state;
	struct store_queue	*q;
	struct store_feed	*f;
	struct store_item	 it;
	struct pollfd		 pfd;
	struct qres		 r = { 0, 0 };
	struct item		*x;
	uint64_t		 h;
	int			 tries;

	x = make_item("one", 1, 12, "x");
	h = item_hash(x);
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	assert_int_equal(store_queue_create(fx->dir, &q, NULL), NR_OK);
	store_queue_mark(q, "f", &h, 1, NR_STATE_READ, 0);
	store_queue_usertag(q, "f", h, "queued", 1);
	store_queue_value(q, "f", NR_KEY_CURSOR, "00000000000000ff");
	for (tries = 0; tries < 100 && r.n < 3; tries++) {
		pfd.fd = store_queue_fd(q);
		pfd.events = POLLIN;
		(void)poll(&pfd, 1, 100);
		store_queue_results(q, queue_cb, &r);
	}
	assert_int_equal(r.n, 3);
	assert_int_equal(r.err, 0);
	assert_int_equal(store_queue_pending(q), 0);
	store_queue_free(q);
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_int_equal(it.state, NR_STATE_READ);
	assert_string_equal(it.usertags, "queued");
	assert_string_equal(store_feed_get(f, NR_KEY_CURSOR),
	    "00000000000000ff");
	store_feed_close(f);
	item_free(x);
}

/*
 * Abandoned while another handle holds the lock: it returns at once with
 * the change not written; once the lock is free its thread still
 * writes it and frees the queue (no leak under the sanitizers).
 */
static void
test_queue_abandon(void **state)
{
	struct fixture		*fx = *state;
	struct store_queue	*q;
	struct store_feed	*f;
	struct store_item	 it;
	struct item		*x;
	char			 err[NR_ERRBUF_SIZE];
	uint64_t		 h;
	int			 tries;

	x = make_item("one", 1, 12, "x");
	h = item_hash(x);
	assert_int_equal(put1(fx, "one", 1, 12, "x"), NR_PUT_NEW);
	/* Nothing waits: abandoning is freeing. */
	assert_int_equal(store_queue_create(fx->dir, &q, NULL), NR_OK);
	assert_int_equal(store_queue_abandon(q), 0);

	assert_int_equal(store_lock(fx->st, 0, err), NR_OK);
	assert_int_equal(store_queue_create(fx->dir, &q, NULL), NR_OK);
	store_queue_mark(q, "f", &h, 1, NR_STATE_READ, 0);
	for (tries = 0; tries < 100 && !store_queue_waiting(q); tries++)
		usleep(10000);
	assert_true(store_queue_waiting(q));
	/* The cursor kept for next time is no change of the user's. */
	store_queue_value(q, "f", NR_KEY_CURSOR, "0123456789abcdef");
	assert_int_equal(store_queue_abandon(q), 1);
	f = open_feed(fx, "f");
	store_feed_item(f, 0, &it);
	assert_int_equal(it.state, 0);
	store_feed_close(f);
	store_unlock(fx->st);
	/* The thread gets the lock and writes it. */
	for (tries = 0; tries < 500; tries++) {
		f = open_feed(fx, "f");
		store_feed_item(f, 0, &it);
		store_feed_close(f);
		if (it.state == NR_STATE_READ)
			break;
		usleep(10000);
	}
	assert_int_equal(it.state, NR_STATE_READ);
	/* Until it has freed the queue, the lock is its. */
	for (tries = 0; tries < 500; tries++) {
		if (store_lock(fx->st, 0, err) == NR_OK)
			break;
		usleep(10000);
	}
	store_unlock(fx->st);
	usleep(50000);
	item_free(x);
}

static void
test_feed_names(void **state)
{
	(void)state;
	assert_true(store_feed_name_valid("sputnik"));
	assert_true(store_feed_name_valid("news.example.com"));
	assert_false(store_feed_name_valid(".."));
	assert_false(store_feed_name_valid("../../etc"));
	assert_false(store_feed_name_valid(".meta"));
	assert_false(store_feed_name_valid("a/b"));
	assert_false(store_feed_name_valid("-rf"));
	assert_false(store_feed_name_valid(""));
	assert_false(store_feed_name_valid("Caps"));
}

static void
test_missing_feed(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct item		*it;

	f = open_feed(fx, "nothing");
	assert_int_equal(store_feed_count(f), 0);
	assert_int_equal(store_feed_unread(f), 0);
	assert_null(store_feed_get(f, NR_KEY_TITLE));
	assert_false(store_feed_changed(f));
	store_feed_close(f);
	assert_int_equal(store_item_load(fx->st, "nothing", 1, &it, NULL),
	    NR_ENOTFOUND);
	assert_int_equal(store_feed_open(fx->st, "../x", &f, NULL), NR_EUSAGE);
}

static void
test_write_atomic_fail(void **state)
{
	struct fixture	*fx = *state;
	char		 err[NR_ERRBUF_SIZE];

	(void)fx;
	assert_int_equal(util_write_atomic("/nonexistent-dir", "x", "a", 1,
	    err), NR_EIO);
	assert_non_null(strstr(err, "/nonexistent-dir"));
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_put_and_fields),
		T(test_days_and_counts),
		T(test_put_same_and_updated),
		T(test_index_rebuilt),
		T(test_index_stale),
		T(test_index_stale_locked),
		T(test_version_peek),
		T(test_state_tail),
		T(test_state_in_part),
		T(test_state_replaced),
		T(test_state_bad),
		T(test_fulltext_records),
		T(test_garbage_files),
		T(test_odd_names),
		T(test_v2_migration),
		T(test_resolve),
		T(test_resolve_many),
		T(test_registry_migration),
		T(test_retention),
		T(test_seq_overflow),
		T(test_recent),
		T(test_recent_retention),
		T(test_recent_bad),
		T(test_lock),
		T(test_queue),
		T(test_queue_abandon),
		cmocka_unit_test(test_feed_names),
		T(test_missing_feed),
		T(test_write_atomic_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
