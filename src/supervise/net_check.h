// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Naming a TCP connect the network layers refuse, beside fs_check.c's
 * paths: Landlock's 'net connect' ports, and the private view's network
 * namespace (net loopback: only lo).  Advice only, as there.
 */
#ifndef CAGE_NET_CHECK_H
#define CAGE_NET_CHECK_H

#include "supervise/fs_check.h"

struct cage_net_check;

/* The port layers of POLS, and LOOPBACK_ONLY (a network namespace with
 * lo alone); *OUT NULL when neither refuses anything.  0 or -ENOMEM. */
int cage_net_check_new(struct cage_policy *const *pols, size_t n,
		       bool loopback_only, struct cage_net_check **out);
void cage_net_check_free(struct cage_net_check *c);
/*
 * connect(ARGS) of PID: 1 when an IP address it names would be refused,
 * with *F; 0 when not; -1 when the address is not an IP one.
 */
int cage_net_check_connect(const struct cage_net_check *c, pid_t pid,
			   const uint64_t args[6], struct cage_fs_finding *f);

#endif
