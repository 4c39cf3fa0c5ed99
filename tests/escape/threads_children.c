// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The filter covers every thread and every child: each checks its own
 * Seccomp mode and makes a denied call (unshare of a user namespace),
 * a thread, a forked child, and a child that execs this program again.
 */
#include "escape.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void
check_here(const char *who)
{
	char what[128];
	long long mode =
		esc_status_field("/proc/thread-self/status", "Seccomp", 10);

	snprintf(what, sizeof(what), "%s: seccomp mode", who);
	if (mode == 2)
		esc_blocked(what, "Seccomp 2, filtered");
	else
		esc_escaped(what, "Seccomp %lld", mode);
	snprintf(what, sizeof(what), "%s: unshare(CLONE_NEWUSER)", who);
	esc_denied(what, syscall(SYS_unshare, CLONE_NEWUSER));
}

static void *
thread_main(void *arg)
{
	check_here(arg);
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t t;
	pid_t pid;
	int status, r;

	if (argc > 1 && !strcmp(argv[1], "--exec")) {
		check_here("exec'd child");
		return esc_finish();
	}
	check_here("main thread");
	r = pthread_create(&t, NULL, thread_main, "thread");
	if (r)
		esc_broken("pthread_create", r);
	pthread_join(t, NULL);
	pid = fork();
	if (pid == 0) {
		check_here("forked child");
		_exit(esc_finish());
	}
	if (pid < 0) {
		esc_blocked("fork", "%s: no child to check",
			    esc_errname(errno));
		return esc_finish();
	}
	waitpid(pid, &status, 0);
	esc_child_status("forked child", status);
	pid = fork();
	if (pid == 0) {
		execve("/proc/self/exe",
		       (char *[]){"threads_children", "--exec", NULL}, environ);
		_exit(3);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid)
		esc_child_status("exec'd child", status);
	return esc_finish();
}
