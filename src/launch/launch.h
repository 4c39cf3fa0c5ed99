// SPDX-License-Identifier: LGPL-2.1-or-later
/* The launch sequence's limits (cage_launch itself is in syscage.h). */
#ifndef CAGE_LAUNCH_H
#define CAGE_LAUNCH_H

#include "syscage.h"

#define CAGE_MAX_KEEP_FDS 64

#endif
