// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The child's steps before its filters, in launch.c's order: from its
 * tie to the parent to the private view and the verdict it waits for.
 */
#include "launch/child.h"
#include "launch/launch.h"
#include "launch/view.h"
#include "launch/view_mount.h"
#include "launch/view_pid.h"
#include "supervise/protocol.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Report a failed step to the parent and end the child without exec.
 * This also runs after filters are loaded, so it makes raw system calls
 * only: no stdio, no allocation, nothing a sanitizer runtime intercepts.
 * write, not send: under a policy, write is the call surest to be allowed;
 * if even it is refused, the exit status still says exec never happened.
 */
void __attribute__((noreturn)) NO_SANITIZE
cage_child_fail(const struct child *c, const char *step, int err, int status)
{
	struct cage_launch_msg m = {.type = CAGE_MSG_ERROR, .errnum = -err};
	size_t i;

	for (i = 0; step[i] && i + 1 < sizeof(m.step); i++)
		m.step[i] = step[i];
	m.step[i] = '\0';
	m.status = status;
	syscall(SYS_write, c->sock, &m, sizeof(m));
	syscall(SYS_exit_group, status);
	syscall(SYS_exit, status);
	__builtin_trap(); /* a policy that refuses to let us exit */
}

/* The target dies with us, and must not outlive a parent already gone. */
int
cage_child_tie_to_parent(const struct child *c)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		return -errno;
	if (getppid() != c->parent)
		return -ESRCH;
	return 0;
}

/* --learn by tracing: the parent's go (0) once its perf events hold us,
 * or why they cannot (-errno). */
int
cage_child_wait_for_tracer(const struct child *c)
{
	int go = -ECANCELED;
	ssize_t n;

	do
		n = read(c->sock, &go, sizeof(go));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n == sizeof(go) && go <= 0 ? go : -ECANCELED;
}

int
cage_child_restore_signals(const struct child *c)
{
	struct sigaction sa;

	if (sigprocmask(SIG_SETMASK, c->sigmask, NULL) < 0)
		return -errno;
	/* A caught SIGILL is reset by execve anyway; until then, the trap
	 * of handover_failed must end us, not run the caller's handler. */
	if (sigaction(SIGILL, NULL, &sa) < 0)
		return -errno;
	if (sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN &&
	    signal(SIGILL, SIG_DFL) == SIG_ERR)
		return -errno;
	return 0;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Close every fd above 2 but the status socket and the kept ones. */
int
cage_child_close_fds(const struct child *c)
{
	const struct cage_launch_opts *o = &c->plan->opts;
	int keep[CAGE_MAX_KEEP_FDS + 2];
	size_t n = 0;
	unsigned lo = 3;

	if (o->nkeep_fds > CAGE_MAX_KEEP_FDS)
		return -E2BIG;
	for (size_t i = 0; i < o->nkeep_fds; i++) {
		if (fcntl(o->keep_fds[i], F_SETFD, 0) < 0)
			return -errno;
		keep[n++] = o->keep_fds[i];
	}
	keep[n++] = c->sock;
	if (c->end >= 0)
		keep[n++] = c->end;
	qsort(keep, n, sizeof(keep[0]), cmp_int);
	for (size_t i = 0; i < n; i++) {
		if (keep[i] < (int)lo)
			continue;
		if ((unsigned)keep[i] > lo &&
		    close_range(lo, (unsigned)keep[i] - 1, 0) < 0)
			return -errno;
		lo = (unsigned)keep[i] + 1;
	}
	if (close_range(lo, ~0u, 0) < 0)
		return -errno;
	return 0;
}

/*
 * Only its own terminal: when none of fds 0-2 is a terminal (a job run
 * as 'syscage ... </dev/null >log 2>&1' from an interactive shell), the
 * controlling terminal the child inherited is given up, so that
 * /dev/tty, which every policy may open, no longer reaches what the
 * user types.  Not a session leader, the child alone loses it; its
 * process group, and so job control and ^C through syscage, are as
 * they were.  No controlling terminal at all (ENXIO), or no /dev/tty,
 * leaves nothing to give up.
 */
int
cage_child_give_up_terminal(void)
{
	int fd;

	for (int i = 0; i <= 2; i++)
		if (isatty(i))
			return 0;
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENXIO || errno == ENOENT ? 0 : -errno;
	if (ioctl(fd, TIOCNOTTY) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	close(fd);
	return 0;
}

/* The private view: namespaces, lo up, pid 1, the target's process, the
 * new root.  Best effort that left it out says so under -v.  Returns in
 * the target's process; with a PID namespace, before pid 1 has made the
 * view (view_ready waits for it). */
void
cage_child_enter_view(const struct child *c, struct cage_view_pid *pid)
{
	const struct cage_view_plan *v = c->plan->view;
	const char *step = "private view";
	static const char note[] = "syscage: note: private view left out (best "
				   "effort): the kernel refused it\n";
	int err;

	pid->report = pid->ready = -1;
	pid->end = c->end;
	pid->in_target = pid->net = false;
	if (!v)
		return;
	/* Not dumpable (the supervisor's setting), /proc/self is root's:
	 * the user namespace's maps could not be written. */
	if ((v->ns & CAGE_VIEW_NS_USER) &&
	    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) < 0)
		cage_child_fail(c, "prctl(PR_SET_DUMPABLE)", -errno,
				CAGE_EXIT_SETUP);
	err = cage_view_unshare(v, &step);
	/* Not dumpable again, whatever the view became: fail closed if not. */
	if ((v->ns & CAGE_VIEW_NS_USER) &&
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		cage_child_fail(c, "prctl(PR_SET_DUMPABLE, 0)", -errno,
				CAGE_EXIT_SETUP);
	if (err == 1) {
		if (c->plan->opts.verbose && write(2, note, sizeof(note) - 1))
			return;
		return;
	}
	if (!err)
		err = cage_view_loopback(v, &step);
	if (!err)
		err = cage_view_pid_enter(v, pid, &step);
	if (!err)
		err = cage_view_pid_fork(v, pid, &step);
	if (!err && !pid->in_target)
		err = cage_view_mount(v, &step);
	if (!err && !pid->in_target)
		err = cage_view_pid_init(v, pid, &step);
	if (err)
		cage_child_fail(c, step, err, CAGE_EXIT_SETUP);
}

/* In the target's process: the view pid 1 makes is there. */
void
cage_child_view_ready(const struct child *c, struct cage_view_pid *pid)
{
	const char *step = "private view";
	int err = c->plan->view ? cage_view_pid_ready(c->plan->view, pid, &step)
				: 0;

	/* Pid 1 failed, and said why: nothing more to say. */
	if (err == -ECANCELED)
		syscall(SYS_exit_group, CAGE_EXIT_SETUP);
	if (err)
		cage_child_fail(c, step, err, CAGE_EXIT_SETUP);
}

/* In the target's process: the view's network namespace joined. */
void
cage_child_view_net(const struct child *c, struct cage_view_pid *pid)
{
	const char *step = "private view";
	int err = cage_view_pid_net(pid, &step);

	if (err == -ECANCELED) /* pid 1 failed, and said why */
		syscall(SYS_exit_group, CAGE_EXIT_SETUP);
	if (err)
		cage_child_fail(c, step, err, CAGE_EXIT_SETUP);
}

int
cage_child_set_no_new_privs(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return -EPERM;
	return 0;
}

int
cage_child_wait_verdict(const struct child *c)
{
	int go = -1;
	ssize_t n;

	do
		n = read(c->sock, &go, sizeof(go));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(go) && go == 0 ? 0 : -ECANCELED;
}
