// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading compiled programs into the calling thread. */
#ifndef CAGE_SECCOMP_LOAD_H
#define CAGE_SECCOMP_LOAD_H

#include "compile/filter.h"

#include <linux/filter.h>

/* Load a raw program, no listener: 0 or -errno. */
int cage_seccomp_load_program(const struct sock_fprog *prog);
/* Load a listener filter: its fd, or -errno. */
int cage_seccomp_load_listener(const struct sock_fprog *prog);
/* Load part INDEX of F into the calling thread; 0 or -errno. */
int cage_seccomp_load(const struct cage_filter *f, size_t index);

#endif
