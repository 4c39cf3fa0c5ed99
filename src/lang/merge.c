// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Once every file is read: settle the default, turn 'deny' into it, and
 * decide which rules stand for each syscall.  Rules are ranked: a file
 * beats the files it includes, and a syscall named directly beats one
 * reached through a group.  Among rules of one rank, disagreement is a
 * conflict, reported with both places.
 */
#include "lang/ast.h"
#include "lang/loader.h"
#include "lang/merge.h"
#include "base/syscalls.h"
#include "policy/action.h"

#include <stdlib.h>
#include <string.h>

static int
cmp_rules(const void *pa, const void *pb)
{
	const struct cage_rule *a = pa, *b = pb;

	if (a->nr != b->nr)
		return a->nr < b->nr ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((a->ncmps == 0) != (b->ncmps == 0))
		return a->ncmps == 0 ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool
same_cond(const struct cage_rule *a, const struct cage_rule *b)
{
	if (a->ncmps != b->ncmps)
		return false;
	for (unsigned i = 0; i < a->ncmps; i++) {
		const struct cage_cmp *x = &a->cmps[i], *y = &b->cmps[i];

		if (x->arg != y->arg || x->op != y->op ||
		    x->value != y->value ||
		    (x->op == CAGE_OP_MASKED_EQ && x->mask != y->mask))
			return false;
	}
	return true;
}

static void
conflict(struct cage_loader *ld, const struct cage_rule *keep,
	 const struct cage_rule *other)
{
	char a[32], b[32];
	const char *name = cage_syscall_name(keep->nr);
	bool groups = keep->via_group && other->via_group;

	cage_action_str(&other->action, a, sizeof(a));
	cage_action_str(&keep->action, b, sizeof(b));
	cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &other->loc,
		      "conflicting rules for '%s': '%s' here, '%s' at "
		      "%s:%u:%u%s",
		      name ? name : "?", a, b, keep->loc.file->name,
		      keep->loc.line, keep->loc.col,
		      groups ? " (both through groups: name it directly to "
			       "choose)"
			     : "");
}

/* Rules [begin, end) are one syscall's, sorted; compact the winners to out. */
static size_t
merge_syscall(struct cage_loader *ld, struct cage_rule *r, size_t begin,
	      size_t end, size_t out)
{
	const struct cage_rule *fallback = NULL;
	size_t first = out;

	for (size_t i = begin; i < end; i++) {
		struct cage_rule *cur = &r[i];
		bool drop = false;

		if (fallback && cur->rank > fallback->rank)
			break; /* overridden by a stronger unconditional rule */
		if (cur->ncmps == 0 && fallback) {
			if (!cage_action_equal(&cur->action, &fallback->action))
				conflict(ld, fallback, cur);
			continue;
		}
		for (size_t k = first; k < out && !drop; k++) {
			if (r[k].ncmps == 0 || !same_cond(&r[k], cur))
				continue;
			drop = true;
			if (r[k].rank == cur->rank &&
			    !cage_action_equal(&r[k].action, &cur->action))
				conflict(ld, &r[k], cur);
		}
		if (drop)
			continue;
		r[out] = *cur;
		if (cur->ncmps == 0)
			fallback = &r[out];
		out++;
	}
	/* The compiler and decide.c read the fallback first: an includer's
	 * conditional rules sort ahead of an included unconditional one. */
	if (fallback && fallback != &r[first]) {
		struct cage_rule fb = *fallback;

		memmove(&r[first + 1], &r[first],
			(size_t)(fallback - &r[first]) * sizeof(*r));
		r[first] = fb;
	}
	return out;
}

int
cage_merge_finish(struct cage_loader *ld)
{
	struct cage_policy *pol = ld->pol;
	struct cage_action denial;
	size_t out = 0;

	if (ld->dflt_stmt && ld->dflt_depth < 17 &&
	    ld->dflt_clash[ld->dflt_depth][0]) {
		const struct cage_stmt *a = ld->dflt_clash[ld->dflt_depth][0];
		const struct cage_stmt *b = ld->dflt_clash[ld->dflt_depth][1];
		char x[32], y[32];

		cage_action_str(&b->action, x, sizeof(x));
		cage_action_str(&a->action, y, sizeof(y));
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &b->loc,
			      "conflicting defaults: '%s' here, '%s' at "
			      "%s:%u",
			      x, y, a->loc.file->name, a->loc.line);
	}
	if (ld->dflt_stmt) {
		pol->dflt = ld->dflt_stmt->action;
		pol->dflt_loc = ld->dflt_stmt->loc;
	} else {
		pol->dflt.kind = CAGE_ACTION_KILL;
	}
	denial = pol->dflt;
	if (cage_action_rank(&denial) <
	    cage_action_rank(&(struct cage_action){CAGE_ACTION_ERRNO, 1})) {
		denial.kind = CAGE_ACTION_ERRNO;
		denial.errnum = 1; /* EPERM, for 'deny' under 'default allow' */
	}
	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].action.kind == CAGE_ACTION_DENY)
			pol->rules[i].action = denial;
	if (pol->nrules)
		qsort(pol->rules, pol->nrules, sizeof(*pol->rules), cmp_rules);
	for (size_t i = 0; i < pol->nrules;) {
		size_t j = i;

		while (j < pol->nrules && pol->rules[j].nr == pol->rules[i].nr)
			j++;
		out = merge_syscall(ld, pol->rules, i, j, out);
		i = j;
	}
	pol->nrules = out;
	return 0;
}
