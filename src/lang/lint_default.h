// SPDX-License-Identifier: LGPL-2.1-or-later
/* What a policy allows beyond the default built-in, for lint.c. */
#ifndef CAGE_LINT_DEFAULT_H
#define CAGE_LINT_DEFAULT_H

#include "policy/policy.h"

/*
 * What R, an allowing rule of POL, opens that DEF (the 'default' built-in)
 * keeps shut: a syscall it never allows (unless WARNED: a warning of
 * lint's own names the rule already), or values of an argument it checks
 * one by one (socket families, prctl options).  0 or -errno.
 */
int cage_lint_beyond_default(const struct cage_policy *pol,
			     const struct cage_policy *def,
			     const struct cage_rule *r, bool warned,
			     struct cage_diags *diags);

#endif
