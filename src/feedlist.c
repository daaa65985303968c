/*
 * The feeds file: newsboat's urls syntax plus name=, store names, lookup
 * and rewriting that keeps the lines we do not touch.
 */
#include "nr_config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "feedlist_int.h"

#define FILE_MAX	(4UL << 20)	/* largest feeds file we read */
#define URL_MAX		4096
#define TITLE_MAX	256
#define TAG_MAX		128
#define TOKENS_MAX	256

static const struct {
	const char	*name;
	const char	*url;
	const char	*title;
	int		 flags;		/* NR_FEED_FULLTEXT */
} builtins[] = {
	{ "sputnik", "https://sputnikglobe.com/export/rss2/archive/index.xml",
	  "Sputnik International", NR_FEED_FULLTEXT },
};

static void index_add(struct feedlist *, struct feedlist_entry *);

/* A token of a line. */
struct token {
	char	*s;
	int	 quoted;
};

struct feedlist *
feedlist_create(void)
{
	return xcalloc(1, sizeof(struct feedlist));
}

void
feedlist_entry_free(struct feedlist_entry *e)
{
	size_t	 i;

	if (e == NULL)
		return;
	free(e->url);
	free(e->name);
	free(e->want);
	free(e->title);
	for (i = 0; i < e->ntags; i++)
		free(e->tags[i]);
	free(e->tags);
	free(e);
}

void
feedlist_free(struct feedlist *fl)
{
	size_t	 i;

	if (fl == NULL)
		return;
	for (i = 0; i < fl->nentries; i++)
		feedlist_entry_free(fl->entries[i]);
	free(fl->entries);
	for (i = 0; i < fl->nlines; i++)
		free(fl->lines[i]);
	free(fl->lines);
	for (i = 0; i < fl->nwarnings; i++)
		free(fl->warnings[i]);
	free(fl->warnings);
	free(fl->byname);
	free(fl->byurl);
	free(fl->lastbase);
	free(fl->path);
	free(fl);
}

/* Append a formatted warning. */
static void
warn(struct feedlist *fl, const char *fname, size_t line, const char *fmt,
    const char *arg)
{
	char	*msg;

	msg = xasprintf(fmt, arg);
	fl->warnings = xreallocarray(fl->warnings, fl->nwarnings + 1,
	    sizeof *fl->warnings);
	fl->warnings[fl->nwarnings++] = xasprintf("%s:%zu: %s",
	    fname != NULL ? fname : "feeds", line, msg);
	free(msg);
}

void
feedlist_line_add(struct feedlist *fl, const char *s, size_t len)
{
	if (fl->nlines == fl->linecap) {
		fl->linecap = fl->linecap == 0 ? 32 : fl->linecap * 2;
		fl->lines = xreallocarray(fl->lines, fl->linecap,
		    sizeof *fl->lines);
	}
	fl->lines[fl->nlines++] = xstrndup(s, len);
}

/* Append an entry; the list owns it. */
static void
add_entry(struct feedlist *fl, struct feedlist_entry *e)
{
	if (fl->nentries == fl->entcap) {
		fl->entcap = fl->entcap == 0 ? 16 : fl->entcap * 2;
		fl->entries = xreallocarray(fl->entries, fl->entcap,
		    sizeof *fl->entries);
	}
	fl->entries[fl->nentries++] = e;
	index_add(fl, e);
}

/*
 * Split a line into tokens (blanks separate, double quotes group, \" and
 * \\ escape inside quotes). Returns the count, or -1 when a quote is not
 * closed (the tokens so far are still returned).
 */
static int
tokenize(const char *s, struct token *tok, int max)
{
	struct strbuf	 sb;
	int		 n = 0, bad = 0;

	while (n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		strbuf_init(&sb, 0);
		tok[n].quoted = 0;
		if (*s == '"') {
			tok[n].quoted = 1;
			s++;
			while (*s != '\0' && *s != '"') {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				strbuf_addc(&sb, *s++);
			}
			if (*s == '"')
				s++;
			else
				bad = 1;
		} else {
			while (*s != '\0' && *s != ' ' && *s != '\t')
				strbuf_addc(&sb, *s++);
		}
		tok[n++].s = strbuf_detach(&sb, NULL);
	}
	return bad ? -n - 1 : n;
}

/* True when url starts with a scheme we fetch. */
static int
url_scheme_ok(const char *url)
{
	return util_strncasecmp(url, "http://", 7) == 0 ||
	    util_strncasecmp(url, "https://", 8) == 0 ||
	    util_strncasecmp(url, "file://", 7) == 0;
}

const char *
feedlist_url_check(const char *url)
{
	const char	*p;
	char		*h;

	if (!url_scheme_ok(url))
		return "not an http, https or file URL";
	if (strlen(url) > URL_MAX)
		return "URL too long";
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"')
			return "blank, quote or control character in URL";
	if (util_strncasecmp(url, "file://", 7) == 0)
		return NULL;
	h = feedlist_host_of(url);
	if (h == NULL)
		return "URL without a host";
	free(h);
	return NULL;
}

/* Compare URLs: the scheme and host ignore case, the rest does not. */
static int
url_same(const char *a, const char *b)
{
	const char	*pa, *pb;
	size_t		 la, lb;

	pa = strstr(a, "://");
	pb = strstr(b, "://");
	if (pa == NULL || pb == NULL)
		return strcmp(a, b) == 0;
	pa += 3;
	pb += 3;
	la = pa - a + strcspn(pa, "/?#");
	lb = pb - b + strcspn(pb, "/?#");
	return la == lb && util_strncasecmp(a, b, la) == 0 &&
	    strcmp(a + la, b + lb) == 0;
}

/* A hash of a URL that agrees with url_same (scheme and host folded). */
static uint64_t
url_key(const char *url)
{
	const char	*p, *q;
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 n;

	p = strstr(url, "://");
	n = p == NULL ? 0 : (size_t)(p + 3 - url) + strcspn(p + 3, "/?#");
	for (q = url; *q != '\0'; q++) {
		h ^= (unsigned char)((size_t)(q - url) < n &&
		    *q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Put e into a table (NULL key: skip) at its hash. */
static void
tab_put(struct feedlist_entry **tab, size_t size, struct feedlist_entry *e,
    uint64_t h)
{
	size_t	k = (size_t)h & (size - 1);

	while (tab[k] != NULL) {
		if (tab[k] == e)
			return;
		k = (k + 1) & (size - 1);
	}
	tab[k] = e;
}

void
feedlist_index_rebuild(struct feedlist *fl)
{
	struct feedlist_entry	*e;
	size_t			 size = 64, i;

	while (size < 2 * (fl->nentries + 1))
		size *= 2;
	free(fl->byname);
	free(fl->byurl);
	fl->byname = xcalloc(size, sizeof *fl->byname);
	fl->byurl = xcalloc(size, sizeof *fl->byurl);
	fl->namesize = fl->urlsize = size;
	for (i = 0; i < fl->nentries; i++) {
		e = fl->entries[i];
		if (e->name != NULL && feedlist_by_name(fl, e->name) == NULL)
			tab_put(fl->byname, size, e, util_hash64(e->name,
			    strlen(e->name)));
		if (feedlist_find_url(fl, e->url) == NULL)
			tab_put(fl->byurl, size, e, url_key(e->url));
	}
}

/* Index a new entry (or a new name of one). */
static void
index_add(struct feedlist *fl, struct feedlist_entry *e)
{
	if (fl->namesize < 2 * (fl->nentries + 1)) {
		feedlist_index_rebuild(fl);
		return;
	}
	if (e->name != NULL && feedlist_by_name(fl, e->name) == NULL)
		tab_put(fl->byname, fl->namesize, e, util_hash64(e->name,
		    strlen(e->name)));
	if (feedlist_find_url(fl, e->url) == NULL)
		tab_put(fl->byurl, fl->urlsize, e, url_key(e->url));
}

char *
feedlist_host_of(const char *url)
{
	const char	*p, *end, *at, *c;
	char		*h, *q;
	size_t		 len;

	p = strstr(url, "://");
	if (p == NULL)
		return NULL;
	if (p == url)
		return NULL;
	for (c = url; c < p; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '+' || *c == '-' ||
		    *c == '.'))
			return NULL;
	p += 3;
	end = p + strcspn(p, "/?#");
	at = NULL;
	for (c = p; c < end; c++)
		if (*c == '@')
			at = c;
	if (at != NULL)
		p = at + 1;
	if (*p == '[') {
		p++;
		c = memchr(p, ']', end - p);
		if (c == NULL)
			return NULL;
		len = c - p;
	} else {
		c = memchr(p, ':', end - p);
		len = (c != NULL ? c : end) - p;
	}
	while (len > 0 && p[len - 1] == '.')
		len--;
	if (len == 0)
		return NULL;
	h = xstrndup(p, len);
	for (q = h; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q += 'a' - 'A';
	return h;
}

/* Host without a leading "www." (borrowed from h). */
static const char *
skip_www(const char *h)
{
	return strncmp(h, "www.", 4) == 0 && h[4] != '\0' ? h + 4 : h;
}

int
feedlist_name_valid(const char *s)
{
	size_t	 n;

	n = strlen(s);
	if (n == 0 || n > NR_FEED_NAME_MAX || *s == '.' || *s == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* Reduce s to a valid store name in place ("" when nothing is left). */
static void
sanitize_name(char *s)
{
	char	*r, *w, c;

	w = s;
	for (r = s; *r != '\0'; r++) {
		c = *r;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
			c = '-';
		if (c == '-' && w > s && w[-1] == '-')
			continue;
		if ((c == '.' || c == '-') && w == s)
			continue;
		*w++ = c;
	}
	*w = '\0';
	if (w - s > NR_FEED_NAME_MAX)
		s[NR_FEED_NAME_MAX] = '\0';
	w = s + strlen(s);
	while (w > s && (w[-1] == '.' || w[-1] == '-'))
		*--w = '\0';
}

char *
feedlist_name_from_url(const char *url)
{
	const char	*p, *base;
	char		*h, *s, *dot;

	h = feedlist_host_of(url);
	if (h != NULL) {
		s = xstrdup(skip_www(h));
		free(h);
	} else if (util_strncasecmp(url, "file://", 7) == 0) {
		p = url + 7;
		base = strrchr(p, '/');
		base = base != NULL ? base + 1 : p;
		s = xstrndup(base, strcspn(base, "?#"));
		dot = strrchr(s, '.');
		if (dot != NULL && dot != s)
			*dot = '\0';
	} else
		s = xstrdup("");
	sanitize_name(s);
	if (*s == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		free(s);
		s = xstrdup("feed");
	}
	return s;
}

struct feedlist_entry *
feedlist_by_name(const struct feedlist *fl, const char *name)
{
	size_t	k;

	if (fl->namesize == 0)
		return NULL;
	k = (size_t)util_hash64(name, strlen(name)) & (fl->namesize - 1);
	for (; fl->byname[k] != NULL; k = (k + 1) & (fl->namesize - 1)) {
		if (strcmp(fl->byname[k]->name, name) == 0)
			return fl->byname[k];
	}
	return NULL;
}

/*
 * Make base unique in the list: base, base-2, base-3 ... (caller frees).
 * The list remembers where the last search for a base ended, so that
 * naming n feeds of one host costs O(n), not O(n^2).
 */
static char *
unique_name(struct feedlist *fl, const char *base)
{
	char		*s, *b;
	size_t		 i;

	if (feedlist_by_name(fl, base) == NULL)
		return xstrdup(base);
	b = xstrndup(base, NR_FEED_NAME_MAX - 8);
	i = fl->lastbase != NULL && strcmp(fl->lastbase, b) == 0 ?
	    fl->lastk : 2;
	for (;; i++) {
		s = xasprintf("%s-%zu", b, i);
		if (feedlist_by_name(fl, s) == NULL)
			break;
		free(s);
	}
	free(fl->lastbase);
	fl->lastbase = b;
	fl->lastk = i + 1;
	return s;
}

void
feedlist_tag_add(struct feedlist_entry *e, const char *tag)
{
	char	*c, *l;
	size_t	 i;

	tag += strspn(tag, "~! \t");	/* they mean title and hidden */
	c = text_clean(tag, strlen(tag), NR_TEXT_ONELINE | NR_TEXT_TRIM,
	    TAG_MAX);
	l = text_lower(c);
	free(c);
	if (*l == '\0') {
		free(l);
		return;
	}
	for (i = 0; i < e->ntags; i++) {
		if (strcmp(e->tags[i], l) == 0) {
			free(l);
			return;
		}
	}
	e->tags = xreallocarray(e->tags, e->ntags + 1, sizeof *e->tags);
	e->tags[e->ntags++] = l;
}

char *
feedlist_title_clean(const char *s)
{
	char	*t;

	t = text_clean(s, strlen(s), NR_TEXT_ONELINE | NR_TEXT_TRIM,
	    TITLE_MAX);
	if (*t == '\0')
		FREE(&t);
	return t;
}

/* Parse one line into an entry (NULL for comments and bad lines). */
static struct feedlist_entry *
parse_line(struct feedlist *fl, const char *line, const char *fname,
    size_t lineno, char **namep)
{
	struct token		 tok[TOKENS_MAX];
	struct feedlist_entry	*e = NULL;
	const char		*p, *why;
	int			 n, i;

	*namep = NULL;
	p = line + strspn(line, " \t");
	if (*p == '\0' || *p == '#')
		return NULL;
	n = tokenize(p, tok, TOKENS_MAX);
	if (n < 0) {
		n = -n - 1;
		warn(fl, fname, lineno, "%s", "unterminated quote");
	}
	if (n == TOKENS_MAX)
		warn(fl, fname, lineno, "%s", "too many tokens");
	if (n == 0)
		goto out;
	why = feedlist_url_check(tok[0].s);
	if (why != NULL) {
		if (strncmp(tok[0].s, "query:", 6) == 0 ||
		    strncmp(tok[0].s, "exec:", 5) == 0 ||
		    strncmp(tok[0].s, "filter:", 7) == 0)
			why = "unsupported feed type (line kept)";
		warn(fl, fname, lineno, "%s", why);
		goto out;
	}
	if (feedlist_find_url(fl, tok[0].s) != NULL) {
		warn(fl, fname, lineno, "duplicate URL %s", tok[0].s);
		goto out;
	}
	e = xcalloc(1, sizeof *e);
	e->url = xstrdup(tok[0].s);
	e->line = lineno;
	for (i = 1; i < n; i++) {
		p = tok[i].s;
		if (!tok[i].quoted && *p == '#')
			break;
		if (*p == '~') {
			free(e->title);
			e->title = feedlist_title_clean(p + 1);
		} else if (*p == '!') {
			e->flags |= NR_FEED_HIDDEN;
		} else if (!tok[i].quoted && strncmp(p, "name=", 5) == 0) {
			if (!feedlist_name_valid(p + 5))
				warn(fl, fname, lineno,
				    "bad name \"%s\": [a-z0-9._-] only, no "
				    "leading dot", p + 5);
			else {
				free(*namep);
				*namep = xstrdup(p + 5);
			}
		} else if (!tok[i].quoted &&
		    strncmp(p, "fulltext=", 9) == 0) {
			if (strcmp(p + 9, "yes") == 0)
				e->flags |= NR_FEED_FULLTEXT |
				    NR_FEED_FULLTEXT_SET;
			else if (strcmp(p + 9, "no") == 0) {
				e->flags &= ~NR_FEED_FULLTEXT;
				e->flags |= NR_FEED_FULLTEXT_SET;
			} else
				warn(fl, fname, lineno, "bad \"%s\": "
				    "fulltext=yes or fulltext=no", p);
		} else
			feedlist_tag_add(e, p);
	}
out:
	for (i = 0; i < n; i++)
		free(tok[i].s);
	return e;
}

/* Give every entry without a name its store name. */
static void
assign_names(struct feedlist *fl, char **explicit, const char *fname)
{
	struct feedlist_entry	*e;
	char			*base;
	size_t			 i;

	for (i = 0; i < fl->nentries; i++) {
		e = fl->entries[i];
		if (explicit[i] == NULL)
			continue;
		if (feedlist_by_name(fl, explicit[i]) != NULL) {
			warn(fl, fname, e->line, "duplicate name %s",
			    explicit[i]);
			continue;
		}
		e->name = xstrdup(explicit[i]);
		e->want = xstrdup(explicit[i]);
		e->flags |= NR_FEED_NAMED;
		index_add(fl, e);
	}
	for (i = 0; i < fl->nentries; i++) {
		e = fl->entries[i];
		if (e->name != NULL)
			continue;
		base = feedlist_name_from_url(e->url);
		e->name = unique_name(fl, base);
		free(base);
		index_add(fl, e);
	}
}

/* Append the built-in feeds the list does not have yet. */
static void
add_builtins(struct feedlist *fl)
{
	struct feedlist_entry	*e;
	size_t			 i;

	for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		if (feedlist_by_name(fl, builtins[i].name) != NULL ||
		    feedlist_find_url(fl, builtins[i].url) != NULL)
			continue;
		e = xcalloc(1, sizeof *e);
		e->url = xstrdup(builtins[i].url);
		e->name = xstrdup(builtins[i].name);
		e->want = xstrdup(builtins[i].name);
		e->title = xstrdup(builtins[i].title);
		e->flags = NR_FEED_BUILTIN | NR_FEED_NAMED | builtins[i].flags;
		add_entry(fl, e);
	}
}

/*
 * A line for a built-in feed's URL that does not say fulltext= gets the
 * built-in's default.
 */
static void
builtin_defaults(struct feedlist *fl)
{
	struct feedlist_entry	*e;
	size_t			 i;

	for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		e = feedlist_find_url(fl, builtins[i].url);
		if (e != NULL && !(e->flags & NR_FEED_FULLTEXT_SET))
			e->flags |= builtins[i].flags & NR_FEED_FULLTEXT;
	}
}

struct feedlist *
feedlist_parse(const char *buf, size_t len, const char *fname, int flags)
{
	struct feedlist		*fl;
	struct feedlist_entry	*e;
	char			**names = NULL, *line, *name;
	const char		*p, *end, *nl;
	size_t			 n, ln, i, lineno = 0;

	fl = feedlist_create();
	p = buf;
	end = buf + len;
	while (p < end) {
		nl = memchr(p, '\n', end - p);
		n = (nl != NULL ? nl : end) - p;
		lineno++;
		feedlist_line_add(fl, p, n);
		line = xstrndup(p, n);
		ln = strlen(line);
		if (ln != n)
			warn(fl, fname, lineno, "%s", "NUL byte in line");
		if (ln > 0 && line[ln - 1] == '\r')
			line[ln - 1] = '\0';
		e = parse_line(fl, line, fname, lineno, &name);
		free(line);
		if (e != NULL) {
			add_entry(fl, e);
			names = xreallocarray(names, fl->nentries,
			    sizeof *names);
			names[fl->nentries - 1] = name;
		} else
			free(name);
		if (lineno == 1)
			fl->crlf = n > 0 && p[n - 1] == '\r';
		if (nl == NULL)
			fl->noeol = fl->nlines;
		p = nl != NULL ? nl + 1 : end;
	}
	fl->sum = util_hash64(buf, len);
	fl->size = len;
	assign_names(fl, names, fname);
	for (i = 0; i < fl->nentries; i++)
		free(names[i]);
	free(names);
	builtin_defaults(fl);
	if (!(flags & NR_FEEDLIST_NO_BUILTINS))
		add_builtins(fl);
	return fl;
}

enum nr_err
feedlist_load(const char *path, int flags, struct feedlist **out,
    char *errbuf)
{
	struct stat	 st;
	char		*buf = NULL;
	size_t		 len = 0;
	int		 err;

	*out = NULL;
	if (stat(path, &st) == -1 && errno == ENOENT) {
		*out = feedlist_parse("", 0, path, flags);
		(*out)->path = xstrdup(path);
		return NR_OK;
	}
	err = util_read_file(path, FILE_MAX, &buf, &len, errbuf);
	if (err != NR_OK)
		return err;
	*out = feedlist_parse(buf, len, path, flags);
	(*out)->path = xstrdup(path);
	(*out)->exists = 1;
	free(buf);
	return NR_OK;
}

char *
feedlist_names(const struct feedlist *fl)
{
	struct strbuf	 sb;
	size_t		 i;

	strbuf_init(&sb, 0);
	for (i = 0; i < fl->nentries; i++) {
		if (i > 0)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, fl->entries[i]->name);
	}
	return strbuf_detach(&sb, NULL);
}

enum nr_err
feedlist_find(const struct feedlist *fl, const char *s,
    struct feedlist_entry **out, char *errbuf)
{
	struct feedlist_entry	*e;
	char			*names;
	size_t			 i;

	*out = NULL;
	e = feedlist_by_name(fl, s);
	for (i = 0; e == NULL && i < fl->nentries; i++)
		if (fl->entries[i]->want != NULL &&
		    strcmp(fl->entries[i]->want, s) == 0)
			e = fl->entries[i];
	for (i = 0; e == NULL && i < fl->nentries; i++)
		if (fl->entries[i]->title != NULL &&
		    text_equal_ci(fl->entries[i]->title, s))
			e = fl->entries[i];
	if (e == NULL)
		e = feedlist_find_url(fl, s);
	if (e != NULL) {
		*out = e;
		return NR_OK;
	}
	names = feedlist_names(fl);
	nr_seterr(errbuf, NR_ENOTFOUND, "no feed named \"%.64s\" (known: %s)",
	    s, *names != '\0' ? names : "none");
	free(names);
	return NR_ENOTFOUND;
}

struct feedlist_entry *
feedlist_find_url(const struct feedlist *fl, const char *url)
{
	size_t	k;

	if (fl->urlsize == 0)
		return NULL;
	k = (size_t)url_key(url) & (fl->urlsize - 1);
	for (; fl->byurl[k] != NULL; k = (k + 1) & (fl->urlsize - 1)) {
		if (url_same(fl->byurl[k]->url, url))
			return fl->byurl[k];
	}
	return NULL;
}

int
feedlist_lists(const struct feedlist *fl, const char *name)
{
	const struct feedlist_entry	*e;
	size_t				 i;

	for (i = 0; fl != NULL && i < fl->nentries; i++) {
		e = fl->entries[i];
		/* A feeds file of one's own replaces the built-in feeds. */
		if (fl->exists && (e->flags & NR_FEED_BUILTIN))
			continue;
		if (e->name != NULL && strcmp(e->name, name) == 0)
			return 1;
	}
	return 0;
}

void
feedlist_set_name(struct feedlist *fl, struct feedlist_entry *e,
    const char *name)
{
	if (e->name != NULL && strcmp(e->name, name) == 0)
		return;
	free(e->name);
	e->name = xstrdup(name);
	feedlist_index_rebuild(fl);
}

struct feedlist_entry *
feedlist_find_host(const struct feedlist *fl, const char *url)
{
	struct feedlist_entry	*found = NULL;
	const char		*h, *eh;
	char			*host, *ehost;
	size_t			 i, hl, el;
	int			 pass;

	host = feedlist_host_of(url);
	if (host == NULL)
		return NULL;
	h = skip_www(host);
	hl = strlen(h);
	for (pass = 0; pass < 2 && found == NULL; pass++) {
		for (i = 0; i < fl->nentries && found == NULL; i++) {
			ehost = feedlist_host_of(fl->entries[i]->url);
			if (ehost == NULL)
				continue;
			eh = skip_www(ehost);
			el = strlen(eh);
			if (pass == 0 && strcmp(h, eh) == 0)
				found = fl->entries[i];
			else if (pass == 1 && hl > el &&
			    h[hl - el - 1] == '.' &&
			    strcmp(h + hl - el, eh) == 0)
				found = fl->entries[i];
			free(ehost);
		}
	}
	free(host);
	return found;
}

void
feedlist_token_add(struct strbuf *sb, const char *s, int force)
{
	const char	*p;

	if (!force && *s != '\0' && strpbrk(s, " \t\"\\") == NULL &&
	    strchr("#~!", *s) == NULL && strncmp(s, "name=", 5) != 0 &&
	    strncmp(s, "fulltext=", 9) != 0) {
		strbuf_adds(sb, s);
		return;
	}
	strbuf_addc(sb, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addc(sb, '\\');
		strbuf_addc(sb, *p);
	}
	strbuf_addc(sb, '"');
}

char *
feedlist_format(const struct feedlist_entry *e)
{
	struct strbuf	 sb;
	char		*t;
	size_t		 i;

	strbuf_init(&sb, 0);
	strbuf_adds(&sb, e->url);
	for (i = 0; i < e->ntags; i++) {
		strbuf_addc(&sb, ' ');
		feedlist_token_add(&sb, e->tags[i], 0);
	}
	if (e->flags & NR_FEED_HIDDEN)
		strbuf_adds(&sb, " \"!hidden\"");
	if (e->title != NULL) {
		t = xasprintf("~%s", e->title);
		strbuf_addc(&sb, ' ');
		feedlist_token_add(&sb, t, 1);
		free(t);
	}
	if (e->flags & NR_FEED_NAMED) {
		strbuf_adds(&sb, " name=");
		strbuf_adds(&sb, e->want != NULL ? e->want : e->name);
	}
	if (e->flags & NR_FEED_FULLTEXT)
		strbuf_adds(&sb, " fulltext=yes");
	else if (e->flags & NR_FEED_FULLTEXT_SET)
		strbuf_adds(&sb, " fulltext=no");
	return strbuf_detach(&sb, NULL);
}

/* Whether a feed other than e has name as its store name or name=. */
static int
name_used(const struct feedlist *fl, const char *name,
    const struct feedlist_entry *e)
{
	size_t	i;

	if (feedlist_by_name(fl, name) != NULL &&
	    feedlist_by_name(fl, name) != e)
		return 1;
	for (i = 0; i < fl->nentries; i++)
		if (fl->entries[i] != e && fl->entries[i]->want != NULL &&
		    strcmp(fl->entries[i]->want, name) == 0)
			return 1;
	return 0;
}

enum nr_err
feedlist_add(struct feedlist *fl, const char *url, const char *title,
    char *const *tags, size_t ntags, const char *name,
    struct feedlist_entry **out, char *errbuf)
{
	struct feedlist_entry	*e;
	const char		*why;
	char			*base, *line, *t;
	size_t			 i;

	if (out != NULL)
		*out = NULL;
	why = feedlist_url_check(url);
	if (why != NULL)
		return nr_seterr(errbuf, NR_EUSAGE, "%.128s: %s", url, why);
	e = feedlist_find_url(fl, url);
	if (e != NULL && !(e->flags & NR_FEED_BUILTIN)) {
		if (out != NULL)
			*out = e;
		return nr_seterr(errbuf, NR_EEXIST, "%.128s is already feed %s",
		    url, e->name);
	}
	if (name != NULL && !feedlist_name_valid(name))
		return nr_seterr(errbuf, NR_EUSAGE, "bad feed name \"%.64s\"",
		    name);
	if (name != NULL && name_used(fl, name, e))
		return nr_seterr(errbuf, NR_EUSAGE, "feed name %s is taken",
		    name);
	if (e != NULL) {
		/* A built-in feed: it goes into the file from now on. */
		e->flags &= ~NR_FEED_BUILTIN;
	} else {
		e = xcalloc(1, sizeof *e);
		e->url = xstrdup(url);
		if (name != NULL) {
			e->name = xstrdup(name);
			e->want = xstrdup(name);
			e->flags |= NR_FEED_NAMED;
		} else {
			base = feedlist_name_from_url(url);
			e->name = unique_name(fl, base);
			free(base);
		}
		add_entry(fl, e);
	}
	if (title != NULL && *title != '\0') {
		free(e->title);
		e->title = feedlist_title_clean(title);
	}
	for (i = 0; i < ntags; i++)
		if (tags[i] != NULL)
			feedlist_tag_add(e, tags[i]);
	line = feedlist_format(e);
	if (fl->crlf) {
		t = xasprintf("%s\r", line);
		free(line);
		line = t;
	}
	feedlist_line_add(fl, line, strlen(line));
	free(line);
	e->line = fl->nlines;
	if (out != NULL)
		*out = e;
	return NR_OK;
}

/*
 * Read what the file at dir/base holds now (*buf NULL when it is
 * missing). Returns an enum nr_err.
 */
static enum nr_err
read_current(const char *path, char **buf, size_t *len, char *errbuf)
{
	struct stat	 st;

	*buf = NULL;
	*len = 0;
	if (stat(path, &st) == -1 && errno == ENOENT)
		return NR_OK;
	return util_read_file(path, FILE_MAX, buf, len, errbuf);
}

enum nr_err
feedlist_save(struct feedlist *fl, const char *path, char *errbuf)
{
	struct strbuf	 sb;
	char		*dir, *base, *buf, *old = NULL, *bak;
	const char	*slash;
	size_t		 i, len, oldlen;
	int		 err;

	if (path == NULL)
		path = fl->path;
	if (path == NULL)
		return nr_seterr(errbuf, NR_EUSAGE, "no feeds file");
	slash = strrchr(path, '/');
	if (slash == NULL) {
		dir = xstrdup(".");
		base = xstrdup(path);
	} else {
		len = slash == path ? 1 : (size_t)(slash - path);
		dir = xstrndup(path, len);
		base = xstrdup(slash + 1);
	}
	if (*base == '\0') {
		free(dir);
		free(base);
		return nr_seterr(errbuf, NR_EUSAGE, "%s: not a file", path);
	}
	if (util_mkdir_p(dir, 0755) == -1) {
		err = nr_seterr(errbuf, NR_EIO, "%s: %s", dir, strerror(errno));
		free(dir);
		free(base);
		return err;
	}
	/*
	 * The file as it is now: when it is the one we loaded, it becomes
	 * the backup "feeds~"; when another program changed it since, our
	 * change would undo theirs, so we refuse.
	 */
	err = read_current(path, &old, &oldlen, errbuf);
	if (err == NR_OK && fl->path != NULL && strcmp(path, fl->path) == 0 &&
	    ((old != NULL) != (fl->exists != 0) || (old != NULL &&
	    (oldlen != fl->size || util_hash64(old, oldlen) != fl->sum))))
		err = nr_seterr(errbuf, NR_ELOCKED, "%s: changed by another "
		    "program since it was read; try again", path);
	if (err == NR_OK && old != NULL) {
		bak = xasprintf("%s~", base);
		err = util_write_atomic(dir, bak, old, oldlen, errbuf);
		free(bak);
	}
	free(old);
	if (err != NR_OK) {
		free(dir);
		free(base);
		return err;
	}
	strbuf_init(&sb, 0);
	for (i = 0; i < fl->nlines; i++) {
		strbuf_adds(&sb, fl->lines[i]);
		if (i + 1 < fl->nlines || fl->noeol != fl->nlines)
			strbuf_addc(&sb, '\n');
	}
	buf = strbuf_detach(&sb, &len);
	err = util_write_atomic(dir, base, buf, len, errbuf);
	if (err == NR_OK) {
		fl->exists = 1;
		fl->sum = util_hash64(buf, len);
		fl->size = len;
	}
	free(buf);
	free(dir);
	free(base);
	return err;
}
