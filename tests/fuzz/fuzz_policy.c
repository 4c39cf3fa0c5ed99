// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target for the policy language: load (lex, parse, includes,
 * resolve), compile with libseccomp, lint and explain, then free it all.
 */
#include "fuzz.h"

#include "policy_lex.h"
#include "syscage.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Relative includes resolve here, and fail: no file is ever read. */
#define FUZZ_DIR "/nonexistent/syscage-fuzz"

static FILE *devnull;

/*
 * An include of an absolute path would read a real file, so inputs with
 * one are skipped; the policy's own lexer finds them, however they are
 * spelt (quotes, continued lines).  Relative includes stay and resolve
 * under FUZZ_DIR, which does not exist.  Other statements only store
 * paths (fs rules are opened at launch), so they are fuzzed whole.
 */
static bool
includes_absolute(const uint8_t *data, size_t size)
{
	struct cage_lexer lx;
	struct cage_token tok;
	bool start = true, in_include = false, found = false;

	cage_lex_init(&lx, (const char *)data, size);
	while (!found && cage_lex_next(&lx, &tok) == 0) {
		enum cage_tok kind = tok.kind;

		if (in_include && tok.text && tok.text[0] == '/')
			found = true;
		if (start && kind == TOK_WORD && !strcmp(tok.text, "include"))
			in_include = true;
		else if (kind == TOK_NEWLINE)
			in_include = false;
		start = kind == TOK_NEWLINE;
		free(tok.text);
		if (kind == TOK_EOF)
			return found;
	}
	return true; /* out of memory: skip it */
}

int
fuzz_init(void)
{
	/* Policies by name: no installed ones, only the built-ins. */
	if (setenv("XDG_CONFIG_HOME", FUZZ_DIR, 1) < 0 ||
	    setenv("HOME", FUZZ_DIR, 1) < 0)
		return -1;
	devnull = fopen("/dev/null", "we");
	return devnull ? 0 : -1;
}

int
fuzz_one(const uint8_t *data, size_t size)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol = NULL;
	struct cage_filter *filter = NULL;

	if (includes_absolute(data, size))
		return 0;
	if (cage_policy_load_buffer("fuzz.policy", FUZZ_DIR, (const char *)data,
				    size, &diags, &pol) == 0) {
		cage_policy_lint(pol, &diags);
		cage_policy_explain(pol, devnull);
		if (cage_filter_compile(pol, &diags, &filter) == 0)
			cage_filter_free(filter);
	}
	for (size_t i = 0; i < diags.n; i++)
		cage_diag_print(&diags.v[i], devnull);
	cage_policy_free(pol);
	cage_diags_free(&diags);
	return 0;
}
