// SPDX-License-Identifier: LGPL-2.1-or-later
/* --check's last step: the programs a launch loads fit the kernel. */
#ifndef CAGE_CHECK_H
#define CAGE_CHECK_H

#include "compile/filter.h"

/*
 * Every program a launch of POL may load (the supervised filter, and
 * the kernel filters F a nested launch falls back to) fits the kernel's
 * limit of BPF_MAXINSNS instructions, or an error in DIAGS says which
 * does not.  0, or -errno.
 */
int cage_filter_check_size(struct cage_policy *pol, const struct cage_filter *f,
			   struct cage_diags *diags);

#endif
