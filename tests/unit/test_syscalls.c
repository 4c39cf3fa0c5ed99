// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The syscall names newer than libseccomp (base/syscalls.c), and what the
 * built-ins answer each syscall newer than their first version (issue 14,
 * point 7): the compiled filters run in bpfsim, and decide.c, which
 * --explain and the reports use, agreeing with them.
 */
#include "bpfsim.h"
#include "base/syscalls.h"
#include "compile/filter.h"
#include "policy/decide.h"
#include "policy/policy.h"
#include "policy_helper.h"

#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define ALLOW	SECCOMP_RET_ALLOW
#define EPERM_	(SECCOMP_RET_ERRNO | EPERM)
#define ENOSYS_ (SECCOMP_RET_ERRNO | ENOSYS)

/* The built-ins of the table below, in its columns' order. */
static const char *const policies[] = {"stdio", "default", "ci", "untrusted"};
#define NPOL (sizeof(policies) / sizeof(policies[0]))

/*
 * The decisions, as policies/stdio.policy and default.policy say them
 * (ci and untrusted include default); the README's table.  Mode, where it
 * matters, is arg2.
 */
static const struct newer_case {
	const char *name;
	int nr;	       /* on x86-64 */
	uint64_t arg2; /* fchmodat2's mode */
	uint32_t want[NPOL];
} cases[] = {
	{"futex_waitv", 449, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"set_mempolicy_home_node", 450, 0, {EPERM_, EPERM_, EPERM_, EPERM_}},
	{"cachestat", 451, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"fchmodat2", 452, 0644, {EPERM_, ALLOW, ALLOW, ALLOW}},
	{"fchmodat2", 452, 04755, {EPERM_, EPERM_, EPERM_, EPERM_}},
	{"fchmodat2", 452, 02755, {EPERM_, EPERM_, EPERM_, EPERM_}},
	{"map_shadow_stack", 453, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"futex_wake", 454, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"futex_wait", 455, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"futex_requeue", 456, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"statmount", 457, 0, {ENOSYS_, ALLOW, ALLOW, ALLOW}},
	{"listmount", 458, 0, {ENOSYS_, ALLOW, ALLOW, ALLOW}},
	{"lsm_get_self_attr", 459, 0, {ENOSYS_, ALLOW, ALLOW, ALLOW}},
	{"lsm_set_self_attr", 460, 0, {ENOSYS_, ENOSYS_, ENOSYS_, ENOSYS_}},
	{"lsm_list_modules", 461, 0, {ENOSYS_, ALLOW, ALLOW, ALLOW}},
	{"mseal", 462, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"setxattrat", 463, 0, {EPERM_, ALLOW, ALLOW, ALLOW}},
	{"getxattrat", 464, 0, {EPERM_, ALLOW, ALLOW, ALLOW}},
	{"listxattrat", 465, 0, {EPERM_, ALLOW, ALLOW, ALLOW}},
	{"removexattrat", 466, 0, {EPERM_, ALLOW, ALLOW, ALLOW}},
	{"open_tree_attr", 467, 0, {EPERM_, EPERM_, EPERM_, EPERM_}},
	{"file_getattr", 468, 0, {EPERM_, ALLOW, ALLOW, ALLOW}},
	{"file_setattr", 469, 0, {ENOSYS_, ENOSYS_, ENOSYS_, ENOSYS_}},
	{"uretprobe", 335, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
	{"uprobe", 336, 0, {ALLOW, ALLOW, ALLOW, ALLOW}},
};

/* One built-in compiled: each part of its filter as raw BPF. */
struct stack {
	struct cage_policy *pol;
	struct cage_filter *filter;
	struct sock_filter *prog[CAGE_FILTER_MAX_PARTS];
	size_t len[CAGE_FILTER_MAX_PARTS];
	size_t n;
};

static struct stack *
compile_builtin(const char *name)
{
	struct cage_diags diags = {0};
	struct stack *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	s->pol = test_policy_builtin(name);
	assert_int_equal(cage_filter_compile(s->pol, &diags, &s->filter), 0);
	assert_int_equal(diags.n, 0);
	cage_diags_free(&diags);
	s->n = cage_filter_count(s->filter);
	assert_in_range(s->n, 1, CAGE_FILTER_MAX_PARTS);
	for (size_t i = 0; i < s->n; i++) {
		int fd = memfd_create("bpf", MFD_CLOEXEC);

		assert_true(fd >= 0);
		assert_int_equal(cage_filter_export_bpf(s->filter, i, fd), 0);
		assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
		assert_int_equal(bpfsim_load_fd(fd, &s->prog[i], &s->len[i]),
				 0);
		close(fd);
	}
	return s;
}

static void
stack_free(struct stack *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->prog[i]);
	cage_filter_free(s->filter);
	cage_policy_free(s->pol);
	free(s);
}

/* The kernel's precedence of the actions these filters return. */
static int
precedence(uint32_t ret)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
	case SECCOMP_RET_KILL_THREAD:
		return 3;
	case SECCOMP_RET_ERRNO:
		return 2;
	case SECCOMP_RET_ALLOW:
		return 0;
	}
	return 1;
}

/* What the stacked parts answer NR (ARG2): the strictest, the last on
 * a tie, as the kernel combines them. */
static uint32_t
call(const struct stack *s, int nr, uint64_t arg2)
{
	struct seccomp_data sd;
	uint32_t best = ALLOW;

	memset(&sd, 0, sizeof(sd));
	sd.arch = AUDIT_ARCH_X86_64;
	sd.nr = nr;
	sd.args[0] = (uint64_t)-100; /* AT_FDCWD */
	sd.args[2] = arg2;
	for (size_t i = 0; i < s->n; i++) {
		struct bpfsim_result res;

		assert_int_equal(bpfsim_run(s->prog[i], s->len[i], &sd, &res),
				 0);
		if (precedence(res.ret) >= precedence(best))
			best = res.ret;
	}
	return best;
}

/* decide.c's verdict as the filter's return value. */
static uint32_t
decided(const struct stack *s, int nr, uint64_t arg2)
{
	uint64_t args[6] = {(uint64_t)-100, 0, arg2, 0, 0, 0};
	struct cage_verdict v;

	cage_policy_decide(s->pol, nr, args, &v);
	switch (v.action.kind) {
	case CAGE_ACTION_ALLOW:
		return ALLOW;
	case CAGE_ACTION_ERRNO:
		return SECCOMP_RET_ERRNO | (uint32_t)v.action.errnum;
	default:
		return SECCOMP_RET_KILL_PROCESS;
	}
}

static void
test_names(void **state)
{
	int first;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(cage_syscall_number(cases[i].name),
				 cases[i].nr);
		assert_string_equal(cage_syscall_name(cases[i].nr),
				    cases[i].name);
	}
	assert_int_equal(cage_syscall_max_known(), 469);
	assert_int_equal(cage_syscall_gap(&first), 423);
	assert_int_equal(first, 337); /* after uprobe */
	assert_null(cage_syscall_name(470));
	assert_null(cage_syscall_name(337));
	assert_int_equal(cage_syscall_number("file_setattrat"), -ENOENT);
	/* another architecture's call is still foreign, not new */
	assert_int_equal(cage_syscall_number("set_tls"), -EXDEV);
}

static void
test_verdicts(void **state)
{
	unsigned bad = 0;

	(void)state;
	for (size_t p = 0; p < NPOL; p++) {
		struct stack *s = compile_builtin(policies[p]);

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			const struct newer_case *c = &cases[i];
			uint32_t got = call(s, c->nr, c->arg2);
			uint32_t dec = decided(s, c->nr, c->arg2);

			if (got != c->want[p] || dec != c->want[p]) {
				print_error("%s: %s (mode %#llo): filter %#x, "
					    "decide %#x, want %#x\n",
					    policies[p], c->name,
					    (unsigned long long)c->arg2, got,
					    dec, c->want[p]);
				bad++;
			}
		}
		stack_free(s);
	}
	assert_int_equal(bad, 0);
}

/*
 * Numbers past the newest name, and in x86-64's own gap below 424 (where
 * uretprobe and uprobe landed), which a kernel newer than this table may
 * have: ENOSYS under every built-in, so that libc falls back.
 */
static void
test_unknown_numbers(void **state)
{
	int max = cage_syscall_max_known();
	const int nrs[] = {
		337,	 338,	  400,	    423,
		max + 1, max + 2, max + 50, max + CAGE_NEW_SYSCALL_SPAN};
	unsigned bad = 0;

	(void)state;
	for (size_t p = 0; p < NPOL; p++) {
		struct stack *s = compile_builtin(policies[p]);

		for (size_t i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
			uint32_t got = call(s, nrs[i], 0);
			uint32_t dec = decided(s, nrs[i], 0);

			if (got != ENOSYS_ || dec != ENOSYS_) {
				print_error("%s: nr %d: filter %#x, decide "
					    "%#x, want ENOSYS\n",
					    policies[p], nrs[i], got, dec);
				bad++;
			}
		}
		stack_free(s);
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_unknown_numbers),
	};

#if !defined(__x86_64__)
	return 77; /* the table holds x86-64 numbers */
#endif
	return cmocka_run_group_tests(tests, NULL, NULL);
}
