// SPDX-License-Identifier: LGPL-2.1-or-later
/* The linter's judgement of one rule, for the supervisor's suggestions. */
#ifndef CAGE_LINT_H
#define CAGE_LINT_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether R, an allowing rule added to POL, would make --check warn of a
 * way out of the sandbox (lint's own warnings: dangerous calls, flag
 * bits, argument values, other processes, setuid modes); the first
 * warning's text in WHY.  What 'default' merely keeps shut is not asked.
 */
bool cage_lint_rule_escapes(const struct cage_policy *pol,
			    const struct cage_rule *r, char *why, size_t size);

#endif
