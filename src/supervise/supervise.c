// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The parent: one poll loop over the status socket (did the launch reach
 * exec?), signals (forwarded to the target, or SIGCHLD) and the --timeout
 * timer; once the listener arrives, a thread of its own answers the
 * calls routed to us (listener.c).  Signals the terminal
 * sends reach the target directly (it shares our process group), so only
 * those sent by a process are forwarded, never twice.
 */
#include "supervise/supervise.h"
#include "supervise/record.h"
#include "supervise/learn_trace.h"
#include "supervise/listener.h"
#include "supervise/protocol.h"
#include "supervise/reap.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

static const int forwarded[] = {SIGINT,	 SIGTERM, SIGHUP,  SIGQUIT,
				SIGUSR1, SIGUSR2, SIGWINCH};

static int
fail(struct cage_launch_error *err, const char *step)
{
	snprintf(err->step, sizeof(err->step), "%s", step);
	err->errnum = errno;
	return -err->errnum;
}

int
cage_supervisor_init(struct cage_supervisor *sv, struct cage_launch_error *err)
{
	sigset_t set;

	sv->sock = sv->sigfd = sv->listener = sv->timerfd = sv->endfd = -1;
	err->detail[0] = '\0';
	/* A same-uid target could otherwise read our memory via /proc. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		return fail(err, "prctl(PR_SET_DUMPABLE)");
	/* What the target leaves behind is ours to reap and to kill. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		return fail(err, "prctl(PR_SET_CHILD_SUBREAPER)");
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(&set, forwarded[i]);
	if (sigprocmask(SIG_BLOCK, &set, &sv->oldmask) < 0)
		return fail(err, "sigprocmask");
	sv->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sv->sigfd < 0) {
		fail(err, "signalfd");
		(void)sigprocmask(SIG_SETMASK, &sv->oldmask, NULL);
		return -err->errnum;
	}
	/* A target that takes the terminal's foreground and sets TOSTOP
	 * would stop us with SIGTTOU at our next message, and --timeout
	 * with us: blocked, the write goes through.  After oldmask is
	 * taken, so that the target starts with the caller's mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGTTOU);
	(void)sigprocmask(SIG_BLOCK, &set, NULL);
	return 0;
}

void
cage_supervisor_fini(struct cage_supervisor *sv)
{
	struct signalfd_siginfo si;

	if (sv->sock >= 0)
		close(sv->sock);
	if (sv->timerfd >= 0)
		close(sv->timerfd);
	if (sv->endfd >= 0)
		close(sv->endfd);
	if (sv->sigfd >= 0) {
		/* Drain what arrived for the target, so that unblocking
		 * does not deliver it to us. */
		while (read(sv->sigfd, &si, sizeof(si)) == sizeof(si))
			;
		close(sv->sigfd);
		(void)sigprocmask(SIG_SETMASK, &sv->oldmask, NULL);
	}
	sv->sock = sv->sigfd = sv->timerfd = sv->endfd = -1;
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

/* One message from the child; the listener fd travels with its own. */
static int
read_status(struct cage_supervisor *sv, struct cage_launch_msg *msg,
	    const struct cage_launch_opts *o)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct cage_launch_msg m;
	struct iovec iov = {&m, sizeof(m)};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u)};
	struct cmsghdr *cm;
	ssize_t n = recvmsg(sv->sock, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);

	/* The child's end closed with our word to it unread (it failed
	 * before it read it): said once, before what it sent us. */
	if (n < 0 && errno == ECONNRESET)
		n = recvmsg(sv->sock, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	if (n == 0) {
		close(sv->sock);
		sv->sock = -1;
		sv->exec_done = true;
		return 0;
	}
	cm = CMSG_FIRSTHDR(&mh);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&sv->listener, CMSG_DATA(cm), sizeof(int));
	if (n != sizeof(m))
		return 0;
	m.step[sizeof(m.step) - 1] = '\0';
	if (m.type == CAGE_MSG_ERROR && !msg->type)
		*msg = m;
	if (m.type == CAGE_MSG_NO_LISTENER && o->on_event) {
		struct cage_event ev = {.kind = CAGE_EVENT_NO_LISTENER,
					.errnum = m.errnum};

		o->on_event(&ev, o->event_ctx);
	}
	return 0;
}

static void
forward_signals(struct cage_supervisor *sv)
{
	struct signalfd_siginfo si;

	while (read(sv->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			continue;
		/* SI_USER, SI_QUEUE, SI_TKILL: sent by a process. */
		if (si.ssi_code <= 0)
			kill(sv->child, (int)si.ssi_signo);
	}
}

/* Reap whatever exited: the target, or orphans reparented to us. */
static void
reap(struct cage_supervisor *sv)
{
	struct rusage ru;
	int wstatus;
	pid_t r;

	/* wait4: its usage is the report's when a cpu limit killed it. */
	while ((r = wait4(-1, &wstatus, WNOHANG | __WALL, &ru)) > 0) {
		if (r == sv->child && !sv->ended_early) {
			sv->status = wstatus;
			sv->exited = true;
			sv->cpu_us = (uint64_t)(ru.ru_utime.tv_sec +
						ru.ru_stime.tv_sec) *
					     1000000 +
				     (uint64_t)(ru.ru_utime.tv_usec +
						ru.ru_stime.tv_usec);
		}
	}
}

/* The waiter's word that the target ended: as good as its exit.  Its
 * end without a word (a failure before the view) leaves the reap to
 * SIGCHLD. */
static void
read_end(struct cage_supervisor *sv)
{
	struct cage_end_msg m;
	ssize_t n = recv(sv->endfd, &m, sizeof(m), MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == (ssize_t)sizeof(m) && !sv->exited) {
		sv->status = m.wstatus;
		sv->cpu_us = m.cpu_us;
		sv->exited = true;
		sv->ended_early = true;
	}
	close(sv->endfd);
	sv->endfd = -1;
}

static int
arm_timeout(struct cage_supervisor *sv, unsigned seconds)
{
	struct itimerspec its = {.it_value = {.tv_sec = seconds}};

	sv->timerfd =
		timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (sv->timerfd < 0 || timerfd_settime(sv->timerfd, 0, &its, NULL) < 0)
		return -errno;
	return 0;
}

static int
final_status(const struct cage_supervisor *sv, const struct cage_launch_msg *m,
	     struct cage_launch_error *err)
{
	if (m->type) {
		snprintf(err->step, sizeof(err->step), "%s", m->step);
		err->errnum = m->errnum;
		return m->status;
	}
	if (sv->timed_out)
		return CAGE_EXIT_TIMEOUT;
	if (sv->killed && WIFSIGNALED(sv->status) &&
	    WTERMSIG(sv->status) == SIGKILL)
		return CAGE_EXIT_POLICY_KILL;
	return cage_exit_status(sv->status);
}

/* One round of the loop: wait for anything, handle what is ready. */
static int
poll_once(struct cage_supervisor *sv, struct cage_listener *n,
	  const struct cage_launch_opts *o, struct cage_launch_msg *msg)
{
	/* The listener until the first routed call starts the thread that
	 * answers (most short runs route none); then the thread's failure. */
	struct pollfd p[5 + CAGE_TRACE_MAX_CPUS] = {
		{sv->sigfd, POLLIN, 0},
		{sv->sock, POLLIN, 0},
		{n->running ? n->efd : n->fd, POLLIN, 0},
		{sv->timerfd, POLLIN, 0},
		{sv->endfd, POLLIN, 0}};
	size_t np = 5, traced = 0;
	int err = 0;

	for (size_t i = 0; sv->trace && i < sv->trace->ncpus; i++, np++)
		p[np] = (struct pollfd){sv->trace->fds[i], POLLIN, 0};
	if (poll(p, np, -1) < 0)
		return errno == EINTR ? 0 : -errno;
	for (size_t i = 5; i < np; i++)
		traced |= p[i].revents;
	if (traced)
		cage_trace_drain(sv->trace, o->learned);
	if (p[1].revents)
		err = read_status(sv, msg, o);
	if (!err && sv->listener >= 0) {
		err = cage_listener_init(n, sv->listener);
		sv->listener = -1; /* n owns it now */
	}
	if (!err && p[2].revents && n->running)
		err = n->err ? n->err : -EIO; /* the answering thread failed */
	else if (!err && (p[2].revents & POLLIN))
		err = cage_listener_start(n, sv, o);
	else if (!err && p[2].revents)
		cage_listener_fini(n); /* every filtered process is gone */
	if (p[3].revents) {
		sv->timed_out = true;
		cage_reap_kill_tree(sv->child);
		close(sv->timerfd);
		sv->timerfd = -1;
	}
	if (p[0].revents) {
		forward_signals(sv);
		reap(sv);
	}
	if (p[4].revents)
		read_end(sv);
	return err;
}

int
cage_supervise(struct cage_supervisor *sv, const struct cage_launch_opts *o,
	       int *status, struct cage_launch_error *err)
{
	struct cage_launch_msg msg;
	struct cage_listener n = {.fd = -1, .efd = -1};
	int r = 0;

	memset(&msg, 0, sizeof(msg));
	if (o->timeout && arm_timeout(sv, o->timeout) < 0) {
		r = fail(err, "timerfd_create");
		cage_reap_kill_tree(sv->child);
	}
	while (!sv->exited && !r)
		r = poll_once(sv, &n, o, &msg);
	/* A failure report may still wait behind the exit. */
	while (!r && sv->sock >= 0 && !msg.type) {
		int had = sv->sock;

		r = read_status(sv, &msg, o);
		if (sv->sock == had && !msg.type)
			break;
	}
	if (r)
		cage_reap_kill_tree(sv->child);
	if (sv->ended_early && !o->exit_after)
		while (waitpid(sv->child, NULL, __WALL) < 0 && errno == EINTR)
			;
	/* Told by the PID namespace's init, the namespace is empty: every
	 * process of the target's was in it (orphans go to that init, not
	 * to us), and the waiter, our one child, exits on its own. */
	if (!sv->ended_early && (o->reap == CAGE_REAP_ALWAYS ||
				 (r && o->reap == CAGE_REAP_ON_ERROR)))
		cage_reap_orphans();
	cage_listener_fini(&n); /* joins the answering thread */
	if (sv->trace) {
		cage_trace_drain(sv->trace, o->learned);
		cage_learned_note_lost(o->learned, sv->trace->lost);
		cage_trace_close(sv->trace);
	}
	*status = r ? CAGE_EXIT_SETUP : final_status(sv, &msg, err);
	return r;
}
