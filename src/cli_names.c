/*
 * Feed names on the command line: one resolution for --feed, --list
 * '=NAME' and the titles of --opml-export (issue 12).
 */
#include "nr_config.h"

#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/store.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

char *
cli_own_title(struct store *st, const char *name)
{
	struct store_feed	*f;
	const char		*t;
	char			*c = NULL;

	if (store_feed_open(st, name, &f, NULL) != NR_OK)
		return NULL;
	t = store_feed_get(f, NR_KEY_TITLE);
	if (t != NULL && *t != '\0')
		c = text_clean(t, strlen(t), NR_TEXT_ONELINE | NR_TEXT_TRIM,
		    1024);
	store_feed_close(f);
	if (c != NULL && *c == '\0')
		FREE(&c);
	return c;
}

/* Add a feed known by name (the directory). */
static struct cli_feed *
add(struct cli_names *nm, const char *name)
{
	struct cli_feed	*f;

	nm->v = xreallocarray(nm->v, nm->n + 1, sizeof *nm->v);
	f = &nm->v[nm->n++];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	return f;
}

void
cli_names_init(struct cli_names *nm, struct store *st, struct feedlist *fl)
{
	struct cli_feed	*f;
	char		**dirs;
	size_t		  ndirs = 0, i, k;

	memset(nm, 0, sizeof *nm);
	nm->st = st;
	nm->fl = fl;
	for (i = 0; fl != NULL && i < fl->nentries; i++) {
		f = add(nm, fl->entries[i]->name);
		f->fe = fl->entries[i];
	}
	if (st == NULL || store_feeds(st, &dirs, &ndirs, NULL) != NR_OK)
		return;
	for (i = 0; i < ndirs; i++) {
		for (k = 0; k < nm->n; k++)
			if (strcmp(nm->v[k].name, dirs[i]) == 0)
				break;
		if (k == nm->n)
			add(nm, dirs[i]);
		free(dirs[i]);
	}
	free(dirs);
}

void
cli_names_clear(struct cli_names *nm)
{
	size_t	i;

	for (i = 0; i < nm->n; i++) {
		free(nm->v[i].name);
		free(nm->v[i].title);
	}
	free(nm->v);
	memset(nm, 0, sizeof *nm);
}

const char *
cli_names_title(struct cli_names *nm, size_t i)
{
	struct cli_feed	*f = &nm->v[i];

	if (!f->titled && nm->st != NULL) {
		f->title = cli_own_title(nm->st, f->name);
		f->titled = 1;
	}
	return f->title;
}

/* The short names of feed i that start with s (its directory, name=). */
static int
has_prefix(const struct cli_feed *f, const char *s)
{
	size_t	len = strlen(s);

	if (strncmp(f->name, s, len) == 0)
		return 1;
	return f->fe != NULL && f->fe->want != NULL &&
	    strncmp(f->fe->want, s, len) == 0;
}

/* Whether s names feed i in the way step says (see cli_names_find). */
static int
matches(struct cli_names *nm, size_t i, size_t step, const char *s)
{
	const struct cli_feed	*f = &nm->v[i];
	const char		*want = f->fe != NULL ? f->fe->want : NULL;

	switch (step) {
	case 0:
		return strcmp(f->name, s) == 0;
	case 1:
		return want != NULL && strcmp(want, s) == 0;
	case 2:
		return f->fe != NULL && text_equal_ci(f->fe->title, s);
	case 3:
		return text_equal_ci(cli_names_title(nm, i), s);
	default:
		return f->fe != NULL && nm->fl != NULL &&
		    feedlist_find_url(nm->fl, s) == f->fe;
	}
}

enum nr_err
cli_names_find(struct cli_names *nm, const char *s, struct cli_feed **out,
    char *errbuf)
{
	struct strbuf	 sb;
	struct cli_feed	*found = NULL;
	size_t		 i, step, nfound = 0;

	*out = NULL;
	/* Directory, name=, "~Title", the feed's own title, URL. */
	for (step = 0; step < 5 && found == NULL; step++)
		for (i = 0; i < nm->n && found == NULL; i++)
			if (matches(nm, i, step, s))
				found = &nm->v[i];
	/* Else a prefix of one short name. */
	for (i = 0; found == NULL && *s != '\0' && i < nm->n; i++) {
		if (has_prefix(&nm->v[i], s)) {
			nfound++;
			*out = &nm->v[i];
		}
	}
	if (found != NULL || nfound == 1) {
		if (found != NULL)
			*out = found;
		return NR_OK;
	}
	*out = NULL;
	strbuf_init(&sb, 0);
	for (i = 0; i < nm->n; i++) {
		if (nfound > 0 && !has_prefix(&nm->v[i], s))
			continue;
		if (sb.len > 0)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, nm->v[i].name);
	}
	if (nfound > 0)
		nr_seterr(errbuf, NR_EUSAGE, "ambiguous feed '%.64s' "
		    "(matches: %s)", s, strbuf_str(&sb));
	else
		nr_seterr(errbuf, NR_ENOTFOUND, "unknown feed '%.64s' "
		    "(known feeds: %s)", s, sb.len > 0 ? strbuf_str(&sb) :
		    "none");
	strbuf_clear(&sb);
	return nfound > 0 ? NR_EUSAGE : NR_ENOTFOUND;
}
