// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of fs_check.c with this process as the target (its memory holds
 * the paths, its working directory the relative ones): what the fs rules
 * grant is not named; what they refuse is, with the access, the rule that
 * falls short or the one missing, and the line and option that would
 * allow it; a path that does not exist (ENOENT first) or a create over
 * an existing file is not; the view is met first: absent, hidden under
 * an empty directory, a directory on the way to one of its paths.
 */
#include "base/syscalls.h"
#include "policy_helper.h"
#include "supervise/fs_check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static struct cage_fs_check *
new_check(struct cage_policy *pol, const struct cage_fs_view_path *view,
	  size_t nview, int state)
{
	struct cage_vars vars = {0};
	struct cage_fs_check *c = NULL;

	snprintf(vars.home, sizeof(vars.home), "%s", test_tmpdir);
	snprintf(vars.cwd, sizeof(vars.cwd), "/");
	snprintf(vars.tmpdir, sizeof(vars.tmpdir), "/tmp");
	assert_int_equal(cage_fs_check_new(&pol, 1, &vars, view, nview, state,
					   false, &c),
			 0);
	assert_non_null(c);
	return c;
}

/* NAME(AT_FDCWD, PATH, FLAGS) as the target would call it: 0 or 1. */
static int
call(const struct cage_fs_check *c, const char *name, const char *path,
     uint64_t flags, struct cage_fs_finding *f)
{
	uint64_t a[6] = {(uint64_t)(int64_t)AT_FDCWD, (uint64_t)(uintptr_t)path,
			 flags};
	int nr = cage_syscall_number(name);

	assert_true(cage_fs_check_watches(c, nr));
	return cage_fs_check_call(c, getpid(), nr, a, f);
}

static struct cage_policy *
policy(void)
{
	char *text = test_with_dir("default allow\n"
				   "fs ro /etc\n"
				   "fs rw {D}/w\n"
				   "fs rx /usr\n");
	struct cage_policy *pol = test_policy_text(text);

	char *dir;

	free(text);
	dir = test_tmp_path("w");
	mkdir(dir, 0755);
	free(dir);
	dir = test_tmp_path("other");
	mkdir(dir, 0755);
	free(dir);
	test_write_text("secret", "s\n");
	return pol;
}

static void
test_landlock(void **state)
{
	struct cage_policy *pol = policy();
	struct cage_fs_check *c = new_check(pol, NULL, 0, CAGE_FS_VIEW_NONE);
	struct cage_fs_finding f;
	char *secret = test_tmp_path("secret"), *path;

	(void)state;
	assert_int_equal(call(c, "openat", "/etc/passwd", O_RDONLY, &f), 0);
	assert_int_equal(call(c, "openat", "/etc/passwd", O_WRONLY, &f), 1);
	assert_string_equal(f.path, "/etc/passwd");
	assert_string_equal(f.want, "write");
	assert_string_equal(f.why,
			    "fs ro /etc (t.policy, line 2) grants read only");
	/* A system directory to write: no suggestion (test_fs_explain.c). */
	assert_string_equal(f.allow, "");
	assert_string_equal(f.option, "");
	assert_string_equal(f.withheld, "/etc is a system directory; grant it "
					"only if you trust the program");
	assert_int_equal(f.errnum, EACCES);
	assert_int_equal(call(c, "openat", secret, O_RDONLY, &f), 1);
	assert_string_equal(f.want, "read");
	assert_string_equal(f.why,
			    "no fs rule of t.policy covers it (Landlock)");
	assert_string_equal(f.allow, "fs ro $HOME/secret");
	assert_string_equal(f.option, "--ro ~/secret");
	path = test_tmp_path("missing");
	assert_int_equal(call(c, "openat", path, O_RDONLY, &f), 0);
	free(path);
	path = test_tmp_path("w/new");
	assert_int_equal(call(c, "openat", path, O_WRONLY | O_CREAT, &f), 0);
	free(path);
	path = test_tmp_path("other/new/deeper");
	assert_int_equal(call(c, "mkdirat", path, 0755, &f), 0); /* ENOENT */
	free(path);
	path = test_tmp_path("other/new");
	assert_int_equal(call(c, "mkdirat", path, 0755, &f), 1);
	assert_string_equal(f.want, "create");
	assert_string_equal(f.allow, "fs rw $HOME/other");
	free(path);
	path = test_tmp_path("other");
	assert_int_equal(call(c, "mkdirat", path, 0755, &f), 0); /* EEXIST */
	free(path);
	path = test_tmp_path("other/absent");
	assert_int_equal(call(c, "unlinkat", path, 0, &f), 0); /* ENOENT */
	free(path);
	assert_int_equal(call(c, "unlinkat", secret, 0, &f), 1);
	assert_string_equal(f.want, "remove");
	assert_int_equal(call(c, "execveat", "/usr/bin/true", 0, &f), 0);
	assert_false(
		cage_fs_check_watches(c, cage_syscall_number("newfstatat")));
	free(secret);
	cage_fs_check_free(c);
	cage_policy_free(pol);
}

static void
test_view(void **state)
{
	struct cage_policy *pol = policy();
	const struct cage_fs_view_path view[] = {
		{"/usr", false, false},
		{"/tmp", false, true},
		{"/var/lib/x", true, false},
	};
	struct cage_fs_check *c = new_check(pol, view, 3, CAGE_FS_VIEW_PLANNED);
	struct cage_fs_finding f;
	char tmp[] = "/tmp/test_fs_check.XXXXXX";
	int fd = mkstemp(tmp);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(call(c, "openat", "/etc/passwd", O_RDONLY, &f), 1);
	assert_string_equal(
		f.why, "absent from the private view (no fs rule names it)");
	assert_string_equal(f.allow, "fs ro /etc/passwd");
	assert_int_equal(f.errnum, ENOENT);
	assert_int_equal(call(c, "newfstatat", "/etc/passwd", 0, &f), 1);
	assert_string_equal(f.want, "look up");
	assert_int_equal(call(c, "newfstatat", "/var", 0, &f), 0);
	assert_int_equal(call(c, "newfstatat", "/", 0, &f), 0);
	assert_int_equal(call(c, "openat", tmp, O_RDONLY, &f), 1);
	assert_string_equal(f.why, "hidden: /tmp is empty in the private view");
	assert_int_equal(call(c, "newfstatat", "/etc/no-such-file-here", 0, &f),
			 0);
	unlink(tmp);
	cage_fs_check_free(c);
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_landlock, test_tmpdir_setup, test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_view, test_tmpdir_setup,
						test_tmpdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
