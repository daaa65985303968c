/*
 * An LD_PRELOAD shim for fault tests: write(2) to files under the
 * directory named by NR_SHIM_DIR fails with ENOSPC (or EIO when
 * NR_SHIM_ERRNO=EIO) once NR_SHIM_BYTES bytes have been written there.
 * Only regular files are affected; the terminal and pipes are not.
 */
#define _GNU_SOURCE 1
#include <sys/stat.h>

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long long	written;

/* True if fd is a regular file below NR_SHIM_DIR. */
static int
watched(int fd)
{
	const char	*dir = getenv("NR_SHIM_DIR");
	char		 link[64], path[PATH_MAX];
	struct stat	 sb;
	ssize_t		 n;

	if (dir == NULL || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return strncmp(path, dir, strlen(dir)) == 0;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	static ssize_t	(*real)(int, const void *, size_t);
	const char	*lim = getenv("NR_SHIM_BYTES");
	const char	*en = getenv("NR_SHIM_ERRNO");

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (lim != NULL && watched(fd)) {
		if (written + (long long)len > atoll(lim)) {
			errno = en != NULL && strcmp(en, "EIO") == 0 ? EIO :
			    ENOSPC;
			return -1;
		}
		written += (long long)len;
	}
	return real(fd, buf, len);
}
