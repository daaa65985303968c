/* Unit tests for the store: atomic writes, index, state, lock, garbage. */
#include "nr_config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "newsreader/article.h"
#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

struct fixture {
	char		 dir[64];
	struct store	*st;
	int		 nwarn;
	char		 lastwarn[512];
	int		 sawnotes;
};

static void
warn_cb(void *arg, const char *file, size_t line, const char *msg)
{
	struct fixture	*fx = arg;

	fx->nwarn++;
	fprintf(stderr, "warning: %s:%zu: %s\n", file, line, msg);
	if (strstr(file, "notes.txt") != NULL || strstr(msg, "notes.txt"))
		fx->sawnotes = 1;
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

/* An article file for title t on day d of November 2026. */
static char *
make_article(const char *t, int d, const char *body, size_t *len)
{
	struct item	*it = item_create();
	char		*s;

	it->title = xstrdup(t);
	it->link = xasprintf("https://e.example/%s", t);
	it->summary = xstrdup("summary");
	it->published = util_timegm(2026, 11, d, 12, 0, 0);
	item_add_tag(it, "tag");
	it->content = xstrdup(body);
	s = article_format(it, len);
	item_free(it);
	return s;
}

/* Put an article into feed "f" and sync; returns the NR_PUT_ result. */
static int
put(struct fixture *fx, uint64_t h, const char *t, int d, const char *body)
{
	struct store_feed	*f;
	char			*s;
	size_t			 len;
	int			 res;

	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	s = make_article(t, d, body, &len);
	assert_int_equal(store_put_raw(fx->st, f, h, s, len, &res, NULL),
	    NR_OK);
	assert_int_equal(store_feed_sync(fx->st, f, NULL), NR_OK);
	free(s);
	store_feed_free(f);
	return res;
}

/* Count directory entries whose name starts with prefix. */
static int
count_prefix(const char *dir, const char *prefix)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	int		 n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static void
test_put_new_and_list(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	char			*fd;

	assert_int_equal(put(fx, 0xa, "one", 1, "x"), NR_PUT_NEW);
	assert_int_equal(put(fx, 0xb, "two", 2, "y"), NR_PUT_NEW);
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(f->nentries, 2);
	/* Newest first, with the fields from the index. */
	assert_string_equal(f->entries[0].title, "two");
	assert_string_equal(f->entries[0].name, "001_000000000000000b.txt");
	assert_string_equal(f->entries[1].name, "000_000000000000000a.txt");
	assert_string_equal(f->entries[1].link, "https://e.example/one");
	assert_string_equal(f->entries[1].tags, "tag");
	store_feed_free(f);
	/* No temp file is left behind. */
	fd = util_path_join(fx->dir, "f");
	assert_int_equal(count_prefix(fd, ".tmp-"), 0);
	assert_int_equal(count_prefix(fd, "0"), 2);
	free(fd);
}

static void
test_put_same_untouched(void **state)
{
	struct fixture	*fx = *state;
	struct stat	 a, b;
	char		*p;

	assert_int_equal(put(fx, 0xa, "one", 1, "x"), NR_PUT_NEW);
	p = xasprintf("%s/f/000_000000000000000a.txt", fx->dir);
	assert_int_equal(stat(p, &a), 0);
	usleep(20000);
	assert_int_equal(put(fx, 0xa, "one", 1, "x"), NR_PUT_SAME);
	assert_int_equal(stat(p, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_mtim.tv_nsec, b.st_mtim.tv_nsec);
	/* Changed content is rewritten under the same name. */
	assert_int_equal(put(fx, 0xa, "one", 1, "changed"), NR_PUT_UPDATED);
	assert_int_equal(stat(p, &b), 0);
	assert_int_not_equal(a.st_ino, b.st_ino);
	free(p);
}

static void
test_garbage_files(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	char			*p;
	int			 i, fd;

	assert_int_equal(put(fx, 0xa, "one", 1, "x"), NR_PUT_NEW);
	for (i = 0; i < 20; i++) {
		p = xasprintf("%s/f/%03d_00000000000000%02x.txt", fx->dir,
		    100 + i, i);
		fd = open(p, O_WRONLY | O_CREAT, 0644);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, "\x7f" "ELF\0\1garbage", 12), 12);
		close(fd);
		free(p);
	}
	p = xasprintf("%s/f/notes.txt", fx->dir);
	fd = open(p, O_WRONLY | O_CREAT, 0644);
	close(fd);
	free(p);
	/* Make the index stale so every new file is looked at. */
	p = xasprintf("%s/f/.meta/index", fx->dir);
	unlink(p);
	free(p);
	fx->nwarn = 0;
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(f->nentries, 1);
	assert_string_equal(f->entries[0].title, "one");
	assert_int_equal(fx->nwarn, 21);
	assert_true(fx->sawnotes);
	store_feed_free(f);
}

static void
test_index_rebuild(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	char			*p, *q;
	size_t			 len;
	int			 fd;

	assert_int_equal(put(fx, 0xa, "one", 1, "x"), NR_PUT_NEW);
	/* A corrupt index is rebuilt from the article files. */
	p = xasprintf("%s/f/.meta/index", fx->dir);
	fd = open(p, O_WRONLY | O_TRUNC);
	assert_int_equal(write(fd, "newsreader-index 2\t0\t0\t0\nbad\n", 30),
	    30);
	close(fd);
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(f->nentries, 1);
	store_feed_free(f);
	/* A file dropped in by hand is found (the directory changed). */
	q = make_article("dropped", 5, "z", &len);
	free(p);
	p = xasprintf("%s/f", fx->dir);
	assert_int_equal(util_write_atomic(p, "007_00000000000000dd.txt", q,
	    len, NULL), NR_OK);
	free(q);
	free(p);
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(f->nentries, 2);
	assert_string_equal(f->entries[0].title, "dropped");
	store_feed_free(f);
	/* The next new item continues the sequence. */
	assert_int_equal(put(fx, 0xe, "next", 6, "n"), NR_PUT_NEW);
	p = xasprintf("%s/f/008_000000000000000e.txt", fx->dir);
	assert_int_equal(access(p, F_OK), 0);
	free(p);
}

static void
test_state_roundtrip(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	struct store_meta	*m;
	char			*p;
	FILE			*fp;

	assert_int_equal(put(fx, 0xa, "one", 1, "x"), NR_PUT_NEW);
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	store_set_state(f, &f->entries[0], NR_STATE_READ | NR_STATE_STARRED,
	    0);
	m = store_meta_get(f, 0xa, 1);
	m->guid = xstrdup("urn:a\twith tab");
	m->enclosures = xcalloc(1, sizeof *m->enclosures);
	m->enclosures[0].url = xstrdup("https://e.example/a.mp3");
	m->enclosures[0].type = xstrdup("audio/mpeg");
	m->enclosures[0].length = 1234;
	m->nenclosures = 1;
	store_feed_set(f, "etag", "\"abc\"");
	assert_int_equal(store_state_save(fx->st, f, NULL), NR_OK);
	store_feed_free(f);
	/* A line from a future version is kept. */
	p = xasprintf("%s/f/.meta/state", fx->dir);
	fp = fopen(p, "a");
	fputs("usertag\t000000000000000a\tlater\n", fp);
	fclose(fp);
	fx->nwarn = 0;
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(fx->nwarn, 0);
	assert_int_equal(f->entries[0].state,
	    NR_STATE_READ | NR_STATE_STARRED);
	m = store_meta_get(f, 0xa, 0);
	assert_non_null(m);
	assert_string_equal(m->guid, "urn:a\twith tab");
	assert_int_equal(m->nenclosures, 1);
	assert_string_equal(m->enclosures[0].type, "audio/mpeg");
	assert_int_equal(m->enclosures[0].length, 1234);
	assert_string_equal(store_feed_get(f, "etag"), "\"abc\"");
	store_set_state(f, &f->entries[0], 0, NR_STATE_READ);
	assert_int_equal(store_state_save(fx->st, f, NULL), NR_OK);
	store_feed_free(f);
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(f->entries[0].state, NR_STATE_STARRED);
	store_feed_free(f);
	{
		char	*buf;

		assert_int_equal(util_read_file(p, 0, &buf, NULL, NULL),
		    NR_OK);
		assert_non_null(strstr(buf, "usertag\t000000000000000a\t"
		    "later\n"));
		free(buf);
	}
	free(p);
}

static void
test_corrupt_state(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	char			*p;
	int			 fd;

	assert_int_equal(put(fx, 0xa, "one", 1, "x"), NR_PUT_NEW);
	p = xasprintf("%s/f/.meta/state", fx->dir);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_int_equal(write(fd, "\xff\xfe garbage\nitem\tzz\n", 19), 19);
	close(fd);
	free(p);
	fx->nwarn = 0;
	assert_int_equal(store_feed_load(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(f->nentries, 1);
	assert_int_equal(fx->nwarn, 2);
	store_feed_free(f);
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
test_write_atomic_fail(void **state)
{
	struct fixture	*fx = *state;
	char		 err[NR_ERRBUF_SIZE];

	(void)fx;
	assert_int_equal(util_write_atomic("/nonexistent-dir", "x", "a", 1,
	    err), NR_EIO);
	assert_non_null(strstr(err, "/nonexistent-dir"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_new_and_list, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_put_same_untouched, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_garbage_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_index_rebuild, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_state_roundtrip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_state, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
		cmocka_unit_test(test_feed_names),
		cmocka_unit_test_setup_teardown(test_write_atomic_fail, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
