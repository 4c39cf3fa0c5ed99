// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The sections beyond seccomp, resolved (src/lang/isolation.c): an
 * including file's env values and limits override those of the files it
 * includes; two values in one file are a conflict.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "policy/policy.h"
#include "policy_helper.h"

/* env: an includer's value wins over an included file's; one file, two
 * values: a conflict. */
static void
test_env_includer_wins(void **state)
{
	char dir[] = "/tmp/test-environ.XXXXXX", path[64];
	const char *text = "include inner.policy\nenv set A=outer\n";
	struct cage_diags d = {0};
	struct cage_policy *pol;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/inner.policy", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("env set A=inner\nenv set B=inner\n", f);
	fclose(f);
	pol = test_policy_text_in(dir, text);
	assert_int_equal(pol->iso.nenv_set, 2);
	assert_string_equal(pol->iso.env_set[0].name, "A");
	assert_string_equal(pol->iso.env_set[0].value, "outer");
	assert_string_equal(pol->iso.env_set[1].value, "inner");
	cage_policy_free(pol);
	cage_diags_free(&d);
	/* One file, two values: a conflict, with both places. */
	text = "env set A=1\nenv set A=2\n";
	assert_int_equal(
		test_policy_load(TEST_POLICY_NAME, dir, text, &d, &pol),
		-EINVAL);
	assert_non_null(strstr(d.v[0].message, "conflicting values for 'A'"));
	cage_diags_free(&d);
	unlink(path);
	rmdir(dir);
}

/* limit: an includer's limit beats the included one; one file, two: error. */
static void
test_limit_includer_wins(void **state)
{
	char dir[] = "/tmp/test-limits.XXXXXX", path[64];
	const char *text = "include inner.policy\nlimit nofile 100\n";
	struct cage_diags d = {0};
	struct cage_policy *pol;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/inner.policy", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("limit nofile 50\nlimit core 0\n", f);
	fclose(f);
	pol = test_policy_text_in(dir, text);
	assert_true(pol->iso.limits[RLIMIT_NOFILE].soft == 100);
	assert_true(pol->iso.limits[RLIMIT_CORE].set);
	cage_policy_free(pol);
	text = "limit nofile 100\nlimit nofile 200\n";
	assert_int_equal(
		test_policy_load(TEST_POLICY_NAME, dir, text, &d, &pol),
		-EINVAL);
	assert_non_null(strstr(d.v[0].message, "conflicting values"));
	cage_diags_free(&d);
	unlink(path);
	rmdir(dir);
}

/* env keep: names and prefixes ('LC_*' is one pattern, though the lexer
 * reads '*' apart); a bare '*' and any other glob refused, located. */
static void
test_env_keep_patterns(void **state)
{
	struct cage_policy *pol =
		test_policy_text("env clear\nenv keep LC_* NODE_ \"X_*\" PATH");

	assert_int_equal(pol->iso.nenv_keep, 4);
	assert_string_equal(pol->iso.env_keep[0], "LC_*");
	assert_string_equal(pol->iso.env_keep[1], "NODE_");
	assert_string_equal(pol->iso.env_keep[2], "X_*");
	assert_string_equal(pol->iso.env_keep[3], "PATH");
	cage_policy_free(pol);
	test_policy_expect_diags(
		NULL, "env clear\nenv keep A *",
		"t.policy:2:12: error: 'env keep *' would keep every "
		"variable, tokens included: name them, or a prefix ('NODE_*'); "
		"a policy without 'env clear' passes them all\n"
		"env keep A *\n"
		"           ^\n");
	test_policy_expect_diags(
		NULL, "env clear\nenv keep *_TOKEN\nenv keep A**",
		"t.policy:2:10: error: bad variable name or pattern "
		"'*_TOKEN' (a name, or a prefix and a trailing '*': "
		"'NODE_*')\n"
		"env keep *_TOKEN\n"
		"         ^~~~~~~\n"
		"t.policy:3:10: error: bad variable name or pattern 'A**' "
		"(a "
		"name, or a prefix and a trailing '*': 'NODE_*')\n"
		"env keep A**\n"
		"         ^~~\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_env_includer_wins),
		cmocka_unit_test(test_limit_includer_wins),
		cmocka_unit_test(test_env_keep_patterns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
