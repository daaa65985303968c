/*
 * Work that may take seconds (fetching a page to find its feeds) runs on
 * a thread of its own; the input loop polls one pipe and, when a job is
 * done, calls its second half there. Keys are answered meanwhile.
 */
#include "nr_config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

#define JOBS_MAX	4

struct job {
	int		 used;
	int		 done;
	pthread_t	 thread;
	ui_job_fn	*run;
	ui_job_done_fn	*finish;
	void		*arg;
	int		 wfd;
};

static struct job	jobs[JOBS_MAX];
static int		job_pipe[2] = { -1, -1 };
static pthread_mutex_t	job_mu = PTHREAD_MUTEX_INITIALIZER;

static void *
job_main(void *p)
{
	struct job	*j = p;
	ssize_t		 w;

	j->run(j->arg);
	pthread_mutex_lock(&job_mu);
	j->done = 1;
	pthread_mutex_unlock(&job_mu);
	do
		w = write(j->wfd, "j", 1);
	while (w == -1 && errno == EINTR);
	return NULL;
}

int
ui_job_fd(void)
{
	return job_pipe[0];
}

int
ui_job_start(ui_job_fn *run, ui_job_done_fn *finish, void *arg)
{
	struct job	*j = NULL;
	size_t		 i;

	if (job_pipe[0] == -1) {
		if (pipe(job_pipe) != 0)
			return -1;
		(void)fcntl(job_pipe[0], F_SETFL, O_NONBLOCK);
		(void)fcntl(job_pipe[0], F_SETFD, FD_CLOEXEC);
		(void)fcntl(job_pipe[1], F_SETFD, FD_CLOEXEC);
	}
	for (i = 0; i < JOBS_MAX && j == NULL; i++) {
		if (!jobs[i].used)
			j = &jobs[i];
	}
	if (j == NULL)
		return -1;
	memset(j, 0, sizeof *j);
	j->used = 1;
	j->run = run;
	j->finish = finish;
	j->arg = arg;
	j->wfd = job_pipe[1];
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		j->used = 0;
		return -1;
	}
	return 0;
}

void
ui_job_poll(struct ui_ctx *c)
{
	char	buf[16];
	size_t	i;
	int	done;

	if (job_pipe[0] == -1)
		return;
	while (read(job_pipe[0], buf, sizeof buf) > 0)
		;
	for (i = 0; i < JOBS_MAX; i++) {
		if (!jobs[i].used)
			continue;
		pthread_mutex_lock(&job_mu);
		done = jobs[i].done;
		pthread_mutex_unlock(&job_mu);
		if (!done)
			continue;
		(void)pthread_join(jobs[i].thread, NULL);
		jobs[i].used = 0;
		/* c is NULL at exit: the job's memory only goes. */
		jobs[i].finish(c, jobs[i].arg);
	}
}
