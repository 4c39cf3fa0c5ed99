// SPDX-License-Identifier: LGPL-2.1-or-later
/* The private view's filesystem: a new root holding only what the plan
 * names, pivoted into. */
#ifndef CAGE_VIEW_MOUNT_H
#define CAGE_VIEW_MOUNT_H

#include "launch/view.h"

/*
 * In the new mount namespace (and, with a PID namespace, in its pid 1, so
 * that /proc is the namespace's): builds a tmpfs root with the plan's
 * mounts in order, pivots into it, detaches the host's root, makes the
 * root itself read-only and enters the plan's cwd if it is in the view.
 * Bind sources are walked without following symlinks but root's in
 * directories only root can write; targets are made inside the new root
 * and never through a symlink.  No-op without a mount namespace.
 */
int cage_view_mount(const struct cage_view_plan *p, const char **step);

#endif
