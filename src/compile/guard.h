// SPDX-License-Identifier: LGPL-2.1-or-later
/* The guard: a filter stacked under every policy, protecting the supervisor. */
#ifndef CAGE_GUARD_H
#define CAGE_GUARD_H

#include <linux/filter.h>

#define CAGE_GUARD_MAX 40

struct cage_guard {
	struct sock_filter insns[CAGE_GUARD_MAX];
	struct sock_fprog prog;
};

/*
 * The guard: EPERM for setting the limits, priority, CPUs, scheduling or
 * I/O class of any process or thread but the caller (pid 0), and of any
 * process group or user, so that no thread of the supervisor is reached.
 * 0, or -E2BIG (never, with the table it has).
 */
int cage_guard_program(struct cage_guard *g);

#endif
