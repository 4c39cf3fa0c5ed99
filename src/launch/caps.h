// SPDX-License-Identifier: LGPL-2.1-or-later
/* Capability dropping for the launch sequence. */
#ifndef CAGE_CAPS_H
#define CAGE_CAPS_H

#include <stdbool.h>
#include <stdint.h>

/* Drop all but KEEP (bit n: capability n) and confirm; on failure *step
 * names what failed. */
int cage_caps_drop(uint64_t keep, const char **step);

#endif
