// SPDX-License-Identifier: LGPL-2.1-or-later
/* Shared by load.c (files, includes) and resolve.c (names, rules). */
#ifndef CAGE_POLICY_LOAD_H
#define CAGE_POLICY_LOAD_H

#include "policy/policy.h"

struct cage_group {
	const char *name; /* "@name", owned by the AST */
	const struct cage_stmt *def;
};

struct cage_loader {
	struct cage_policy *pol;
	struct cage_diags *diags;
	struct cage_source *stack[16]; /* files being read, for cycles */
	size_t depth;
	struct cage_group *groups;
	size_t ngroups;
	const struct cage_stmt *dflt_stmt;
	unsigned dflt_depth;
	/* Two defaults that disagree at one depth: an error unless a
	 * shallower file settles it. */
	const struct cage_stmt *dflt_clash[17][2]; /* by include depth */
};

void cage_source_free(struct cage_source *src);
void cage_loader_clear(struct cage_loader *ld);

int cage_resolve_default(struct cage_loader *ld, const struct cage_stmt *st,
			 const struct cage_source *src);
int cage_resolve_define(struct cage_loader *ld, const struct cage_stmt *st);
int cage_resolve_rule(struct cage_loader *ld, const struct cage_stmt *st,
		      const struct cage_source *src);
int cage_resolve_caps(struct cage_loader *ld, const struct cage_stmt *st);
/* Precedence, conflicts and 'deny', once every file is read. */
int cage_resolve_finish(struct cage_loader *ld);
/* isolation.c: the fs, net, env and limit sections. */
int cage_resolve_isolation(struct cage_loader *ld, const struct cage_stmt *st,
			   const struct cage_source *src);
/* Checks across files, and the seccomp rules 'net' stands for. */
int cage_resolve_isolation_finish(struct cage_loader *ld);
/* A built-in policy from its embedded text, never an installed file that
 * shadows it (lint's reference, 'default'). */
int cage_policy_load_builtin(const char *name, struct cage_diags *diags,
			     struct cage_policy **out);
/* A group's definition, or NULL. */
const struct cage_group *cage_group_find(const struct cage_loader *ld,
					 const char *name);

#endif
