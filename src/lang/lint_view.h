// SPDX-License-Identifier: LGPL-2.1-or-later
/* Lint of what Landlock and the private view leave open (lint.c). */
#ifndef CAGE_LINT_VIEW_H
#define CAGE_LINT_VIEW_H

#include "policy/policy.h"

/*
 * Warnings about a policy with fs rules: without a private view (a
 * mount namespace), Unix socket files (below Landlock ABI 9) and
 * metadata calls reach past the fs rules; with one, an fs rule at /, a
 * home or above one makes the view no narrower than the host.  0 or
 * -errno.
 */
int cage_lint_view(const struct cage_policy *pol, struct cage_diags *diags);

/* The kernel's Landlock ABI, 0 without Landlock; read each time (tests
 * fake it). */
int cage_lint_landlock_abi(void);

#endif
