// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The launch sequence.  Invariants kept here:
 *  1. Fail closed: any failure before execve ends the child without exec;
 *     it reports the step and errno to the parent, which exits 125.
 *  2. Everything is computed before fork, into the plan (plan.c): the
 *     filters, the supervised program, the command's path, the target's
 *     environment, the limits, the Landlock layers, the capabilities to
 *     keep.  Nothing is compiled here; each child step takes its slice.
 *  3. No fd above 2 reaches the target but those asked for.
 *  4. Capabilities are dropped from every set, and re-read to confirm.
 *  5. no_new_privs is set and confirmed.
 *  6. The seccomp filters are the last thing loaded before execve;
 *     under --learn, the policies' filters too, under the learning one.
 *  7. Whatever the policy, the guard (guard.c) is loaded first: the
 *     target sets limits, priority, CPUs and scheduling of itself only
 *     (pid 0), never ours nor any of our threads'.
 *  8. The private view (view.h), when a policy asks for one, is made
 *     after the fds are closed and before the limits, the user switch
 *     (as root the view is made as root; unprivileged, in a user
 *     namespace mapping the caller to itself), the capabilities' drop
 *     (which drops those held in the user namespace too) and Landlock
 *     (whose paths are opened inside the view, after the pivot).  With a
 *     PID namespace our child stays outside as a waiter that ends as the
 *     target ended, and makes the network namespace meanwhile; pid 1
 *     forks the target at once and makes the view while the target sets
 *     its limits, then the target waits for pid 1's word that the view is
 *     made before anything else.  Pid 1 tells us how the target ended,
 *     once nothing of the namespace runs.  A refusal fails the launch
 *     naming the step, unless best effort.
 */
#include "compile/filter.h"
#include "launch/caps.h"
#include "launch/landlock.h"
#include "launch/launch.h"
#include "launch/plan.h"
#include "launch/rlimits.h"
#include "launch/seccomp_load.h"
#include "launch/user.h"
#include "launch/view.h"
#include "launch/view_mount.h"
#include "launch/view_pid.h"
#include "base/syscalls.h"
#include "supervise/protocol.h"
#include "supervise/record.h"
#include "supervise/learn_trace.h"
#include "supervise/supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/*
 * The child's code runs on after its filters are in: a sanitizer's
 * runtime must not make system calls there (ASan unpoisons stacks with
 * sigaltstack before every noreturn call), so these go uninstrumented.
 */
#define NO_SANITIZE __attribute__((no_sanitize_address, no_sanitize_undefined))

struct child {
	const struct cage_plan *plan;
	int sock; /* status socket, close-on-exec */
	int end;  /* with a PID namespace: the waiter's end socket, or -1 */
	pid_t parent;
	const sigset_t *sigmask; /* the caller's, restored for the target */
	const struct sock_fprog *notify; /* supervised: the listener filter */
	/* Loaded once the listener is handed over: takes back the filter's
	 * exception for sendmsg on the status socket (len 0: none made). */
	const struct sock_fprog *close;
	/* --learn by tracing: wait until the parent traces us, then load
	 * this filter (no listener) instead of the kernel filters. */
	const struct sock_fprog *traced;
};

/*
 * Report a failed step to the parent and end the child without exec.
 * This also runs after filters are loaded, so it makes raw system calls
 * only: no stdio, no allocation, nothing a sanitizer runtime intercepts.
 * write, not send: under a policy, write is the call surest to be allowed;
 * if even it is refused, the exit status still says exec never happened.
 */
static void __attribute__((noreturn)) NO_SANITIZE
child_fail(const struct child *c, const char *step, int err, int status)
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
static int
tie_to_parent(const struct child *c)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		return -errno;
	if (getppid() != c->parent)
		return -ESRCH;
	return 0;
}

/* --learn by tracing: the parent's go (0) once its perf events hold us,
 * or why they cannot (-errno). */
static int
wait_for_tracer(const struct child *c)
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

static int
restore_signals(const struct child *c)
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
static int
close_fds(const struct child *c)
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
static int
give_up_terminal(void)
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
static void
enter_view(const struct child *c, struct cage_view_pid *pid)
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
		child_fail(c, "prctl(PR_SET_DUMPABLE)", -errno,
			   CAGE_EXIT_SETUP);
	err = cage_view_unshare(v, &step);
	/* Not dumpable again, whatever the view became: fail closed if not. */
	if ((v->ns & CAGE_VIEW_NS_USER) &&
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		child_fail(c, "prctl(PR_SET_DUMPABLE, 0)", -errno,
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
		child_fail(c, step, err, CAGE_EXIT_SETUP);
}

/* In the target's process: the view pid 1 makes is there. */
static void
view_ready(const struct child *c, struct cage_view_pid *pid)
{
	const char *step = "private view";
	int err = c->plan->view ? cage_view_pid_ready(c->plan->view, pid, &step)
				: 0;

	/* Pid 1 failed, and said why: nothing more to say. */
	if (err == -ECANCELED)
		syscall(SYS_exit_group, CAGE_EXIT_SETUP);
	if (err)
		child_fail(c, step, err, CAGE_EXIT_SETUP);
}

static int
set_no_new_privs(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return -EPERM;
	return 0;
}

static int NO_SANITIZE
load_kernel_filters(const struct child *c)
{
	const struct cage_plan *p = c->plan;
	int err = 0;

	/* None compiled: the plan knew no listener could be refused. */
	for (size_t i = 0; i < p->nfilters; i++)
		if (!p->filters[i])
			return -EBUSY;
	for (size_t i = 0; i < p->nfilters && !err; i++)
		for (size_t k = 0; k < cage_filter_count(p->filters[i]) && !err;
		     k++)
			err = cage_seccomp_load(p->filters[i], k);
	return err;
}

/* The listener goes to the parent over the status socket (SCM_RIGHTS). */
static int NO_SANITIZE
send_listener(const struct child *c, int type, int fd, int errnum)
{
	struct cage_launch_msg m = {.type = type, .errnum = errnum};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = {&m, sizeof(m)};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *cm;

	if (fd >= 0) {
		memset(&u, 0, sizeof(u));
		mh.msg_control = u.buf;
		mh.msg_controllen = sizeof(u.buf);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	if (syscall(SYS_sendmsg, c->sock, &mh, 0) < 0)
		return -errno;
	return 0;
}

/*
 * The listener is in and no one holds its other end: each call the filter
 * routes (under --learn every one, close and exit_group too) would wait
 * for an answer for ever.  sendmsg on the status socket is the one call
 * the filter always passes: report with it, then end without a call.
 */
static void __attribute__((noreturn)) NO_SANITIZE
handover_failed(const struct child *c, int err)
{
	struct cage_launch_msg m = {.type = CAGE_MSG_ERROR,
				    .errnum = -err,
				    .status = CAGE_EXIT_SETUP,
				    .step = "seccomp_load"};
	struct iovec iov = {&m, sizeof(m)};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};

	syscall(SYS_sendmsg, c->sock, &mh, 0);
	__builtin_trap();
}

/*
 * Supervised: one filter with a listener.  EBUSY means a listener exists
 * up the chain (nested in another syscage): enforce with the kernel
 * filters instead, and say so; --audit and --learn cannot do without.
 */
static int NO_SANITIZE
load_supervised(const struct child *c)
{
	int fd = cage_seccomp_load_listener(c->notify), err;

	if (fd == -EBUSY && c->plan->opts.supervise == CAGE_SUPERVISE_ENFORCE) {
		err = send_listener(c, CAGE_MSG_NO_LISTENER, -1, EBUSY);
		return err ? err : -EBUSY;
	}
	if (fd < 0)
		return fd;
	err = send_listener(c, CAGE_MSG_LISTENER, fd, 0);
	if (err)
		handover_failed(c, err);
	/* The parent holds the listener now: a refusal can be reported. */
	if (c->close && c->close->len &&
	    (err = cage_seccomp_load_program(c->close)))
		child_fail(c, "seccomp_load (after the hand-over)", err,
			   CAGE_EXIT_SETUP);
	return 0;
}

static void __attribute__((noreturn)) NO_SANITIZE
child_main(const struct child *c)
{
	const struct cage_plan *p = c->plan;
	const struct cage_launch_opts *o = &p->opts;
	const char *step = "capabilities";
	struct cage_view_pid pid;
	int err;

	if ((err = restore_signals(c)))
		child_fail(c, "sigprocmask", err, CAGE_EXIT_SETUP);
	if ((err = tie_to_parent(c)))
		child_fail(c, "prctl(PR_SET_PDEATHSIG)", err, CAGE_EXIT_SETUP);
	if (c->traced && (err = wait_for_tracer(c)))
		child_fail(c, "perf_event_open (--learn)", err,
			   CAGE_EXIT_SETUP);
	if ((err = close_fds(c)))
		child_fail(c, "close_range", err, CAGE_EXIT_SETUP);
	if ((err = give_up_terminal()))
		child_fail(c, "ioctl(TIOCNOTTY)", err, CAGE_EXIT_SETUP);
	enter_view(c, &pid);
	if ((err = cage_limits_apply(&p->limits, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	view_ready(c, &pid);
	if ((err = cage_user_apply(o->set_user, o->uid, o->gid, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	if ((err = cage_caps_drop(p->caps_keep, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	if ((err = set_no_new_privs()))
		child_fail(c, "prctl(PR_SET_NO_NEW_PRIVS)", err,
			   CAGE_EXIT_SETUP);
	if ((err = cage_landlock_apply(&p->landlock, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	if (p->nfilters == 0)
		child_fail(c, "seccomp_load (no filter given)", -EINVAL,
			   CAGE_EXIT_SETUP);
	/* The guard goes under the policy's filters: once those are in,
	 * loading a filter is a call they judge, and may route to us. */
	if ((err = cage_seccomp_load_program(&p->guard.prog)))
		child_fail(c, "seccomp_load", err, CAGE_EXIT_SETUP);
	if (c->traced)
		err = cage_seccomp_load_program(c->traced);
	else
		err = c->notify ? load_supervised(c) : -EBUSY;
	/* --learn: the policies' kernel filters stacked under the learning
	 * filter, so what they deny fails before it is recorded; enforcing
	 * without a listener: the kernel filters alone. */
	if ((!err && o->supervise == CAGE_SUPERVISE_LEARN) ||
	    (err == -EBUSY &&
	     (!c->notify || o->supervise == CAGE_SUPERVISE_ENFORCE)))
		err = load_kernel_filters(c);
	if (err)
		child_fail(c, "seccomp_load", err, CAGE_EXIT_SETUP);
	execve(p->path, o->argv, p->target_env);
	err = -errno;
	child_fail(c, "execve", err,
		   err == -ENOENT ? CAGE_EXIT_NOTFOUND : CAGE_EXIT_NOEXEC);
}

/* The child's own stack when it shares our memory until it execs. */
#define CHILD_STACK ((size_t)256 * 1024)

static int
child_entry(void *arg)
{
	child_main(arg);
}

static pid_t
spawn(struct child *c)
{
	void *stack;
	pid_t pid;

	if (!c->plan->share_memory) {
		pid = fork();
		if (pid == 0)
			child_main(c);
		return pid;
	}
	stack = mmap(NULL, CHILD_STACK, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return -1;
	pid = clone(child_entry, (char *)stack + CHILD_STACK,
		    CLONE_VM | CLONE_VFORK | SIGCHLD, c);
	munmap(stack, CHILD_STACK);
	return pid;
}

static void
set_error(struct cage_launch_error *e, const char *step, int errnum)
{
	snprintf(e->step, sizeof(e->step), "%s", step);
	e->errnum = errnum;
	e->detail[0] = '\0';
}

/*
 * --learn by tracing: hold the child with perf events, then let it go on
 * (0), or stop it (-errno) if the kernel refused them now: it fails the
 * launch, and nothing runs untraced.
 */
static void
start_tracing(struct cage_supervisor *sv, const struct cage_launch_opts *o,
	      int id)
{
	static const uint64_t none[6];
	int go = cage_trace_open(sv->trace, id, sv->child);

	if (go)
		sv->trace = NULL;
	/* Tracing starts once the execve is done: it, we know. */
	if (!go)
		cage_learned_add(o->learned, cage_syscall_number("execve"),
				 none);
	if (write(sv->sock, &go, sizeof(go)) != sizeof(go))
		kill(sv->child, SIGKILL);
}

int
cage_launch(struct cage_plan *p, int *status, struct cage_launch_error *err)
{
	const struct cage_launch_opts *o = &p->opts;
	struct cage_supervisor sv = {0};
	struct cage_trace trace;
	struct child c = {.plan = p, .end = -1};
	int ends[2] = {-1, -1}, r = 0;

	memset(err, 0, sizeof(*err));
	*status = CAGE_EXIT_SETUP;
	if (p->used)
		return -EALREADY;
	p->used = true;
	if (p->fail.step[0]) { /* a step the plan found to fail */
		*err = p->fail;
		*status = p->fail_status;
		goto out;
	}
	if (cage_supervisor_init(&sv, err))
		goto out;
	sv.sock = p->socks[0]; /* the supervisor's: fini closes it */
	p->socks[0] = -1;
	c.sock = p->socks[1];
	c.parent = getpid();
	/* A PID namespace: the waiter outside says how the target ended. */
	if (p->view && (p->view->ns & CAGE_VIEW_NS_PID)) {
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
			       ends) < 0) {
			set_error(err, "socketpair", errno);
			cage_supervisor_fini(&sv);
			goto out;
		}
		sv.endfd = ends[0];
		c.end = ends[1];
	}
	if (p->traced) {
		c.traced = &p->supervised;
		sv.trace = &trace;
	} else if (o->supervise != CAGE_SUPERVISE_OFF) {
		c.notify = &p->supervised;
		c.close = &p->closing;
		sv.fscheck = p->fscheck;
	}
	c.sigmask = &sv.oldmask;
	sv.child = spawn(&c);
	if (ends[1] >= 0)
		close(ends[1]);
	if (sv.child < 0) {
		set_error(err, "fork", errno);
		cage_supervisor_fini(&sv);
		goto out;
	}
	if (c.traced)
		start_tracing(&sv, o, p->probe.id);
	close(p->socks[1]);
	p->socks[1] = -1;
	r = cage_supervise(&sv, o, status, err);
	cage_supervisor_fini(&sv);
	if (sv.exited && WIFSIGNALED(sv.status))
		p->end_signal = WTERMSIG(sv.status);
	p->end_cpu_us = sv.cpu_us;
	if (p->view && err->step[0] && !err->detail[0]) {
		const char *hint = cage_view_hint(err->step, err->errnum);

		if (hint)
			snprintf(err->detail, sizeof(err->detail), "%s", hint);
	}
out:
	for (int i = 0; i < 2; i++)
		if (p->socks[i] >= 0)
			close(p->socks[i]);
	p->socks[0] = p->socks[1] = -1;
	return r;
}
