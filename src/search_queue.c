/*
 * A queue with one thread behind it, for the index's writer: the store's
 * commit hook puts a feed's change (read and reduced to text on the
 * caller's side) and goes on fetching and parsing, while the thread
 * feeds the words to SQLite. Everything waiting when the thread wakes up
 * is handed over in one call, so a busy refresh makes few transactions.
 * A producer that gets too far ahead (max bytes waiting) waits.
 */
#include "nr_config.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "newsreader/util.h"
#include "search_int.h"

struct search_queue {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;		/* work came, or stop */
	pthread_cond_t		 room;		/* bytes went down */
	pthread_t		 thread;
	search_queue_fn		*fn;
	void			*arg;
	void			**jobs;
	size_t			*sizes;
	size_t			 n;
	size_t			 cap;
	size_t			 bytes;		/* waiting and being applied */
	size_t			 max;
	int			 stop;
	int			 done;		/* the thread is through */
	pthread_cond_t		 over;		/* done became 1 */
};

static void *
run(void *arg)
{
	struct search_queue	*q = arg;
	void			**jobs;
	size_t			 *sizes, n, i, bytes;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (q->n == 0 && !q->stop)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->n == 0)
			break;
		jobs = q->jobs;
		sizes = q->sizes;
		n = q->n;
		q->jobs = NULL;
		q->sizes = NULL;
		q->n = q->cap = 0;
		pthread_mutex_unlock(&q->mu);
		q->fn(q->arg, jobs, n);
		for (bytes = 0, i = 0; i < n; i++)
			bytes += sizes[i];
		free(jobs);
		free(sizes);
		pthread_mutex_lock(&q->mu);
		q->bytes -= bytes;
		pthread_cond_broadcast(&q->room);
	}
	q->done = 1;
	pthread_cond_broadcast(&q->over);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

struct search_queue *
search_queue_start(search_queue_fn *fn, void *arg, size_t max)
{
	struct search_queue	*q;

	q = xcalloc(1, sizeof *q);
	q->fn = fn;
	q->arg = arg;
	q->max = max;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	pthread_cond_init(&q->room, NULL);
	pthread_cond_init(&q->over, NULL);
	if (pthread_create(&q->thread, NULL, run, q) != 0) {
		pthread_cond_destroy(&q->over);
		pthread_cond_destroy(&q->room);
		pthread_cond_destroy(&q->cv);
		pthread_mutex_destroy(&q->mu);
		free(q);
		return NULL;
	}
	return q;
}

void
search_queue_put(struct search_queue *q, void *job, size_t bytes)
{
	pthread_mutex_lock(&q->mu);
	/* One job larger than max still goes, once the queue is empty. */
	while (q->bytes > 0 && q->bytes + bytes > q->max)
		pthread_cond_wait(&q->room, &q->mu);
	if (q->n == q->cap) {
		q->cap = q->cap == 0 ? 16 : q->cap * 2;
		q->jobs = xreallocarray(q->jobs, q->cap, sizeof *q->jobs);
		q->sizes = xreallocarray(q->sizes, q->cap, sizeof *q->sizes);
	}
	q->jobs[q->n] = job;
	q->sizes[q->n++] = bytes;
	q->bytes += bytes;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

void
search_queue_finish(struct search_queue *q, long ms, void (*late)(void *))
{
	struct timespec	until;
	int		rc = 0;

	if (q == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &until);
	if (ms >= 0) {
		until.tv_sec += ms / 1000;
		until.tv_nsec += (ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&q->mu);
	q->stop = 1;
	pthread_cond_signal(&q->cv);
	while (!q->done && rc == 0)
		rc = ms < 0 ? pthread_cond_wait(&q->over, &q->mu) :
		    pthread_cond_timedwait(&q->over, &q->mu, &until);
	pthread_mutex_unlock(&q->mu);
	/* Too long: told to give up what is left, the thread ends soon. */
	if (rc != 0 && late != NULL)
		late(q->arg);
	(void)pthread_join(q->thread, NULL);
	pthread_cond_destroy(&q->over);
	pthread_cond_destroy(&q->room);
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	free(q);
}
