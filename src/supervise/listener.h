// SPDX-License-Identifier: LGPL-2.1-or-later
/* The supervisor's side of seccomp user notification. */
#ifndef CAGE_LISTENER_H
#define CAGE_LISTENER_H

#include "syscage.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

struct cage_supervisor;
struct seccomp_notif;
struct seccomp_notif_resp;

struct cage_listener {
	int fd;
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	/* The thread that answers, blocked in SECCOMP_IOCTL_NOTIF_RECV. */
	pthread_t thread;
	bool running;
	atomic_bool stop;
	int efd; /* eventfd: the thread failed (err); -1 */
	int err;
	struct cage_supervisor *sv;
	const struct cage_launch_opts *o;
};

int cage_listener_init(struct cage_listener *n, int listener);
/* Answer in a thread of our own: the cheapest round trip the kernel has.
 * n->efd becomes readable if it fails (n->err). */
int cage_listener_start(struct cage_listener *n, struct cage_supervisor *sv,
			const struct cage_launch_opts *o);
/* Stop and join the thread; then fini. */
void cage_listener_stop(struct cage_listener *n);
void cage_listener_fini(struct cage_listener *n);
/* Receive one call, decide, report, answer.  0 or -errno. */
int cage_listener_handle(struct cage_listener *n, struct cage_supervisor *sv,
			 const struct cage_launch_opts *o);

#endif
