/*
 * A queue of small changes (marks, user tags, feed values) written by a
 * thread of its own, so that the interface's input loop never waits on
 * the data directory's lock: it queues a change, shows it as pending,
 * and learns from store_queue_results whether it was saved.
 */
#include "nr_config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

enum qkind { Q_MARK, Q_TAG, Q_VALUE };

struct qop {
	enum qkind	 kind;
	char		*feed;
	uint64_t	*hashes;
	size_t		 n;
	int		 set;
	int		 clear;
	char		*tag;
	int		 add;
	enum store_key	 key;
	char		*value;
	enum nr_err	 err;
	char		 msg[NR_ERRBUF_SIZE];
	struct qop	*next;
};

struct store_queue {
	struct store	*st;		/* the thread's own: its own lock */
	pthread_t	 thread;
	int		 running;	/* the thread is at work */
	int		 joinable;	/* a thread was started */
	pthread_mutex_t	 mu;
	struct qop	*todo;
	struct qop	**todo_end;
	struct qop	*done;
	struct qop	**done_end;
	size_t		 pending;
	int		 waiting;
	int		 abandoned;	/* the thread frees the queue */
	int		 fds[2];
};

static void
qop_free(struct qop *op)
{
	free(op->feed);
	free(op->hashes);
	free(op->tag);
	free(op->value);
	free(op);
}

/* Free the queue; its thread has ended. */
static void
queue_destroy(struct store_queue *q)
{
	struct qop	*op;

	while ((op = q->done) != NULL) {
		q->done = op->next;
		qop_free(op);
	}
	pthread_mutex_destroy(&q->mu);
	close(q->fds[0]);
	close(q->fds[1]);
	store_free(q->st);
	free(q);
}

/* Write one change (the lock is held). */
static void
run_op(struct store *st, struct qop *op)
{
	switch (op->kind) {
	case Q_MARK:
		op->err = store_mark(st, op->feed, op->hashes, op->n, op->set,
		    op->clear, op->msg);
		break;
	case Q_TAG:
		op->err = store_usertag(st, op->feed, op->hashes[0], op->tag,
		    op->add, op->msg);
		break;
	case Q_VALUE:
		op->err = store_set_value(st, op->feed, op->key, op->value,
		    op->msg);
		break;
	}
}

/*
 * The writer: it runs while there is work and ends when the queue is
 * empty (a process with one thread pays less for letting memory go).
 */
static void *
writer(void *arg)
{
	struct store_queue	*q = arg;
	struct qop		*op;
	char			 err[NR_ERRBUF_SIZE];
	enum nr_err		 e;
	ssize_t			 n;
	int			 abandoned;

	pthread_mutex_lock(&q->mu);
	while (q->todo != NULL) {
		pthread_mutex_unlock(&q->mu);
		if ((e = store_lock(q->st, 0, err)) == NR_ELOCKED) {
			pthread_mutex_lock(&q->mu);
			q->waiting = 1;
			pthread_mutex_unlock(&q->mu);
			e = store_lock(q->st, 1, err);
		}
		pthread_mutex_lock(&q->mu);
		q->waiting = 0;
		/* Everything queued by now goes under this one lock. */
		while ((op = q->todo) != NULL) {
			if ((q->todo = op->next) == NULL)
				q->todo_end = &q->todo;
			op->next = NULL;
			pthread_mutex_unlock(&q->mu);
			if (e != NR_OK) {
				op->err = e;
				memcpy(op->msg, err, sizeof op->msg);
			} else
				run_op(q->st, op);
			pthread_mutex_lock(&q->mu);
			*q->done_end = op;
			q->done_end = &op->next;
		}
		store_unlock(q->st);
		do {
			n = write(q->fds[1], "", 1);
		} while (n == -1 && errno == EINTR);
	}
	q->running = 0;
	abandoned = q->abandoned;
	pthread_mutex_unlock(&q->mu);
	if (abandoned)
		queue_destroy(q);
	return NULL;
}

enum nr_err
store_queue_create(const char *path, struct store_queue **out, char *errbuf)
{
	struct store_queue	*q;
	enum nr_err		 err;
	int			 i;

	*out = NULL;
	q = xcalloc(1, sizeof *q);
	if ((err = store_open(path, &q->st, errbuf)) != NR_OK) {
		free(q);
		return err;
	}
	if (pipe(q->fds) != 0) {
		store_free(q->st);
		free(q);
		return nr_seterr(errbuf, NR_EIO, "pipe: %s", strerror(errno));
	}
	for (i = 0; i < 2; i++) {
		(void)fcntl(q->fds[i], F_SETFD, FD_CLOEXEC);
		(void)fcntl(q->fds[i], F_SETFL, O_NONBLOCK);
	}
	q->todo_end = &q->todo;
	q->done_end = &q->done;
	pthread_mutex_init(&q->mu, NULL);
	/* At work until it has seen the queue empty (see push). */
	q->running = 1;
	if (pthread_create(&q->thread, NULL, writer, q) != 0) {
		close(q->fds[0]);
		close(q->fds[1]);
		store_free(q->st);
		free(q);
		return nr_seterr(errbuf, NR_EIO, "cannot start the writer");
	}
	/* It ends when it finds nothing to do; joined all the same. */
	q->joinable = 1;
	*out = q;
	return NR_OK;
}

void
store_queue_free(struct store_queue *q)
{
	if (q == NULL)
		return;
	if (q->joinable) {
		/* It writes what is queued, then ends. */
		pthread_join(q->thread, NULL);
		q->joinable = 0;
	}
	queue_destroy(q);
}

size_t
store_queue_abandon(struct store_queue *q)
{
	struct qop	*op;
	size_t		 n = 0;
	int		 let_go = 0;

	if (q == NULL)
		return 0;
	pthread_mutex_lock(&q->mu);
	if (q->waiting && q->joinable) {
		/* Waiting for the lock, the writer has taken none of them. */
		for (op = q->todo; op != NULL; op = op->next)
			if (op->kind != Q_VALUE)
				n++;
		q->abandoned = let_go = 1;
		pthread_detach(q->thread);
	}
	pthread_mutex_unlock(&q->mu);
	if (!let_go)
		store_queue_free(q);
	return n;
}

/* Queue a change, starting the writer if it is not at work. */
static void
push(struct store_queue *q, struct qop *op)
{
	pthread_mutex_lock(&q->mu);
	*q->todo_end = op;
	q->todo_end = &op->next;
	q->pending++;
	if (q->running) {
		pthread_mutex_unlock(&q->mu);
		return;
	}
	pthread_mutex_unlock(&q->mu);
	/* The last writer saw the queue empty: it has ended, or is ending. */
	if (q->joinable) {
		pthread_join(q->thread, NULL);
		q->joinable = 0;
	}
	pthread_mutex_lock(&q->mu);
	q->running = 1;
	pthread_mutex_unlock(&q->mu);
	if (pthread_create(&q->thread, NULL, writer, q) == 0)
		q->joinable = 1;
	else
		(void)writer(q);	/* no thread: write it here */
}

void
store_queue_mark(struct store_queue *q, const char *feed,
    const uint64_t *hashes, size_t n, int set, int clear)
{
	struct qop	*op;

	op = xcalloc(1, sizeof *op);
	op->kind = Q_MARK;
	op->feed = xstrdup(feed);
	op->hashes = xcalloc(n + 1, sizeof *op->hashes);
	if (n > 0)
		memcpy(op->hashes, hashes, n * sizeof *hashes);
	op->n = n;
	op->set = set;
	op->clear = clear;
	push(q, op);
}

void
store_queue_usertag(struct store_queue *q, const char *feed, uint64_t hash,
    const char *tag, int add)
{
	struct qop	*op;

	op = xcalloc(1, sizeof *op);
	op->kind = Q_TAG;
	op->feed = xstrdup(feed);
	op->hashes = xcalloc(1, sizeof *op->hashes);
	op->hashes[0] = hash;
	op->n = 1;
	op->tag = xstrdup(tag);
	op->add = add;
	push(q, op);
}

void
store_queue_value(struct store_queue *q, const char *feed, enum store_key k,
    const char *value)
{
	struct qop	*op;

	op = xcalloc(1, sizeof *op);
	op->kind = Q_VALUE;
	op->feed = xstrdup(feed);
	op->key = k;
	op->value = value != NULL ? xstrdup(value) : NULL;
	push(q, op);
}

size_t
store_queue_pending(struct store_queue *q)
{
	size_t	n;

	pthread_mutex_lock(&q->mu);
	n = q->pending;
	pthread_mutex_unlock(&q->mu);
	return n;
}

int
store_queue_waiting(struct store_queue *q)
{
	int	w;

	pthread_mutex_lock(&q->mu);
	w = q->waiting;
	pthread_mutex_unlock(&q->mu);
	return w;
}

int
store_queue_fd(struct store_queue *q)
{
	return q->fds[0];
}

void
store_queue_results(struct store_queue *q, store_queue_cb *cb, void *arg)
{
	struct store_queue_result	 r;
	struct qop			*list, *op;
	char				 buf[64];

	while (read(q->fds[0], buf, sizeof buf) > 0)
		continue;
	pthread_mutex_lock(&q->mu);
	list = q->done;
	q->done = NULL;
	q->done_end = &q->done;
	for (op = list; op != NULL; op = op->next)
		q->pending--;
	pthread_mutex_unlock(&q->mu);
	while ((op = list) != NULL) {
		list = op->next;
		memset(&r, 0, sizeof r);
		r.feed = op->feed;
		r.hashes = op->hashes;
		r.nhashes = op->n;
		r.set = op->set;
		r.clear = op->clear;
		r.tag = op->tag;
		r.add = op->add;
		r.err = op->err;
		r.msg = op->msg;
		if (cb != NULL)
			cb(arg, &r);
		qop_free(op);
	}
}
