// SPDX-License-Identifier: LGPL-2.1-or-later
/* --export oci: a Docker/OCI seccomp profile, one filter's worth. */
#ifndef CAGE_EXPORT_OCI_H
#define CAGE_EXPORT_OCI_H

#include "policy/policy.h"

#include <stdio.h>

int cage_export_oci(const struct cage_policy *pol, FILE *out,
		    struct cage_diags *diags);

#endif
