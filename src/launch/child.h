// SPDX-License-Identifier: LGPL-2.1-or-later
/* The child's steps before its filters (launch.c runs them in order). */
#ifndef CAGE_CHILD_H
#define CAGE_CHILD_H

#include "launch/plan.h"
#include "launch/view_pid.h"

#include <linux/filter.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

/*
 * The child's code runs on after its filters are in: a sanitizer's
 * runtime must not make system calls there (ASan unpoisons stacks with
 * sigaltstack before every noreturn call), so these go uninstrumented.
 */
#define NO_SANITIZE __attribute__((no_sanitize_address, no_sanitize_undefined))

struct child {
	const struct cage_plan *plan;
	int sock;     /* status socket, close-on-exec */
	int end;      /* with a PID namespace: the waiter's end socket, or -1 */
	bool verdict; /* wait for the parent's go before the filters */
	pid_t parent;
	const sigset_t *sigmask; /* the caller's, restored for the target */
	const struct sock_fprog *notify; /* supervised: the listener filter */
	/* Loaded once the listener is handed over: takes back the filter's
	 * exception for sendmsg on the status socket (len 0: none made). */
	const struct sock_fprog *close;
	/* --learn by tracing: wait until the parent traces us, then load
	 * this filter (no listener) instead of the kernel filters. */
	const struct sock_fprog *traced;
};

void __attribute__((noreturn)) NO_SANITIZE
cage_child_fail(const struct child *c, const char *step, int err, int status);
int cage_child_tie_to_parent(const struct child *c);
int cage_child_wait_for_tracer(const struct child *c);
int cage_child_restore_signals(const struct child *c);
int cage_child_close_fds(const struct child *c);
int cage_child_give_up_terminal(void);
void cage_child_enter_view(const struct child *c, struct cage_view_pid *pid);
void cage_child_view_ready(const struct child *c, struct cage_view_pid *pid);
void cage_child_view_net(const struct child *c, struct cage_view_pid *pid);
int cage_child_set_no_new_privs(void);
/* The parent's go, given once it has checked what it checks after the
 * fork (the fs rules, its own files): 0 to go on; no word (the parent
 * ended) or a refusal: -ECANCELED. */
int cage_child_wait_verdict(const struct child *c);

#endif
