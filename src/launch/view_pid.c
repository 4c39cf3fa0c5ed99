// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view's PID namespace.  unshare(CLONE_NEWPID) moves only the
 * children: the caller forks pid 1 (which mounts the namespace's /proc)
 * and waits outside; pid 1 forks the target and stays as its init.
 */
#include "launch/view_pid.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* What a waiter passes on to its child when a process sends it. */
static const int forwarded[] = {SIGHUP,	 SIGINT,  SIGQUIT, SIGTERM, SIGUSR1,
				SIGUSR2, SIGALRM, SIGCONT, SIGWINCH};

static void
waited_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(set, forwarded[i]);
}

/* A waiter holds nothing of the target's: not its terminal, not the
 * launch's status socket (whose EOF tells the supervisor exec happened). */
static void
close_all_but(int keep)
{
	if (keep > 0)
		(void)close_range(0, (unsigned)keep - 1, 0);
	(void)close_range((unsigned)keep + 1, ~0U, 0);
}

/* End as the target ended: the same exit code, or the same signal (no
 * core of ours). */
static void __attribute__((noreturn)) end_as(int status)
{
	if (WIFSIGNALED(status)) {
		struct rlimit none = {0, 0};
		int sig = WTERMSIG(status);
		sigset_t set;

		(void)setrlimit(RLIMIT_CORE, &none);
		(void)signal(sig, SIG_DFL);
		(void)sigemptyset(&set);
		(void)sigaddset(&set, sig);
		(void)sigprocmask(SIG_UNBLOCK, &set, NULL);
		(void)raise(sig);
		_exit(128 + sig);
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 125);
}

/* Outside: wait for pid 1; end with the target's status it reports, else
 * with its own (a setup failure it reported to the supervisor itself). */
static void __attribute__((noreturn)) wait_outside(pid_t child, int sock)
{
	sigset_t set;
	siginfo_t si;
	int status, target;

	close_all_but(sock);
	waited_set(&set);
	for (;;) {
		if (sigwaitinfo(&set, &si) < 0)
			continue;
		if (si.si_signo != SIGCHLD) {
			if (si.si_code <= 0) /* sent by a process */
				kill(child, si.si_signo);
			continue;
		}
		pid_t r = waitpid(child, &status, WNOHANG);

		if (r < 0 && errno == ECHILD)
			_exit(125); /* cannot happen: SIGCHLD is not ignored */
		if (r != child)
			continue;
		if (read(sock, &target, sizeof(target)) == sizeof(target))
			end_as(target);
		end_as(status);
	}
}

int
cage_view_pid_enter(const struct cage_view_plan *p, struct cage_view_pid *pid,
		    const char **step)
{
	struct pollfd pf;
	sigset_t set;
	int sv[2];
	pid_t child;

	pid->report = -1;
	if (!(p->ns & CAGE_VIEW_NS_PID))
		return 0;
	*step = "socketpair for the PID namespace's init";
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	/* Blocked before fork: a signal sent meanwhile waits for us.  An
	 * ignored SIGCHLD would reap our children before we could wait. */
	(void)signal(SIGCHLD, SIG_DFL);
	waited_set(&set);
	if (sigprocmask(SIG_BLOCK, &set, &pid->oldmask) < 0) {
		int err = -errno;

		close(sv[0]);
		close(sv[1]);
		return err;
	}
	*step = "fork the PID namespace's init";
	child = fork();
	if (child < 0) {
		int err = -errno;

		close(sv[0]);
		close(sv[1]);
		return err;
	}
	if (child > 0) {
		close(sv[1]);
		wait_outside(child, sv[0]);
	}
	close(sv[0]);
	pid->report = sv[1];
	*step = "PR_SET_PDEATHSIG in the PID namespace's init";
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		return -errno;
	/* The waiter never writes: readable or hung up means it is gone. */
	pf = (struct pollfd){.fd = sv[1], .events = POLLIN};
	if (poll(&pf, 1, 0) != 0)
		return -ESRCH;
	return 0;
}

/* Pid 1: reap everything; when the target ends, report and exit, which
 * kills whatever it left in the namespace. */
static void __attribute__((noreturn)) be_init(pid_t target, int report)
{
	sigset_t set;
	siginfo_t si;
	int status;
	pid_t pid;

	close_all_but(report);
	waited_set(&set);
	for (;;) {
		if (sigwaitinfo(&set, &si) < 0)
			continue;
		if (si.si_signo != SIGCHLD) {
			/* From outside (pid 0 here): the waiter's. */
			if (si.si_code <= 0 && si.si_pid == 0)
				kill(target, si.si_signo);
			continue;
		}
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			if (pid != target)
				continue;
			if (write(report, &status, sizeof(status)) < 0)
				_exit(125);
			_exit(WIFEXITED(status) ? WEXITSTATUS(status)
						: 128 + WTERMSIG(status));
		}
	}
}

int
cage_view_pid_init(const struct cage_view_plan *p, struct cage_view_pid *pid,
		   const char **step)
{
	pid_t child;

	if (!(p->ns & CAGE_VIEW_NS_PID))
		return 0;
	*step = "fork the target in the PID namespace";
	child = fork();
	if (child < 0)
		return -errno;
	if (child > 0)
		be_init(child, pid->report);
	close(pid->report);
	pid->report = -1;
	(void)sigprocmask(SIG_SETMASK, &pid->oldmask, NULL);
	*step = "PR_SET_PDEATHSIG in the PID namespace";
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		return -errno;
	if (getppid() != 1)
		return -ESRCH;
	return 0;
}
