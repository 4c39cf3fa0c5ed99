// SPDX-License-Identifier: LGPL-2.1-or-later
/* Landlock for the launch: one stacked layer per policy with fs or net rules. */
#ifndef CAGE_LANDLOCK_H
#define CAGE_LANDLOCK_H

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
/* Room for "/dev/pts/N". */
#define CAGE_TTY_PATH_MAX 32
/* $TTY: the pseudo-terminals on fds 0-2, each once, checked against the
 * fd's inode; how many.  No allocation. */
size_t cage_tty_paths(char paths[3][CAGE_TTY_PATH_MAX]);
/*
 * Only its own terminal (landlock_tty.c).  NAME, an entry of /dev, is a
 * terminal that is not the user's to hand over: console, ttyN, ttySN,
 * hvcN, vcs*.  Granted only when it is on fds 0-2.
 */
bool cage_dev_entry_terminal(const char *name);
/* Did the command line (--rw, --ro, --rx) write R?  Its /dev/pts is the
 * user's own choice: every terminal, ptys the target makes included. */
bool cage_fs_rule_from_cli(const struct cage_fs_rule *r);
/*
 * FD is an open directory.  If it is /, or at or above a mount that holds
 * terminals (/dev, any devpts, devtmpfs or bind of /dev, a terminal's
 * node bound on a file: /proc/self/mountinfo, read once per process) but
 * for WHOLE_PTS a devpts named as such: add to RULESET, in place of one
 * rule for it with RIGHTS, rules for each entry beneath it except the
 * terminals that are not on fds 0-2 (in a devpts only those and ptmx),
 * walking down to each such mount, and return 1.  Otherwise 0, nothing
 * added; or -errno with *STEP.  No allocation.
 */
int cage_landlock_carve(int ruleset, int fd, uint64_t rights, bool whole_pts,
			const char **step);
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

#endif
