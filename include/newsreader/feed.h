/* The data model: a feed and its items, as parser and store see them. */
#ifndef NEWSREADER_FEED_H
#define NEWSREADER_FEED_H

#include <stddef.h>
#include <stdint.h>

/* Per-item state flags (kept in the feed's state file). */
#define NR_STATE_READ		0x1
#define NR_STATE_STARRED	0x2
#define NR_STATE_EXPIRED	0x4	/* removed by retention */

/* A time that is not known. */
#define NR_TIME_NONE INT64_MIN

struct enclosure {
	char		*url;
	char		*type;		/* may be NULL */
	long long	 length;	/* -1 when unknown */
};

struct item {
	char		*guid;		/* guid, Atom id, rdf:about or NULL */
	char		*title;		/* one line; never NULL after parse */
	char		*link;		/* absolute URL or NULL */
	char		*author;	/* or NULL */
	char		*summary;	/* one line or NULL */
	char		*content;	/* body, HTML or plain text, or NULL */
	int64_t		 published;	/* Unix time (UTC) or NR_TIME_NONE */
	int64_t		 updated;	/* Unix time (UTC) or NR_TIME_NONE */
	int		 flags;
#define NR_ITEM_DATE_SEEN	0x1	/* no date in the feed: first seen */
#define NR_ITEM_TRUNCATED	0x2	/* a field was cut at its limit */
	char		**tags;		/* lowercase, trimmed, unique */
	size_t		 ntags;
	struct enclosure *enclosures;
	size_t		 nenclosures;
};

struct feed {
	char		*title;
	char		*link;		/* the site */
	char		*description;
	char		*self;		/* the feed's own URL, or NULL */
	struct item	**items;	/* in document order */
	size_t		 nitems;
	size_t		 itemcap;
	char		**warnings;	/* what was cut or repaired */
	size_t		 nwarnings;
};

/* Allocate an empty item; free it (and everything it owns) with item_free. */
struct item	*item_create(void);
void		 item_free(struct item *);
/* Deep copy. */
struct item	*item_dup(const struct item *);

/*
 * Add a tag: trimmed, lowercased (text_lower), inner white space
 * collapsed; empty or duplicate tags are ignored. Returns 1 if added.
 */
int		 item_add_tag(struct item *, const char *);
/* Add an enclosure; the strings are copied. type may be NULL. */
void		 item_add_enclosure(struct item *, const char *, const char *,
		    long long);

/*
 * The identity that names the item: guid, else link, else title, a
 * newline and the date in Unix seconds (the title alone for an item
 * without a date of its own). Returns a string the caller frees.
 */
char		*item_identity(const struct item *);
/* FNV-1a 64 hash of item_identity(); the 16 hex digits of file names. */
uint64_t	 item_hash(const struct item *);

/* Allocate an empty feed; feed_free frees it with its items. */
struct feed	*feed_create(void);
void		 feed_free(struct feed *);
/* Append an item; the feed owns it from now on. */
void		 feed_add_item(struct feed *, struct item *);
/*
 * Append a formatted warning (what was cut or repaired), cleaned with
 * text_clean_msg and cut at NR_ERRBUF_SIZE bytes.
 */
void		 feed_warn(struct feed *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
