/*
 * Prompt history: entries per prompt kind, walked with Up and Down, kept
 * in $DATA/.history (one "K text" line each, newest last). No curses.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsreader/error.h"
#include "newsreader/text.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"
#include "ui_int.h"

/* The character that starts a kind's lines in the file. */
static const char hist_kinds[UI_HIST_NKINDS] = { 0, '/', 'F', 'g', '+' };

void
ui_hist_init(struct ui_hist *h)
{
	memset(h, 0, sizeof *h);
}

void
ui_hist_clear(struct ui_hist *h)
{
	size_t	i;
	int	k;

	if (h == NULL)
		return;
	for (k = 0; k < UI_HIST_NKINDS; k++) {
		for (i = 0; i < h->n[k]; i++)
			free(h->ent[k][i]);
		h->n[k] = 0;
	}
}

/* True when len bytes of s may be an entry. */
static int
entry_valid(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len >= UI_EDIT_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	}
	return text_is_clean(s, len);
}

/* Add len bytes of s to kind k. */
static int
hist_add(struct ui_hist *h, int k, const char *s, size_t len)
{
	size_t	i;
	char	*e;

	if (k <= UI_HIST_NONE || k >= UI_HIST_NKINDS || !entry_valid(s, len))
		return -1;
	for (i = 0; i < h->n[k]; i++) {
		e = h->ent[k][i];
		if (strlen(e) == len && memcmp(e, s, len) == 0)
			break;
	}
	if (i < h->n[k]) {
		/* Seen before: move it to the end. */
		e = h->ent[k][i];
		memmove(&h->ent[k][i], &h->ent[k][i + 1],
		    (h->n[k] - i - 1) * sizeof e);
		h->ent[k][h->n[k] - 1] = e;
		return 0;
	}
	if (h->n[k] == UI_HIST_MAX) {
		free(h->ent[k][0]);
		memmove(&h->ent[k][0], &h->ent[k][1],
		    (UI_HIST_MAX - 1) * sizeof e);
		h->n[k]--;
	}
	e = xmalloc(len + 1);
	memcpy(e, s, len);
	e[len] = '\0';
	h->ent[k][h->n[k]++] = e;
	return 0;
}

int
ui_hist_add(struct ui_hist *h, int k, const char *s)
{
	return hist_add(h, k, s, strlen(s));
}

size_t
ui_hist_count(const struct ui_hist *h, int k)
{
	if (k <= UI_HIST_NONE || k >= UI_HIST_NKINDS)
		return 0;
	return h->n[k];
}

const char *
ui_hist_get(const struct ui_hist *h, int k, size_t i)
{
	if (i >= ui_hist_count(h, k))
		return NULL;
	return h->ent[k][i];
}

void
ui_hist_parse(struct ui_hist *h, const char *buf, size_t len)
{
	const char	*end = buf + len, *nl, *p;
	size_t		 n;
	int		 k;

	for (p = buf; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			break;	/* a torn last line */
		n = nl - p;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n < 3 || p[1] != ' ')
			continue;
		for (k = UI_HIST_NONE + 1; k < UI_HIST_NKINDS; k++) {
			if (p[0] == hist_kinds[k])
				break;
		}
		if (k < UI_HIST_NKINDS)
			hist_add(h, k, p + 2, n - 2);
	}
}

char *
ui_hist_format(const struct ui_hist *h, size_t *len)
{
	struct strbuf	sb;
	size_t		i;
	int		k;

	strbuf_init(&sb, 0);
	for (k = UI_HIST_NONE + 1; k < UI_HIST_NKINDS; k++) {
		for (i = 0; i < h->n[k]; i++)
			strbuf_addf(&sb, "%c %s\n", hist_kinds[k],
			    h->ent[k][i]);
	}
	return strbuf_detach(&sb, len);
}

int
ui_hist_load(struct ui_hist *h, const char *dir, char *errbuf)
{
	struct ui_hist	 fresh;
	struct stat	 st;
	char		*path, *buf, *p;
	off_t		 from = 0;
	ssize_t		 r;
	size_t		 len = 0;
	int		 fd;

	path = util_path_join(dir, UI_HIST_FILE);
	/* Never block on a FIFO; read only a regular file. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT) {
			free(path);
			ui_hist_clear(h);
			return NR_OK;
		}
		nr_seterr(errbuf, NR_EIO, "%s: %s", path, strerror(errno));
		free(path);
		return NR_EIO;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		nr_seterr(errbuf, NR_EFORMAT, "%s: not a file", path);
		free(path);
		return NR_EFORMAT;
	}
	free(path);
	if (st.st_size > UI_HIST_READ_MAX)
		from = st.st_size - UI_HIST_READ_MAX;
	buf = xmalloc(UI_HIST_READ_MAX + 1);
	while (len < UI_HIST_READ_MAX) {
		r = pread(fd, buf + len, UI_HIST_READ_MAX - len,
		    from + (off_t)len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += r;
	}
	close(fd);
	p = buf;
	if (from > 0) {
		/* Started inside a line: skip to the next one. */
		p = memchr(buf, '\n', len);
		p = p == NULL ? buf + len : p + 1;
	}
	ui_hist_init(&fresh);
	ui_hist_parse(&fresh, p, len - (p - buf));
	free(buf);
	ui_hist_clear(h);
	*h = fresh;
	return NR_OK;
}

int
ui_hist_save(const struct ui_hist *h, const char *dir, char *errbuf)
{
	char	*buf;
	size_t	 len;
	int	 ret;

	buf = ui_hist_format(h, &len);
	/* Not worth a sync in the input loop: the rename keeps it whole. */
	ret = util_write_atomic_flags(dir, UI_HIST_FILE, buf, len,
	    NR_WRITE_NOSYNC, errbuf);
	free(buf);
	return ret;
}

void
ui_hist_walk_start(struct ui_hist_walk *w, const struct ui_hist *h, int k)
{
	w->kind = k;
	w->pos = ui_hist_count(h, k);
	w->line[0] = '\0';
}

int
ui_hist_walk(struct ui_hist_walk *w, const struct ui_hist *h,
    struct ui_edit *e, int dir)
{
	size_t	n = ui_hist_count(h, w->kind);

	if (w->pos > n)
		w->pos = n;
	if (dir < 0) {
		if (w->pos == 0)
			return 0;
		if (w->pos == n)
			snprintf(w->line, sizeof w->line, "%s", e->buf);
		w->pos--;
	} else {
		if (w->pos >= n)
			return 0;
		w->pos++;
	}
	ui_edit_set(e, w->pos == n ? w->line : ui_hist_get(h, w->kind,
	    w->pos));
	return 1;
}
