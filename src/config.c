/* The configuration file: "key value" lines with sane bounds. */
#include "nr_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/config.h"
#include "newsreader/error.h"
#include "newsreader/util.h"

/*
 * Parse a count with an optional K/M/G suffix; -1 when it is not one or
 * is larger than max (checked before multiplying: no overflow).
 */
static long long
parse_size(const char *s, long long max)
{
	char		*end;
	long long	 v, mul = 1;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || v < 0)
		return -1;
	switch (*end) {
	case 'K': case 'k':
		mul = 1024;
		end++;
		break;
	case 'M': case 'm':
		mul = 1024 * 1024;
		end++;
		break;
	case 'G': case 'g':
		mul = 1024LL * 1024 * 1024;
		end++;
		break;
	}
	if (*end != '\0' || v > max / mul)
		return -1;
	return v * mul;
}

/* Keep an interface line ("bind j down") for the UI to check. */
static void
ui_line(struct config *cfg, const char *key, char *val, const char *path,
    size_t lineno, nr_warn_cb *warn, void *arg)
{
	struct config_ui_line	*u;
	size_t			 len;
	int			 n;

	len = strlen(val);
	while (len > 0 && (val[len - 1] == ' ' || val[len - 1] == '\t' ||
	    val[len - 1] == '\r'))
		val[--len] = '\0';
	if (cfg->nui == NR_CONFIG_UI_MAX) {
		if (warn != NULL)
			warn(arg, path, lineno,
			    "too many bind/color/filter lines");
		return;
	}
	u = &cfg->ui[cfg->nui];
	n = snprintf(u->text, sizeof u->text, "%s %s", key, val);
	if (n < 0 || (size_t)n >= sizeof u->text) {
		if (warn != NULL)
			warn(arg, path, lineno, "line too long");
		return;
	}
	u->line = lineno;
	cfg->nui++;
}

/* Apply one line (a NUL-terminated copy the function may change). */
static void
config_line(struct config *cfg, char *line, const char *path,
    size_t lineno, nr_warn_cb *warn, void *arg)
{
	char		*key, *val, msg[128];
	long long	 v;

	key = line + strspn(line, " \t");
	if (*key == '\0' || *key == '#' || *key == '\r')
		return;
	val = key + strcspn(key, " \t");
	if (*val != '\0')
		*val++ = '\0';
	val += strspn(val, " \t");
	if (strcmp(key, "bind") == 0 || strcmp(key, "unbind") == 0 ||
	    strcmp(key, "color") == 0 || strcmp(key, "filter") == 0) {
		ui_line(cfg, key, val, path, lineno, warn, arg);
		return;
	}
	key[strcspn(key, "\r")] = '\0';
	val[strcspn(val, " \t\r")] = '\0';
	v = parse_size(val, 1LL << 40);
	if (strcmp(key, "keep-items") == 0 && v >= 0)
		cfg->keep_items = (size_t)v;
	else if (strcmp(key, "keep-days") == 0 && v >= 0 && v < 100000)
		cfg->keep_days = (int)v;
	else if (strcmp(key, "max-connections") == 0 && v > 0 && v <= 64)
		cfg->max_conns = (int)v;
	else if (strcmp(key, "max-per-host") == 0 && v > 0 && v <= 16)
		cfg->max_per_host = (int)v;
	else if (strcmp(key, "timeout") == 0 && v > 0 && v <= 3600)
		cfg->timeout = (long)v;
	else if (strcmp(key, "connect-timeout") == 0 && v > 0 && v <= 600)
		cfg->connect_timeout = (long)v;
	else if (strcmp(key, "max-size") == 0 && v > 0)
		cfg->max_size = (size_t)v;
	else if (strcmp(key, "max-items") == 0 && v > 0 && v <= 10000000)
		cfg->max_items = (size_t)v;
	else if (warn != NULL) {
		if (strcmp(key, "keep-items") == 0 ||
		    strcmp(key, "keep-days") == 0 ||
		    strcmp(key, "max-connections") == 0 ||
		    strcmp(key, "max-per-host") == 0 ||
		    strcmp(key, "timeout") == 0 ||
		    strcmp(key, "connect-timeout") == 0 ||
		    strcmp(key, "max-size") == 0 ||
		    strcmp(key, "max-items") == 0)
			snprintf(msg, sizeof msg, "%s: bad value '%.32s'", key,
			    val);
		else
			snprintf(msg, sizeof msg, "unknown setting '%.40s'",
			    key);
		warn(arg, path, lineno, msg);
	}
}

void
config_parse(const char *buf, size_t len, const char *path,
    struct config *cfg, nr_warn_cb *warn, void *arg)
{
	const char	*p = buf, *end = buf + len, *nl;
	char		*line;
	size_t		 n, lineno = 0;

	memset(cfg, 0, sizeof *cfg);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		lineno++;
		if (memchr(p, '\0', n) != NULL) {
			if (warn != NULL)
				warn(arg, path, lineno, "NUL byte in line");
		} else {
			line = xstrndup(p, n);
			config_line(cfg, line, path, lineno, warn, arg);
			free(line);
		}
		p = nl != NULL ? nl + 1 : end;
	}
}

enum nr_err
config_load(const char *path, struct config *cfg, nr_warn_cb *warn,
    void *arg, char *errbuf)
{
	char	*buf;
	size_t	 len;
	int	 err;

	memset(cfg, 0, sizeof *cfg);
	err = util_read_file(path, 1024 * 1024, &buf, &len, errbuf);
	if (err == NR_ENOTFOUND)
		return NR_OK;
	if (err != NR_OK)
		return err;
	config_parse(buf, len, path, cfg, warn, arg);
	free(buf);
	return NR_OK;
}
