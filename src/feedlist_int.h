/* feedlist module internals shared by feedlist*.c. */
#ifndef NEWSREADER_FEEDLIST_INT_H
#define NEWSREADER_FEEDLIST_INT_H

#include <stddef.h>

#include "newsreader/feedlist.h"
#include "newsreader/util.h"

/* Free one entry (NULL is fine). */
void		 feedlist_entry_free(struct feedlist_entry *);
/* Keep a copy of len bytes as a new last line of the file. */
void		 feedlist_line_add(struct feedlist *, const char *, size_t);
/* Rebuild the name and URL tables, sized for the entries. */
void		 feedlist_index_rebuild(struct feedlist *);
/* The entry with this store name, or NULL. */
struct feedlist_entry *feedlist_by_name(const struct feedlist *,
		    const char *);
/* Add a cleaned, lowercased tag unless empty or already there. */
void		 feedlist_tag_add(struct feedlist_entry *, const char *);
/* A cleaned one-line title (caller frees), or NULL when empty. */
char		*feedlist_title_clean(const char *);
/* Append s to sb as a token, quoted when it has to be (or force). */
void		 feedlist_token_add(struct strbuf *, const char *, int);
/* Check a feed URL; returns NULL or a static reason. */
const char	*feedlist_url_check(const char *);

#endif
