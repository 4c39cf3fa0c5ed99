// SPDX-License-Identifier: LGPL-2.1-or-later
/* syscage(1)'s reports of the resource limits a launch sets. */
#ifndef CLI_LIMITS_H
#define CLI_LIMITS_H

#include "cli_events.h"
#include "syscage.h"

#include <stdbool.h>
#include <stdint.h>

/* The limits the launch sets, L[N]: one line each under -v, a record in
 * the report; kept (they live as long as the plan) for the end. */
void cli_limits_list(struct cli_events *ce, const struct cage_limit_set *l,
		     size_t n);
/* The target, CMD (safe text), was killed by SIG after CPU_US of CPU
 * time: when one of the limits explains it (SIGXFSZ and fsize; SIGXCPU,
 * or SIGKILL at the hard limit, and cpu), say which, where it was set
 * and how to raise it, on stderr and in the report.  True if one did. */
bool cli_limits_end(struct cli_events *ce, const char *cmd, int sig,
		    uint64_t cpu_us);

#endif
