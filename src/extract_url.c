/* extract: links of a page made absolute (RFC 3986, section 5). */
#include "nr_config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/util.h"

/* Longest link kept. */
#define EXTRACT_URL_MAX	4096

/* Length of the scheme of u ("http" of http://...), or 0 when none. */
static size_t
url_scheme_len(const char *u)
{
	size_t	i;

	if (!isalpha((unsigned char)u[0]))
		return 0;
	for (i = 1; u[i] != '\0'; i++) {
		if (u[i] == ':')
			return i;
		if (!isalnum((unsigned char)u[i]) && u[i] != '+' &&
		    u[i] != '-' && u[i] != '.')
			return 0;
	}
	return 0;
}

/* True when a link with this scheme may be kept. */
static int
url_scheme_safe(const char *u, size_t n)
{
	return (n == 4 && util_strncasecmp(u, "http", 4) == 0) ||
	    (n == 5 && util_strncasecmp(u, "https", 5) == 0) ||
	    (n == 6 && util_strncasecmp(u, "mailto", 6) == 0) ||
	    (n == 3 && util_strncasecmp(u, "ftp", 3) == 0);
}

/* Remove "." and ".." segments from the path in sb from offset off on. */
static void
url_remove_dots(struct strbuf *sb, size_t off)
{
	char	*p = sb->buf + off, *out, *in, *end;
	size_t	 tail;

	/* The path ends at ? or #. */
	end = p + strcspn(p, "?#");
	tail = strlen(end);
	out = in = p;
	while (in < end) {
		if (end - in >= 3 && strncmp(in, "/./", 3) == 0)
			in += 2;
		else if (end - in == 2 && strncmp(in, "/.", 2) == 0) {
			in[1] = '/';
			in += 1;
		} else if ((end - in >= 4 && strncmp(in, "/../", 4) == 0) ||
		    (end - in == 3 && strncmp(in, "/..", 3) == 0)) {
			in += 3;
			if (in == end) {
				in--;
				*in = '/';
			}
			while (out > p && *--out != '/')
				;
		} else {
			do
				*out++ = *in++;
			while (in < end && *in != '/');
		}
	}
	memmove(out, end, tail + 1);
	sb->len = (size_t)(out - sb->buf) + tail;
}

char *
extract_url_resolve(const char *base, const char *ref)
{
	struct strbuf	 sb;
	const char	*auth, *path, *q;
	size_t		 n, i;
	char		*clean;

	/* Drop white space and controls, as browsers do. */
	n = strlen(ref);
	if (n > EXTRACT_URL_MAX)
		return NULL;
	clean = xmalloc(n + 1);
	for (i = n = 0; ref[i] != '\0'; i++)
		if ((unsigned char)ref[i] > ' ' && ref[i] != 0x7f)
			clean[n++] = ref[i];
	clean[n] = '\0';
	if (n == 0 || clean[0] == '#') {
		free(clean);
		return NULL;
	}
	if ((n = url_scheme_len(clean)) > 0) {
		if (!url_scheme_safe(clean, n)) {
			free(clean);
			return NULL;
		}
		return clean;
	}
	if (base == NULL || (n = url_scheme_len(base)) == 0 ||
	    !url_scheme_safe(base, n) || strncmp(base + n, "://", 3) != 0)
		return clean;		/* nothing to resolve against */
	auth = base + n + 3;
	path = auth + strcspn(auth, "/?#");
	strbuf_init(&sb, 0);
	if (clean[0] == '/' && clean[1] == '/') {
		strbuf_add(&sb, base, n + 1);
		strbuf_adds(&sb, clean);
		free(clean);
		url_remove_dots(&sb, n + 3 + strcspn(sb.buf + n + 3, "/?#"));
		return strbuf_detach(&sb, NULL);
	}
	strbuf_add(&sb, base, (size_t)(path - base));
	if (clean[0] == '/')
		strbuf_adds(&sb, clean);
	else if (clean[0] == '?') {
		strbuf_add(&sb, path, strcspn(path, "?#"));
		strbuf_adds(&sb, clean);
	} else {
		/* Merge: the base path up to its last '/'. */
		q = path + strcspn(path, "?#");
		while (q > path && q[-1] != '/')
			q--;
		if (q == path)
			strbuf_addc(&sb, '/');
		else
			strbuf_add(&sb, path, (size_t)(q - path));
		strbuf_adds(&sb, clean);
	}
	free(clean);
	url_remove_dots(&sb, (size_t)(path - base));
	return strbuf_detach(&sb, NULL);
}
