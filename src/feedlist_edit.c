/*
 * Editing the feeds file: removing a feed's line, changing its name=,
 * title and tags. Only the line of the feed changes, and in it only the
 * tokens that change: every other byte of the file is kept.
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/text.h"
#include "newsreader/util.h"
#include "feedlist_int.h"

#define SPANS_MAX	256

/* What a token of a line is. */
enum span_kind {
	SPAN_URL,
	SPAN_TAG,
	SPAN_TITLE,
	SPAN_HIDDEN,
	SPAN_NAME,
	SPAN_COMMENT	/* an unquoted # and the rest of the line */
};

/* A token of a line: where it is. */
struct span {
	size_t		 start;
	size_t		 end;
	enum span_kind	 kind;
};

/*
 * Split a line (without its CR) into spans, as feedlist.c's tokenizer
 * splits it: blanks separate, double quotes group with \" and \\ inside;
 * with url, the first is the URL. Returns the count.
 */
static size_t
spans_read(const char *s, size_t len, struct span *sp, size_t max, int url)
{
	size_t	 i = 0, n = 0, a;
	int	 quoted;

	while (n < max) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len)
			break;
		a = i;
		quoted = s[i] == '"';
		if (quoted) {
			i++;
			while (i < len && s[i] != '"') {
				if (s[i] == '\\' && i + 1 < len &&
				    (s[i + 1] == '"' || s[i + 1] == '\\'))
					i++;
				i++;
			}
			if (i < len)
				i++;
		} else {
			while (i < len && s[i] != ' ' && s[i] != '\t')
				i++;
		}
		sp[n].start = a;
		sp[n].end = i;
		if (n == 0 && url)
			sp[n].kind = SPAN_URL;
		else if (!quoted && s[a] == '#') {
			sp[n].end = len;
			sp[n++].kind = SPAN_COMMENT;
			break;
		} else if (s[a + quoted] == '~')
			sp[n].kind = SPAN_TITLE;
		else if (s[a + quoted] == '!')
			sp[n].kind = SPAN_HIDDEN;
		else if (!quoted && i - a > 5 &&
		    strncmp(s + a, "name=", 5) == 0)
			sp[n].kind = SPAN_NAME;
		else
			sp[n].kind = SPAN_TAG;
		n++;
	}
	return n;
}

/* What to change in a line. */
struct change {
	const char	*name;		/* NULL: keep */
	const char	*title;		/* NULL: keep; "": remove */
	char *const	*tags;
	size_t		 ntags;
	int		 settags;
};

/*
 * Append the new tokens of kind k (those that replace the old ones),
 * the first after sep (the blanks of the token replaced), the others
 * after a space.
 */
static void
add_new(struct strbuf *sb, const struct change *c, enum span_kind k,
    const char *sep, size_t seplen)
{
	char	*t;
	size_t	 i;

	if (k == SPAN_TITLE && *c->title == '\0')
		return;
	if (k == SPAN_TAG && c->ntags == 0)
		return;
	if (seplen > 0)
		strbuf_add(sb, sep, seplen);
	else
		strbuf_addc(sb, ' ');
	if (k == SPAN_TAG) {
		for (i = 0; i < c->ntags; i++) {
			if (i > 0)
				strbuf_addc(sb, ' ');
			feedlist_token_add(sb, c->tags[i], 0);
		}
	} else if (k == SPAN_TITLE) {
		t = xasprintf("~%s", c->title);
		feedlist_token_add(sb, t, 1);
		free(t);
	} else if (k == SPAN_NAME) {
		strbuf_adds(sb, "name=");
		strbuf_adds(sb, c->name);
	}
}

/* Whether tokens of kind k are replaced by the change. */
static int
replaced(const struct change *c, enum span_kind k)
{
	return (k == SPAN_TAG && c->settags) ||
	    (k == SPAN_TITLE && c->title != NULL) ||
	    (k == SPAN_NAME && c->name != NULL);
}

/*
 * The line with the change made (caller frees): replaced tokens go with
 * the blanks before them; the first of a kind takes the new tokens'
 * place; tags that were not there go after the URL, a title or name
 * that was not there before a comment or at the end.
 */
static char *
line_change(const char *line, const struct change *c)
{
	struct span	 sp[SPANS_MAX];
	struct strbuf	 sb;
	size_t		 len, n, i, prev;
	int		 done[SPAN_COMMENT + 1] = { 0 }, cr;

	len = strlen(line);
	cr = len > 0 && line[len - 1] == '\r';
	if (cr)
		len--;
	n = spans_read(line, len, sp, SPANS_MAX, 1);
	strbuf_init(&sb, 0);
	if (n == 0)
		return xstrdup(line);
	strbuf_add(&sb, line, sp[0].end);
	if (c->settags) {
		add_new(&sb, c, SPAN_TAG, NULL, 0);
		done[SPAN_TAG] = 1;
	}
	prev = sp[0].end;
	for (i = 1; i < n; i++) {
		if (sp[i].kind == SPAN_COMMENT) {
			if (c->title != NULL && !done[SPAN_TITLE])
				add_new(&sb, c, SPAN_TITLE, NULL, 0);
			if (c->name != NULL && !done[SPAN_NAME])
				add_new(&sb, c, SPAN_NAME, NULL, 0);
			done[SPAN_TITLE] = done[SPAN_NAME] = 1;
		}
		if (replaced(c, sp[i].kind)) {
			if (!done[sp[i].kind])
				add_new(&sb, c, sp[i].kind, line + prev,
				    sp[i].start - prev);
			done[sp[i].kind] = 1;
		} else
			strbuf_add(&sb, line + prev, sp[i].end - prev);
		prev = sp[i].end;
	}
	if (c->title != NULL && !done[SPAN_TITLE])
		add_new(&sb, c, SPAN_TITLE, NULL, 0);
	if (c->name != NULL && !done[SPAN_NAME])
		add_new(&sb, c, SPAN_NAME, NULL, 0);
	strbuf_add(&sb, line + prev, len - prev);
	if (cr)
		strbuf_addc(&sb, '\r');
	return strbuf_detach(&sb, NULL);
}

/* Index of e in the list's entries, or nentries. */
static size_t
entry_index(const struct feedlist *fl, const struct feedlist_entry *e)
{
	size_t	i;

	for (i = 0; i < fl->nentries; i++)
		if (fl->entries[i] == e)
			break;
	return i;
}

enum nr_err
feedlist_remove(struct feedlist *fl, struct feedlist_entry *e, char *errbuf)
{
	size_t	k, i, ln = e->line;

	k = entry_index(fl, e);
	if (k == fl->nentries)
		return nr_seterr(errbuf, NR_ENOTFOUND, "no such feed");
	if (ln > 0 && ln <= fl->nlines) {
		free(fl->lines[ln - 1]);
		memmove(fl->lines + ln - 1, fl->lines + ln,
		    (fl->nlines - ln) * sizeof *fl->lines);
		fl->nlines--;
		if (fl->noeol == ln)
			fl->noeol = 0;
		else if (fl->noeol > ln)
			fl->noeol--;
		for (i = 0; i < fl->nentries; i++)
			if (fl->entries[i]->line > ln)
				fl->entries[i]->line--;
	}
	memmove(fl->entries + k, fl->entries + k + 1,
	    (fl->nentries - k - 1) * sizeof *fl->entries);
	fl->nentries--;
	feedlist_entry_free(e);
	feedlist_index_rebuild(fl);
	return NR_OK;
}

/* Whether another entry than e has name as its store name or name=. */
static int
name_taken(const struct feedlist *fl, const struct feedlist_entry *e,
    const char *name)
{
	const struct feedlist_entry	*o;
	size_t				 i;

	for (i = 0; i < fl->nentries; i++) {
		o = fl->entries[i];
		if (o == e)
			continue;
		if (strcmp(o->name, name) == 0 ||
		    (o->want != NULL && strcmp(o->want, name) == 0))
			return 1;
	}
	return 0;
}

/* Make the change to e and to its line. */
static enum nr_err
change(struct feedlist *fl, struct feedlist_entry *e, const struct change *c,
    char *errbuf)
{
	struct change	 same;
	char		*line;
	size_t		 i;

	if (entry_index(fl, e) == fl->nentries)
		return nr_seterr(errbuf, NR_ENOTFOUND, "no such feed");
	if (c->name != NULL && !feedlist_name_valid(c->name))
		return nr_seterr(errbuf, NR_EUSAGE, "bad feed name \"%.64s\": "
		    "[a-z0-9._-] only, no leading dot or dash, at most %d",
		    c->name, NR_FEED_NAME_MAX);
	/* The name it has already is no change. */
	if (c->name != NULL && e->want != NULL &&
	    strcmp(e->want, c->name) == 0) {
		same = *c;
		same.name = NULL;
		c = &same;
	}
	if (c->name != NULL && name_taken(fl, e, c->name))
		return nr_seterr(errbuf, NR_EEXIST, "feed name %s is taken",
		    c->name);
	/*
	 * e->name stays: it is the store's directory (FORMAT.md section 6:
	 * a recorded URL keeps its directory whatever its name= says).
	 */
	if (c->name != NULL) {
		free(e->want);
		e->want = xstrdup(c->name);
		e->flags |= NR_FEED_NAMED;
	}
	if (c->title != NULL) {
		free(e->title);
		e->title = feedlist_title_clean(c->title);
	}
	if (c->settags) {
		for (i = 0; i < e->ntags; i++)
			free(e->tags[i]);
		FREE(&e->tags);
		e->ntags = 0;
		for (i = 0; i < c->ntags; i++)
			feedlist_tag_add(e, c->tags[i]);
	}
	if (e->line == 0 || e->line > fl->nlines) {
		/* A built-in feed: from now on it is a line of the file. */
		e->flags &= ~NR_FEED_BUILTIN;
		line = feedlist_format(e);
		feedlist_line_add(fl, line, strlen(line));
		free(line);
		e->line = fl->nlines;
	} else {
		line = line_change(fl->lines[e->line - 1], c);
		free(fl->lines[e->line - 1]);
		fl->lines[e->line - 1] = line;
	}
	feedlist_index_rebuild(fl);
	return NR_OK;
}

enum nr_err
feedlist_rename(struct feedlist *fl, struct feedlist_entry *e,
    const char *name, char *errbuf)
{
	struct change	 c;

	memset(&c, 0, sizeof c);
	c.name = name;
	return change(fl, e, &c, errbuf);
}

enum nr_err
feedlist_retitle(struct feedlist *fl, struct feedlist_entry *e,
    const char *title, char *errbuf)
{
	struct change	 c;
	char		*t;
	enum nr_err	 err;

	memset(&c, 0, sizeof c);
	t = text_clean(title != NULL ? title : "", title != NULL ?
	    strlen(title) : 0, NR_TEXT_ONELINE | NR_TEXT_TRIM, 256);
	c.title = t;
	err = change(fl, e, &c, errbuf);
	free(t);
	return err;
}

enum nr_err
feedlist_retag(struct feedlist *fl, struct feedlist_entry *e,
    char *const *tags, size_t ntags, char *errbuf)
{
	struct feedlist_entry	 tmp;
	struct change		 c;
	size_t			 i;
	enum nr_err		 err;

	/* The tags as they will be stored: cleaned, lowercase, unique. */
	memset(&tmp, 0, sizeof tmp);
	for (i = 0; i < ntags; i++)
		feedlist_tag_add(&tmp, tags[i]);
	memset(&c, 0, sizeof c);
	c.settags = 1;
	c.tags = tmp.tags;
	c.ntags = tmp.ntags;
	err = change(fl, e, &c, errbuf);
	for (i = 0; i < tmp.ntags; i++)
		free(tmp.tags[i]);
	free(tmp.tags);
	return err;
}

/* Unquote a span of a line (caller frees). */
static char *
unquote(const char *s, size_t len)
{
	struct strbuf	 sb;
	size_t		 i;

	if (len == 0 || s[0] != '"')
		return xstrndup(s, len);
	strbuf_init(&sb, 0);
	for (i = 1; i < len && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < len &&
		    (s[i + 1] == '"' || s[i + 1] == '\\'))
			i++;
		strbuf_addc(&sb, s[i]);
	}
	return strbuf_detach(&sb, NULL);
}

enum nr_err
feedlist_fields_parse(const char *text, int withurl,
    struct feedlist_fields *ff, char *errbuf)
{
	struct span	 sp[SPANS_MAX];
	size_t		 n, i;
	char		*t;

	memset(ff, 0, sizeof *ff);
	n = spans_read(text, strlen(text), sp, SPANS_MAX, withurl);
	ff->tags = xcalloc(n + 1, sizeof *ff->tags);
	for (i = 0; i < n; i++) {
		t = unquote(text + sp[i].start, sp[i].end - sp[i].start);
		if (i == 0 && withurl) {
			ff->url = t;
			continue;
		}
		if (sp[i].kind == SPAN_COMMENT) {
			free(t);
			break;
		}
		if (sp[i].kind == SPAN_NAME) {
			free(ff->name);
			ff->name = xstrdup(t + 5);
		} else if (sp[i].kind == SPAN_TITLE) {
			free(ff->title);
			ff->title = xstrdup(t + 1);
		} else if (sp[i].kind == SPAN_TAG)
			ff->tags[ff->ntags++] = t, t = NULL;
		free(t);
	}
	if (withurl && ff->url == NULL)
		return nr_seterr(errbuf, NR_EUSAGE, "no URL");
	if (ff->name != NULL && !feedlist_name_valid(ff->name))
		return nr_seterr(errbuf, NR_EUSAGE, "bad feed name \"%.64s\": "
		    "[a-z0-9._-] only, no leading dot or dash", ff->name);
	return NR_OK;
}

void
feedlist_fields_clear(struct feedlist_fields *ff)
{
	size_t	i;

	free(ff->url);
	free(ff->name);
	free(ff->title);
	for (i = 0; i < ff->ntags; i++)
		free(ff->tags[i]);
	free(ff->tags);
	memset(ff, 0, sizeof *ff);
}

char *
feedlist_fields(const struct feedlist_entry *e)
{
	char	*line, *s;
	size_t	 n;

	line = feedlist_format(e);
	n = strlen(e->url);
	s = xstrdup(line + n + (line[n] == ' '));
	free(line);
	return s;
}

enum nr_err
feedlist_edit_fields(struct feedlist *fl, struct feedlist_entry *e,
    const char *text, char *errbuf)
{
	struct feedlist_fields	 ff;
	struct feedlist_entry	 tmp;
	struct change		 c;
	size_t			 i;
	enum nr_err		 err;

	err = feedlist_fields_parse(text, 0, &ff, errbuf);
	if (err != NR_OK) {
		feedlist_fields_clear(&ff);
		return err;
	}
	memset(&tmp, 0, sizeof tmp);
	for (i = 0; i < ff.ntags; i++)
		feedlist_tag_add(&tmp, ff.tags[i]);
	memset(&c, 0, sizeof c);
	c.name = ff.name;
	c.title = ff.title != NULL ? ff.title : "";
	c.settags = 1;
	c.tags = tmp.tags;
	c.ntags = tmp.ntags;
	err = change(fl, e, &c, errbuf);
	for (i = 0; i < tmp.ntags; i++)
		free(tmp.tags[i]);
	free(tmp.tags);
	feedlist_fields_clear(&ff);
	return err;
}
