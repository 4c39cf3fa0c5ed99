// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cripple the supervisor, then leave a daemon behind: RLIMIT_NOFILE 0
 * (it can no longer read /proc to find the tree, so --timeout and the
 * sweep of leftovers miss the daemon), RLIMIT_CPU 1 s (SIGXCPU, then
 * SIGKILL), the lowest priority, one CPU, SCHED_IDLE and the idle I/O
 * class, on the supervisor's pid and on each of its threads (the one
 * that answers routed calls starts at the first: sched_yield is made
 * first, for a test policy that denies it).  Meant for a policy that allows
 * everything else: syscage must refuse these whatever the policy says,
 * and still kill the daemon.  Unlike the other probes, what gets through
 * really changes the parent.
 * Usage: supervisor_limits PIDFILE [SECONDS] (the daemon's pid goes to
 * PIDFILE; then the program sleeps SECONDS, for --timeout, and exits).
 */
#include "escape.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_IDLE	   (3 << 13) /* IOPRIO_CLASS_IDLE, level 0 */

/* What is a thread's own: priority, CPUs, scheduling and I/O class. */
static void
cripple_thread(pid_t tid, const char *who)
{
	struct sched_param sp = {0};
	char what[128];
	cpu_set_t set;

	snprintf(what, sizeof(what), "setpriority(PRIO_PROCESS, %s, 19)", who);
	esc_denied(what, setpriority(PRIO_PROCESS, (id_t)tid, 19));
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	snprintf(what, sizeof(what), "sched_setaffinity(%s, CPU 0)", who);
	esc_denied(what, sched_setaffinity(tid, sizeof(set), &set));
	snprintf(what, sizeof(what), "sched_setscheduler(%s, SCHED_IDLE)", who);
	esc_denied(what, sched_setscheduler(tid, SCHED_IDLE, &sp));
	snprintf(what, sizeof(what), "ioprio_set(IOPRIO_WHO_PROCESS, %s, idle)",
		 who);
	esc_denied(what, syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, tid,
				 IOPRIO_IDLE));
}

/* The supervisor's other threads, the answering one given time to start. */
static void
cripple_threads(pid_t pid)
{
	char path[64], who[64];
	struct dirent *e;
	int found = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	for (int i = 0; i < 50 && found < 2; i++) {
		found = 0;
		d = opendir(path);
		if (!d)
			esc_broken(path, errno);
		while ((e = readdir(d)))
			found += e->d_name[0] != '.';
		closedir(d);
		if (found < 2)
			usleep(20 * 1000);
	}
	printf("supervisor %d: %d thread(s)\n", (int)pid, found);
	d = opendir(path);
	if (!d)
		esc_broken(path, errno);
	while ((e = readdir(d))) {
		pid_t tid = (pid_t)atoi(e->d_name);

		if (e->d_name[0] == '.' || tid == pid)
			continue;
		snprintf(who, sizeof(who), "supervisor's thread %d", (int)tid);
		cripple_thread(tid, who);
	}
	closedir(d);
}

static void
cripple(pid_t pid)
{
	struct rlimit none = {0, 0}, one = {1, 1};

	esc_denied("prlimit64(supervisor, RLIMIT_NOFILE, 0)",
		   syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &none, NULL));
	esc_denied("prlimit64(supervisor, RLIMIT_CPU, 1 s)",
		   syscall(SYS_prlimit64, pid, RLIMIT_CPU, &one, NULL));
	cripple_thread(pid, "supervisor");
	cripple_threads(pid);
}

/* A daemon: its own session, its parent gone, its pid in PIDFILE. */
static void
daemonize(const char *pidfile)
{
	int fds[2], status;
	pid_t pid, daemon = 0;

	if (pipe(fds) < 0)
		esc_broken("pipe", errno);
	pid = fork();
	if (pid < 0)
		esc_broken("fork", errno);
	if (pid == 0) {
		close(fds[0]);
		setsid();
		pid = fork();
		if (pid == 0) {
			close(fds[1]);
			for (int fd = 0; fd < 3; fd++)
				close(fd);
			for (;;)
				pause();
		}
		(void)!write(fds[1], &pid, sizeof(pid));
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &daemon, sizeof(daemon)) != sizeof(daemon) ||
	    daemon <= 0)
		esc_broken("the daemon's pid", EIO);
	waitpid(pid, &status, 0);
	FILE *f = fopen(pidfile, "we");
	if (!f || fprintf(f, "%d\n", (int)daemon) < 0 || fclose(f) != 0)
		esc_broken("write PIDFILE", errno);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		esc_broken("usage: PIDFILE [SECONDS]", EINVAL);
	(void)sched_yield(); /* routed to the supervisor where it is denied */
	cripple(getppid());
	daemonize(argv[1]);
	if (argc > 2)
		sleep((unsigned)atoi(argv[2]));
	return esc_finish();
}
