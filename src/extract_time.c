/* extract: the times a page shows (ISO 8601 / RFC 3339 values). */
#include "nr_config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/extract.h"
#include "newsreader/feed.h"
#include "newsreader/util.h"

/* Read exactly n digits at *sp into *v; 0 on success. */
static int
time_digits(const char **sp, int n, int *v)
{
	const char	*s = *sp;
	int		 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	return 0;
}

int64_t
extract_parse_time(const char *s)
{
	int	y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign;
	int64_t	t;

	while (isspace((unsigned char)*s))
		s++;
	if (time_digits(&s, 4, &y) != 0 || *s++ != '-' ||
	    time_digits(&s, 2, &mo) != 0 || *s++ != '-' ||
	    time_digits(&s, 2, &d) != 0)
		return NR_TIME_NONE;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return NR_TIME_NONE;
	if (*s == 'T' || *s == 't' || (*s == ' ' && isdigit((unsigned char)
	    s[1]))) {
		s++;
		if (time_digits(&s, 2, &h) != 0 || *s++ != ':' ||
		    time_digits(&s, 2, &mi) != 0)
			return NR_TIME_NONE;
		if (*s == ':') {
			s++;
			if (time_digits(&s, 2, &sec) != 0)
				return NR_TIME_NONE;
			if (*s == '.' || *s == ',')
				for (s++; isdigit((unsigned char)*s); s++)
					;
		}
		if (h > 23 || mi > 59 || sec > 60)
			return NR_TIME_NONE;
		while (*s == ' ')
			s++;
		if (*s == '+' || *s == '-') {
			sign = *s++ == '-' ? -1 : 1;
			if (time_digits(&s, 2, &oh) != 0)
				return NR_TIME_NONE;
			if (*s == ':')
				s++;
			if (isdigit((unsigned char)*s) &&
			    time_digits(&s, 2, &om) != 0)
				return NR_TIME_NONE;
			if (oh > 23 || om > 59)
				return NR_TIME_NONE;
			oh *= sign;
			om *= sign;
		} else if (*s == 'Z' || *s == 'z')
			s++;
	}
	t = util_timegm(y, mo, d, h, mi, sec);
	return t - (int64_t)oh * 3600 - (int64_t)om * 60;
}
