/* The data model: items and feeds, their tags, enclosures and identity. */
#include "nr_config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/error.h"
#include "newsreader/feed.h"
#include "newsreader/text.h"
#include "newsreader/util.h"

/* At most this many tags and enclosures per item; more are dropped. */
#define MAX_TAGS	256
#define MAX_ENCLOSURES	64

struct item *
item_create(void)
{
	struct item	*it;

	it = xcalloc(1, sizeof *it);
	it->published = NR_TIME_NONE;
	it->updated = NR_TIME_NONE;
	return it;
}

void
item_free(struct item *it)
{
	size_t	i;

	if (it == NULL)
		return;
	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	for (i = 0; i < it->ntags; i++)
		free(it->tags[i]);
	free(it->tags);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	free(it);
}

/* Copy a string that may be NULL. */
static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct item *
item_dup(const struct item *src)
{
	struct item	*it;
	size_t		 i;

	it = item_create();
	it->guid = dup_or_null(src->guid);
	it->title = dup_or_null(src->title);
	it->link = dup_or_null(src->link);
	it->author = dup_or_null(src->author);
	it->summary = dup_or_null(src->summary);
	it->content = dup_or_null(src->content);
	it->published = src->published;
	it->updated = src->updated;
	it->flags = src->flags;
	if (src->ntags != 0) {
		it->tags = xreallocarray(NULL, src->ntags, sizeof *it->tags);
		for (i = 0; i < src->ntags; i++)
			it->tags[i] = xstrdup(src->tags[i]);
		it->ntags = src->ntags;
	}
	for (i = 0; i < src->nenclosures; i++)
		item_add_enclosure(it, src->enclosures[i].url,
		    src->enclosures[i].type, src->enclosures[i].length);
	return it;
}

int
item_add_tag(struct item *it, const char *tag)
{
	char	*clean, *low;
	size_t	 i;

	if (it->ntags >= MAX_TAGS)
		return 0;
	clean = text_clean(tag, strlen(tag), NR_TEXT_ONELINE | NR_TEXT_TRIM,
	    256);
	low = text_lower(clean);
	free(clean);
	if (*low == '\0') {
		free(low);
		return 0;
	}
	for (i = 0; i < it->ntags; i++) {
		if (strcmp(it->tags[i], low) == 0) {
			free(low);
			return 0;
		}
	}
	it->tags = xreallocarray(it->tags, it->ntags + 1, sizeof *it->tags);
	it->tags[it->ntags++] = low;
	return 1;
}

void
item_add_enclosure(struct item *it, const char *url, const char *type,
    long long length)
{
	struct enclosure	*e;

	if (it->nenclosures >= MAX_ENCLOSURES || url == NULL || *url == '\0')
		return;
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	e = &it->enclosures[it->nenclosures++];
	e->url = xstrdup(url);
	e->type = dup_or_null(type);
	e->length = length;
}

char *
item_identity(const struct item *it)
{
	if (it->guid != NULL && *it->guid != '\0')
		return xstrdup(it->guid);
	if (it->link != NULL && *it->link != '\0')
		return xstrdup(it->link);
	/* An undated item's date is when it was seen: not part of it. */
	if ((it->flags & NR_ITEM_DATE_SEEN) || it->published == NR_TIME_NONE)
		return xstrdup(it->title != NULL ? it->title : "");
	return xasprintf("%s\n%" PRId64, it->title != NULL ? it->title : "",
	    it->published);
}

uint64_t
item_hash(const struct item *it)
{
	char		*id;
	uint64_t	 h;

	id = item_identity(it);
	h = util_hash64(id, strlen(id));
	free(id);
	return h;
}

struct feed *
feed_create(void)
{
	return xcalloc(1, sizeof(struct feed));
}

void
feed_free(struct feed *f)
{
	size_t	i;

	if (f == NULL)
		return;
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->self);
	for (i = 0; i < f->nitems; i++)
		item_free(f->items[i]);
	free(f->items);
	for (i = 0; i < f->nwarnings; i++)
		free(f->warnings[i]);
	free(f->warnings);
	free(f);
}

void
feed_add_item(struct feed *f, struct item *it)
{
	if (f->nitems == f->itemcap) {
		f->itemcap = f->itemcap ? f->itemcap * 2 : 16;
		f->items = xreallocarray(f->items, f->itemcap,
		    sizeof *f->items);
	}
	f->items[f->nitems++] = it;
}

void
feed_warn(struct feed *f, const char *fmt, ...)
{
	va_list	ap;
	char	msg[NR_ERRBUF_SIZE];

	if (f->nwarnings >= 100)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Warnings quote feed text (encoding names, parser messages). */
	text_clean_msg(msg, sizeof msg);
	f->warnings = xreallocarray(f->warnings, f->nwarnings + 1,
	    sizeof *f->warnings);
	f->warnings[f->nwarnings++] = xstrdup(msg);
}
