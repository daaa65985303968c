/*
 * The filter module's compiler: the query language's lexer and parser;
 * dates become Unix ranges in local time here, once per query.
 */
#include "nr_config.h"

#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "newsreader/feed.h"
#include "newsreader/filter.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "filter_int.h"

/* Longest piece of query quoted in an error message, in bytes. */
#define QUOTE_MAX	60

enum tok {
	T_END,
	T_LPAREN,
	T_RPAREN,
	T_OR,
	T_AND,
	T_NOT,
	T_TERM,
	T_ERR
};

struct parser {
	const char	*q;
	struct filter	*f;
	struct tm	 today;		/* the local date of now */
	enum tok	 tok;		/* the current token */
	size_t		 off;		/* its first byte */
	size_t		 end;		/* one past its last byte */
	size_t		 prevoff;	/* the token before it */
	size_t		 prevend;
	int		 depth;		/* open "(" and "not" */
	int		 failed;
	size_t		 erroff;
	char		*errbuf;
};

static void	fail(struct parser *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static size_t	parse_or(struct parser *);

/* Record the first error, at byte offset off of the query. */
static void
fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list	ap;

	if (p->failed)
		return;
	p->failed = 1;
	p->erroff = off;
	p->tok = T_ERR;
	if (p->errbuf != NULL) {
		va_start(ap, fmt);
		vsnprintf(p->errbuf, NR_ERRBUF_SIZE, fmt, ap);
		va_end(ap);
	}
}

/* A length fit for "%.*s" in a message. */
static int
clip(size_t n)
{
	return n > QUOTE_MAX ? QUOTE_MAX : (int)n;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* True for what ends a bare word: the end, white space, a parenthesis. */
static int
is_delim(int c)
{
	return c == '\0' || is_space(c) || c == '(' || c == ')';
}

/* One past the closing quote of the string opening at q[i], or FN_NONE. */
static size_t
skip_quoted(const char *q, size_t i)
{
	for (i++; q[i] != '\0'; i++) {
		if (q[i] == '\\' && q[i + 1] != '\0')
			i++;
		else if (q[i] == '"')
			return i + 1;
	}
	return FN_NONE;
}

/* True when s[0..n) is the keyword kw, in any case. */
static int
is_keyword(const char *s, size_t n, const char *kw)
{
	return n == strlen(kw) && util_strncasecmp(s, kw, n) == 0;
}

/* Read the next token into p->tok, p->off and p->end. */
static void
advance(struct parser *p)
{
	const char	*q = p->q;
	size_t		 i = p->end, j;

	if (p->failed)
		return;
	p->prevoff = p->off;
	p->prevend = p->end;
	while (is_space((unsigned char)q[i]))
		i++;
	p->off = i;
	p->end = i + 1;
	switch (q[i]) {
	case '\0':
		p->tok = T_END;
		p->end = i;
		return;
	case '(':
		p->tok = T_LPAREN;
		return;
	case ')':
		p->tok = T_RPAREN;
		return;
	case '/':
		for (j = i + 1; q[j] != '\0' && q[j] != '/'; j++) {
			if (q[j] == '\\' && q[j + 1] != '\0')
				j++;
		}
		if (q[j] == '\0') {
			fail(p, i, "unterminated regex (no closing '/')");
			return;
		}
		p->tok = T_TERM;
		p->end = j + 1;
		return;
	}
	j = i;
	if (q[j] == '+' || q[j] == '-' || q[j] == '=' || q[j] == '~')
		j++;
	if (q[j] == '"') {
		if ((i = skip_quoted(q, j)) == FN_NONE) {
			fail(p, j, "unterminated quote");
			return;
		}
		j = i;
	} else {
		while (!is_delim((unsigned char)q[j]))
			j++;
	}
	p->end = j;
	p->tok = T_TERM;
	if (is_keyword(q + p->off, j - p->off, "or"))
		p->tok = T_OR;
	else if (is_keyword(q + p->off, j - p->off, "and"))
		p->tok = T_AND;
	else if (is_keyword(q + p->off, j - p->off, "not"))
		p->tok = T_NOT;
}

/* Append a node to the filter; returns its index. */
static size_t
node_new(struct parser *p, enum fn_type type, unsigned cost)
{
	struct filter	*f = p->f;
	struct fnode	*nd;

	if (f->nnodes == f->cap) {
		f->cap = f->cap == 0 ? 16 : f->cap * 2;
		f->nodes = xreallocarray(f->nodes, f->cap, sizeof *f->nodes);
	}
	nd = &f->nodes[f->nnodes];
	memset(nd, 0, sizeof *nd);
	nd->type = type;
	nd->kid = FN_NONE;
	nd->next = FN_NONE;
	nd->cost = cost;
	return f->nnodes++;
}

/* Copy s[0..n), unquoting a "string" with \" and \\ escapes. */
static char *
unquote(const char *s, size_t n)
{
	char	*out, *o;
	size_t	 i;

	if (n < 2 || s[0] != '"')
		return xstrndup(s, n);
	out = o = xmalloc(n);
	for (i = 1; i < n - 1; i++) {
		if (s[i] == '\\' && (s[i + 1] == '"' || s[i + 1] == '\\') &&
		    i + 1 < n - 1)
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/*
 * A node of type holding the lowercase value q[off..p->end); an empty
 * value is the error what (at the token).
 */
static size_t
value_node(struct parser *p, enum fn_type type, unsigned cost, size_t off,
    const char *what)
{
	struct fnode	*nd;
	const char	*t;
	char		*raw, *low;
	size_t		 n;

	raw = unquote(p->q + off, p->end - off);
	if (*raw == '\0') {
		free(raw);
		fail(p, p->off, "%s", what);
		return FN_NONE;
	}
	low = text_lower(raw);
	free(raw);
	n = node_new(p, type, cost);
	nd = &p->f->nodes[n];
	nd->str = low;
	nd->len = strlen(low);
	t = low;
	nd->first = filter_next_lower(p->f, &t);
	nd->firstlen = (size_t)(t - low);
	return n;
}

/*
 * A word or phrase at q[off..p->end): a TEXT node, numbered among the
 * query's words; a bare word ending in '*' is a prefix.
 */
static size_t
word_node(struct parser *p, size_t off, const char *what)
{
	struct filter	*f = p->f;
	struct fnode	*nd;
	size_t		 end = p->end, k;
	int		 prefix = 0;

	if (p->q[off] != '"' && end > off + 1 && p->q[end - 1] == '*') {
		prefix = 1;
		p->end--;
	}
	k = value_node(p, FN_TEXT, 6, off, what);
	p->end = end;
	if (k == FN_NONE)
		return FN_NONE;
	if (f->nwords == FN_WORDS_MAX) {
		fail(p, p->off, "more than %d words", FN_WORDS_MAX);
		return FN_NONE;
	}
	nd = &f->nodes[k];
	nd->prefix = prefix;
	nd->raw = unquote(p->q + off, end - off - (size_t)prefix);
	nd->word = f->nwords;
	f->words = xreallocarray(f->words, f->nwords + 1, sizeof *f->words);
	f->words[f->nwords++] = k;
	return k;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Local midnight starting day d of month m of year y (normalized). */
static int64_t
midnight(int y, int m, int d)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* True when s[0..n) is all ASCII digits. */
static int
all_digits(const char *s, size_t n)
{
	return strspn(s, "0123456789") >= n;
}

/*
 * One date of a query (no "..") as the local range [*from, *to).
 * Returns 0, or -1 when s is not a date.
 */
static int
date_atom(struct parser *p, const char *s, int64_t *from, int64_t *to)
{
	int	ty = p->today.tm_year + 1900, tmon = p->today.tm_mon + 1;
	int	td = p->today.tm_mday, y, m = 1, d = 1, num, months;
	size_t	n = strlen(s), k;

	if (util_strcasecmp(s, "today") == 0 ||
	    util_strcasecmp(s, "yesterday") == 0) {
		if (s[0] == 'y' || s[0] == 'Y')
			td--;
		*from = midnight(ty, tmon, td);
		*to = midnight(ty, tmon, td + 1);
		return 0;
	}
	k = strspn(s, "0123456789");
	if (k >= 1 && k <= 5 && n == k + 1 && strchr("dwm", s[k]) != NULL) {
		num = atoi(s);
		/* At most about a century back (fuzzer find: @32047m). */
		if (num == 0 || (s[k] == 'd' && num > 36525) ||
		    (s[k] == 'w' && num > 5218) || (s[k] == 'm' && num > 1200))
			return -1;
		*to = midnight(ty, tmon, td + 1);
		if (s[k] == 'd')
			*from = midnight(ty, tmon, td - (num - 1));
		else if (s[k] == 'w')
			*from = midnight(ty, tmon, td - (7 * num - 1));
		else {
			months = ty * 12 + (tmon - 1) - num;
			y = months / 12;
			m = months % 12 + 1;
			d = td < month_days(y, m) ? td : month_days(y, m);
			*from = midnight(y, m, d + 1);
		}
		return 0;
	}
	if ((n != 4 && n != 7 && n != 10) || !all_digits(s, 4))
		return -1;
	y = atoi(s);
	if (n >= 7) {
		if (s[4] != '-' || !all_digits(s + 5, 2))
			return -1;
		m = (s[5] - '0') * 10 + (s[6] - '0');
	}
	if (n == 10) {
		if (s[7] != '-' || !all_digits(s + 8, 2))
			return -1;
		d = (s[8] - '0') * 10 + (s[9] - '0');
	}
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	*from = midnight(y, m, d);
	if (n == 4)
		*to = midnight(y + 1, 1, 1);
	else if (n == 7)
		*to = midnight(y, m + 1, 1);
	else
		*to = midnight(y, m, d + 1);
	return 0;
}

/* @DATE, @FROM..TO, @FROM.., @..TO. */
static size_t
date_term(struct parser *p)
{
	char		 buf[QUOTE_MAX + 1], *a, *b, *dots;
	size_t		 off = p->off + 1, n = p->end - off, k;
	int64_t		 from = INT64_MIN, to = INT64_MAX, unused;

	if (n == 0) {
		fail(p, p->off, "missing date after '@'");
		return FN_NONE;
	}
	if (n >= sizeof buf) {
		fail(p, p->off, "bad date '%.*s'", clip(n), p->q + off);
		return FN_NONE;
	}
	memcpy(buf, p->q + off, n);
	buf[n] = '\0';
	a = buf;
	b = NULL;
	if ((dots = strstr(buf, "..")) != NULL) {
		*dots = '\0';
		b = dots + 2;
		if (*a == '\0' && *b == '\0') {
			fail(p, p->off, "a date range needs a start or an end");
			return FN_NONE;
		}
	}
	if (*a != '\0' && date_atom(p, a, &from, b == NULL ? &to : &unused)) {
		fail(p, p->off, "bad date '%s'", a);
		return FN_NONE;
	}
	if (b != NULL && *b != '\0' && date_atom(p, b, &unused, &to) != 0) {
		fail(p, off + (size_t)(b - buf), "bad date '%s'", b);
		return FN_NONE;
	}
	if (from >= to) {
		if (dots != NULL)
			*dots = '.';
		fail(p, p->off, "date range '%s' ends before it starts",
		    buf);
		return FN_NONE;
	}
	k = node_new(p, FN_DATE, 1);
	p->f->nodes[k].from = from;
	p->f->nodes[k].to = to;
	return k;
}

/* is:unread, is:read, is:starred. */
static size_t
state_term(struct parser *p)
{
	const char	*s = p->q + p->off + 3;
	size_t		 n = p->end - p->off - 3, k;
	int		 flag, want;

	if (is_keyword(s, n, "unread")) {
		flag = NR_STATE_READ;
		want = 0;
	} else if (is_keyword(s, n, "read")) {
		flag = NR_STATE_READ;
		want = 1;
	} else if (is_keyword(s, n, "starred")) {
		flag = NR_STATE_STARRED;
		want = 1;
	} else {
		fail(p, p->off, "unknown '%.*s' (is:unread, is:read or "
		    "is:starred)", clip(p->end - p->off), p->q + p->off);
		return FN_NONE;
	}
	k = node_new(p, FN_STATE, 1);
	p->f->nodes[k].flag = flag;
	p->f->nodes[k].want = want;
	return k;
}

/*
 * Refuse regexes whose compilation could blow up (glibc's regcomp copies
 * a subtree for each quantifier, so "a+++...+" or large "{n,m}" grow
 * exponentially): at most 512 bytes, 32 quantifiers, no quantifier right
 * after another, interval bounds of at most 255. Returns NULL or why.
 */
static const char *
regex_risky(const char *pat)
{
	const char	*s;
	size_t		 nq = 0;
	int		 prevq = 0;
	long		 v;

	if (strlen(pat) > 512)
		return "longer than 512 bytes";
	for (s = pat; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			prevq = 0;
			continue;
		}
		if (*s == '*' || *s == '+' || *s == '?' || *s == '{') {
			if (prevq)
				return "a quantifier follows a quantifier";
			if (++nq > 32)
				return "more than 32 quantifiers";
			prevq = 1;
			if (*s == '{') {
				while (*++s != '\0' && *s != '}') {
					if (*s >= '0' && *s <= '9') {
						v = strtol(s, (char **)&s, 10);
						s--;
						if (v > 255)
							return "a repeat count "
							    "over 255";
					}
				}
				if (*s == '\0')
					break;
			}
			continue;
		}
		prevq = 0;
	}
	return NULL;
}

/* /regex/ on the title; \/ stands for a slash. */
static size_t
regex_term(struct parser *p)
{
	const char	*s = p->q + p->off + 1;
	size_t		 n = p->end - p->off - 2, i, k;
	char		*pat, *o, msg[128];
	const char	*why;
	regex_t		*re;
	int		 rc;

	if (n == 0) {
		fail(p, p->off, "empty regex");
		return FN_NONE;
	}
	pat = o = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == '/')
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	if ((why = regex_risky(pat)) != NULL) {
		fail(p, p->off, "regex refused: %s", why);
		free(pat);
		return FN_NONE;
	}
	re = xmalloc(sizeof *re);
	rc = regcomp(re, pat, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, re, msg, sizeof msg);
		fail(p, p->off, "bad regex '%.*s': %s", clip(strlen(pat)), pat,
		    msg);
		free(re);
		free(pat);
		return FN_NONE;
	}
	free(pat);
	k = node_new(p, FN_REGEX, 10);
	p->f->nodes[k].re = re;
	return k;
}

/* Compile the term token at p->off into a node. */
static size_t
term(struct parser *p)
{
	const char	*s = p->q + p->off;
	size_t		 n = p->end - p->off, k, t;

	switch (s[0]) {
	case '+':
		return value_node(p, FN_TAG, 3, p->off + 1,
		    "empty tag after '+'");
	case '-':
		t = value_node(p, FN_TAG, 3, p->off + 1,
		    "empty tag after '-'");
		if (t == FN_NONE)
			return FN_NONE;
		k = node_new(p, FN_NOT, 3);
		p->f->nodes[k].kid = t;
		return k;
	case '@':
		return date_term(p);
	case '=':
		return value_node(p, FN_FEED, 2, p->off + 1,
		    "empty feed name after '='");
	case '~':
		return word_node(p, p->off + 1, "empty word after '~'");
	case '/':
		return regex_term(p);
	}
	if (n >= 3 && util_strncasecmp(s, "is:", 3) == 0)
		return state_term(p);
	/* A bare word or "phrase" is searched as with ~. */
	return word_node(p, p->off, "empty phrase");
}

/* A new AND or OR node over kids[0..n), cheapest first. */
static size_t
group(struct parser *p, enum fn_type type, size_t *kids, size_t n)
{
	struct fnode	*nodes;
	size_t		 g, i, j, t;
	unsigned	 cost = 0;

	/* Predicates are pure, so any order gives the same answer. */
	for (i = 1; i < n; i++) {
		t = kids[i];
		for (j = i; j > 0 && p->f->nodes[kids[j - 1]].cost >
		    p->f->nodes[t].cost; j--)
			kids[j] = kids[j - 1];
		kids[j] = t;
	}
	g = node_new(p, type, 0);
	nodes = p->f->nodes;
	for (i = 0; i < n; i++) {
		nodes[kids[i]].next = i + 1 < n ? kids[i + 1] : FN_NONE;
		cost += nodes[kids[i]].cost;
	}
	nodes[g].kid = kids[0];
	nodes[g].cost = cost > 1000 ? 1000 : cost;
	return g;
}

/* Append k to the array *kids of *n. */
static void
push(size_t **kids, size_t *n, size_t *cap, size_t k)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 4 : *cap * 2;
		*kids = xreallocarray(*kids, *cap, sizeof **kids);
	}
	(*kids)[(*n)++] = k;
}

/* primary = "(" or ")" / term */
static size_t
parse_primary(struct parser *p)
{
	size_t	off = p->off, k;

	switch (p->tok) {
	case T_LPAREN:
		if (++p->depth > FN_DEPTH_MAX) {
			fail(p, off, "nested deeper than %d", FN_DEPTH_MAX);
			return FN_NONE;
		}
		advance(p);
		if (p->tok == T_RPAREN) {
			fail(p, off, "empty parentheses");
			return FN_NONE;
		}
		if (p->tok == T_END) {
			fail(p, off, "unbalanced '(' (no matching ')')");
			return FN_NONE;
		}
		k = parse_or(p);
		p->depth--;
		if (k == FN_NONE)
			return FN_NONE;
		if (p->tok != T_RPAREN) {
			fail(p, off, "unbalanced '(' (no matching ')')");
			return FN_NONE;
		}
		advance(p);
		return k;
	case T_TERM:
		k = term(p);
		if (k != FN_NONE)
			advance(p);
		return k;
	case T_RPAREN:
		fail(p, off, "unbalanced ')'");
		return FN_NONE;
	case T_OR:
	case T_AND:
		fail(p, off, "unexpected '%.*s'", clip(p->end - off),
		    p->q + off);
		return FN_NONE;
	case T_END:
		fail(p, p->prevoff, "nothing after '%.*s'",
		    clip(p->prevend - p->prevoff), p->q + p->prevoff);
		return FN_NONE;
	case T_NOT:
	case T_ERR:
		break;
	}
	return FN_NONE;
}

/* not = "not" not / primary */
static size_t
parse_not(struct parser *p)
{
	size_t	off = p->off, k, n;

	if (p->tok != T_NOT)
		return parse_primary(p);
	if (++p->depth > FN_DEPTH_MAX) {
		fail(p, off, "nested deeper than %d", FN_DEPTH_MAX);
		return FN_NONE;
	}
	advance(p);
	k = parse_not(p);
	p->depth--;
	if (k == FN_NONE)
		return FN_NONE;
	n = node_new(p, FN_NOT, p->f->nodes[k].cost);
	p->f->nodes[n].kid = k;
	return n;
}

/* and = not *(["and"] not) */
static size_t
parse_and(struct parser *p)
{
	size_t	*kids = NULL, n = 0, cap = 0, k;

	for (;;) {
		if (n > 0 && p->tok == T_AND)
			advance(p);
		if ((k = parse_not(p)) == FN_NONE)
			break;
		push(&kids, &n, &cap, k);
		if (p->tok != T_TERM && p->tok != T_LPAREN &&
		    p->tok != T_NOT && p->tok != T_AND)
			break;
	}
	if (p->failed)
		k = FN_NONE;
	else
		k = n == 1 ? kids[0] : group(p, FN_AND, kids, n);
	free(kids);
	return k;
}

/* or = and *("or" and) */
static size_t
parse_or(struct parser *p)
{
	size_t	*kids = NULL, n = 0, cap = 0, k;

	for (;;) {
		if ((k = parse_and(p)) == FN_NONE)
			break;
		push(&kids, &n, &cap, k);
		if (p->tok != T_OR)
			break;
		advance(p);
	}
	if (p->failed)
		k = FN_NONE;
	else
		k = n == 1 ? kids[0] : group(p, FN_OR, kids, n);
	free(kids);
	return k;
}

/* The 1-based column, in characters, of byte offset off of q. */
static size_t
column(const char *q, size_t off)
{
	size_t	i, col = 1;

	for (i = 0; i < off && q[i] != '\0'; i++) {
		if (((unsigned char)q[i] & 0xc0) != 0x80)
			col++;
	}
	return col;
}

enum nr_err
filter_compile(const char *query, int64_t now, struct filter **out,
    size_t *errcol, char *errbuf)
{
	struct parser	 p;
	struct filter	*f;
	time_t		 t = (time_t)now;
	size_t		 root;

	*out = NULL;
	if (errcol != NULL)
		*errcol = 0;
	if (errbuf != NULL)
		errbuf[0] = '\0';
	if (query == NULL)
		query = "";
	f = xcalloc(1, sizeof *f);
	filter_lower_init(f);
	memset(&p, 0, sizeof p);
	p.q = query;
	p.f = f;
	p.errbuf = errbuf;
	tzset();
	if (localtime_r(&t, &p.today) == NULL)
		memset(&p.today, 0, sizeof p.today);
	advance(&p);
	if (p.tok == T_END)
		root = node_new(&p, FN_TRUE, 0);
	else {
		root = parse_or(&p);
		if (p.tok == T_RPAREN)
			fail(&p, p.off, "unbalanced ')'");
	}
	if (p.failed) {
		if (errcol != NULL)
			*errcol = column(query, p.erroff);
		filter_free(f);
		return NR_EQUERY;
	}
	f->root = root;
	*out = f;
	return NR_OK;
}
