/* The command-line front: options, commands and the --list row format. */
#ifndef NEWSREADER_CLI_H
#define NEWSREADER_CLI_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "newsreader/error.h"

/* Exit statuses (the man page lists them under EXIT STATUS). */
#define NR_EXIT_OK	0
#define NR_EXIT_ERROR	1
#define NR_EXIT_USAGE	2

/* What main() resolved from the command line and the environment. */
struct cli_opts {
	const char	*datadir;	/* data directory (always set) */
	const char	*configdir;	/* $XDG_CONFIG_HOME/newsreader */
	const char	*feedsfile;	/* --feeds FILE, or NULL for default */
	const char	*into;		/* --into FEED, or NULL */
	char		**feeds;	/* --feed NAME (repeatable) */
	int		 nfeeds;
	char		**args;		/* positional arguments */
	int		 nargs;
	int		 verbose;
	int		 tty;		/* stdout is a terminal */
	int		 allow_file;	/* --allow-file: OPML may add file:// */
	int		 relevance;	/* --sort relevance */
	int		 snippet;	/* --snippet */
	int		 dry_run;	/* --prune --dry-run */
	int		 yes;		/* --prune --yes: do not ask */
	int		 pick;		/* --add --pick N, or 0 */
};

/* Commands: each returns an exit status and prints its own errors. */
int	cli_import(struct cli_opts *);
int	cli_list(struct cli_opts *);
int	cli_show(struct cli_opts *);
int	cli_parse(struct cli_opts *);
/* --extract FILE|URL: a web page's article as text. (cli_extract.c) */
int	cli_extract(struct cli_opts *);
int	cli_demo(struct cli_opts *);
int	cli_refresh(struct cli_opts *);
int	cli_reindex(struct cli_opts *);
int	cli_prune(struct cli_opts *);
/*
 * The feeds file from the command line: --add URL [name=N] [TAG...]
 * [~TITLE] (cli_add.c), --remove NAME, --rename NAME NEW (cli_edit.c).
 */
int	cli_add(struct cli_opts *);
int	cli_remove(struct cli_opts *);
int	cli_rename(struct cli_opts *);

/*
 * The search index of a store: for a writer, kept in step by the
 * store's commit hook until cli_search_close (quiet: problems go to the
 * debug log only, for the interface; the words go to SQLite on a thread
 * of the index's own, and close waits for it); for a reader, brought up to date
 * first (with feeds, all of the store's, open: compared with them). NULL
 * (with a warning) when it cannot be opened.
 */
struct search;
struct store;
struct store_feed;
struct search	*cli_search_writer(struct store *, int);
struct search	*cli_search_reader(struct store *, struct store_feed *const *,
		    size_t);
void		 cli_search_close(struct store *, struct search *, int);
/* Append a field to a --list row (before its newline), cleaned. */
struct strbuf;
void	cli_row_add_field(struct strbuf *, const char *);

/* Load the config file; warnings are printed. Returns an exit status. */
struct config;
/*
 * Download url (--parse, --extract) with the config's timeouts and
 * max_size (0: the config's); errors are printed, and req and the fetch
 * module are cleared after one. Returns an exit status.
 */
struct fetch_req;
int	cli_fetch_url(struct cli_opts *, const char *, size_t,
	    struct fetch_req *);
int	cli_config_load(struct cli_opts *, struct config *);
/* The same with the config's problems reported through warn. */
int	cli_config_load_warn(struct cli_opts *, struct config *,
	    nr_warn_cb *);
/*
 * Load the feeds file (--feeds FILE, else CONFIG/feeds) with feedlist
 * flags; warnings are printed. Returns an exit status.
 */
struct feedlist;
struct feedlist_entry;
int	cli_feedlist_load(struct cli_opts *, int, struct feedlist **);
/*
 * The feeds named with --feed (an unknown name is a usage error that
 * lists the known names), else every feed of the feeds file (without the
 * built-in ones when the file exists). *out is an array the caller frees;
 * the entries are borrowed from the list.
 */
struct store;
int	cli_feeds_select(struct cli_opts *, struct store *, struct feedlist *,
	    struct feedlist_entry ***, size_t *);

/*
 * Feed names (cli_names.c): every feed of a feeds file (names resolved
 * with cli_feeds_resolve) and every feed directory of the store, so that
 * --feed, --list '=NAME' and the OPML commands name feeds alike.
 */
struct cli_feed {
	char			*name;	/* the directory */
	struct feedlist_entry	*fe;	/* its feeds-file line, or NULL */
	char			*title;	/* the feed's own title (cleaned) */
	int			 titled; /* title was looked up */
};
struct cli_names {
	struct store		*st;	/* borrowed, may be NULL */
	struct feedlist		*fl;	/* borrowed, may be NULL */
	struct cli_feed		*v;
	size_t			 n;
};
/* Fill nm from fl (entries first, in order) and the store's directories. */
void	cli_names_init(struct cli_names *, struct store *, struct feedlist *);
void	cli_names_clear(struct cli_names *);
/* Feed i's own title from its state file (looked up once), or NULL. */
const char *cli_names_title(struct cli_names *, size_t);
/*
 * The feed s names: a directory, else a name=, else a display name
 * ("~Title", any case), else a feed's own title (any case), else a URL of
 * the feeds file, else the one directory or name= that starts with s.
 * *out is borrowed from nm. NR_ENOTFOUND (errbuf lists the feeds) or
 * NR_EUSAGE (an ambiguous prefix; errbuf lists the candidates).
 */
enum nr_err cli_names_find(struct cli_names *, const char *,
	    struct cli_feed **, char *);
/* A feed directory's own title, cleaned to one line (caller frees), or NULL. */
char	*cli_own_title(struct store *, const char *);

/*
 * Print "newsreader: message" on stderr, as one clean line (what
 * text_clean_msg drops never reaches the terminal).
 */
void	cli_error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	cli_verror(const char *, va_list);
void	cli_warn(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * Print one --list row: id, date, feed, flags, title, tags, link,
 * tab-separated. Tabs and newlines in fields become spaces; control
 * characters are stripped. tags are joined with commas. Any string may
 * be NULL (printed empty).
 */
void	cli_print_row(FILE *, uint64_t, int64_t, const char *, const char *,
	    const char *, char *const *, size_t, const char *);
/* The same, appended to a buffer (for output of many rows). */
struct strbuf;
void	cli_row_add(struct strbuf *, uint64_t, int64_t, const char *,
	    const char *, const char *, char *const *, size_t, const char *);
/*
 * The same with tags as one string, separated by newlines (the index),
 * then the user's tags (the same way; those the item has are skipped).
 */
void	cli_row_add_tagstr(struct strbuf *, uint64_t, int64_t, const char *,
	    const char *, const char *, const char *, const char *,
	    const char *);

/* Open the data directory with warnings printed on stderr. */
struct store;
struct feedlist;
/*
 * Give each feed of fl the directory the store has (or would give) for
 * its URL, so that names match what is on disk.
 */
void	cli_feeds_resolve(struct store *, struct feedlist *);
int	cli_store_open(struct cli_opts *, struct store **);
/*
 * The feeds file and the data directory, its names resolved: what
 * --refresh, --import and --prune start with. NR_EXIT_* (the error
 * printed); the caller frees both on success.
 */
int	cli_feeds_open(struct cli_opts *, struct feedlist **,
	    struct store **);
/*
 * Take the data directory's write lock, saying so on stderr when another
 * process holds it and we wait; with hold 0 it is released again (a
 * refresh takes it per feed). Returns an exit status.
 */
int	cli_store_lock(struct cli_opts *, struct store *, int);

/*
 * The OPML commands (cli_feeds.c). The feeds file is opts->feedsfile or
 * opts->configdir/feeds.
 * cli_opml_import reads the OPML file opts->args[0] ("-": stdin) and
 * appends its feeds, skipping URLs already listed and URLs other than
 * http and https (file:// too with opts->allow_file); it prints a
 * summary on stderr. cli_opml_export writes OPML 2.0 on stdout. Both
 * return an NR_EXIT_* status and print their own errors.
 */
int		 cli_opml_import(struct cli_opts *);
int		 cli_opml_export(struct cli_opts *);

/*
 * The terminal interface (cli_tui.c; main.c calls it when no command is given).
 * opts->feeds[0], when set, opens that feed's item list; an unknown name
 * is a usage error reported before curses starts. Returns NR_EXIT_*.
 */
int		 cli_tui(struct cli_opts *);
/*
 * The same with feedlist_load flags (--demo passes
 * NR_FEEDLIST_NO_BUILTINS for its temporary feeds file).
 */
int		 cli_tui_flags(struct cli_opts *, int);

#endif
