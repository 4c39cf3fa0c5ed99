// SPDX-License-Identifier: LGPL-2.1-or-later
/* Resource limits: the launch step that sets them. */
#ifndef CAGE_RLIMITS_H
#define CAGE_RLIMITS_H

#include "syscage.h"

#include <stdint.h>

/* Child step: set the lowest limits the policies ask for. */
int cage_limits_apply(const struct cage_launch_opts *o, const char **step);

#endif
