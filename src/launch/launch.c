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
#include "launch/child.h"
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
#include "supervise/reap.h"
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
		cage_child_fail(c, "seccomp_load (after the hand-over)", err,
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

	if ((err = cage_child_restore_signals(c)))
		cage_child_fail(c, "sigprocmask", err, CAGE_EXIT_SETUP);
	if ((err = cage_child_tie_to_parent(c)))
		cage_child_fail(c, "prctl(PR_SET_PDEATHSIG)", err,
				CAGE_EXIT_SETUP);
	if (c->traced && (err = cage_child_wait_for_tracer(c)))
		cage_child_fail(c, "perf_event_open (--learn)", err,
				CAGE_EXIT_SETUP);
	if ((err = cage_child_close_fds(c)))
		cage_child_fail(c, "close_range", err, CAGE_EXIT_SETUP);
	if ((err = cage_child_give_up_terminal()))
		cage_child_fail(c, "ioctl(TIOCNOTTY)", err, CAGE_EXIT_SETUP);
	cage_child_enter_view(c, &pid);
	if ((err = cage_limits_apply(&p->limits, &step)))
		cage_child_fail(c, step, err, CAGE_EXIT_SETUP);
	cage_child_view_ready(c, &pid);
	/* The view's network namespace is joined with CAP_SYS_ADMIN, which
	 * --user's switch ends; otherwise as late as can be, so that pid 1
	 * passes it on while we go on. */
	if (o->set_user)
		cage_child_view_net(c, &pid);
	if ((err = cage_user_apply(o->set_user, o->uid, o->gid, &step)))
		cage_child_fail(c, step, err, CAGE_EXIT_SETUP);
	if ((err = cage_child_set_no_new_privs()))
		cage_child_fail(c, "prctl(PR_SET_NO_NEW_PRIVS)", err,
				CAGE_EXIT_SETUP);
	if ((err = cage_landlock_apply(&p->landlock, &step)))
		cage_child_fail(c, step, err, CAGE_EXIT_SETUP);
	if (!o->set_user)
		cage_child_view_net(c, &pid);
	if ((err = cage_caps_drop(p->caps_keep, &step)))
		cage_child_fail(c, step, err, CAGE_EXIT_SETUP);
	/* The parent's go (it checks the fs rules and opens its files
	 * meanwhile), or its end: it kills us, or ended, and says why. */
	if (c->verdict && cage_child_wait_verdict(c))
		syscall(SYS_exit_group, CAGE_EXIT_SETUP);
	if (p->nfilters == 0)
		cage_child_fail(c, "seccomp_load (no filter given)", -EINVAL,
				CAGE_EXIT_SETUP);
	/* The guard goes under the policy's filters: once those are in,
	 * loading a filter is a call they judge, and may route to us. */
	if ((err = cage_seccomp_load_program(&p->guard.prog)))
		cage_child_fail(c, "seccomp_load", err, CAGE_EXIT_SETUP);
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
		cage_child_fail(c, "seccomp_load", err, CAGE_EXIT_SETUP);
	execve(p->path, o->argv, p->target_env);
	err = -errno;
	cage_child_fail(c, "execve", err,
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

/* cage_launch_start's launch, until cage_launch takes it on. */
struct cage_launch_run {
	struct cage_supervisor sv;
	struct cage_trace trace;
	struct child c;
};

/* Supervisor, status and end sockets, the child forked; a failure is
 * P->fail, for cage_launch to report. */
static void
start(struct cage_plan *p, struct cage_launch_run *run)
{
	const struct cage_launch_opts *o = &p->opts;
	struct cage_supervisor *sv = &run->sv;
	struct child *c = &run->c;
	int ends[2] = {-1, -1};

	*c = (struct child){.plan = p, .end = -1};
	if (cage_supervisor_init(sv, &p->fail))
		return;
	sv->sock = p->socks[0]; /* the supervisor's: fini closes it */
	p->socks[0] = -1;
	c->sock = p->socks[1];
	c->parent = getpid();
	/* A PID namespace: its init says how the target ended. */
	if (p->view && (p->view->ns & CAGE_VIEW_NS_PID)) {
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
			       ends) < 0) {
			set_error(&p->fail, "socketpair", errno);
			return;
		}
		sv->endfd = ends[0];
		c->end = ends[1];
	}
	if (p->traced) {
		c->traced = &p->supervised;
		sv->trace = &run->trace;
	} else if (o->supervise != CAGE_SUPERVISE_OFF) {
		c->notify = &p->supervised;
		c->close = &p->closing;
		sv->fscheck = p->fscheck;
	}
	c->sigmask = &sv->oldmask;
	/* Started ahead of cage_launch, the child goes no further than its
	 * filters until it says go: whatever the caller finds to refuse
	 * meanwhile (the fs check, a report file it cannot open), nothing
	 * of the target's runs.  A child that shares our memory holds us
	 * until it execs: it is started by cage_launch, after all that. */
	c->verdict = !p->share_memory;
	sv->child = spawn(c);
	if (ends[1] >= 0)
		close(ends[1]);
	if (sv->child < 0) {
		set_error(&p->fail, "fork", errno);
		return;
	}
	if (c->traced)
		start_tracing(sv, o, p->probe.id);
	close(p->socks[1]);
	p->socks[1] = -1;
}

static void
launch_start(struct cage_plan *p)
{
	struct cage_launch_run *run;

	if (p->used || p->fail.step[0])
		return;
	p->used = true;
	run = calloc(1, sizeof(*run));
	if (!run) {
		set_error(&p->fail, "allocate the launch", ENOMEM);
		p->fail_status = CAGE_EXIT_SETUP;
		return;
	}
	run->sv.child = -1;
	p->run = run;
	p->abort_run = cage_launch_abort;
	start(p, run);
	if (p->fail.step[0])
		p->fail_status = CAGE_EXIT_SETUP;
}

void
cage_launch_start(struct cage_plan *p)
{
	if (!p->share_memory)
		launch_start(p);
}

void
cage_launch_abort(struct cage_plan *p)
{
	struct cage_launch_run *run = p->run;

	if (!run)
		return;
	p->run = NULL;
	if (run->sv.child > 0) {
		cage_reap_kill_tree(run->sv.child);
		while (waitpid(run->sv.child, NULL, __WALL) < 0 &&
		       errno == EINTR)
			;
		cage_reap_orphans(); /* its tree, reparented to us */
	}
	cage_supervisor_fini(&run->sv);
	free(run);
}

/* The child waits before its filters for our go (0), or is killed. */
static int
give_verdict(struct cage_plan *p, struct cage_launch_error *err)
{
	struct cage_launch_run *run = p->run;
	int go = 0;

	if (p->pending_guard) { /* the caller did not check: here */
		struct cage_diags d = {0};

		cage_plan_check(p, &d);
		cage_diags_free(&d);
	}
	if (p->check_err) {
		set_error(err, "fs paths", -p->check_err);
		cage_launch_abort(p);
		return p->check_err;
	}
	/* A child already gone (it failed making the view) has said why:
	 * the supervisor reads it. */
	if (run->c.verdict &&
	    send(run->sv.sock, &go, sizeof(go), MSG_NOSIGNAL) < 0 &&
	    errno != EPIPE && errno != ECONNRESET) {
		set_error(err, "send the verdict to the child", errno);
		cage_launch_abort(p);
		return -EIO;
	}
	return 0;
}

int
cage_launch(struct cage_plan *p, int *status, struct cage_launch_error *err)
{
	struct cage_launch_run *run;
	int r = 0;

	memset(err, 0, sizeof(*err));
	*status = CAGE_EXIT_SETUP;
	if (p->used && !p->run && !p->fail.step[0])
		return -EALREADY;
	launch_start(p);
	if (p->fail.step[0]) { /* a step the plan, or the start, failed at */
		*err = p->fail;
		*status = p->fail_status;
		cage_launch_abort(p);
		goto out;
	}
	if ((r = give_verdict(p, err)))
		goto out;
	run = p->run;
	p->run = NULL;
	r = cage_supervise(&run->sv, &p->opts, status, err);
	cage_supervisor_fini(&run->sv);
	if (run->sv.exited && WIFSIGNALED(run->sv.status))
		p->end_signal = WTERMSIG(run->sv.status);
	p->end_cpu_us = run->sv.cpu_us;
	free(run);
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
