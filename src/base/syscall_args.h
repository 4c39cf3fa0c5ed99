// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Which arguments of each x86-64 system call the kernel declares 32 bits
 * wide, so that a filter compares only their low 32 bits.
 */
#ifndef CAGE_SYSCALL_ARGS_H
#define CAGE_SYSCALL_ARGS_H

#include <stdbool.h>

/*
 * Bit i set: argument i of the x86-64 syscall NAME is 32 bits wide in the
 * kernel (int, unsigned int, pid_t, ...), so only its low 32 bits may be
 * compared. Unknown names: 0 (all 64-bit).
 */
unsigned cage_syscall_args32(const char *name);
/* Number of arguments the syscall takes, or -1 if unknown */
int cage_syscall_nargs(const char *name);
/* The name of table entry I (strcmp order), or NULL past the end; for tests. */
const char *cage_syscall_args_name(unsigned i);

#endif
