/* The CLI's feeds-file commands: --opml-import and --opml-export. */
#include "nr_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/cli.h"
#include "newsreader/error.h"
#include "newsreader/feedlist.h"
#include "newsreader/opml.h"
#include "newsreader/store.h"
#include "newsreader/util.h"

#define OPML_MAX	(16UL << 20)

/* The feeds file of the options (caller frees). */
static char *
feeds_path(const struct cli_opts *opts)
{
	if (opts->feedsfile != NULL)
		return xstrdup(opts->feedsfile);
	return util_path_join(opts->configdir, "feeds");
}

/* Read all of stdin, at most max bytes; returns an enum nr_err. */
static int
read_stdin(size_t max, char **bufp, size_t *lenp, char *errbuf)
{
	struct strbuf	 sb;
	char		 chunk[8192];
	size_t		 n;

	strbuf_init(&sb, 0);
	for (;;) {
		n = fread(chunk, 1, sizeof chunk, stdin);
		if (n == 0)
			break;
		if (sb.len + n > max) {
			strbuf_clear(&sb);
			return nr_seterr(errbuf, NR_ELIMIT,
			    "stdin: larger than %zu bytes", max);
		}
		strbuf_add(&sb, chunk, n);
	}
	if (ferror(stdin)) {
		strbuf_clear(&sb);
		return nr_seterr(errbuf, NR_EIO, "stdin: read error");
	}
	*bufp = strbuf_detach(&sb, lenp);
	return NR_OK;
}

/*
 * True for http and https URLs: an OPML file from elsewhere may add
 * nothing else (a file:// feed reads the local disk).
 */
static int
web_url(const char *url)
{
	return util_strncasecmp(url, "http://", 7) == 0 ||
	    util_strncasecmp(url, "https://", 8) == 0;
}

/*
 * The feed's own title, when the data directory holds the feed of url
 * (caller frees), or NULL.
 */
static char *
url_title(struct store *st, const char *url)
{
	struct store_ref	 ref;
	const char		*rec;
	char			*base, *t = NULL;

	if (st == NULL)
		return NULL;
	memset(&ref, 0, sizeof ref);
	ref.url = url;
	ref.base = base = feedlist_name_from_url(url);
	if (store_resolve(st, &ref, 1, 0, NULL) == NR_OK &&
	    (rec = store_feed_url(st, ref.name)) != NULL &&
	    strcmp(rec, url) == 0)
		t = cli_own_title(st, ref.name);
	free(base);
	return t;
}

/* Print the load warnings of a feeds file. */
static void
print_warnings(const struct feedlist *fl)
{
	size_t	 i;

	for (i = 0; i < fl->nwarnings; i++)
		cli_warn("%s", fl->warnings[i]);
}

int
cli_opml_import(struct cli_opts *opts)
{
	struct opml_outline	*o = NULL;
	struct feedlist		*fl = NULL;
	struct store		*st = NULL;
	char			 errbuf[NR_ERRBUF_SIZE];
	char			*path, *buf = NULL, *own;
	const char		*title;
	const char		*src;
	size_t			 len, n = 0, i;
	size_t			 added = 0, dup = 0, bad = 0;
	int			 err, rc = NR_EXIT_ERROR;

	if (opts->nargs < 1) {
		cli_error("--opml-import needs an OPML file (or -)");
		return NR_EXIT_USAGE;
	}
	src = opts->args[0];
	path = feeds_path(opts);
	errbuf[0] = '\0';
	if (strcmp(src, "-") == 0)
		err = read_stdin(OPML_MAX, &buf, &len, errbuf);
	else
		err = util_read_file(src, OPML_MAX, &buf, &len, errbuf);
	if (err != NR_OK) {
		if (errbuf[0] != '\0')
			cli_error("%s", errbuf);
		else
			cli_error("%s: %s", src, nr_strerror(err));
		goto out;
	}
	err = opml_import(buf, len, &o, &n, errbuf);
	if (err != NR_OK) {
		cli_error("%s: %s", src, errbuf);
		goto out;
	}
	err = feedlist_load(path, 0, &fl, errbuf);
	if (err != NR_OK) {
		cli_error("%s: %s", path, errbuf);
		goto out;
	}
	print_warnings(fl);
	/* Without a data directory no feed has a title of its own. */
	if (store_open(opts->datadir, &st, errbuf) != NR_OK)
		st = NULL;
	for (i = 0; i < n; i++) {
		if (!web_url(o[i].url) && !(opts->allow_file &&
		    util_strncasecmp(o[i].url, "file://", 7) == 0)) {
			cli_warn("%s: %.128s: not an http or https URL "
			    "(skipped; --allow-file adds file:// URLs)", src,
			    o[i].url);
			bad++;
			continue;
		}
		/* The feed's own title is no display name ("~..."). */
		own = o[i].title != NULL ? url_title(st, o[i].url) : NULL;
		title = own != NULL && strcmp(own, o[i].title) == 0 ? NULL :
		    o[i].title;
		err = feedlist_add(fl, o[i].url, title, o[i].tags,
		    o[i].ntags, NULL, NULL, errbuf);
		free(own);
		if (err == NR_OK)
			added++;
		else if (err == NR_EEXIST)
			dup++;
		else {
			cli_warn("%s: %s", src, errbuf);
			bad++;
		}
	}
	if (added > 0) {
		err = feedlist_save(fl, NULL, errbuf);
		if (err != NR_OK) {
			cli_error("%s: %s", path, errbuf);
			goto out;
		}
	}
	fprintf(stderr, "newsreader: %s: %zu added, %zu already listed, "
	    "%zu skipped\n", path, added, dup, bad);
	rc = NR_EXIT_OK;
out:
	store_free(st);
	feedlist_free(fl);
	opml_outlines_free(o, n);
	free(buf);
	free(path);
	return rc;
}

int
cli_opml_export(struct cli_opts *opts)
{
	struct feedlist		*fl = NULL;
	struct store		*st = NULL;
	struct cli_names	 nm;
	char			 errbuf[NR_ERRBUF_SIZE];
	char			*path, *doc, **titles;
	size_t			 len, i;
	int			 err, rc = NR_EXIT_ERROR;

	/* The feeds of the feeds file, not the built-in ones. */
	path = feeds_path(opts);
	err = feedlist_load(path, NR_FEEDLIST_NO_BUILTINS, &fl, errbuf);
	if (err != NR_OK) {
		cli_error("%s: %s", path, errbuf);
		free(path);
		return rc;
	}
	print_warnings(fl);
	/* A feed without "~Title" is exported with its own title. */
	if (store_open(opts->datadir, &st, errbuf) == NR_OK)
		cli_feeds_resolve(st, fl);
	cli_names_init(&nm, st, fl);
	titles = xcalloc(fl->nentries + 1, sizeof *titles);
	for (i = 0; i < fl->nentries; i++)
		titles[i] = (char *)cli_names_title(&nm, i);
	doc = opml_export(fl, titles, &len);
	if (fwrite(doc, 1, len, stdout) == len && fflush(stdout) == 0)
		rc = NR_EXIT_OK;
	else
		cli_error("stdout: write error");
	free(doc);
	free(titles);
	cli_names_clear(&nm);
	store_free(st);
	feedlist_free(fl);
	free(path);
	return rc;
}
