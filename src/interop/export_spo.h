// SPDX-License-Identifier: LGPL-2.1-or-later
/* --export spo:NAME: a Security Profiles Operator SeccompProfile. */
#ifndef CAGE_EXPORT_SPO_H
#define CAGE_EXPORT_SPO_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stdio.h>

/*
 * NAME is a DNS-1123 subdomain, as the resource's metadata.name must be;
 * else false, with an error in DIAGS.
 */
bool cage_spo_name(const struct cage_policy *pol, const char *name,
		   struct cage_diags *diags);
/* POL as a SeccompProfile named NAME; nothing written on an error. */
int cage_export_spo(const struct cage_policy *pol, const char *name, FILE *out,
		    struct cage_diags *diags);

#endif
