// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading a policy: the walk of its files and includes, under budgets. */
#ifndef CAGE_LOAD_H
#define CAGE_LOAD_H

#include "policy/policy.h"

/* A built-in policy from its embedded text, never an installed file that
 * shadows it (lint's reference, 'default'). */
int cage_policy_load_builtin(const char *name, struct cage_diags *diags,
			     struct cage_policy **out);

#endif
