// SPDX-License-Identifier: LGPL-2.1-or-later
/* The fs, net, env and limit sections of a policy. */
#ifndef CAGE_ISOLATION_H
#define CAGE_ISOLATION_H

#include "policy/policy.h"

#include <stdio.h>

/* Frees what the resolved sections own */
void cage_isolation_clear(struct cage_isolation *iso);
/* The fs, net, env and limit sections in plain words. */
int cage_isolation_explain(const struct cage_isolation *iso, FILE *out);

#endif
