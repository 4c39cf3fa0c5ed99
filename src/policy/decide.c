// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The policy's verdict on one call, computed in user space from the
 * registers the kernel reports: the same answer the stacked filters of
 * seccomp.c give, so that the supervisor enforces identically.
 */
#include "policy/action.h"
#include "policy/decide.h"
#include "base/syscalls.h"

#include <errno.h>
#include <linux/seccomp.h>

bool
cage_cmp_holds(const struct cage_cmp *c, uint64_t a)
{
	switch (c->op) {
	case CAGE_OP_EQ:
	case CAGE_OP_IN:
		return a == c->value;
	case CAGE_OP_NE:
		return a != c->value;
	case CAGE_OP_LT:
		return a < c->value;
	case CAGE_OP_LE:
		return a <= c->value;
	case CAGE_OP_GT:
		return a > c->value;
	case CAGE_OP_GE:
		return a >= c->value;
	case CAGE_OP_MASKED_EQ:
		return (a & c->mask) == c->value;
	}
	return false;
}

static bool
rule_holds(const struct cage_rule *r, const uint64_t args[6])
{
	for (unsigned i = 0; i < r->ncmps; i++)
		if (!cage_cmp_holds(&r->cmps[i], args[r->cmps[i].arg]))
			return false;
	return true;
}

size_t
cage_first_rule(const struct cage_policy *pol, int nr)
{
	size_t lo = 0, hi = pol->nrules;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pol->rules[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
set(struct cage_verdict *v, const struct cage_action *a,
    const struct cage_rule *r)
{
	v->action = *a;
	v->rule = r;
}

bool
cage_syscall_is_new(int nr)
{
	int max = cage_syscall_max_known(), first;
	int last = cage_syscall_gap(&first);

	return (nr > max && nr <= max + CAGE_NEW_SYSCALL_SPAN) ||
	       (nr >= first && nr <= last);
}

/* Calls no rule names: the default, ENOSYS for new syscalls, stacking. */
static void
decide_unnamed(const struct cage_policy *pol, int nr, const uint64_t args[6],
	       struct cage_verdict *v)
{
	static const struct cage_action enosys = {CAGE_ACTION_ERRNO, ENOSYS};
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};

	set(v, &pol->dflt, NULL);
	if (cage_action_rank(&pol->dflt) < cage_action_rank(&enosys) ||
	    cage_action_equal(&pol->dflt, &enosys))
		return;
	if (cage_syscall_is_new(nr)) {
		set(v, &enosys, NULL);
		v->new_syscall = true;
	} else if (nr == cage_syscall_number("seccomp") &&
		   (uint32_t)args[0] == SECCOMP_SET_MODE_FILTER) {
		set(v, &allow, NULL);
		v->stacking = true;
	}
}

/* A beats B in the kernel: more restrictive, or on a tie the higher
 * errno, whose filter seccomp.c loads later. */
static bool
stricter(const struct cage_action *a, const struct cage_action *b)
{
	if (cage_action_rank(a) != cage_action_rank(b))
		return cage_action_rank(a) > cage_action_rank(b);
	return a->kind == CAGE_ACTION_ERRNO && a->errnum > b->errnum;
}

/*
 * As compiled: the permitting filter answers ALLOW if a rule less strict
 * than the syscall's fallback holds, else the fallback; every other
 * action that holds answers from its own filter; the strictest wins.
 */
void
cage_policy_decide(const struct cage_policy *pol, int nr,
		   const uint64_t args[6], struct cage_verdict *v)
{
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};
	const struct cage_action *fb = &pol->dflt;
	const struct cage_rule *fb_rule = NULL, *permit = NULL, *worst = NULL;
	size_t i = cage_first_rule(pol, nr);

	v->new_syscall = v->stacking = false;
	if (i == pol->nrules || pol->rules[i].nr != nr) {
		decide_unnamed(pol, nr, args, v);
		return;
	}
	if (pol->rules[i].ncmps == 0) {
		fb_rule = &pol->rules[i];
		fb = &fb_rule->action;
	}
	for (; i < pol->nrules && pol->rules[i].nr == nr; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (!r->ncmps || cage_action_equal(&r->action, fb) ||
		    !rule_holds(r, args))
			continue;
		if (!permit &&
		    cage_action_rank(&r->action) < cage_action_rank(fb))
			permit = r;
		if (r->action.kind != CAGE_ACTION_ALLOW &&
		    (!worst || stricter(&r->action, &worst->action)))
			worst = r;
	}
	if (permit)
		set(v, &allow, permit);
	else
		set(v, fb, fb_rule);
	if (worst &&
	    cage_action_rank(&worst->action) >= cage_action_rank(&v->action))
		set(v, &worst->action, worst);
}

void
cage_policies_decide(struct cage_policy *const *pols, size_t n, int nr,
		     const uint64_t args[6], struct cage_verdict *v)
{
	struct cage_verdict one;

	v->policy = 0;
	for (size_t i = 0; i < n; i++) {
		cage_policy_decide(pols[i], nr, args, &one);
		one.policy = i;
		/* The most restrictive wins; among equals, the later filter. */
		if (i == 0 || cage_action_rank(&one.action) >=
				      cage_action_rank(&v->action))
			*v = one;
	}
}
