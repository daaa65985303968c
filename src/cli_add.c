/* --add URL: subscribe to a feed or to the feeds a web page names. */
#include "nr_config.h"

#include "newsreader/cli.h"

int
cli_add(struct cli_opts *opts)
{
	(void)opts;
	cli_error("--add: not there yet");
	return NR_EXIT_ERROR;
}
