// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resource limits set in the child before exec: with several policies the
 * lowest limit wins, as every stacked policy must hold.
 */
#include "policy/limits.h"
#include "policy/policy.h"
#include "launch/rlimits.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* The lowest of the policies' limits for RESOURCE; false if none sets it. */
static bool
wanted(const struct cage_launch_opts *o, int resource, struct rlimit *rl)
{
	bool any = false;

	rl->rlim_cur = rl->rlim_max = RLIM_INFINITY;
	for (size_t i = 0; i < o->npolicies; i++) {
		const struct cage_limit *l =
			&o->policies[i]->iso.limits[resource];

		if (!l->set)
			continue;
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

int
cage_limits_apply(const struct cage_launch_opts *o, const char **step)
{
	const char *name;
	int res;

	for (size_t i = 0; (res = cage_rlimit_nth(i, &name)) >= 0; i++) {
		struct rlimit rl;
		int err;

		if (!wanted(o, res, &rl))
			continue;
		*step = name;
		err = set_limit(res, rl);
		if (err)
			return err;
	}
	return 0;
}
