// SPDX-License-Identifier: LGPL-2.1-or-later
/* Landlock for the launch: one stacked layer per policy with fs or net rules. */
#ifndef CAGE_LANDLOCK_H
#define CAGE_LANDLOCK_H

#include "launch/landlock_tty.h"
#include "policy/fs_path.h"
#include "policy/policy.h"

#include <stdbool.h>
#include <stdint.h>

/* What one policy's layer handles on a kernel of a given ABI. */
struct cage_landlock_plan {
	uint64_t fs;	 /* handled_access_fs */
	uint64_t net;	 /* handled_access_net */
	uint64_t scoped; /* signals and abstract unix sockets, ABI 6+ */
	bool enforce;	 /* false: no layer (nothing asked, or best effort) */
};

/* The kernel's Landlock ABI, 0 when it has none. */
int cage_landlock_kernel_abi(void);
/*
 * Plan ISO's layer for ABI.  -EOPNOTSUPP with *why when ISO asks for what
 * the kernel cannot enforce and does not say 'fs best-effort'.
 */
int cage_landlock_plan(const struct cage_isolation *iso, int abi,
		       struct cage_landlock_plan *plan, const char **why);
/* CAGE_FS_* as Landlock rights for a directory (or a file), within HANDLED. */
uint64_t cage_landlock_access(unsigned access, bool dir, uint64_t handled);
/*
 * One layer, decided before fork: what it handles, its rules (slices of
 * a policy's isolation: the child opens their paths as the target user,
 * after the user switch) and whether it grants every file of / but the
 * other terminals (a layer without fs rules).
 */
struct cage_landlock_layer {
	struct cage_landlock_plan rights;
	const struct cage_fs_rule *fs;
	size_t nfs;
	const uint16_t *connect, *bind;
	size_t nconnect, nbind;
	bool carve_root;
	bool *skip; /* fs rules that add nothing (malloc'd), or NULL */
};

struct cage_landlock_layers {
	struct cage_landlock_layer *v; /* malloc'd */
	size_t n;
	const struct cage_vars *vars; /* what the fs paths' variables are */
	int abi;		      /* the kernel's */
	int abi_used;		      /* 0: no policy's layer is enforced */
	bool any_fs;		      /* a policy has fs rules */
};

/*
 * Before fork: the layers of POLS on this kernel, in order, or a layer
 * of scope alone when no policy needs one.  -EOPNOTSUPP (the kernel
 * lacks what a policy needs and it does not say 'fs best-effort') or
 * -ENAMETOOLONG with *WHY; -ENOMEM.  A path whose variable has no value
 * ($HOME unset, the command not found) is skipped.
 */
int cage_landlock_prepare(struct cage_policy *const *pols, size_t n,
			  const struct cage_vars *vars,
			  struct cage_landlock_layers *l, const char **why);
void cage_landlock_layers_free(struct cage_landlock_layers *l);
/* For -v: what keeps the other terminals closed in this launch. */
const char *cage_landlock_tty_note(const struct cage_landlock_layers *l);
/* Child step: enforce each layer; no allocation. */
int cage_landlock_apply(const struct cage_landlock_layers *l,
			const char **step);

/*
 * Under a private view whose binds are the fs rules: rules below another
 * rule of their layer that grants all they grant are skipped (see
 * landlock.c).  0 or -ENOMEM.
 */
int cage_landlock_skip_nested(struct cage_landlock_layers *l);

#endif
