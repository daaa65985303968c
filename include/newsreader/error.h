/* Error codes shared by every module, and the caller-owned detail buffer. */
#ifndef NEWSREADER_ERROR_H
#define NEWSREADER_ERROR_H

#define NR_ERRBUF_SIZE 256

enum nr_err {
	NR_OK = 0,
	NR_ENOMEM,	/* out of memory (rare: xmalloc is fatal) */
	NR_EIO,		/* read, write, rename, fsync failed */
	NR_ENOSPC,	/* the disk is full */
	NR_EFETCH,	/* transport failure: DNS, connect, timeout */
	NR_EHTTP,	/* the server answered with an HTTP error */
	NR_EPARSE,	/* the document could not be read as a feed */
	NR_ENOTFEED,	/* the document is not a feed (HTML, JSON, empty) */
	NR_EFORMAT,	/* an article or state file is malformed */
	NR_ENOTFOUND,	/* no such feed, item or file */
	NR_EEXIST,	/* already there */
	NR_ELIMIT,	/* a size or count limit was hit */
	NR_ELOCKED,	/* another process holds the lock */
	NR_EUSAGE,	/* bad argument from the user */
	NR_EQUERY	/* malformed query */
};

/*
 * A problem found while reading (bad files, lines): the file, its line
 * (0: the whole file) and what is wrong. Library code reports through
 * this; the caller decides whether and how to print.
 */
typedef void nr_warn_cb(void *, const char *, size_t, const char *);

/* Return a static description of an error code. */
const char	*nr_strerror(enum nr_err);

/*
 * Format a message into errbuf (NR_ERRBUF_SIZE bytes), which may be NULL.
 * Returns err so callers can write "return nr_seterr(errbuf, NR_EIO, ...)".
 */
enum nr_err	 nr_seterr(char *errbuf, enum nr_err err, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

#endif
