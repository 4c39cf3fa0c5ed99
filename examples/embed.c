// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Embedding libsyscage: load a policy, plan the launch, run a command
 * under it.
 *   cc embed.c $(pkg-config --cflags --libs syscage) -o embed
 *   ./embed stdio cat /etc/hostname
 */
#include <syscage.h>

#include <stdio.h>
#include <string.h>

/* Problems come back with file:line:col; the launch's own have no file. */
static void
print_diags(struct cage_diags *diags)
{
	for (size_t i = 0; i < diags->n; i++)
		if (diags->v[i].file)
			cage_diag_print(&diags->v[i], stderr);
		else
			fprintf(stderr, "embed: %s\n", diags->v[i].message);
	cage_diags_free(diags);
}

int
main(int argc, char **argv)
{
	struct cage_diags diags = {0};
	struct cage_policy *policy = NULL;
	struct cage_plan *plan = NULL;
	struct cage_launch_opts opts = {0};
	struct cage_launch_error err = {0};
	int status = CAGE_EXIT_SETUP, r;

	if (argc < 3) {
		fprintf(stderr, "usage: %s POLICY COMMAND [ARG]...\n", argv[0]);
		return CAGE_EXIT_SETUP;
	}
	r = cage_policy_load(argv[1], &diags, &policy);
	if (r && !diags.errors)
		fprintf(stderr, "embed: %s: %s\n", argv[1], strerror(-r));
	print_diags(&diags);
	if (r)
		return status;
	/* Compiled, looked up, checked, all before fork: the filter, the
	 * command, $HOME $CWD $TMPDIR $EXE, the capabilities, Landlock. */
	opts.argv = argv + 2;
	opts.policies = &policy;
	opts.npolicies = 1;
	opts.supervise = CAGE_SUPERVISE_OFF; /* the kernel's actions alone */
	r = cage_plan_new(&opts, &diags, &plan);
	if (r && !diags.errors)
		fprintf(stderr, "embed: %s\n", strerror(-r));
	print_diags(&diags);
	if (r)
		goto out;
	/* Fork, drop capabilities, no_new_privs, Landlock, the filter, exec. */
	r = cage_launch(plan, &status, &err);
	if (r)
		fprintf(stderr, "embed: %s\n", strerror(-r));
	else if (err.step[0])
		fprintf(stderr, "embed: %s: %s\n", err.step,
			strerror(err.errnum));
out:
	cage_plan_free(plan);
	cage_policy_free(policy);
	return status;
}
