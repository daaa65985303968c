/* One article file: the cache's unit (docs/FORMAT.md is the spec). */
#ifndef NEWSREADER_ARTICLE_H
#define NEWSREADER_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

struct item;

/* Longest title, summary or tag line accepted, in bytes. */
#define NR_ARTICLE_MAX_LINE	65536
/* Largest article file read, in bytes. */
#define NR_ARTICLE_MAX_FILE	(32 * 1024 * 1024)
/* Room for "<seq>_<16 hex>.txt" and its NUL. */
#define NR_ARTICLE_NAME_SIZE	48

/*
 * Parse len bytes of an article file into a new item (*out, which the
 * caller frees with item_free). Sets title, link, summary, tags,
 * published, updated and content (the article text, byte for byte).
 * On failure *out is NULL, *line (may be NULL) is the 1-based line of
 * the problem and errbuf says what it is. Returns NR_OK or NR_EFORMAT.
 */
int	 article_parse(const char *, size_t, struct item **, size_t *, char *);

/*
 * Format an item as an article file. Returns a string the caller frees,
 * its length in *len. Times are written to the minute, in UTC; line
 * breaks in the title, summary, tags and link become spaces and other
 * control characters but tab are dropped; a tag equal to the title is
 * left out (it would end the tag lines).
 */
char	*article_format(const struct item *, size_t *);

/*
 * The time an item's article file records: its published time, else its
 * updated time, else 0, to the minute. The index keeps this one, so that
 * items stored together and items read back from their files sort alike.
 */
int64_t	 article_time(const struct item *);

/* Parse "<seq>_<16 hex>.txt"; returns 1 and fills seq and hash if it is one. */
int	 article_name_parse(const char *, unsigned long *, uint64_t *);
/* Write "<seq>_<16 hex>.txt" (seq zero-padded to 3 digits) into buf. */
void	 article_name(char *, size_t, unsigned long, uint64_t);

#endif
