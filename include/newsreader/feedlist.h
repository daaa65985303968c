/* The feeds file (newsboat's urls syntax) and the built-in feeds. */
#ifndef NEWSREADER_FEEDLIST_H
#define NEWSREADER_FEEDLIST_H

#include <stddef.h>
#include <stdint.h>

#include "newsreader/error.h"


/*
 * Syntax, one feed per line:
 *
 *	URL [TAG ...] ["~Display Name"] [name=SHORT] [fulltext=yes|no]
 *	    [# comment]
 *
 * Tokens are separated by blanks; double quotes group (with \" and \\
 * inside). A token starting with ~ is the display name, one starting
 * with ! marks the feed hidden, name=SHORT sets the store name,
 * fulltext=yes has each new item's web page fetched and its article
 * stored (fulltext=no: not; the default is no, yes for the built-in
 * feeds that say so), and an unquoted token starting with # ends the
 * line. Lines that are empty or
 * start with # are comments. URLs are http://, https:// or file://;
 * other lines (query:, exec:, filter:, junk) are reported and kept.
 */

/* Longest store name. */
#define NR_FEED_NAME_MAX	64

/* feedlist_entry flags. */
#define NR_FEED_HIDDEN		0x1	/* a "!" tag */
#define NR_FEED_BUILTIN		0x2	/* from the built-in table */
#define NR_FEED_NAMED		0x4	/* the name came from name= */
#define NR_FEED_FULLTEXT	0x8	/* fetch each new item's page */
#define NR_FEED_FULLTEXT_SET	0x10	/* fulltext= was written */

/* feedlist_load flags. */
#define NR_FEEDLIST_NO_BUILTINS	0x1	/* no built-in feeds */

struct feedlist_entry {
	char		*url;
	char		*name;		/* the store (directory) name, unique */
	char		*want;		/* name= as written, or NULL */
	char		*title;		/* "~..." or NULL */
	char		**tags;		/* lowercase, unique */
	size_t		 ntags;
	int		 flags;
	size_t		 line;		/* 1-based; 0: built-in */
};

/*
 * A loaded feeds file. The list owns everything in it. warnings holds
 * "file:line: message" for each line that was skipped or repaired.
 */
struct feedlist {
	char		*path;		/* the file, or NULL */
	int		 exists;	/* the file was there when loaded */
	struct feedlist_entry **entries;
	size_t		 nentries;
	size_t		 entcap;
	char		**lines;	/* the file's lines, to rewrite */
	size_t		 nlines;
	size_t		 linecap;
	size_t		 noeol;		/* 1 + the line without newline */
	int		 crlf;		/* the file's lines end in CR LF */
	uint64_t	 sum;		/* hash of the bytes loaded */
	size_t		 size;		/* and their length */
	char		**warnings;
	size_t		 nwarnings;
	/* Private: hash tables of names and URLs (open addressing). */
	struct feedlist_entry **byname;
	size_t		 namesize;
	struct feedlist_entry **byurl;
	size_t		 urlsize;
	char		*lastbase;	/* where the last unique name ended */
	size_t		 lastk;
};

/* An empty list with no file; free with feedlist_free (NULL is fine). */
struct feedlist	*feedlist_create(void);
void		 feedlist_free(struct feedlist *);

/*
 * Load a feeds file into a new list (*out, the caller frees). A missing
 * file is not an error: the list is empty (exists == 0) and saving it
 * creates the file. Bad lines never fail the load; they are described
 * in (*out)->warnings. The built-in feeds are appended unless flags has
 * NR_FEEDLIST_NO_BUILTINS or the file already has their URL or name.
 * Returns NR_OK, or NR_EIO/NR_ELIMIT with *out NULL.
 */
enum nr_err	 feedlist_load(const char *, int, struct feedlist **,
		    char *);

/*
 * The same for len bytes of text; fname is used in warnings (borrowed,
 * may be NULL). The list has no path.
 */
struct feedlist	*feedlist_parse(const char *, size_t, const char *, int);

/*
 * Find a feed by store name, then name= as written, then display name
 * (case-insensitive), then URL. The result is borrowed from the list. Unknown:
 * NR_ENOTFOUND, *out NULL, and errbuf names the known feeds.
 */
enum nr_err	 feedlist_find(const struct feedlist *, const char *,
		    struct feedlist_entry **, char *);

/*
 * Give entry e another store name (the directory the store resolved
 * for its URL); name= as written stays in e->want.
 */
void		 feedlist_set_name(struct feedlist *, struct feedlist_entry *,
		    const char *);

/*
 * Whether a line of the list has the store name name (after the names
 * were resolved against the store): the built-in feeds count only when
 * there is no feeds file. A feed directory the store recorded for a URL
 * that no line lists is "no longer listed" (--prune, the feed list).
 */
int		 feedlist_lists(const struct feedlist *, const char *);

/* The store names, comma-separated (caller frees; "" when empty). */
char		*feedlist_names(const struct feedlist *);

/* The entry whose URL is url (scheme and host case-insensitive). */
struct feedlist_entry *feedlist_find_url(const struct feedlist *,
		    const char *);

/*
 * The feed for an article URL: the entry whose URL has the same host
 * (ignoring "www."), else one whose host is a parent domain of it.
 * Borrowed; NULL when none.
 */
struct feedlist_entry *feedlist_find_host(const struct feedlist *,
		    const char *);

/*
 * The lowercase host of a URL without port, user or brackets (caller
 * frees), or NULL when it has none.
 */
char		*feedlist_host_of(const char *);

/*
 * Derive a store name from a URL's host (without "www."), using only
 * [a-z0-9._-], never starting with a dot and never "." or ".."; "feed"
 * when nothing is left. Caller frees. Not made unique.
 */
char		*feedlist_name_from_url(const char *);

/* True when s is a valid explicit store name. */
int		 feedlist_name_valid(const char *);

/*
 * Append a feed (strings are copied; title, tags and name may be NULL)
 * and a line for it, to be written by feedlist_save. The URL must be
 * http, https or file; a name, if given, must be valid and unused.
 * Returns NR_OK with *out borrowed (out may be NULL), NR_EEXIST if the
 * URL is already listed (*out is that entry), or NR_EUSAGE.
 */
enum nr_err	 feedlist_add(struct feedlist *, const char *, const char *,
		    char *const *, size_t, const char *,
		    struct feedlist_entry **, char *);

/*
 * Write the list to path (NULL: the path it was loaded from) atomically,
 * creating the directory. Lines from the file are kept as they were
 * (comments and lines we do not understand too); built-in feeds are not
 * written unless they were added with feedlist_add. The file it replaces
 * is kept as PATH~. Saving to the path it was loaded from fails with
 * NR_ELOCKED when the file changed since (nothing is written).
 */
enum nr_err	 feedlist_save(struct feedlist *, const char *, char *);

/*
 * Editing (feedlist_edit.c). Each changes the list and the line of the
 * entry in it, nothing else: feedlist_save then writes every other line
 * byte for byte (comments, blank lines, CR LF endings, a last line
 * without newline), keeps the previous file as "feeds~" and refuses
 * (NR_ELOCKED) when another program changed the file since it was
 * loaded. A built-in feed becomes a line of the file when changed.
 *
 * feedlist_remove drops e's line and frees e. feedlist_rename sets
 * name=NEW (NR_EUSAGE when it is not a valid name, NR_EEXIST when
 * another feed has it as store name or name=); e->want changes, not
 * e->name (the store's directory, which a recorded URL keeps).
 * feedlist_retitle sets "~TITLE" ("" or NULL removes it);
 * feedlist_retag replaces the tags.
 * The other tokens of the line stay as they were written.
 */
enum nr_err	 feedlist_remove(struct feedlist *, struct feedlist_entry *,
		    char *);
enum nr_err	 feedlist_rename(struct feedlist *, struct feedlist_entry *,
		    const char *, char *);
enum nr_err	 feedlist_retitle(struct feedlist *, struct feedlist_entry *,
		    const char *, char *);
enum nr_err	 feedlist_retag(struct feedlist *, struct feedlist_entry *,
		    char *const *, size_t, char *);

/*
 * The fields of a line as a user types them: [URL] [TAG ...] ["~Title"]
 * [name=NAME] (quotes as in the file). feedlist_fields_parse fills ff
 * (the caller clears it, also after an error; withurl: the first token
 * is the URL); NR_EUSAGE for a bad name or no URL. feedlist_fields is
 * the line of e without its URL (caller frees), to be edited and given
 * to feedlist_edit_fields, which makes the line say what text says:
 * its tags, its title (none when it has none), its name= (unchanged
 * when it has none).
 */
struct feedlist_fields {
	char		*url;
	char		*name;
	char		*title;
	char		**tags;
	size_t		 ntags;
};
enum nr_err	 feedlist_fields_parse(const char *, int,
		    struct feedlist_fields *, char *);
void		 feedlist_fields_clear(struct feedlist_fields *);
char		*feedlist_fields(const struct feedlist_entry *);
enum nr_err	 feedlist_edit_fields(struct feedlist *,
		    struct feedlist_entry *, const char *, char *);

/* Format an entry as a feeds-file line, without newline (caller frees). */
char		*feedlist_format(const struct feedlist_entry *);

#endif
