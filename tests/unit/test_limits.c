// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resource limits: names and values as users write them, which policy's
 * value wins, the real setrlimit in a child, and fail-closed when
 * setrlimit fails or lies (-Wl,--wrap=setrlimit64).
 */
#include "policy/policy.h"
#include "policy/limits.h"
#include "launch/rlimits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

enum how { HOW_REAL, HOW_FAIL, HOW_LIE };
static enum how how;

/* With _FILE_OFFSET_BITS=64 the library calls setrlimit64. */
int __real_setrlimit64(int resource, const struct rlimit *rl);
int __wrap_setrlimit64(int resource, const struct rlimit *rl);

int
__wrap_setrlimit64(int resource, const struct rlimit *rl)
{
	if (how == HOW_FAIL) {
		errno = EINVAL;
		return -1;
	}
	if (how == HOW_LIE)
		return 0;
	return __real_setrlimit64(resource, rl);
}

static struct cage_policy *
load(const char *text)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;

	assert_int_equal(cage_policy_load_buffer("t.policy", "/", text,
						 strlen(text), &d, &pol),
			 0);
	cage_diags_free(&d);
	return pol;
}

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

/* An includer's limit beats the included one; one file, two: error. */
static void
test_resolve(void **state)
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
	assert_int_equal(cage_policy_load_buffer("t.policy", dir, text,
						 strlen(text), &d, &pol),
			 0);
	assert_true(pol->iso.limits[RLIMIT_NOFILE].soft == 100);
	assert_true(pol->iso.limits[RLIMIT_CORE].set);
	cage_policy_free(pol);
	text = "limit nofile 100\nlimit nofile 200\n";
	assert_int_equal(cage_policy_load_buffer("t.policy", dir, text,
						 strlen(text), &d, &pol),
			 -EINVAL);
	assert_non_null(strstr(d.v[0].message, "conflicting values"));
	cage_diags_free(&d);
	unlink(path);
	rmdir(dir);
}

/* In a child: apply, then report RLIMIT_NOFILE, or the error. */
static void
apply_in_child(struct cage_policy **pols, size_t n, int *err,
	       struct rlimit *got, char *step, size_t size)
{
	struct cage_rlimits want;
	struct {
		int err;
		struct rlimit rl;
		char step[64];
	} res;
	int fds[2], status;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		const char *s = "";

		memset(&res, 0, sizeof(res));
		cage_limits_merge(pols, n, &want);
		res.err = cage_limits_apply(&want, &s);
		snprintf(res.step, sizeof(res.step), "%s", s);
		getrlimit(RLIMIT_NOFILE, &res.rl);
		_exit(write(fds[1], &res, sizeof(res)) == sizeof(res) ? 0 : 1);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &res, sizeof(res)), sizeof(res));
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*err = res.err;
	*got = res.rl;
	snprintf(step, size, "%s", res.step);
}

static void
test_apply(void **state)
{
	struct cage_policy *pols[2] = {load("limit nofile 32"),
				       load("limit nofile 16:64")};
	struct rlimit rl;
	char step[64];
	int err;

	/* The lowest of the stacked policies' limits. */
	how = HOW_REAL;
	apply_in_child(pols, 2, &err, &rl, step, sizeof(step));
	assert_int_equal(err, 0);
	assert_int_equal(rl.rlim_cur, 16);
	assert_int_equal(rl.rlim_max, 32);
	how = HOW_FAIL;
	apply_in_child(pols, 1, &err, &rl, step, sizeof(step));
	assert_int_equal(err, -EINVAL);
	assert_string_equal(step, "setrlimit(RLIMIT_NOFILE)");
	/* A setrlimit that claims success without effect is caught. */
	how = HOW_LIE;
	apply_in_child(pols, 1, &err, &rl, step, sizeof(step));
	assert_int_equal(err, -EPERM);
	how = HOW_REAL;
	cage_policy_free(pols[0]);
	cage_policy_free(pols[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_apply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
