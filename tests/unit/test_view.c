// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view: the plan (paths, order, what finish adds), and the
 * child's steps on the real kernel, failing closed when a namespace or
 * mount call fails (-Wl,--wrap): the step is named, execve is never
 * reached.  Also the PID namespace's init: exit status, signals, orphans;
 * and symlinks in a bind's source or target.
 */
#include "launch/view.h"
#include "launch/view_mount.h"
#include "launch/view_pid.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

enum call {
	CALL_NONE,
	CALL_UNSHARE, /* every unshare, or only FAIL_FLAG's */
	CALL_MOUNT,   /* the MS_SLAVE remount */
	CALL_OPEN_TREE,
	CALL_MOUNT_SETATTR, /* every one, or only the root's (FAIL_ROOT) */
	CALL_MOVE_MOUNT,
	CALL_FSOPEN, /* every one, or only of FAIL_TYPE */
	CALL_FSMOUNT,
	CALL_PIVOT_ROOT, /* syscall(SYS_pivot_root) */
	CALL_SETNS,	 /* pid 1 joining the waiter's network namespace */
	CALL_IOCTL,	 /* lo up, in the waiter */
};

/* Set before fork, read in the child. */
static enum call bad;
static int fail_flag;
static const char *fail_type;
static bool fail_root;
static int exec_fd = -1; /* the wrapped execve says it was reached here */

int __real_unshare(int flags);
int __wrap_unshare(int flags);
int __real_mount(const char *s, const char *t, const char *f, unsigned long m,
		 const void *d);
int __wrap_mount(const char *s, const char *t, const char *f, unsigned long m,
		 const void *d);
int __real_open_tree(int dfd, const char *path, unsigned flags);
int __wrap_open_tree(int dfd, const char *path, unsigned flags);
int __real_mount_setattr(int dfd, const char *path, unsigned flags,
			 struct mount_attr *a, size_t size);
int __wrap_mount_setattr(int dfd, const char *path, unsigned flags,
			 struct mount_attr *a, size_t size);
int __real_move_mount(int f, const char *fp, int t, const char *tp,
		      unsigned flags);
int __wrap_move_mount(int f, const char *fp, int t, const char *tp,
		      unsigned flags);
int __real_fsopen(const char *type, unsigned flags);
int __wrap_fsopen(const char *type, unsigned flags);
int __real_fsmount(int fs, unsigned flags, unsigned attr);
int __wrap_fsmount(int fs, unsigned flags, unsigned attr);
long __real_syscall(long nr, ...);
long __wrap_syscall(long nr, ...);
int __real_setns(int fd, int type);
int __wrap_setns(int fd, int type);
int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);
int __real_execve(const char *path, char *const argv[], char *const envp[]);
int __wrap_execve(const char *path, char *const argv[], char *const envp[]);

#define FAIL_IF(cond)                                                          \
	do {                                                                   \
		if (cond) {                                                    \
			errno = EPERM;                                         \
			return -1;                                             \
		}                                                              \
	} while (0)

int
__wrap_unshare(int flags)
{
	FAIL_IF(bad == CALL_UNSHARE && (!fail_flag || flags == fail_flag));
	return __real_unshare(flags);
}

int
__wrap_mount(const char *s, const char *t, const char *f, unsigned long m,
	     const void *d)
{
	FAIL_IF(bad == CALL_MOUNT);
	return __real_mount(s, t, f, m, d);
}

int
__wrap_open_tree(int dfd, const char *path, unsigned flags)
{
	FAIL_IF(bad == CALL_OPEN_TREE);
	return __real_open_tree(dfd, path, flags);
}

int
__wrap_mount_setattr(int dfd, const char *path, unsigned flags,
		     struct mount_attr *a, size_t size)
{
	FAIL_IF(bad == CALL_MOUNT_SETATTR &&
		(!fail_root || (dfd == AT_FDCWD && !strcmp(path, "/"))));
	return __real_mount_setattr(dfd, path, flags, a, size);
}

int
__wrap_move_mount(int f, const char *fp, int t, const char *tp, unsigned flags)
{
	FAIL_IF(bad == CALL_MOVE_MOUNT);
	return __real_move_mount(f, fp, t, tp, flags);
}

int
__wrap_fsopen(const char *type, unsigned flags)
{
	FAIL_IF(bad == CALL_FSOPEN && (!fail_type || !strcmp(type, fail_type)));
	return __real_fsopen(type, flags);
}

int
__wrap_fsmount(int fs, unsigned flags, unsigned attr)
{
	FAIL_IF(bad == CALL_FSMOUNT);
	return __real_fsmount(fs, flags, attr);
}

long
__wrap_syscall(long nr, ...)
{
	long a[6];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	FAIL_IF(bad == CALL_PIVOT_ROOT && nr == SYS_pivot_root);
	return __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int
__wrap_setns(int fd, int type)
{
	FAIL_IF(bad == CALL_SETNS);
	return __real_setns(fd, type);
}

int
__wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	FAIL_IF(bad == CALL_IOCTL && req == SIOCSIFFLAGS);
	return __real_ioctl(fd, req, arg);
}

/* Not run: "reached" goes to the test, and the target's stand-in ends. */
int
__wrap_execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	if (write(exec_fd, "X", 1) < 0)
		_exit(3);
	_exit(0);
}

/* What the child reports: the step that failed, or "X" from execve. */
struct outcome {
	char step[128];
	int err;
	bool execd;
	int status; /* the wait status of the process we forked */
};

static void __attribute__((noreturn))
apply(const struct cage_view_plan *p, int fd)
{
	struct cage_view_pid pid = {.report = -1, .end = -1, .ready = -1};
	const char *step = "";
	char msg[160];
	int r;

	r = cage_view_unshare(p, &step);
	if (r == 0)
		r = cage_view_loopback(p, &step);
	if (r == 0)
		r = cage_view_pid_enter(p, &pid, &step);
	if (r == 0)
		r = cage_view_pid_fork(p, &pid, &step);
	if (r == 0 && !pid.in_target)
		r = cage_view_mount(p, &step);
	if (r == 0 && !pid.in_target)
		r = cage_view_pid_init(p, &pid, &step);
	if (r == 0)
		r = cage_view_pid_ready(p, &pid, &step);
	if (r == 0)
		r = cage_view_pid_net(&pid, &step);
	if (r == -ECANCELED) /* pid 1 failed, and wrote why */
		_exit(125);
	if (r < 0) {
		int n = snprintf(msg, sizeof(msg), "%d %s", r, step);

		if (write(fd, msg, (size_t)n) < 0)
			_exit(4);
		_exit(125);
	}
	exec_fd = fd;
	execve("/bin/true", (char *[]){"true", NULL}, (char *[]){NULL});
	_exit(127);
}

static struct outcome
run(const struct cage_view_plan *p)
{
	struct outcome o = {.err = 0};
	char buf[160] = "";
	ssize_t n;
	int fds[2];
	pid_t pid;

	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		apply(p, fds[1]);
	}
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &o.status, 0), pid);
	if (n == 1 && buf[0] == 'X') {
		o.execd = true;
	} else if (n > 0) {
		char *sp;

		buf[n] = '\0';
		o.err = (int)strtol(buf, &sp, 10);
		snprintf(o.step, sizeof(o.step), "%s", sp + 1);
	}
	return o;
}

static struct cage_view_plan *
plan_all(void)
{
	struct cage_view_plan *p = cage_view_plan_new();

	assert_non_null(p);
	p->ns = CAGE_VIEW_NS_MOUNT | CAGE_VIEW_NS_PID | CAGE_VIEW_NS_IPC |
		CAGE_VIEW_NS_NET;
	p->private_tmp = p->private_dev = p->private_home = true;
	assert_int_equal(cage_view_plan_bind(p, "/usr", NULL, CAGE_VIEW_EXEC),
			 0);
	assert_int_equal(cage_view_plan_bind(p, "/etc", NULL, 0), 0);
	assert_int_equal(cage_view_plan_finish(p, "/home/nobody-here", "/"), 0);
	return p;
}

static void
reset(void)
{
	bad = CALL_NONE;
	fail_flag = 0;
	fail_type = NULL;
	fail_root = false;
}

static void
test_paths(void **state)
{
	struct cage_view_plan *p = cage_view_plan_new();

	(void)state;
	assert_int_equal(cage_view_plan_bind(p, "usr", NULL, 0), -EINVAL);
	assert_int_equal(cage_view_plan_bind(p, "/usr/../etc", NULL, 0),
			 -EINVAL);
	assert_int_equal(cage_view_plan_bind(p, "/a", "b", 0), -EINVAL);
	assert_int_equal(cage_view_plan_bind(p, "//a/./b/", "/x//y/.", 0), 0);
	assert_string_equal(p->mounts[0].source, "/a/b");
	assert_string_equal(p->mounts[0].target, "/x/y");
	assert_int_equal(cage_view_plan_bind(p, "/", NULL, 0), 0);
	assert_string_equal(p->mounts[1].target, "/");
	cage_view_plan_free(p);
	cage_view_plan_free(NULL);
}

/* Parents before children ('/' before any other byte), equal targets in
 * the order given; finish adds the private mounts and the namespaces
 * they need. */
static void
test_finish(void **state)
{
	static const char *const want[] = {
		"/",	    "/a", "/a/b", "/a/b",  "/a-b", "/dev",
		"/dev/shm", "/h", "/h/x", "/proc", "/tmp", "/var/tmp"};
	struct cage_view_plan *p = cage_view_plan_new();

	(void)state;
	assert_int_equal(cage_view_plan_bind(p, "/a-b", NULL, 0), 0);
	assert_int_equal(cage_view_plan_bind(p, "/h/x", NULL, 0), 0);
	assert_int_equal(cage_view_plan_bind(p, "/s1", "/a/b", 0), 0);
	assert_int_equal(cage_view_plan_bind(p, "/a", NULL, 0), 0);
	assert_int_equal(cage_view_plan_bind(p, "/s2", "/a/b", 0), 0);
	assert_int_equal(cage_view_plan_bind(p, "/", NULL, 0), 0);
	p->private_tmp = p->private_dev = p->private_home = true;
	assert_int_equal(cage_view_plan_finish(p, "/h", NULL), 0);
	assert_int_equal(p->n_mounts, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < p->n_mounts; i++)
		assert_string_equal(p->mounts[i].target, want[i]);
	assert_string_equal(p->mounts[2].source, "/s1");
	assert_string_equal(p->mounts[3].source, "/s2");
	assert_int_equal(p->mounts[5].kind, CAGE_VIEW_DEV);
	assert_int_equal(p->mounts[7].kind, CAGE_VIEW_TMPFS);
	assert_true(p->mounts[7].owned);
	assert_string_equal(p->mounts[2].what, "bind /s1 at /a/b");
	assert_true(p->ns & CAGE_VIEW_NS_MOUNT);
	assert_int_equal(!!(p->ns & CAGE_VIEW_NS_USER), geteuid() != 0);
	assert_int_equal(cage_view_plan_bind(p, "/x", NULL, 0), -EBUSY);
	assert_int_equal(cage_view_plan_finish(p, "/h", NULL), -EBUSY);
	cage_view_plan_free(p);

	/* A PID namespace brings a mount one (its own /proc). */
	p = cage_view_plan_new();
	p->ns = CAGE_VIEW_NS_PID;
	assert_int_equal(cage_view_plan_finish(p, NULL, NULL), 0);
	assert_true(p->ns & CAGE_VIEW_NS_MOUNT);
	assert_int_equal(p->n_mounts, 1);
	assert_int_equal(p->mounts[0].kind, CAGE_VIEW_PROC);
	cage_view_plan_free(p);

	/* Nothing asked: no namespace at all, not even a user one. */
	p = cage_view_plan_new();
	p->force_user = true;
	assert_int_equal(cage_view_plan_finish(p, NULL, NULL), 0);
	assert_int_equal(p->ns, 0);
	cage_view_plan_free(p);

	/* A private home needs $HOME. */
	p = cage_view_plan_new();
	p->private_home = true;
	assert_int_equal(cage_view_plan_finish(p, NULL, NULL), -EINVAL);
	cage_view_plan_free(p);
	p = cage_view_plan_new();
	p->private_home = true;
	assert_int_equal(cage_view_plan_finish(p, "//", NULL), -EINVAL);
	cage_view_plan_free(p);
}

static void
test_hint(void **state)
{
	(void)state;
	assert_null(cage_view_hint("pivot_root", -EPERM));
	assert_null(cage_view_hint("unshare(CLONE_NEWUSER)", -EINVAL));
}

/* The whole plan on the real kernel: execve is reached. */
static void
test_applies(void **state)
{
	struct cage_view_plan *p = plan_all();
	struct outcome o;

	(void)state;
	reset();
	o = run(p);
	assert_string_equal(o.step, "");
	assert_true(o.execd);
	assert_true(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0);
	cage_view_plan_free(p);
}

struct failure {
	enum call call;
	int flag;	  /* unshare: only this namespace */
	const char *type; /* fsopen: only this type */
	bool root;	  /* mount_setattr: only the root's */
	const char *step; /* the step named, as a prefix */
};

static void
test_fail_closed(void **state)
{
	static const struct failure cases[] = {
		{CALL_UNSHARE, 0, NULL, false, "unshare(CLONE_NEW"},
		{CALL_UNSHARE, CLONE_NEWNS, NULL, false,
		 "unshare(CLONE_NEWNS)"},
		{CALL_UNSHARE, CLONE_NEWIPC, NULL, false,
		 "unshare(CLONE_NEWIPC)"},
		{CALL_UNSHARE, CLONE_NEWNET, NULL, false,
		 "unshare(CLONE_NEWNET)"},
		{CALL_UNSHARE, CLONE_NEWPID, NULL, false,
		 "unshare(CLONE_NEWPID)"},
		{CALL_MOUNT, 0, NULL, false, "make / a slave mount"},
		{CALL_FSOPEN, 0, NULL, false, "mount the new root (tmpfs)"},
		{CALL_FSMOUNT, 0, NULL, false, "mount the new root (tmpfs)"},
		{CALL_MOVE_MOUNT, 0, NULL, false, "mount the new root (tmpfs)"},
		{CALL_OPEN_TREE, 0, NULL, false, "private /dev at /dev"},
		{CALL_MOUNT_SETATTR, 0, NULL, false, "private /dev at /dev"},
		{CALL_FSOPEN, 0, "devpts", false, "private /dev at /dev"},
		{CALL_FSOPEN, 0, "proc", false, "/proc at /proc"},
		{CALL_PIVOT_ROOT, 0, NULL, false, "pivot_root"},
		/* The waiter's network namespace: its failure reaches pid
		 * 1, which stops; so does pid 1's own failure to join. */
		{CALL_IOCTL, 0, NULL, false, "ioctl(lo, SIOCSIFFLAGS)"},
		{CALL_SETNS, 0, NULL, false, "setns(CLONE_NEWNET)"},
		{CALL_MOUNT_SETATTR, 0, NULL, true,
		 "make the new root read-only"},
	};
	struct cage_view_plan *p = plan_all();

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct outcome o;

		reset();
		bad = cases[i].call;
		fail_flag = cases[i].flag;
		fail_type = cases[i].type;
		fail_root = cases[i].root;
		o = run(p);
		if (o.execd ||
		    strncmp(o.step, cases[i].step, strlen(cases[i].step)) ||
		    o.err != -EPERM)
			fail_msg("case %zu: execd %d, step '%s', err %d", i,
				 o.execd, o.step, o.err);
		assert_true(WIFEXITED(o.status));
		assert_int_equal(WEXITSTATUS(o.status), 125);
	}
	reset();
	cage_view_plan_free(p);
}

/* Best effort: a refused namespace leaves the view out, and the target
 * runs (the caller says so); without it, the same refusal is fatal. */
static void
test_best_effort(void **state)
{
	struct cage_view_plan *p = plan_all();
	struct outcome o;

	(void)state;
	reset();
	bad = CALL_UNSHARE;
	p->best_effort = true;
	o = run(p);
	assert_true(o.execd);
	p->best_effort = false;
	o = run(p);
	assert_false(o.execd);
	reset();
	cage_view_plan_free(p);
}

/* A bind source through a symlink that root did not make is refused, as
 * is a target that would go through a symlink inside an earlier bind. */
static void
test_symlinks(void **state)
{
	char dir[] = "/tmp/test_view.XXXXXX", path[PATH_MAX], link[PATH_MAX];
	struct cage_view_plan *p;
	struct outcome o;

	(void)state;
	reset();
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0777), 0);
	snprintf(link, sizeof(link), "%s/link", dir);
	assert_int_equal(symlink("/etc", link), 0);
	snprintf(path, sizeof(path), "%s/link/hostname", dir);

	p = cage_view_plan_new();
	assert_int_equal(cage_view_plan_bind(p, path, "/h", 0), 0);
	assert_int_equal(cage_view_plan_finish(p, NULL, NULL), 0);
	o = run(p);
	assert_false(o.execd);
	assert_int_equal(o.err, -ELOOP);
	cage_view_plan_free(p);

	p = cage_view_plan_new();
	assert_int_equal(cage_view_plan_bind(p, dir, "/d", 0), 0);
	assert_int_equal(cage_view_plan_bind(p, "/usr", "/d/link/usr", 0), 0);
	assert_int_equal(cage_view_plan_finish(p, NULL, NULL), 0);
	o = run(p);
	assert_false(o.execd);
	assert_int_equal(o.err, -ELOOP);
	assert_string_equal(o.step, "bind /usr at /d/link/usr");
	cage_view_plan_free(p);
	assert_int_equal(access("/etc/usr", F_OK), -1);

	unlink(link);
	rmdir(dir);
}

/* The PID namespace's init and the waiter outside end as the target
 * did: an exit code, a signal; what the target left behind is killed. */
static void
run_target(const struct cage_view_plan *p, int how, int fd)
{
	struct cage_view_pid pid = {.report = -1, .end = -1, .ready = -1};
	const char *step;

	if (cage_view_unshare(p, &step) ||
	    cage_view_pid_enter(p, &pid, &step) ||
	    cage_view_pid_fork(p, &pid, &step) ||
	    (!pid.in_target && cage_view_mount(p, &step)) ||
	    (!pid.in_target && cage_view_pid_init(p, &pid, &step)) ||
	    cage_view_pid_ready(p, &pid, &step) ||
	    cage_view_pid_net(&pid, &step))
		_exit(125);
	if (how == 0)
		_exit(7);
	if (how == 1)
		raise(SIGTERM);
	/* An orphan holding FD: the test sees EOF when it is killed. */
	if (fork() == 0) {
		pause();
		_exit(0);
	}
	close(fd);
	_exit(0);
}

static void
test_pid_init(void **state)
{
	struct cage_view_plan *p = cage_view_plan_new();
	struct pollfd pf;
	int status, fds[2];
	char c;
	pid_t pid;

	(void)state;
	reset();
	p->ns = CAGE_VIEW_NS_PID;
	assert_int_equal(cage_view_plan_finish(p, NULL, NULL), 0);
	for (int how = 0; how < 3; how++) {
		assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
		pid = fork();
		if (pid == 0) {
			close(fds[0]);
			run_target(p, how, fds[1]);
		}
		close(fds[1]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (how == 0)
			assert_true(WIFEXITED(status) &&
				    WEXITSTATUS(status) == 7);
		if (how == 1)
			assert_true(WIFSIGNALED(status) &&
				    WTERMSIG(status) == SIGTERM);
		if (how == 2) {
			assert_true(WIFEXITED(status) &&
				    WEXITSTATUS(status) == 0);
			pf = (struct pollfd){.fd = fds[0], .events = POLLIN};
			assert_int_equal(poll(&pf, 1, 5000), 1);
			assert_int_equal(read(fds[0], &c, 1), 0);
		}
		close(fds[0]);
	}
	cage_view_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_finish),
		cmocka_unit_test(test_hint),
		cmocka_unit_test(test_applies),
		cmocka_unit_test(test_fail_closed),
		cmocka_unit_test(test_best_effort),
		cmocka_unit_test(test_symlinks),
		cmocka_unit_test(test_pid_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
