// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --export oci: a Docker/OCI seccomp profile, one filter's worth; and the
 * profile's syscalls list as data, for the formats that wrap the same
 * profile in another envelope (export_spo.c).
 */
#ifndef CAGE_EXPORT_OCI_H
#define CAGE_EXPORT_OCI_H

#include "interop/region.h"
#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What an item that is one of several pieces of a rule says of itself. */
#define CAGE_OCI_SPLIT_NOTE                                                    \
	"one of several disjoint cases, since one filter cannot rank "         \
	"overlapping rules"

/*
 * One item of a profile's syscalls list: NAMES share ACTION; a
 * conditional item (COND, its comparisons in BOX) has one name.  SPLIT:
 * one of several disjoint pieces of a rule.  NOTE: a call the container
 * runtime makes after loading the filter, which the policy denies, and
 * why the export allows it (an item of one name).
 */
struct cage_oci_item {
	struct cage_action action;
	const char **names;
	size_t nnames;
	bool cond;
	struct cage_box box;
	bool split;
	const char *note;
};

struct cage_oci_list {
	struct cage_oci_item *v;
	size_t n;
	const char **names; /* storage for the items' names */
};

/* POL's syscalls list, in the order the profile writes it. */
int cage_oci_list(const struct cage_policy *pol, struct cage_diags *diags,
		  struct cage_oci_list *l);
void cage_oci_list_free(struct cage_oci_list *l);
/* "SCMP_ACT_ALLOW", ...; the default denial is SCMP_ACT_KILL_PROCESS. */
const char *cage_oci_action_name(const struct cage_action *a);
/* "SCMP_CMP_EQ", ... */
const char *cage_oci_op_name(const struct cage_cmp *c);
/* C's value and valueTwo: true when C has a valueTwo (a masked compare). */
bool cage_oci_cmp_values(const struct cage_cmp *c, uint64_t *value,
			 uint64_t *two);

int cage_export_oci(const struct cage_policy *pol, FILE *out,
		    struct cage_diags *diags);

#endif
