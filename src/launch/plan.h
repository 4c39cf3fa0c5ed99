// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The launch plan: everything the child needs, computed before fork, so
 * that the child only applies it (launch.c), each step taking its slice.
 */
#ifndef CAGE_PLAN_H
#define CAGE_PLAN_H

#include "compile/filter.h"
#include "compile/guard.h"
#include "launch/environ.h"
#include "launch/landlock.h"
#include "launch/rlimits.h"
#include "launch/view.h"
#include "policy/fs_path.h"
#include "supervise/fs_check.h"
#include "supervise/learn_trace.h"
#include "syscage.h"

#include <limits.h>
#include <linux/filter.h>
#include <stdbool.h>
#include <stdint.h>

struct cage_guarded;
struct cage_launch_run;

struct cage_plan {
	/* The caller's options; the supervisor (supervise.c) reads them. */
	struct cage_launch_opts opts;
	/* The policies' kernel filters, one per policy, in load order; all
	 * NULL when a listener will do and none is up the chain. */
	struct cage_filter **filters;
	size_t nfilters;
	struct cage_vars vars; /* fs paths' variables ("": none) */
	char path[PATH_MAX];   /* argv[0] found in PATH */
	char **target_env;     /* the target's environment */
	struct cage_env_dropped env_dropped; /* what 'env clear' removed */
	uint64_t caps_keep; /* the policies' and the caller's */
	struct cage_rlimits limits;
	struct cage_landlock_layers landlock;
	struct cage_view_plan *view; /* the private view, or NULL */
	struct cage_guard guard;     /* guard.c: loaded first, always */
	/* Supervised: the listener filter, or (TRACED) --learn by tracing's
	 * filter, without one; len 0: none. */
	struct sock_fprog supervised;
	bool traced;
	struct cage_trace_probe probe;
	/* Loaded once the listener is handed over: takes back the filter's
	 * exception for sendmsg on the status socket (len 0: none made). */
	struct sock_fprog closing;
	/* What the fs layers refuse, named by the supervisor (fs_report),
	 * or NULL. */
	struct cage_fs_check *fscheck;
	bool share_memory;   /* the child may share our memory until exec */
	int socks[2];	     /* the status socket: parent end, child end */
	bool used;	     /* a launch took the socket */
	int end_signal;	     /* the signal that killed the target, or 0 */
	uint64_t end_cpu_us; /* its CPU time, and its waited children's */
	/* A launch step found to fail while planning: cage_launch reports
	 * it as that step (step "" if none). */
	struct cage_launch_error fail;
	int fail_status;
	/* opts.defer_fs_check: the guard kept for cage_plan_check (NULL once
	 * it ran), and its verdict, which cage_launch waits for. */
	struct cage_guarded *pending_guard;
	int check_err;
	/* cage_launch_start's child and supervisor, until cage_launch, and
	 * how cage_plan_free ends them (launch.c's cage_launch_abort). */
	struct cage_launch_run *run;
	void (*abort_run)(struct cage_plan *p);
};

#endif
