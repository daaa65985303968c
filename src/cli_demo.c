/*
 * The --demo command: the bundled demo articles in a temporary cache,
 * shown in the reader on a terminal, else listed.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/cli.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"

/* Remove one entry during a depth-first walk. */
static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

/* The directory holding the demo articles, or NULL. */
static const char *
demo_dir(void)
{
	static const char *const dirs[] = {
		NR_PKGDATADIR "/demo",
		NR_SRCDIR "/demo",
	};
	const char	*env = getenv("NEWSREADER_DEMO_DIR");
	struct stat	 sb;
	size_t		 i;

	if (env != NULL && *env != '\0')
		return env;
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		if (stat(dirs[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			return dirs[i];
	}
	return NULL;
}

int
cli_demo(struct cli_opts *opts)
{
	struct cli_opts	 o;
	const char	*dir, *tmp;
	char		*data, *args[1];
	int		 ret;

	if ((dir = demo_dir()) == NULL) {
		cli_error("the demo articles are not installed (looked in "
		    NR_PKGDATADIR "/demo)");
		return NR_EXIT_ERROR;
	}
	tmp = getenv("TMPDIR");
	data = xasprintf("%s/newsreader-demo.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(data) == NULL) {
		cli_error("%s: cannot create a temporary directory", data);
		free(data);
		return NR_EXIT_ERROR;
	}
	o = *opts;
	o.datadir = data;
	o.into = NULL;
	args[0] = (char *)dir;
	o.args = args;
	o.nargs = 1;
	ret = cli_import(&o);
	o.args = NULL;
	o.nargs = 0;
	/* On a terminal the reader starts; otherwise the items are listed. */
	if (ret == NR_EXIT_OK && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO))
		ret = cli_tui(&o);
	else if (ret == NR_EXIT_OK)
		ret = cli_list(&o);
	fflush(stdout);
	(void)nftw(data, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(data);
	return ret;
}
