// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Answering the listener: each routed call gets the policies' verdict
 * (decide.c), computed from the registers the kernel handed over, never
 * from the target's memory, which it could change under us.  Denials
 * become events; kill is SIGKILL to the whole process, which the target
 * cannot catch, and syscage then exits 159.
 */
#include "decide.h"
#include "learn.h"
#include "report.h"
#include "supervise_notify.h"
#include "syscalls.h"

#include <errno.h>
#include <seccomp.h>
#include <signal.h>
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

int
cage_notify_init(struct cage_notify *n, int listener)
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
cage_notify_fini(struct cage_notify *n)
{
	cage_notify_stop(n);
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

/* The conditional rule to model a suggestion on, if the syscall has one. */
static const struct cage_rule *
template_rule(const struct cage_policy *pol, const struct cage_verdict *v,
	      int nr)
{
	if (v->rule && v->rule->ncmps)
		return v->rule;
	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr == nr && pol->rules[i].ncmps)
			return &pol->rules[i];
	return NULL;
}

static void
emit(const struct cage_launch_opts *o, enum cage_event_kind kind,
     const struct seccomp_notif *req, const struct cage_verdict *v)
{
	const struct cage_policy *pol = o->policies[v->policy];
	const struct cage_loc *loc = v->rule ? &v->rule->loc : &pol->dflt_loc;
	struct cage_event ev;

	if (!o->on_event)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.pid = (int)req->pid;
	ev.nr = req->data.nr;
	ev.name = cage_syscall_name(ev.nr);
	memcpy(ev.args, req->data.args, sizeof(ev.args));
	cage_report_comm(ev.pid, ev.comm);
	cage_report_call(ev.call, sizeof(ev.call), ev.pid, ev.name, ev.args);
	ev.action = v->action;
	ev.policy = pol->name;
	ev.file = loc->file ? loc->file->name : NULL;
	ev.line = loc->line;
	cage_report_allow(ev.allow, sizeof(ev.allow), ev.name,
			  template_rule(pol, v, ev.nr), ev.args);
	o->on_event(&ev, o->event_ctx);
}

static bool
denies(const struct cage_action *a)
{
	return a->kind == CAGE_ACTION_ERRNO || a->kind == CAGE_ACTION_TRAP ||
	       a->kind == CAGE_ACTION_KILL;
}

/* Kill the whole process of thread TID, if the call is still pending. */
static void
kill_caller(struct cage_notify *n, struct cage_supervisor *sv, pid_t tid)
{
	if (seccomp_notify_id_valid(n->fd, n->req->id) != 0)
		return;
	if (tid == sv->child || syscall(SYS_tgkill, sv->child, tid, 0) == 0)
		sv->killed = true; /* a thread of the target itself */
	kill(tid, SIGKILL);
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

static void
enforce(struct cage_notify *n, struct cage_supervisor *sv,
	const struct cage_launch_opts *o, const struct cage_verdict *v)
{
	struct seccomp_notif_resp *resp = n->resp;
	pid_t tid = (pid_t)n->req->pid;

	if (o->supervise == CAGE_SUPERVISE_AUDIT) {
		if (denies(&v->action) && !v->new_syscall)
			emit(o, CAGE_EVENT_AUDIT, n->req, v);
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		return;
	}
	switch (v->action.kind) {
	case CAGE_ACTION_LOG:
		emit(o, CAGE_EVENT_LOGGED, n->req, v);
		/* fall through */
	case CAGE_ACTION_ALLOW:
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		return;
	case CAGE_ACTION_ERRNO:
		if (!v->new_syscall)
			emit(o, CAGE_EVENT_DENIED, n->req, v);
		resp->error = -v->action.errnum;
		return;
	case CAGE_ACTION_TRAP:
		emit(o, CAGE_EVENT_DENIED, n->req, v);
		syscall(SYS_tgkill, sv->child, tid, SIGSYS);
		resp->error = -ENOSYS;
		return;
	default:
		emit(o, CAGE_EVENT_DENIED, n->req, v);
		kill_caller(n, sv, tid);
		resp->error = -EPERM; /* only if the kill came too late */
		return;
	}
}

int
cage_notify_handle(struct cage_notify *n, struct cage_supervisor *sv,
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
	struct cage_notify *n = arg;
	sigset_t set;
	uint64_t one = 1;

	sigemptyset(&set);
	sigaddset(&set, wake_signal());
	(void)pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	while (!atomic_load(&n->stop)) {
		int err = cage_notify_handle(n, n->sv, n->o);

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
cage_notify_start(struct cage_notify *n, struct cage_supervisor *sv,
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
cage_notify_stop(struct cage_notify *n)
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
