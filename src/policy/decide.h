// SPDX-License-Identifier: LGPL-2.1-or-later
/* A policy's verdict on one call: the reference semantics of policies. */
#ifndef CAGE_DECIDE_H
#define CAGE_DECIDE_H

#include "policy/policy.h"

/* Numbers past the highest known that get ENOSYS (new syscalls). */
#define CAGE_NEW_SYSCALL_SPAN 100

struct cage_verdict {
	struct cage_action action;
	const struct cage_rule *rule; /* NULL: the policy's default decided */
	size_t policy;		      /* which of several policies decided */
	bool new_syscall;	      /* ENOSYS for a syscall newer than us */
	bool stacking; /* seccomp(SET_MODE_FILTER), always let in */
};

/*
 * A number newer than syscage's names, which a newer kernel may have:
 * past the highest known (CAGE_NEW_SYSCALL_SPAN of them) or in the
 * architecture's own gap below 424 (base/syscalls.h).  Policies whose
 * default denies answer them ENOSYS, so that libc falls back.
 */
bool cage_syscall_is_new(int nr);

/* The index of NR's first rule (rules are sorted by number), or of the
 * first rule past it if it has none: a binary search. */
size_t cage_first_rule(const struct cage_policy *pol, int nr);
/* Does argument value A satisfy comparison C?  The meaning of one
 * comparison, for every reader of rules (lint, region.c). */
bool cage_cmp_holds(const struct cage_cmp *c, uint64_t a);

/*
 * The reference semantics: this function IS the meaning of a policy, the
 * verdict on call NR with ARGS.  Every other encoding of a policy is a
 * translation that must agree with it, call for call, and a test proves
 * each one in a BPF interpreter (tests/bpfsim.c):
 *   compile/seccomp.c, the kernel filter stack: test_seccomp
 *     (test_decide_matches_filters), over the policies of rule_shapes.h
 *     and the built-ins 'default' and 'stdio';
 *   compile/supervised.c, the supervised program: test_supervised
 *     (test_matches_decide, test_stacked: cage_policies_decide), over
 *     rule_shapes.h, every built-in and stacks of two;
 *   interop/export_oci.c and interop/region.c, OCI profiles: test_export
 *     (test_oci_*, via tests/interop/sim.c) against the kernel filter
 *     stack, and so against this function, over every built-in and
 *     overlapping rules.
 * The linter (lang/lint*.c) reads comparisons through cage_cmp_holds too.
 * Change the semantics here first; the tests then say which encoder
 * disagrees.
 */
void cage_policy_decide(const struct cage_policy *pol, int nr,
			const uint64_t args[6], struct cage_verdict *v);
/* Several stacked policies: the strictest verdict, the later on a tie. */
void cage_policies_decide(struct cage_policy *const *pols, size_t n, int nr,
			  const uint64_t args[6], struct cage_verdict *v);

#endif
