/*
 * Local feeds (file:// URLs): opened non-blocking, regular files only,
 * size-capped like HTTP bodies, and read on a thread of their own so
 * that the interface's poll loop never waits for them.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/util.h"
#include "fetch_int.h"

#define CHUNK	65536

/* A read in progress: the thread owns buf, len and the result until done. */
struct fetch_file {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	int		 done;		/* under lock */
	int		 cancel;	/* under lock */
	char		*path;
	size_t		 max;
	void		(*wake)(void *);
	void		*arg;
	char		*buf;
	size_t		 len;
	enum nr_err	 err;
	char		 errbuf[NR_ERRBUF_SIZE];
};

int
fetch_is_file_url(const char *url)
{
	return util_strncasecmp(url, "file:", 5) == 0;
}

enum nr_err
fetch_file_path(const char *url, char **out, char *errbuf)
{
	const char	*p, *end;
	char		*path, *o;
	int		 hi, lo;

	*out = NULL;
	if (util_strncasecmp(url, "file://", 7) != 0)
		return nr_seterr(errbuf, NR_EFETCH, "not a file:// URL");
	p = url + 7;
	/* No host, or localhost: a file on another host is refused. */
	if (util_strncasecmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return nr_seterr(errbuf, NR_EFETCH,
		    "file:// URL with a host other than localhost");
	end = p + strcspn(p, "?#");
	path = o = xmalloc((size_t)(end - p) + 1);
	for (; p < end; p++) {
		if (*p != '%') {
			*o++ = *p;
			continue;
		}
		hi = end - p >= 3 ? util_hexval((unsigned char)p[1]) : -1;
		lo = end - p >= 3 ? util_hexval((unsigned char)p[2]) : -1;
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(path);
			return nr_seterr(errbuf, NR_EFETCH,
			    "bad %%-escape in a file:// URL");
		}
		*o++ = (char)(hi * 16 + lo);
		p += 2;
	}
	*o = '\0';
	*out = path;
	return NR_OK;
}

/* What a file that is not a regular one is, for the message. */
static const char *
file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/* True when the reader was asked to stop. */
static int
cancelled(struct fetch_file *ff)
{
	int	c;

	if (ff == NULL)
		return 0;
	pthread_mutex_lock(&ff->lock);
	c = ff->cancel;
	pthread_mutex_unlock(&ff->lock);
	return c;
}

/*
 * Read path (at most max bytes) into *bufp, NUL-terminated; ff, when not
 * NULL, is polled for cancellation between chunks.
 */
static enum nr_err
read_path(const char *path, size_t max, struct fetch_file *ff, char **bufp,
    size_t *lenp, char *errbuf)
{
	struct stat	 st;
	struct strbuf	 sb;
	enum nr_err	 err;
	char		*chunk;
	ssize_t		 n;
	int		 fd, e;

	*bufp = NULL;
	*lenp = 0;
	/* Non-blocking: opening a FIFO or a device never waits. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		e = errno;
		return nr_seterr(errbuf, NR_EFETCH, "%s: %s", path,
		    strerror(e));
	}
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		return nr_seterr(errbuf, NR_EFETCH, "%s: %s", path,
		    strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return nr_seterr(errbuf, NR_EFETCH, "%s: %s, not a regular "
		    "file: refused", path, file_kind(st.st_mode));
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > (uintmax_t)max) {
		close(fd);
		return nr_seterr(errbuf, NR_ELIMIT, "%s: larger than %zu "
		    "bytes", path, max);
	}
	strbuf_init(&sb, 0);
	strbuf_add(&sb, "", 0);
	chunk = xmalloc(CHUNK);
	for (;;) {
		if (cancelled(ff)) {
			err = nr_seterr(errbuf, NR_EFETCH, "cancelled");
			goto fail;
		}
		n = read(fd, chunk, CHUNK);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			err = nr_seterr(errbuf, NR_EFETCH, "%s: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		/* The file may grow after fstat: the cap still holds. */
		if ((size_t)n > max - sb.len) {
			err = nr_seterr(errbuf, NR_ELIMIT, "%s: larger than "
			    "%zu bytes", path, max);
			goto fail;
		}
		strbuf_add(&sb, chunk, (size_t)n);
	}
	free(chunk);
	close(fd);
	*bufp = strbuf_detach(&sb, lenp);
	return NR_OK;

fail:
	free(chunk);
	close(fd);
	strbuf_clear(&sb);
	return err;
}

enum nr_err
fetch_file_read(const char *url, size_t max, char **bufp, size_t *lenp,
    char *errbuf)
{
	enum nr_err	 err;
	char		*path;

	*bufp = NULL;
	*lenp = 0;
	if ((err = fetch_file_path(url, &path, errbuf)) != NR_OK)
		return err;
	err = read_path(path, max, NULL, bufp, lenp, errbuf);
	free(path);
	return err;
}

/* The reader thread: read, then say so and wake the poll loop. */
static void *
reader(void *arg)
{
	struct fetch_file	*ff = arg;

	ff->err = read_path(ff->path, ff->max, ff, &ff->buf, &ff->len,
	    ff->errbuf);
	pthread_mutex_lock(&ff->lock);
	ff->done = 1;
	pthread_mutex_unlock(&ff->lock);
	if (ff->wake != NULL)
		ff->wake(ff->arg);
	return NULL;
}

struct fetch_file *
fetch_file_start(const char *url, size_t max, void (*wake)(void *),
    void *arg, enum nr_err *errp, char *errbuf)
{
	struct fetch_file	*ff;
	sigset_t		 all, old;
	char			*path;
	int			 rc;

	if ((*errp = fetch_file_path(url, &path, errbuf)) != NR_OK)
		return NULL;
	ff = xcalloc(1, sizeof *ff);
	ff->path = path;
	ff->max = max;
	ff->wake = wake;
	ff->arg = arg;
	pthread_mutex_init(&ff->lock, NULL);
	/* Signals stay with the threads that handle them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&ff->thread, NULL, reader, ff);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		*errp = nr_seterr(errbuf, NR_EFETCH, "%s: cannot start a "
		    "reader: %s", path, strerror(rc));
		pthread_mutex_destroy(&ff->lock);
		free(ff->path);
		free(ff);
		return NULL;
	}
	*errp = NR_OK;
	return ff;
}

int
fetch_file_done(struct fetch_file *ff)
{
	int	done;

	pthread_mutex_lock(&ff->lock);
	done = ff->done;
	pthread_mutex_unlock(&ff->lock);
	return done;
}

/* Wait for the thread and free what the read owns but the results. */
static void
finish(struct fetch_file *ff)
{
	pthread_join(ff->thread, NULL);
	pthread_mutex_destroy(&ff->lock);
	free(ff->path);
}

enum nr_err
fetch_file_finish(struct fetch_file *ff, char **bufp, size_t *lenp,
    char *errbuf)
{
	enum nr_err	err;

	finish(ff);
	err = ff->err;
	*bufp = ff->buf;
	*lenp = ff->len;
	if (err != NR_OK)
		nr_seterr(errbuf, err, "%s", ff->errbuf);
	free(ff);
	return err;
}

void
fetch_file_cancel(struct fetch_file *ff)
{
	if (ff == NULL)
		return;
	pthread_mutex_lock(&ff->lock);
	ff->cancel = 1;
	pthread_mutex_unlock(&ff->lock);
	finish(ff);
	free(ff->buf);
	free(ff);
}
