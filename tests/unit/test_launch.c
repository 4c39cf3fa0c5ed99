// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cage_launch fails closed: each setup call of the launch sequence is made
 * to fail (or to lie) through -Wl,--wrap, and execve must never be reached.
 * Supervised launches too: the listener's filter, its hand-over, and the
 * perf events of --learn by tracing.
 */
#include "launch/launch.h"
#include "supervise/learn_trace.h"
#include "policy_helper.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum call {
	CALL_NONE,
	CALL_PRCTL,
	CALL_CLOSE_RANGE,
	CALL_CAP_GET_PROC,
	CALL_CAP_GET_BOUND,
	CALL_CAP_DROP_BOUND,
	CALL_CAP_RESET_AMBIENT,
	CALL_CAP_SET_PROC,
	CALL_SECCOMP_LOAD,
	CALL_EXECVE,
	CALL_SOCKETPAIR,
	CALL_FORK,
	/* Made through syscall(2), told apart by number and flags. */
	CALL_SECCOMP_LISTENER, /* the supervised filter */
	CALL_SECCOMP_PROGRAM,  /* --learn by tracing's filter */
	CALL_SENDMSG,	       /* the listener's hand-over */
	CALL_PERF_EVENT_OPEN,  /* --learn by tracing: probe, then per CPU */
	NCALLS,
};

static const char *const call_names[NCALLS] = {
	[CALL_PRCTL] = "prctl",
	[CALL_CLOSE_RANGE] = "close_range",
	[CALL_CAP_GET_PROC] = "cap_get_proc",
	[CALL_CAP_GET_BOUND] = "cap_get_bound",
	[CALL_CAP_DROP_BOUND] = "cap_drop_bound",
	[CALL_CAP_RESET_AMBIENT] = "cap_reset_ambient",
	[CALL_CAP_SET_PROC] = "cap_set_proc",
	[CALL_SECCOMP_LOAD] = "seccomp_load",
	[CALL_EXECVE] = "execve",
	[CALL_SOCKETPAIR] = "socketpair",
	[CALL_FORK] = "fork",
	[CALL_SECCOMP_LISTENER] = "syscall(SYS_seccomp, NEW_LISTENER)",
	[CALL_SECCOMP_PROGRAM] = "syscall(SYS_seccomp)",
	[CALL_SENDMSG] = "syscall(SYS_sendmsg)",
	[CALL_PERF_EVENT_OPEN] = "syscall(SYS_perf_event_open)",
};

enum how {
	HOW_FAIL, /* fail with the errno */
	HOW_SKIP, /* return 0 and do nothing: a lie, or a "no" */
};

/* The one call that misbehaves.  Set before cage_launch: fork copies it. */
struct fault {
	enum call call;
	int option; /* CALL_PRCTL: only calls with this option count */
	int nth;    /* the nth counted call misbehaves; 0: every one */
	enum how how;
	int errnum;
};

static struct fault fault;
/* Sets the scene for the fault: this call fails every time, uncounted
 * (a listener up the chain, or no perf events for --learn). */
static struct fault also;
static int ncalls[NCALLS]; /* per process: the child counts its own */
static bool allow_exec;

/*
 * Written by the child, read by the test: a MAP_SHARED page, as the child
 * may be forked (its own copy of everything else) or cloned sharing our
 * memory until it execs.
 */
struct shared {
	int execve_calls;
	int injected;	    /* how often the fault struck */
	int passed[NCALLS]; /* calls that reached the real one */
	int no_listener;    /* CAGE_EVENT_NO_LISTENER reports */
	int no_listener_errno;
};

static struct shared *shared;

static bool
strikes(enum call call)
{
	if (fault.call != call)
		return false;
	ncalls[call]++;
	if (fault.nth && ncalls[call] != fault.nth)
		return false;
	__atomic_add_fetch(&shared->injected, 1, __ATOMIC_SEQ_CST);
	return true;
}

static void
passed(enum call call)
{
	__atomic_add_fetch(&shared->passed[call], 1, __ATOMIC_SEQ_CST);
}

/* The wrapped calls: -Wl,--wrap=X sends the library's X here. */
int __real_prctl(int option, ...);
int __wrap_prctl(int option, ...);
int __real_close_range(unsigned first, unsigned last, int flags);
int __wrap_close_range(unsigned first, unsigned last, int flags);
int __real_cap_drop_bound(cap_value_t cap);
int __wrap_cap_drop_bound(cap_value_t cap);
int __real_cap_reset_ambient(void);
int __wrap_cap_reset_ambient(void);
int __real_cap_set_proc(cap_t caps);
int __wrap_cap_set_proc(cap_t caps);
cap_t __wrap_cap_get_proc(void);
int __wrap_cap_get_bound(cap_value_t cap);
int __real_seccomp_load(const scmp_filter_ctx ctx);
int __wrap_seccomp_load(const scmp_filter_ctx ctx);
int __real_execve(const char *path, char *const argv[], char *const envp[]);
int __wrap_execve(const char *path, char *const argv[], char *const envp[]);
int __real_socketpair(int domain, int type, int protocol, int sv[2]);
int __wrap_socketpair(int domain, int type, int protocol, int sv[2]);
pid_t __real_fork(void);
pid_t __wrap_fork(void);
int __real_clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
int __wrap_clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
long __real_syscall(long nr, ...);
long __wrap_syscall(long nr, ...);

/* A failing call returns -1 with errno, a lying one 0. */
#define MISBEHAVE()                                                            \
	do {                                                                   \
		if (fault.how == HOW_SKIP)                                     \
			return 0;                                              \
		errno = fault.errnum;                                          \
		return -1;                                                     \
	} while (0)

static bool
listener_up_the_chain(void)
{
	return (fault.call == CALL_SECCOMP_LISTENER && fault.errnum == EBUSY) ||
	       (also.call == CALL_SECCOMP_LISTENER && also.errnum == EBUSY);
}

int
__wrap_prctl(int option, ...)
{
	unsigned long a[4];
	va_list ap;

	/* The library passes all five arguments, as prctl(2) shows. */
	va_start(ap, option);
	for (size_t i = 0; i < N(a); i++)
		a[i] = va_arg(ap, unsigned long);
	va_end(ap);
	if (option == fault.option && strikes(CALL_PRCTL))
		MISBEHAVE();
	/* A listener is refused with EBUSY only when one is up the chain,
	 * that is under a filter: the plan then compiles the kernel filters
	 * the launch falls back to. */
	if (option == PR_GET_SECCOMP && listener_up_the_chain())
		return SECCOMP_MODE_FILTER;
	return __real_prctl(option, a[0], a[1], a[2], a[3]);
}

int
__wrap_close_range(unsigned first, unsigned last, int flags)
{
	if (strikes(CALL_CLOSE_RANGE))
		MISBEHAVE();
	return __real_close_range(first, last, flags);
}

int
__wrap_cap_drop_bound(cap_value_t cap)
{
	if (strikes(CALL_CAP_DROP_BOUND))
		MISBEHAVE();
	return __real_cap_drop_bound(cap);
}

int
__wrap_cap_reset_ambient(void)
{
	if (strikes(CALL_CAP_RESET_AMBIENT))
		MISBEHAVE();
	return __real_cap_reset_ambient();
}

int
__wrap_cap_set_proc(cap_t caps)
{
	if (strikes(CALL_CAP_SET_PROC))
		MISBEHAVE();
	return __real_cap_set_proc(caps);
}

/*
 * cap_get_proc and cap_get_bound are not in the wrap list yet; these reach
 * the real ones through the dynamic linker, so that the file links either
 * way.  Until they are wrapped, their cases fail saying so.
 */
static void *
real_symbol(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (!p)
		abort();
	return p;
}

cap_t
__wrap_cap_get_proc(void)
{
	void *p = real_symbol("cap_get_proc");
	cap_t (*real)(void);

	if (strikes(CALL_CAP_GET_PROC)) {
		errno = fault.errnum;
		return NULL;
	}
	memcpy(&real, &p, sizeof(real));
	return real();
}

int
__wrap_cap_get_bound(cap_value_t cap)
{
	void *p = real_symbol("cap_get_bound");
	int (*real)(cap_value_t);

	if (strikes(CALL_CAP_GET_BOUND)) {
		errno = fault.errnum;
		return -1;
	}
	memcpy(&real, &p, sizeof(real));
	return real(cap);
}

/* libseccomp returns -errno. */
int
__wrap_seccomp_load(const scmp_filter_ctx ctx)
{
	if (strikes(CALL_SECCOMP_LOAD))
		return -fault.errnum;
	passed(CALL_SECCOMP_LOAD);
	return __real_seccomp_load(ctx);
}

/* Runs in the child, where only the shared page reaches the test. */
int
__wrap_execve(const char *path, char *const argv[], char *const envp[])
{
	__atomic_add_fetch(&shared->execve_calls, 1, __ATOMIC_SEQ_CST);
	if (strikes(CALL_EXECVE))
		MISBEHAVE();
	if (!allow_exec)
		_exit(99); /* fail-open: the test sees execve_calls */
	return __real_execve(path, argv, envp);
}

int
__wrap_socketpair(int domain, int type, int protocol, int sv[2])
{
	if (strikes(CALL_SOCKETPAIR))
		MISBEHAVE();
	return __real_socketpair(domain, type, protocol, sv);
}

/* Counted in the parent, where the test reads ncalls directly. */
pid_t
__wrap_fork(void)
{
	ncalls[CALL_FORK]++;
	if (fault.call == CALL_FORK &&
	    (!fault.nth || ncalls[CALL_FORK] == fault.nth)) {
		__atomic_add_fetch(&shared->injected, 1, __ATOMIC_SEQ_CST);
		errno = fault.errnum;
		return -1;
	}
	return __real_fork();
}

/* The launch's other way to fork: sharing memory until exec (launch.c). */
int
__wrap_clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	ncalls[CALL_FORK]++;
	if (fault.call == CALL_FORK) {
		__atomic_add_fetch(&shared->injected, 1, __ATOMIC_SEQ_CST);
		errno = fault.errnum;
		return -1;
	}
	return __real_clone(fn, stack, flags, arg);
}

static enum call
syscall_call(long nr, const long a[6])
{
	if (nr == SYS_seccomp && a[0] == SECCOMP_SET_MODE_FILTER)
		return a[1] & SECCOMP_FILTER_FLAG_NEW_LISTENER
			       ? CALL_SECCOMP_LISTENER
			       : CALL_SECCOMP_PROGRAM;
	if (nr == SYS_sendmsg)
		return CALL_SENDMSG;
	if (nr == SYS_perf_event_open)
		return CALL_PERF_EVENT_OPEN;
	return CALL_NONE;
}

/*
 * The child's raw calls and the filter loads.  Also the child's failure
 * report and exit, after its filters are in: only memory is touched here,
 * uninstrumented, as launch.c's child code is.
 */
__attribute__((no_sanitize_address, no_sanitize_undefined)) long
__wrap_syscall(long nr, ...)
{
	enum call call;
	long a[6];
	va_list ap;

	/* Six longs whatever the call: the registers the kernel reads. */
	va_start(ap, nr);
	for (size_t i = 0; i < N(a); i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	call = syscall_call(nr, a);
	if (call != CALL_NONE && also.call == call) {
		errno = also.errnum;
		return -1;
	}
	if (call != CALL_NONE && strikes(call))
		MISBEHAVE();
	if (call != CALL_NONE)
		passed(call);
	return __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* Two policies, the first compiled to two stacked parts: three loads. */
static const char *const policy_text[] = {
	"default allow\n"
	"errno EPERM ptrace\n"
	"allow ptrace if arg0 == 0\n",
	"default allow\n"
	"errno EPERM kexec_load\n",
};

static struct cage_policy *policies[N(policy_text)];
static struct cage_filter *filters[N(policy_text)];

/* Which cases ran, and which could not here, for the closing line. */
static char ran[2048], not_run[1024];

/* Cases that cannot run here are cmocka skips, never passes; main()
 * then exits 77, which meson shows as SKIP. */
static int skipped;

static void
skip_case(void)
{
	skipped++;
	skip();
}

/*
 * As root, the cases run in a mount namespace of their own without
 * tracefs, as on a machine where nothing mounted it (containers, CI):
 * --learn by tracing must then find the tracepoint through its private
 * helper, whatever the host has mounted (where root may not make a
 * namespace, neither may the helper: the cases run as the host is).
 * The host's mounts stay as they are.
 */
static int
without_tracefs(void)
{
	static const char *const dirs[] = {"/sys/kernel/debug/tracing",
					   "/sys/kernel/tracing"};

	if (getuid() != 0)
		return 0;
	/* Root without CAP_SYS_ADMIN (a container): as the host has it. */
	if (unshare(CLONE_NEWNS) < 0)
		return errno == EPERM ? 0 : -1;
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0)
		return -1;
	for (size_t i = 0; i < N(dirs); i++)
		while (umount2(dirs[i], MNT_DETACH) == 0)
			;
	return access("/sys/kernel/tracing/events", F_OK) == 0 ? -1 : 0;
}

static int
group_setup(void **state)
{
	size_t parts = 0;

	if (without_tracefs())
		return -1;

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return -1;
	for (size_t i = 0; i < N(policy_text); i++) {
		struct cage_diags diags = {0};
		const char *t = policy_text[i];
		int r;

		/* The raw load: a group setup says -1, it asserts nothing. */
		r = test_policy_load(TEST_POLICY_NAME, NULL, t, &diags,
				     &policies[i]);
		if (!r)
			r = cage_filter_compile(policies[i], &diags,
						&filters[i]);
		for (size_t k = 0; k < diags.n; k++)
			if (diags.v[k].severity == CAGE_SEVERITY_ERROR)
				cage_diag_print(&diags.v[k], stderr);
		cage_diags_free(&diags);
		if (r)
			return -1;
		parts += cage_filter_count(filters[i]);
	}
	/* The seccomp_load cases count on this. */
	return cage_filter_count(filters[0]) == 2 && parts == 3 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	for (size_t i = 0; i < N(policy_text); i++) {
		cage_filter_free(filters[i]);
		cage_policy_free(policies[i]);
	}
	munmap(shared, sizeof(*shared));
	printf("test_launch: ran as uid %u:%s\n", (unsigned)getuid(), ran);
	printf("test_launch: not applicable here (CAP_SETPCAP, perf events, "
	       "CPUs):%s\n",
	       not_run[0] ? not_run : " none");
	return 0;
}

static int
reset(void **state)
{
	memset(&fault, 0, sizeof(fault));
	memset(&also, 0, sizeof(also));
	memset(ncalls, 0, sizeof(ncalls));
	memset(shared, 0, sizeof(*shared));
	allow_exec = false;
	return 0;
}

static void
note(char *list, size_t size, const char *name)
{
	size_t len = strlen(list);

	snprintf(list + len, size - len, " %s", name);
}

/* caps.c's test: only with it are securebits and bounding set touched. */
static bool
have_setpcap(void)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t c = cap_get_proc();

	assert_non_null(c);
	assert_int_equal(cap_get_flag(c, CAP_SETPCAP, CAP_EFFECTIVE, &v), 0);
	cap_free(c);
	return v == CAP_SET;
}

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* In the parent: the child's word that kernel filters enforce instead. */
static void
on_event(const struct cage_event *ev, void *ctx)
{
	if (ev->kind != CAGE_EVENT_NO_LISTENER)
		return;
	shared->no_listener++;
	shared->no_listener_errno = ev->errnum;
}

/*
 * Launch under both policies; no fd and no signal mask may change.  The
 * timeout turns a launch that hangs into a failed assertion (124).
 */
static int
launch(char *const *argv, size_t nkeep_fds, enum cage_supervise supervise,
       int *status, struct cage_launch_error *err)
{
	static const int keep[CAGE_MAX_KEEP_FDS + 1] = {0};
	struct cage_launch_opts o = {
		.argv = argv,
		.keep_fds = keep,
		.nkeep_fds = nkeep_fds,
		.policies = policies,
		.npolicies = N(policies),
		.supervise = supervise,
		.on_event = on_event,
		.timeout = 20,
	};
	struct cage_diags d = {0};
	struct cage_plan *plan = NULL;
	int fds = count_fds(), r;
	sigset_t before, after;

	if (supervise == CAGE_SUPERVISE_LEARN) {
		o.learned = cage_learned_new();
		assert_non_null(o.learned);
	}
	assert_int_equal(sigprocmask(SIG_SETMASK, NULL, &before), 0);
	*status = -1;
	/* The plan compiles; cage_launch does the launch's steps. */
	assert_int_equal(cage_plan_new(&o, &d, &plan), 0);
	cage_diags_free(&d);
	r = cage_launch(plan, status, err);
	cage_plan_free(plan);
	cage_learned_free(o.learned);
	memset(&fault, 0, sizeof(fault));
	memset(&also, 0, sizeof(also));
	assert_int_equal(sigprocmask(SIG_SETMASK, NULL, &after), 0);
	for (int sig = 1; sig < NSIG; sig++)
		assert_int_equal(sigismember(&before, sig),
				 sigismember(&after, sig));
	assert_int_equal(count_fds(), fds);
	return r;
}

/* Calls that reached the real one, counted in both processes. */
struct passes {
	bool check;
	int loads;     /* seccomp_load: the kernel filters */
	int listeners; /* the supervised filter */
	int programs;  /* --learn by tracing's filter (the guard: below) */
};

struct step_case {
	const char *name;
	struct fault fault;
	struct fault also; /* fails every time, setting the scene */
	enum cage_supervise supervise;
	bool needs_setpcap; /* the call is made only with CAP_SETPCAP */
	bool needs_trace;   /* --learn by tracing: perf events on others */
	long needs_cpus;    /* perf events: one per CPU */
	bool needs_helper;  /* no tracefs mounted: the helper finds the id */
	bool before_fork;   /* fails in the parent: no fork at all */
	size_t nkeep_fds;
	const char *step; /* expected err.step; NULL: any */
	int errnum;	  /* expected err.errnum */
	int status;
	struct passes passed;
	int no_listener; /* expected CAGE_EVENT_NO_LISTENER reports */
	bool no_guard;	 /* fails before the guard (guard.c) is loaded */
};

/* Whether the case can run here; if not, say why or note it. */
static bool
applies(const struct step_case *t)
{
	long cpus = sysconf(_SC_NPROCESSORS_CONF);

	if (t->needs_setpcap && !have_setpcap()) {
		/* Only a non-root run explains a missing CAP_SETPCAP. */
		if (getuid() == 0)
			fail_msg("%s: root without CAP_SETPCAP: cannot test",
				 t->name);
		note(not_run, sizeof(not_run), t->name);
		return false;
	}
	if (t->needs_trace && cage_trace_available() < 0) {
		/* Root may trace, with tracefs or through the helper's
		 * private mount. */
		if (getuid() == 0)
			fail_msg("%s: root cannot open perf events: %s",
				 t->name, strerror(-cage_trace_available()));
		note(not_run, sizeof(not_run), t->name);
		return false;
	}
	if (cpus < t->needs_cpus) {
		note(not_run, sizeof(not_run), t->name);
		return false;
	}
	/* Only where root could not leave tracefs behind (without_tracefs). */
	if (t->needs_helper &&
	    access("/sys/kernel/tracing/events", F_OK) == 0) {
		note(not_run, sizeof(not_run), t->name);
		return false;
	}
	return true;
}

static void
check_passes(const struct step_case *t)
{
	if (!t->passed.check)
		return;
	assert_int_equal(shared->passed[CALL_SECCOMP_LOAD], t->passed.loads);
	assert_int_equal(shared->passed[CALL_SECCOMP_LISTENER],
			 t->passed.listeners);
	/* Every launch loads the guard first, a raw program too. */
	assert_int_equal(shared->passed[CALL_SECCOMP_PROGRAM],
			 t->passed.programs + !t->no_guard);
}

static char *const argv_true[] = {"/bin/true", NULL};

static void
test_fails_closed(void **state)
{
	const struct step_case *t = *state;
	struct cage_launch_error err;
	int status;

	if (!applies(t)) {
		skip_case();
		return;
	}
	memset(ncalls, 0, sizeof(ncalls)); /* applies() may have probed */
	fault = t->fault;
	also = t->also;
	assert_int_equal(
		launch(argv_true, t->nkeep_fds, t->supervise, &status, &err),
		0);
	if (t->fault.call && !shared->injected)
		fail_msg("%s: the fault never struck: is %s in the wrap list "
			 "of tests/meson.build?",
			 t->name, call_names[t->fault.call]);
	if (shared->execve_calls)
		fail_msg("%s: fail-open: execve reached, status %d, step '%s'",
			 t->name, status, err.step);
	if (status == CAGE_EXIT_TIMEOUT)
		fail_msg("%s: the failed launch hung until the timeout",
			 t->name);
	assert_int_equal(status, t->status);
	if (t->step)
		assert_string_equal(err.step, t->step);
	else
		assert_true(err.step[0] != '\0');
	assert_int_equal(err.errnum, t->errnum);
	if (t->fault.nth)
		assert_int_equal(shared->injected, 1);
	if (t->before_fork)
		assert_int_equal(ncalls[CALL_FORK], 0);
	check_passes(t);
	assert_int_equal(shared->no_listener, t->no_listener);
	note(ran, sizeof(ran), t->name);
}

/*
 * The target runs: a supervised launch as it should go, or a listener
 * refused with EBUSY under enforce, where the kernel filters take over.
 */
static void
test_runs(void **state)
{
	const struct step_case *t = *state;
	char *const argv[] = {"/bin/sh", "-c", "exit 7", NULL};
	struct cage_launch_error err;
	int status;

	if (!applies(t)) {
		skip_case();
		return;
	}
	memset(ncalls, 0, sizeof(ncalls)); /* applies() may have probed */
	fault = t->fault;
	also = t->also;
	allow_exec = true;
	assert_int_equal(launch(argv, 0, t->supervise, &status, &err), 0);
	if (t->fault.call && !shared->injected)
		fail_msg("%s: the fault never struck: is %s in the wrap list "
			 "of tests/meson.build?",
			 t->name, call_names[t->fault.call]);
	assert_int_equal(shared->execve_calls, 1);
	assert_int_equal(status, 7);
	assert_string_equal(err.step, "");
	assert_int_equal(err.errnum, 0);
	check_passes(t);
	assert_int_equal(shared->no_listener, t->no_listener);
	if (t->no_listener)
		assert_int_equal(shared->no_listener_errno, EBUSY);
	note(ran, sizeof(ran), t->name);
}

/* Nothing injected: exec happens once and its status comes back. */
static void
test_success(void **state)
{
	char *const argv[] = {"/bin/sh", "-c", "exit 7", NULL};
	struct cage_launch_error err;
	int status;

	allow_exec = true;
	assert_int_equal(launch(argv, 0, CAGE_SUPERVISE_OFF, &status, &err), 0);
	assert_int_equal(shared->execve_calls, 1);
	assert_int_equal(shared->injected, 0);
	assert_int_equal(status, 7);
	assert_string_equal(err.step, "");
	assert_int_equal(err.errnum, 0);
	note(ran, sizeof(ran), "success");
}

static void
check_execve_fails(int errnum, int want)
{
	struct cage_launch_error err;
	int status;

	fault = (struct fault){.call = CALL_EXECVE, .nth = 1, .errnum = errnum};
	assert_int_equal(
		launch(argv_true, 0, CAGE_SUPERVISE_OFF, &status, &err), 0);
	assert_int_equal(shared->execve_calls, 1);
	assert_int_equal(shared->injected, 1);
	assert_int_equal(status, want);
	assert_string_equal(err.step, "execve");
	assert_int_equal(err.errnum, errnum);
}

static void
test_execve_enoent(void **state)
{
	check_execve_fails(ENOENT, CAGE_EXIT_NOTFOUND);
	note(ran, sizeof(ran), "execve-ENOENT");
}

static void
test_execve_eacces(void **state)
{
	check_execve_fails(EACCES, CAGE_EXIT_NOEXEC);
	note(ran, sizeof(ran), "execve-EACCES");
}

/* The command is looked up before fork: a typo costs no fork. */
static void
test_not_found(void **state)
{
	char *const argv[] = {"/nonexistent/syscage-test", NULL};
	struct cage_launch_error err;
	int status;

	assert_int_equal(launch(argv, 0, CAGE_SUPERVISE_OFF, &status, &err), 0);
	assert_int_equal(ncalls[CALL_FORK], 0);
	assert_int_equal(shared->execve_calls, 0);
	assert_int_equal(status, CAGE_EXIT_NOTFOUND);
	assert_string_equal(err.step, "execve");
	assert_int_equal(err.errnum, ENOENT);
	note(ran, sizeof(ran), "not-found");
}

#define CASE(label, ...)                                                       \
	{                                                                      \
		label, test_fails_closed, reset, NULL, &(struct step_case)     \
		{                                                              \
			.name = label, .status = CAGE_EXIT_SETUP, __VA_ARGS__  \
		}                                                              \
	}
/* The target runs (exit 7), whatever was refused on the way. */
#define RUNS(label, ...)                                                       \
	{                                                                      \
		label, test_runs, reset, NULL, &(struct step_case)             \
		{                                                              \
			.name = label, __VA_ARGS__                             \
		}                                                              \
	}
#define FAIL(c, n, e) .fault = {.call = (c), .nth = (n), .errnum = (e)}
#define PRCTL(opt, how_, e)                                                    \
	.fault = {.call = CALL_PRCTL,                                          \
		  .option = (opt),                                             \
		  .nth = 1,                                                    \
		  .how = (how_),                                               \
		  .errnum = (e)}
#define LIE(c, n)	.fault = {.call = (c), .nth = (n), .how = HOW_SKIP}
#define ALSO(c, e)	.also = {.call = (c), .errnum = (e)}
#define CONFIRM_CAPS	"capget (confirm capabilities dropped)"
#define NNP		"prctl(PR_SET_NO_NEW_PRIVS)"
#define PASSED(l, n, p) .passed = {true, (l), (n), (p)}
#define ENFORCE		.supervise = CAGE_SUPERVISE_ENFORCE
#define AUDIT		.supervise = CAGE_SUPERVISE_AUDIT
/* --learn through the listener: perf events refused at the probe. */
#define LEARN_LISTENER                                                         \
	.supervise = CAGE_SUPERVISE_LEARN, ALSO(CALL_PERF_EVENT_OPEN, EACCES)
#define LEARN_TRACE   .supervise = CAGE_SUPERVISE_LEARN, .needs_trace = true
#define LISTENER_BUSY ALSO(CALL_SECCOMP_LISTENER, EBUSY)
#define TRACE_STEP    "perf_event_open (--learn)"

static const struct CMUnitTest tests[] = {
	/* The parent, before and at fork. */
	CASE("PR_SET_DUMPABLE", .before_fork = true,
	     PRCTL(PR_SET_DUMPABLE, HOW_FAIL, ENOLCK),
	     .step = "prctl(PR_SET_DUMPABLE)", .errnum = ENOLCK),
	CASE("socketpair", .before_fork = true,
	     FAIL(CALL_SOCKETPAIR, 1, EMFILE), .step = "socketpair",
	     .errnum = EMFILE),
	CASE("fork", FAIL(CALL_FORK, 1, EAGAIN), .step = "fork",
	     .errnum = EAGAIN),
	/* The child, in launch order. */
	CASE("PR_SET_PDEATHSIG", PRCTL(PR_SET_PDEATHSIG, HOW_FAIL, EIO),
	     .step = "prctl(PR_SET_PDEATHSIG)", .errnum = EIO),
	/* Two close_range calls: below the status socket (socketpair's
	 * second end, so above 3) and above it. */
	CASE("close_range-first", FAIL(CALL_CLOSE_RANGE, 1, ENOSYS),
	     .step = "close_range", .errnum = ENOSYS),
	CASE("close_range-last", FAIL(CALL_CLOSE_RANGE, 2, EFAULT),
	     .step = "close_range", .errnum = EFAULT),
	CASE("keep-fds-too-many", .nkeep_fds = CAGE_MAX_KEEP_FDS + 1,
	     .step = "close_range", .errnum = E2BIG),
	CASE("cap_get_proc-setpcap", .needs_setpcap = true,
	     FAIL(CALL_CAP_GET_PROC, 1, ENOMEM), .step = NULL,
	     .errnum = ENOMEM),
	CASE("PR_SET_SECUREBITS", .needs_setpcap = true,
	     PRCTL(PR_SET_SECUREBITS, HOW_FAIL, EXDEV),
	     .step = "prctl(PR_SET_SECUREBITS)", .errnum = EXDEV),
	CASE("cap_get_bound-all", .needs_setpcap = true,
	     FAIL(CALL_CAP_GET_BOUND, 0, ENOTTY), .step = NULL,
	     .errnum = ENOTTY),
	CASE("cap_drop_bound", .needs_setpcap = true,
	     FAIL(CALL_CAP_DROP_BOUND, 1, EROFS),
	     .step = "capset (bounding set)", .errnum = EROFS),
	CASE("cap_drop_bound-later", .needs_setpcap = true,
	     FAIL(CALL_CAP_DROP_BOUND, 9, EMLINK),
	     .step = "capset (bounding set)", .errnum = EMLINK),
	CASE("cap_drop_bound-lies", .needs_setpcap = true,
	     LIE(CALL_CAP_DROP_BOUND, 0), .step = CONFIRM_CAPS,
	     .errnum = EPERM),
	CASE("cap_reset_ambient", FAIL(CALL_CAP_RESET_AMBIENT, 1, EDOM),
	     .step = "capset (ambient set)", .errnum = EDOM),
	CASE("cap_set_proc", FAIL(CALL_CAP_SET_PROC, 1, ERANGE),
	     .step = "capset", .errnum = ERANGE),
	CASE("cap_set_proc-lies", .needs_setpcap = true,
	     LIE(CALL_CAP_SET_PROC, 1), .step = CONFIRM_CAPS, .errnum = EPERM),
	CASE("cap_get_proc-confirm", FAIL(CALL_CAP_GET_PROC, 2, ENOMEM),
	     .step = CONFIRM_CAPS, .errnum = ENOMEM),
	CASE("PR_SET_NO_NEW_PRIVS",
	     PRCTL(PR_SET_NO_NEW_PRIVS, HOW_FAIL, ENOEXEC), .step = NNP,
	     .errnum = ENOEXEC),
	CASE("PR_SET_NO_NEW_PRIVS-lies",
	     PRCTL(PR_SET_NO_NEW_PRIVS, HOW_SKIP, 0), .step = NNP,
	     .errnum = EPERM),
	CASE("PR_GET_NO_NEW_PRIVS-0", PRCTL(PR_GET_NO_NEW_PRIVS, HOW_SKIP, 0),
	     .step = NNP, .errnum = EPERM),
	CASE("PR_GET_NO_NEW_PRIVS-fails",
	     PRCTL(PR_GET_NO_NEW_PRIVS, HOW_FAIL, ENOLINK), .step = NNP,
	     .errnum = EPERM),
	CASE("seccomp_load-first", FAIL(CALL_SECCOMP_LOAD, 1, EINVAL),
	     .step = "seccomp_load", .errnum = EINVAL, PASSED(0, 0, 0)),
	CASE("seccomp_load-second-part", FAIL(CALL_SECCOMP_LOAD, 2, ENOMEM),
	     .step = "seccomp_load", .errnum = ENOMEM, PASSED(1, 0, 0)),
	CASE("seccomp_load-second-policy",
	     FAIL(CALL_SECCOMP_LOAD, 3, ECANCELED), .step = "seccomp_load",
	     .errnum = ECANCELED, PASSED(2, 0, 0)),
	/* Supervised: one filter with a listener, handed to the parent. */
	RUNS("supervised", ENFORCE, PASSED(0, 1, 0)),
	RUNS("supervised-audit", AUDIT, PASSED(0, 1, 0)),
	/* --learn keeps the policies: their three parts under its filter. */
	RUNS("supervised-learn", LEARN_LISTENER, PASSED(3, 1, 0)),
	CASE("seccomp_load-learn", LEARN_LISTENER,
	     FAIL(CALL_SECCOMP_LOAD, 1, EINVAL), .step = "seccomp_load",
	     .errnum = EINVAL, PASSED(0, 1, 0)),
	CASE("seccomp_load-learn-last", LEARN_LISTENER,
	     FAIL(CALL_SECCOMP_LOAD, 3, ENOMEM), .step = "seccomp_load",
	     .errnum = ENOMEM, PASSED(2, 1, 0)),
	CASE("listener-EINVAL", ENFORCE, FAIL(CALL_SECCOMP_LISTENER, 1, EINVAL),
	     .step = "seccomp_load", .errnum = EINVAL, PASSED(0, 0, 0)),
	CASE("listener-EINVAL-audit", AUDIT,
	     FAIL(CALL_SECCOMP_LISTENER, 1, EINVAL), .step = "seccomp_load",
	     .errnum = EINVAL, PASSED(0, 0, 0)),
	CASE("listener-EINVAL-learn", LEARN_LISTENER,
	     FAIL(CALL_SECCOMP_LISTENER, 1, EINVAL), .step = "seccomp_load",
	     .errnum = EINVAL, PASSED(0, 0, 0)),
	/* The listener is in, but cannot reach the parent. */
	CASE("hand-over-ENOBUFS", ENFORCE, FAIL(CALL_SENDMSG, 1, ENOBUFS),
	     .step = "seccomp_load", .errnum = ENOBUFS, PASSED(0, 1, 0)),
	CASE("hand-over-ENOBUFS-audit", AUDIT, FAIL(CALL_SENDMSG, 1, ENOBUFS),
	     .step = "seccomp_load", .errnum = ENOBUFS, PASSED(0, 1, 0)),
	CASE("hand-over-ENOBUFS-learn", LEARN_LISTENER,
	     FAIL(CALL_SENDMSG, 1, ENOBUFS), .step = "seccomp_load",
	     .errnum = ENOBUFS, PASSED(0, 1, 0)),
	/* EBUSY: a listener up the chain.  Enforce falls back to the
	 * kernel filters, all three of them, and says so; --audit and
	 * --learn cannot do without the listener. */
	RUNS("listener-EBUSY", ENFORCE, FAIL(CALL_SECCOMP_LISTENER, 1, EBUSY),
	     PASSED(3, 0, 0), .no_listener = 1),
	CASE("listener-EBUSY-audit", AUDIT,
	     FAIL(CALL_SECCOMP_LISTENER, 1, EBUSY), .step = "seccomp_load",
	     .errnum = EBUSY, PASSED(0, 0, 0)),
	CASE("listener-EBUSY-learn", LEARN_LISTENER,
	     FAIL(CALL_SECCOMP_LISTENER, 1, EBUSY), .step = "seccomp_load",
	     .errnum = EBUSY, PASSED(0, 0, 0)),
	CASE("listener-EBUSY-report", ENFORCE, LISTENER_BUSY,
	     FAIL(CALL_SENDMSG, 1, ENOBUFS), .step = "seccomp_load",
	     .errnum = ENOBUFS, PASSED(0, 0, 0)),
	CASE("listener-EBUSY-seccomp_load-second", ENFORCE, LISTENER_BUSY,
	     FAIL(CALL_SECCOMP_LOAD, 2, ENOMEM), .step = "seccomp_load",
	     .errnum = ENOMEM, PASSED(1, 0, 0), .no_listener = 1),
	CASE("listener-EBUSY-seccomp_load-last", ENFORCE, LISTENER_BUSY,
	     FAIL(CALL_SECCOMP_LOAD, 3, EINVAL), .step = "seccomp_load",
	     .errnum = EINVAL, PASSED(2, 0, 0), .no_listener = 1),
	/* --learn by tracing: perf_event_open once to probe, then once a
	 * CPU for the child, which waits for the parent's go.  No tracefs is
	 * mounted here (without_tracefs): root's helper finds the id. */
	RUNS("learn-trace", LEARN_TRACE, PASSED(3, 0, 1)),
	CASE("seccomp_load-learn-trace", LEARN_TRACE,
	     FAIL(CALL_SECCOMP_LOAD, 2, ENOMEM), .step = "seccomp_load",
	     .errnum = ENOMEM, PASSED(1, 0, 1)),
	/* The helper cannot fork: no id, so the listener learns. */
	RUNS("learn-tracefs-helper-fails", LEARN_TRACE, .needs_helper = true,
	     FAIL(CALL_FORK, 1, EAGAIN), PASSED(3, 1, 0)),
	CASE("perf_event_open-child", LEARN_TRACE,
	     FAIL(CALL_PERF_EVENT_OPEN, 2, EMFILE), .step = TRACE_STEP,
	     .errnum = EMFILE, PASSED(0, 0, 0), .no_guard = true),
	CASE("perf_event_open-second-cpu", LEARN_TRACE, .needs_cpus = 2,
	     FAIL(CALL_PERF_EVENT_OPEN, 3, ENOMEM), .step = TRACE_STEP,
	     .errnum = ENOMEM, PASSED(0, 0, 0), .no_guard = true),
	CASE("seccomp-learn-trace", LEARN_TRACE,
	     FAIL(CALL_SECCOMP_PROGRAM, 2, EINVAL), .step = "seccomp_load",
	     .errnum = EINVAL, PASSED(0, 0, 0)),
	/* The guard (guard.c), loaded first in every launch. */
	CASE("seccomp-guard", FAIL(CALL_SECCOMP_PROGRAM, 1, EPERM),
	     .step = "seccomp_load", .errnum = EPERM, PASSED(0, 0, 0),
	     .no_guard = true),
	CASE("seccomp-guard-supervised", ENFORCE,
	     FAIL(CALL_SECCOMP_PROGRAM, 1, EINVAL), .step = "seccomp_load",
	     .errnum = EINVAL, PASSED(0, 0, 0), .no_guard = true),
	/* Exec itself. */
	cmocka_unit_test_setup(test_success, reset),
	cmocka_unit_test_setup(test_execve_enoent, reset),
	cmocka_unit_test_setup(test_execve_eacces, reset),
	cmocka_unit_test_setup(test_not_found, reset),
};

int
main(void)
{
	int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);

	return failed ? failed : skipped ? 77 : 0;
}
