/* Memory, strings, files and logging helpers used by every module. */
#ifndef NEWSREADER_UTIL_H
#define NEWSREADER_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation that never returns NULL: out of memory is fatal. */
void	*xmalloc(size_t);
/* The same for a big buffer soon written whole: on huge pages if any. */
void	*xmalloc_big(size_t);
/*
 * Grow p (its first used bytes kept) to size bytes, onto huge pages
 * when big: a copy there rather than realloc.
 */
void	*xrealloc_big(void *, size_t, size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Allocate a formatted string; the caller frees it. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list);

/*
 * Bit tricks on 8 bytes at a time: UTIL_ZERO8(w) is not 0 when a byte
 * of w is 0; util_printable8(p) is true when the 8 bytes at p are all
 * printable ASCII (0x20 to 0x7E).
 */
#define UTIL_ALL8(c)	(0x0101010101010101ULL * (uint64_t)(c))
#define UTIL_ZERO8(w)	(((w) - UTIL_ALL8(1)) & ~(w) & UTIL_ALL8(0x80))

static inline uint64_t
util_load8(const void *p)
{
	uint64_t	w;

	__builtin_memcpy(&w, p, 8);
	return w;
}

static inline int
util_printable8(const void *p)
{
	uint64_t	w = util_load8(p);

	/* From 0x7F on, a high bit in w or in w + 1; below 0x20, no bit
	 * 0x60. */
	return ((w | (w + UTIL_ALL8(1))) & UTIL_ALL8(0x80)) == 0 &&
	    UTIL_ZERO8(w & UTIL_ALL8(0x60)) == 0;
}

/* Free *pp and set it to NULL. */
#define FREE(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

/* Print "newsreader: message[: strerror]" after the cleanup hook, exit 1. */
void	 fatal(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
void	 fatalx(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
/* Register a hook run before fatal() prints (the UI restores the tty). */
void	 util_set_cleanup(void (*)(void));

/* Debug log, written only after log_open(); never to the terminal. */
void	 log_open(const char *);
void	 log_close(void);
void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * A growable buffer with an optional size limit (0: none). The buffer is
 * always NUL-terminated once anything was added. strbuf_add* return 0, or
 * -1 when the limit was reached (what fits is kept).
 */
struct strbuf {
	char	*buf;
	size_t	 len;
	size_t	 cap;
	size_t	 max;
};
void	 strbuf_init(struct strbuf *, size_t);
void	 strbuf_clear(struct strbuf *);
void	 strbuf_reset(struct strbuf *);
/* Make room for n more bytes (and the NUL) at once. */
void	 strbuf_grow(struct strbuf *, size_t);
int	 strbuf_add(struct strbuf *, const void *, size_t);
int	 strbuf_adds(struct strbuf *, const char *);
int	 strbuf_addc(struct strbuf *, int);
int	 strbuf_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Return the string (caller frees, never NULL) and reset the buffer. */
char	*strbuf_detach(struct strbuf *, size_t *);
/* A borrowed C string ("" when empty). */
const char *strbuf_str(const struct strbuf *);

/* FNV-1a 64-bit hash. */
uint64_t util_hash64(const void *, size_t);
/* The value of hex digit c (0-9, a-f, A-F), or -1. */
int	 util_hexval(int);
/*
 * Case in ASCII only, whatever the locale: markup, header and protocol
 * names are ASCII, and in a Turkish locale tolower('I') is 'I' and
 * strcasecmp("TITLE", "title") is not 0. Bytes past 0x7F compare as
 * they are.
 */
int	 util_tolower(int);
int	 util_strcasecmp(const char *, const char *);
int	 util_strncasecmp(const char *, const char *, size_t);
/*
 * A fast 64-bit checksum of a buffer (four lanes, several bytes a
 * cycle): for detecting torn or corrupt files, not for names.
 */
uint64_t util_sum64(const void *, size_t);

/*
 * A URL as it may be shown: "scheme://user:password@host/..." without
 * its "user:password@". Caller frees.
 */
char	*util_url_shown(const char *);
/* Join two path parts with one '/'; the caller frees. */
char	*util_path_join(const char *, const char *);
/* mkdir -p with the given mode; returns 0 or -1 with errno. */
int	 util_mkdir_p(const char *, unsigned int);

/*
 * Read a whole file into a NUL-terminated buffer the caller frees. Files
 * larger than max bytes fail with NR_ELIMIT (max 0: no limit).
 * Returns an enum nr_err.
 */
int	 util_read_file(const char *, size_t, char **, size_t *, char *);

/*
 * Write buf to dir/name atomically: a temp file in dir (".tmp-*"),
 * fsync, rename over name, fsync dir. On failure nothing named name
 * changes and the temp file is removed. Returns an enum nr_err.
 */
int	 util_write_atomic(const char *, const char *, const void *, size_t,
	    char *);
/*
 * The same with flags: NR_WRITE_NOSYNC skips the fsyncs (for caches, or
 * when the caller syncs the file system before relying on the file).
 */
#define NR_WRITE_NOSYNC	0x1
int	 util_write_atomic_flags(const char *, const char *, const void *,
	    size_t, int, char *);

/* True when name starts with the temp-file prefix used above. */
int	 util_is_tempname(const char *);

/* timegm(3) that does not depend on the TZ variable. */
int64_t	 util_timegm(int, int, int, int, int, int);
/* Split a Unix time into UTC fields (year, month 1-12, ...). */
void	 util_gmtime(int64_t, int *, int *, int *, int *, int *, int *);
/* Format as YYYY-MM-DDTHH:MM:SSZ into buf (at least 21 bytes). */
void	 util_iso8601(int64_t, char *, size_t);

#endif
