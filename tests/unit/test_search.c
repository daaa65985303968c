/*
 * Unit tests for the search module: the tokenizer's rules (case,
 * accents, Cyrillic, Greek, CJK runs, prefixes, phrases) and keeping the
 * index in step (an item added, updated, expired, a user tag, a feed
 * removed; a missing, corrupt or foreign index).
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <ftw.h>
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
#include <sqlite3.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/search.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

struct fixture {
	char		 dir[64];
	struct store	*st;
	struct search	*s;
};

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* The store's commit hook, as the commands set it. */
static void
hook(void *arg, const struct store_change *c, size_t n)
{
	struct fixture	*fx = arg;
	char		 err[NR_ERRBUF_SIZE];

	if (search_apply(fx->s, c, n, err) != NR_OK)
		fail_msg("sync: %s", err);
}

static int
setup(void **state)
{
	struct fixture	*fx = xcalloc(1, sizeof *fx);

	strcpy(fx->dir, "/tmp/nr-test-search.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	if (store_open(fx->dir, &fx->st, NULL) != NR_OK)
		return -1;
	if (search_open(fx->st, &fx->s, NULL) != NR_OK)
		return -1;
	store_set_commit_hook(fx->st, hook, fx);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	search_free(fx->s);
	store_free(fx->st);
	nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return 0;
}

static struct item *
make_item(const char *id, const char *title, const char *body)
{
	struct item	*it = item_create();

	it->title = xstrdup(title);
	it->guid = xstrdup(id);
	it->summary = xstrdup("");
	it->published = util_timegm(2026, 11, 20, 12, 0, 0);
	it->content = xstrdup(body);
	return it;
}

/*
 * Store one item (guid id, title title) in feed, under feed title
 * ftitle when not NULL; the hook indexes it. Returns its hash.
 */
static uint64_t
put_item(struct fixture *fx, const char *feed, const char *ftitle,
    const char *id, const char *title, const char *body)
{
	struct store_txn	*txn;
	struct store_txf	*f;
	struct item		*it = make_item(id, title, body);
	enum store_put		 r;
	char			 err[NR_ERRBUF_SIZE];
	uint64_t		 h = item_hash(it);

	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, feed, &f, NULL), NR_OK);
	if (ftitle != NULL)
		store_txf_set(f, NR_KEY_TITLE, ftitle);
	if (store_item_put(f, it, 1800000000, &r, err) != NR_OK)
		fail_msg("put: %s", err);
	if (store_txn_commit(txn, err) != NR_OK)
		fail_msg("commit: %s", err);
	store_txn_free(txn);
	store_unlock(fx->st);
	item_free(it);
	return h;
}

static uint64_t
put(struct fixture *fx, const char *feed, const char *id, const char *title,
    const char *body)
{
	return put_item(fx, feed, NULL, id, title, body);
}

/* Keep the newest item of feed (retention); how many went. */
static size_t
retain_one(struct fixture *fx, const char *feed)
{
	struct store_txn	*txn;
	struct store_txf	*f;
	size_t			 removed;

	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, feed, &f, NULL), NR_OK);
	assert_int_equal(store_txf_retain(f, 1, 0, 1800000000, &removed,
	    NULL), NR_OK);
	assert_int_equal(store_txn_commit(txn, NULL), NR_OK);
	store_txn_free(txn);
	store_unlock(fx->st);
	return removed;
}

/* How many items the index finds for text. */
static size_t
count(struct fixture *fx, const char *text, int prefix)
{
	struct search_hits	h;
	char			err[NR_ERRBUF_SIZE];
	size_t			n;

	if (search_query(fx->s, text, prefix, &h, err) != NR_OK)
		fail_msg("query '%s': %s", text, err);
	n = h.n;
	search_hits_free(&h);
	return n;
}

static void
test_case(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "Reactor Restarted", "The REACTOR hall.");
	assert_int_equal(count(fx, "reactor", 0), 1);
	assert_int_equal(count(fx, "REACTOR", 0), 1);
	assert_int_equal(count(fx, "Hall", 0), 1);
	/* Whole words: a part of one is not a match. */
	assert_int_equal(count(fx, "react", 0), 0);
	assert_int_equal(count(fx, "all", 0), 0);
}

static void
test_accents(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "Le café de la gare", "Crème brûlée. Ελληνικά.");
	assert_int_equal(count(fx, "cafe", 0), 1);
	assert_int_equal(count(fx, "CAFÉ", 0), 1);
	assert_int_equal(count(fx, "creme", 0), 1);
	assert_int_equal(count(fx, "brulee", 0), 1);
	assert_int_equal(count(fx, "ελληνικα", 0), 1);
	assert_int_equal(count(fx, "ΕΛΛΗΝΙΚΆ", 0), 1);
	assert_int_equal(count(fx, "ελληνικά", 0), 1);
}

static void
test_cyrillic(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "Москва готовится к зиме", "Ёлки на площади.");
	put(fx, "f", "b", "Прощай, ёж", "");
	assert_int_equal(count(fx, "еж", 0), 1);
	assert_int_equal(count(fx, "ЁЖ", 0), 1);
	assert_int_equal(count(fx, "москва", 0), 1);
	assert_int_equal(count(fx, "МОСКВА", 0), 1);
	assert_int_equal(count(fx, "Москва", 0), 1);
	assert_int_equal(count(fx, "ёлки", 0), 1);
	assert_int_equal(count(fx, "моск", 0), 0);
	assert_int_equal(count(fx, "моск", 1), 1);
}

static void
test_cjk(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "東京都庁で会議", "新型チップの量産開始。Tokyo東京");
	put(fx, "f", "b", "京都の秋", "紅葉");
	/* Any run of two or more characters. */
	assert_int_equal(count(fx, "東京", 0), 1);
	assert_int_equal(count(fx, "京都", 0), 2);
	assert_int_equal(count(fx, "都庁", 0), 1);
	assert_int_equal(count(fx, "東京都庁", 0), 1);
	assert_int_equal(count(fx, "量産開始", 0), 1);
	assert_int_equal(count(fx, "チップ", 0), 1);
	/* Not a run of the text. */
	assert_int_equal(count(fx, "庁東", 0), 0);
	assert_int_equal(count(fx, "都京", 0), 0);
	/* A run of one character on its own. */
	assert_int_equal(count(fx, "紅葉", 0), 1);
	/* Latin next to CJK without a space. */
	assert_int_equal(count(fx, "tokyo", 0), 1);
}

static void
test_prefix(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "Reactors", "");
	put(fx, "f", "b", "Reaction", "");
	put(fx, "f", "c", "Read", "");
	assert_int_equal(count(fx, "reac", 1), 2);
	assert_int_equal(count(fx, "reactor", 1), 1);
	assert_int_equal(count(fx, "rea", 1), 3);
	assert_int_equal(count(fx, "reac", 0), 0);
}

static void
test_phrase(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "Nuclear reactor restarted", "");
	put(fx, "f", "b", "Reactor, not nuclear", "");
	assert_int_equal(count(fx, "nuclear reactor", 0), 1);
	assert_int_equal(count(fx, "reactor nuclear", 0), 0);
	assert_int_equal(count(fx, "reactor restarted", 0), 1);
	/* Punctuation between the words does not matter. */
	assert_int_equal(count(fx, "reactor-not", 0), 1);
	/* Quotes in the text are only characters. */
	assert_int_equal(count(fx, "\"nuclear\"", 0), 2);
	assert_int_equal(count(fx, "!!!", 0), 0);
	assert_int_equal(count(fx, "", 0), 0);
}

static void
test_fields(void **state)
{
	struct fixture		*fx = *state;
	struct store_txn	*txn;
	struct store_txf	*f;
	struct item		*it = make_item("a", "Title", "<p>Some "
	    "<b>html</b> body<script>hiddenword</script></p><p>Caf&eacute;"
	    " <i>wo</i>rd<!-- commentword --><img alt=\"altword\"></p>");
	enum store_put		 r;

	it->summary = (free(it->summary), xstrdup("A summary line"));
	it->author = xstrdup("Jane Writer");
	item_add_tag(it, "energy");
	assert_int_equal(store_lock(fx->st, 1, NULL), NR_OK);
	assert_int_equal(store_txn_begin(fx->st, &txn, NULL), NR_OK);
	assert_int_equal(store_txn_feed(txn, "f", &f, NULL), NR_OK);
	store_txf_set(f, NR_KEY_TITLE, "Northwind Gazette");
	assert_int_equal(store_item_put(f, it, 1800000000, &r, NULL), NR_OK);
	assert_int_equal(store_txn_commit(txn, NULL), NR_OK);
	store_txn_free(txn);
	store_unlock(fx->st);
	item_free(it);
	assert_int_equal(count(fx, "summary", 0), 1);
	assert_int_equal(count(fx, "html body", 0), 1);
	assert_int_equal(count(fx, "hiddenword", 0), 0);
	assert_int_equal(count(fx, "commentword", 0), 0);
	assert_int_equal(count(fx, "cafe word", 0), 1);
	assert_int_equal(count(fx, "altword", 0), 1);
	assert_int_equal(count(fx, "eacute", 0), 0);
	assert_int_equal(count(fx, "jane", 0), 1);
	assert_int_equal(count(fx, "energy", 0), 1);
	assert_int_equal(count(fx, "northwind", 0), 1);
}

static void
test_update(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "First", "alpha words");
	assert_int_equal(count(fx, "alpha", 0), 1);
	/* The same id, new text. */
	put(fx, "f", "a", "First", "omega words");
	assert_int_equal(count(fx, "alpha", 0), 0);
	assert_int_equal(count(fx, "omega", 0), 1);
	assert_int_equal(count(fx, "words", 0), 1);
}

static void
test_retention(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "Old", "expiring");
	put(fx, "f", "b", "New", "staying");
	assert_int_equal(retain_one(fx, "f"), 1);
	assert_int_equal(count(fx, "expiring", 0) + count(fx, "staying", 0),
	    1);
}

static void
test_usertag(void **state)
{
	struct fixture	*fx = *state;
	uint64_t	 h;

	h = put(fx, "f", "a", "Tagged", "");
	assert_int_equal(count(fx, "mywork", 0), 0);
	assert_int_equal(store_usertag(fx->st, "f", h, "mywork", 1, NULL),
	    NR_OK);
	assert_int_equal(count(fx, "mywork", 0), 1);
	assert_int_equal(store_usertag(fx->st, "f", h, "mywork", 0, NULL),
	    NR_OK);
	assert_int_equal(count(fx, "mywork", 0), 0);
}

/* Remove a feed's directory as a user would. */
static void
rm_feed(struct fixture *fx, const char *feed)
{
	char	*p = xasprintf("%s/%s", fx->dir, feed);

	nftw(p, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(p);
}

static void
test_feed_removed(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "Gone", "common");
	put(fx, "g", "b", "Kept", "common");
	assert_int_equal(count(fx, "common", 0), 2);
	rm_feed(fx, "f");
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
	assert_int_equal(count(fx, "common", 0), 1);
	assert_int_equal(count(fx, "gone", 0), 0);
}

/* Items stored without the hook are found after a sync (stale). */
static void
test_stale(void **state)
{
	struct fixture	*fx = *state;

	store_set_commit_hook(fx->st, NULL, NULL);
	put(fx, "f", "a", "Unseen", "later");
	assert_int_equal(count(fx, "later", 0), 0);
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
	assert_int_equal(count(fx, "later", 0), 1);
	/* Nothing changed: nothing to do, the same answer. */
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
	assert_int_equal(count(fx, "later", 0), 1);
}

/* Reopen the index after writing bytes over its file. */
static void
clobber(struct fixture *fx, const char *bytes, size_t len)
{
	char	*p = xasprintf("%s/%s", fx->dir, NR_SEARCH_FILE);
	FILE	*fp;

	search_free(fx->s);
	fx->s = NULL;
	fp = fopen(p, "r+");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	fclose(fp);
	free(p);
	assert_int_equal(search_open(fx->st, &fx->s, NULL), NR_OK);
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
}

static void
test_corrupt(void **state)
{
	struct fixture	*fx = *state;
	char		 junk[4096];

	put(fx, "f", "a", "Survivor", "");
	memset(junk, 'x', sizeof junk);
	clobber(fx, junk, sizeof junk);
	assert_int_equal(count(fx, "survivor", 0), 1);
}

static void
test_foreign(void **state)
{
	struct fixture	*fx = *state;
	struct search	*s2;

	put(fx, "f", "a", "Survivor", "");
	search_free(fx->s);
	fx->s = NULL;
	{
		/* A version from the future: its tables are dropped. */
		char	*p = xasprintf("sqlite3 '%s/%s' 'PRAGMA user_version "
		    "= 99' 2>/dev/null", fx->dir, NR_SEARCH_FILE);
		int	 rc = system(p);

		free(p);
		if (rc != 0)
			skip();
	}
	assert_int_equal(search_open(fx->st, &s2, NULL), NR_OK);
	fx->s = s2;
	assert_int_equal(count(fx, "survivor", 0), 0);
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
	assert_int_equal(count(fx, "survivor", 0), 1);
}

static void
test_rebuild(void **state)
{
	struct fixture	*fx = *state;

	put(fx, "f", "a", "One", "x");
	put(fx, "f", "a", "One", "y");
	put(fx, "g", "b", "Two", "y");
	assert_int_equal(search_rebuild(fx->s, NULL), NR_OK);
	assert_int_equal(count(fx, "x", 0), 0);
	assert_int_equal(count(fx, "y", 0), 2);
}

static void
test_snippet(void **state)
{
	struct fixture		*fx = *state;
	struct store_feed	*f;
	const char		*words[] = { "reactor" };
	const char		*marks[] = { "[", "]" };
	int			 prefix[] = { 0 };
	char			*snip;

	put(fx, "f", "a", "Plant", "Many words come first here and then "
	    "the reactor\033[31m was restarted after the long review.");
	assert_int_equal(store_feed_open(fx->st, "f", &f, NULL), NR_OK);
	assert_int_equal(search_snippet(fx->s, f, 0, words, prefix, 1, marks,
	    &snip, NULL), NR_OK);
	assert_non_null(strstr(snip, "[reactor]"));
	assert_null(strchr(snip, '\033'));
	free(snip);
	store_feed_close(f);
}

/* Commit one item of feed under title; the hook indexes it. */
static void
put_titled(struct fixture *fx, const char *feed, const char *ftitle,
    const char *id, const char *body)
{
	(void)put_item(fx, feed, ftitle, id, id, body);
}

/*
 * A feed's new title is in every one of its entries: the commit indexes
 * what it put, and the feed is left for the next sync to bring whole.
 */
static void
test_title_change(void **state)
{
	struct fixture	*fx = *state;

	put_titled(fx, "f", "Old Gazette", "a", "first");
	assert_int_equal(count(fx, "gazette", 0), 1);
	put_titled(fx, "f", "Quokka Times", "b", "second");
	assert_int_equal(count(fx, "quokka", 0), 1);
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
	assert_int_equal(count(fx, "quokka", 0), 2);
	assert_int_equal(count(fx, "gazette", 0), 0);
	assert_int_equal(count(fx, "first", 0) + count(fx, "second", 0), 2);
}

/* The progress callback: the items of the stale feeds a sync compares. */
static void
on_progress(void *arg, size_t done, size_t total)
{
	(void)done;
	*(size_t *)arg = total;
}

/*
 * On the writer's thread (search_async): nothing is lost, the order
 * holds (an update after a put, an expiry), and after search_flush the
 * index answers as the synchronous one does, with nothing left stale.
 */
static void
test_async(void **state)
{
	struct fixture	*fx = *state;
	char		 id[16], body[64];
	size_t		 total = 0;
	int		 i;

	search_async(fx->s);
	for (i = 0; i < 200; i++) {
		snprintf(id, sizeof id, "i%d", i);
		snprintf(body, sizeof body, "bulk word%d", i);
		put_titled(fx, i % 2 ? "odd" : "even", i % 2 ? "Odd Feed" :
		    "Even Feed", id, body);
	}
	put(fx, "u", "x", "Changing", "before");
	put(fx, "u", "x", "Changing", "after");
	put(fx, "u", "y", "Staying", "kept");
	assert_int_equal(retain_one(fx, "u"), 1);
	assert_int_equal(search_flush(fx->s, -1, NULL), NR_OK);
	assert_int_equal(count(fx, "bulk", 0), 200);
	assert_int_equal(count(fx, "word137", 0), 1);
	assert_int_equal(count(fx, "odd", 0), 100);
	assert_int_equal(count(fx, "before", 0), 0);
	assert_int_equal(count(fx, "after", 0) + count(fx, "kept", 0), 1);
	/*
	 * Every feed was recorded at its version: a sync compares only the
	 * one changed behind the hook's back (101 items), not odd (100).
	 */
	store_set_commit_hook(fx->st, NULL, NULL);
	put(fx, "even", "late", "Late", "unhooked");
	search_set_progress(fx->s, on_progress, &total);
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
	assert_int_equal(total, 101);
	assert_int_equal(count(fx, "unhooked", 0), 1);
	assert_int_equal(count(fx, "bulk", 0), 200);
	/* A second flush, and a flush without the thread, do nothing. */
	assert_int_equal(search_flush(fx->s, -1, NULL), NR_OK);
}

/*
 * search_flush with a limit (the interface's quit): behind another
 * connection's write lock, the thread gives up what is left in time
 * (NR_ELOCKED, well before SQLite's 60 s wait), and the next sync
 * indexes it. Without the lock, the same limit waits for the words.
 */
static void
test_flush_limit(void **state)
{
	struct fixture	*fx = *state;
	struct timespec	 a, b;
	sqlite3		*db;
	char		*p = xasprintf("%s/%s", fx->dir, NR_SEARCH_FILE);

	put(fx, "f", "a", "First", "early");
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);
	search_async(fx->s);
	put(fx, "f", "b", "Second", "blocked");
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(search_flush(fx->s, 200, NULL), NR_ELOCKED);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_true(b.tv_sec - a.tv_sec < 10);
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	free(p);
	assert_int_equal(count(fx, "blocked", 0), 0);
	assert_int_equal(search_sync(fx->s, NULL), NR_OK);
	assert_int_equal(count(fx, "blocked", 0), 1);
	assert_int_equal(count(fx, "early", 0), 1);
	search_async(fx->s);
	put(fx, "f", "c", "Third", "unblocked");
	assert_int_equal(search_flush(fx->s, 5000, NULL), NR_OK);
	assert_int_equal(count(fx, "unblocked", 0), 1);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		T(test_case),
		T(test_accents),
		T(test_cyrillic),
		T(test_cjk),
		T(test_prefix),
		T(test_phrase),
		T(test_fields),
		T(test_update),
		T(test_retention),
		T(test_usertag),
		T(test_feed_removed),
		T(test_stale),
		T(test_corrupt),
		T(test_foreign),
		T(test_rebuild),
		T(test_snippet),
		T(test_title_change),
		T(test_async),
		T(test_flush_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
