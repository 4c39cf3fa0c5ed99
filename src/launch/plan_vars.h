// SPDX-License-Identifier: LGPL-2.1-or-later
#ifndef CAGE_PLAN_VARS_H
#define CAGE_PLAN_VARS_H

#include "launch/plan.h"

/* A diagnostic of the launch's own (no file): syscage(1) prints it as its
 * own message.  0 or -errno. */
int __attribute__((format(printf, 3, 4)))
cage_plan_say(struct cage_diags *d, enum cage_severity sev, const char *fmt,
	      ...);
/*
 * The variables of the fs paths, $EXE narrowed to the command's file
 * where its directory is guarded, -v's notes; the fs rules checked (or,
 * with defer_fs_check, the guard kept for cage_plan_check).  Nothing
 * without fs rules.  0 or -errno, with the error in D.
 */
int cage_plan_vars(struct cage_plan *p, struct cage_diags *d);

#endif
