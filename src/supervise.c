// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The parent: learns whether the launch reached exec, then waits for the
 * target, passing on the signals sent to syscage.  Signals the terminal
 * sends reach the target directly (it shares our process group), so only
 * those sent by a process are forwarded, never twice.
 */
#include "launch.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const int forwarded[] = {SIGINT,	 SIGTERM, SIGHUP,  SIGQUIT,
				SIGUSR1, SIGUSR2, SIGWINCH};

int
cage_supervisor_init(struct cage_supervisor *sv, struct cage_launch_error *err)
{
	sigset_t set;

	sv->sock = -1;
	sv->sigfd = -1;
	err->detail[0] = '\0';
	/* A same-uid target could otherwise read our memory via /proc. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		snprintf(err->step, sizeof(err->step), "%s",
			 "prctl(PR_SET_DUMPABLE)");
		err->errnum = errno;
		return -err->errnum;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(&set, forwarded[i]);
	if (sigprocmask(SIG_BLOCK, &set, &sv->oldmask) < 0) {
		snprintf(err->step, sizeof(err->step), "%s", "sigprocmask");
		err->errnum = errno;
		return -err->errnum;
	}
	sv->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sv->sigfd < 0) {
		snprintf(err->step, sizeof(err->step), "%s", "signalfd");
		err->errnum = errno;
		sigprocmask(SIG_SETMASK, &sv->oldmask, NULL);
		return -err->errnum;
	}
	return 0;
}

void
cage_supervisor_fini(struct cage_supervisor *sv)
{
	struct signalfd_siginfo si;

	if (sv->sock >= 0)
		close(sv->sock);
	if (sv->sigfd >= 0) {
		/* Drain what arrived for the target, so that unblocking
		 * does not deliver it to us. */
		while (read(sv->sigfd, &si, sizeof(si)) == sizeof(si))
			;
		close(sv->sigfd);
		sigprocmask(SIG_SETMASK, &sv->oldmask, NULL);
	}
	sv->sock = sv->sigfd = -1;
}

int
cage_exit_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus)) {
		if (WTERMSIG(wstatus) == SIGSYS)
			return CAGE_EXIT_POLICY_KILL;
		return 128 + WTERMSIG(wstatus);
	}
	return CAGE_EXIT_SETUP;
}

static int
wait_child(pid_t pid, int flags, int *wstatus)
{
	pid_t r;

	do
		r = waitpid(pid, wstatus, flags);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : (int)r;
}

/* Until EOF: the child either failed and said so, or exec'd. */
static int
await_exec(struct cage_supervisor *sv, struct cage_launch_error *err,
	   struct cage_launch_msg *msg)
{
	ssize_t n;

	memset(msg, 0, sizeof(*msg));
	for (;;) {
		struct cage_launch_msg m;

		n = recv(sv->sock, &m, sizeof(m), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err->step, sizeof(err->step), "%s", "recv");
			err->errnum = errno;
			return -errno;
		}
		if (n == 0)
			return 0;
		if (n == sizeof(m) && m.type == CAGE_MSG_ERROR && !msg->type) {
			m.step[sizeof(m.step) - 1] = '\0';
			*msg = m;
		}
	}
}

static int
forward_or_reap(struct cage_supervisor *sv, int *status)
{
	struct signalfd_siginfo si;
	int wstatus, r;

	while (read(sv->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			continue;
		/* SI_USER, SI_QUEUE, SI_TKILL: sent by a process. */
		if (si.ssi_code <= 0)
			kill(sv->child, (int)si.ssi_signo);
	}
	r = wait_child(sv->child, WNOHANG, &wstatus);
	if (r < 0)
		return r;
	if (r == sv->child) {
		*status = cage_exit_status(wstatus);
		return 1;
	}
	return 0;
}

int
cage_supervise(struct cage_supervisor *sv, const struct cage_launch_opts *o,
	       int *status, struct cage_launch_error *err)
{
	struct cage_launch_msg msg;
	struct pollfd pfd = {.fd = sv->sigfd, .events = POLLIN};
	int wstatus, r;

	(void)o;
	r = await_exec(sv, err, &msg);
	if (r < 0 || msg.type) {
		if (wait_child(sv->child, 0, &wstatus) < 0)
			wstatus = 0;
		if (msg.type) {
			snprintf(err->step, sizeof(err->step), "%s", msg.step);
			err->errnum = msg.errnum;
		}
		*status = msg.type ? msg.status : CAGE_EXIT_SETUP;
		return r < 0 ? r : 0;
	}
	for (;;) {
		r = forward_or_reap(sv, status);
		if (r)
			return r < 0 ? r : 0;
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			return -errno;
	}
}
