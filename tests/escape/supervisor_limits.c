// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cripple the supervisor, then leave a daemon behind: RLIMIT_NOFILE 0
 * (it can no longer read /proc to find the tree, so --timeout and the
 * sweep of leftovers miss the daemon), RLIMIT_CPU 1 s (SIGXCPU, then
 * SIGKILL), the lowest priority, one CPU, SCHED_IDLE and the idle I/O
 * class.  Meant for a policy that allows everything: syscage must refuse
 * these whatever the policy says, and still kill the daemon.  Unlike the
 * other probes, what gets through really changes the parent.
 * Usage: supervisor_limits PIDFILE [SECONDS] (the daemon's pid goes to
 * PIDFILE; then the program sleeps SECONDS, for --timeout, and exits).
 */
#include "escape.h"

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

static void
cripple(pid_t pid)
{
	struct rlimit none = {0, 0}, one = {1, 1};
	struct sched_param sp = {0};
	cpu_set_t set;

	esc_denied("prlimit64(supervisor, RLIMIT_NOFILE, 0)",
		   syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &none, NULL));
	esc_denied("prlimit64(supervisor, RLIMIT_CPU, 1 s)",
		   syscall(SYS_prlimit64, pid, RLIMIT_CPU, &one, NULL));
	esc_denied("setpriority(PRIO_PROCESS, supervisor, 19)",
		   setpriority(PRIO_PROCESS, (id_t)pid, 19));
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	esc_denied("sched_setaffinity(supervisor, CPU 0)",
		   sched_setaffinity(pid, sizeof(set), &set));
	esc_denied("sched_setscheduler(supervisor, SCHED_IDLE)",
		   sched_setscheduler(pid, SCHED_IDLE, &sp));
	esc_denied(
		"ioprio_set(IOPRIO_WHO_PROCESS, supervisor, idle)",
		syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, pid, IOPRIO_IDLE));
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
	cripple(getppid());
	daemonize(argv[1]);
	if (argc > 2)
		sleep((unsigned)atoi(argv[2]));
	return esc_finish();
}
