// SPDX-License-Identifier: LGPL-2.1-or-later
/* The guard: a filter stacked under every policy, protecting the supervisor. */
#ifndef CAGE_GUARD_H
#define CAGE_GUARD_H

#include <linux/filter.h>
#include <sys/types.h>

#define CAGE_GUARD_MAX 40

struct cage_guard {
	struct sock_filter insns[CAGE_GUARD_MAX];
	struct sock_fprog prog;
};

/*
 * The guard for a supervisor of pid SUPERVISOR in process group PGRP:
 * EPERM for setting limits on any process but the caller, and for
 * changing the priority, CPUs or I/O class of the supervisor, its process
 * group or a whole user.  0, or -E2BIG (never, with the table it has).
 */
int cage_guard_program(struct cage_guard *g, pid_t supervisor, pid_t pgrp);

#endif
