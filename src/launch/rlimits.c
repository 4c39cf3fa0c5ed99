// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resource limits: merged before fork (with several policies the lowest
 * limit wins, as every stacked policy must hold), set in the child.
 */
#include "policy/limits.h"
#include "policy/policy.h"
#include "launch/rlimits.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/*
 * The lowest of the policies' limits for RESOURCE; false if none sets it.
 * *WHERE: the policy line of the lowest soft limit, the one that bites.
 */
static bool
wanted(struct cage_policy *const *pols, size_t n, int resource,
       struct rlimit *rl, const struct cage_loc **where)
{
	bool any = false;

	rl->rlim_cur = rl->rlim_max = RLIM_INFINITY;
	for (size_t i = 0; i < n; i++) {
		const struct cage_limit *l = &pols[i]->iso.limits[resource];

		if (!l->set)
			continue;
		if (!any || l->soft < rl->rlim_cur)
			*where = &l->loc;
		any = true;
		if (l->soft < rl->rlim_cur)
			rl->rlim_cur = l->soft;
		if (l->hard < rl->rlim_max)
			rl->rlim_max = l->hard;
	}
	if (rl->rlim_cur > rl->rlim_max)
		rl->rlim_cur = rl->rlim_max;
	return any;
}

/*
 * A hard limit above the current one cannot be had without privilege and
 * restricts nothing the current one does not: keep the current one.
 */
static int
set_limit(int resource, struct rlimit want)
{
	struct rlimit cur, got;

	if (getrlimit(resource, &cur) < 0)
		return -errno;
	if (setrlimit(resource, &want) < 0) {
		if (errno != EPERM || want.rlim_max <= cur.rlim_max)
			return -errno;
		want.rlim_max = cur.rlim_max;
		if (want.rlim_cur > want.rlim_max)
			want.rlim_cur = want.rlim_max;
		if (setrlimit(resource, &want) < 0)
			return -errno;
	}
	if (getrlimit(resource, &got) < 0)
		return -errno;
	if (got.rlim_cur != want.rlim_cur || got.rlim_max != want.rlim_max)
		return -EPERM;
	return 0;
}

void
cage_limits_merge(struct cage_policy *const *pols, size_t n,
		  struct cage_rlimits *out)
{
	const char *name;
	int res;

	out->n = 0;
	for (size_t i = 0;
	     (res = cage_rlimit_nth(i, &name)) >= 0 && out->n < CAGE_NLIMITS;
	     i++) {
		struct cage_rlimit_want *w = &out->v[out->n];
		struct cage_limit_set *s = &out->shown[out->n];
		const struct cage_loc *where = NULL;

		if (!wanted(pols, n, res, &w->rl, &where))
			continue;
		w->resource = res;
		w->name = name;
		s->name = cage_rlimit_name(res);
		s->soft = w->rl.rlim_cur;
		s->hard = w->rl.rlim_max;
		s->file = where->file ? where->file->name : "?";
		s->line = where->line;
		out->n++;
	}
}

int
cage_limits_apply(const struct cage_rlimits *l, const char **step)
{
	for (size_t i = 0; i < l->n; i++) {
		int err;

		*step = l->v[i].name;
		err = set_limit(l->v[i].resource, l->v[i].rl);
		if (err)
			return err;
	}
	return 0;
}
