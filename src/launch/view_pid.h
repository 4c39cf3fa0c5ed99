// SPDX-License-Identifier: LGPL-2.1-or-later
/* The private view's PID namespace: the waiter outside, the init inside. */
#ifndef CAGE_VIEW_PID_H
#define CAGE_VIEW_PID_H

#include "launch/view.h"

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/* Between the two steps, in pid 1: what it reports through, and the
 * signal mask to give the target back. */
struct cage_view_pid {
	int report; /* socket to the waiter outside, or -1 */
	/* Set by the caller before cage_view_pid_enter: the socket pid 1
	 * tells the supervisor the target's end on (protocol.h), or -1. */
	int end;
	bool net; /* the waiter sends the network namespace on it */
	sigset_t oldmask;
	/* cage_view_pid_fork: in pid 1, the target's pid and the socket to
	 * it; in the target, in_target and the socket from pid 1. */
	pid_t target;
	int ready;
	bool in_target;
};

/*
 * A PID namespace's steps (each a no-op without one):
 *   cage_view_pid_enter  after cage_view_unshare: forks the namespace's
 *                        pid 1 and returns in it.  The caller's process
 *                        stays outside (the supervisor's child), holds
 *                        no fd, forwards the signals processes send it,
 *                        and ends as the target ended.
 *   cage_view_pid_fork   in pid 1, at once: forks the target's process,
 *                        and returns in both (in_target says which).
 *                        The target goes on with what needs no view (the
 *                        limits) while pid 1 makes it.
 *   cage_view_pid_init   in pid 1, after cage_view_mount: joins the
 *                        network namespace, tells the target the view is
 *                        made, and stays as init (never returns but with
 *                        an error): it reaps orphans, forwards signals,
 *                        and once the target ended empties the namespace,
 *                        says so and exits.
 *   cage_view_pid_ready  in the target: waits for that word (pid 1's end
 *                        without it: -ECANCELED, pid 1 said why), enters
 *                        the directory.
 *   cage_view_pid_net    in the target, before its capabilities go: the
 *                        network namespace, which pid 1 passes on from
 *                        the waiter once it has it, joined.
 */
int cage_view_pid_enter(const struct cage_view_plan *p,
			struct cage_view_pid *pid, const char **step);
int cage_view_pid_fork(const struct cage_view_plan *p,
		       struct cage_view_pid *pid, const char **step);
int cage_view_pid_init(const struct cage_view_plan *p,
		       struct cage_view_pid *pid, const char **step);
int cage_view_pid_ready(const struct cage_view_plan *p,
			struct cage_view_pid *pid, const char **step);
int cage_view_pid_net(struct cage_view_pid *pid, const char **step);

#endif
