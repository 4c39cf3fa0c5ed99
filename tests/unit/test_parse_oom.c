// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A diagnostic that cannot be allocated ends the load with -ENOMEM.  The
 * parser used to go on skipping to the end of the line with a token it
 * could no longer advance: a hang (found by gcc -fanalyzer).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "policy/policy.h"
#include "policy_helper.h"

static bool fail_vasprintf;

/* Both: _FORTIFY_SOURCE turns vasprintf into __vasprintf_chk. */
int __real_vasprintf(char **strp, const char *fmt, va_list ap);
int __wrap_vasprintf(char **strp, const char *fmt, va_list ap);
int __real___vasprintf_chk(char **strp, int flag, const char *fmt, va_list ap);
int __wrap___vasprintf_chk(char **strp, int flag, const char *fmt, va_list ap);

int
__wrap_vasprintf(char **strp, const char *fmt, va_list ap)
{
	if (fail_vasprintf)
		return -1;
	return __real_vasprintf(strp, fmt, ap);
}

int
__wrap___vasprintf_chk(char **strp, int flag, const char *fmt, va_list ap)
{
	if (fail_vasprintf)
		return -1;
	return __real___vasprintf_chk(strp, flag, fmt, ap);
}

static void
expect_enomem(const char *text)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};
	int r;

	fail_vasprintf = true;
	r = test_policy_load(TEST_POLICY_NAME, NULL, text, &d, &pol);
	fail_vasprintf = false;
	assert_int_equal(r, -ENOMEM);
	assert_null(pol);
	assert_int_equal(d.n, 0);
	cage_diags_free(&d);
}

/* Each error leaves the parser on a different token kind. */
static void
test_unknown_constant(void **state)
{
	expect_enomem("default errno EPERM\n"
		      "allow ioctl if arg1 == NO_SUCH_CONSTANT more words\n");
}

static void
test_unknown_statement(void **state)
{
	expect_enomem("default errno EPERM\nalow read write\n");
}

static void
test_bad_token(void **state)
{
	expect_enomem("default errno EPERM\nallow read ; write\n");
}

static void
test_missing_paren(void **state)
{
	expect_enomem("default errno EPERM\n"
		      "allow ioctl if arg1 in (1, 2 \"x\" y\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_constant),
		cmocka_unit_test(test_unknown_statement),
		cmocka_unit_test(test_bad_token),
		cmocka_unit_test(test_missing_paren),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
