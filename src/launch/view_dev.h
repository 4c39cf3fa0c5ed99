// SPDX-License-Identifier: LGPL-2.1-or-later
/* The private view's /dev and /proc. */
#ifndef CAGE_VIEW_DEV_H
#define CAGE_VIEW_DEV_H

#include <stdbool.h>

/*
 * A minimal /dev on TARGET (an fd in the new root): a tmpfs with the
 * host's null zero full random urandom tty bound in read-only (the
 * devices work, their inodes cannot be changed), the controlling
 * terminal as /dev/console, a private devpts instance with ptmx and the
 * usual symlinks.  No host pty other than our own is reachable.
 */
int cage_view_dev(int target);

/*
 * /proc on TARGET: a fresh procfs when we are in a new PID namespace
 * (FRESH), else the host's bound in; either way sys, sysrq-trigger, irq
 * and bus are covered read-only.
 */
int cage_view_proc(int target, bool fresh);

#endif
