// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The paths of fs rules (src/policy/fs_path.c): which forms a policy may
 * write, and their expansion with a launch's values; a variable without a
 * value is an error, never an empty string.
 */
#include "policy/fs_path.h"

#include <errno.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void
test_paths(void **state)
{
	struct cage_vars v = {.home = "/home/u", .cwd = "/w", .exe = "/bin"};
	char out[32];

	assert_int_equal(cage_fs_path_check("/usr"), 0);
	assert_int_equal(cage_fs_path_check("$HOME/.config"), 0);
	assert_int_equal(cage_fs_path_check("${CWD}/x"), 0);
	assert_int_equal(cage_fs_path_check("$EXE"), 0);
	assert_int_equal(cage_fs_path_check("usr"), -EINVAL);
	assert_int_equal(cage_fs_path_check("$HOMEX"), -EINVAL);
	assert_int_equal(cage_fs_path_check("$HOME.x"), -EINVAL);
	assert_int_equal(cage_fs_path_check("$PATH/x"), -EINVAL);
	assert_int_equal(cage_fs_path_check("${HOME"), -EINVAL);
	/* $TTY is a device: alone, never with a path beneath it. */
	assert_int_equal(cage_fs_path_check("$TTY"), 0);
	assert_int_equal(cage_fs_path_check("${TTY}"), 0);
	assert_int_equal(cage_fs_path_check("$TTY/x"), -EINVAL);
	assert_int_equal(cage_fs_path_expand("$TTY", &v, out, 32), -ENOENT);

	assert_int_equal(cage_fs_path_expand("$HOME/.ssh", &v, out, 32), 0);
	assert_string_equal(out, "/home/u/.ssh");
	assert_int_equal(cage_fs_path_expand("${CWD}", &v, out, 32), 0);
	assert_string_equal(out, "/w");
	assert_int_equal(cage_fs_path_expand("/etc", &v, out, 32), 0);
	assert_string_equal(out, "/etc");
	/* No value: an error, never "" (that would make "$HOME/x" "/x"). */
	assert_int_equal(cage_fs_path_expand("$TMPDIR/x", &v, out, 32),
			 -ENOENT);
	assert_int_equal(cage_fs_path_expand("$HOME/x", NULL, out, 32),
			 -ENOENT);
	assert_int_equal(cage_fs_path_expand("$HOME/012345678901234567890123",
					     &v, out, 32),
			 -ENAMETOOLONG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
