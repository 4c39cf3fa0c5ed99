// SPDX-License-Identifier: LGPL-2.1-or-later
/* The built-in groups by their members, for code that writes policies. */
#ifndef CAGE_GROUPS_H
#define CAGE_GROUPS_H

#include <stddef.h>

/*
 * FN(GROUP, MEMBERS, N, ARG) for each group of the built-in groups file,
 * in the order it defines them: GROUP is "@name", MEMBERS its syscall
 * names as written (of every architecture), nested groups expanded.  A
 * group that names an undefined group, or nests more than 8 deep, is
 * passed over.  0, FN's first nonzero return, or -errno.
 */
int cage_groups_each(int (*fn)(const char *group, const char *const *members,
			       size_t n, void *arg),
		     void *arg);

#endif
