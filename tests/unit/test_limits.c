// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resource limits as a policy says them (src/policy/limits.c): names and
 * values as users write them.
 */
#include "policy/limits.h"

#include <errno.h>
#include <stdint.h>
#include <sys/resource.h>

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void
test_names(void **state)
{
	assert_int_equal(cage_rlimit_resource("nofile"), RLIMIT_NOFILE);
	assert_int_equal(cage_rlimit_resource("as"), RLIMIT_AS);
	assert_int_equal(cage_rlimit_resource("nproc"), RLIMIT_NPROC);
	assert_int_equal(cage_rlimit_resource("NOFILE"), -EINVAL);
	assert_int_equal(cage_rlimit_resource("files"), -EINVAL);
	assert_string_equal(cage_rlimit_name(RLIMIT_CORE), "core");
	for (int r = 0; r < RLIMIT_NLIMITS; r++)
		assert_int_equal(cage_rlimit_resource(cage_rlimit_name(r)), r);
}

static int
parse(int res, const char *text, uint64_t *soft, uint64_t *hard)
{
	const char *why = NULL;
	int r = cage_rlimit_parse_value(res, text, soft, hard, &why);

	if (r)
		assert_non_null(why);
	return r;
}

static void
test_values(void **state)
{
	uint64_t s, h;

	assert_int_equal(parse(RLIMIT_NOFILE, "1024", &s, &h), 0);
	assert_true(s == 1024 && h == 1024);
	assert_int_equal(parse(RLIMIT_AS, "4G", &s, &h), 0);
	assert_true(s == 4ULL << 30 && h == s);
	assert_int_equal(parse(RLIMIT_STACK, "8m", &s, &h), 0);
	assert_true(s == 8ULL << 20);
	assert_int_equal(parse(RLIMIT_CPU, "60:120", &s, &h), 0);
	assert_true(s == 60 && h == 120);
	assert_int_equal(parse(RLIMIT_CORE, "0", &s, &h), 0);
	assert_true(s == 0 && h == 0);
	assert_int_equal(parse(RLIMIT_NPROC, "unlimited", &s, &h), 0);
	assert_true(s == RLIM_INFINITY && h == RLIM_INFINITY);
	assert_int_equal(parse(RLIMIT_NOFILE, "64:unlimited", &s, &h), 0);
	assert_true(s == 64 && h == RLIM_INFINITY);
	/* Sizes only where the limit is a size. */
	assert_int_equal(parse(RLIMIT_NOFILE, "4G", &s, &h), -EINVAL);
	assert_int_equal(parse(RLIMIT_AS, "4Q", &s, &h), -EINVAL);
	assert_int_equal(parse(RLIMIT_AS, "4 G", &s, &h), -EINVAL);
	assert_int_equal(parse(RLIMIT_AS, "", &s, &h), -EINVAL);
	assert_int_equal(parse(RLIMIT_AS, "-1", &s, &h), -EINVAL);
	assert_int_equal(parse(RLIMIT_CPU, "120:60", &s, &h), -EINVAL);
	assert_int_equal(parse(RLIMIT_CPU, "60:", &s, &h), -EINVAL);
	assert_int_equal(parse(RLIMIT_AS, "99999999999T", &s, &h), -ERANGE);
	assert_int_equal(parse(RLIMIT_NOFILE, "99999999999999999999", &s, &h),
			 -ERANGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
