// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1)'s modes other than a launch: --check, --explain, --list,
 * --export, --import; and what they share with it: loading a policy,
 * printing its diagnostics, a word of the command line escaped.
 */
#include "modes.h"
#include "syscage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A word of the command line, which may come from anywhere, escaped. */
const char *
cli_shown(const char *arg, char *buf, size_t size)
{
	size_t n;

	if (!cage_text_escape(buf, size - 3, arg, strlen(arg), 0)) {
		n = strlen(buf);
		snprintf(buf + n, size - n, "...");
	}
	return buf;
}

void
cli_print_diags(const struct cage_diags *d, int verbosity)
{
	for (size_t i = 0; i < d->n; i++)
		if (verbosity >= 0 || d->v[i].severity == CAGE_SEVERITY_ERROR)
			cage_diag_print(&d->v[i], stderr);
	if (d->truncated)
		fprintf(stderr,
			"syscage: %zu errors; only the first %d are "
			"shown\n",
			d->errors, CAGE_DIAGS_MAX_ERRORS);
}

/*
 * Load, and with LINT check, one policy; diagnostics go to stderr.  With
 * EXTRA (the command-line options as statements), a policy that includes
 * NAME and says EXTRA: the options override NAME as an includer would.
 */
int
cli_load_policy(const char *name, const struct options *extra, bool lint,
		int verbosity, struct cage_policy **pol)
{
	struct cage_diags d = {0};
	char *text = NULL, *what = NULL, *q, what_buf[256];
	int err;

	if (!name) {
		name = "command line";
		if (asprintf(&text, "default allow\n%s%s",
			     extra && extra->extra_fs ? "include fs-system\n"
						      : "",
			     extra && extra->extra ? extra->extra : "") < 0)
			cli_fail("%s", strerror(ENOMEM));
		err = cage_policy_load_buffer(name, NULL, text, strlen(text),
					      &d, pol);
		free(text);
	} else if (extra && extra->extra) {
		q = cli_quote("-p", name);
		if (asprintf(&text, "include %s\n%s%s", q,
			     extra->extra_fs ? "include fs-system\n" : "",
			     extra->extra) < 0 ||
		    asprintf(&what, "%s + command line", name) < 0)
			cli_fail("%s", strerror(ENOMEM));
		free(q);
		err = cage_policy_load_buffer(what, NULL, text, strlen(text),
					      &d, pol);
		free(text);
		free(what);
	} else {
		err = cage_policy_load(name, &d, pol);
	}
	/* --check compiles afresh, to find what the kernel would refuse;
	 * a launch compiles in cage_plan_new. */
	if (!err && lint)
		err = cage_policy_check(*pol, &d);
	cli_print_diags(&d, verbosity);
	if (err && d.errors == 0)
		fprintf(stderr, "syscage: %s: %s\n",
			cli_shown(name, what_buf, sizeof(what_buf)),
			strerror(-err));
	cage_diags_free(&d);
	return err;
}

int
cli_run_check(const struct options *o)
{
	int status = 0;

	if (o->nargs == 0)
		cli_fail("%s", "--check needs at least one POLICY");
	for (int i = 0; i < o->nargs; i++) {
		struct cage_policy *pol = NULL;

		if (cli_load_policy(o->args[i], NULL, true, o->verbosity, &pol))
			status = 1;
		cage_policy_free(pol);
	}
	return status;
}

int
cli_run_explain(const struct options *o)
{
	struct cage_policy *pol = NULL;
	int err;

	if (o->nargs != 1)
		cli_fail("%s", "--explain needs one POLICY");
	if (cli_load_policy(o->args[0], NULL, false, o->verbosity, &pol))
		return 1;
	err = cage_policy_explain(pol, stdout);
	cage_policy_free(pol);
	return err ? 1 : 0;
}

int
cli_run_list(const struct options *o)
{
	const char *const *names = cage_builtin_names();
	char buf[256];
	int err;

	if (o->nargs > 1)
		cli_fail("%s", "--list takes at most one @GROUP");
	if (o->nargs == 1) {
		err = cage_groups_list(o->args[0], stdout);
		if (err == -ENOENT)
			cli_fail("--list: unknown group '%s'",
				 cli_shown(o->args[0], buf, sizeof(buf)));
		return err ? 1 : 0;
	}
	puts("policies:");
	for (; *names; names++)
		printf("  %s\n", *names);
	puts("groups:");
	fflush(stdout);
	return cage_groups_list(NULL, stdout) ? 1 : 0;
}

/* --export FORMAT POLICY: the policy for Docker/OCI, bwrap or systemd. */
int
cli_run_export(const struct options *o)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	char fmt[256];
	int err;

	if (o->nargs != 1)
		cli_fail("%s", "--export needs a FORMAT and one POLICY");
	cli_shown(o->format, fmt, sizeof(fmt));
	if (!strncmp(o->format, "bpf", 3) && isatty(STDOUT_FILENO))
		cli_fail(
			"--export %s writes binary: redirect it to a file or a "
			"pipe",
			fmt);
	if (cli_load_policy(o->args[0], NULL, false, o->verbosity, &pol))
		return 1;
	fflush(stdout);
	err = cage_policy_export(pol, o->format, STDOUT_FILENO, &d);
	cli_print_diags(&d, o->verbosity);
	if (err == -EINVAL && d.errors == 0)
		fprintf(stderr,
			"syscage: --export: unknown format '%s' (oci, "
			"spo:NAME, bpf, bpf:N, pfc, systemd)\n",
			fmt);
	else if (err && d.errors == 0)
		fprintf(stderr, "syscage: --export %s: %s\n", fmt,
			strerror(-err));
	cage_diags_free(&d);
	cage_policy_free(pol);
	return err ? 1 : 0;
}

/* --import FILE: a Docker/OCI seccomp profile as policy text; - is stdin. */
int
cli_run_import(const struct options *o)
{
	struct cage_diags d = {0};
	const char *file;
	char name[256];
	int err;

	if (o->nargs != 1)
		cli_fail("%s", "--import needs one FILE");
	file = strcmp(o->args[0], "-") ? o->args[0] : "/dev/stdin";
	err = cage_import_oci_file(file, stdout, &d);
	cli_print_diags(&d, o->verbosity);
	if (err && d.errors == 0)
		fprintf(stderr, "syscage: %s: %s\n",
			cli_shown(o->args[0], name, sizeof(name)),
			strerror(-err));
	cage_diags_free(&d);
	return err || fflush(stdout) ? 1 : 0;
}
