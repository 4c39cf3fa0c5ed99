// SPDX-License-Identifier: LGPL-2.1-or-later
/* Decoding a call for the supervisor's events. */
#ifndef CAGE_REPORT_H
#define CAGE_REPORT_H

#include "policy/policy.h"

/* "name(arg, ...)" with constants by name and strings read from PID. */
void cage_report_call(char *out, size_t size, int pid, const char *name,
		      const uint64_t args[6]);
void cage_report_comm(int pid, char comm[16]);

#endif
