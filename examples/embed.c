// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Embedding libsyscage: load a policy, compile it, run a command under it.
 *   cc embed.c $(pkg-config --cflags --libs syscage) -o embed
 *   ./embed stdio cat /etc/hostname
 */
#include <syscage.h>

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	struct cage_diags diags = {0};
	struct cage_policy *policy = NULL;
	struct cage_filter *filter = NULL;
	struct cage_launch_opts opts = {0};
	struct cage_launch_error err = {0};
	struct cage_vars vars;
	int status = CAGE_EXIT_SETUP, r;

	if (argc < 3) {
		fprintf(stderr, "usage: %s POLICY COMMAND [ARG]...\n", argv[0]);
		return CAGE_EXIT_SETUP;
	}
	/* Parse and compile; problems come back with file:line:col. */
	r = cage_policy_load(argv[1], &diags, &policy);
	if (!r)
		r = cage_filter_compile(policy, &diags, &filter);
	for (size_t i = 0; i < diags.n; i++)
		cage_diag_print(&diags.v[i], stderr);
	if (r && !diags.errors)
		fprintf(stderr, "embed: %s: %s\n", argv[1], strerror(-r));
	cage_diags_free(&diags);
	if (r)
		goto out;
	/* $HOME, $CWD, $TMPDIR and $EXE, for the policy's fs rules. */
	r = cage_vars_init(&vars, argv[2], NULL);
	if (r) {
		fprintf(stderr, "embed: %s: %s\n", argv[2], strerror(-r));
		goto out;
	}
	/* Fork, drop capabilities, no_new_privs, Landlock, the filter, exec. */
	opts.argv = argv + 2;
	opts.filters = &filter;
	opts.nfilters = 1;
	opts.policies = &policy;
	opts.npolicies = 1;
	opts.caps_keep = cage_policy_caps_keep(policy);
	opts.supervise = CAGE_SUPERVISE_OFF; /* the kernel's actions alone */
	opts.vars = &vars;
	r = cage_launch(&opts, &status, &err);
	if (r)
		fprintf(stderr, "embed: %s\n", strerror(-r));
	else if (err.step[0])
		fprintf(stderr, "embed: %s: %s\n", err.step,
			strerror(err.errnum));
out:
	cage_filter_free(filter);
	cage_policy_free(policy);
	return status;
}
