// SPDX-License-Identifier: LGPL-2.1-or-later
/* The private view's PID namespace: the waiter outside, the init inside. */
#ifndef CAGE_VIEW_PID_H
#define CAGE_VIEW_PID_H

#include "launch/view.h"

#include <signal.h>
#include <stdbool.h>

/* Between the two steps, in pid 1: what it reports through, and the
 * signal mask to give the target back. */
struct cage_view_pid {
	int report; /* socket to the waiter outside, or -1 */
	/* Set by the caller before cage_view_pid_enter: the socket pid 1
	 * tells the supervisor the target's end on (protocol.h), or -1. */
	int end;
	bool net; /* the waiter sends the network namespace on it */
	sigset_t oldmask;
};

/*
 * After cage_view_unshare: forks the namespace's pid 1 and returns in it.
 * The caller's process stays outside (the supervisor's child), holds no
 * fd, forwards the signals processes send it, and ends as the target
 * ended.  No-op without a PID namespace.
 */
int cage_view_pid_enter(const struct cage_view_plan *p,
			struct cage_view_pid *pid, const char **step);

/*
 * After cage_view_mount, in pid 1: forks the target's process and returns
 * in it.  Pid 1 stays as init: it reaps orphans, forwards signals, and
 * exits with the target (the kernel then kills what is left).
 */
int cage_view_pid_init(const struct cage_view_plan *p,
		       struct cage_view_pid *pid, const char **step);

#endif
