// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What an OCI runtime itself does between loading a container's seccomp
 * filter and exec'ing its process, which --export oci (and spo) allow on
 * top of the policy so that runc and crun start the container.
 */
#ifndef CAGE_OCI_RUNTIME_H
#define CAGE_OCI_RUNTIME_H

#include "interop/region.h"
#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One call of the runtime's: NAME with the arguments in BOX; WHY it. */
struct cage_oci_runtime_call {
	int nr;
	struct cage_box box;
	const char *why;
};

/* The runtime's calls for syscall NR: *N of them (maybe 0). */
const struct cage_oci_runtime_call *cage_oci_runtime_calls(int nr, size_t *n);
/* Whether a call NR(ARGS) is one of them. */
bool cage_oci_runtime_allows(int nr, const uint64_t args[6]);
/*
 * Whether POL, whose rules for CALL's syscall are [R, R + N), denies some
 * of CALL's arguments: then the export allows them.  0 or -errno in *ERR.
 */
bool cage_oci_runtime_needed(const struct cage_policy *pol,
			     const struct cage_rule *r, size_t n,
			     const struct cage_oci_runtime_call *call,
			     int *err);

#endif
