/*
 * libFuzzer target for the config file reader: any bytes (no terminator,
 * NUL bytes, no final newline); every value kept must lie in its range.
 */
#include "nr_config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every warning names a line of the input and says something. */
static void
warn(void *arg, const char *path, size_t line, const char *msg)
{
	size_t	nlines = *(size_t *)arg;

	if (path == NULL || line == 0 || line > nlines || msg == NULL ||
	    *msg == '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 cfg;
	size_t		 i, nlines = 1;

	for (i = 0; i < size; i++)
		nlines += data[i] == '\n';
	config_parse((const char *)data, size, "fuzz", &cfg, warn, &nlines);
	if (cfg.nui > NR_CONFIG_UI_MAX || cfg.keep_days < 0 ||
	    cfg.keep_days >= 100000 || cfg.max_conns < 0 ||
	    cfg.max_conns > 64 || cfg.max_per_host < 0 ||
	    cfg.max_per_host > 16 || cfg.timeout < 0 || cfg.timeout > 3600 ||
	    cfg.connect_timeout < 0 || cfg.connect_timeout > 600 ||
	    cfg.max_items > 10000000)
		abort();
	for (i = 0; i < cfg.nui; i++) {
		if (memchr(cfg.ui[i].text, '\0', sizeof cfg.ui[i].text) ==
		    NULL || cfg.ui[i].line == 0 || cfg.ui[i].line > nlines)
			abort();
	}
	return 0;
}
