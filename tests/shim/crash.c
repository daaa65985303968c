/*
 * An LD_PRELOAD shim for crash tests: after the k-th (NR_CRASH_AFTER)
 * successful change to a path below NR_CRASH_DIR -- rename, unlink,
 * mkdir, link, ftruncate, or a write(2) to a file there (writes in a row
 * to one file count once) -- the process kills itself with SIGKILL, as a
 * power cut would stop it. A test runs a command for k = 1, 2, ... and
 * checks what every crash leaves.
 */
#define _GNU_SOURCE 1
#include <sys/stat.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long	changes;
static int	last_fd = -1;

/* One more change: die if it was the k-th. */
static void
changed(void)
{
	const char	*k = getenv("NR_CRASH_AFTER");

	changes++;
	if (k != NULL && changes >= atol(k))
		raise(SIGKILL);
}

/* True when path (relative to dirfd) is below NR_CRASH_DIR. */
static int
watched(int dirfd, const char *path)
{
	const char	*dir = getenv("NR_CRASH_DIR");
	char		 link[64], buf[PATH_MAX], full[2 * PATH_MAX];
	ssize_t		 n;

	if (dir == NULL || path == NULL)
		return 0;
	if (path[0] == '/')
		snprintf(full, sizeof full, "%s", path);
	else {
		if (dirfd == AT_FDCWD) {
			if (getcwd(buf, sizeof buf) == NULL)
				return 0;
		} else {
			snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
			if ((n = readlink(link, buf, sizeof buf - 1)) <= 0)
				return 0;
			buf[n] = '\0';
		}
		snprintf(full, sizeof full, "%s/%s", buf, path);
	}
	return strncmp(full, dir, strlen(dir)) == 0;
}

/* True when fd is a regular file below NR_CRASH_DIR. */
static int
watched_fd(int fd)
{
	const char	*dir = getenv("NR_CRASH_DIR");
	char		 link[64], path[PATH_MAX];
	struct stat	 sb;
	ssize_t		 n;

	if (dir == NULL || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof path - 1)) <= 0)
		return 0;
	path[n] = '\0';
	return strncmp(path, dir, strlen(dir)) == 0;
}

/* The real function name, of function type fn. */
#define REAL(name, fn)							\
	static fn	*real_##name;					\
	if (real_##name == NULL)					\
		real_##name = (fn *)dlsym(RTLD_NEXT, #name)

typedef int	rename_fn(const char *, const char *);
typedef int	renameat_fn(int, const char *, int, const char *);
typedef int	unlink_fn(const char *);
typedef int	unlinkat_fn(int, const char *, int);
typedef int	mkdir_fn(const char *, mode_t);
typedef int	ftruncate_fn(int, off_t);
typedef ssize_t	write_fn(int, const void *, size_t);
typedef int	close_fn(int);

int
rename(const char *a, const char *b)
{
	int	r;

	REAL(rename, rename_fn);
	r = real_rename(a, b);
	if (r == 0 && watched(AT_FDCWD, b))
		changed();
	return r;
}

int
renameat(int fa, const char *a, int fb, const char *b)
{
	int	r;

	REAL(renameat, renameat_fn);
	r = real_renameat(fa, a, fb, b);
	if (r == 0 && watched(fb, b))
		changed();
	return r;
}

int
unlink(const char *p)
{
	int	w = watched(AT_FDCWD, p), r;

	REAL(unlink, unlink_fn);
	r = real_unlink(p);
	if (r == 0 && w)
		changed();
	return r;
}

int
unlinkat(int fd, const char *p, int flags)
{
	int	w = watched(fd, p), r;

	REAL(unlinkat, unlinkat_fn);
	r = real_unlinkat(fd, p, flags);
	if (r == 0 && w)
		changed();
	return r;
}

int
mkdir(const char *p, mode_t mode)
{
	int	r;

	REAL(mkdir, mkdir_fn);
	r = real_mkdir(p, mode);
	if (r == 0 && watched(AT_FDCWD, p))
		changed();
	return r;
}

int
link(const char *a, const char *b)
{
	int	r;

	REAL(link, rename_fn);
	r = real_link(a, b);
	if (r == 0 && watched(AT_FDCWD, b))
		changed();
	return r;
}

int
ftruncate(int fd, off_t len)
{
	int	r;

	REAL(ftruncate, ftruncate_fn);
	r = real_ftruncate(fd, len);
	if (r == 0 && watched_fd(fd))
		changed();
	return r;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	ssize_t	r;

	REAL(write, write_fn);
	r = real_write(fd, buf, len);
	if (r > 0 && fd != last_fd && watched_fd(fd)) {
		last_fd = fd;
		changed();
	}
	return r;
}

int
close(int fd)
{
	REAL(close, close_fn);
	if (fd == last_fd)
		last_fd = -1;
	return real_close(fd);
}
