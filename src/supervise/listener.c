// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Answering the listener: each routed call gets the policies' verdict
 * (decide.c), computed from the registers the kernel handed over, never
 * from the target's memory, which it could change under us.  Denials
 * become events; kill is SIGKILL to the whole process, which the target
 * cannot catch, and syscage then exits 159.
 *
 * The caller is named by a number that is free for reuse once it dies:
 * whatever is read by that number (its comm, strings in its memory, a
 * pidfd) counts only if the call is still pending afterwards
 * (SECCOMP_IOCTL_NOTIF_ID_VALID), since a pending caller is alive and
 * still owns its number; signals then go through the pidfd alone.
 */
#include "policy/decide.h"
#include "supervise/advise.h"
#include "supervise/fs_check.h"
#include "supervise/record.h"
#include "supervise/report.h"
#include "supervise/listener.h"
#include "supervise/supervise.h"
#include "base/syscalls.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS _IOW('!', 4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP 1
#endif
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL /* Linux 6.9: a pidfd for one thread */
#endif

int
cage_listener_init(struct cage_listener *n, int listener)
{
	n->fd = listener;
	n->req = NULL;
	n->resp = NULL;
	n->running = false;
	n->efd = -1;
	n->err = 0;
	/* Linux 6.6+: wake us on the caller's CPU, a third of the cost. */
	ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
	      (unsigned long long)SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
	return seccomp_notify_alloc(&n->req, &n->resp);
}

void
cage_listener_fini(struct cage_listener *n)
{
	cage_listener_stop(n);
	if (n->efd >= 0)
		close(n->efd);
	n->efd = -1;
	seccomp_notify_free(n->req, n->resp);
	n->req = NULL;
	n->resp = NULL;
	if (n->fd >= 0)
		close(n->fd);
	n->fd = -1;
}

/* The call is still waiting for our answer: its caller is alive. */
static bool
still_pending(const struct cage_listener *n)
{
	return seccomp_notify_id_valid(n->fd, n->req->id) == 0;
}

/* "syscall(...)" becomes "syscall 462(...)". */
static void
name_unknown(struct cage_event *ev)
{
	char num[16];
	size_t len = strlen(ev->call), add;

	if (strncmp(ev->call, "syscall(", 8))
		return;
	add = (size_t)snprintf(num, sizeof(num), " %d", ev->nr);
	if (len + add >= sizeof(ev->call))
		return;
	memmove(ev->call + 7 + add, ev->call + 7, len - 7 + 1);
	memcpy(ev->call + 7, num, add);
}

/* An event of KIND for the call REQ: who, what, its arguments, as text. */
static void
event_of(struct cage_event *ev, enum cage_event_kind kind,
	 const struct seccomp_notif *req)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->pid = (int)req->pid;
	ev->nr = req->data.nr;
	ev->name = cage_syscall_name(ev->nr);
	memcpy(ev->args, req->data.args, sizeof(ev->args));
	cage_report_comm(ev->pid, ev->comm);
	cage_report_call(ev->call, sizeof(ev->call), ev->pid, ev->name,
			 ev->args);
}

static void
emit(struct cage_listener *n, const struct cage_launch_opts *o,
     enum cage_event_kind kind, const struct cage_verdict *v)
{
	const struct cage_policy *pol = o->policies[v->policy];
	const struct cage_loc *loc = v->rule ? &v->rule->loc : &pol->dflt_loc;
	const struct seccomp_notif *req = n->req;
	const char *why;
	struct cage_event ev;

	if (!o->on_event)
		return;
	event_of(&ev, kind, req);
	if (!still_pending(n)) {
		/* Read by a number that may be another process's now. */
		ev.comm[0] = '\0';
		cage_report_call(ev.call, sizeof(ev.call), 0, ev.name, ev.args);
	}
	ev.action = v->action;
	ev.policy = pol->name;
	ev.file = loc->file ? loc->file->name : NULL;
	ev.line = loc->line;
	if (!ev.name) /* newer than the tables: its number */
		name_unknown(&ev);
	why = cage_advise_by_design(v, ev.nr);
	if (v->new_syscall) { /* no rule of the policy's decided */
		ev.file = NULL;
		ev.line = 0;
	}
	if (kind != CAGE_EVENT_LOGGED && why) {
		ev.kind = CAGE_EVENT_BY_DESIGN;
		snprintf(ev.why, sizeof(ev.why), "%s", why);
	} else if (kind != CAGE_EVENT_LOGGED) {
		ev.advice =
			cage_advise(pol, v, ev.nr, ev.args, ev.allow,
				    sizeof(ev.allow), ev.why, sizeof(ev.why));
	}
	o->on_event(&ev, o->event_ctx);
}

static bool
denies(const struct cage_action *a)
{
	return a->kind == CAGE_ACTION_ERRNO || a->kind == CAGE_ACTION_TRAP ||
	       a->kind == CAGE_ACTION_KILL;
}

/* The process that thread TID belongs to, from /proc; -1 if gone. */
static pid_t
read_tgid(pid_t tid)
{
	char path[64], buf[512], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	p = strstr(buf, "\nTgid:");
	return p ? (pid_t)strtol(p + 6, NULL, 10) : -1;
}

/*
 * The caller of the pending call, by its thread id: its process and a
 * pidfd, of the thread itself where the kernel has them (6.9), else of
 * its process.  Only valid once still_pending() says so afterwards.
 */
struct caller {
	pid_t tid, tgid;
	int pidfd;
	bool thread;
};

static void
caller_open(struct caller *c, pid_t tid)
{
	c->tid = tid;
	c->tgid = -1;
	c->pidfd = -1;
	c->thread = false;
	if (tid <= 0) /* not in our pid namespace: nothing to name it by */
		return;
	c->tgid = read_tgid(tid);
	c->pidfd = (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD);
	c->thread = c->pidfd >= 0;
	if (c->pidfd < 0 && c->tgid > 0)
		c->pidfd = (int)syscall(SYS_pidfd_open, c->tgid, 0);
}

static void
caller_close(struct caller *c)
{
	if (c->pidfd >= 0)
		close(c->pidfd);
	c->pidfd = -1;
}

/*
 * SIGKILL ends the whole process through either pidfd.  SIGSYS is for
 * the thread: through its own pidfd, else by tgkill (before Linux 6.9,
 * where a caller killed after the check could have its tid reused
 * within the same process id: a residue we cannot close there).  With no
 * pidfd at all (out of descriptors), the number as a last resort: a kill
 * that misses is worse than that residue.
 */
static void
caller_signal(const struct caller *c, int sig)
{
	if (c->pidfd >= 0 && (c->thread || sig == SIGKILL))
		syscall(SYS_pidfd_send_signal, c->pidfd, sig, NULL, 0);
	else if (c->tgid > 0)
		syscall(SYS_tgkill, c->tgid, c->tid, sig);
	else if (c->tid > 0 && sig == SIGKILL)
		kill(c->tid, SIGKILL);
}

/* Report a call the policy traps or kills, then signal its caller if it
 * is still the one that made the call. */
static void
punish(struct cage_listener *n, struct cage_supervisor *sv,
       const struct cage_launch_opts *o, const struct cage_verdict *v, int sig)
{
	struct caller c;
	bool target;

	caller_open(&c, (pid_t)n->req->pid);
	/* A thread of the target itself?  By number: before the check. */
	target = c.tid > 0 && (c.tgid == sv->child ||
			       syscall(SYS_tgkill, sv->child, c.tid, 0) == 0);
	emit(n, o, CAGE_EVENT_DENIED, v);
	if (still_pending(n)) {
		if (sig == SIGKILL && target)
			sv->killed = true;
		caller_signal(&c, sig);
	}
	caller_close(&c);
}

/* --learn: record, and let everything through but clone3 and openat2. */
static void
learn(const struct cage_launch_opts *o, const struct seccomp_notif *req,
      struct seccomp_notif_resp *resp)
{
	const char *name = cage_syscall_name(req->data.nr);

	if (name && (!strcmp(name, "clone3") || !strcmp(name, "openat2"))) {
		resp->error = -ENOSYS; /* so glibc falls back, as it will */
		return;
	}
	if (o->learned)
		cage_learned_add(o->learned, req->data.nr,
				 (const uint64_t *)req->data.args);
	resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
}

/*
 * A call the policies let through that takes a path: would the fs rules
 * or the view refuse it?  Read from the target's memory, so counted only
 * if the call is still pending after, and only ever said: the kernel
 * enforces (fs_check.h).
 */
static void
check_path(struct cage_listener *n, struct cage_supervisor *sv,
	   const struct cage_launch_opts *o)
{
	const struct seccomp_notif *req = n->req;
	struct cage_fs_finding f;
	struct cage_event ev;

	if (!o->on_event ||
	    !cage_fs_check_call(sv->fscheck, (pid_t)req->pid, req->data.nr,
				(const uint64_t *)req->data.args, &f))
		return;
	event_of(&ev,
		 o->supervise == CAGE_SUPERVISE_AUDIT ? CAGE_EVENT_FS_AUDIT
						      : CAGE_EVENT_FS_REFUSED,
		 req);
	if (!still_pending(n))
		return; /* read by a number that may be another's now */
	ev.action = (struct cage_action){CAGE_ACTION_ERRNO, f.errnum};
	ev.policy = f.policy;
	ev.file = f.file;
	ev.line = f.line;
	snprintf(ev.allow, sizeof(ev.allow), "%s", f.allow);
	snprintf(ev.path, sizeof(ev.path), "%s", f.path);
	ev.want = f.want;
	snprintf(ev.why, sizeof(ev.why), "%s", f.why);
	snprintf(ev.option, sizeof(ev.option), "%s", f.option);
	snprintf(ev.withheld, sizeof(ev.withheld), "%s", f.withheld);
	ev.advice = !f.allow[0]	  ? CAGE_ADVICE_NONE
		    : f.option[0] ? CAGE_ADVICE_OPTION
				  : CAGE_ADVICE_RULE;
	o->on_event(&ev, o->event_ctx);
}

static void
enforce(struct cage_listener *n, struct cage_supervisor *sv,
	const struct cage_launch_opts *o, const struct cage_verdict *v)
{
	struct seccomp_notif_resp *resp = n->resp;

	if (sv->fscheck && !denies(&v->action) &&
	    cage_fs_check_watches(sv->fscheck, n->req->data.nr))
		check_path(n, sv, o);
	if (o->supervise == CAGE_SUPERVISE_AUDIT) {
		if (denies(&v->action))
			emit(n, o, CAGE_EVENT_AUDIT, v);
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		return;
	}
	switch (v->action.kind) {
	case CAGE_ACTION_LOG:
		emit(n, o, CAGE_EVENT_LOGGED, v);
		/* fall through */
	case CAGE_ACTION_ALLOW:
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		return;
	case CAGE_ACTION_ERRNO: /* by design (ENOSYS): emit() says so */
		emit(n, o, CAGE_EVENT_DENIED, v);
		resp->error = -v->action.errnum;
		return;
	case CAGE_ACTION_TRAP:
		punish(n, sv, o, v, SIGSYS);
		resp->error = -ENOSYS;
		return;
	default:
		punish(n, sv, o, v, SIGKILL);
		resp->error = -EPERM; /* only if the kill came too late */
		return;
	}
}

int
cage_listener_handle(struct cage_listener *n, struct cage_supervisor *sv,
		     const struct cage_launch_opts *o)
{
	struct cage_verdict v;
	int err;

	memset(n->req, 0, sizeof(*n->req));
	err = seccomp_notify_receive(n->fd, n->req);
	if (err == -ENOENT || err == -EINTR || err == -ECANCELED)
		return 0; /* the caller died, or a signal: nothing to answer */
	if (err)
		return err;
	memset(n->resp, 0, sizeof(*n->resp));
	n->resp->id = n->req->id;
	if (o->supervise == CAGE_SUPERVISE_LEARN) {
		learn(o, n->req, n->resp);
	} else {
		cage_policies_decide(o->policies, o->npolicies, n->req->data.nr,
				     (const uint64_t *)n->req->data.args, &v);
		enforce(n, sv, o, &v);
	}
	/* Fails when the caller died meanwhile (a kill, a trap): fine. */
	seccomp_notify_respond(n->fd, n->resp);
	return 0;
}

/* Interrupts the thread's blocking receive: a handler, no SA_RESTART. */
static int
wake_signal(void)
{
	return SIGRTMIN + 4;
}

static void
on_wake(int sig)
{
	(void)sig;
}

static void *
answer_loop(void *arg)
{
	struct cage_listener *n = arg;
	sigset_t set;
	uint64_t one = 1;

	sigemptyset(&set);
	sigaddset(&set, wake_signal());
	(void)pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	while (!atomic_load(&n->stop)) {
		int err = cage_listener_handle(n, n->sv, n->o);

		if (err) {
			n->err = err;
			if (write(n->efd, &one, sizeof(one)) < 0)
				n->err = -errno;
			break;
		}
	}
	return NULL;
}

int
cage_listener_start(struct cage_listener *n, struct cage_supervisor *sv,
		    const struct cage_launch_opts *o)
{
	struct sigaction sa = {.sa_handler = on_wake};
	sigset_t block, old;
	int err;

	n->sv = sv;
	n->o = o;
	atomic_store(&n->stop, false);
	n->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (n->efd < 0)
		return -errno;
	sigemptyset(&sa.sa_mask);
	if (sigaction(wake_signal(), &sa, NULL) < 0)
		return -errno;
	/* The thread starts with every signal blocked but its own. */
	sigfillset(&block);
	(void)pthread_sigmask(SIG_BLOCK, &block, &old);
	err = pthread_create(&n->thread, NULL, answer_loop, n);
	(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return -err;
	n->running = true;
	return 0;
}

void
cage_listener_stop(struct cage_listener *n)
{
	struct timespec ts;

	if (!n->running)
		return;
	atomic_store(&n->stop, true);
	/* The signal may land just before the thread blocks: repeat. */
	do {
		pthread_kill(n->thread, wake_signal());
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 2L * 1000 * 1000;
		if (ts.tv_nsec >= 1000L * 1000 * 1000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000L * 1000 * 1000;
		}
	} while (pthread_timedjoin_np(n->thread, NULL, &ts) == ETIMEDOUT);
	n->running = false;
}
