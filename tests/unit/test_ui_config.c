/*
 * Unit tests for the interface's configuration: key names, bind and
 * unbind, the help screen following rebinds, color lines, and the store
 * helpers the interface uses.
 */
#include "nr_config.h"

#include <sys/stat.h>

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "newsreader/config.h"
#include "newsreader/error.h"
#include "newsreader/store.h"
#include "newsreader/ui.h"
#include "newsreader/util.h"

/* Count the warnings of ui_config_apply. */
static void
count_warn(void *arg, const char *file, size_t line, const char *msg)
{
	(void)file;
	(void)line;
	(void)msg;
	(*(int *)arg)++;
}

/* A config holding the given interface lines. */
static void
cfg_lines(struct config *cfg, const char *const *lines, size_t n)
{
	size_t	i;

	memset(cfg, 0, sizeof *cfg);
	for (i = 0; i < n; i++) {
		snprintf(cfg->ui[i].text, sizeof cfg->ui[i].text, "%s",
		    lines[i]);
		cfg->ui[i].line = i + 1;
	}
	cfg->nui = n;
}

/* The help line for the op whose text contains what, or NULL. */
static char *
help_line(const char *what)
{
	char	**lines, *r = NULL;
	size_t	  n, i;

	lines = ui_keys_help(NULL, NULL, &n);
	for (i = 0; i < n; i++) {
		if (r == NULL && strstr(lines[i], what) != NULL)
			r = xstrdup(lines[i]);
		free(lines[i]);
	}
	free(lines);
	return r;
}

static void
test_keys_parse_names(void **state)
{
	int	k;

	(void)state;
	assert_int_equal(ui_keys_parse("j", &k), 0);
	assert_int_equal(k, 'j');
	assert_int_equal(ui_keys_parse("Enter", &k), 0);
	assert_int_equal(k, '\n');
	assert_int_equal(ui_keys_parse("space", &k), 0);
	assert_int_equal(k, ' ');
	assert_int_equal(ui_keys_parse("^L", &k), 0);
	assert_int_equal(k, 'L' - '@');
	assert_int_equal(ui_keys_parse("C-d", &k), 0);
	assert_int_equal(k, 'D' - '@');
	assert_int_equal(ui_keys_parse("PgDn", &k), 0);
	assert_int_equal(k, NR_KEY_NPAGE);
	assert_int_equal(ui_keys_parse("\xd0\xb6", &k), 0);	/* U+0436 */
	assert_int_equal(k, 0x436);
	assert_int_equal(ui_keys_parse("", &k), -1);
	assert_int_equal(ui_keys_parse("jj", &k), -1);
}

static void
test_keys_op_names_roundtrip(void **state)
{
	enum nr_op	op;

	(void)state;
	assert_int_equal(ui_keys_op_parse("page-down", &op), 0);
	assert_int_equal(op, NR_OP_PAGE_DOWN);
	assert_string_equal(ui_keys_op_name(NR_OP_LINK_NUMBER),
	    "link-number");
	assert_int_equal(ui_keys_op_parse("explode", &op), -1);
}

static void
test_bind_changes_lookup_and_help(void **state)
{
	static const char *const lines[] = {
		"bind x toggle-read", "unbind m", "bind j quit"
	};
	struct config	*cfg = xcalloc(1, sizeof *cfg);
	char		*h;
	int		 bad = 0;

	(void)state;
	ui_keys_reset();
	cfg_lines(cfg, lines, 3);
	assert_int_equal(ui_config_apply(cfg, "config", count_warn, &bad), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(ui_keys_lookup('x'), NR_OP_TOGGLE_READ);
	assert_int_equal(ui_keys_lookup('m'), NR_OP_NONE);
	assert_int_equal(ui_keys_lookup('j'), NR_OP_QUIT);
	h = help_line("toggle read");
	assert_non_null(h);
	assert_int_equal(strncmp(h, "x ", 2), 0);
	free(h);
	h = help_line("move down");
	assert_non_null(h);
	assert_int_equal(strncmp(h, "Down ", 5), 0);
	free(h);
	h = help_line("j, Q ");
	assert_non_null(h);
	assert_non_null(strstr(h, " quit"));
	free(h);
	ui_keys_reset();
	assert_int_equal(ui_keys_lookup('m'), NR_OP_TOGGLE_READ);
	free(cfg);
}

static void
test_unbound_op_in_help(void **state)
{
	static const char *const lines[] = { "unbind s" };
	struct config	*cfg = xcalloc(1, sizeof *cfg);
	char		*h;

	(void)state;
	ui_keys_reset();
	cfg_lines(cfg, lines, 1);
	assert_int_equal(ui_config_apply(cfg, NULL, NULL, NULL), 0);
	h = help_line("toggle starred");
	assert_non_null(h);
	assert_int_equal(strncmp(h, "(unbound)", 9), 0);
	free(h);
	ui_keys_reset();
	free(cfg);
}

static void
test_bad_lines_warn(void **state)
{
	static const char *const lines[] = {
		"bind", "bind jj down", "bind j explode", "unbind",
		"color title", "color nothing red blue",
		"color title pink blue",
		"color link cyan default blink", "color link color300 default",
		"color title white color17 bold underline", "color link cyan "
		"default"
	};
	struct config	*cfg = xcalloc(1, sizeof *cfg);
	int		 bad = 0;

	(void)state;
	ui_keys_reset();
	cfg_lines(cfg, lines, 11);
	assert_int_equal(ui_config_apply(cfg, "config", count_warn, &bad), 9);
	assert_int_equal(bad, 9);
	assert_int_equal(ui_keys_lookup('j'), NR_OP_DOWN);
	free(cfg);
}

static void
test_config_keeps_ui_lines(void **state)
{
	struct config	*cfg = xcalloc(1, sizeof *cfg);
	char		 path[] = "/tmp/nr-test-uicfg.XXXXXX";
	const char	*text = "# keys\nbind  x   toggle-read  \r\n"
	    "color title red default bold\nkeep-items 5\nbogus 1\n";
	int		 fd, bad = 0;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(config_load(path, cfg, (nr_warn_cb *)NULL, NULL,
	    NULL), NR_OK);
	unlink(path);
	assert_int_equal(cfg->nui, 2);
	assert_string_equal(cfg->ui[0].text, "bind x   toggle-read");
	assert_int_equal(cfg->ui[0].line, 2);
	assert_string_equal(cfg->ui[1].text, "color title red default bold");
	assert_int_equal(cfg->keep_items, 5);
	ui_keys_reset();
	assert_int_equal(ui_config_apply(cfg, "config", count_warn, &bad), 0);
	assert_int_equal(ui_keys_lookup('x'), NR_OP_TOGGLE_READ);
	ui_keys_reset();
	free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_parse_names),
		cmocka_unit_test(test_keys_op_names_roundtrip),
		cmocka_unit_test(test_bind_changes_lookup_and_help),
		cmocka_unit_test(test_unbound_op_in_help),
		cmocka_unit_test(test_bad_lines_warn),
		cmocka_unit_test(test_config_keeps_ui_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
