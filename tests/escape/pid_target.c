// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Calls that change another process by its pid: limits, priority, CPUs,
 * scheduling class, I/O class, memory placement.  The kernel checks only
 * uids for most of them, so a target reaches syscage's supervisor, every
 * process of its uid and, as root, every root process (pid 1 included).
 * Each is made with the victim's current value read first, so that one
 * that gets through changes nothing; the group and user forms aim at an
 * id no process has, and count when the policy lets them reach the kernel
 * (ESRCH) rather than refusing them (EPERM).
 * Usage: pid_target PID... (the supervisor, getppid(), is always tried).
 */
#include "escape.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define UNUSED_ID	   0x7ffffff0 /* no process group or user has it */
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP	   2
#define IOPRIO_WHO_USER	   3

struct sched_attr_v0 {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
};

/* A limit of PID as /proc/PID/limits shows it (readable by anyone). */
static int
read_limit(pid_t pid, const char *label, struct rlimit *rl)
{
	char path[64], line[256], soft[32], hard[32];
	size_t n = strlen(label);
	int found = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/limits", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f)) {
		if (strncmp(line, label, n) ||
		    sscanf(line + n, "%31s %31s", soft, hard) != 2)
			continue;
		rl->rlim_cur = strcmp(soft, "unlimited")
				       ? strtoull(soft, NULL, 10)
				       : RLIM_INFINITY;
		rl->rlim_max = strcmp(hard, "unlimited")
				       ? strtoull(hard, NULL, 10)
				       : RLIM_INFINITY;
		found = 0;
	}
	fclose(f);
	return found;
}

static void
try_prlimit(pid_t pid, const char *who, int res, const char *label)
{
	char what[128];
	struct rlimit rl;

	snprintf(what, sizeof(what), "prlimit64(%s, %s)", who, label);
	if (read_limit(pid, label, &rl) < 0)
		esc_broken(what, errno ? errno : EINVAL);
	esc_denied(what, syscall(SYS_prlimit64, pid, res, &rl, NULL));
}

static void
try_priority(pid_t pid, const char *who)
{
	char what[128];
	int prio;

	snprintf(what, sizeof(what), "setpriority(PRIO_PROCESS, %s)", who);
	errno = 0;
	prio = getpriority(PRIO_PROCESS, (id_t)pid);
	if (prio == -1 && errno)
		esc_broken("getpriority", errno);
	esc_denied(what, setpriority(PRIO_PROCESS, (id_t)pid, prio));
}

static void
try_sched(pid_t pid, const char *who)
{
	struct sched_attr_v0 attr = {.size = sizeof(attr)};
	struct sched_param sp = {0};
	char what[128];
	cpu_set_t set;
	int policy;

	snprintf(what, sizeof(what), "sched_setaffinity(%s)", who);
	if (sched_getaffinity(pid, sizeof(set), &set) < 0) {
		/* Not every policy lets it read: the whole machine then. */
		CPU_ZERO(&set);
		for (long i = 0; i < sysconf(_SC_NPROCESSORS_CONF); i++)
			CPU_SET((size_t)i, &set);
	}
	esc_denied(what, sched_setaffinity(pid, sizeof(set), &set));
	/* Read where the policy allows; the default class elsewhere, which
	 * is what the processes aimed at here have. */
	policy = sched_getscheduler(pid);
	if (policy < 0 || sched_getparam(pid, &sp) < 0) {
		policy = SCHED_OTHER;
		sp.sched_priority = 0;
	}
	snprintf(what, sizeof(what), "sched_setscheduler(%s)", who);
	esc_denied(what, sched_setscheduler(pid, policy, &sp));
	snprintf(what, sizeof(what), "sched_setparam(%s)", who);
	esc_denied(what, sched_setparam(pid, &sp));
	if (syscall(SYS_sched_getattr, pid, &attr, sizeof(attr), 0) < 0) {
		errno = 0;
		attr.policy = (uint32_t)policy;
		attr.nice = getpriority(PRIO_PROCESS, (id_t)pid);
		attr.priority = (uint32_t)sp.sched_priority;
	}
	attr.size = sizeof(attr);
	snprintf(what, sizeof(what), "sched_setattr(%s)", who);
	esc_denied(what, syscall(SYS_sched_setattr, pid, &attr, 0));
}

static void
try_ioprio(pid_t pid, const char *who)
{
	char what[128];
	long prio = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, pid);

	if (prio < 0)
		prio = 0; /* IOPRIO_CLASS_NONE, what the processes here have */
	snprintf(what, sizeof(what), "ioprio_set(IOPRIO_WHO_PROCESS, %s)", who);
	esc_denied(what,
		   syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, pid, prio));
}

/* Memory placement: node 0 to node 0, no pages, advice on no bytes. */
static void
try_memory(pid_t pid, const char *who)
{
	unsigned long nodes = 1;
	struct iovec iov = {NULL, 0};
	char what[128];
	long pidfd;

	snprintf(what, sizeof(what), "migrate_pages(%s)", who);
	esc_denied(what, syscall(SYS_migrate_pages, pid, 8 * sizeof(nodes),
				 &nodes, &nodes));
	snprintf(what, sizeof(what), "move_pages(%s)", who);
	esc_denied(what,
		   syscall(SYS_move_pages, pid, 0UL, NULL, NULL, NULL, 0));
	snprintf(what, sizeof(what), "process_madvise(%s)", who);
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0) {
		esc_blocked(what, "no pidfd: pidfd_open said %s",
			    esc_errname(errno));
		return;
	}
	esc_denied(what, syscall(SYS_process_madvise, pidfd, &iov, 1UL,
				 MADV_COLD, 0U));
	close((int)pidfd);
}

static void
try_pid(pid_t pid, const char *who)
{
	try_prlimit(pid, who, RLIMIT_CPU, "Max cpu time");
	try_prlimit(pid, who, RLIMIT_NOFILE, "Max open files");
	try_priority(pid, who);
	try_sched(pid, who);
	try_ioprio(pid, who);
	try_memory(pid, who);
}

/* A process group or a user: ESRCH means the policy let it through. */
static void
try_groups(void)
{
	esc_expect("setpriority(PRIO_PGRP, unused group) reached the kernel",
		   setpriority(PRIO_PGRP, UNUSED_ID, 0), EPERM, EACCES, 0);
	esc_expect("setpriority(PRIO_USER, unused uid) reached the kernel",
		   setpriority(PRIO_USER, UNUSED_ID, 0), EPERM, EACCES, 0);
	esc_expect("ioprio_set(IOPRIO_WHO_PGRP, unused group) reached the "
		   "kernel",
		   syscall(SYS_ioprio_set, IOPRIO_WHO_PGRP, UNUSED_ID, 0),
		   EPERM, EACCES, 0);
	esc_expect("ioprio_set(IOPRIO_WHO_USER, unused uid) reached the "
		   "kernel",
		   syscall(SYS_ioprio_set, IOPRIO_WHO_USER, UNUSED_ID, 0),
		   EPERM, EACCES, 0);
}

int
main(int argc, char **argv)
{
	char who[64];

	if (argc < 2)
		esc_broken("usage: PID...", EINVAL);
	try_pid(getppid(), "supervisor");
	for (int i = 1; i < argc; i++) {
		snprintf(who, sizeof(who), "pid %s", argv[i]);
		/* A private PID namespace (SPEC 4.5): no such process here,
		 * nothing of it to read or change. */
		if (kill((pid_t)atoi(argv[i]), 0) < 0 && errno == ESRCH) {
			esc_blocked(who, "no such process in this view: ESRCH");
			continue;
		}
		try_pid((pid_t)atoi(argv[i]), who);
	}
	try_groups();
	return esc_finish();
}
