// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cage_launch compiles nothing (issue 12): the plan (cage_plan_new)
 * compiles a policy that is not a built-in, its kernel filters with
 * libseccomp and its supervised programs with the emitter, and the
 * launch that follows makes none of those calls, in the parent or in the
 * child.  seccomp_init and the emitter's entry points are wrapped to
 * count them, on a page the child shares.
 */
#include "compile/filter.h"
#include "syscage.h"
#include "policy_helper.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* Compiles seen, in this process and in the launched child. */
struct counts {
	int seccomp_init;
	int supervised; /* the supervised filter, emitted */
	int closing;	/* the filter that closes the hand-over, emitted */
};

static struct counts *seen;

scmp_filter_ctx __wrap_seccomp_init(uint32_t def_action);
scmp_filter_ctx __real_seccomp_init(uint32_t def_action);
int __wrap_cage_supervised_program(struct cage_policy *const *pols, size_t n,
				   bool learn, int status_fd,
				   struct sock_fprog *out);
int __real_cage_supervised_program(struct cage_policy *const *pols, size_t n,
				   bool learn, int status_fd,
				   struct sock_fprog *out);
int __wrap_cage_supervised_close_program(struct cage_policy *const *pols,
					 size_t n, int status_fd,
					 struct sock_fprog *out);
int __real_cage_supervised_close_program(struct cage_policy *const *pols,
					 size_t n, int status_fd,
					 struct sock_fprog *out);

scmp_filter_ctx
__wrap_seccomp_init(uint32_t def_action)
{
	__atomic_add_fetch(&seen->seccomp_init, 1, __ATOMIC_SEQ_CST);
	return __real_seccomp_init(def_action);
}

int
__wrap_cage_supervised_program(struct cage_policy *const *pols, size_t n,
			       bool learn, int status_fd,
			       struct sock_fprog *out)
{
	__atomic_add_fetch(&seen->supervised, 1, __ATOMIC_SEQ_CST);
	return __real_cage_supervised_program(pols, n, learn, status_fd, out);
}

int
__wrap_cage_supervised_close_program(struct cage_policy *const *pols, size_t n,
				     int status_fd, struct sock_fprog *out)
{
	__atomic_add_fetch(&seen->closing, 1, __ATOMIC_SEQ_CST);
	return __real_cage_supervised_close_program(pols, n, status_fd, out);
}

/* Not a built-in: nothing of it is compiled into the library. */
static const char policy_text[] = "default allow\n"
				  "errno EPERM ptrace\n"
				  "allow ptrace if arg0 == 0\n"
				  "errno EPERM sendmsg if arg2 == 7\n";

static void
plan_then_launch(enum cage_supervise mode, const struct counts *planned)
{
	char *const argv[] = {"/bin/sh", "-c", "exit 7", NULL};
	struct cage_diags d = {0};
	struct cage_policy *pol = test_policy_text(policy_text);
	struct cage_plan *plan = NULL;
	struct cage_launch_opts o = {.argv = argv, .supervise = mode};
	struct cage_launch_error err;
	int status = -1;

	o.policies = &pol;
	o.npolicies = 1;
	memset(seen, 0, sizeof(*seen));
	assert_int_equal(cage_plan_new(&o, &d, &plan), 0);
	/* The wraps work: the plan's compiles are seen. */
	if (planned->seccomp_init)
		assert_true(seen->seccomp_init > 0);
	assert_int_equal(seen->supervised, planned->supervised);
	assert_int_equal(seen->closing, planned->closing);
	memset(seen, 0, sizeof(*seen));
	assert_int_equal(cage_launch(plan, &status, &err), 0);
	assert_string_equal(err.step, "");
	assert_int_equal(status, 7);
	assert_int_equal(seen->seccomp_init, 0);
	assert_int_equal(seen->supervised, 0);
	assert_int_equal(seen->closing, 0);
	/* A plan serves one launch. */
	assert_int_equal(cage_launch(plan, &status, &err), -EALREADY);
	cage_plan_free(plan);
	cage_policy_free(pol);
	cage_diags_free(&d);
}

static void
test_kernel_filters(void **state)
{
	(void)state;
	plan_then_launch(CAGE_SUPERVISE_OFF, &(struct counts){1, 0, 0});
}

static void
test_supervised(void **state)
{
	(void)state;
	plan_then_launch(CAGE_SUPERVISE_ENFORCE, &(struct counts){0, 1, 1});
}

static void
test_audit(void **state)
{
	(void)state;
	plan_then_launch(CAGE_SUPERVISE_AUDIT, &(struct counts){0, 1, 0});
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_filters),
		cmocka_unit_test(test_supervised),
		cmocka_unit_test(test_audit),
	};

	seen = mmap(NULL, sizeof(*seen), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (seen == MAP_FAILED)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
