// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The launch sequence.  Invariants kept here:
 *  1. Fail closed: any failure before execve ends the child without exec;
 *     it reports the step and errno to the parent, which exits 125.
 *  2. Policies are parsed and compiled before fork (the caller hands us
 *     compiled filters); the command is looked up, and the target's
 *     environment built, before fork too.
 *  3. No fd above 2 reaches the target but those asked for.
 *  4. Capabilities are dropped from every set, and re-read to confirm.
 *  5. no_new_privs is set and confirmed.
 *  6. The seccomp filters are the last thing loaded before execve;
 *     under --learn, the policies' filters too, under the learning one.
 *  7. Whatever the policy, the guard (guard.c) is loaded first: the
 *     target sets limits, priority, CPUs and scheduling of itself only
 *     (pid 0), never ours nor any of our threads'.
 */
#include "launch/command.h"
#include "launch/caps.h"
#include "policy/decide.h"
#include "compile/embedded.h"
#include "launch/environ.h"
#include "compile/filter.h"
#include "compile/guard.h"
#include "compile/supervised.h"
#include "launch/landlock.h"
#include "launch/launch.h"
#include "launch/seccomp_load.h"
#include "supervise/record.h"
#include "supervise/learn_trace.h"
#include "supervise/protocol.h"
#include "supervise/supervise.h"
#include "launch/rlimits.h"
#include "base/syscalls.h"
#include "launch/user.h"

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
	const struct cage_launch_opts *opts;
	const char *path;  /* argv[0] found in PATH */
	char *const *envp; /* the caller's */
	char **target_env; /* the target's, built from the policies */
	int sock;	   /* status socket, close-on-exec */
	pid_t parent;
	const sigset_t *sigmask; /* the caller's, restored for the target */
	const struct sock_fprog *notify; /* supervised: the listener filter */
	/* Loaded once the listener is handed over: takes back the filter's
	 * exception for sendmsg on the status socket (len 0: none made). */
	const struct sock_fprog *close;
	/* --learn by tracing: wait until the parent traces us, then load
	 * this filter (no listener) instead of the kernel filters. */
	const struct sock_fprog *traced;
	const struct sock_fprog *guard; /* guard.c: loaded first, always */
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
	const struct cage_launch_opts *o = c->opts;
	int keep[CAGE_MAX_KEEP_FDS + 1];
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
	const struct cage_launch_opts *o = c->opts;
	int err = 0;

	/* None compiled: the caller knew no listener could be refused. */
	for (size_t i = 0; i < o->nfilters; i++)
		if (!o->filters[i])
			return -EBUSY;
	for (size_t i = 0; i < o->nfilters && !err; i++)
		for (size_t k = 0; k < cage_filter_count(o->filters[i]) && !err;
		     k++)
			err = cage_seccomp_load(o->filters[i], k);
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

	if (fd == -EBUSY && c->opts->supervise == CAGE_SUPERVISE_ENFORCE) {
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
	const struct cage_launch_opts *o = c->opts;
	const char *step = "capabilities";
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
	if ((err = cage_limits_apply(o, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	if ((err = cage_user_apply(o, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	if ((err = cage_caps_drop(o->caps_keep, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	if ((err = set_no_new_privs()))
		child_fail(c, "prctl(PR_SET_NO_NEW_PRIVS)", err,
			   CAGE_EXIT_SETUP);
	if ((err = cage_landlock_apply(o, &step)))
		child_fail(c, step, err, CAGE_EXIT_SETUP);
	if (o->nfilters == 0)
		child_fail(c, "seccomp_load (no filter given)", -EINVAL,
			   CAGE_EXIT_SETUP);
	/* The guard goes under the policy's filters: once those are in,
	 * loading a filter is a call they judge, and may route to us. */
	if ((err = cage_seccomp_load_program(c->guard)))
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
	execve(c->path, o->argv, c->target_env);
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

/*
 * Sharing our memory (CLONE_VM | CLONE_VFORK), the child costs neither a
 * copy of our page tables nor a copy-on-write fault per page either side
 * touches, which on a virtualised host is most of a fork's price; we wait,
 * suspended, until it has exec'd or exited.  That is only safe when none
 * of the calls it makes after its filter is in can be routed to us, who
 * cannot answer while suspended: execve, write and exit_group (the
 * failure report) and exit must stay in the kernel.  Otherwise, and
 * under a sanitizer that cannot follow a stack switch, a plain fork.
 */
static bool
may_share_memory(const struct cage_launch_opts *o)
{
	static const char *const calls[] = {"execve", "write", "exit_group",
					    "exit"};

#if defined(__SANITIZE_ADDRESS__)
	(void)o;
	(void)calls;
	return false;
#else
	if (o->supervise == CAGE_SUPERVISE_OFF)
		return true;
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!cage_supervised_allows_outright(
			    o->policies, o->npolicies,
			    o->supervise == CAGE_SUPERVISE_LEARN,
			    cage_syscall_number(calls[i])))
			return false;
	return true;
#endif
}

/*
 * The filter that takes back the hand-over's exception is loaded through
 * the supervised one: seccomp(SECCOMP_SET_MODE_FILTER) must stay in the
 * kernel (decide.c lets it in unless a policy names seccomp and denies it).
 */
static bool
may_stack_filter(const struct cage_launch_opts *o)
{
	const uint64_t args[6] = {SECCOMP_SET_MODE_FILTER};
	struct cage_verdict v;

	cage_policies_decide(o->policies, o->npolicies,
			     cage_syscall_number("seccomp"), args, &v);
	return v.action.kind == CAGE_ACTION_ALLOW;
}

static pid_t
spawn(struct child *c)
{
	void *stack;
	pid_t pid;

	if (!may_share_memory(c->opts)) {
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

/*
 * --learn: by tracing where the kernel lets us (no round trip per call),
 * else through the listener; the learned policy and -v say which, and
 * why not the first.
 */
static bool
learn_by_tracing(const struct cage_launch_opts *o,
		 struct cage_trace_probe *probe)
{
	char method[320];
	int err = cage_trace_probe(probe);

	if (!err)
		snprintf(method, sizeof(method),
			 "tracing (perf events on raw_syscalls:sys_enter, %s)",
			 probe->how);
	else
		snprintf(method, sizeof(method),
			 "the seccomp listener (a round trip per call): "
			 "tracing is not possible: %s",
			 probe->how[0] ? probe->how : strerror(-err));
	cage_learned_note_method(o->learned, method);
	cage_learned_note_policies(o->learned, o->policies, o->npolicies);
	return err == 0;
}

int
cage_launch(const struct cage_launch_opts *o, int *status,
	    struct cage_launch_error *err)
{
	struct cage_supervisor sv = {0};
	struct cage_trace trace;
	struct cage_trace_probe probe = {.id = -1};
	struct cage_guard guard;
	struct sock_fprog prog = {0}, closing = {0};
	char path[PATH_MAX];
	struct child c = {.opts = o};
	int socks[2], r;

	memset(err, 0, sizeof(*err));
	c.envp = o->envp ? o->envp : environ;
	r = cage_find_command(o->argv[0], c.envp, path, sizeof(path));
	if (r) {
		set_error(err, "execve", -r);
		*status = r == -ENOENT ? CAGE_EXIT_NOTFOUND : CAGE_EXIT_NOEXEC;
		return 0;
	}
	c.path = path;
	*status = CAGE_EXIT_SETUP;
	r = cage_environ_build(o->policies, o->npolicies, c.envp,
			       &c.target_env);
	if (r) {
		set_error(err, "environment", -r);
		return 0;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, socks) < 0) {
		set_error(err, "socketpair", errno);
		goto out_env;
	}
	if (cage_supervisor_init(&sv, err))
		goto out_socks;
	sv.sock = socks[0];
	c.sock = socks[1];
	c.parent = getpid();
	if (cage_guard_program(&guard) < 0) {
		set_error(err, "seccomp (guard)", E2BIG);
		goto out_supervisor;
	}
	c.guard = &guard.prog;
	if (o->supervise == CAGE_SUPERVISE_LEARN && o->learned &&
	    learn_by_tracing(o, &probe)) {
		r = cage_supervised_trace_program(&prog);
		c.traced = &prog;
		sv.trace = &trace;
	} else if (o->supervise != CAGE_SUPERVISE_OFF) {
		r = cage_supervised_for_launch(
			o->policies, o->npolicies,
			o->supervise == CAGE_SUPERVISE_LEARN, c.sock, &prog);
		c.notify = &prog;
		if (!r && o->supervise == CAGE_SUPERVISE_ENFORCE)
			r = cage_supervised_close_program(
				o->policies, o->npolicies, c.sock, &closing);
		c.close = &closing;
	}
	if (r) {
		set_error(err, "seccomp (supervised filter)", -r);
		goto out_supervisor;
	}
	if (closing.len && !may_stack_filter(o)) {
		set_error(err,
			  "seccomp (the policy denies sendmsg and seccomp)",
			  EPERM);
		goto out_supervisor;
	}
	c.sigmask = &sv.oldmask;
	sv.child = spawn(&c);
	if (sv.child < 0) {
		set_error(err, "fork", errno);
		goto out_supervisor;
	}
	if (c.traced)
		start_tracing(&sv, o, probe.id);
	close(socks[1]);
	free(prog.filter);
	free(closing.filter);
	cage_environ_free(c.target_env);
	r = cage_supervise(&sv, o, status, err);
	cage_supervisor_fini(&sv);
	return r;

out_supervisor:
	free(prog.filter);
	free(closing.filter);
	cage_supervisor_fini(&sv); /* closes socks[0] */
	close(socks[1]);
	goto out_env;
out_socks:
	close(socks[0]);
	close(socks[1]);
out_env:
	cage_environ_free(c.target_env);
	return 0;
}
