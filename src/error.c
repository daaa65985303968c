/* Error codes: descriptions and the caller-owned detail buffer. */
#include "nr_config.h"

#include <stdarg.h>
#include <stdio.h>

#include "newsreader/error.h"

static const char *const nr_errors[] = {
	[NR_OK] = "success",
	[NR_ENOMEM] = "out of memory",
	[NR_EIO] = "input/output error",
	[NR_ENOSPC] = "no space left on device",
	[NR_EFETCH] = "fetch failed",
	[NR_EHTTP] = "HTTP error",
	[NR_EPARSE] = "parse error",
	[NR_ENOTFEED] = "not a feed",
	[NR_EFORMAT] = "malformed file",
	[NR_ENOTFOUND] = "not found",
	[NR_EEXIST] = "already exists",
	[NR_ELIMIT] = "limit exceeded",
	[NR_ELOCKED] = "locked by another process",
	[NR_EUSAGE] = "usage error",
	[NR_EQUERY] = "malformed query",
};

const char *
nr_strerror(enum nr_err err)
{
	if ((unsigned)err >= sizeof nr_errors / sizeof nr_errors[0] ||
	    nr_errors[err] == NULL)
		return "unknown error";
	return nr_errors[err];
}

enum nr_err
nr_seterr(char *errbuf, enum nr_err err, const char *fmt, ...)
{
	va_list	ap;

	if (errbuf == NULL)
		return err;
	va_start(ap, fmt);
	vsnprintf(errbuf, NR_ERRBUF_SIZE, fmt, ap);
	va_end(ap);
	return err;
}
