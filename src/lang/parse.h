// SPDX-License-Identifier: LGPL-2.1-or-later
/* One policy file's text to its syntax tree. */
#ifndef CAGE_PARSE_H
#define CAGE_PARSE_H

#include "lang/ast.h"

int cage_policy_parse(const struct cage_source *src, struct cage_ast *ast,
		      struct cage_diags *diags);
void cage_ast_free(struct cage_ast *ast);

#endif
