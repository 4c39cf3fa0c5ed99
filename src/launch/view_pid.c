// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view's PID namespace.  unshare(CLONE_NEWPID) moves only the
 * children: the caller forks pid 1 (which mounts the namespace's /proc)
 * and waits outside; pid 1 forks the target and stays as its init.
 */
#include "launch/view_pid.h"
#include "supervise/protocol.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
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
 * launch's status socket (whose EOF tells the supervisor exec happened);
 * only KEEP and KEEP2 (-1: none). */
static void
close_all_but(int keep, int keep2)
{
	int lo = keep < keep2 ? keep : keep2, hi = keep < keep2 ? keep2 : keep;
	unsigned from = 0;

	if (lo >= 0) {
		if (lo > 0)
			(void)close_range(0, (unsigned)lo - 1, 0);
		from = (unsigned)lo + 1;
	}
	if (hi > (int)from)
		(void)close_range(from, (unsigned)hi - 1, 0);
	if (hi >= 0)
		from = (unsigned)hi + 1;
	(void)close_range(from, ~0U, 0);
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

	close_all_but(sock, -1);
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

/*
 * The network namespace, made outside by the waiter while pid 1 builds the
 * view, goes to pid 1 over their socket: an error and the step it failed
 * at, or the namespace's fd.  The step's name is an index into this table
 * (pid 1 names it from its own memory, not from what it reads).
 */
static const char *const net_steps[] = {
	"unshare(CLONE_NEWNET)",   "socket(AF_INET) for lo",
	"ioctl(lo, SIOCGIFFLAGS)", "ioctl(lo, SIOCSIFFLAGS): lo up",
	"open /proc/self/ns/net",  "send the network namespace to pid 1",
};
#define N_NET_STEPS (sizeof(net_steps) / sizeof(net_steps[0]))

struct net_msg {
	int err; /* 0: the fd comes with it */
	unsigned step;
};

static unsigned
net_step_index(const char *step)
{
	for (unsigned i = 0; i < N_NET_STEPS; i++)
		if (!strcmp(step, net_steps[i]))
			return i;
	return 0;
}

/* LEN bytes of BUF on SOCK, with FD (-1: none) as SCM_RIGHTS; a peer
 * gone is no signal of ours.  0 or -errno. */
static int
send_fd(int sock, const void *buf, size_t len, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = {(void *)buf, len};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};

	if (fd >= 0) {
		struct cmsghdr *cm;

		memset(&u, 0, sizeof(u));
		mh.msg_control = u.buf;
		mh.msg_controllen = sizeof(u.buf);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	return sendmsg(sock, &mh, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -errno;
}

/* Up to LEN bytes from SOCK into BUF, and the fd that came with them in
 * *FD (-1: none): how many, 0 at the end, or -errno; -EMFILE where the
 * fd could not be taken (a limit on open files below what we hold). */
static ssize_t
recv_fd(int sock, void *buf, size_t len, int *fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = {buf, len};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *cm;
	ssize_t n;

	*fd = -1;
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	cm = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
	    cm->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(fd, CMSG_DATA(cm), sizeof(int));
	if (mh.msg_flags & MSG_CTRUNC) {
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		return -EMFILE;
	}
	return n;
}

/* The waiter, in its own user and mount namespaces: make the network
 * namespace, and send it (or why not) to pid 1.  PROC: our /proc/self,
 * opened before pid 1 could pivot it away.  A pid 1 already gone is no
 * signal of ours: we wait for it as before. */
static void
make_net_for_init(int sock, int proc)
{
	struct net_msg m = {0};
	const char *step = net_steps[0];
	int fd = -1;

	m.err = cage_view_net_enter(&step);
	if (!m.err) {
		step = net_steps[4];
		fd = openat(proc, "ns/net", O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			m.err = -errno;
	}
	close(proc);
	m.step = net_step_index(step);
	(void)send_fd(sock, &m, sizeof(m), fd);
	if (fd >= 0)
		close(fd);
}

/* Pid 1: the waiter's network namespace joined, its fd in *NET for the
 * target, or the step it failed at.  Nothing (the waiter gone) is a
 * failure too. */
static int
join_net_of_waiter(int sock, int *net, const char **step)
{
	struct net_msg m = {.err = -ECONNRESET, .step = N_NET_STEPS - 1};
	ssize_t n;
	int fd, err;

	n = recv_fd(sock, &m, sizeof(m), &fd);
	if (n != (ssize_t)sizeof(m) || m.step >= N_NET_STEPS) {
		m.err = n < 0 ? (int)n : -ECONNRESET;
		m.step = N_NET_STEPS - 1;
	}
	*step = net_steps[m.step];
	if (m.err >= 0 && fd < 0)
		m.err = -ECONNRESET;
	if (m.err < 0) {
		if (fd >= 0)
			close(fd);
		return m.err;
	}
	*step = "setns(CLONE_NEWNET) into the waiter's network namespace";
	err = setns(fd, CLONE_NEWNET) < 0 ? -errno : 0;
	if (err)
		close(fd);
	else
		*net = fd;
	return err;
}

int
cage_view_pid_enter(const struct cage_view_plan *p, struct cage_view_pid *pid,
		    const char **step)
{
	struct pollfd pf;
	sigset_t set;
	int sv[2], proc = -1;
	pid_t child;

	pid->report = -1;
	pid->net = false;
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
	pid->net = cage_view_net_by_waiter(p);
	*step = "open /proc/self";
	if (pid->net &&
	    (proc = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		child = -1;
	else {
		*step = "fork the PID namespace's init";
		child = fork();
	}
	if (child < 0) {
		int err = -errno;

		close(sv[0]);
		close(sv[1]);
		if (proc >= 0)
			close(proc);
		return err;
	}
	if (child > 0) {
		close(sv[1]);
		if (pid->end >= 0)
			close(pid->end); /* pid 1's to send */
		if (pid->net)
			make_net_for_init(sv[0], proc);
		wait_outside(child, sv[0]);
	}
	close(sv[0]);
	if (proc >= 0)
		close(proc);
	pid->report = sv[1];
	*step = "PR_SET_PDEATHSIG in the PID namespace's init";
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		return -errno;
	/* Hung up means the waiter is gone; it writes nothing else than the
	 * network namespace, which may be there already. */
	pf = (struct pollfd){.fd = sv[1], .events = pid->net ? 0 : POLLIN};
	if (poll(&pf, 1, 0) != 0)
		return -ESRCH;
	return 0;
}

/*
 * The target has ended: what it left in the namespace is killed and
 * reaped here (pid 1's exit would kill it too, but the supervisor is told
 * only once nothing of the namespace runs), then the supervisor learns
 * how it ended, and what the namespace's processes spent, on END: it
 * need not wait for our exit, nor for the waiter's, whose namespaces'
 * teardown then runs after the launch returned.
 */
static void
end_namespace(int end, int wstatus)
{
	struct cage_end_msg m = {.wstatus = wstatus};
	struct rusage ru;
	int status;

	(void)kill(-1, SIGKILL); /* every process of the namespace but us */
	while (waitpid(-1, &status, __WALL) > 0 || errno == EINTR)
		;
	if (end < 0)
		return;
	if (getrusage(RUSAGE_CHILDREN, &ru) == 0)
		m.cpu_us =
			(uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
				1000000 +
			(uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
	(void)send(end, &m, sizeof(m), MSG_NOSIGNAL);
}

/* Pid 1: reap everything; when the target ends, empty the namespace,
 * report and exit. */
static void __attribute__((noreturn)) be_init(pid_t target, int report, int end)
{
	sigset_t set;
	siginfo_t si;
	int status;
	pid_t pid;

	close_all_but(report, end);
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
			end_namespace(end, status);
			if (write(report, &status, sizeof(status)) < 0)
				_exit(125);
			_exit(WIFEXITED(status) ? WEXITSTATUS(status)
						: 128 + WTERMSIG(status));
		}
	}
}

int
cage_view_pid_fork(const struct cage_view_plan *p, struct cage_view_pid *pid,
		   const char **step)
{
	int rdy[2];
	pid_t child;

	pid->ready = -1;
	pid->in_target = false;
	if (!(p->ns & CAGE_VIEW_NS_PID))
		return 0;
	*step = "socketpair for the target in the PID namespace";
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, rdy) < 0)
		return -errno;
	*step = "fork the target in the PID namespace";
	child = fork();
	if (child < 0) {
		int err = -errno;

		close(rdy[0]);
		close(rdy[1]);
		return err;
	}
	if (child > 0) {
		close(rdy[1]);
		pid->ready = rdy[0];
		pid->target = child;
		return 0;
	}
	close(rdy[0]);
	close(pid->report);
	if (pid->end >= 0)
		close(pid->end);
	pid->report = pid->end = -1;
	pid->ready = rdy[1];
	pid->in_target = true;
	(void)sigprocmask(SIG_SETMASK, &pid->oldmask, NULL);
	*step = "PR_SET_PDEATHSIG in the PID namespace";
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		return -errno;
	if (getppid() != 1)
		return -ESRCH;
	return 0;
}

/* Pid 1 to the target: WORD ('v': the view is made; 'n': with it, the
 * network namespace to join, NET). */
static int
send_word(int sock, char word, int net)
{
	return send_fd(sock, &word, 1, net);
}

/* The target: pid 1's WORD, and the fd with it in *FD if FD.  Pid 1's
 * end without it: -ECANCELED (it failed, and said why). */
static int
recv_word(int sock, char word, int *fd)
{
	char got = 0;
	int in;
	ssize_t n = recv_fd(sock, &got, 1, &in);

	if (fd && in >= 0 && n == 1 && got == word) {
		*fd = in;
		return 0;
	}
	if (in >= 0)
		close(in);
	if (n == 0)
		return -ECANCELED;
	if (n < 0)
		return (int)n;
	return got == word && !fd ? 0 : -EPROTO;
}

/*
 * The view first: the target goes on with it while we wait for the
 * network namespace, which it needs only before its capabilities go.
 */
int
cage_view_pid_init(const struct cage_view_plan *p, struct cage_view_pid *pid,
		   const char **step)
{
	int err, net = -1;

	if (!(p->ns & CAGE_VIEW_NS_PID))
		return 0;
	*step = "tell the target in the PID namespace the view is made";
	if ((err = send_word(pid->ready, 'v', -1)))
		return err;
	if (pid->net && (err = join_net_of_waiter(pid->report, &net, step)))
		return err;
	if (net >= 0) {
		*step = "send the network namespace to the target";
		err = send_word(pid->ready, 'n', net);
		close(net);
		if (err)
			return err;
	}
	close(pid->ready);
	pid->ready = -1;
	be_init(pid->target, pid->report, pid->end);
}

int
cage_view_pid_ready(const struct cage_view_plan *p, struct cage_view_pid *pid,
		    const char **step)
{
	int err;

	if (!pid->in_target)
		return 0;
	*step = "wait for pid 1 to make the view";
	err = recv_word(pid->ready, 'v', NULL);
	if (!pid->net) {
		close(pid->ready);
		pid->ready = -1;
	}
	/* pivot_root moved our root, not our directory: outside the view,
	 * the target starts at /. */
	*step = "chdir in the view";
	if (!err && (!p->cwd || chdir(p->cwd) < 0) && chdir("/") < 0)
		err = -errno;
	return err;
}

int
cage_view_pid_net(struct cage_view_pid *pid, const char **step)
{
	int err, net = -1;

	if (!pid->in_target || !pid->net)
		return 0;
	*step = "receive the view's network namespace from pid 1";
	err = recv_word(pid->ready, 'n', &net);
	close(pid->ready);
	pid->ready = -1;
	if (err)
		return err;
	*step = "setns(CLONE_NEWNET) into the view's network namespace";
	err = setns(net, CLONE_NEWNET) < 0 ? -errno : 0;
	close(net);
	return err;
}
