/*
 * Feed dates: RFC 822/1123 as found in RSS (with its usual breakage) and
 * RFC 3339 / W3C-DTF as found in Atom and Dublin Core, to Unix time UTC.
 */
#include "nr_config.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "newsreader/parse.h"
#include "newsreader/util.h"

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

/* Named zones and their offsets in minutes. */
static const struct {
	const char	*name;
	int		 off;
} zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
	{ "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
	{ "ast", -240 }, { "adt", -180 }, { "nst", -210 }, { "ndt", -150 },
	{ "bst", 60 }, { "ist", 330 }, { "cet", 60 }, { "cest", 120 },
	{ "met", 60 }, { "mest", 120 }, { "eet", 120 }, { "eest", 180 },
	{ "msk", 180 }, { "jst", 540 }, { "kst", 540 }, { "hkt", 480 },
	{ "sgt", 480 }, { "aest", 600 }, { "aedt", 660 }, { "acst", 570 },
	{ "awst", 480 }, { "nzst", 720 }, { "nzdt", 780 }, { "etc/gmt", 0 }
};

/* Skip white space and commas. */
static const char *
skipsep(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	    *s == ',')
		s++;
	return s;
}

/* Read up to maxd digits; returns the count read (0: none). */
static int
getnum(const char **sp, int maxd, int *out)
{
	const char	*s = *sp;
	int		 n = 0, v = 0;

	while (n < maxd && isdigit((unsigned char)s[n])) {
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n == 0)
		return 0;
	*out = v;
	*sp = s + n;
	return n;
}

/* Read a word of letters into buf (lowercased); returns its length. */
static size_t
getword(const char **sp, char *buf, size_t size)
{
	const char	*s = *sp;
	size_t		 n = 0;

	while (isalpha((unsigned char)s[n]) || (n > 0 && s[n] == '/')) {
		if (n + 1 < size)
			buf[n] = (char)util_tolower((unsigned char)s[n]);
		n++;
	}
	buf[n < size ? n : size - 1] = '\0';
	*sp = s + n;
	return n;
}

/* Month number 1-12 from a name or abbreviation, or 0. */
static int
monthnum(const char *w)
{
	int	i;

	if (strlen(w) < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if (strncmp(w, months[i], 3) == 0)
			return i + 1;
	return 0;
}

/* Zone offset in minutes for a name; returns -1 when unknown. */
static int
zonenamed(const char *w, int *off)
{
	size_t	i;
	int	c;

	for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		if (strcmp(w, zones[i].name) == 0) {
			*off = zones[i].off;
			return 0;
		}
	}
	/* Military zones: A-I, K-M east (+1..+12), N-Y west; Z is UTC. */
	if (strlen(w) == 1) {
		c = w[0];
		if (c >= 'a' && c <= 'i')
			*off = (c - 'a' + 1) * 60;
		else if (c >= 'k' && c <= 'm')
			*off = (c - 'k' + 10) * 60;
		else if (c >= 'n' && c <= 'y')
			*off = -(c - 'n' + 1) * 60;
		else
			return -1;
		return 0;
	}
	return -1;
}

/*
 * Check ranges and compute the time; returns 0, -1 (not a date) or -2
 * (a date, but outside NR_PARSE_DATE_MIN..NR_PARSE_DATE_MAX in UTC).
 */
static int
mktime_utc(int y, int mo, int d, int h, int mi, int s, int off,
    int64_t *out)
{
	static const int mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int64_t		 t;

	if (y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || h < 0 || h > 24 || mi < 0 || mi > 59 ||
	    s < 0 || s > 60)
		return -1;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return -1;
	if (h == 24 && (mi != 0 || s != 0))
		return -1;
	if (s == 60)
		s = 59;
	t = util_timegm(y, mo, d, h, mi, s) - (int64_t)off * 60;
	/* The cache writes four-digit years: keep to what it can hold. */
	if (t < NR_PARSE_DATE_MIN || t > NR_PARSE_DATE_MAX)
		return -2;
	*out = t;
	return 0;
}

/* Parse a numeric zone "+0300", "-03:00", "+3", "+03"; returns 0 or -1. */
static int
zonenum(const char **sp, int *off)
{
	const char	*s = *sp;
	int		 sign, hh = 0, mm = 0, n;

	sign = *s == '-' ? -1 : 1;
	s++;
	n = getnum(&s, 4, &hh);
	if (n == 0)
		return -1;
	if (n == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (n == 3) {
		mm = hh % 100;
		hh /= 100;
	} else if (*s == ':') {
		s++;
		if (getnum(&s, 2, &mm) != 2)
			return -1;
	}
	if (hh > 23 || mm > 59)
		return -1;
	*off = sign * (hh * 60 + mm);
	*sp = s;
	return 0;
}

int
parse_date_rfc822(const char *str, int64_t *out)
{
	const char	*s = str;
	char		 w[16];
	int		 y, mo = 0, d, h = 0, mi = 0, sec = 0, off = 0, n;

	s = skipsep(s);
	/* An optional weekday ("Mon", "Monday", "Mon."). */
	if (isalpha((unsigned char)*s)) {
		getword(&s, w, sizeof w);
		if (monthnum(w) != 0 && isspace((unsigned char)*s)) {
			/* "Jan 02 2006 ..." (asctime-like order). */
			mo = monthnum(w);
		} else if (*s == '.')
			s++;
		s = skipsep(s);
	}
	if (mo == 0) {
		if (getnum(&s, 2, &d) == 0)
			return -1;
		while (*s == ' ' || *s == '-' || *s == '\t')
			s++;
		if (getword(&s, w, sizeof w) == 0)
			return -1;
		mo = monthnum(w);
		if (mo == 0)
			return -1;
		if (*s == '.')
			s++;
		while (*s == ' ' || *s == '-' || *s == '\t' || *s == ',')
			s++;
	} else {
		s = skipsep(s);
		if (getnum(&s, 2, &d) == 0)
			return -1;
		s = skipsep(s);
	}
	n = getnum(&s, 4, &y);
	if (n == 2)
		y += y < 50 ? 2000 : 1900;
	else if (n == 3)
		y += 1900;
	else if (n != 4)
		return -1;
	s = skipsep(s);
	if (isdigit((unsigned char)*s)) {
		if (getnum(&s, 2, &h) == 0 || *s != ':')
			return -1;
		s++;
		if (getnum(&s, 2, &mi) != 2)
			return -1;
		if (*s == ':') {
			s++;
			if (getnum(&s, 2, &sec) == 0)
				return -1;
			if (*s == '.' || *s == ',') {
				s++;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		s = skipsep(s);
		if (*s == '+' || *s == '-') {
			if (zonenum(&s, &off) != 0)
				return -1;
		} else if (isalpha((unsigned char)*s)) {
			getword(&s, w, sizeof w);
			if (zonenamed(w, &off) != 0) {
				/* An unknown zone name is read as UTC. */
				off = 0;
			}
			/* "GMT+0300", "UTC-5" */
			if (*s == '+' || *s == '-') {
				if (zonenum(&s, &off) != 0)
					return -1;
			}
		}
		s = skipsep(s);
		/* A year after the time (asctime: "... 10:00:00 2006"). */
		if (isdigit((unsigned char)*s) && n != 4) {
			if (getnum(&s, 4, &y) != 4)
				return -1;
		}
	}
	s = skipsep(s);
	if (*s == '(') {	/* "+0000 (UTC)" */
		while (*s != '\0' && *s != ')')
			s++;
		if (*s == ')')
			s++;
	}
	s = skipsep(s);
	if (*s != '\0')
		return -1;
	return mktime_utc(y, mo, d, h, mi, sec, off, out);
}

int
parse_date_rfc3339(const char *str, int64_t *out)
{
	const char	*s = skipsep(str);
	int		 y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0;
	int		 n;

	n = getnum(&s, 4, &y);
	if (n != 4)
		return -1;
	if (*s == '-') {
		s++;
		if (getnum(&s, 2, &mo) == 0)
			return -1;
		if (*s == '-') {
			s++;
			if (getnum(&s, 2, &d) == 0)
				return -1;
		}
	} else if (isdigit((unsigned char)*s)) {
		/* Basic format: 20060102T150405Z */
		if (getnum(&s, 2, &mo) != 2 || getnum(&s, 2, &d) != 2)
			return -1;
	}
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (getnum(&s, 2, &h) != 2)
			return -1;
		if (*s == ':')
			s++;
		if (getnum(&s, 2, &mi) != 2)
			return -1;
		if (*s == ':')
			s++;
		if (isdigit((unsigned char)*s)) {
			if (getnum(&s, 2, &sec) != 2)
				return -1;
			if (*s == '.' || *s == ',') {
				s++;
				if (!isdigit((unsigned char)*s))
					return -1;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		s = skipsep(s);
		if (*s == 'Z' || *s == 'z')
			s++;
		else if (*s == '+' || *s == '-') {
			if (zonenum(&s, &off) != 0)
				return -1;
		} else if (isalpha((unsigned char)*s)) {
			char w[16];

			getword(&s, w, sizeof w);
			if (zonenamed(w, &off) != 0)
				return -1;
		}
	}
	s = skipsep(s);
	if (*s != '\0')
		return -1;
	return mktime_utc(y, mo, d, h, mi, sec, off, out);
}

int
parse_date(const char *s, int64_t *out)
{
	const char	*p = skipsep(s);
	int64_t		 t;
	int		 r = -1, r2;

	if (*p == '\0')
		return -1;
	/* A four-digit start is RFC 3339; anything else is RFC 822. */
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3])) {
		r = parse_date_rfc3339(p, &t);
		if (r == 0) {
			*out = t;
			return 0;
		}
	}
	r2 = parse_date_rfc822(p, &t);
	if (r2 == 0) {
		*out = t;
		return 0;
	}
	return r == -2 || r2 == -2 ? -2 : -1;
}
