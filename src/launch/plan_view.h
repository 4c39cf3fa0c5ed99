// SPDX-License-Identifier: LGPL-2.1-or-later
/* The private view's plan, from the policies of a launch (SPEC 4.5). */
#ifndef CAGE_PLAN_VIEW_H
#define CAGE_PLAN_VIEW_H

#include "launch/view.h"
#include "policy/fs_path.h"
#include "policy/policy.h"
#include "syscage.h"

/*
 * Before fork: the finished view the policies of O ask for, NULL in *OUT
 * when none asks; VARS are the fs paths' variables ("" where unset).
 * -errno when the view cannot be planned (a private home without $HOME).
 */
int cage_plan_view(const struct cage_launch_opts *o,
		   const struct cage_vars *vars, struct cage_view_plan **out);

#endif
