// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Which grant a refused path may be answered with.  The target chooses
 * the path, and the user copies the suggestion: so never a grant the
 * user would not knowingly hand a hostile program (the machine, a system
 * directory to write, the home, its secrets and start-up files, another
 * user's home, a service's socket).  The lists of secrets, caches and
 * toolchains of the home are ci.policy's, read from the built-in text.
 */
#ifndef CAGE_FS_ADVICE_H
#define CAGE_FS_ADVICE_H

#include <stddef.h>

/*
 * The path to suggest a grant of NEED (CAGE_FS_*) on for P (absolute,
 * the target's), HOME being $HOME's value: P itself, or under the home
 * the directory of P a tool keeps there (its first, or the cache or
 * toolchain of ci.policy holding P), into OUT: 0.  -EPERM when none may
 * be suggested, with WHY: one line, the target's text in it escaped.
 */
int cage_fs_advice(const char *home, const char *p, unsigned need, char *out,
		   size_t size, char *why, size_t why_size);

#endif
