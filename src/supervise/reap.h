// SPDX-License-Identifier: LGPL-2.1-or-later
/* Killing process trees: --timeout and the orphans a target leaves. */
#ifndef CAGE_REAP_H
#define CAGE_REAP_H

#include <sys/types.h>

void cage_reap_kill_tree(pid_t root);
/* Kill and reap every remaining child of ours; returns how many. */
unsigned cage_reap_orphans(void);

#endif
