// SPDX-License-Identifier: LGPL-2.1-or-later
/* Statements resolved into the loader's groups and rules, one by one. */
#ifndef CAGE_RESOLVE_H
#define CAGE_RESOLVE_H

#include "lang/ast.h"
#include "lang/loader.h"

int cage_resolve_default(struct cage_loader *ld, const struct cage_stmt *st,
			 const struct cage_source *src);
int cage_resolve_define(struct cage_loader *ld, const struct cage_stmt *st);
int cage_resolve_rule(struct cage_loader *ld, const struct cage_stmt *st,
		      const struct cage_source *src);
int cage_resolve_caps(struct cage_loader *ld, const struct cage_stmt *st);
/* A group's definition, or NULL. */
const struct cage_group *cage_group_find(const struct cage_loader *ld,
					 const char *name);
/* Frees what the loader holds besides the policy (its groups). */
void cage_loader_clear(struct cage_loader *ld);

#endif
