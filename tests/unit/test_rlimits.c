// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resource limits applied at launch (src/launch/rlimits.c): the lowest of
 * the stacked policies' limits, the real setrlimit in a child, and
 * fail-closed when setrlimit fails or lies (-Wl,--wrap=setrlimit64).
 */
#include "policy/policy.h"
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

#include "policy_helper.h"

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
	struct cage_policy *pols[2] = {test_policy_text("limit nofile 32"),
				       test_policy_text("limit nofile 16:64")};
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
		cmocka_unit_test(test_apply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
