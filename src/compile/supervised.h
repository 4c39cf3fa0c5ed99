// SPDX-License-Identifier: LGPL-2.1-or-later
/* The supervised filter and its two companions, emitted by hand. */
#ifndef CAGE_SUPERVISED_H
#define CAGE_SUPERVISED_H

#include "policy/policy.h"

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The supervised filter: ALLOW where every policy allows, USER_NOTIF
 * elsewhere (LEARN: everywhere), sendmsg on STATUS_FD allowed for the
 * listener's hand-over.  out->filter is malloc'd.
 */
int cage_supervised_program(struct cage_policy *const *pols, size_t n,
			    bool learn, int status_fd, struct sock_fprog *out);
/*
 * Loaded after the hand-over: sendmsg on STATUS_FD gets the policies'
 * verdict again (in the kernel, unreported).  out->len 0: not needed (the
 * policies allow sendmsg outright).  out->filter is malloc'd.
 */
int cage_supervised_close_program(struct cage_policy *const *pols, size_t n,
				  int status_fd, struct sock_fprog *out);
/* --learn by tracing: ENOSYS for clone3 and openat2, else allow. */
int cage_supervised_trace_program(struct sock_fprog *out);
/* The supervised filter allows NR in the kernel, whatever its arguments. */
bool cage_supervised_allows_outright(struct cage_policy *const *pols, size_t n,
				     bool learn, int nr);

#endif
