// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * clone3 and openat2 keep their flags in memory seccomp cannot read, so
 * they must fail with ENOSYS, never run; glibc must then fall back to
 * clone and openat (pthread_create, posix_spawn, fopen still work).
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void *
thread_main(void *arg)
{
	return arg;
}

static void
try_clone3(uint64_t flags, const char *what)
{
	struct clone_args ca;
	long pid;
	int status;

	memset(&ca, 0, sizeof(ca));
	ca.flags = flags;
	ca.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		syscall(SYS_exit_group, 0);
	if (pid > 0)
		waitpid((pid_t)pid, &status, 0);
	esc_expect(what, pid, ENOSYS, 0);
}

int
main(void)
{
	struct open_how how;
	pthread_t t;
	pid_t pid;
	int r, status;
	FILE *f;

	try_clone3(0, "clone3(0)");
	try_clone3(CLONE_NEWUSER, "clone3(CLONE_NEWUSER)");
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC;
	esc_expect("openat2(/etc/hostname)",
		   syscall(SYS_openat2, AT_FDCWD, "/etc/hostname", &how,
			   sizeof(how)),
		   ENOSYS, 0);
	how.flags = O_WRONLY | O_CREAT | O_CLOEXEC;
	how.mode = 0600;
	esc_expect("openat2(O_CREAT)",
		   syscall(SYS_openat2, AT_FDCWD, "/nonexistent/x", &how,
			   sizeof(how)),
		   ENOSYS, 0);

	/* glibc's fallbacks after ENOSYS. */
	r = pthread_create(&t, NULL, thread_main, NULL);
	if (!r)
		pthread_join(t, NULL);
	esc_works("pthread_create after clone3's ENOSYS", r == 0, "%s",
		  r ? esc_errname(r) : "fell back to clone");
	f = fopen("/etc/hostname", "re");
	esc_works("fopen after openat2's ENOSYS", f != NULL, "%s",
		  f ? "openat" : esc_errname(errno));
	if (f)
		fclose(f);
	r = posix_spawn(&pid, "/bin/true", NULL, NULL, (char *[]){"true", NULL},
			environ);
	if (r == EPERM || r == EACCES) {
		/* A policy without new processes (stdio) refuses the
		 * fallback itself: what matters is that it is not ENOSYS. */
		esc_works("posix_spawn after clone3's ENOSYS", true,
			  "the policy refuses new processes: %s",
			  esc_errname(r));
	} else {
		if (!r)
			waitpid(pid, &status, 0);
		esc_works("posix_spawn after clone3's ENOSYS", r == 0, "%s",
			  r ? esc_errname(r) : "fell back to clone");
	}
	return esc_finish();
}
