// SPDX-License-Identifier: LGPL-2.1-or-later
/* The supervisor's side of seccomp user notification. */
#ifndef CAGE_SUPERVISE_NOTIFY_H
#define CAGE_SUPERVISE_NOTIFY_H

#include "launch/launch.h"

struct seccomp_notif;
struct seccomp_notif_resp;

#include <pthread.h>
#include <stdatomic.h>

struct cage_notify {
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

int cage_notify_init(struct cage_notify *n, int listener);
/* Answer in a thread of our own: the cheapest round trip the kernel has.
 * n->efd becomes readable if it fails (n->err). */
int cage_notify_start(struct cage_notify *n, struct cage_supervisor *sv,
		      const struct cage_launch_opts *o);
/* Stop and join the thread; then fini. */
void cage_notify_stop(struct cage_notify *n);
void cage_notify_fini(struct cage_notify *n);
/* Receive one call, decide, report, answer.  0 or -errno. */
int cage_notify_handle(struct cage_notify *n, struct cage_supervisor *sv,
		       const struct cage_launch_opts *o);

#endif
