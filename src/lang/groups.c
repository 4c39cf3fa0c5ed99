// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The built-in groups by their members, read from the embedded groups
 * file, for code that names groups in a policy it writes (--learn's
 * interop/learn_write.c): it asks here, not a loaded policy's syntax tree.
 */
#include "lang/groups.h"
#include "lang/ast.h"
#include "lang/builtins.h"
#include "lang/parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8

struct names {
	const char **v;
	size_t n, cap;
};

static int
push(struct names *m, const char *name)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		const char **v = realloc(m->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n++] = name;
	return 0;
}

/* GROUP's members into M, nested groups expanded; -ENOENT if GROUP or a
 * group it names is not defined, or they nest too deep. */
static int
expand(const struct cage_ast *ast, const char *group, struct names *m,
       unsigned depth)
{
	for (size_t i = 0; i < ast->n && depth < MAX_DEPTH; i++) {
		const struct cage_stmt *st = &ast->stmts[i];
		int err = 0;

		if (st->kind != CAGE_STMT_DEFINE ||
		    strcmp(st->target.text, group))
			continue;
		for (size_t k = 0; k < st->nnames && !err; k++) {
			const char *name = st->names[k].text;

			err = name[0] == '@' ? expand(ast, name, m, depth + 1)
					     : push(m, name);
		}
		return err;
	}
	return -ENOENT;
}

int
cage_groups_each(int (*fn)(const char *group, const char *const *members,
			   size_t n, void *arg),
		 void *arg)
{
	const struct cage_builtin *b = cage_builtin_find("groups");
	struct cage_source src = {.name = (char *)"groups"};
	struct cage_diags diags = {0};
	struct cage_ast ast = {0};
	int err;

	if (!b)
		return -ENOENT;
	src.text = (char *)b->text; /* read only */
	src.size = b->size;
	err = cage_policy_parse(&src, &ast, &diags);
	for (size_t i = 0; i < ast.n && !err; i++) {
		const struct cage_stmt *st = &ast.stmts[i];
		struct names m = {0};

		if (st->kind != CAGE_STMT_DEFINE)
			continue;
		err = expand(&ast, st->target.text, &m, 0);
		if (!err)
			err = fn(st->target.text, m.v, m.n, arg);
		else if (err == -ENOENT)
			err = 0;
		free(m.v);
	}
	cage_ast_free(&ast);
	cage_diags_free(&diags);
	return err;
}
