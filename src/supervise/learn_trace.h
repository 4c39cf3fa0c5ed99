// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn by tracing: the kernel's raw_syscalls:sys_enter tracepoint,
 * read through perf ring buffers, records every call the target and its
 * descendants make without stopping them, where the kernel lets us (root,
 * or perf_event_paranoid -1).  Otherwise the supervisor sees each call
 * through the listener, a round trip per call.
 */
#ifndef CAGE_LEARN_TRACE_H
#define CAGE_LEARN_TRACE_H

#include "syscage.h"

#include <stdint.h>
#include <sys/types.h>

#define CAGE_TRACE_MAX_CPUS 256

struct cage_trace {
	int fds[CAGE_TRACE_MAX_CPUS]; /* one event per CPU, or -1 */
	void *rings[CAGE_TRACE_MAX_CPUS];
	size_t ncpus;
	uint64_t lost; /* calls the buffers had no room for */
};

/* Whether tracing is possible, and how, or why not. */
struct cage_trace_probe {
	int id;	       /* raw_syscalls:sys_enter's tracepoint id, or -errno */
	int err;       /* 0: this process may trace another's calls */
	char how[192]; /* where the id came from; or why tracing is out */
};

/*
 * 0 if this process may trace another's system calls, else -errno; P says
 * how or why not.  As root without a mounted tracefs, a short-lived child
 * reads the id from tracefs mounted in a mount namespace of its own.
 */
int cage_trace_probe(struct cage_trace_probe *p);
/* cage_trace_probe, for a yes or no. */
int cage_trace_available(void);
/* Trace PID and what it forks, from its next execve on (ID: the probe's). */
int cage_trace_open(struct cage_trace *t, int id, pid_t pid);
/* Record what the buffers hold into L. */
void cage_trace_drain(struct cage_trace *t, struct cage_learned *l);
void cage_trace_close(struct cage_trace *t);

#endif
