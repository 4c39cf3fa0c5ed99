// SPDX-License-Identifier: LGPL-2.1-or-later
/* --user: resolving USER[:GROUP] and switching to it in the child. */
#ifndef CAGE_USER_H
#define CAGE_USER_H

#include "syscage.h"

/*
 * Child step, before capabilities are dropped: supplementary groups
 * cleared, gid then uid set (real, effective, saved), all re-read.
 * Permitted capabilities survive the switch so that the capability step
 * can still empty the bounding set and lock securebits.
 */
int cage_user_apply(const struct cage_launch_opts *o, const char **step);

#endif
