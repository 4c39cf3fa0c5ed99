// SPDX-License-Identifier: LGPL-2.1-or-later
/* The fs, net, env and limit statements, for parse.c. */
#ifndef CAGE_PARSE_SECTIONS_H
#define CAGE_PARSE_SECTIONS_H

#include "lang/ast.h"
#include "lang/parse_tokens.h"

#include <stdbool.h>

struct cage_section;

/* The section whose keyword is the current word, or NULL. */
const struct cage_section *cage_parse_section_find(const struct cage_parser *p);
/* Section S's statement, from its keyword on. */
bool cage_parse_section(struct cage_parser *p, struct cage_stmt *st,
			const struct cage_section *s);

#endif
