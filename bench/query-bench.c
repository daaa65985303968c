/*
 * Time a re-filter of every cached item held in memory: load the cache
 * once, then match QUERY against all entries ROUNDS times.
 * usage: query-bench DATADIR QUERY [ROUNDS]   (make bench/query-bench)
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/error.h"
#include "newsreader/filter.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

/* Monotonic time in seconds. */
static double
now_sec(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct store		 *st;
	struct store_feed	**feeds;
	struct filter_item	 *items;
	struct filter		 *flt;
	struct store_item	  e;
	char			**names, err[NR_ERRBUF_SIZE];
	size_t			  n, i, j, nitems = 0, col, hits = 0;
	double			  t0, t, best = 1e9, sum = 0;
	int			  r, rounds;

	if (argc < 3) {
		fprintf(stderr, "usage: query-bench DATADIR QUERY [ROUNDS]\n");
		return 2;
	}
	rounds = argc > 3 ? atoi(argv[3]) : 20;
	if (store_open(argv[1], &st, err) != NR_OK ||
	    store_feeds(st, &names, &n, err) != NR_OK) {
		fprintf(stderr, "query-bench: %s\n", err);
		return 1;
	}
	feeds = xcalloc(n + 1, sizeof *feeds);
	for (i = 0; i < n; i++) {
		if (store_feed_open(st, names[i], &feeds[i], err) != NR_OK) {
			fprintf(stderr, "query-bench: %s\n", err);
			return 1;
		}
		nitems += store_feed_count(feeds[i]);
	}
	/* The summary is left out: it lives in the article file. */
	items = xcalloc(nitems + 1, sizeof *items);
	for (i = 0, nitems = 0; i < n; i++) {
		for (j = 0; j < store_feed_count(feeds[i]); j++) {
			store_feed_item(feeds[i], j, &e);
			items[nitems].feed = store_feed_name(feeds[i]);
			items[nitems].feed_title = store_feed_get(feeds[i],
			    NR_KEY_TITLE);
			items[nitems].date = e.date;
			items[nitems].title = e.title;
			items[nitems].tags = e.tags;
			items[nitems].usertags = e.usertags;
			items[nitems].state = e.state;
			nitems++;
		}
	}
	t0 = now_sec();
	if (filter_compile(argv[2], (int64_t)time(NULL), &flt, &col, err) !=
	    NR_OK) {
		fprintf(stderr, "query-bench: column %zu: %s\n", col, err);
		return 2;
	}
	t = now_sec() - t0;
	printf("compile: %.1f us\n", t * 1e6);
	for (r = 0; r < rounds; r++) {
		hits = 0;
		t0 = now_sec();
		for (i = 0; i < nitems; i++)
			hits += filter_match(flt, &items[i]) != 0;
		t = now_sec() - t0;
		sum += t;
		if (t < best)
			best = t;
	}
	printf("re-filter %zu items: %zu match, best %.2f ms, mean %.2f ms "
	    "(%d rounds)\n", nitems, hits, best * 1e3, sum / rounds * 1e3,
	    rounds);
	filter_free(flt);
	free(items);
	for (i = 0; i < n; i++) {
		store_feed_close(feeds[i]);
		free(names[i]);
	}
	free(feeds);
	free(names);
	store_free(st);
	return 0;
}
