// SPDX-License-Identifier: LGPL-2.1-or-later
/* The paths of fs rules, and the variables they start with. */
#ifndef CAGE_FS_PATH_H
#define CAGE_FS_PATH_H

#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>

#define CAGE_PATH_MAX 4096

/* What $HOME, $CWD, $CHECKOUT, $GITDIR, $TMPDIR and $EXE stand for in fs paths ("": none). */
struct cage_vars {
	char home[CAGE_PATH_MAX];
	char cwd[CAGE_PATH_MAX];
	char tmpdir[CAGE_PATH_MAX]; /* $TMPDIR if absolute, else /tmp */
	char exe[CAGE_PATH_MAX];    /* the directory of the command to run */
	/* The top of the git work tree holding cwd (a directory with .git,
	 * a directory or a file), else cwd. */
	char checkout[CAGE_PATH_MAX];
	/* The git directory of that work tree: checkout/.git, or for a
	 * worktree or submodule (.git a file) the directory it names, once
	 * it names the checkout back (command.c); "" for none. */
	char gitdir[CAGE_PATH_MAX];
};

/* An fs path is absolute, or $HOME $CWD $CHECKOUT $GITDIR $TMPDIR $EXE (or ${NAME}) followed
 * by '/' or nothing.  0 or -EINVAL. */
int cage_fs_path_check(const char *path);
/* PATH with its variable replaced: -EINVAL (syntax), -ENOENT (no value),
 * -ENAMETOOLONG. */
int cage_fs_path_expand(const char *path, const struct cage_vars *vars,
			char *out, size_t size);
/* PATH is $TTY (or ${TTY}): the terminals on fds 0-2, not one path. */
bool cage_fs_path_is_tty(const char *path);

#endif
