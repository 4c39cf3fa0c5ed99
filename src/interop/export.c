// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --export FORMAT: a policy for other sandboxes.  oci, spo:NAME and
 * systemd describe the policy's rules; bpf and pfc write the filters
 * syscage itself loads.
 * This file only dispatches: each format has its own file.
 */
#include "interop/export_filter.h"
#include "interop/export_oci.h"
#include "interop/export_spo.h"
#include "interop/export_systemd.h"
#include "interop/export_view.h"
#include "compile/filter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Text formats go through a FILE on a copy of FD. */
static int
export_text(const struct cage_policy *pol, const char *format, int fd,
	    struct cage_diags *diags)
{
	int copy = dup(fd), err;
	FILE *out;

	if (copy < 0)
		return -errno;
	out = fdopen(copy, "w");
	if (!out) {
		err = -errno;
		close(copy);
		return err;
	}
	if (!strcmp(format, "oci"))
		err = cage_export_oci(pol, out, diags);
	else if (!strcmp(format, "systemd"))
		err = cage_export_systemd(pol, out);
	else
		err = cage_export_spo(pol, format + 4, out, diags);
	if (fclose(out) && !err)
		err = -EIO;
	return err;
}

/* Landlock, environment, limits and capabilities are not seccomp's. */
static void
warn_isolation(const struct cage_policy *pol, struct cage_diags *diags)
{
	const struct cage_isolation *iso = &pol->iso;
	bool limits = false;

	for (size_t i = 0; i < CAGE_NLIMITS; i++)
		limits |= iso->limits[i].set;
	if (iso->nfs || iso->nconnect || iso->nbind || iso->env_clear ||
	    iso->nenv_keep || iso->nenv_set || limits || pol->caps_keep)
		cage_export_diag(diags, pol, CAGE_SEVERITY_WARNING,
				 "only the system call rules are exported: the "
				 "policy's fs, net port, env, limit and caps "
				 "settings are for the other sandbox to say in "
				 "its own terms");
}

/* "bpf" or "bpf:N", N from 1. */
static int
parse_bpf(const char *format, size_t *index, bool *chosen)
{
	char *end;
	unsigned long n;

	*index = 0;
	*chosen = false;
	if (!strcmp(format, "bpf"))
		return 0;
	if (strncmp(format, "bpf:", 4) || format[4] < '1' || format[4] > '9')
		return -EINVAL;
	errno = 0;
	n = strtoul(format + 4, &end, 10);
	if (errno || *end || n > CAGE_FILTER_MAX_PARTS)
		return -EINVAL;
	*index = n - 1;
	*chosen = true;
	return 0;
}

int
cage_policy_export(const struct cage_policy *pol, const char *format, int fd,
		   struct cage_diags *diags)
{
	struct cage_filter *f = NULL;
	bool chosen = false;
	size_t index = 0;
	int err;

	if (!strcmp(format, "spo"))
		format = "spo:";
	if (strcmp(format, "oci") && strcmp(format, "systemd") &&
	    strncmp(format, "spo:", 4) && strcmp(format, "pfc") &&
	    parse_bpf(format, &index, &chosen))
		return -EINVAL;
	if (!strncmp(format, "spo:", 4) &&
	    !cage_spo_name(pol, format + 4, diags))
		return -EINVAL;
	warn_isolation(pol, diags);
	/* systemd says the view in its own settings. */
	if (!strcmp(format, "oci") || !strncmp(format, "spo:", 4))
		cage_export_view_notes(pol, diags);
	if (!strcmp(format, "oci") || !strcmp(format, "systemd") ||
	    !strncmp(format, "spo:", 4))
		return export_text(pol, format, fd, diags);
	err = cage_filter_compile(pol, diags, &f);
	if (err)
		return err;
	if (!strcmp(format, "pfc"))
		err = cage_export_pfc(f, fd);
	else
		err = cage_export_bpf(pol, f, index, chosen, fd, diags);
	cage_filter_free(f);
	return err;
}
