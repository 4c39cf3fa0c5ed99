// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The fs check made while the child makes the view (defer_fs_check,
 * cage_launch_start, cage_plan_check), on the real kernel under
 * 'untrusted': a refused plan runs nothing of the target's, started or
 * not, and leaves no process; an allowed one runs as cage_launch alone
 * would; without defer_fs_check cage_plan_new refuses as it always did.
 */
#include "syscage.h"
#include "policy_helper.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static char work[] = "/tmp/syscage-deferred.XXXXXX";
static char marker[PATH_MAX];
static char cwd[PATH_MAX];

/* The target touches MARKER: it ran. */
static struct cage_plan *
plan_in(const char *dir, bool defer, struct cage_policy **pol,
	struct cage_diags *d, int *err)
{
	static char *argv[] = {"/bin/sh", "-c", NULL, NULL};
	static char cmd[PATH_MAX + 16];
	struct cage_launch_opts o = {.argv = argv,
				     .supervise = CAGE_SUPERVISE_ENFORCE,
				     .defer_fs_check = defer};
	struct cage_plan *plan = NULL;

	snprintf(cmd, sizeof(cmd), "touch %s", marker);
	argv[2] = cmd;
	*pol = test_policy_builtin("untrusted");
	o.policies = pol;
	o.npolicies = 1;
	assert_int_equal(chdir(dir), 0);
	*err = cage_plan_new(&o, d, &plan);
	assert_int_equal(chdir(cwd), 0);
	return plan;
}

static bool
ran(void)
{
	struct stat st;

	return stat(marker, &st) == 0;
}

/* No child of ours is left, running or not reaped. */
static void
assert_no_child(void)
{
	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG | __WALL), -1);
	assert_int_equal(errno, ECHILD);
}

static void
test_refused_started(void **state)
{
	struct cage_diags d = {0};
	struct cage_policy *pol;
	struct cage_plan *plan;
	char *text;
	int err;

	(void)state;
	unlink(marker);
	plan = plan_in("/", true, &pol, &d, &err);
	assert_int_equal(err, 0); /* the check is left for later */
	assert_non_null(plan);
	cage_launch_start(plan);
	assert_int_equal(cage_plan_check(plan, &d), -EPERM);
	text = test_diags_text(&d);
	assert_non_null(strstr(text, "would let the command write /"));
	free(text);
	cage_launch_abort(plan);
	assert_no_child();
	assert_false(ran());
	cage_plan_free(plan);
	cage_policy_free(pol);
	cage_diags_free(&d);
}

/* cage_launch refuses it too when the caller did not check. */
static void
test_refused_unchecked(void **state)
{
	struct cage_launch_error le;
	struct cage_diags d = {0};
	struct cage_policy *pol;
	struct cage_plan *plan;
	int err, status = -1;

	(void)state;
	unlink(marker);
	plan = plan_in("/", true, &pol, &d, &err);
	assert_int_equal(err, 0);
	cage_launch_start(plan);
	assert_int_equal(cage_launch(plan, &status, &le), -EPERM);
	assert_string_equal(le.step, "fs paths");
	assert_int_equal(status, 125);
	assert_no_child();
	assert_false(ran());
	cage_plan_free(plan);
	cage_policy_free(pol);
	cage_diags_free(&d);
}

/* Started, then freed without a launch: the child is ended, not left
 * waiting. */
static void
test_started_freed(void **state)
{
	struct cage_diags d = {0};
	struct cage_policy *pol;
	struct cage_plan *plan;
	int err;

	(void)state;
	unlink(marker);
	plan = plan_in(work, true, &pol, &d, &err);
	assert_int_equal(err, 0);
	cage_launch_start(plan);
	assert_int_equal(cage_plan_check(plan, &d), 0);
	cage_plan_free(plan);
	assert_no_child();
	assert_false(ran());
	cage_policy_free(pol);
	cage_diags_free(&d);
}

static void
test_allowed(void **state)
{
	struct cage_launch_error le;
	struct cage_diags d = {0};
	struct cage_policy *pol;
	struct cage_plan *plan;
	int err, status = -1;

	(void)state;
	unlink(marker);
	plan = plan_in(work, true, &pol, &d, &err);
	assert_int_equal(err, 0);
	cage_launch_start(plan);
	assert_int_equal(cage_plan_check(plan, &d), 0);
	assert_int_equal(cage_launch(plan, &status, &le), 0);
	assert_string_equal(le.step, "");
	assert_int_equal(status, 0);
	assert_true(ran());
	assert_no_child();
	cage_plan_free(plan);
	cage_policy_free(pol);
	cage_diags_free(&d);
}

/* Without defer_fs_check the plan itself refuses, as it always did. */
static void
test_not_deferred(void **state)
{
	struct cage_diags d = {0};
	struct cage_policy *pol;
	struct cage_plan *plan;
	int err;

	(void)state;
	plan = plan_in("/", false, &pol, &d, &err);
	assert_int_equal(err, -EPERM);
	assert_null(plan);
	cage_policy_free(pol);
	cage_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_started),
		cmocka_unit_test(test_refused_unchecked),
		cmocka_unit_test(test_started_freed),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_not_deferred),
	};
	int r;

	if (geteuid() != 0) {
		fprintf(stderr, "test_deferred: needs root (a private view)\n");
		return 1;
	}
	if (!mkdtemp(work) || !getcwd(cwd, sizeof(cwd)))
		return 1;
	snprintf(marker, sizeof(marker), "%s/ran", work);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(marker);
	rmdir(work);
	return r;
}
