// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of the supervised filter's routing head (supervised_watch.c), run
 * in bpfsim: for every built-in, each watched call is routed whatever its
 * arguments, every other call gets exactly the answer of the filter
 * without the head, and foreign architectures and x32 numbers are still
 * killed; too long a head is refused, not cut.
 */
#include "bpfsim.h"
#include "base/syscalls.h"
#include "compile/supervised.h"
#include "compile/supervised_watch.h"
#include "policy_helper.h"
#include "syscage.h"

#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define ARCH AUDIT_ARCH_X86_64

static uint32_t
run(const struct sock_fprog *p, uint32_t arch, uint32_t nr, uint64_t a0)
{
	struct seccomp_data sd = {.nr = (int)nr, .arch = arch};
	struct bpfsim_result res;

	sd.args[0] = a0;
	assert_int_equal(bpfsim_run(p->filter, p->len, &sd, &res), 0);
	return res.ret;
}

static bool
watched(const int *nrs, size_t n, uint32_t nr)
{
	for (size_t i = 0; i < n; i++)
		if ((uint32_t)nrs[i] == nr)
			return true;
	return false;
}

static void
test_routes_watched_only(void **state)
{
	static const char *const names[] = {"open",    "openat",
					    "execve",  "newfstatat",
					    "connect", "unlinkat"};
	const char *const *pols = cage_builtin_names();
	int nrs[6];

	(void)state;
	for (size_t i = 0; i < 6; i++)
		nrs[i] = cage_syscall_number(names[i]);
	for (size_t k = 0; pols[k]; k++) {
		struct cage_policy *pol = test_policy_builtin(pols[k]);
		struct sock_fprog plain, wrapped;

		assert_int_equal(
			cage_supervised_program(&pol, 1, false, 7, &plain), 0);
		assert_int_equal(
			cage_supervised_program(&pol, 1, false, 7, &wrapped),
			0);
		assert_int_equal(cage_supervised_watch(&wrapped, nrs, 6), 0);
		assert_int_equal(wrapped.len, plain.len + 6 + 5);
		for (uint32_t nr = 0; nr < 500; nr++)
			for (uint64_t a0 = 0; a0 < 8; a0 += 7) {
				uint32_t want =
					watched(nrs, 6, nr)
						? SECCOMP_RET_USER_NOTIF
						: run(&plain, ARCH, nr, a0);

				assert_int_equal(run(&wrapped, ARCH, nr, a0),
						 want);
				assert_int_equal(
					run(&wrapped, AUDIT_ARCH_I386, nr, a0),
					SECCOMP_RET_KILL_PROCESS);
				assert_int_equal(run(&wrapped, ARCH,
						     nr | 0x40000000u, a0),
						 SECCOMP_RET_KILL_PROCESS);
			}
		free(plain.filter);
		free(wrapped.filter);
		cage_policy_free(pol);
	}
}

static void
test_nothing_and_too_many(void **state)
{
	struct cage_policy *pol = test_policy_builtin("default");
	struct sock_fprog p;
	int nrs[300];
	unsigned short len;

	(void)state;
	for (int i = 0; i < 300; i++)
		nrs[i] = i;
	assert_int_equal(cage_supervised_program(&pol, 1, false, 7, &p), 0);
	len = p.len;
	assert_int_equal(cage_supervised_watch(&p, nrs, 0), 0);
	assert_int_equal(p.len, len);
	assert_int_equal(cage_supervised_watch(&p, nrs, 300), -E2BIG);
	assert_int_equal(p.len, len);
	free(p.filter);
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes_watched_only),
		cmocka_unit_test(test_nothing_and_too_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
