/* newsreader: command-line parsing, the data and config paths, dispatch. */
#include "nr_config.h"

#include <sys/types.h>

#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/cli.h"
#include "newsreader/feedlist.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"

enum cmd {
	CMD_NONE,
	CMD_IMPORT,
	CMD_LIST,
	CMD_SHOW,
	CMD_PARSE,
	CMD_EXTRACT,
	CMD_DEMO,
	CMD_REFRESH,
	CMD_OPML_IMPORT,
	CMD_OPML_EXPORT,
	CMD_REINDEX,
	CMD_PRUNE,
	CMD_ADD,
	CMD_REMOVE,
	CMD_RENAME
};

/* Long-only options get values above the char range. */
enum {
	OPT_IMPORT = 256,
	OPT_INTO,
	OPT_SHOW,
	OPT_PARSE,
	OPT_EXTRACT,
	OPT_FEEDS,
	OPT_DEMO,
	OPT_OPML_IMPORT,
	OPT_OPML_EXPORT,
	OPT_ALLOW_FILE,
	OPT_REINDEX,
	OPT_SORT,
	OPT_SNIPPET,
	OPT_PRUNE,
	OPT_DRY_RUN,
	OPT_YES,
	OPT_ADD,
	OPT_PICK,
	OPT_REMOVE,
	OPT_RENAME
};

static const struct option longopts[] = {
	{ "add",	no_argument,		NULL, OPT_ADD },
	{ "allow-file",	no_argument,		NULL, OPT_ALLOW_FILE },
	{ "data-dir",	required_argument,	NULL, 'd' },
	{ "demo",	no_argument,		NULL, OPT_DEMO },
	{ "dry-run",	no_argument,		NULL, OPT_DRY_RUN },
	{ "extract",	no_argument,		NULL, OPT_EXTRACT },
	{ "feed",	required_argument,	NULL, 'f' },
	{ "feeds",	required_argument,	NULL, OPT_FEEDS },
	{ "help",	no_argument,		NULL, 'h' },
	{ "import",	no_argument,		NULL, OPT_IMPORT },
	{ "into",	required_argument,	NULL, OPT_INTO },
	{ "list",	optional_argument,	NULL, 'l' },
	{ "opml-export", no_argument,		NULL, OPT_OPML_EXPORT },
	{ "opml-import", no_argument,		NULL, OPT_OPML_IMPORT },
	{ "parse",	no_argument,		NULL, OPT_PARSE },
	{ "pick",	required_argument,	NULL, OPT_PICK },
	{ "prune",	no_argument,		NULL, OPT_PRUNE },
	{ "refresh",	no_argument,		NULL, 'r' },
	{ "reindex",	no_argument,		NULL, OPT_REINDEX },
	{ "remove",	no_argument,		NULL, OPT_REMOVE },
	{ "rename",	no_argument,		NULL, OPT_RENAME },
	{ "show",	no_argument,		NULL, OPT_SHOW },
	{ "snippet",	no_argument,		NULL, OPT_SNIPPET },
	{ "sort",	required_argument,	NULL, OPT_SORT },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "yes",	no_argument,		NULL, OPT_YES },
	{ NULL,		0,			NULL, 0 }
};

/* The short options, for getopt_long. */
static const char optstring[] = ":d:f:hlrvV";

static const char usage_text[] =
"usage: newsreader [options] [--feed NAME]\n"
"       newsreader --import PATH... [--into FEED]\n"
"       newsreader [options] --list [--sort newest|relevance] [--snippet]\n"
"                  [QUERY...]\n"
"       newsreader --show ID\n"
"       newsreader --parse FILE|URL\n"
"       newsreader --extract FILE|URL\n"
"       newsreader --refresh [--feed NAME]... [--feeds FILE]\n"
"       newsreader --opml-import FILE [--allow-file] | --opml-export\n"
"       newsreader --add URL [name=NAME] [TAG...] [~TITLE] [--pick N]\n"
"       newsreader --remove NAME | --rename NAME NEW\n"
"       newsreader --reindex\n"
"       newsreader --prune [--dry-run | --yes]\n"
"       newsreader --demo\n"
"\n"
"Commands:\n"
"      --import PATH...  copy article files (or every *.txt in a\n"
"                        directory) into the cache\n"
"      --into FEED       the feed --import stores into\n"
"  -l, --list [QUERY...] print cached items, newest first, one per line:\n"
"                        id, date, feed, flags, title, tags, link;\n"
"                        QUERY selects, as '+tag -tag @2023-04 word'\n"
"                        (see QUERY LANGUAGE in newsreader(1)); every\n"
"                        argument after --list is part of the query\n"
"                        (but --sort and --snippet), so other options\n"
"                        go before it; words, ~\"a phrase\" and word*\n"
"                        search the full text through the search index\n"
"      --sort ORDER      --list order: newest (the default) or\n"
"                        relevance (bm25 of the query's words)\n"
"      --snippet         --list adds an eighth column: the text around\n"
"                        the first match of the query's words\n"
"      --reindex         rebuild the search index (DATA/.meta/search.db)\n"
"                        from the article files\n"
"      --prune           delete the feed directories no longer in the\n"
"                        feeds file (recorded for a URL no line has any\n"
"                        more), keeping starred items; lists them with\n"
"                        their item and starred counts, then asks y/N\n"
"      --dry-run         --prune only lists what it would delete\n"
"      --yes             --prune deletes without asking (needed when\n"
"                        standard input is not a terminal)\n"
"      --show ID         print a cached item as its article file\n"
"      --parse FILE|URL  parse a feed document and print its items\n"
"                        without storing them\n"
"      --extract FILE|URL  print the article of a web page: its title,\n"
"                        a blank line, then its paragraphs, one a line\n"
"  -r, --refresh         fetch every feed (or each --feed NAME) into the\n"
"                        cache; one line per feed: name, status, new,\n"
"                        updated, message\n"
"      --opml-import FILE  add the feeds of an OPML file to the feeds file\n"
"                        (http and https URLs only, unless --allow-file)\n"
"      --allow-file      let --opml-import add file:// URLs too\n"
"      --add URL [name=NAME] [TAG...] [~TITLE]\n"
"                        subscribe: URL is a feed, or a web page whose\n"
"                        <link rel=alternate> feeds are found (else\n"
"                        /feed, /rss, /atom.xml, /index.xml, /feed.xml);\n"
"                        adds its line to the feeds file and fetches it\n"
"      --pick N          --add takes the page's Nth feed (when it lists\n"
"                        several, --add prints them and exits 2)\n"
"      --remove NAME     remove a feed's line from the feeds file (its\n"
"                        items stay until --prune)\n"
"      --rename NAME NEW  set the feed's name= (its items stay)\n"
"      --opml-export     print the feeds of the feeds file as OPML 2.0,\n"
"                        titled with their display or own titles\n"
"      --demo            start the reader on the bundled demo feeds in a\n"
"                        temporary data directory (lists them when the\n"
"                        output is not a terminal)\n"
"\n"
"Options:\n"
"  -d, --data-dir DIR    the cache (default $XDG_DATA_HOME/newsreader;\n"
"                        $NEWSREADER_HOME, when set, wins)\n"
"  -f, --feed NAME       the feed to open or refresh: a short name,\n"
"                        display name or URL (repeatable)\n"
"      --feeds FILE      the feeds file (default\n"
"                        $XDG_CONFIG_HOME/newsreader/feeds)\n"
"  -v, --verbose         write a debug log to DATA/.debug.log\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"Exit status: 0 success, 1 runtime error, 2 usage error.\n"
"See newsreader(1) and docs/FORMAT.md for the cache format.\n";

/* Print the usage summary to fp. */
static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
}

/* Complain about the command line and exit 2. */
static void __attribute__((noreturn, format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	cli_verror(fmt, ap);
	va_end(ap);
	fputs("Try 'newsreader --help' for more information.\n", stderr);
	exit(NR_EXIT_USAGE);
}

/* The home directory: $HOME, else the password database, else "/". */
static const char *
home_dir(void)
{
	const char	*home = getenv("HOME");
	struct passwd	*pw;

	if (home != NULL && *home == '/')
		return home;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && *pw->pw_dir == '/')
		return pw->pw_dir;
	return "/";
}

/* $VAR/newsreader if VAR is an absolute path, else ~/fallback/newsreader. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char	*v = getenv(var);

	if (v != NULL && *v == '/')
		return util_path_join(v, "newsreader");
	return xasprintf("%s/%s/newsreader", home_dir(), fallback);
}

/* True if arg is one of our long options ("--show", "--feed=x"). */
static int
is_long_option(const char *arg)
{
	const struct option	*o;
	size_t			 len;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	arg += 2;
	len = strcspn(arg, "=");
	for (o = longopts; o->name != NULL; o++)
		if (strlen(o->name) == len && strncmp(o->name, arg, len) == 0)
			return 1;
	return 0;
}

/* True when arg is one of our options that takes the next argument. */
static int
takes_arg(const char *arg)
{
	const struct option	*o;
	const char		*p;

	if (arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' &&
	    arg[2] == '\0')
		return (p = strchr(optstring + 1, arg[1])) != NULL &&
		    p[1] == ':';
	if (strncmp(arg, "--", 2) != 0)
		return 0;
	for (o = longopts; o->name != NULL; o++)
		if (strcmp(o->name, arg + 2) == 0)
			return o->has_arg == required_argument;
	return 0;
}

/* Move argv[k] to argv[*at], shifting argv[*at..k-1] up; *at moves on. */
static void
move_before(char **argv, int *at, int k)
{
	char	*a = argv[k];

	memmove(argv + *at + 1, argv + *at, (size_t)(k - *at) * sizeof *argv);
	argv[(*at)++] = a;
}

/*
 * Everything after --list (or -l) is the query, as with notmuch:
 * "--list -economy +china" (issue 12). The options of --list itself
 * (--sort ORDER, --snippet) may come after it too: they are moved before
 * it, and a "--" ends them (the words after it are all query). Returns
 * the index of --list in argv, or argc; *query gets the words after it
 * joined with spaces (caller frees; NULL when none). Another long option
 * of ours among them is a usage error: options go before --list.
 */
static int
split_list(int argc, char **argv, char **query)
{
	struct strbuf	 sb;
	const char	*a;
	int		 i, k, opts = 1;

	*query = NULL;
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0)
			return argc;
		if (strcmp(a, "--list") == 0 || strcmp(a, "-l") == 0 ||
		    strncmp(a, "--list=", 7) == 0)
			break;
		/* Skip the argument of an option that takes one. */
		if (takes_arg(a))
			i++;
	}
	if (i >= argc || i == argc - 1)
		return i;
	strbuf_init(&sb, 0);
	for (k = i + 1; k < argc; k++) {
		a = argv[k];
		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
			continue;
		}
		if (opts && (strcmp(a, "--snippet") == 0 ||
		    strncmp(a, "--sort=", 7) == 0)) {
			move_before(argv, &i, k);
			continue;
		}
		if (opts && strcmp(a, "--sort") == 0) {
			/* Its value follows; getopt reports a missing one. */
			move_before(argv, &i, k);
			if (k + 1 < argc)
				move_before(argv, &i, ++k);
			continue;
		}
		if (opts && is_long_option(a)) {
			strbuf_clear(&sb);
			usage_error("'%s' after --list: options go before "
			    "--list, and every word after it is the query", a);
		}
		if (sb.len > 0)
			strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, a);
	}
	*query = sb.len > 0 ? strbuf_detach(&sb, NULL) : NULL;
	if (*query == NULL)
		strbuf_clear(&sb);
	return i;
}

/* True when the environment variable is set and not empty. */
static int
env_set(const char *name)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0';
}

/*
 * The user's locale; when its character set is not UTF-8 only because
 * none of LC_ALL, LC_CTYPE and LANG is set (env -i, minimal images),
 * characters are read as C.UTF-8, as tmux does, so that Cyrillic and
 * CJK titles are not drawn as '?'. A locale the user chose is kept.
 */
static void
locale_init(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (env_set("LC_ALL") || env_set("LC_CTYPE") || env_set("LANG"))
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/* The number of --pick: 1 to 999. */
static int
pick_arg(const char *s)
{
	char	*end;
	long	 n;

	n = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || n < 1 || n > 999)
		usage_error("--pick takes a number from 1, not '%s'", s);
	return (int)n;
}

/* Select the command, refusing a second one. */
static void
set_cmd(enum cmd *cmd, enum cmd new)
{
	if (*cmd != CMD_NONE && *cmd != new)
		usage_error("only one command may be given");
	*cmd = new;
}

int
main(int argc, char **argv)
{
	struct cli_opts	 opts;
	enum cmd	 cmd = CMD_NONE;
	const char	*home, *datadir = NULL;
	char		*listq = NULL;	/* --list=QUERY */
	char		*listwords, *owned_list = NULL;
	char		*owned_data = NULL, *owned_config, *log;
	int		 ch, ret, sort_given = 0;

	locale_init();
	memset(&opts, 0, sizeof opts);
	opterr = 0;
	/* getopt sees nothing after --list: those words are the query. */
	ret = split_list(argc, argv, &listwords);
	if (ret < argc)
		argc = ret + 1;
	while ((ch = getopt_long(argc, argv, optstring, longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'd':
			datadir = optarg;
			break;
		case 'f':
			opts.feeds = xreallocarray(opts.feeds,
			    (size_t)opts.nfeeds + 1, sizeof *opts.feeds);
			opts.feeds[opts.nfeeds++] = optarg;
			break;
		case 'h':
			usage(stdout);
			return NR_EXIT_OK;
		case 'l':
			set_cmd(&cmd, CMD_LIST);
			if (optarg != NULL)
				listq = optarg;
			break;
		case 'r':
			set_cmd(&cmd, CMD_REFRESH);
			break;
		case 'v':
			opts.verbose++;
			break;
		case 'V':
			printf("newsreader %s\n", PACKAGE_VERSION);
			return NR_EXIT_OK;
		case OPT_ALLOW_FILE:
			opts.allow_file = 1;
			break;
		case OPT_DEMO:
			set_cmd(&cmd, CMD_DEMO);
			break;
		case OPT_FEEDS:
			opts.feedsfile = optarg;
			break;
		case OPT_IMPORT:
			set_cmd(&cmd, CMD_IMPORT);
			break;
		case OPT_INTO:
			opts.into = optarg;
			break;
		case OPT_OPML_EXPORT:
			set_cmd(&cmd, CMD_OPML_EXPORT);
			break;
		case OPT_OPML_IMPORT:
			set_cmd(&cmd, CMD_OPML_IMPORT);
			break;
		case OPT_EXTRACT:
			set_cmd(&cmd, CMD_EXTRACT);
			break;
		case OPT_PARSE:
			set_cmd(&cmd, CMD_PARSE);
			break;
		case OPT_SHOW:
			set_cmd(&cmd, CMD_SHOW);
			break;
		case OPT_REINDEX:
			set_cmd(&cmd, CMD_REINDEX);
			break;
		case OPT_PRUNE:
			set_cmd(&cmd, CMD_PRUNE);
			break;
		case OPT_DRY_RUN:
			opts.dry_run = 1;
			break;
		case OPT_YES:
			opts.yes = 1;
			break;
		case OPT_ADD:
			set_cmd(&cmd, CMD_ADD);
			break;
		case OPT_REMOVE:
			set_cmd(&cmd, CMD_REMOVE);
			break;
		case OPT_RENAME:
			set_cmd(&cmd, CMD_RENAME);
			break;
		case OPT_PICK:
			opts.pick = pick_arg(optarg);
			break;
		case OPT_SNIPPET:
			opts.snippet = 1;
			break;
		case OPT_SORT:
			if (strcmp(optarg, "relevance") == 0)
				opts.relevance = 1;
			else if (strcmp(optarg, "newest") == 0)
				opts.relevance = 0;
			else
				usage_error("--sort takes newest or "
				    "relevance, not '%s'", optarg);
			sort_given = 1;
			break;
		case ':':
			if (optopt >= 256 || optopt == 0) {
				usage_error("option '%s' needs an "
				    "argument", argv[optind - 1]);
			} else {
				usage_error("option '-%c' needs an "
				    "argument", optopt);
			}
		default:
			if (optopt != 0 && optopt < 256) {
				usage_error("unknown option '-%c'",
				    optopt);
			} else {
				usage_error("unknown option '%s'",
				    argv[optind - 1]);
			}
		}
	}
	if ((sort_given || opts.snippet) && cmd != CMD_LIST)
		usage_error("--sort and --snippet go with --list");
	if ((opts.dry_run || opts.yes) && cmd != CMD_PRUNE)
		usage_error("--dry-run and --yes go with --prune");
	if (opts.dry_run && opts.yes)
		usage_error("--dry-run and --yes do not go together");
	if (opts.pick != 0 && cmd != CMD_ADD)
		usage_error("--pick goes with --add");
	if (opts.allow_file && cmd != CMD_OPML_IMPORT)
		usage_error("--allow-file goes with --opml-import");
	opts.args = argv + optind;
	opts.nargs = argc - optind;
	opts.tty = isatty(STDOUT_FILENO);

	home = getenv("NEWSREADER_HOME");
	if (home != NULL && *home != '\0')
		datadir = home;
	if (datadir == NULL)
		datadir = owned_data = xdg_dir("XDG_DATA_HOME", ".local/share");
	opts.datadir = datadir;
	opts.configdir = owned_config = xdg_dir("XDG_CONFIG_HOME", ".config");
	if (opts.verbose) {
		/* A dot name: never a feed's directory (issue 11). */
		log = util_path_join(opts.datadir, ".debug.log");
		log_open(log);
		free(log);
	}

	switch (cmd) {
	case CMD_IMPORT:
		if (opts.nargs == 0)
			usage_error("--import needs at least one PATH");
		ret = cli_import(&opts);
		break;
	case CMD_LIST:
		if (opts.nargs > 0)
			usage_error("unexpected argument '%s' before --list",
			    opts.args[0]);
		if (listq != NULL && listwords != NULL)
			listq = owned_list = xasprintf("%s %s", listq,
			    listwords);
		else if (listwords != NULL)
			listq = listwords;
		if (listq != NULL) {
			opts.args = &listq;
			opts.nargs = 1;
		}
		ret = cli_list(&opts);
		break;
	case CMD_SHOW:
		if (opts.nargs != 1)
			usage_error("--show needs exactly one ID");
		ret = cli_show(&opts);
		break;
	case CMD_PARSE:
		if (opts.nargs != 1)
			usage_error("--parse needs exactly one FILE or URL");
		ret = cli_parse(&opts);
		break;
	case CMD_EXTRACT:
		if (opts.nargs != 1)
			usage_error("--extract needs exactly one FILE or URL");
		ret = cli_extract(&opts);
		break;
	case CMD_DEMO:
		ret = cli_demo(&opts);
		break;
	case CMD_REFRESH:
		if (opts.nargs > 0)
			usage_error("--refresh takes no arguments (use "
			    "--feed NAME)");
		ret = cli_refresh(&opts);
		break;
	case CMD_OPML_IMPORT:
		if (opts.nargs != 1)
			usage_error("--opml-import needs exactly one FILE");
		ret = cli_opml_import(&opts);
		break;
	case CMD_REINDEX:
		if (opts.nargs > 0)
			usage_error("--reindex takes no arguments");
		ret = cli_reindex(&opts);
		break;
	case CMD_PRUNE:
		if (opts.nargs > 0)
			usage_error("--prune takes no arguments");
		ret = cli_prune(&opts);
		break;
	case CMD_ADD:
		if (opts.nargs < 1)
			usage_error("--add needs a URL");
		ret = cli_add(&opts);
		break;
	case CMD_REMOVE:
		if (opts.nargs != 1)
			usage_error("--remove needs exactly one NAME");
		ret = cli_remove(&opts);
		break;
	case CMD_RENAME:
		if (opts.nargs != 2)
			usage_error("--rename needs a NAME and a NEW name");
		ret = cli_rename(&opts);
		break;
	case CMD_OPML_EXPORT:
		if (opts.nargs > 0)
			usage_error("--opml-export takes no arguments");
		ret = cli_opml_export(&opts);
		break;
	default:
		if (opts.nargs > 0)
			usage_error("unexpected argument (did you mean "
			    "--import or --list?)");
		if (opts.into != NULL)
			usage_error("--into goes with --import");
		ret = cli_tui(&opts);
		break;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("error writing to standard output");
		ret = NR_EXIT_ERROR;
	}
	log_close();
	free(owned_data);
	free(owned_config);
	free(owned_list);
	free(listwords);
	free(opts.feeds);
	return ret;
}
