// SPDX-License-Identifier: LGPL-2.1-or-later
/* The parser's state and its cursor over the tokens. */
#ifndef CAGE_PARSE_TOKENS_H
#define CAGE_PARSE_TOKENS_H

#include "lang/ast.h"
#include "lang/lex.h"

#include <stdbool.h>
#include <stddef.h>

struct cage_parser {
	struct cage_lexer lx;
	const struct cage_source *src;
	struct cage_token tok;
	struct cage_diags *diags;
	int err;	  /* -ENOMEM and the like: stop at once */
	bool failed;	  /* this statement had an error */
	unsigned nesting; /* parentheses in a value */
};

/* The next token; after a hard error, TOK_EOF. */
void cage_parse_next(struct cage_parser *p);
/* The current token's place. */
struct cage_loc cage_parse_loc(const struct cage_parser *p);
/* "MSG 'ARG' (did you mean 'HINT'?)", the statement's first error only. */
void cage_parse_error_at(struct cage_parser *p, const struct cage_loc *loc,
			 const char *msg, const char *arg, const char *hint);
/* "expected EXPECTED, found" the current token. */
void cage_parse_error_tok(struct cage_parser *p, const char *expected);
bool cage_parse_is_word(const struct cage_parser *p, const char *word);
/* V, or V grown to hold element N of SIZE bytes (NULL: out of memory). */
void *cage_parse_grow(void *v, size_t n, size_t size);
/* The current token's text becomes the statement's next name. */
bool cage_parse_push_name(struct cage_parser *p, struct cage_stmt *st);
/* A token of KIND (a string too for a word) as the statement's target. */
bool cage_parse_target(struct cage_parser *p, struct cage_stmt *st,
		       enum cage_tok kind, const char *what);

#endif
