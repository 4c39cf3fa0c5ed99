// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target for the policy language's parser alone: lex and parse
 * one source to its AST, with the diagnostics printed.  A load parses the
 * built-in groups file before the input (and fuzz_policy then compiles),
 * about a millisecond under ASan whatever the input; this target skips
 * both, so the shared corpus can grow.  Resolving is fuzz_policy's.
 */
#include "fuzz.h"

#include "lang/parse.h"
#include "policy/policy.h"

#include <stdlib.h>
#include <string.h>

int
fuzz_one(const uint8_t *data, size_t size)
{
	struct cage_diags diags = {0};
	struct cage_ast ast = {0};
	/* The text exactly as the input: ASan sees a read past its end. */
	char *text = malloc(size ? size : 1);
	struct cage_source src = {.name = "fuzz.policy",
				  .dir = FUZZ_DIR,
				  .text = text,
				  .size = size};

	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	(void)cage_policy_parse(&src, &ast, &diags);
	for (size_t i = 0; i < diags.n; i++)
		cage_diag_print(&diags.v[i], fuzz_devnull);
	cage_ast_free(&ast);
	cage_diags_free(&diags);
	free(text);
	return 0;
}
