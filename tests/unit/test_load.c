// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading a policy (src/lang/load.c): text that is not policy text,
 * includes followed depth first, cycles and depth, relative paths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "policy/policy.h"
#include "policy_helper.h"

/* Text with a NUL byte is refused before it is parsed. */
static void
test_buffer_binary(void **state)
{
	static const char text[] = "allow read\n\0allow write\n";
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};
	char *got;

	(void)state;
	/* Not the helper: the text holds a NUL, its length is given. */
	assert_int_equal(cage_policy_load_buffer("t.policy", NULL, text,
						 sizeof(text) - 1, &d, &pol),
			 -EINVAL);
	assert_null(pol);
	got = test_diags_text(&d);
	assert_string_equal(got,
			    "t.policy: error: binary data, not policy text\n");
	free(got);
	cage_diags_free(&d);
}

static void
test_include_cycle(void **state)
{
	(void)state;
	test_write_text("a.policy", "include b.policy\n");
	test_write_text("b.policy", "allow read\ninclude a.policy\n");
	test_expect_file_diags("a.policy", -EINVAL,
			       "{D}/b.policy:2:9: error: include cycle: "
			       "{D}/b.policy includes {D}/a.policy, which is "
			       "already being read\n"
			       "include a.policy\n"
			       "        ^~~~~~~~\n");
	test_write_text("self.policy", "allow read\ninclude self.policy\n");
	test_expect_file_diags(
		"self.policy", -EINVAL,
		"{D}/self.policy:2:9: error: include cycle: "
		"{D}/self.policy includes {D}/self.policy, which is "
		"already being read\n"
		"include self.policy\n"
		"        ^~~~~~~~~~~\n");
}

static void
test_include_too_deep(void **state)
{
	char name[32], text[64];

	(void)state;
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "f%02d.policy", i);
		snprintf(text, sizeof(text), "include f%02d.policy\n", i + 1);
		test_write_text(name, text);
	}
	test_write_text("f20.policy", "allow read\n");
	test_expect_file_diags(
		"f00.policy", -EINVAL,
		"{D}/f15.policy:1:9: error: includes nested more "
		"than 16 deep\n"
		"include f16.policy\n"
		"        ^~~~~~~~~~\n");
}

/* A file included twice, but not in a cycle, is no error. */
static void
test_include_diamond(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	test_write_text("common.policy",
			"define @mine read write\nallow @mine\n");
	test_write_text("a.policy", "include common.policy\nallow close\n");
	test_write_text("b.policy", "include common.policy\nallow fstat\n");
	pol = test_policy_clean(test_tmpdir,
				"include a.policy\ninclude b.policy\n"
				"kill @mine\n");
	r = test_rule_for(pol, SYS_read);
	assert_int_equal(r->action.kind, CAGE_ACTION_KILL);
	test_rule_for(pol, SYS_close);
	test_rule_for(pol, SYS_fstat);
	cage_policy_free(pol);
}

/* Relative includes are relative to the including file. */
static void
test_include_relative(void **state)
{
	struct cage_policy *pol;
	char *p;

	(void)state;
	p = test_tmp_path("sub");
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	test_write_text("sub/a.policy", "include b.policy\nallow write\n");
	test_write_text("sub/b.policy", "default trap\nallow read\n");
	pol = test_policy_clean(test_tmpdir, "include sub/a.policy\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_TRAP);
	assert_int_equal(pol->nsources, 4); /* groups, t, a, b */
	assert_string_equal(test_rule_for(pol, SYS_read)->loc.file->name +
				    strlen(test_tmpdir),
			    "/sub/b.policy");
	test_rule_for(pol, SYS_write);
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buffer_binary),
		cmocka_unit_test_setup_teardown(test_include_cycle,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_include_too_deep,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_include_diamond,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_include_relative,
						test_tmpdir_setup,
						test_tmpdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
