// SPDX-License-Identifier: LGPL-2.1-or-later
/* A policy's verdict on one call, in user space, for the supervisor. */
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

/* The index of NR's first rule (rules are sorted by number), or of the
 * first rule past it if it has none: a binary search. */
size_t cage_first_rule(const struct cage_policy *pol, int nr);
/* Does argument value A satisfy comparison C? */
bool cage_cmp_holds(const struct cage_cmp *c, uint64_t a);

void cage_policy_decide(const struct cage_policy *pol, int nr,
			const uint64_t args[6], struct cage_verdict *v);
/* Several stacked policies: the strictest verdict, the later on a tie. */
void cage_policies_decide(struct cage_policy *const *pols, size_t n, int nr,
			  const uint64_t args[6], struct cage_verdict *v);

#endif
