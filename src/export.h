// SPDX-License-Identifier: LGPL-2.1-or-later
/* The formats of --export, one file each, behind cage_policy_export(). */
#ifndef CAGE_EXPORT_H
#define CAGE_EXPORT_H

#include "policy.h"

#include <stdio.h>

/* export_oci.c: a Docker/OCI seccomp profile, one filter's worth. */
int cage_export_oci(const struct cage_policy *pol, FILE *out,
		    struct cage_diags *diags);
/* export_systemd.c: unit file settings, and what they cannot say. */
int cage_export_systemd(const struct cage_policy *pol, FILE *out);

/*
 * The seccomp(SET_MODE_FILTER) rule the compiler adds so that stacked
 * filters can load (policy_compile.c): true and *R filled when it does.
 */
bool cage_export_stacking_rule(const struct cage_policy *pol,
			       struct cage_rule *r);
/* An error about the whole policy, without a line. */
void cage_export_error(struct cage_diags *diags, const struct cage_policy *pol,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
