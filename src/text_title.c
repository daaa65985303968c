/*
 * A title for an item that has none, made from its link as newsboat
 * does: the last segment of the URL's path, without its extension, with
 * %XX decoded, dashes and underscores as spaces and the first letter
 * upper case ("http://x.org/2026/11/new-tram-line.html?a=b" gives
 * "New tram line"). The result is cleaned like every other field.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/text.h"
#include "newsreader/util.h"

char *
text_title_from_url(const char *url)
{
	const char	*p, *end, *seg, *dot;
	char		*raw, *out;
	size_t		 n = 0, len;
	int		 hi, lo;

	if (url == NULL)
		return NULL;
	/* Past the scheme and host: only a path gives a title. */
	if ((p = strstr(url, "://")) != NULL)
		p += 3;
	else
		p = url;
	p += strcspn(p, "/?#");
	if (*p != '/')
		return NULL;
	end = p + strcspn(p, "?#");
	while (end > p && end[-1] == '/')
		end--;
	for (seg = end; seg > p && seg[-1] != '/'; seg--)
		;
	if ((dot = memchr(seg, '.', (size_t)(end - seg))) != NULL &&
	    dot > seg)
		end = dot;
	if (end <= seg)
		return NULL;
	len = (size_t)(end - seg);
	raw = xmalloc(len + 1);
	for (p = seg; p < end; p++) {
		if (*p == '%' && end - p >= 3 &&
		    (hi = util_hexval((unsigned char)p[1])) >= 0 &&
		    (lo = util_hexval((unsigned char)p[2])) >= 0) {
			raw[n++] = (char)(hi * 16 + lo);
			p += 2;
		} else if (*p == '-' || *p == '_')
			raw[n++] = ' ';
		else
			raw[n++] = *p;
	}
	out = text_clean(raw, n, NR_TEXT_ONELINE | NR_TEXT_TRIM, 256);
	free(raw);
	if (*out == '\0') {
		free(out);
		return NULL;
	}
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}
