// SPDX-License-Identifier: LGPL-2.1-or-later
/* The supervisor's side of seccomp user notification. */
#ifndef CAGE_SUPERVISE_NOTIFY_H
#define CAGE_SUPERVISE_NOTIFY_H

#include "launch.h"

struct seccomp_notif;
struct seccomp_notif_resp;

struct cage_notify {
	int fd;
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
};

int cage_notify_init(struct cage_notify *n, int listener);
void cage_notify_fini(struct cage_notify *n);
/* Receive one call, decide, report, answer.  0 or -errno. */
int cage_notify_handle(struct cage_notify *n, struct cage_supervisor *sv,
		       const struct cage_launch_opts *o);

#endif
