// SPDX-License-Identifier: LGPL-2.1-or-later
/* Resource limits: merged before fork, set by a step of the child. */
#ifndef CAGE_RLIMITS_H
#define CAGE_RLIMITS_H

#include "policy/policy.h"
#include "syscage.h"

#include <stddef.h>
#include <sys/resource.h>

/* One limit to set, and its name for the failure report. */
struct cage_rlimit_want {
	int resource;
	const char *name;
	struct rlimit rl;
};

struct cage_rlimits {
	struct cage_rlimit_want v[CAGE_NLIMITS];
	struct cage_limit_set shown[CAGE_NLIMITS]; /* v[i] for the user */
	size_t n;
};

/* Before fork: the lowest limit of POLS for each resource one sets. */
void cage_limits_merge(struct cage_policy *const *pols, size_t n,
		       struct cage_rlimits *out);
/* Child step: set them, each read back; no allocation. */
int cage_limits_apply(const struct cage_rlimits *l, const char **step);

#endif
