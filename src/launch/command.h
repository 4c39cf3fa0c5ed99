// SPDX-License-Identifier: LGPL-2.1-or-later
/* The command that will run, and the path variables of fs rules. */
#ifndef CAGE_COMMAND_H
#define CAGE_COMMAND_H

#include "policy/fs_path.h"

#include <stddef.h>

/* execvp's search in ENVP's PATH: 0 with OUT set, or -errno. */
int cage_find_command(const char *cmd, char *const *envp, char *out,
		      size_t size);
/* $HOME and $TMPDIR from the environment, getcwd(), and COMMAND's
 * directory as the launch finds it in the PATH of ENVP (NULL: the
 * environment), symlinks resolved. */
int cage_vars_init(struct cage_vars *vars, const char *command,
		   char *const *envp);

#endif
