/*
 * The config file's interface lines, checked and applied: "bind KEY OP",
 * "unbind KEY", "color ELEMENT FG BG [ATTR ...]", "filter NAME QUERY".
 */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/config.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

#define MAXWORDS	8

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

/* Split s (modified) at blanks into at most MAXWORDS words. */
static int
split(char *s, char **w)
{
	int	n = 0;
	char	*p;

	for (p = strtok(s, " \t"); p != NULL; p = strtok(NULL, " \t")) {
		if (n == MAXWORDS)
			return -1;
		w[n++] = p;
	}
	return n;
}

/* A colour: default, a name, or colorN (0-255); -2 if neither. */
static int
parse_color(const char *s)
{
	char	*end;
	long	 v;
	size_t	 i;

	if (util_strcasecmp(s, "default") == 0)
		return -1;
	for (i = 0; i < sizeof color_names / sizeof color_names[0]; i++) {
		if (util_strcasecmp(s, color_names[i]) == 0)
			return (int)i;
	}
	if (util_strncasecmp(s, "color", 5) == 0 && s[5] >= '0' &&
	    s[5] <= '9') {
		v = strtol(s + 5, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 255)
			return (int)v;
	}
	return -2;
}

/* An attribute name to UI_A_* (normal is 0); -1 if unknown. */
static int
parse_attr(const char *s)
{
	if (strcmp(s, "normal") == 0)
		return 0;
	if (strcmp(s, "bold") == 0)
		return UI_A_BOLD;
	if (strcmp(s, "reverse") == 0)
		return UI_A_REVERSE;
	if (strcmp(s, "underline") == 0)
		return UI_A_UNDERLINE;
	if (strcmp(s, "dim") == 0)
		return UI_A_DIM;
	return -1;
}

/*
 * The next argument of a filter line at *p: "double-quoted",
 * 'single-quoted' or a bare word; NULL if there is none or a quote is
 * not closed. The text is changed in place.
 */
static char *
filter_arg(char **p)
{
	char	*s = *p + strspn(*p, " \t"), *w, *end;

	if (*s == '\0')
		return NULL;
	if (*s == '"' || *s == '\'') {
		w = s + 1;
		if ((end = strchr(w, *s)) == NULL)
			return NULL;
	} else {
		w = s;
		end = s + strcspn(s, " \t");
	}
	*p = *end != '\0' ? end + 1 : end;
	*end = '\0';
	return w;
}

/* A "filter NAME QUERY" line: a saved filter, a virtual feed. */
static int
apply_filter(char *line, char *msg, size_t size)
{
	char	*p = line + 6, *name, *query;

	name = filter_arg(&p);
	query = name != NULL ? filter_arg(&p) : NULL;
	if (name == NULL || query == NULL || *name == '\0' ||
	    p[strspn(p, " \t")] != '\0') {
		snprintf(msg, size, "usage: filter \"NAME\" \"QUERY\"");
		return -1;
	}
	return ui_saved_add(name, query, msg, size);
}

/* Apply one line; a message into msg when it is bad. */
static int
apply(char *line, char *msg, size_t size)
{
	char		*w[MAXWORDS];
	enum nr_op	 op;
	int		 n, key, el, fg, bg, attr = -1, a, i;

	if (strncmp(line, "filter ", 7) == 0)
		return apply_filter(line, msg, size);
	n = split(line, w);
	if (n < 1)
		return -1;
	if (strcmp(w[0], "bind") == 0 || strcmp(w[0], "unbind") == 0) {
		if (n != (w[0][0] == 'b' ? 3 : 2)) {
			snprintf(msg, size, "usage: %s", w[0][0] == 'b' ?
			    "bind KEY OP" : "unbind KEY");
			return -1;
		}
		if (ui_keys_parse(w[1], &key) != 0) {
			snprintf(msg, size, "bind: unknown key '%.32s'", w[1]);
			return -1;
		}
		op = NR_OP_NONE;
		if (n == 3 && ui_keys_op_parse(w[2], &op) != 0) {
			snprintf(msg, size, "bind: unknown op '%.32s'", w[2]);
			return -1;
		}
		if (ui_keys_bind(key, op) != 0) {
			snprintf(msg, size, "bind: too many keys");
			return -1;
		}
		return 0;
	}
	if (n < 4) {
		snprintf(msg, size, "usage: color ELEMENT FG BG [ATTR ...]");
		return -1;
	}
	if ((el = ui_color_element(w[1])) < 0) {
		snprintf(msg, size, "color: unknown element '%.32s'", w[1]);
		return -1;
	}
	fg = parse_color(w[2]);
	bg = parse_color(w[3]);
	if (fg == -2 || bg == -2) {
		snprintf(msg, size, "color: unknown colour '%.32s'",
		    fg == -2 ? w[2] : w[3]);
		return -1;
	}
	for (i = 4; i < n; i++) {
		if ((a = parse_attr(w[i])) < 0) {
			snprintf(msg, size, "color: unknown attribute '%.32s'",
			    w[i]);
			return -1;
		}
		attr = (attr < 0 ? 0 : attr) | a;
	}
	ui_color_set(el, fg, bg, attr);
	return 0;
}

int
ui_config_apply(const struct config *cfg, const char *file, nr_warn_cb *warn,
    void *arg)
{
	char	line[NR_CONFIG_UI_LEN], msg[128];
	size_t	i;
	int	bad = 0;

	for (i = 0; i < cfg->nui; i++) {
		snprintf(line, sizeof line, "%s", cfg->ui[i].text);
		msg[0] = '\0';
		if (apply(line, msg, sizeof msg) != 0) {
			bad++;
			if (warn != NULL)
				warn(arg, file, cfg->ui[i].line, msg[0] !=
				    '\0' ? msg : "empty line");
		}
	}
	return bad;
}
