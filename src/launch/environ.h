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

#endif
