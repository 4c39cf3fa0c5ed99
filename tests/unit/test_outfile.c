// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --report and --learn files (src/base/outfile.c) against a target that can
 * write their directory: the directory renamed, the name swapped for a
 * symbolic or a hard link, links planted before, the temporary file of
 * a file system without O_TMPFILE (openat64 wrapped) renamed or replaced.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/outfile.h"

static bool no_tmpfile; /* openat refuses O_TMPFILE, as NFS or FUSE may */

int __real_openat64(int dirfd, const char *path, int flags, ...);
int __wrap_openat64(int dirfd, const char *path, int flags, ...);
int
__wrap_openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
		       ? (mode_t)va_arg(ap, int)
		       : 0;
	va_end(ap);
	if (no_tmpfile && (flags & O_TMPFILE) == O_TMPFILE) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return __real_openat64(dirfd, path, flags, mode);
}

static char top[64];
static char dir[128], file[160], victim[160];

static int
setup(void **state)
{
	(void)state;
	no_tmpfile = false;
	snprintf(top, sizeof(top), "/tmp/test_outfile.XXXXXX");
	if (!mkdtemp(top))
		return -1;
	snprintf(dir, sizeof(dir), "%s/d", top);
	snprintf(file, sizeof(file), "%s/report", dir);
	snprintf(victim, sizeof(victim), "%s/victim", top);
	if (mkdir(dir, 0755) < 0)
		return -1;
	FILE *v = fopen(victim, "w");
	if (!v || fputs("precious\n", v) < 0 || fclose(v))
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	return system(cmd) == 0 ? 0 : -1;
}

static void
write_all(int fd, const char *s)
{
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

static void
assert_content(const char *path, const char *want)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

/* How many entries DIR has (the unnamed file has none). */
static int
entries(const char *d)
{
	char cmd[256];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", d);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

static void
test_plain(void **state)
{
	struct cage_outfile of;
	struct stat st;
	mode_t mask = umask(022);

	(void)state;
	assert_int_equal(cage_outfile_open(&of, file, 0644), 0);
	assert_int_equal(entries(dir), 0); /* unnamed while it is written */
	write_all(of.fd, "report\n");
	assert_int_equal(cage_outfile_commit(&of), 0);
	close(of.fd);
	cage_outfile_close(&of);
	assert_content(file, "report\n");
	assert_int_equal(lstat(file, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(st.st_nlink, 1);
	assert_int_equal(entries(dir), 1);
	umask(mask);
}

/* The target swaps the name for links while it runs: replaced. */
static void
test_swapped_name(void **state)
{
	struct cage_outfile of;
	struct stat st;

	(void)state;
	for (int hard = 0; hard < 2; hard++) {
		assert_int_equal(cage_outfile_open(&of, file, 0644), 0);
		unlink(file);
		assert_int_equal(
			hard ? link(victim, file) : symlink(victim, file), 0);
		write_all(of.fd, "ours\n");
		assert_int_equal(cage_outfile_commit(&of), 0);
		close(of.fd);
		cage_outfile_close(&of);
		assert_int_equal(lstat(file, &st), 0);
		assert_true(S_ISREG(st.st_mode));
		assert_int_equal(st.st_nlink, 1);
		assert_content(file, "ours\n");
		assert_content(victim, "precious\n");
	}
}

/* The directory renamed and replaced by a symbolic link: the file lands
 * in the directory opened at first, wherever it now is. */
static void
test_swapped_dir(void **state)
{
	struct cage_outfile of;
	char moved[192], there[224];

	(void)state;
	snprintf(moved, sizeof(moved), "%s/moved", top);
	snprintf(there, sizeof(there), "%s/report", moved);
	assert_int_equal(cage_outfile_open(&of, file, 0644), 0);
	assert_int_equal(rename(dir, moved), 0);
	assert_int_equal(symlink(top, dir), 0);
	write_all(of.fd, "ours\n");
	assert_int_equal(cage_outfile_commit(&of), 0);
	close(of.fd);
	cage_outfile_close(&of);
	assert_content(there, "ours\n");
	assert_int_equal(access(file, F_OK) == 0 ? 1 : 0, 0); /* not in top */
}

/* Planted before: refused (a symbolic link) or replaced (a hard link). */
static void
test_planted(void **state)
{
	struct cage_outfile of;

	(void)state;
	assert_int_equal(symlink(victim, file), 0);
	assert_int_equal(cage_outfile_open(&of, file, 0644), -ELOOP);
	assert_int_equal(of.fd, -1);
	unlink(file);
	assert_int_equal(cage_outfile_open(&of, dir, 0644), -EISDIR);
	assert_int_equal(cage_outfile_open(&of, "/dev/null", 0644), -EINVAL);
	assert_int_equal(cage_outfile_open(&of, "/nonexistent/x", 0644),
			 -ENOENT);
	assert_int_equal(cage_outfile_open(&of, "", 0644), -EISDIR);
	assert_int_equal(link(victim, file), 0);
	assert_int_equal(cage_outfile_open(&of, file, 0644), 0);
	write_all(of.fd, "ours\n");
	assert_int_equal(cage_outfile_commit(&of), 0);
	close(of.fd);
	cage_outfile_close(&of);
	assert_content(file, "ours\n");
	assert_content(victim, "precious\n");
}

/* Without O_TMPFILE: a random name, mode 0600, never followed; if the
 * target renames it away and puts its own file there, ours still wins. */
static void
test_no_tmpfile(void **state)
{
	struct cage_outfile of;
	char tmp[256], away[256];
	struct stat st;

	(void)state;
	no_tmpfile = true;
	assert_int_equal(cage_outfile_open(&of, file, 0644), 0);
	assert_true(of.named);
	snprintf(tmp, sizeof(tmp), "%s/%s", dir, of.tmpname);
	assert_int_equal(lstat(tmp, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	snprintf(away, sizeof(away), "%s/away", dir);
	assert_int_equal(rename(tmp, away), 0);
	assert_int_equal(symlink(victim, tmp), 0);
	write_all(of.fd, "ours\n");
	assert_int_equal(cage_outfile_commit(&of), 0);
	close(of.fd);
	cage_outfile_close(&of);
	assert_content(file, "ours\n");
	assert_content(victim, "precious\n");
	unlink(away);
	unlink(tmp);
	/* Not committed: nothing is left behind. */
	assert_int_equal(cage_outfile_open(&of, file, 0644), 0);
	close(of.fd);
	cage_outfile_close(&of);
	assert_int_equal(entries(dir), 1);
}

static void
test_streams(void **state)
{
	struct cage_outfile of;

	(void)state;
	assert_int_equal(cage_outfile_open(&of, "/dev/stderr", 0644), 0);
	assert_true(of.stream);
	assert_true(of.fd > 2);
	assert_int_equal(cage_outfile_commit(&of), 0);
	close(of.fd);
	cage_outfile_close(&of);
	assert_int_equal(cage_outfile_open(&of, "/dev/fd/999", 0644), -EBADF);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swapped_name, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_swapped_dir, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_planted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_tmpfile, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_streams, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
