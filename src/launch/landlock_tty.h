// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Only its own terminal: $TTY, and the carving of / and /dev that keeps
 * every other terminal out of a Landlock layer.
 */
#ifndef CAGE_LANDLOCK_TTY_H
#define CAGE_LANDLOCK_TTY_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* Room for "/dev/pts/N". */
#define CAGE_TTY_PATH_MAX 32
/* $TTY: the pseudo-terminals on fds 0-2, each once, checked against the
 * fd's inode; how many.  No allocation. */
size_t cage_tty_paths(char paths[3][CAGE_TTY_PATH_MAX]);
/*
 * NAME, an entry of /dev, is a
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
/* FD_ST: FD's stat, or NULL to take it. */
int cage_landlock_carve(int ruleset, int fd, const struct stat *fd_st,
			uint64_t rights, bool whole_pts, const char **step);

#endif
