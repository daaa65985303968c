/* Allocation that never fails, fatal errors and the debug log. */
#include "nr_config.h"

#include <sys/mman.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/util.h"

static void	(*cleanup_hook)(void);
static FILE	*log_file;

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	p = malloc(size);
	if (p == NULL)
		fatal("xmalloc: allocating %zu bytes", size);
	return p;
}

/*
 * Huge pages: a page fault per 4 KiB page costs more than the work on
 * it (15 us each on a small VM), so a big buffer is asked for in 2 MiB
 * pages, one fault each, where the system has them.
 */
#define XBIG_MIN	(512U << 10)
#define XBIG_PAGE	(2U << 20)

void *
xmalloc_big(size_t size)
{
	void	*p;
	size_t	 round;

	if (size < XBIG_MIN || size > SIZE_MAX - XBIG_PAGE)
		return xmalloc(size);
	round = (size + XBIG_PAGE - 1) & ~(size_t)(XBIG_PAGE - 1);
	if (posix_memalign(&p, XBIG_PAGE, round) != 0)
		return xmalloc(size);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, round, MADV_HUGEPAGE);
#endif
	return p;
}

void *
xrealloc_big(void *p, size_t used, size_t size)
{
	void	*n;

	if (size < XBIG_MIN)
		return xrealloc(p, size);
	n = xmalloc_big(size);
	if (p != NULL && used > 0)
		memcpy(n, p, used);
	free(p);
	return n;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (p == NULL)
		fatal("xcalloc: allocating %zu * %zu bytes", n, size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	return xreallocarray(ptr, 1, size);
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (SIZE_MAX / n < size)
		fatalx("xreallocarray: %zu * %zu overflows", n, size);
	p = realloc(ptr, n * size);
	if (p == NULL)
		fatal("xreallocarray: allocating %zu * %zu bytes", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*p;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("xvasprintf");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
util_set_cleanup(void (*fn)(void))
{
	cleanup_hook = fn;
}

/* Run the cleanup hook once, print the message and exit. */
static void __attribute__((noreturn))
die(int errnum, const char *fmt, va_list ap)
{
	void	(*fn)(void) = cleanup_hook;

	cleanup_hook = NULL;
	if (fn != NULL)
		fn();
	fputs("newsreader: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	errnum = errno;

	va_start(ap, fmt);
	die(errnum, fmt, ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	die(0, fmt, ap);
}

void
log_open(const char *path)
{
	log_close();
	log_file = fopen(path, "a");
	if (log_file != NULL)
		setvbuf(log_file, NULL, _IOLBF, 0);
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	if (log_file == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
}
