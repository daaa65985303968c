/* Strings, hashing, files (atomic writes) and UTC time helpers. */
#include "nr_config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/util.h"

#define TEMP_PREFIX ".tmp-"

void
strbuf_init(struct strbuf *sb, size_t max)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	sb->max = max;
}

void
strbuf_clear(struct strbuf *sb)
{
	if (sb == NULL)
		return;
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void
strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf != NULL)
		sb->buf[0] = '\0';
}

/* Make room for n more bytes plus the terminating NUL. */
void
strbuf_grow(struct strbuf *sb, size_t n)
{
	size_t	need, cap;

	if (n > SIZE_MAX - sb->len - 1)
		fatalx("strbuf: size overflow");
	need = sb->len + n + 1;
	if (need <= sb->cap)
		return;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	/* Past 512 KiB, on huge pages. */
	sb->buf = xrealloc_big(sb->buf, sb->len, cap);
	sb->cap = cap;
	/* Terminated even when nothing is added after growing. */
	sb->buf[sb->len] = '\0';
}

int
strbuf_add(struct strbuf *sb, const void *p, size_t n)
{
	int	ret = 0;

	if (sb->max != 0 && n > sb->max - sb->len) {
		n = sb->max > sb->len ? sb->max - sb->len : 0;
		ret = -1;
	}
	strbuf_grow(sb, n);
	if (n != 0)
		memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return ret;
}

int
strbuf_adds(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int
strbuf_addc(struct strbuf *sb, int c)
{
	char	ch = (char)c;

	return strbuf_add(sb, &ch, 1);
}

int
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 ret;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ret = strbuf_adds(sb, s);
	free(s);
	return ret;
}

char *
strbuf_detach(struct strbuf *sb, size_t *lenp)
{
	char	*s;

	if (sb->buf == NULL)
		s = xstrdup("");
	else
		s = sb->buf;
	if (lenp != NULL)
		*lenp = sb->len;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

const char *
strbuf_str(const struct strbuf *sb)
{
	return sb->buf != NULL ? sb->buf : "";
}

uint64_t
util_hash64(const void *p, size_t len)
{
	const unsigned char	*s = p;
	uint64_t		 h = 0xcbf29ce484222325ULL;
	size_t			 i;

	for (i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
util_url_shown(const char *url)
{
	const char	*host, *end, *at;
	char		*out;

	if ((host = strstr(url, "://")) == NULL)
		return xstrdup(url);
	host += 3;
	end = host + strcspn(host, "/?#");
	/* The last '@' of the authority ends the user information. */
	for (at = end; at > host && at[-1] != '@'; at--)
		;
	if (at == host)
		return xstrdup(url);
	out = xmalloc(strlen(url) + 1);
	memcpy(out, url, (size_t)(host - url));
	strcpy(out + (host - url), at);
	return out;
}

char *
util_path_join(const char *a, const char *b)
{
	size_t	la = strlen(a);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (*b == '/')
		b++;
	return xasprintf("%.*s/%s", (int)la, a, b);
}

int
util_mkdir_p(const char *path, unsigned int mode)
{
	char	*p, *s;
	int	 ret = 0;

	p = xstrdup(path);
	for (s = p + 1; ret == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (*s == '/' && s[-1] == '/')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST)
			ret = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return ret;
}

int
util_read_file(const char *path, size_t max, char **bufp, size_t *lenp,
    char *errbuf)
{
	struct stat	 st;
	struct strbuf	 sb;
	char		 tmp[65536];
	ssize_t		 n;
	int		 fd;

	*bufp = NULL;
	if (lenp != NULL)
		*lenp = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return nr_seterr(errbuf, errno == ENOENT ? NR_ENOTFOUND :
		    NR_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return nr_seterr(errbuf, NR_EIO, "%s: is a directory", path);
	}
	strbuf_init(&sb, 0);
	strbuf_grow(&sb, S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (max == 0 || (size_t)st.st_size <= max) ? (size_t)st.st_size : 0);
	for (;;) {
		n = read(fd, tmp, sizeof tmp);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			int e = errno;
			close(fd);
			strbuf_clear(&sb);
			return nr_seterr(errbuf, NR_EIO, "%s: %s", path,
			    strerror(e));
		}
		if (n == 0)
			break;
		if (max != 0 && (size_t)n > max - sb.len) {
			close(fd);
			strbuf_clear(&sb);
			return nr_seterr(errbuf, NR_ELIMIT,
			    "%s: larger than %zu bytes", path, max);
		}
		strbuf_add(&sb, tmp, (size_t)n);
	}
	close(fd);
	/* An empty file gives "", never an unterminated buffer. */
	strbuf_add(&sb, "", 0);
	if (lenp != NULL)
		*lenp = sb.len;
	*bufp = strbuf_detach(&sb, NULL);
	return NR_OK;
}

int
util_is_tempname(const char *name)
{
	return strncmp(name, TEMP_PREFIX, sizeof TEMP_PREFIX - 1) == 0;
}

/* Map a write-side errno to an error code. */
static enum nr_err
io_err(int e)
{
	return (e == ENOSPC || e == EDQUOT) ? NR_ENOSPC : NR_EIO;
}

int
util_write_atomic(const char *dir, const char *name, const void *buf,
    size_t len, char *errbuf)
{
	return util_write_atomic_flags(dir, name, buf, len, 0, errbuf);
}

int
util_write_atomic_flags(const char *dir, const char *name, const void *buf,
    size_t len, int flags, char *errbuf)
{
	const char	*p = buf;
	char		*tmp, *dst;
	ssize_t		 n;
	size_t		 off = 0;
	int		 fd, dfd, e;

	tmp = xasprintf("%s/" TEMP_PREFIX "%s.XXXXXX", dir, name);
	fd = mkstemp(tmp);
	if (fd == -1) {
		e = errno;
		nr_seterr(errbuf, io_err(e), "%s: %s", dir, strerror(e));
		free(tmp);
		return io_err(e);
	}
	while (off < len) {
		n = write(fd, p + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		off += (size_t)n;
	}
	if (fchmod(fd, 0644) != 0 ||
	    (!(flags & NR_WRITE_NOSYNC) && fsync(fd) != 0))
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	dst = xasprintf("%s/%s", dir, name);
	if (rename(tmp, dst) != 0) {
		free(dst);
		goto fail;
	}
	free(dst);
	free(tmp);
	if (flags & NR_WRITE_NOSYNC)
		return NR_OK;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	return NR_OK;

fail:
	e = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	nr_seterr(errbuf, io_err(e), "%s/%s: %s", dir, name, strerror(e));
	free(tmp);
	return io_err(e);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t
util_timegm(int year, int mon, int day, int hour, int min, int sec)
{
	return days_from_civil(year, mon, day) * 86400 + (int64_t)hour * 3600 +
	    (int64_t)min * 60 + sec;
}

void
util_gmtime(int64_t t, int *year, int *mon, int *day, int *hour, int *min,
    int *sec)
{
	int64_t		z, era, days, secs;
	unsigned	doe, yoe, doy, mp;
	int64_t		y;
	int		m;

	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*mon = m;
	*year = (int)(y + (m <= 2));
	*hour = (int)(secs / 3600);
	*min = (int)(secs / 60 % 60);
	*sec = (int)(secs % 60);
}

void
util_iso8601(int64_t t, char *buf, size_t size)
{
	int	y, mo, d, h, mi, s;

	util_gmtime(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi,
	    s);
}

#define SUM_P1	0x9e3779b185ebca87ULL
#define SUM_P2	0xc2b2ae3d27d4eb4fULL
#define SUM_P3	0x165667b19e3779f9ULL

/* Rotate left. */
static uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* One lane step of util_sum64. */
static uint64_t
sum_round(uint64_t acc, uint64_t w)
{
	return rotl64(acc + w * SUM_P2, 31) * SUM_P1;
}

uint64_t
util_sum64(const void *buf, size_t len)
{
	const unsigned char	*p = buf, *end = p + len;
	uint64_t		 a = SUM_P1 + SUM_P2, b = SUM_P2, c = 0;
	uint64_t		 d = -SUM_P1, w[4], h;

	while ((size_t)(end - p) >= 32) {
		memcpy(w, p, 32);
		a = sum_round(a, w[0]);
		b = sum_round(b, w[1]);
		c = sum_round(c, w[2]);
		d = sum_round(d, w[3]);
		p += 32;
	}
	h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18) +
	    (uint64_t)len;
	while ((size_t)(end - p) >= 8) {
		memcpy(w, p, 8);
		h = rotl64(h ^ sum_round(0, w[0]), 27) * SUM_P1 + SUM_P3;
		p += 8;
	}
	while (p < end)
		h = rotl64(h ^ (*p++ * SUM_P3), 11) * SUM_P1;
	h ^= h >> 33;
	h *= SUM_P2;
	h ^= h >> 29;
	h *= SUM_P3;
	return h ^ (h >> 32);
}

int
util_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int
util_strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;
	int			 d;

	for (; n > 0; n--, p++, q++) {
		if ((d = util_tolower(*p) - util_tolower(*q)) != 0 ||
		    *p == '\0')
			return d;
	}
	return 0;
}

int
util_strcasecmp(const char *a, const char *b)
{
	return util_strncasecmp(a, b, SIZE_MAX);
}

int
util_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
