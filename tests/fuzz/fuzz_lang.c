// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Shared by the policy-language targets (fuzz_parse.c, fuzz_policy.c):
 * no policy file of the machine is ever read, by name or by include.
 */
#include "fuzz.h"

#include "lang/lex.h"

#include <stdlib.h>
#include <string.h>

FILE *fuzz_devnull;

int
fuzz_init(void)
{
	/* Policies by name: no installed ones, only the built-ins. */
	if (setenv("XDG_CONFIG_HOME", FUZZ_DIR, 1) < 0 ||
	    setenv("HOME", FUZZ_DIR, 1) < 0)
		return -1;
	fuzz_devnull = fopen("/dev/null", "we");
	return fuzz_devnull ? 0 : -1;
}

/*
 * An include of an absolute path would read a real file, so inputs with
 * one are skipped; the policy's own lexer finds them, however they are
 * spelt (quotes, continued lines).  Relative includes stay and resolve
 * under FUZZ_DIR, which does not exist.  Other statements only store
 * paths (fs rules are opened at launch), so they are fuzzed whole.
 */
bool
fuzz_includes_absolute(const uint8_t *data, size_t size)
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
