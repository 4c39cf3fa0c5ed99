// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Fuzz target for --import: a Docker/OCI seccomp profile (JSON) to policy
 * text.  What an import accepts must be a policy that loads and compiles:
 * anything else is a bug, and aborts.
 */
#include "fuzz.h"

#include "syscage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static FILE *devnull;

int
fuzz_init(void)
{
	if (setenv("XDG_CONFIG_HOME", FUZZ_DIR, 1) < 0 ||
	    setenv("HOME", FUZZ_DIR, 1) < 0)
		return -1;
	devnull = fopen("/dev/null", "we");
	return devnull ? 0 : -1;
}

/* The imported text must load and compile without an error. */
static void
round_trip(const char *text, size_t len)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol = NULL;
	struct cage_filter *filter = NULL;
	int err;

	err = cage_policy_load_buffer("imported.policy", FUZZ_DIR, text, len,
				      &diags, &pol);
	if (!err)
		err = cage_filter_compile(pol, &diags, &filter);
	if (err && err != -ENOMEM) {
		fprintf(stderr,
			"import produced a policy that fails (%d):\n"
			"%.*s\n",
			err, (int)len, text);
		for (size_t i = 0; i < diags.n; i++)
			cage_diag_print(&diags.v[i], stderr);
		abort();
	}
	cage_filter_free(filter);
	cage_policy_free(pol);
	cage_diags_free(&diags);
}

int
fuzz_one(const uint8_t *data, size_t size)
{
	struct cage_diags diags = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int err;

	if (!out)
		return 0;
	err = cage_import_oci("fuzz.json", (const char *)data, size, out,
			      &diags);
	if (fclose(out) == 0 && err == 0)
		round_trip(text, len);
	for (size_t i = 0; i < diags.n; i++)
		cage_diag_print(&diags.v[i], devnull);
	cage_diags_free(&diags);
	free(text);
	return 0;
}
