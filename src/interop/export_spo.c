// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --export spo:NAME: the OCI profile of export_oci.c, item for item, as a
 * Security Profiles Operator SeccompProfile resource
 * (security-profiles-operator.x-k8s.io/v1beta1), which the operator
 * installs on every node of a cluster.  Written as YAML, the form of
 * Kubernetes manifests, so that what the resource cannot carry is said in
 * comments.  The operator's schema has no defaultErrnoRet, drops an
 * errnoRet of 0 and holds values as int64: a policy that needs more is
 * refused before anything is written.
 */
#include "interop/export_filter.h"
#include "interop/export_oci.h"
#include "interop/export_spo.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* A DNS-1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])? */
static bool
label_ok(const char *s, size_t n)
{
	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static bool
name_ok(const char *name)
{
	size_t len = strlen(name);
	const char *p = name;

	if (len == 0 || len > 253)
		return false;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);

		if (!label_ok(p, n))
			return false;
		if (!dot)
			return true;
		p = dot + 1;
	}
}

/* An errno the operator's resource cannot carry: 0 (omitted as empty). */
static bool
errno_ok(const struct cage_action *a)
{
	return a->kind != CAGE_ACTION_ERRNO || a->errnum > 0;
}

/* Everything the resource cannot say is refused before a line is out. */
static int
check(const struct cage_policy *pol, const struct cage_oci_list *l,
      struct cage_diags *diags)
{
	if (pol->dflt.kind == CAGE_ACTION_ERRNO && pol->dflt.errnum != EPERM) {
		cage_export_error(diags, pol,
				  "the policy's default is errno %d; a "
				  "SeccompProfile has no defaultErrnoRet, so "
				  "runtimes answer EPERM: make the default "
				  "errno EPERM, or use --export oci",
				  pol->dflt.errnum);
		return -EINVAL;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct cage_oci_item *it = &l->v[i];

		if (!errno_ok(&it->action)) {
			cage_export_error(diags, pol,
					  "'%s' answers errno 0, which a "
					  "SeccompProfile cannot say (an "
					  "errnoRet of 0 is dropped)",
					  it->names[0]);
			return -EINVAL;
		}
		for (unsigned a = 0; it->cond && a < 6; a++) {
			uint64_t v, two;

			if (!(it->box.used & (1u << a)))
				continue;
			cage_oci_cmp_values(&it->box.args[a], &v, &two);
			if (v > INT64_MAX || two > INT64_MAX) {
				cage_export_error(
					diags, pol,
					"'%s' compares arg%u with a value "
					"above 2^63-1, which a SeccompProfile "
					"cannot hold (int64): use --export oci",
					it->names[0], a);
				return -EINVAL;
			}
		}
	}
	return 0;
}

static void
print_item(FILE *out, const struct cage_oci_item *it)
{
	if (it->split)
		fprintf(out, "  # %s: %s\n", it->names[0], CAGE_OCI_SPLIT_NOTE);
	else if (it->note)
		fprintf(out, "  # %s: %s\n", it->names[0], it->note);
	fprintf(out, "  - action: %s\n", cage_oci_action_name(&it->action));
	if (it->action.kind == CAGE_ACTION_ERRNO)
		fprintf(out, "    errnoRet: %d\n", it->action.errnum);
	fputs("    names:\n", out);
	for (size_t k = 0; k < it->nnames; k++)
		fprintf(out, "      - %s\n", it->names[k]);
	if (!it->cond)
		return;
	fputs("    args:\n", out);
	for (unsigned a = 0; a < 6; a++) {
		const struct cage_cmp *c = &it->box.args[a];
		uint64_t v, two;

		if (!(it->box.used & (1u << a)))
			continue;
		fprintf(out, "      - index: %u\n", a);
		if (cage_oci_cmp_values(c, &v, &two))
			fprintf(out,
				"        value: %llu\n        valueTwo: %llu\n",
				(unsigned long long)v, (unsigned long long)two);
		else
			fprintf(out, "        value: %llu\n",
				(unsigned long long)v);
		fprintf(out, "        op: %s\n", cage_oci_op_name(c));
	}
}

bool
cage_spo_name(const struct cage_policy *pol, const char *name,
	      struct cage_diags *diags)
{
	if (!*name)
		cage_export_error(diags, pol,
				  "--export spo needs the resource's name: "
				  "spo:NAME");
	else if (!name_ok(name))
		cage_export_error(diags, pol,
				  "--export spo:NAME: the name must be a "
				  "DNS-1123 subdomain, as Kubernetes names "
				  "are: at most 253 characters, lower-case "
				  "letters, digits, '-' and '.', each "
				  "dot-separated part starting and ending "
				  "with a letter or digit");
	else
		return true;
	return false;
}

int
cage_export_spo(const struct cage_policy *pol, const char *name, FILE *out,
		struct cage_diags *diags)
{
	struct cage_oci_list l;
	int err;

	if (!cage_spo_name(pol, name, diags))
		return -EINVAL;
	err = cage_oci_list(pol, diags, &l);
	if (!err)
		err = check(pol, &l, diags);
	if (err) {
		cage_oci_list_free(&l);
		return err;
	}
	fputs("# A Security Profiles Operator SeccompProfile, written by "
	      "syscage --export spo.\n"
	      "# Only the system call rules: fs, net ports, env, limits and "
	      "capabilities\n"
	      "# are for the pod's securityContext to say.\n"
	      "# A profile drops no capabilities, which syscage drops every "
	      "one of: add\n"
	      "# capabilities: drop: [\"ALL\"] there.  runc answers ENOSYS to "
	      "syscalls\n"
	      "# above the highest one named here; crun and syscage the "
	      "default.\n",
	      out);
	if (pol->dflt.kind == CAGE_ACTION_ERRNO)
		fputs("# defaultAction SCMP_ACT_ERRNO: runtimes answer EPERM, "
		      "the policy's default.\n",
		      out);
	fprintf(out,
		"apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n"
		"kind: SeccompProfile\n"
		"metadata:\n"
		"  name: \"%s\"\n"
		"spec:\n"
		"  defaultAction: %s\n"
		"  architectures:\n"
		"  - SCMP_ARCH_X86_64\n",
		name, cage_oci_action_name(&pol->dflt));
	fputs(l.n ? "  syscalls:\n" : "  syscalls: []\n", out);
	for (size_t i = 0; i < l.n; i++)
		print_item(out, &l.v[i]);
	cage_oci_list_free(&l);
	return ferror(out) ? -EIO : 0;
}
