/* The fetch module's inside: local feeds (file:// URLs), fetch_file.c. */
#ifndef NEWSREADER_FETCH_INT_H
#define NEWSREADER_FETCH_INT_H

#include <stddef.h>

#include "newsreader/error.h"

struct fetch_file;

/* True when url is a file: URL (any case), read by fetch_file.c. */
int		 fetch_is_file_url(const char *);

/*
 * The path of a file:// URL (no host, or the host localhost; %XX
 * decoded, %00 refused, query and fragment dropped); *out is the
 * caller's. Returns NR_OK or NR_EFETCH with *out NULL.
 */
enum nr_err	 fetch_file_path(const char *, char **, char *);

/*
 * Read a file:// URL now: opened non-blocking, refused unless a regular
 * file (a FIFO, device, directory or socket gives NR_EFETCH), at most
 * max bytes (more gives NR_ELIMIT). *bufp is NUL-terminated, the
 * caller's, and NULL on error.
 */
enum nr_err	 fetch_file_read(const char *, size_t, char **, size_t *,
		    char *);

/*
 * The same on a thread of its own (signals blocked), so a poll loop
 * never waits for a file. wake(arg) is called from that thread when it
 * is done. Returns NULL (with *errp and errbuf) when the URL is bad or
 * no thread could start.
 */
struct fetch_file *fetch_file_start(const char *, size_t,
		    void (*)(void *), void *, enum nr_err *, char *);
/* True once the read is over (safe to call at any time). */
int		 fetch_file_done(struct fetch_file *);
/*
 * Wait for the thread, take the result (*bufp is the caller's) and free
 * the read. Returns its enum nr_err, detail in errbuf.
 */
enum nr_err	 fetch_file_finish(struct fetch_file *, char **, size_t *,
		    char *);
/* Stop a read, wait for its thread, free everything (NULL is fine). */
void		 fetch_file_cancel(struct fetch_file *);

#endif
