// SPDX-License-Identifier: LGPL-2.1-or-later
/* --export bpf and pfc, and the helpers every export format shares. */
#ifndef CAGE_EXPORT_FILTER_H
#define CAGE_EXPORT_FILTER_H

#include "compile/filter.h"
#include "policy/policy.h"

#include <stdbool.h>

/*
 * The seccomp(SET_MODE_FILTER) rule the compiler adds so that stacked
 * filters can load (seccomp.c): true and *R filled when it does.
 */
bool cage_export_stacking_rule(const struct cage_policy *pol,
			       struct cage_rule *r);
/* An error about the whole policy, without a line. */
void cage_export_error(struct cage_diags *diags, const struct cage_policy *pol,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, of any severity. */
void cage_export_diag(struct cage_diags *diags, const struct cage_policy *pol,
		      enum cage_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Filter INDEX of F for bwrap --seccomp (CHOSEN: named as bpf:N). */
int cage_export_bpf(const struct cage_policy *pol, const struct cage_filter *f,
		    size_t index, bool chosen, int fd,
		    struct cage_diags *diags);
/* Every filter of F as libseccomp's pseudo-filter code. */
int cage_export_pfc(const struct cage_filter *f, int fd);

#endif
