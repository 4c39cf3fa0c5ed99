// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target for the policy language's front half alone: lex,
 * parse, includes and resolve, with the diagnostics printed.  No
 * libseccomp: many times the executions a second of fuzz_policy.c, so
 * that the shared corpus can grow; fuzz_policy then compiles what it found.
 */
#include "fuzz.h"

#include "syscage.h"

int
fuzz_one(const uint8_t *data, size_t size)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol = NULL;

	if (fuzz_includes_absolute(data, size))
		return 0;
	(void)cage_policy_load_buffer("fuzz.policy", FUZZ_DIR,
				      (const char *)data, size, &diags, &pol);
	for (size_t i = 0; i < diags.n; i++)
		cage_diag_print(&diags.v[i], fuzz_devnull);
	cage_policy_free(pol);
	cage_diags_free(&diags);
	return 0;
}
