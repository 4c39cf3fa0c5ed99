// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The front end's one piece of shared state.  load.c makes a loader for
 * each policy it loads and walks the files with it; source.c reads files
 * for it, resolve.c adds groups and rules to it, isolation.c the fs, net,
 * env and limit sections, and merge.c settles its rules once every file
 * is read.  Nothing else is shared between them.
 */
#ifndef CAGE_LOADER_H
#define CAGE_LOADER_H

#include "lang/ast.h"
#include "policy/policy.h"

#include <stddef.h>

struct cage_group {
	const char *name; /* "@name", owned by the AST */
	const struct cage_stmt *def;
};

struct cage_loader {
	struct cage_policy *pol; /* what is being built */
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

#endif
