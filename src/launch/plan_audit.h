// SPDX-License-Identifier: LGPL-2.1-or-later
/* --audit: the layers beside seccomp said, not applied (plan_audit.c). */
#ifndef CAGE_PLAN_AUDIT_H
#define CAGE_PLAN_AUDIT_H

#include "base/diag.h"
#include "launch/rlimits.h"
#include "launch/view.h"
#include "policy/fs_path.h"
#include "syscage.h"

/*
 * Notes in D saying what O's policies would have done beside seccomp:
 * their fs and port rules (paths as VARS expand them), the view (then
 * freed, *VIEW NULL), the names of the variables BASE would lose or have
 * set, the limits (then none left).  *ENV: BASE with the variables set
 * ('env set', --env), none dropped.  The caller skips Landlock.  0 or
 * -ENOMEM.
 */
int cage_plan_audit(const struct cage_launch_opts *o,
		    const struct cage_vars *vars, struct cage_view_plan **view,
		    struct cage_rlimits *limits, char *const *base, char ***env,
		    struct cage_diags *d);

#endif
