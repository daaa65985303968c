/* Text cleaning for hostile feed text: UTF-8 repair, control stripping. */
#ifndef NEWSREADER_TEXT_H
#define NEWSREADER_TEXT_H

#include <stddef.h>

/* Flags for text_clean(). */
#define NR_TEXT_ONELINE 0x1	/* tabs and newlines become spaces */
#define NR_TEXT_TRIM	0x2	/* trim and collapse runs of white space */

/*
 * Return a cleaned copy of len bytes of s (the caller frees it):
 * invalid UTF-8 becomes U+FFFD; escape sequences (CSI, OSC, DCS, SOS,
 * PM, APC, two-byte ESC forms) are removed whole; C0 controls other than
 * tab and newline, DEL, C1 controls (U+0080-U+009F) and bidi overrides
 * and isolates (U+202A-U+202E, U+2066-U+2069) are dropped; CR LF and
 * lone CR become LF. At most max bytes are produced (0: no limit),
 * never splitting a character.
 */
char	*text_clean(const char *, size_t, int, size_t);

/*
 * Clean a message in place (a buffer of size bytes holding a string):
 * every message built from feed or server text goes through this before
 * it is stored or printed. What text_clean drops goes, tabs and line
 * breaks become spaces, invalid UTF-8 becomes U+FFFD; the result is cut
 * to fit without splitting a character. msg may be NULL.
 */
void	 text_clean_msg(char *, size_t);

/*
 * A title made from a link for an item that has none, as newsboat does:
 * the path's last segment without its extension, %XX decoded, '-' and
 * '_' as spaces, the first letter upper case, cleaned (caller frees).
 * NULL when the link has no path segment. (text_title.c)
 */
char	*text_title_from_url(const char *);

/* True when len bytes of s are valid UTF-8 with nothing text_clean drops. */
int	 text_is_clean(const char *, size_t);

/* Decode one UTF-8 character; returns its length (1 for invalid, *cp = -1). */
size_t	 text_utf8_decode(const char *, size_t, int *);
/* Encode cp as UTF-8 into out (4 bytes); returns the length. */
size_t	 text_utf8_encode(int, char *);

/*
 * Lowercase a UTF-8 string into a copy (caller frees): ASCII, Latin-1,
 * Latin Extended-A, Greek and Cyrillic, independent of the locale. Each
 * code point maps to one code point, though not always of the same
 * length: U+0130 (İ) becomes i, as in full case folding.
 */
char	*text_lower(const char *);
/* True when a and b are equal once lowercased (text_lower); NULL: no. */
int	 text_equal_ci(const char *, const char *);

#endif
