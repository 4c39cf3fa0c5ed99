// SPDX-License-Identifier: LGPL-2.1-or-later
/* The target's environment: 'env clear|keep|set' of each policy, in order. */
#ifndef CAGE_ENVIRON_H
#define CAGE_ENVIRON_H

#include "policy/policy.h"

/*
 * BASE passed through the env sections of POLS in order: 'env clear'
 * drops every variable not kept, 'env set' replaces or adds.  *OUT and
 * its strings are malloc'd (cage_environ_free).  0 or -ENOMEM.
 */
int cage_environ_build(struct cage_policy *const *pols, size_t n,
		       char *const *base, char ***out);
void cage_environ_free(char **env);

/* The variables a policy removed: names only. */
struct cage_env_dropped {
	char **names; /* sorted (bytes), each once */
	size_t n;
};

/*
 * The names of BASE's variables (entries NAME=VALUE, NAME not empty:
 * none can keep an empty one) that ENV, built from
 * it, does not have: dropped by 'env clear' and not set again.  0 or
 * -ENOMEM (then *D is empty).
 */
int cage_environ_dropped(char *const *base, char *const *env,
			 struct cage_env_dropped *d);
void cage_env_dropped_free(struct cage_env_dropped *d);

#endif
