// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The launch plan, built before fork: the filters (or their copies
 * compiled into the binary), the supervised program, the command's path,
 * the path variables, the target's environment, the lowest limits, the
 * Landlock layers and the capabilities to keep.  What the child does with
 * it is launch.c's; what it checks first is said here, step by step.
 */
#include "compile/check.h"
#include "compile/embedded.h"
#include "compile/supervised.h"
#include "compile/supervised_watch.h"
#include "launch/command.h"
#include "launch/environ.h"
#include "launch/fs_home.h"
#include "launch/plan_audit.h"
#include "launch/plan.h"
#include "launch/guarded.h"
#include "launch/plan_view.h"
#include "launch/plan_vars.h"
#include "base/syscalls.h"
#include "policy/decide.h"
#include "supervise/record.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

extern char **environ;

/* A launch step that fails already: cage_launch reports it as that step. */
static void
fail_later(struct cage_plan *p, const char *step, int errnum, int status)
{
	snprintf(p->fail.step, sizeof(p->fail.step), "%s", step);
	p->fail.errnum = errnum;
	p->fail_status = status;
}

/*
 * The kernel filters serve a launch that cannot have a listener because
 * one exists up the chain: only possible if we run under a filter.
 * Without one (mode 0), a policy of one's own need not be compiled by
 * libseccomp at all; unsure (the call refused), it is.
 */
static bool
may_be_nested(void)
{
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 0;
}

/* --learn stacks the policies' kernel filters under its own. */
static int
compile_filters(struct cage_plan *p, struct cage_diags *d)
{
	const struct cage_launch_opts *o = &p->opts;
	bool kernel = o->supervise == CAGE_SUPERVISE_OFF ||
		      o->supervise == CAGE_SUPERVISE_LEARN || may_be_nested();
	int err = 0;

	p->filters = calloc(o->npolicies, sizeof(struct cage_filter *));
	if (!p->filters)
		return -ENOMEM;
	p->nfilters = o->npolicies;
	for (size_t i = 0; i < o->npolicies && kernel && !err; i++)
		err = cage_filter_for_launch(o->policies[i], d, &p->filters[i]);
	return err;
}

/* Landlock is planned before fork: a kernel that cannot hold a policy's
 * fs or port rules stops the launch (unless it says 'fs best-effort'). */
static int
plan_landlock(struct cage_plan *p, struct cage_diags *d)
{
	const struct cage_launch_opts *o = &p->opts;
	const char *why;
	int err = cage_landlock_prepare(o->policies, o->npolicies, &p->vars,
					&p->landlock, &why);

	if (err == -EOPNOTSUPP)
		cage_plan_say(d, CAGE_SEVERITY_ERROR,
			      "landlock: %s (a policy that says 'fs "
			      "best-effort' runs "
			      "with what the kernel has)",
			      why);
	else if (err)
		cage_plan_say(d, CAGE_SEVERITY_ERROR, "landlock: %s",
			      why ? why : strerror(-err));
	if (err || !o->verbose)
		return err;
	if (p->landlock.abi_used &&
	    (err = cage_plan_say(d, CAGE_SEVERITY_NOTE, "landlock ABI %d",
				 p->landlock.abi_used)))
		return err;
	return cage_plan_say(d, CAGE_SEVERITY_NOTE, "%s",
			     cage_landlock_tty_note(&p->landlock));
}

/* The private view, and under -v what it binds where. */
static int
plan_view(struct cage_plan *p, struct cage_diags *d)
{
	const struct cage_view_plan *v;
	int err = cage_plan_view(&p->opts, &p->vars, &p->view);

	if (err) {
		cage_plan_say(d, CAGE_SEVERITY_ERROR, "private view: %s%s",
			      strerror(-err),
			      err == -EINVAL
				      ? " ($HOME unset, relative or /, with "
					"'private home'?, or a git "
					"configuration that is not a file "
					"or over 1 MiB)"
			      : err == -ENOTDIR ? " ('private gitconfig' needs "
						  "'private home')"
						: "");
		return err;
	}
	v = p->view;
	if (!v || !p->opts.verbose || p->opts.supervise == CAGE_SUPERVISE_AUDIT)
		return 0; /* --audit says it, not applied */
	err = cage_plan_say(
		d, CAGE_SEVERITY_NOTE, "private view:%s%s%s%s%s%s%s",
		v->ns & CAGE_VIEW_NS_USER ? " user" : "",
		v->ns & CAGE_VIEW_NS_MOUNT ? " mount" : "",
		v->ns & CAGE_VIEW_NS_PID ? " pid" : "",
		v->ns & CAGE_VIEW_NS_IPC ? " ipc" : "",
		v->ns & CAGE_VIEW_NS_NET ? " net (lo only)" : "", " namespaces",
		v->best_effort ? "; best effort" : "");
	for (size_t i = 0; i < v->n_mounts && !err; i++) {
		const struct cage_view_mount *m = &v->mounts[i];
		struct stat st;

		/* What is not there now will be skipped: not worth a line. */
		if ((m->kind == CAGE_VIEW_HIDE ||
		     (m->flags & CAGE_VIEW_OPTIONAL)) &&
		    lstat(m->kind == CAGE_VIEW_HIDE ? m->target : m->source,
			  &st) < 0)
			continue;
		err = cage_plan_say(d, CAGE_SEVERITY_NOTE, "  %s%s", m->what,
				    m->kind != CAGE_VIEW_BIND ? ""
				    : m->flags & CAGE_VIEW_WRITE
					    ? " (read-write)"
					    : " (read-only)");
	}
	return err;
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

/*
 * --learn: by tracing where the kernel lets us (no round trip per call),
 * else through the listener; the learned policy and -v say which, and
 * why not the first.
 */
static bool
learn_by_tracing(const struct cage_launch_opts *o,
		 const struct cage_view_plan *view,
		 struct cage_trace_probe *probe)
{
	char method[320];
	int err;

	/* The traced process would be the PID namespace's waiter, not the
	 * target: the listener sees the target's calls wherever it runs. */
	if (view && (view->ns & CAGE_VIEW_NS_PID)) {
		cage_learned_note_method(o->learned,
					 "the seccomp listener (a round trip "
					 "per call): not traced in a PID "
					 "namespace (private pid)");
		cage_learned_note_policies(o->learned, o->policies,
					   o->npolicies);
		return false;
	}
	err = cage_trace_probe(probe);

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

/*
 * fs_report: the model of the fs layers the supervisor checks paths
 * against (supervise/fs_check.c): the fs rules, and the view's paths,
 * made or (--audit) only planned.  Before --audit takes the view out.
 */
static int
plan_fs_check(struct cage_plan *p)
{
	const struct cage_launch_opts *o = &p->opts;
	const struct cage_view_plan *v = p->view;
	struct cage_fs_view_path *paths = NULL;
	size_t n = 0;
	int state = CAGE_FS_VIEW_NONE, err;

	if (!o->fs_report || o->supervise == CAGE_SUPERVISE_OFF ||
	    o->supervise == CAGE_SUPERVISE_LEARN)
		return 0;
	if (v && (v->ns & CAGE_VIEW_NS_MOUNT)) {
		state = o->supervise == CAGE_SUPERVISE_AUDIT
				? CAGE_FS_VIEW_PLANNED
				: CAGE_FS_VIEW_MADE;
		paths = calloc(v->n_mounts + 1, sizeof(*paths));
		if (!paths)
			return -ENOMEM;
		for (size_t i = 0; i < v->n_mounts; i++)
			paths[n++] = (struct cage_fs_view_path){
				v->mounts[i].target,
				(v->mounts[i].flags & CAGE_VIEW_WRITE) != 0,
				v->mounts[i].kind != CAGE_VIEW_BIND &&
					v->mounts[i].kind != CAGE_VIEW_HIDE,
				v->mounts[i].kind == CAGE_VIEW_HIDE};
	}
	err = cage_fs_check_new(o->policies, o->npolicies, &p->vars, paths, n,
				state, v && (v->ns & CAGE_VIEW_NS_NET),
				&p->fscheck);
	free(paths);
	return err;
}

/* The path-taking calls go to the supervisor too (fs_report). */
static int
watch_paths(struct cage_plan *p)
{
	int nrs[64];
	size_t n = cage_fs_check_calls(p->fscheck, nrs, 64);

	return cage_supervised_watch(&p->supervised, nrs, n);
}

/* The guard, and the supervised programs: they name the status socket's
 * child end by number. */
static void
plan_seccomp(struct cage_plan *p)
{
	const struct cage_launch_opts *o = &p->opts;
	int r = 0;

	if (cage_guard_program(&p->guard) < 0) {
		fail_later(p, "seccomp (guard)", E2BIG, CAGE_EXIT_SETUP);
		return;
	}
	p->probe.id = -1;
	if (o->supervise == CAGE_SUPERVISE_LEARN && o->learned &&
	    learn_by_tracing(o, p->view, &p->probe)) {
		r = cage_supervised_trace_program(&p->supervised);
		p->traced = true;
	} else if (o->supervise != CAGE_SUPERVISE_OFF) {
		r = cage_supervised_for_launch(o->policies, o->npolicies,
					       o->supervise ==
						       CAGE_SUPERVISE_LEARN,
					       p->socks[1], &p->supervised);
		if (!r && p->fscheck)
			r = watch_paths(p);
		if (!r && o->supervise == CAGE_SUPERVISE_ENFORCE)
			r = cage_supervised_close_program(
				o->policies, o->npolicies, p->socks[1],
				&p->closing);
	}
	if (r) {
		fail_later(p, "seccomp (supervised filter)", -r,
			   CAGE_EXIT_SETUP);
		return;
	}
	if (p->closing.len && !may_stack_filter(o)) {
		fail_later(p,
			   "seccomp (the policy denies sendmsg and "
			   "seccomp)",
			   EPERM, CAGE_EXIT_SETUP);
		return;
	}
}

/* The launch's steps that can be done, or found to fail, before fork. */
static void
plan_steps(struct cage_plan *p)
{
	const struct cage_launch_opts *o = &p->opts;
	int r = cage_find_command(o->argv[0], o->envp ? o->envp : environ,
				  p->path, sizeof(p->path));

	if (r) {
		fail_later(p, "execve", -r,
			   r == -ENOENT ? CAGE_EXIT_NOTFOUND
					: CAGE_EXIT_NOEXEC);
		return;
	}
	/* --audit made it already (plan_audit.c): nothing dropped. */
	r = p->target_env ? 0
			  : cage_environ_build(o->policies, o->npolicies,
					       o->envp ? o->envp : environ,
					       &p->target_env);
	if (!r)
		r = cage_environ_dropped(o->envp ? o->envp : environ,
					 p->target_env, &p->env_dropped);
	if (r) {
		fail_later(p, "environment", -r, CAGE_EXIT_SETUP);
		return;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p->socks) <
	    0) {
		fail_later(p, "socketpair", errno, CAGE_EXIT_SETUP);
		return;
	}
	plan_seccomp(p);
	/* A view forks on (the PID namespace's waiter never execs) and a
	 * user namespace refuses a shared address space. */
	p->share_memory = !p->view && !p->fscheck && may_share_memory(o);
}

int
cage_plan_new(const struct cage_launch_opts *opts, struct cage_diags *diags,
	      struct cage_plan **out)
{
	struct cage_plan *p;
	int err;

	*out = NULL;
	if (!opts->argv || !opts->argv[0] || !opts->npolicies)
		return -EINVAL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->opts = *opts;
	p->socks[0] = p->socks[1] = -1;
	p->caps_keep = opts->caps_keep;
	for (size_t i = 0; i < opts->npolicies; i++)
		p->caps_keep |= cage_policy_caps_keep(opts->policies[i]);
	err = compile_filters(p, diags);
	if (!err)
		err = cage_plan_vars(p, diags);
	if (!err && opts->supervise != CAGE_SUPERVISE_AUDIT)
		err = plan_landlock(p, diags);
	if (!err)
		err = plan_view(p, diags);
	/* A view whose binds are the fs rules: Landlock's nested rules go. */
	if (!err && p->view && (p->view->ns & CAGE_VIEW_NS_MOUNT))
		err = cage_landlock_skip_nested(&p->landlock);
	if (!err && (err = plan_fs_check(p)))
		cage_plan_say(diags, CAGE_SEVERITY_ERROR, "fs report: %s",
			      strerror(-err));
	cage_limits_merge(opts->policies, opts->npolicies, &p->limits);
	/* --audit enforces nothing: Landlock left out above, the view,
	 * the environment and the limits said and taken out here. */
	if (!err && opts->supervise == CAGE_SUPERVISE_AUDIT)
		err = cage_plan_audit(opts, &p->vars, &p->view, &p->limits,
				      opts->envp ? opts->envp : environ,
				      &p->target_env, diags);
	if (err) {
		cage_plan_free(p);
		return err;
	}
	plan_steps(p);
	/* A child sharing our memory holds us until it execs: no check
	 * while it runs, then. */
	if (p->pending_guard && p->share_memory &&
	    (err = cage_plan_check(p, diags))) {
		cage_plan_free(p);
		return err;
	}
	*out = p;
	return 0;
}

void
cage_plan_free(struct cage_plan *p)
{
	if (!p)
		return;
	if (p->run && p->abort_run) /* a child started, not launched */
		p->abort_run(p);
	if (p->pending_guard) {
		cage_guarded_free(p->pending_guard);
		free(p->pending_guard);
	}
	for (size_t i = 0; i < p->nfilters; i++)
		cage_filter_free(p->filters[i]);
	free(p->filters);
	cage_environ_free(p->target_env);
	cage_env_dropped_free(&p->env_dropped);
	cage_landlock_layers_free(&p->landlock);
	cage_view_plan_free(p->view);
	cage_fs_check_free(p->fscheck);
	free(p->supervised.filter);
	free(p->closing.filter);
	for (int i = 0; i < 2; i++)
		if (p->socks[i] >= 0)
			close(p->socks[i]);
	free(p);
}

const char *const *
cage_plan_env_dropped(const struct cage_plan *p, size_t *n)
{
	*n = p->env_dropped.n;
	return p->env_dropped.n ? (const char *const *)p->env_dropped.names
				: NULL;
}

const struct cage_limit_set *
cage_plan_limits(const struct cage_plan *p, size_t *n)
{
	*n = p->limits.n;
	return p->limits.n ? p->limits.shown : NULL;
}

void
cage_plan_ended(const struct cage_plan *p, int *signal, uint64_t *cpu_us)
{
	*signal = p->end_signal;
	*cpu_us = p->end_cpu_us;
}

/* --check: the filters a launch would load, compiled afresh (not the
 * built-ins' copies) to find what the kernel would refuse. */
int
cage_policy_check(struct cage_policy *pol, struct cage_diags *diags)
{
	struct cage_filter *f = NULL;
	int err = cage_filter_compile(pol, diags, &f);

	if (!err)
		err = cage_filter_check_size(pol, f, diags);
	if (!err)
		err = cage_policy_lint(pol, diags);
	cage_filter_free(f);
	return err;
}
