// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --export bpf and pfc: the filters syscage itself loads, for bwrap and
 * for reading; and the two helpers every format shares (diagnostics
 * about the whole policy, the rule that lets stacked filters load).
 */
#include "policy/decide.h"
#include "interop/export_filter.h"
#include "base/syscalls.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static void __attribute__((format(printf, 4, 0)))
add_diag(struct cage_diags *diags, const struct cage_policy *pol,
	 enum cage_severity sev, const char *fmt, va_list ap)
{
	struct cage_source src = {.name = pol->name};
	struct cage_loc loc = {.file = &src};
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	cage_diag_add(diags, sev, pol->name ? &loc : NULL, "%s",
		      msg ? msg : fmt);
	free(msg);
}

void
cage_export_error(struct cage_diags *diags, const struct cage_policy *pol,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_diag(diags, pol, CAGE_SEVERITY_ERROR, fmt, ap);
	va_end(ap);
}

void
cage_export_diag(struct cage_diags *diags, const struct cage_policy *pol,
		 enum cage_severity sev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_diag(diags, pol, sev, fmt, ap);
	va_end(ap);
}

bool
cage_export_stacking_rule(const struct cage_policy *pol, struct cage_rule *r)
{
	int nr = cage_syscall_number("seccomp");

	memset(r, 0, sizeof(*r));
	if (pol->dflt.kind == CAGE_ACTION_ALLOW)
		return false;
	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr == nr)
			return false;
	r->nr = nr;
	r->action.kind = CAGE_ACTION_ALLOW;
	r->ncmps = 1;
	r->cmps[0].op = CAGE_OP_MASKED_EQ;
	r->cmps[0].mask = 0xffffffffu;
	r->cmps[0].value = SECCOMP_SET_MODE_FILTER;
	return true;
}

/* bwrap loads each filter with prctl(PR_SET_SECCOMP): the ones before let it. */
static bool
lets_bwrap_stack(const struct cage_policy *pol)
{
	uint64_t args[6] = {PR_SET_SECCOMP, SECCOMP_MODE_FILTER};
	struct cage_verdict v;

	cage_policy_decide(pol, cage_syscall_number("prctl"), args, &v);
	return v.action.kind == CAGE_ACTION_ALLOW;
}

int
cage_export_bpf(const struct cage_policy *pol, const struct cage_filter *f,
		size_t index, bool chosen, int fd, struct cage_diags *diags)
{
	size_t n = cage_filter_count(f);

	if (!chosen && n > 1) {
		cage_export_error(
			diags, pol,
			"the policy compiles to %zu stacked filters and bwrap "
			"--seccomp loads one: write each with --export bpf:1 "
			"to bpf:%zu and pass them, in that order, with bwrap "
			"--add-seccomp-fd (bubblewrap 0.5 or later)%s",
			n, n,
			lets_bwrap_stack(pol) ? ""
					      : "; the policy must also allow "
						"prctl(PR_SET_SECCOMP, "
						"SECCOMP_MODE_FILTER), with "
						"which bwrap loads "
						"the second and later ones");
		return -E2BIG;
	}
	if (index >= n) {
		cage_export_error(diags, pol,
				  "no filter %zu: the policy compiles to %zu",
				  index + 1, n);
		return -ERANGE;
	}
	if (index > 0 && !lets_bwrap_stack(pol))
		cage_export_diag(
			diags, pol, CAGE_SEVERITY_WARNING,
			"bwrap loads filter %zu with prctl(PR_SET_SECCOMP, "
			"SECCOMP_MODE_FILTER), which the policy denies",
			index + 1);
	return cage_filter_export_bpf(f, index, fd);
}

int
cage_export_pfc(const struct cage_filter *f, int fd)
{
	static const char *const roles[] = {
		[CAGE_FILTER_MAIN] = "the policy's default and its rules",
		[CAGE_FILTER_EXCEPT] = "one action of conditional rules",
		[CAGE_FILTER_FALLBACK] = "syscalls whose own fallback is not "
					 "the default",
	};
	size_t n = cage_filter_count(f);
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		if (dprintf(fd,
			    "#\n# syscage: filter %zu of %zu, loaded in this "
			    "order: %s\n#\n",
			    i + 1, n, roles[f->parts[i].role]) < 0)
			return -errno;
		err = cage_filter_export_pfc(f, i, fd);
	}
	return err;
}
