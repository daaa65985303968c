/*
 * User tags: tags the user gives an item in the interface, kept as
 * "usertag" lines of the feed's state file (docs/FORMAT.md, section 4),
 * never in the article file.
 */
#include "nr_config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/util.h"
#include "store_int.h"

#define USERTAG_MAX	64

int
store_usertag_valid(const char *tag)
{
	const unsigned char	*u = (const unsigned char *)tag;
	size_t			 n = strlen(tag), i;

	if (n == 0 || n > USERTAG_MAX || strchr("+-@=~/'", u[0]) != NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (u[i] <= 0x20 || u[i] == 0x7f || strchr(",\"()\\",
		    u[i]) != NULL)
			return 0;
	}
	return 1;
}

/* True when '\n'-separated list has tag exactly. */
static int
has_tag(const char *list, const char *tag)
{
	size_t		 n = strlen(tag);
	const char	*p;

	for (p = list; p != NULL && *p != '\0'; ) {
		if (strncmp(p, tag, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return 1;
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return 0;
}

enum nr_err
store_usertag(struct store *st, const char *feed, uint64_t hash,
    const char *tag, int add, char *errbuf)
{
	struct store_feed	*f;
	struct store_item	 it;
	struct store_change	 ch;
	char			*line;
	long			 pos;
	int			 locked = store_locked(st), has;
	enum nr_err		 err;

	if (!store_usertag_valid(tag))
		return nr_seterr(errbuf, NR_EFORMAT, "bad tag '%.64s'", tag);
	if (!locked && (err = store_lock(st, 1, errbuf)) != NR_OK)
		return err;
	if ((err = store_feed_open(st, feed, &f, errbuf)) != NR_OK)
		goto out;
	if ((pos = store_feed_find(f, hash)) < 0) {
		store_feed_close(f);
		err = nr_seterr(errbuf, NR_ENOTFOUND, "no such item");
		goto out;
	}
	store_feed_item(f, (size_t)pos, &it);
	has = has_tag(it.usertags, tag);
	memset(&ch, 0, sizeof ch);
	ch.feed = feed;
	ch.before = store_feed_version(f);
	ch.put = &hash;
	ch.nput = 1;
	store_feed_close(f);
	if (!add && !has) {
		err = nr_seterr(errbuf, NR_ENOTFOUND, "no user tag '%s'", tag);
		goto out;
	}
	if (add && has)
		goto out;
	line = xasprintf("%s\t%016" PRIx64 "\t%s\n", add ? "usertag" : "untag",
	    hash, tag);
	err = store_append_lines(st, feed, line, strlen(line), errbuf);
	free(line);
	/* User tags are searched: derived data follows, under the lock. */
	if (err == NR_OK && st->hook != NULL)
		st->hook(st->hookarg, &ch, 1);
out:
	if (!locked)
		store_unlock(st);
	return err;
}
