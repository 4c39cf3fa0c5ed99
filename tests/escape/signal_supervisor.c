// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Signals out of the sandbox: to syscage's supervisor (killing it ends
 * --timeout and the reaping of leftovers) and to a sibling process of
 * the same user.  Signal 0 is sent: it makes the same permission check
 * as SIGKILL and harms nothing.  (kill -1 cannot be judged this way: it
 * returns 0 even when every process refused.)
 */
#include "escape.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void
try_signals(pid_t pid, const char *who)
{
	char what[128];
	siginfo_t si;
	long pidfd;

	snprintf(what, sizeof(what), "kill(%s, 0)", who);
	esc_denied(what, kill(pid, 0));
	snprintf(what, sizeof(what), "tgkill(%s, %s, 0)", who, who);
	esc_denied(what, syscall(SYS_tgkill, pid, pid, 0));
	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	snprintf(what, sizeof(what), "rt_sigqueueinfo(%s, 0)", who);
	esc_denied(what, syscall(SYS_rt_sigqueueinfo, pid, 0, &si));
	snprintf(what, sizeof(what), "pidfd_send_signal(%s, 0)", who);
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		esc_blocked(what, "no pidfd: pidfd_open said %s",
			    esc_errname(errno));
	else
		esc_denied(what,
			   syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0));
}

int
main(int argc, char **argv)
{
	pid_t sibling = esc_arg_pid(argc, argv);

	try_signals(getppid(), "supervisor");
	if (sibling <= 0)
		esc_broken("usage: SIBLING-PID", EINVAL);
	try_signals(sibling, "sibling");
	return esc_finish();
}
