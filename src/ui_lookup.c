/*
 * Looking a query's words up in the search index off the input loop: a
 * thread with a connection of its own runs the queries and says so on a
 * pipe the input loop polls. Keys keep being answered meanwhile; a
 * lookup that answers within a few milliseconds is taken at once, so a
 * quick query shows no "searching…" at all.
 */
#include "nr_config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/search.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "ui_int.h"

struct ui_lookup {
	struct store		*st;
	struct search		*srch;		/* the thread's connection */
	int			 pipe[2];
	pthread_t		 thread;
	int			 running;	/* a thread to join */
	/* The lookup: its words (copied) and what it found. */
	unsigned long		 serial;
	char			**words;
	int			*prefix;
	size_t			 n;
	struct search_hits	*hits;
	int			 ok;
	long			 delay_ms;	/* NR_TEST_LOOKUP_DELAY_MS */
};

struct ui_lookup *
ui_lookup_create(struct store *st)
{
	struct ui_lookup	*l;

	l = xcalloc(1, sizeof *l);
	l->st = st;
	/* Tests make a lookup slow, to see the input loop go on. */
	if (getenv("NR_TEST_LOOKUP_DELAY_MS") != NULL)
		l->delay_ms = strtol(getenv("NR_TEST_LOOKUP_DELAY_MS"), NULL,
		    10);
	if (pipe(l->pipe) != 0) {
		free(l);
		return NULL;
	}
	(void)fcntl(l->pipe[0], F_SETFL, O_NONBLOCK);
	(void)fcntl(l->pipe[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(l->pipe[1], F_SETFD, FD_CLOEXEC);
	return l;
}

/* The words and the result of the last lookup go. */
static void
clear(struct ui_lookup *l)
{
	size_t	k;

	for (k = 0; k < l->n; k++) {
		free(l->words[k]);
		if (l->hits != NULL)
			search_hits_free(&l->hits[k]);
	}
	free(l->words);
	free(l->prefix);
	free(l->hits);
	l->words = NULL;
	l->prefix = NULL;
	l->hits = NULL;
	l->n = 0;
	l->ok = 0;
}

/* Wait for the running thread (if any); its answer stays to be taken. */
static void
join(struct ui_lookup *l)
{
	char	buf[16];

	if (!l->running)
		return;
	(void)pthread_join(l->thread, NULL);
	l->running = 0;
	while (read(l->pipe[0], buf, sizeof buf) > 0)
		;
}

void
ui_lookup_free(struct ui_lookup *l)
{
	if (l == NULL)
		return;
	join(l);
	clear(l);
	search_free(l->srch);
	close(l->pipe[0]);
	close(l->pipe[1]);
	free(l);
}

int
ui_lookup_fd(const struct ui_lookup *l)
{
	return l != NULL ? l->pipe[0] : -1;
}

static void *
run(void *arg)
{
	struct ui_lookup	*l = arg;
	char			 err[NR_ERRBUF_SIZE];
	size_t			 k;
	ssize_t			 w;

	l->ok = 0;
	if (l->delay_ms > 0 && l->delay_ms < 60000)
		(void)poll(NULL, 0, (int)l->delay_ms);
	if (l->srch != NULL || search_open(l->st, &l->srch, err) == NR_OK) {
		l->ok = 1;
		for (k = 0; k < l->n && l->ok; k++) {
			if (search_query(l->srch, l->words[k], l->prefix[k],
			    &l->hits[k], err) != NR_OK)
				l->ok = 0;
		}
	}
	do
		w = write(l->pipe[1], "x", 1);
	while (w == -1 && errno == EINTR);
	return NULL;
}

int
ui_lookup_start(struct ui_lookup *l, unsigned long serial,
    const char *const *words, const int *prefix, size_t n)
{
	size_t	k;

	join(l);
	clear(l);
	l->serial = serial;
	l->n = n;
	l->words = xcalloc(n + 1, sizeof *l->words);
	l->prefix = xcalloc(n + 1, sizeof *l->prefix);
	l->hits = xcalloc(n + 1, sizeof *l->hits);
	for (k = 0; k < n; k++) {
		l->words[k] = xstrdup(words[k]);
		l->prefix[k] = prefix[k];
	}
	if (pthread_create(&l->thread, NULL, run, l) != 0) {
		clear(l);
		return -1;
	}
	l->running = 1;
	return 0;
}

int
ui_lookup_take(struct ui_lookup *l, int wait_ms, unsigned long *serial,
    struct search_hits **hits, size_t *n)
{
	struct pollfd	pfd;

	*hits = NULL;
	*n = 0;
	if (!l->running)
		return 0;
	pfd.fd = l->pipe[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, wait_ms) <= 0)
		return 0;
	join(l);
	*serial = l->serial;
	if (l->ok) {
		*hits = l->hits;
		*n = l->n;
		l->hits = NULL;
	}
	clear(l);
	return 1;
}
