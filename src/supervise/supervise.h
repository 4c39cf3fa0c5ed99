// SPDX-License-Identifier: LGPL-2.1-or-later
/* The parent while the target runs: launch.c forks, then hands over here. */
#ifndef CAGE_SUPERVISE_H
#define CAGE_SUPERVISE_H

#include "syscage.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct cage_trace;
struct cage_fs_check;

struct cage_supervisor {
	pid_t child;
	struct cage_trace *trace; /* --learn by tracing, or NULL */
	/* Paths to check and name when refused (fs_check.h), or NULL. */
	const struct cage_fs_check *fscheck;
	int sock;	  /* parent end of the status socket */
	int sigfd;	  /* signalfd: SIGCHLD and the signals we forward */
	int listener;	  /* seccomp user notification, until handed on */
	int timerfd;	  /* --timeout, or -1 */
	int endfd;	  /* the waiter's end message (protocol.h), or -1 */
	bool ended_early; /* the target's end came as that message */
	sigset_t oldmask;
	bool exec_done; /* the status socket reached EOF */
	bool killed;	/* the policy killed the target */
	bool timed_out;
	bool exited; /* the target was reaped; status is its */
	int status;
	uint64_t cpu_us; /* the target's CPU time, once reaped */
};

int cage_supervisor_init(struct cage_supervisor *sv,
			 struct cage_launch_error *err);
void cage_supervisor_fini(struct cage_supervisor *sv);
/* Wait for the launch to succeed or fail, then for the target. */
int cage_supervise(struct cage_supervisor *sv, const struct cage_launch_opts *o,
		   int *status, struct cage_launch_error *err);
/* A wait status as syscage(1)'s exit status. */
int cage_exit_status(int wstatus);

#endif
