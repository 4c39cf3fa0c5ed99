// SPDX-License-Identifier: LGPL-2.1-or-later
/* --user: resolving USER[:GROUP] and switching to it in the child. */
#ifndef CAGE_USER_H
#define CAGE_USER_H

#include "syscage.h"

#include <stdbool.h>
#include <sys/types.h>

/*
 * Child step, before capabilities are dropped: supplementary groups
 * cleared, gid then uid set (real, effective, saved), all re-read.
 * Permitted capabilities survive the switch so that the capability step
 * can still empty the bounding set and lock securebits.
 */
int cage_user_apply(bool set_user, uid_t uid, gid_t gid, const char **step);

#endif
