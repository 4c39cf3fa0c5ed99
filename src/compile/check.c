// SPDX-License-Identifier: LGPL-2.1-or-later
/* --check's last step: the programs a launch loads fit the kernel. */
#include "compile/check.h"
#include "compile/embedded.h"

#include <errno.h>
#include <linux/filter.h>
#include <stdlib.h>

/*
 * --check: every program a launch may load fits the kernel's limit of
 * BPF_MAXINSNS instructions (the supervised filter, and the kernel
 * filters a nested launch falls back to), or an error says which not.
 */
int
cage_filter_check_size(struct cage_policy *pol, const struct cage_filter *f,
		       struct cage_diags *diags)
{
	struct sock_fprog p;
	int err = cage_supervised_for_launch(&pol, 1, false, 3, &p), worst = 0;

	free(p.filter);
	if (err == -E2BIG)
		cage_diag_add(diags, CAGE_SEVERITY_ERROR, &pol->dflt_loc,
			      "the policy needs a supervised filter of more "
			      "than %d BPF instructions, the kernel's limit: "
			      "use fewer argument conditions ('in' lists "
			      "count one comparison a value)",
			      BPF_MAXINSNS);
	else if (err)
		return err;
	for (size_t i = 0; i < cage_filter_count(f); i++) {
		int e = cage_filter_program(f, i, &p);

		free(p.filter);
		if (e == -E2BIG && !worst)
			cage_diag_add(diags, CAGE_SEVERITY_ERROR,
				      &pol->dflt_loc,
				      "the policy compiles to a kernel filter "
				      "of more than %d BPF instructions, the "
				      "kernel's limit (needed when syscage "
				      "runs under another one): use fewer "
				      "argument conditions",
				      BPF_MAXINSNS);
		if (e == -E2BIG)
			worst = e;
		else if (e)
			return e;
	}
	return err ? err : worst;
}
