// SPDX-License-Identifier: LGPL-2.1-or-later
/* The fs, net, env and limit sections of a policy. */
#ifndef CAGE_ISOLATION_H
#define CAGE_ISOLATION_H

#include "lang/ast.h"
#include "lang/loader.h"
#include "policy/policy.h"

/* One fs, net, env or limit statement of SRC. */
int cage_isolation_resolve(struct cage_loader *ld, const struct cage_stmt *st,
			   const struct cage_source *src);
/* Checks across files, and the seccomp rules 'net' stands for. */
int cage_isolation_finish(struct cage_loader *ld);
/* Frees what the resolved sections own */
void cage_isolation_clear(struct cage_isolation *iso);

#endif
