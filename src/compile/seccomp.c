// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Must agree with policy/decide.c (the reference semantics); proven by
 * tests/unit/test_seccomp.c over rule_shapes.h and the built-ins default
 * and stdio (test_decide_matches_filters).
 *
 * Resolved policy -> libseccomp filters.  libseccomp gives each syscall one
 * fallback, the filter's default, and an unconditional rule silently wins
 * over conditional ones, so a syscall whose own fallback is not the
 * policy's default is split across stacked filters, where the kernel lets
 * the most restrictive result win:
 *
 *   main     default: the policy's; unconditional rules, and ALLOW for
 *            conditional rules less restrictive than the policy default
 *   fallback one per distinct fallback F: default F, every other syscall
 *            allowed; ALLOW for conditional rules less restrictive than F
 *   except   one per distinct action A of conditional rules: default
 *            allow; the rules whose action is A
 *
 * So one filter never holds two actions for one syscall's conditional
 * rules (libseccomp would pick by argument order), and when several rules
 * match, the most restrictive action wins.  Load order: fallback filters,
 * main, except; among equal precedences the filter loaded last decides
 * the errno.
 */
#include "policy/action.h"
#include "policy/decide.h"
#include "compile/filter.h"
#include "base/syscalls.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

static struct cage_filter_part *
part(struct cage_filter *f, enum cage_filter_role role,
     const struct cage_action *key)
{
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};

	for (size_t i = 0; i < f->n; i++)
		if (f->parts[i].role == role &&
		    cage_action_equal(&f->parts[i].key, key))
			return &f->parts[i];
	if (cage_filter_new_part(f, role == CAGE_FILTER_EXCEPT ? &allow : key,
				 role))
		return NULL;
	f->parts[f->n - 1].key = *key;
	return &f->parts[f->n - 1];
}

static int
refused(struct cage_diags *diags, const struct cage_rule *r, int err)
{
	const char *name = cage_syscall_name(r->nr);

	if (err == -E2BIG)
		cage_diag_add(diags, CAGE_SEVERITY_ERROR, &r->loc,
			      "the rules for '%s' need more than %d stacked "
			      "filters: use fewer distinct actions in "
			      "conditional rules",
			      name ? name : "?", CAGE_FILTER_MAX_PARTS);
	else
		cage_diag_add(diags, CAGE_SEVERITY_ERROR, &r->loc,
			      "libseccomp refused the rule for '%s': %s",
			      name ? name : "?", strerror(-err));
	return err;
}

/*
 * Place one syscall's rules [r, r + n) in the filters.  Within one filter
 * all conditional rules of a syscall share one action, so libseccomp's
 * order of argument checks cannot pick the winner: the filter that
 * permits (main, or the one whose default is the syscall's fallback) says
 * ALLOW when any less restrictive rule matches, and each other action has
 * its own filter that defaults to allow.  The kernel then takes the most
 * restrictive answer.
 */
static int
place_syscall(struct cage_filter *f, const struct cage_policy *pol,
	      const struct cage_rule *r, size_t n)
{
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};
	const struct cage_action *fb = &pol->dflt, *own;
	bool permissive = false;
	int err = 0;

	if (r[0].ncmps == 0)
		fb = &r[0].action; /* merge put the fallback first */
	for (size_t i = 0; i < n; i++)
		if (r[i].ncmps &&
		    cage_action_rank(&r[i].action) < cage_action_rank(fb))
			permissive = true;
	own = permissive ? &allow : fb;
	if (!cage_action_equal(fb, &pol->dflt) &&
	    !cage_action_equal(own, &pol->dflt))
		err = cage_filter_add_rule(f->parts[f->main].ctx, &r[0], own);
	for (size_t i = 0; i < n && !err; i++) {
		struct cage_filter_part *p;

		if (!r[i].ncmps || cage_action_equal(&r[i].action, fb))
			continue;
		if (cage_action_rank(&r[i].action) < cage_action_rank(fb)) {
			if (cage_action_equal(fb, &pol->dflt))
				p = &f->parts[f->main];
			else
				p = part(f, CAGE_FILTER_FALLBACK, fb);
			if (!p)
				return -E2BIG;
			err = cage_filter_add_rule(p->ctx, &r[i], &allow);
			if (!err && p->role == CAGE_FILTER_FALLBACK)
				err = cage_filter_mark(p, r[i].nr);
		}
		if (err || r[i].action.kind == CAGE_ACTION_ALLOW)
			continue;
		p = part(f, CAGE_FILTER_EXCEPT, &r[i].action);
		if (!p)
			return -E2BIG;
		err = cage_filter_add_rule(p->ctx, &r[i], &r[i].action);
	}
	return err;
}

/*
 * Each filter but the last must let the next one in: seccomp(2) with
 * SECCOMP_SET_MODE_FILTER, which can only ever add restrictions, is allowed
 * unless the policy rules on seccomp itself.
 */
static int
allow_stacking(struct cage_filter *f, const struct cage_policy *pol)
{
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};
	struct cage_rule r = {.ncmps = 1};

	r.nr = cage_syscall_number("seccomp");
	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr == r.nr)
			return 0;
	if (cage_action_equal(&pol->dflt, &allow))
		return 0;
	r.cmps[0].arg = 0;
	r.cmps[0].op = CAGE_OP_MASKED_EQ;
	r.cmps[0].mask = 0xffffffffu;
	r.cmps[0].value = SECCOMP_SET_MODE_FILTER;
	return cage_filter_add_rule(f->parts[f->main].ctx, &r, &allow);
}

/* Syscalls newer than syscage's names: ENOSYS, so libc falls back. */
static int
add_new_syscalls(struct cage_filter *f, const struct cage_policy *pol)
{
	static const struct cage_action enosys = {CAGE_ACTION_ERRNO, ENOSYS};
	int first, last = cage_syscall_max_known() + CAGE_NEW_SYSCALL_SPAN;
	struct cage_rule r = {0};
	int err = 0;

	if (cage_action_rank(&pol->dflt) < cage_action_rank(&enosys) ||
	    cage_action_equal(&pol->dflt, &enosys))
		return 0;
	cage_syscall_gap(&first);
	for (r.nr = first; r.nr <= last && !err; r.nr++)
		if (cage_syscall_is_new(r.nr))
			err = cage_filter_add_rule(f->parts[f->main].ctx, &r,
						   &enosys);
	return err;
}

int
cage_filter_compile(const struct cage_policy *pol, struct cage_diags *diags,
		    struct cage_filter **out)
{
	struct cage_filter *f = calloc(1, sizeof(*f));
	size_t errors = diags->errors;
	int err;

	*out = NULL;
	if (!f)
		return -ENOMEM;
	err = cage_filter_new_part(f, &pol->dflt, CAGE_FILTER_MAIN);
	f->main = 0;
	for (size_t i = 0; i < pol->nrules && !err;) {
		size_t j = i;

		while (j < pol->nrules && pol->rules[j].nr == pol->rules[i].nr)
			j++;
		err = place_syscall(f, pol, &pol->rules[i], j - i);
		if (err)
			refused(diags, &pol->rules[i], err);
		i = j;
	}
	if (!err)
		err = add_new_syscalls(f, pol);
	if (!err)
		err = allow_stacking(f, pol);
	if (!err)
		err = cage_filter_finish(f);
	if (!err && diags->errors > errors)
		err = -EINVAL;
	if (err) {
		cage_filter_free(f);
		return err;
	}
	*out = f;
	return 0;
}
