// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Landlock (src/launch/landlock.c and landlock_tty.c): the plan for every
 * ABI (what is refused unless best effort), rights per rule, rules whose
 * $VAR has no value, only the user's own terminal, the real kernel
 * enforcing a layer, and fail-closed: each Landlock call made to fail
 * through -Wl,--wrap=syscall.
 */
#include "policy/fs_path.h"
#include "launch/landlock.h"
#include "policy_helper.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define TRUNCATE  (1ULL << 14)
#define IOCTL_DEV (1ULL << 15)

/* What the launch gives the Landlock steps: the policies and the path
 * variables; planned before fork (cage_landlock_prepare), applied in the
 * child. */
struct ll_opts {
	struct cage_policy **policies;
	size_t npolicies;
	const struct cage_vars *vars;
};

/* The plan and its application, as a launch does them in turn. */
static int
ll_apply(const struct ll_opts *o, const char **step)
{
	struct cage_landlock_layers l;
	const char *why;
	int err = cage_landlock_prepare(o->policies, o->npolicies, o->vars, &l,
					&why);

	if (err) {
		*step = "landlock (the kernel cannot enforce the policy)";
		return err;
	}
	err = cage_landlock_apply(&l, step);
	cage_landlock_layers_free(&l);
	return err;
}

/* The pre-flight: *ABI the ABI a policy's layer uses (0: none). */
static int
ll_check(const struct ll_opts *o, int *abi, const char **why)
{
	struct cage_landlock_layers l;
	int err = cage_landlock_prepare(o->policies, o->npolicies, o->vars, &l,
					why);

	*abi = err ? 0 : l.abi_used;
	if (!err)
		cage_landlock_layers_free(&l);
	return err;
}

/* The Landlock call that misbehaves: its number, and whether the ABI
 * query should answer FAKE_ABI instead. */
static long fail_nr = -1;
static int fail_errno;
static int fake_abi = -1;

long __real_syscall(long nr, ...);
long __wrap_syscall(long nr, ...);

long
__wrap_syscall(long nr, ...)
{
	long a[6];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (nr == SYS_landlock_create_ruleset && fake_abi >= 0 &&
	    a[2] == LANDLOCK_CREATE_RULESET_VERSION)
		return fake_abi;
	if (nr == fail_nr && !(nr == SYS_landlock_create_ruleset &&
			       a[2] == LANDLOCK_CREATE_RULESET_VERSION)) {
		errno = fail_errno;
		return -1;
	}
	return __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static int
reset(void **state)
{
	fail_nr = -1;
	fake_abi = -1;
	return 0;
}

static int
plan_of(const char *text, int abi, struct cage_landlock_plan *plan)
{
	struct cage_policy *pol = test_policy_text(text);
	const char *why;
	int r = cage_landlock_plan(&pol->iso, abi, plan, &why);

	assert_true((r == 0) == (why == NULL));
	cage_policy_free(pol);
	return r;
}

static void
test_plan_abi(void **state)
{
	struct cage_landlock_plan p;

	/* No Landlock: fs rules cannot hold, unless best effort. */
	assert_int_equal(plan_of("fs ro /usr", 0, &p), -EOPNOTSUPP);
	assert_int_equal(plan_of("fs ro /usr\nfs best-effort", 0, &p), 0);
	assert_false(p.enforce);
	/* Before ABI 3 truncate(2) escapes the rules. */
	assert_int_equal(plan_of("fs rw /tmp", 2, &p), -EOPNOTSUPP);
	assert_int_equal(plan_of("fs rw /tmp\nfs best-effort", 2, &p), 0);
	assert_true(p.enforce);
	assert_true(p.fs & LANDLOCK_ACCESS_FS_REFER);
	assert_false(p.fs & TRUNCATE);
	assert_int_equal(plan_of("fs ro /usr", 3, &p), 0);
	assert_true(p.fs & TRUNCATE);
	assert_false(p.fs & IOCTL_DEV);
	assert_int_equal(p.net, 0);
	assert_int_equal(p.scoped, 0);
	assert_int_equal(plan_of("fs ro /usr", 5, &p), 0);
	assert_true(p.fs & IOCTL_DEV);
	/* Scoping whenever a layer is made, from ABI 6. */
	assert_int_equal(plan_of("fs ro /usr", 7, &p), 0);
	assert_int_equal(p.scoped, 3);
}

static void
test_plan_net(void **state)
{
	struct cage_landlock_plan p;

	assert_int_equal(plan_of("net inet\nnet connect 443", 3, &p),
			 -EOPNOTSUPP);
	assert_int_equal(plan_of("net connect 443\nfs best-effort", 3, &p), 0);
	assert_false(p.enforce);
	assert_int_equal(plan_of("net inet\nnet connect 443", 4, &p), 0);
	assert_int_equal(p.net, 2); /* connect only */
	assert_int_equal(p.fs, 0);
	assert_int_equal(plan_of("net bind 8080", 4, &p), 0);
	assert_int_equal(p.net, 1);
	/* A closed network: TCP shut where the kernel can, else seccomp. */
	assert_int_equal(plan_of("net unix", 7, &p), 0);
	assert_int_equal(p.net, 3);
	assert_int_equal(plan_of("net none", 1, &p), 0);
	assert_false(p.enforce);
	/* Nothing asked: no layer, whatever the kernel. */
	assert_int_equal(plan_of("net inet", 7, &p), 0);
	assert_false(p.enforce);
	assert_int_equal(plan_of("allow read", 0, &p), 0);
	assert_false(p.enforce);
}

static void
test_access(void **state)
{
	uint64_t all = ~0ULL;

	assert_int_equal(cage_landlock_access(CAGE_FS_READ, true, all),
			 LANDLOCK_ACCESS_FS_READ_FILE |
				 LANDLOCK_ACCESS_FS_READ_DIR);
	/* Directory-only rights on a file make landlock_add_rule fail. */
	assert_int_equal(cage_landlock_access(CAGE_FS_READ, false, all),
			 LANDLOCK_ACCESS_FS_READ_FILE);
	assert_int_equal(
		cage_landlock_access(CAGE_FS_READ | CAGE_FS_WRITE, false, all),
		LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE |
			TRUNCATE | IOCTL_DEV);
	assert_true(cage_landlock_access(CAGE_FS_WRITE, true, all) &
		    LANDLOCK_ACCESS_FS_MAKE_REG);
	assert_false(cage_landlock_access(CAGE_FS_WRITE, true, all) &
		     LANDLOCK_ACCESS_FS_EXECUTE);
	assert_int_equal(cage_landlock_access(CAGE_FS_EXEC, false, all),
			 LANDLOCK_ACCESS_FS_EXECUTE);
	/* Never more than the ruleset handles. */
	assert_int_equal(cage_landlock_access(CAGE_FS_WRITE, false,
					      LANDLOCK_ACCESS_FS_WRITE_FILE),
			 LANDLOCK_ACCESS_FS_WRITE_FILE);
}

/*
 * $TTY: a pty on fd 0 (and the same one on fd 2) is one path, its own;
 * /dev/null and a pipe are none.  In a child, whose fds we may replace.
 */
static void
test_tty_paths(void **state)
{
	char paths[3][CAGE_TTY_PATH_MAX];
	int status, m = posix_openpt(O_RDWR | O_NOCTTY);
	pid_t pid;

	assert_true(m >= 0);
	assert_int_equal(grantpt(m), 0);
	assert_int_equal(unlockpt(m), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int s = open(ptsname(m), O_RDWR | O_NOCTTY), p[2];
		bool good;

		if (s < 0 || pipe(p) < 0 || dup2(s, 0) < 0 ||
		    dup2(p[1], 1) < 0 || dup2(s, 2) < 0)
			_exit(2);
		good = cage_tty_paths(paths) == 1 &&
		       !strcmp(paths[0], ptsname(m));
		if (dup2(p[0], 0) < 0 || dup2(p[1], 2) < 0)
			_exit(2);
		good = good && cage_tty_paths(paths) == 0;
		_exit(good ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(m);
}

/* Fork, apply POL's layer after no_new_privs, and report what the kernel
 * then says to a write in OK_DIR and in NO_DIR: a wait status. */
static int
enforce_and_write(struct ll_opts *o, const char *ok_dir, const char *no_dir)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		const char *step = NULL;
		char path[256];
		int fd, code = 0;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    ll_apply(o, &step))
			_exit(10);
		snprintf(path, sizeof(path), "%s/f", ok_dir);
		fd = open(path, O_WRONLY | O_CREAT, 0600);
		code |= fd < 0 ? 1 : 0;
		snprintf(path, sizeof(path), "%s/f", no_dir);
		fd = open(path, O_WRONLY | O_CREAT, 0600);
		code |= fd >= 0 || errno != EACCES ? 2 : 0;
		_exit(code);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void
test_kernel_enforces(void **state)
{
	char ok[] = "/tmp/test-landlock-ok.XXXXXX";
	char no[] = "/tmp/test-landlock-no.XXXXXX";
	struct cage_vars v = {.home = "/nonexistent-home"};
	struct cage_policy *pol;
	struct ll_opts o = {0};
	char text[256];
	int status;

	assert_non_null(mkdtemp(ok));
	assert_non_null(mkdtemp(no));
	snprintf(text, sizeof(text), "fs rw $CWD\nfs ro /usr $HOME/none\n");
	pol = test_policy_text(text);
	snprintf(v.cwd, sizeof(v.cwd), "%s", ok);
	o.policies = &pol;
	o.npolicies = 1;
	o.vars = &v;
	assert_true(cage_landlock_kernel_abi() >= 3);
	status = enforce_and_write(&o, ok, no);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	cage_policy_free(pol);
	snprintf(text, sizeof(text), "%s/f", ok);
	unlink(text);
	rmdir(ok);
	rmdir(no);
}

/* Each failing Landlock call stops the step with its errno and name. */
static void
test_fail_closed(void **state)
{
	static const struct {
		long nr;
		const char *step;
	} cases[] = {
		{SYS_landlock_create_ruleset, "landlock_create_ruleset"},
		{SYS_landlock_add_rule, "landlock_add_rule (path)"},
		{SYS_landlock_restrict_self, "landlock_restrict_self"},
	};
	struct cage_vars v = {.cwd = "/"};
	struct cage_policy *pol = test_policy_text("fs ro /usr\n");
	struct ll_opts o = {.policies = &pol, .npolicies = 1, .vars = &v};

	for (size_t i = 0; i < 3; i++) {
		const char *step = NULL;

		fail_nr = cases[i].nr;
		fail_errno = ENOMEM;
		assert_int_equal(ll_apply(&o, &step), -ENOMEM);
		assert_string_equal(step, cases[i].step);
	}
	/* A kernel too old for the rules: refused before any layer. */
	fail_nr = -1;
	fake_abi = 2;
	{
		const char *step = NULL, *why = NULL;
		int abi;

		assert_int_equal(ll_apply(&o, &step), -EOPNOTSUPP);
		assert_int_equal(ll_check(&o, &abi, &why), -EOPNOTSUPP);
		assert_non_null(why);
		fake_abi = 0;
		assert_int_equal(ll_check(&o, &abi, &why), -EOPNOTSUPP);
		fake_abi = 7;
		assert_int_equal(ll_check(&o, &abi, &why), 0);
		assert_int_equal(abi, 7);
	}
	cage_policy_free(pol);
}

/* A rule whose variable has no value is skipped, never made "/...". */
static void
test_unset_var(void **state)
{
	char ok[] = "/tmp/test-landlock-var.XXXXXX";
	struct cage_vars v = {0};
	struct cage_policy *pol = test_policy_text("fs rw $HOME/ $CWD\n");
	struct ll_opts o = {.policies = &pol, .npolicies = 1, .vars = &v};
	const char *why;
	int abi, status;

	assert_int_equal(ll_check(&o, &abi, &why), 0);
	assert_non_null(mkdtemp(ok));
	snprintf(v.cwd, sizeof(v.cwd), "%s", ok);
	/* $HOME/ would be "/" if expanded to "": the write must fail. */
	status = enforce_and_write(&o, ok, "/tmp");
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	snprintf(v.home, sizeof(v.home), "%s/f", ok);
	unlink(v.home);
	rmdir(ok);
	cage_policy_free(pol);
}

/* Terminals in /dev that are not the user's to hand over. */
static void
test_dev_terminals(void **state)
{
	static const char *const yes[] = {"console", "tty0",   "tty1", "tty63",
					  "ttyS0",   "ttyS12", "hvc0", "vcs",
					  "vcs1",    "vcsa",   "vcsu1"};
	static const char *const no[] = {
		"tty", "ttyS", "ttyUSB0", "ttyACM0", "tty1a",	 "ptmx",
		"pts", "null", "hvc",	  "shm",     "consoles", "ttyprintk"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(cage_dev_entry_terminal(yes[i]));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(cage_dev_entry_terminal(no[i]));
}

/* Rules main.c's command-line source wrote, and no other. */
static void
test_rule_from_cli(void **state)
{
	static const char *const names[] = {"command line",
					    "untrusted + command line"};
	struct cage_policy *pol = test_policy_text("fs rw /dev/pts\n");

	assert_false(cage_fs_rule_from_cli(&pol->iso.fs[0]));
	cage_policy_free(pol);
	for (size_t i = 0; i < 2; i++) {
		pol = test_policy_named(names[i], "fs rw /dev/pts\n");
		assert_true(cage_fs_rule_from_cli(&pol->iso.fs[0]));
		cage_policy_free(pol);
	}
	/* A policy the command line's source includes is not its own. */
	{
		char inc[] = "/tmp/test-landlock-inc.XXXXXX", text[128];
		int fd = mkstemp(inc);

		assert_true(fd >= 0);
		assert_int_equal(write(fd, "fs rw /dev/pts\n", 15), 15);
		close(fd);
		snprintf(text, sizeof(text), "include \"%s\"\n", inc);
		pol = test_policy_named(names[0], text);
		assert_int_equal(pol->iso.nfs, 1);
		assert_false(cage_fs_rule_from_cli(&pol->iso.fs[0]));
		cage_policy_free(pol);
		unlink(inc);
	}
}

/* A pty: its master, the path of its other end in PATH. */
static int
new_pty(char path[64])
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	assert_true(m >= 0);
	assert_int_equal(grantpt(m), 0);
	assert_int_equal(unlockpt(m), 0);
	snprintf(path, 64, "%s", ptsname(m));
	return m;
}

/* May PATH be opened read-write?  1 yes, 0 EACCES, -1 anything else. */
static int
opens(const char *path)
{
	int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd >= 0 ? 1 : errno == EACCES ? 0 : -1;
}

/*
 * In a child with OWN on fds 0 and 2: apply O's layers and report what
 * fails, as bits: 1 OWN, 2 OTHER opened, 4 /dev/null, 8 /dev/ptmx,
 * 16 /dev/tty's path, 32 rename A/f to B/f, 64 link it back, 128 rename
 * a directory back.  A and B are on one filesystem, under different
 * entries of /.
 */
static int
enforce_ttys(struct ll_opts *o, const char *own, const char *other,
	     const char *a, const char *b)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		const char *step = NULL;
		char f[PATH_MAX + 2], g[PATH_MAX + 2], da[PATH_MAX + 2],
			db[PATH_MAX + 2];
		int s = open(own, O_RDWR | O_NOCTTY), code = 0, fd;

		snprintf(f, sizeof(f), "%s/f", a);
		snprintf(g, sizeof(g), "%s/f", b);
		snprintf(da, sizeof(da), "%s/d", a);
		snprintf(db, sizeof(db), "%s/d", b);
		fd = open(f, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (s < 0 || fd < 0 || dup2(s, 0) < 0 || dup2(s, 2) < 0 ||
		    mkdir(db, 0700) < 0 ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    ll_apply(o, &step))
			_exit(255);
		close(fd);
		code |= opens(own) == 1 ? 0 : 1;
		code |= opens(other) == 0 ? 0 : 2;
		code |= opens("/dev/null") == 1 ? 0 : 4;
		code |= opens("/dev/ptmx") == 1 ? 0 : 8;
		fd = open("/dev/tty", O_RDWR | O_NOCTTY);
		code |= fd < 0 && errno == EACCES ? 16 : 0;
		code |= rename(f, g) == 0 ? 0 : 32;
		code |= link(g, f) == 0 ? 0 : 64;
		code |= rename(db, da) == 0 ? 0 : 128;
		_exit(code);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
cleanup_dirs(const char *a, const char *b)
{
	char p[PATH_MAX + 2];

	snprintf(p, sizeof(p), "%s/f", a);
	unlink(p);
	snprintf(p, sizeof(p), "%s/d", a);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/f", b);
	unlink(p);
	snprintf(p, sizeof(p), "%s/d", b);
	rmdir(p);
}

/*
 * Only its own terminal, on the real kernel: with no fs rules, with 'fs
 * rw /' and 'fs rw /dev', the other pty stays closed while its own, the
 * devices, and renames and links between /tmp and another entry of /
 * work; --rw /dev/pts (the command line's own source) opens it; a kernel
 * without Landlock ABI 2 leaves it open (best effort).
 */
static void
test_kernel_ttys(void **state)
{
	static const struct {
		const char *source, *text;
		int fake_abi, want, mask;
	} cases[] = {
		{"t.policy", "", -1, 0, 0xff},
		{"t.policy", "net unix\n", -1, 0, 0xff},
		{"t.policy", "fs rw /\n", -1, 0, 0xff},
		{"t.policy", "fs rw /dev\nfs rw /\n", -1, 0, 0xff},
		{"t.policy", "fs rw /dev/pts/\nfs rw /\n", -1, 0, 0xff},
		{"command line", "fs rw /dev/pts\nfs rw /\n", -1, 2, 0xff},
		{"command line", "fs rw /\n", -1, 0, 0xff},
		{"t.policy + command line", "fs rw /dev\nfs rw /\n", -1, 0,
		 0xff},
		/* ABI 1 has no REFER: a domain refuses every rename across
		 * directories there, whatever syscage does. */
		{"t.policy", "", 1, 2, 0x1f},
	};
	char own[64], other[64], a[] = "/tmp/test-landlock-tty.XXXXXX",
				 b[PATH_MAX];
	struct cage_vars v = {.cwd = "/"};
	struct stat sa, sb;
	int m1 = new_pty(own), m2 = new_pty(other);

	assert_non_null(mkdtemp(a));
	/* Another entry of / on the same filesystem: /var/tmp, or the
	 * directory the tests run in. */
	snprintf(b, sizeof(b), "/var/tmp/test-landlock-tty.XXXXXX");
	assert_non_null(mkdtemp(b));
	assert_int_equal(stat(a, &sa), 0);
	assert_int_equal(stat(b, &sb), 0);
	if (sa.st_dev != sb.st_dev) {
		rmdir(b);
		assert_non_null(getcwd(b, sizeof(b) - 32));
		strcat(b, "/test-landlock-tty.XXXXXX");
		assert_non_null(mkdtemp(b));
		assert_int_equal(stat(b, &sb), 0);
		assert_int_equal(sa.st_dev, sb.st_dev);
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cage_policy *pol = NULL;
		struct ll_opts o = {
			.policies = &pol, .npolicies = 1, .vars = &v};

		pol = test_policy_named(cases[i].source, cases[i].text);
		fake_abi = cases[i].fake_abi;
		printf("# %s: %s", cases[i].source,
		       cases[i].text[0] ? cases[i].text : "(no rules)\n");
		assert_int_equal(enforce_ttys(&o, own, other, a, b) &
					 cases[i].mask,
				 cases[i].want);
		cleanup_dirs(a, b);
		cage_policy_free(pol);
	}
	rmdir(a);
	rmdir(b);
	close(m1);
	close(m2);
}

/*
 * As root: the console is left out, but not when it is on fds 0-2; a
 * virtual console that is not on them stays out either way.
 */
static void
test_kernel_console(void **state)
{
	struct cage_policy *pol = test_policy_text("");
	struct ll_opts o = {.policies = &pol, .npolicies = 1};
	int vt = opens("/dev/tty1") == 1;

	if (geteuid() != 0 || opens("/dev/console") != 1) {
		cage_policy_free(pol);
		skip(); /* only root opens the console */
	}
	for (int on_fd0 = 0; on_fd0 < 2; on_fd0++) {
		int status;
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0) {
			const char *step;
			int fd = open("/dev/console", O_RDWR | O_NOCTTY), code;

			if (fd < 0 || (on_fd0 && dup2(fd, 0) < 0) ||
			    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
			    ll_apply(&o, &step))
				_exit(255);
			code = opens("/dev/console") == on_fd0 ? 0 : 1;
			code |= vt && opens("/dev/tty1") != 0 ? 2 : 0;
			code |= opens("/dev/null") == 1 ? 0 : 4;
			_exit(code);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	cage_policy_free(pol);
}

/*
 * As root, in a private mount namespace: a chroot's rbind of /dev below
 * a directory T (T/rootfs/dev/pts is the same devpts) and the other pty
 * bound on the file T/node.  With no fs rules, with 'fs rw T' and with
 * 'fs rw /', the other pty stays closed through both, while its own
 * through T, T's other files and T/rootfs/dev/null open.  A bit per
 * failure: 1 other through the devpts, 2 other through the node, 4 its
 * own through the devpts, 8 T/rootfs/dev/null, 16 an existing file of
 * T, 32 the child could not set up.
 */
static void
test_kernel_mounted_ttys(void **state)
{
	char own[64], other[64];
	int m1 = new_pty(own), m2 = new_pty(other), status;
	pid_t pid;

	if (geteuid() != 0) {
		close(m1);
		close(m2);
		skip(); /* mounts need root */
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char t[] = "/tmp/test-landlock-mnt.XXXXXX", p[PATH_MAX],
		     q[PATH_MAX], text[PATH_MAX + 16];
		int fd, code = 0;

		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    !mkdtemp(t))
			_exit(32);
		snprintf(p, sizeof(p), "%s/rootfs", t);
		mkdir(p, 0755);
		snprintf(p, sizeof(p), "%s/rootfs/dev", t);
		mkdir(p, 0755);
		snprintf(q, sizeof(q), "%s/node", t);
		fd = open(q, O_WRONLY | O_CREAT, 0600);
		if (fd < 0 || mount("/dev", p, NULL, MS_BIND | MS_REC, NULL) ||
		    mount(other, q, NULL, MS_BIND, NULL))
			_exit(32);
		close(fd);
		/* An existing file: a new one directly in T (a directory
		 * on the way to the mount) gets only what is granted
		 * beneath T, which cannot include file rights. */
		snprintf(text, sizeof(text), "%s/f", t);
		fd = open(text, O_WRONLY | O_CREAT, 0600);
		if (fd < 0)
			_exit(32);
		close(fd);
		for (size_t i = 0; i < 3 && !code; i++) {
			struct cage_diags d = {0};
			struct cage_policy *pol = NULL;
			struct cage_vars v = {.cwd = "/"};
			struct ll_opts o = {
				.policies = &pol, .npolicies = 1, .vars = &v};
			pid_t c;

			/* no fs rules, 'fs rw T', 'fs rw /' */
			snprintf(text, sizeof(text), "%s%s%s",
				 i == 0 ? "" : "fs rw ",
				 i == 0	  ? ""
				 : i == 1 ? t
					  : "/",
				 i == 0 ? "" : "\n");
			if (test_policy_load(TEST_POLICY_NAME, "/", text, &d,
					     &pol))
				_exit(32);
			c = fork();
			if (c == 0) {
				const char *step;
				char x[PATH_MAX + 64];
				int s = open(own, O_RDWR | O_NOCTTY), r = 0;

				if (s < 0 || dup2(s, 0) < 0 || dup2(s, 2) < 0 ||
				    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
				    ll_apply(&o, &step))
					_exit(32);
				snprintf(x, sizeof(x), "%s/rootfs%s", t, other);
				r |= opens(x) == 0 ? 0 : 1;
				snprintf(x, sizeof(x), "%s/node", t);
				r |= opens(x) == 0 ? 0 : 2;
				snprintf(x, sizeof(x), "%s/rootfs%s", t, own);
				r |= opens(x) == 1 ? 0 : 4;
				snprintf(x, sizeof(x), "%s/rootfs/dev/null", t);
				r |= opens(x) == 1 ? 0 : 8;
				snprintf(x, sizeof(x), "%s/f", t);
				r |= opens(x) == 1 ? 0 : 16;
				_exit(r);
			}
			if (c < 0 || waitpid(c, &status, 0) != c ||
			    !WIFEXITED(status))
				code = 32;
			else
				code = WEXITSTATUS(status);
			if (code)
				fprintf(stderr, "# %s: %d\n",
					text[0] ? text : "(no rules)", code);
			cage_policy_free(pol);
			cage_diags_free(&d);
		}
		umount2(q, MNT_DETACH);
		umount2(p, MNT_DETACH);
		unlink(q);
		snprintf(q, sizeof(q), "%s/f", t);
		unlink(q);
		rmdir(p);
		snprintf(p, sizeof(p), "%s/rootfs", t);
		rmdir(p);
		rmdir(t);
		_exit(code);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(m1);
	close(m2);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* The layer for a policy without fs rules fails closed too. */
static void
test_ttys_fail_closed(void **state)
{
	static const struct {
		long nr;
		const char *step;
	} cases[] = {
		{SYS_landlock_create_ruleset, "landlock_create_ruleset"},
		{SYS_landlock_add_rule, "landlock_add_rule (terminals)"},
		{SYS_getdents64, "getdents64 (landlock terminals)"},
		{SYS_landlock_restrict_self, "landlock_restrict_self"},
	};
	struct cage_policy *pol = test_policy_text("");
	struct ll_opts o = {.policies = &pol, .npolicies = 1};

	for (size_t i = 0; i < 4; i++) {
		const char *step = NULL;

		fail_nr = cases[i].nr;
		fail_errno = ENOMEM;
		assert_int_equal(ll_apply(&o, &step), -ENOMEM);
		assert_string_equal(step, cases[i].step);
	}
	cage_policy_free(pol);
}

/*
 * Under a view, rules below a rule of their layer that grants all they
 * grant are skipped; none below /, /dev or /proc (where terminals are
 * carved out), none that grants more than the rule above, and of two
 * equal rules the first stays.
 */
static void
test_skip_nested(void **state)
{
	static const char text[] = "fs rw /srv/p\n"	       /* 0 kept */
				   "fs ro /srv/p/.git/hooks\n" /* 1 skipped */
				   "fs rx /srv/p/bin\n" /* 2 kept: exec */
				   "fs rw /\n"		/* 3 kept */
				   "fs ro /etc\n"	/* 4 kept: below / */
				   "fs rw /dev\n"	/* 5 kept */
				   "fs ro /dev/null\n"	/* 6 kept */
				   "fs rw /srv/p\n"	/* 7 skipped: twice */
				   "fs rw $CWD/x\n";	/* 8 skipped */
	static const bool want[] = {false, true,  false, false, false,
				    false, false, true,	 true};
	struct cage_vars v = {.cwd = "/srv/p"};
	struct cage_policy *pol = test_policy_named("t.policy", text);
	struct cage_landlock_layers l;
	const char *why;

	(void)state;
	fake_abi = 7;
	assert_int_equal(cage_landlock_prepare(&pol, 1, &v, &l, &why), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].nfs, sizeof(want) / sizeof(want[0]));
	assert_int_equal(cage_landlock_skip_nested(&l), 0);
	assert_non_null(l.v[0].skip);
	for (size_t i = 0; i < l.v[0].nfs; i++)
		if (l.v[0].skip[i] != want[i])
			fail_msg("rule %zu (%s): skip %d, want %d", i,
				 l.v[0].fs[i].path, l.v[0].skip[i], want[i]);
	cage_landlock_layers_free(&l);
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_plan_abi, reset),
		cmocka_unit_test_setup(test_plan_net, reset),
		cmocka_unit_test_setup(test_access, reset),
		cmocka_unit_test_setup(test_tty_paths, reset),
		cmocka_unit_test_setup(test_kernel_enforces, reset),
		cmocka_unit_test_setup(test_fail_closed, reset),
		cmocka_unit_test_setup(test_unset_var, reset),
		cmocka_unit_test_setup(test_dev_terminals, reset),
		cmocka_unit_test_setup(test_rule_from_cli, reset),
		cmocka_unit_test_setup(test_kernel_ttys, reset),
		cmocka_unit_test_setup(test_kernel_console, reset),
		cmocka_unit_test_setup(test_kernel_mounted_ttys, reset),
		cmocka_unit_test_setup(test_ttys_fail_closed, reset),
		cmocka_unit_test_setup(test_skip_nested, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
