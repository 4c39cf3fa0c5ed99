// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The guard (guard.c) in the BPF interpreter: what it refuses, on the 32
 * bits the kernel reads, and that every other call reads no argument, so
 * that the kernel's action cache keeps it free.
 */
#include "bpfsim.h"
#include "compile/guard.h"

#include <errno.h>
#include <linux/audit.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>

#include <cmocka.h>

#define SUP   4242 /* the supervisor's pid */
#define TID   4243 /* its answering thread: a tid the guard never knew */
#define GROUP 4200 /* its process group */
#define OTHER 777  /* some other process */
#define HIGH  (1ull << 32)
#define DENY  (SECCOMP_RET_ERRNO | EPERM)

static struct cage_guard guard;

static struct bpfsim_result
run(uint32_t arch, int nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct seccomp_data sd = {.nr = nr, .arch = arch};
	struct bpfsim_result res;

	sd.args[0] = a0;
	sd.args[1] = a1;
	sd.args[2] = a2;
	assert_int_equal(
		bpfsim_run(guard.prog.filter, guard.prog.len, &sd, &res), 0);
	return res;
}

static uint32_t
ret(int nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return run(AUDIT_ARCH_X86_64, nr, a0, a1, a2).ret;
}

static int
setup(void **state)
{
	(void)state;
	return cage_guard_program(&guard);
}

/* Every call but the seven reads no argument: always allowed, cached. */
static void
test_others_cached(void **state)
{
	static const int guarded[] = {
		SYS_prlimit64,		SYS_setpriority,
		SYS_ioprio_set,		SYS_sched_setaffinity,
		SYS_sched_setscheduler, SYS_sched_setparam,
		SYS_sched_setattr};

	(void)state;
	for (int nr = 0; nr < 1024; nr++) {
		struct bpfsim_result r;
		bool g = false;

		for (size_t i = 0; i < sizeof(guarded) / sizeof(guarded[0]);
		     i++)
			g |= guarded[i] == nr;
		r = run(AUDIT_ARCH_X86_64, nr, SUP, SUP, 1);
		assert_int_equal(r.read_args, g);
		if (!g)
			assert_int_equal(r.ret, SECCOMP_RET_ALLOW);
	}
	/* Other ABIs are the policy's to kill. */
	assert_int_equal(run(AUDIT_ARCH_I386, SYS_prlimit64, SUP, 0, 1).ret,
			 SECCOMP_RET_ALLOW);
}

static void
test_prlimit(void **state)
{
	(void)state;
	assert_int_equal(ret(SYS_prlimit64, 0, 0, 0x1000), SECCOMP_RET_ALLOW);
	assert_int_equal(ret(SYS_prlimit64, HIGH, 0, 0x1000),
			 SECCOMP_RET_ALLOW); /* the kernel reads pid 0 */
	assert_int_equal(ret(SYS_prlimit64, SUP, 0, 0x1000), DENY);
	assert_int_equal(ret(SYS_prlimit64, OTHER, 7, 0x1000), DENY);
	assert_int_equal(ret(SYS_prlimit64, 1, 7, 0x1000), DENY);
	assert_int_equal(ret(SYS_prlimit64, HIGH | SUP, 0, 0x1000), DENY);
	assert_int_equal(ret(SYS_prlimit64, OTHER, 7, HIGH), DENY);
	/* No new limits: it only reads. */
	assert_int_equal(ret(SYS_prlimit64, SUP, 7, 0), SECCOMP_RET_ALLOW);
}

static void
test_setpriority(void **state)
{
	(void)state;
	/* PRIO_PROCESS 0, PRIO_PGRP 1, PRIO_USER 2: the caller only. */
	assert_int_equal(ret(SYS_setpriority, 0, 0, 19), SECCOMP_RET_ALLOW);
	assert_int_equal(ret(SYS_setpriority, HIGH, HIGH, 19),
			 SECCOMP_RET_ALLOW); /* the kernel reads 32 bits */
	assert_int_equal(ret(SYS_setpriority, 0, SUP, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 0, TID, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 0, OTHER, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 0, HIGH | SUP, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 1, 0, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 1, GROUP, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, HIGH | 1, GROUP, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 1, OTHER, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 2, 0, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 2, 1000, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, HIGH | 2, 1000, 19), DENY);
	assert_int_equal(ret(SYS_setpriority, 3, 0, 19), DENY);
}

static void
test_ioprio(void **state)
{
	(void)state;
	/* IOPRIO_WHO_PROCESS 1, _PGRP 2, _USER 3: the caller only. */
	assert_int_equal(ret(SYS_ioprio_set, 1, 0, 0x6000), SECCOMP_RET_ALLOW);
	assert_int_equal(ret(SYS_ioprio_set, HIGH | 1, HIGH, 0x6000),
			 SECCOMP_RET_ALLOW);
	assert_int_equal(ret(SYS_ioprio_set, 1, OTHER, 0x6000), DENY);
	assert_int_equal(ret(SYS_ioprio_set, 1, SUP, 0x6000), DENY);
	assert_int_equal(ret(SYS_ioprio_set, 1, TID, 0x6000), DENY);
	assert_int_equal(ret(SYS_ioprio_set, 0, 0, 0x6000), DENY);
	assert_int_equal(ret(SYS_ioprio_set, 2, 0, 0x6000), DENY);
	assert_int_equal(ret(SYS_ioprio_set, 2, GROUP, 0x6000), DENY);
	assert_int_equal(ret(SYS_ioprio_set, 3, 0, 0x6000), DENY);
	assert_int_equal(ret(SYS_ioprio_set, HIGH | 3, 0, 0x6000), DENY);
}

/* Every thread has its own priority and CPUs: any pid or tid but 0,
 * the supervisor's threads' among them, is refused. */
static void
test_sched(void **state)
{
	static const int calls[] = {SYS_sched_setaffinity,
				    SYS_sched_setscheduler, SYS_sched_setparam,
				    SYS_sched_setattr};

	(void)state;
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		assert_int_equal(ret(calls[i], 0, 1, 0), SECCOMP_RET_ALLOW);
		assert_int_equal(ret(calls[i], HIGH, 1, 0), SECCOMP_RET_ALLOW);
		assert_int_equal(ret(calls[i], OTHER, 1, 0), DENY);
		assert_int_equal(ret(calls[i], SUP, 1, 0), DENY);
		assert_int_equal(ret(calls[i], TID, 1, 0), DENY);
		assert_int_equal(ret(calls[i], HIGH | SUP, 1, 0), DENY);
		assert_int_equal(ret(calls[i], 1, 1, 0), DENY);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_others_cached),
		cmocka_unit_test(test_prlimit),
		cmocka_unit_test(test_setpriority),
		cmocka_unit_test(test_ioprio),
		cmocka_unit_test(test_sched),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
