/* The configuration file: $XDG_CONFIG_HOME/newsreader/config. */
#ifndef NEWSREADER_CONFIG_H
#define NEWSREADER_CONFIG_H

#include <stddef.h>

#include "newsreader/error.h"

/*
 * Lines for the interface ("bind KEY OP", "color ELEMENT FG BG ...",
 * "filter NAME QUERY").
 */
#define NR_CONFIG_UI_MAX	64
#define NR_CONFIG_UI_LEN	256
struct config_ui_line {
	size_t		 line;		/* line number in the file */
	char		 text[NR_CONFIG_UI_LEN];	/* "bind j down" */
};

/* Settings; zero means the built-in default (see newsreader(1)). */
struct config {
	size_t		 keep_items;	/* keep-items N */
	int		 keep_days;	/* keep-days D */
	int		 max_conns;	/* max-connections N */
	int		 max_per_host;	/* max-per-host N */
	long		 timeout;	/* timeout SECONDS */
	long		 connect_timeout; /* connect-timeout SECONDS */
	size_t		 max_size;	/* max-size BYTES[K|M|G] */
	size_t		 max_items;	/* max-items N (per feed document) */
	/* bind, unbind, color and filter lines, checked by the interface */
	struct config_ui_line ui[NR_CONFIG_UI_MAX];
	size_t		 nui;
};

/*
 * Read a config file into cfg (zeroed first). A missing file is not an
 * error. Lines are "key value"; blank lines and "#" comments are
 * skipped; unknown keys and bad values are reported through warn and
 * skipped. "bind", "unbind", "color" and "filter" lines are kept whole
 * in cfg->ui (the interface checks them; too many or too long ones are
 * reported).
 * Returns an enum nr_err (NR_EIO when the file cannot be read).
 */
enum nr_err config_load(const char *, struct config *, nr_warn_cb *, void *,
	    char *);

/*
 * The same for len bytes of buf (borrowed; it need not be NUL-terminated
 * and may hold NUL bytes: such lines are reported and skipped). path
 * names the file in warnings.
 */
void	 config_parse(const char *, size_t, const char *, struct config *,
	    nr_warn_cb *, void *);

#endif
