/* Unit tests for the prompt's line editor and history (ui_edit, ui_hist). */
#include "nr_config.h"

#include <sys/stat.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "newsreader/error.h"
#include "newsreader/util.h"
#include "ui_int.h"

#define CYR	"\xd0\xbf\xd1\x80\xd0\xb8"	/* при */
#define CJK	"\xe4\xb8\xad\xe6\x96\x87"	/* 中文 */
#define EACUTE	"e\xcc\x81"			/* e + U+0301 */

/* An editor holding s with the cursor at byte cur. */
static void
ed(struct ui_edit *e, const char *s, size_t cur)
{
	ui_edit_set(e, s);
	e->cur = cur;
}

static void
test_insert_ascii_middle(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "ac", 1);
	assert_int_equal(ui_edit_insert(&e, 'b'), 0);
	assert_string_equal(e.buf, "abc");
	assert_int_equal(e.cur, 2);
	assert_int_equal(e.len, 3);
}

static void
test_insert_cyrillic_cjk(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "", 0);
	assert_int_equal(ui_edit_insert(&e, 0x43f), 0);	/* п */
	assert_int_equal(ui_edit_insert(&e, 0x4e2d), 0);	/* 中 */
	ui_edit_home(&e);
	assert_int_equal(ui_edit_insert(&e, 'x'), 0);
	assert_string_equal(e.buf, "x\xd0\xbf\xe4\xb8\xad");
	assert_int_equal(e.cur, 1);
}

static void
test_insert_rejects_controls(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "a", 1);
	assert_int_equal(ui_edit_insert(&e, '\t'), -1);
	assert_int_equal(ui_edit_insert(&e, 0x7f), -1);
	assert_int_equal(ui_edit_insert(&e, 0x9b), -1);
	assert_int_equal(ui_edit_insert(&e, 0xd800), -1);
	assert_string_equal(e.buf, "a");
}

static void
test_insert_full(void **state)
{
	struct ui_edit	e;
	size_t		i;

	(void)state;
	ed(&e, "", 0);
	for (i = 0; i < UI_EDIT_MAX - 1; i++)
		assert_int_equal(ui_edit_insert(&e, 'a'), 0);
	assert_int_equal(ui_edit_insert(&e, 'a'), -1);
	assert_int_equal(e.len, UI_EDIT_MAX - 1);
	/* A 3-byte character does not fit in what is left either. */
	ui_edit_backspace(&e);
	assert_int_equal(ui_edit_insert(&e, 0x4e2d), -1);
}

static void
test_set_cuts_at_character(void **state)
{
	struct ui_edit	e;
	char		s[UI_EDIT_MAX + 8];

	(void)state;
	memset(s, 'a', UI_EDIT_MAX - 2);
	strcpy(s + UI_EDIT_MAX - 2, "\xd0\xbf");	/* one byte too many */
	ui_edit_set(&e, s);
	assert_int_equal(e.len, UI_EDIT_MAX - 2);
	assert_int_equal(e.cur, e.len);
}

static void
test_left_right_cyrillic(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, CYR, 6);
	assert_int_equal(ui_edit_left(&e), 1);
	assert_int_equal(e.cur, 4);
	ui_edit_left(&e);
	ui_edit_left(&e);
	assert_int_equal(e.cur, 0);
	assert_int_equal(ui_edit_left(&e), 0);
	assert_int_equal(ui_edit_right(&e), 1);
	assert_int_equal(e.cur, 2);
	ui_edit_end(&e);
	assert_int_equal(ui_edit_right(&e), 0);
	assert_int_equal(e.cur, 6);
}

static void
test_left_right_cjk(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, CJK, 6);
	ui_edit_left(&e);
	assert_int_equal(e.cur, 3);
	assert_int_equal(ui_edit_cursor_col(&e), 2);
	ui_edit_right(&e);
	assert_int_equal(ui_edit_cursor_col(&e), 4);
}

static void
test_left_right_combining(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "a" EACUTE "b", 5);
	ui_edit_left(&e);
	assert_int_equal(e.cur, 4);	/* before b */
	ui_edit_left(&e);
	assert_int_equal(e.cur, 1);	/* before e, not between e and ́ */
	ui_edit_right(&e);
	assert_int_equal(e.cur, 4);
	assert_int_equal(ui_edit_cursor_col(&e), 2);
}

static void
test_home_end(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "abc", 1);
	assert_int_equal(ui_edit_home(&e), 1);
	assert_int_equal(e.cur, 0);
	assert_int_equal(ui_edit_home(&e), 0);
	assert_int_equal(ui_edit_end(&e), 1);
	assert_int_equal(e.cur, 3);
}

static void
test_backspace(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "a" CJK "b", 4);		/* after 中 */
	assert_int_equal(ui_edit_backspace(&e), 1);
	assert_string_equal(e.buf, "a\xe6\x96\x87" "b");
	assert_int_equal(e.cur, 1);
	ed(&e, "x" EACUTE, 4);
	ui_edit_backspace(&e);		/* e and its accent together */
	assert_string_equal(e.buf, "x");
	ed(&e, CYR, 0);
	assert_int_equal(ui_edit_backspace(&e), 0);
	assert_string_equal(e.buf, CYR);
}

static void
test_delete(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, EACUTE "z", 0);
	assert_int_equal(ui_edit_delete(&e), 1);
	assert_string_equal(e.buf, "z");
	assert_int_equal(e.cur, 0);
	ed(&e, CYR, 2);
	ui_edit_delete(&e);
	assert_string_equal(e.buf, "\xd0\xbf\xd0\xb8");
	ed(&e, CJK, 6);
	assert_int_equal(ui_edit_delete(&e), 0);
}

static void
test_kill_end(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "ab" CJK, 5);
	assert_int_equal(ui_edit_kill_end(&e), 1);
	assert_string_equal(e.buf, "ab\xe4\xb8\xad");
	assert_int_equal(e.cur, 5);
	assert_int_equal(ui_edit_kill_end(&e), 0);
}

static void
test_kill_line(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, CYR " x", 3);
	assert_int_equal(ui_edit_kill_line(&e), 1);
	assert_string_equal(e.buf, "");
	assert_int_equal(e.cur, 0);
	assert_int_equal(ui_edit_kill_line(&e), 0);
}

static void
test_kill_word(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "+china " CYR "  ", 15);
	assert_int_equal(ui_edit_kill_word(&e), 1);
	assert_string_equal(e.buf, "+china ");
	assert_int_equal(e.cur, 7);
	ui_edit_kill_word(&e);
	assert_string_equal(e.buf, "");
	/* Only what is before the cursor goes. */
	ed(&e, "ab c" EACUTE "d ef", 7);	/* after "cé" */
	ui_edit_kill_word(&e);
	assert_string_equal(e.buf, "ab d ef");
	assert_int_equal(e.cur, 3);
	ed(&e, "abc", 0);
	assert_int_equal(ui_edit_kill_word(&e), 0);
}

static void
test_cursor_col_widths(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, CYR CJK EACUTE, 0);
	assert_int_equal(ui_edit_cursor_col(&e), 0);
	ui_edit_end(&e);
	assert_int_equal(ui_edit_cursor_col(&e), 3 + 4 + 1);
}

static void
test_scroll(void **state)
{
	struct ui_edit	e;

	(void)state;
	ed(&e, "abcdefghij", 10);
	/* 5 columns: the cursor in the last, 4 characters before it. */
	assert_int_equal(ui_edit_scroll(&e, 5), 6);
	assert_int_equal(ui_edit_cursor_col(&e), 4);
	ui_edit_home(&e);
	assert_int_equal(ui_edit_scroll(&e, 5), 0);
	/* Wide characters: never start inside one. */
	ed(&e, CJK CJK CJK, 18);
	ui_edit_scroll(&e, 5);
	assert_int_equal(e.off % 3, 0);
	assert_true(ui_edit_cursor_col(&e) <= 4);
	/* The text shrank under the offset: start again. */
	ui_edit_kill_line(&e);
	assert_int_equal(ui_edit_scroll(&e, 5), 0);
	/* Everything fits: nothing hidden. */
	ed(&e, "abc", 3);
	e.off = 2;
	assert_int_equal(ui_edit_scroll(&e, 10), 0);
}

static void
test_hist_add_dups_and_cap(void **state)
{
	struct ui_hist	h;
	char		s[16];
	int		i;

	(void)state;
	ui_hist_init(&h);
	assert_int_equal(ui_hist_add(&h, UI_HIST_FILTER, "+a"), 0);
	assert_int_equal(ui_hist_add(&h, UI_HIST_FILTER, "+b"), 0);
	assert_int_equal(ui_hist_add(&h, UI_HIST_FILTER, "+a"), 0);
	assert_int_equal(ui_hist_count(&h, UI_HIST_FILTER), 2);
	assert_string_equal(ui_hist_get(&h, UI_HIST_FILTER, 0), "+b");
	assert_string_equal(ui_hist_get(&h, UI_HIST_FILTER, 1), "+a");
	assert_int_equal(ui_hist_count(&h, UI_HIST_SEARCH), 0);
	assert_int_equal(ui_hist_add(&h, UI_HIST_NONE, "x"), -1);
	assert_int_equal(ui_hist_add(&h, UI_HIST_SEARCH, ""), -1);
	assert_int_equal(ui_hist_add(&h, UI_HIST_SEARCH, "a\tb"), -1);
	assert_int_equal(ui_hist_add(&h, UI_HIST_SEARCH, "a\x1b[2J"), -1);
	assert_int_equal(ui_hist_add(&h, UI_HIST_SEARCH, "a\xff"), -1);
	for (i = 0; i < UI_HIST_MAX + 10; i++) {
		snprintf(s, sizeof s, "q%d", i);
		ui_hist_add(&h, UI_HIST_SEARCH, s);
	}
	assert_int_equal(ui_hist_count(&h, UI_HIST_SEARCH), UI_HIST_MAX);
	assert_string_equal(ui_hist_get(&h, UI_HIST_SEARCH, 0), "q10");
	ui_hist_clear(&h);
}

static void
test_hist_format_parse(void **state)
{
	struct ui_hist	h, g;
	char		*buf;
	size_t		 len;

	(void)state;
	ui_hist_init(&h);
	ui_hist_add(&h, UI_HIST_SEARCH, "word");
	ui_hist_add(&h, UI_HIST_FILTER, "+china " CYR);
	ui_hist_add(&h, UI_HIST_DATE, "yesterday");
	ui_hist_add(&h, UI_HIST_TAG, CJK);
	buf = ui_hist_format(&h, &len);
	assert_string_equal(buf, "/ word\nF +china " CYR "\ng yesterday\n"
	    "+ " CJK "\n");
	ui_hist_init(&g);
	ui_hist_parse(&g, buf, len);
	assert_int_equal(ui_hist_count(&g, UI_HIST_FILTER), 1);
	assert_string_equal(ui_hist_get(&g, UI_HIST_FILTER, 0),
	    "+china " CYR);
	assert_string_equal(ui_hist_get(&g, UI_HIST_TAG, 0), CJK);
	free(buf);
	ui_hist_clear(&h);
	ui_hist_clear(&g);
}

static void
test_hist_parse_garbage(void **state)
{
	static const char	 bad[] = "garbage\n\n/\n/x\nZ word\n"
	    "F a\x01" "b\nF \xc3\n/ ok\r\nF fine\n\0\0\n/ torn";
	struct ui_hist		 h;

	(void)state;
	ui_hist_init(&h);
	ui_hist_parse(&h, bad, sizeof bad - 1);
	assert_int_equal(ui_hist_count(&h, UI_HIST_SEARCH), 1);
	assert_string_equal(ui_hist_get(&h, UI_HIST_SEARCH, 0), "ok");
	assert_int_equal(ui_hist_count(&h, UI_HIST_FILTER), 1);
	assert_string_equal(ui_hist_get(&h, UI_HIST_FILTER, 0), "fine");
	ui_hist_clear(&h);
}

/* A temporary directory for the file tests (the caller removes it). */
static char *
tmpdir(void)
{
	char	tmpl[] = "/tmp/nr-hist-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

static void
test_hist_save_load(void **state)
{
	struct ui_hist	 h, g;
	char		*dir, *path, err[NR_ERRBUF_SIZE];

	(void)state;
	dir = tmpdir();
	ui_hist_init(&g);
	/* Missing: empty. */
	assert_int_equal(ui_hist_load(&g, dir, err), NR_OK);
	assert_int_equal(ui_hist_count(&g, UI_HIST_FILTER), 0);
	ui_hist_init(&h);
	ui_hist_add(&h, UI_HIST_FILTER, "+a");
	ui_hist_add(&h, UI_HIST_FILTER, "+b");
	assert_int_equal(ui_hist_save(&h, dir, err), NR_OK);
	assert_int_equal(ui_hist_load(&g, dir, err), NR_OK);
	assert_int_equal(ui_hist_count(&g, UI_HIST_FILTER), 2);
	assert_string_equal(ui_hist_get(&g, UI_HIST_FILTER, 1), "+b");
	path = util_path_join(dir, UI_HIST_FILE);
	unlink(path);
	/* A FIFO is not read (and does not block). */
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_not_equal(ui_hist_load(&g, dir, err), NR_OK);
	assert_int_equal(ui_hist_count(&g, UI_HIST_FILTER), 2);
	unlink(path);
	free(path);
	rmdir(dir);
	free(dir);
	ui_hist_clear(&h);
	ui_hist_clear(&g);
}

static void
test_hist_load_huge(void **state)
{
	struct ui_hist	 g;
	FILE		*fp;
	char		*dir, *path, err[NR_ERRBUF_SIZE];
	size_t		 i;

	(void)state;
	dir = tmpdir();
	path = util_path_join(dir, UI_HIST_FILE);
	fp = fopen(path, "w");
	assert_non_null(fp);
	/* 3 MiB of one long line, then the newest entries. */
	for (i = 0; i < 3 * 1024 * 1024; i++)
		fputc('x', fp);
	fputs("\nF last one\nF +a\n", fp);
	fclose(fp);
	ui_hist_init(&g);
	assert_int_equal(ui_hist_load(&g, dir, err), NR_OK);
	assert_int_equal(ui_hist_count(&g, UI_HIST_FILTER), 2);
	assert_string_equal(ui_hist_get(&g, UI_HIST_FILTER, 1), "+a");
	unlink(path);
	free(path);
	rmdir(dir);
	free(dir);
	ui_hist_clear(&g);
}

static void
test_hist_walk(void **state)
{
	struct ui_hist		h;
	struct ui_hist_walk	w;
	struct ui_edit		e;

	(void)state;
	ui_hist_init(&h);
	ui_hist_add(&h, UI_HIST_FILTER, "+one");
	ui_hist_add(&h, UI_HIST_FILTER, "+two");
	ui_hist_add(&h, UI_HIST_SEARCH, "other kind");
	ui_edit_set(&e, "typing");
	ui_hist_walk_start(&w, &h, UI_HIST_FILTER);
	assert_int_equal(ui_hist_walk(&w, &h, &e, 1), 0);
	assert_int_equal(ui_hist_walk(&w, &h, &e, -1), 1);
	assert_string_equal(e.buf, "+two");
	assert_int_equal(e.cur, 4);
	ui_hist_walk(&w, &h, &e, -1);
	assert_string_equal(e.buf, "+one");
	assert_int_equal(ui_hist_walk(&w, &h, &e, -1), 0);
	assert_string_equal(e.buf, "+one");
	ui_hist_walk(&w, &h, &e, 1);
	ui_hist_walk(&w, &h, &e, 1);
	assert_string_equal(e.buf, "typing");	/* kept while away */
	ui_hist_walk_start(&w, &h, UI_HIST_NONE);
	assert_int_equal(ui_hist_walk(&w, &h, &e, -1), 0);
	ui_hist_clear(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_ascii_middle),
		cmocka_unit_test(test_insert_cyrillic_cjk),
		cmocka_unit_test(test_insert_rejects_controls),
		cmocka_unit_test(test_insert_full),
		cmocka_unit_test(test_set_cuts_at_character),
		cmocka_unit_test(test_left_right_cyrillic),
		cmocka_unit_test(test_left_right_cjk),
		cmocka_unit_test(test_left_right_combining),
		cmocka_unit_test(test_home_end),
		cmocka_unit_test(test_backspace),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_kill_end),
		cmocka_unit_test(test_kill_line),
		cmocka_unit_test(test_kill_word),
		cmocka_unit_test(test_cursor_col_widths),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_hist_add_dups_and_cap),
		cmocka_unit_test(test_hist_format_parse),
		cmocka_unit_test(test_hist_parse_garbage),
		cmocka_unit_test(test_hist_save_load),
		cmocka_unit_test(test_hist_load_huge),
		cmocka_unit_test(test_hist_walk),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
