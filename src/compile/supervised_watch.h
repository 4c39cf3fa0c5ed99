// SPDX-License-Identifier: LGPL-2.1-or-later
/* Routing more calls to the supervisor, for its reports only. */
#ifndef CAGE_SUPERVISED_WATCH_H
#define CAGE_SUPERVISED_WATCH_H

#include <linux/filter.h>
#include <stddef.h>

/*
 * PROG (the supervised filter, malloc'd) with a head that routes the
 * native calls numbered NRS[0..N) to the listener before it judges them:
 * the supervisor then answers them with the same verdict (decide.c) the
 * filter would have given.  0, -E2BIG (too long a program) or -ENOMEM.
 */
int cage_supervised_watch(struct sock_fprog *prog, const int *nrs, size_t n);

#endif
