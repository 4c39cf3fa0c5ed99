// SPDX-License-Identifier: LGPL-2.1-or-later
/* --export systemd: unit file settings, and what they cannot say. */
#ifndef CAGE_EXPORT_SYSTEMD_H
#define CAGE_EXPORT_SYSTEMD_H

#include "policy/policy.h"

#include <stdio.h>

int cage_export_systemd(const struct cage_policy *pol, FILE *out);

#endif
