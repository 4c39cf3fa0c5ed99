// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target for the policy language: load (lex, parse, includes,
 * resolve), compile with libseccomp, lint and explain, then free it all.
 */
#include "fuzz.h"

#include "syscage.h"

int
fuzz_one(const uint8_t *data, size_t size)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol = NULL;
	struct cage_filter *filter = NULL;

	if (fuzz_includes_absolute(data, size))
		return 0;
	if (cage_policy_load_buffer("fuzz.policy", FUZZ_DIR, (const char *)data,
				    size, &diags, &pol) == 0) {
		cage_policy_lint(pol, &diags);
		cage_policy_explain(pol, fuzz_devnull);
		if (cage_filter_compile(pol, &diags, &filter) == 0)
			cage_filter_free(filter);
	}
	for (size_t i = 0; i < diags.n; i++)
		cage_diag_print(&diags.v[i], fuzz_devnull);
	cage_policy_free(pol);
	cage_diags_free(&diags);
	return 0;
}
