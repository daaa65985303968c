/* Unit tests for the ui module's pure parts: widths, keys, list cursor. */
#include "nr_config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "newsreader/ui.h"
#include "newsreader/util.h"

/* Pad s to cols into a new string. */
static char *
pad(const char *s, int cols)
{
	struct strbuf	sb;

	strbuf_init(&sb, 0);
	ui_text_pad(&sb, s, cols);
	return strbuf_detach(&sb, NULL);
}

static void
test_width_ascii(void **state)
{
	(void)state;
	assert_int_equal(ui_text_width("hello"), 5);
	assert_int_equal(ui_text_width(""), 0);
}

static void
test_width_cjk(void **state)
{
	(void)state;
	/* Three CJK characters, two columns each. */
	assert_int_equal(ui_text_width("\xe6\x96\xb0\xe5\x9e\x8b\xe3\x83\x81"),
	    6);
}

static void
test_width_cyrillic_combining(void **state)
{
	(void)state;
	/* "Новый" is 5 columns; e + U+0301 (combining acute) is 1. */
	assert_int_equal(ui_text_width("\xd0\x9d\xd0\xbe\xd0\xb2\xd1\x8b"
	    "\xd0\xb9"), 5);
	assert_int_equal(ui_text_width("e\xcc\x81"), 1);
}

static void
test_fit_never_splits_wide(void **state)
{
	int	used;

	(void)state;
	/* 3 columns hold only one 2-column character. */
	assert_int_equal(ui_text_fit("\xe6\x96\xb0\xe5\x9e\x8b", 3, &used),
	    3);
	assert_int_equal(used, 2);
}

static void
test_fit_keeps_combining(void **state)
{
	int	used;

	(void)state;
	assert_int_equal(ui_text_fit("e\xcc\x81x", 1, &used), 3);
	assert_int_equal(used, 1);
}

static void
test_pad_short(void **state)
{
	char	*s;

	(void)state;
	s = pad("ab", 5);
	assert_string_equal(s, "ab   ");
	free(s);
}

static void
test_pad_truncates_with_ellipsis(void **state)
{
	char	*s;

	(void)state;
	s = pad("abcdefgh", 5);
	assert_string_equal(s, "abcd\xe2\x80\xa6");
	assert_int_equal(ui_text_width(s), 5);
	free(s);
}

static void
test_pad_cjk_exact_columns(void **state)
{
	char	*s;

	(void)state;
	/* 4 wide characters (8 columns) into 6: 2 chars, pad, ellipsis. */
	s = pad("\xe6\x96\xb0\xe5\x9e\x8b\xe3\x83\x81\xe3\x83\x83", 6);
	assert_int_equal(ui_text_width(s), 6);
	assert_string_equal(s, "\xe6\x96\xb0\xe5\x9e\x8b\xe2\x80\xa6 ");
	free(s);
}

static void
test_pad_zero(void **state)
{
	char	*s;

	(void)state;
	s = pad("abc", 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_keys_lookup(void **state)
{
	(void)state;
	assert_int_equal(ui_keys_lookup('j'), NR_OP_DOWN);
	assert_int_equal(ui_keys_lookup(NR_KEY_DOWN), NR_OP_DOWN);
	assert_int_equal(ui_keys_lookup('k'), NR_OP_UP);
	assert_int_equal(ui_keys_lookup('q'), NR_OP_BACK);
	assert_int_equal(ui_keys_lookup('Q'), NR_OP_QUIT);
	assert_int_equal(ui_keys_lookup('\n'), NR_OP_OPEN);
	assert_int_equal(ui_keys_lookup('\r'), NR_OP_OPEN);
	assert_int_equal(ui_keys_lookup('?'), NR_OP_HELP);
	assert_int_equal(ui_keys_lookup('o'), NR_OP_OPEN_LINK);
	assert_int_equal(ui_keys_lookup('y'), NR_OP_COPY_LINK);
	assert_int_equal(ui_keys_lookup('z'), NR_OP_NONE);
}

static void
test_keys_unique(void **state)
{
	const struct ui_key	*t;
	size_t			 n, i, j;

	(void)state;
	t = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++)
			assert_int_not_equal(t[i].key, t[j].key);
	}
}

static void
test_keys_every_op_has_help(void **state)
{
	const struct ui_key	*t;
	size_t			 n, i, j;
	int			 found;

	(void)state;
	t = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		found = 0;
		for (j = 0; j < n; j++) {
			if (t[j].op == t[i].op && t[j].help != NULL)
				found = 1;
		}
		assert_true(found);
	}
}

static void
test_keys_names(void **state)
{
	char	buf[32];

	(void)state;
	assert_string_equal(ui_keys_name('j', buf, sizeof buf), "j");
	assert_string_equal(ui_keys_name('\n', buf, sizeof buf), "Enter");
	assert_string_equal(ui_keys_name(NR_KEY_PPAGE, buf, sizeof buf),
	    "PgUp");
	assert_string_equal(ui_keys_name('L' - '@', buf, sizeof buf), "^L");
}

static void
test_keys_help_lines(void **state)
{
	char	**lines;
	size_t	  n, i;
	int	  seen = 0;

	(void)state;
	lines = ui_keys_help(NULL, NULL, &n);
	assert_true(n > 10);
	assert_null(lines[n]);
	for (i = 0; i < n; i++) {
		if (strncmp(lines[i], "j, Down ", 8) == 0 &&
		    strstr(lines[i], "move down") != NULL)
			seen = 1;
		free(lines[i]);
	}
	free(lines);
	assert_true(seen);
}

static void
test_keys_help_view_first(void **state)
{
	static const enum nr_op	 ops[] = { NR_OP_NEXT_ITEM, NR_OP_NONE };
	char			**lines;
	size_t			  n, i, other = 0, j = 0, down = 0;

	(void)state;
	lines = ui_keys_help(ops, "article", &n);
	assert_string_equal(lines[0], "Keys of the article view");
	assert_int_equal(strncmp(lines[1], "J ", 2), 0);
	assert_string_equal(lines[2], "");
	for (i = 0; i < n; i++) {
		if (strcmp(lines[i], "Other keys") == 0)
			other = i;
		if (strncmp(lines[i], "J ", 2) == 0)
			j++;
		if (strncmp(lines[i], "j, Down ", 8) == 0)
			down = i;
	}
	assert_int_equal(other, 3);
	assert_int_equal(j, 1);		/* J only among the view's keys */
	assert_true(down > other);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The help line of the key that starts with name: its text's column. */
static size_t
help_column(const char *name)
{
	char	**lines, *p;
	size_t	  n, i, col = 0;

	lines = ui_keys_help(NULL, NULL, &n);
	for (i = 0; i < n; i++) {
		if (col == 0 && strncmp(lines[i], name, strlen(name)) == 0 &&
		    lines[i][strlen(name)] == ' ') {
			p = lines[i] + strlen(name);
			while (*p == ' ')
				p++;
			*p = '\0';
			col = (size_t)ui_text_width(lines[i]);
		}
		free(lines[i]);
	}
	free(lines);
	return col;
}

static void
test_keys_help_wide_names(void **state)
{
	(void)state;
	ui_keys_reset();
	assert_int_equal(help_column("m"), 17);
	/* Columns are display columns, not bytes: Cyrillic and CJK keys. */
	assert_int_equal(ui_keys_bind('m', NR_OP_NONE), 0);
	assert_int_equal(ui_keys_bind(0x436, NR_OP_TOGGLE_READ), 0);
	assert_int_equal(help_column("\xd0\xb6"), 17);
	assert_int_equal(ui_keys_bind(0x436, NR_OP_NONE), 0);
	assert_int_equal(ui_keys_bind(0x65e5, NR_OP_TOGGLE_READ), 0);
	assert_int_equal(help_column("\xe6\x97\xa5"), 17);
	ui_keys_reset();
}

static void
test_keys_hint_bound_keys(void **state)
{
	static const struct ui_hint	 hint[] = {
		{ NR_OP_BACK, "back" }, { NR_OP_TOGGLE_READ, "read" },
		{ NR_OP_NONE, NULL }
	};
	struct strbuf			 sb;

	(void)state;
	ui_keys_reset();
	strbuf_init(&sb, 0);
	ui_keys_hint(hint, &sb);
	assert_string_equal(strbuf_str(&sb), "q:back  m:read");
	strbuf_reset(&sb);
	/* An unbound op is left out; a rebound one shows its key. */
	assert_int_equal(ui_keys_bind('m', NR_OP_NONE), 0);
	ui_keys_hint(hint, &sb);
	assert_string_equal(strbuf_str(&sb), "q:back");
	strbuf_reset(&sb);
	assert_int_equal(ui_keys_bind('M', NR_OP_TOGGLE_READ), 0);
	ui_keys_hint(hint, &sb);
	assert_string_equal(strbuf_str(&sb), "q:back  M:read");
	strbuf_clear(&sb);
	ui_keys_reset();
}

static void
test_list_clamps(void **state)
{
	struct ui_list	l;

	(void)state;
	ui_list_init(&l);
	ui_list_set_count(&l, 3);
	ui_list_move(&l, -5);
	assert_int_equal(l.cur, 0);
	ui_list_move(&l, 10);
	assert_int_equal(l.cur, 2);
	ui_list_set_count(&l, 1);
	assert_int_equal(l.cur, 0);
	ui_list_set_count(&l, 0);
	ui_list_move(&l, 1);
	assert_int_equal(l.cur, 0);
}

static void
test_list_page_and_fit(void **state)
{
	struct ui_list	l;

	(void)state;
	ui_list_init(&l);
	ui_list_set_count(&l, 100);
	assert_true(ui_list_op(&l, NR_OP_PAGE_DOWN, 10));
	assert_int_equal(l.cur, 9);
	assert_int_equal(l.top, 0);
	ui_list_op(&l, NR_OP_DOWN, 10);
	assert_int_equal(l.cur, 10);
	assert_int_equal(l.top, 1);
	ui_list_op(&l, NR_OP_END, 10);
	assert_int_equal(l.cur, 99);
	assert_int_equal(l.top, 90);
	ui_list_op(&l, NR_OP_HOME, 10);
	assert_int_equal(l.cur, 0);
	assert_int_equal(l.top, 0);
	assert_false(ui_list_op(&l, NR_OP_OPEN, 10));
}

static void
test_list_fit_after_shrink(void **state)
{
	struct ui_list	l;

	(void)state;
	ui_list_init(&l);
	ui_list_set_count(&l, 50);
	ui_list_op(&l, NR_OP_END, 10);
	/* The window grows: no empty rows below the last item. */
	ui_list_fit(&l, 20);
	assert_int_equal(l.top, 30);
	ui_list_fit(&l, 80);
	assert_int_equal(l.top, 0);
}

/* Rows whose index is a multiple of 3. */
static int
every_third(void *arg, size_t i)
{
	(void)arg;
	return i % 3 == 0;
}

static void
test_list_find_wraps(void **state)
{
	struct ui_list	l;

	(void)state;
	ui_list_init(&l);
	ui_list_set_count(&l, 8);
	ui_list_set(&l, 6);
	assert_int_equal(ui_list_find(&l, 1, every_third, NULL, 1), 0);
	assert_int_equal(ui_list_find(&l, 1, every_third, NULL, 0), -1);
	assert_int_equal(ui_list_find(&l, -1, every_third, NULL, 1), 3);
	ui_list_set(&l, 0);
	assert_int_equal(ui_list_find(&l, -1, every_third, NULL, 0), -1);
	assert_int_equal(ui_list_find(&l, -1, every_third, NULL, 1), 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_ascii),
		cmocka_unit_test(test_width_cjk),
		cmocka_unit_test(test_width_cyrillic_combining),
		cmocka_unit_test(test_fit_never_splits_wide),
		cmocka_unit_test(test_fit_keeps_combining),
		cmocka_unit_test(test_pad_short),
		cmocka_unit_test(test_pad_truncates_with_ellipsis),
		cmocka_unit_test(test_pad_cjk_exact_columns),
		cmocka_unit_test(test_pad_zero),
		cmocka_unit_test(test_keys_lookup),
		cmocka_unit_test(test_keys_unique),
		cmocka_unit_test(test_keys_every_op_has_help),
		cmocka_unit_test(test_keys_names),
		cmocka_unit_test(test_keys_help_lines),
		cmocka_unit_test(test_keys_help_view_first),
		cmocka_unit_test(test_keys_help_wide_names),
		cmocka_unit_test(test_keys_hint_bound_keys),
		cmocka_unit_test(test_list_clamps),
		cmocka_unit_test(test_list_page_and_fit),
		cmocka_unit_test(test_list_fit_after_shrink),
		cmocka_unit_test(test_list_find_wraps),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
