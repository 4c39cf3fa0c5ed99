// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * System call names and numbers for the native ABI, as libseccomp knows them,
 * and on x86-64 those newer than it up to Linux 6.18 (syscalls.c).
 */
#ifndef CAGE_SYSCALLS_H
#define CAGE_SYSCALLS_H

#include "base/suggest.h"

/*
 * The native number of NAME; -ENOENT if libseccomp does not know the name,
 * -EXDEV if it names a system call of another architecture only.
 */
int cage_syscall_number(const char *name);
/* The native name of NR, or NULL; the string is static. */
const char *cage_syscall_name(int nr);
/* The highest native number libseccomp has a name for. */
int cage_syscall_max_known(void);
/*
 * The numbers below 424 past this architecture's last call there, which
 * its next calls of its own may take: returns the last, 423, and sets
 * *FIRST (424 when there is no gap).
 */
int cage_syscall_gap(int *first);
/* Offer every native name to a did-you-mean search. */
void cage_syscall_suggest(struct cage_suggest *s);

#endif
