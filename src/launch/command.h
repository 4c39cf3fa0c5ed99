// SPDX-License-Identifier: LGPL-2.1-or-later
/* The command that will run, and the path variables of fs rules. */
#ifndef CAGE_COMMAND_H
#define CAGE_COMMAND_H

#include "syscage.h"

#include <stddef.h>

/* execvp's search in ENVP's PATH: 0 with OUT set, or -errno. */
int cage_find_command(const char *cmd, char *const *envp, char *out,
		      size_t size);

#endif
