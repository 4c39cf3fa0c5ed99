// SPDX-License-Identifier: LGPL-2.1-or-later
/* Landlock for the launch: one stacked layer per policy with fs or net rules. */
#ifndef CAGE_LANDLOCK_H
#define CAGE_LANDLOCK_H

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
 * Before fork: a write rule of OPTS whose path (variables expanded) is /,
 * the home directory ($HOME, the user's, the --user target's) or a
 * directory above it refuses the launch: -EPERM with MSG saying which
 * rule, why and what to do.  A directory named in NAMES (the command
 * line's --rw paths) is the user's own choice and passes.
 */
int cage_fs_check_home(const struct cage_launch_opts *opts,
		       const char *const *names, size_t nnames, char *msg,
		       size_t size);
/*
 * Before the check: $EXE, the command's directory, becomes the command's
 * file where that directory is a home, above one, /, a hidden directory
 * of a home or the system's (~, ~/.local/bin, /usr/bin).  1 with MSG
 * saying so, 0 when left alone, -ENOMEM.
 */
int cage_fs_narrow_exe(const struct cage_launch_opts *opts,
		       struct cage_vars *vars, const char *command, char *msg,
		       size_t size);
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
/* For -v: what keeps the other terminals closed in this launch. */
const char *cage_landlock_tty_note(const struct cage_launch_opts *o);
/* Child step: enforce every policy's layer; no allocation. */
int cage_landlock_apply(const struct cage_launch_opts *o, const char **step);

#endif
