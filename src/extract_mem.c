/*
 * extract: the memory gumbo parses a page in. An arena: allocations
 * are taken from large chunks, a free gives back only the latest
 * allocation (gumbo's growing buffers), and the whole is let go at
 * once when the page is done. This spares malloc's bookkeeping, which
 * was most of gumbo's time, and the walk of gumbo_destroy_output.
 */
#include "nr_config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newsreader/util.h"
#include "extract_int.h"

/*
 * Bytes of a chunk; larger allocations get a chunk of their own. Chunks
 * are aligned to and asked for as huge pages where the system has
 * them: one page fault for 2 MiB instead of 512.
 */
#define XMEM_CHUNK	(4U << 20)
#define XMEM_ALIGN	16

struct xmem_chunk {
	struct xmem_chunk	*prev;
	size_t			 size;	/* usable bytes after the header */
	size_t			 used;
	size_t			 last;	/* offset of the latest allocation */
	/* The data follows, aligned. */
};

#define XMEM_HDR	((sizeof(struct xmem_chunk) + XMEM_ALIGN - 1) & \
			    ~(size_t)(XMEM_ALIGN - 1))

static unsigned char *
chunk_data(struct xmem_chunk *c)
{
	return (unsigned char *)c + XMEM_HDR;
}

/* A chunk of size bytes, on huge pages when it is big enough. */
static struct xmem_chunk *
chunk_new(size_t size)
{
	return xmalloc_big(size);
}

void *
xmem_alloc(void *arena, size_t size)
{
	struct xmem	*m = arena;
	struct xmem_chunk *c = m->top;
	size_t		 need;

	need = (size + XMEM_ALIGN - 1) & ~(size_t)(XMEM_ALIGN - 1);
	if (need == 0)
		need = XMEM_ALIGN;
	if (c == NULL || c->size - c->used < need) {
		size_t	chunk = m->chunk != 0 ? m->chunk : XMEM_CHUNK;
		int	big = need > chunk / 4;

		/* A chunk is 2 MiB pages whole, its header in it. */
		c = chunk_new(big ? XMEM_HDR + need : chunk);
		c->size = big ? need : chunk - XMEM_HDR;
		c->used = 0;
		c->last = 0;
		if (big && m->top != NULL) {
			/* A big one goes below the top chunk. */
			c->prev = m->top->prev;
			m->top->prev = c;
		} else {
			c->prev = m->top;
			m->top = c;
		}
	}
	c->last = c->used;
	c->used += need;
	return chunk_data(c) + c->last;
}

void
xmem_free(void *arena, void *p)
{
	struct xmem		*m = arena;
	struct xmem_chunk	*c = m->top;

	/* The latest allocation of the top chunk is given back. */
	if (p != NULL && c != NULL && (unsigned char *)p ==
	    chunk_data(c) + c->last && c->last < c->used) {
		c->used = c->last;
	}
}

void
xmem_release(struct xmem *m)
{
	struct xmem_chunk	*c, *prev;

	for (c = m->top; c != NULL; c = prev) {
		prev = c->prev;
		free(c);
	}
	m->top = NULL;
}
