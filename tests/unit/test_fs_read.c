// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of fs_read.c, reading from this process as the supervisor reads
 * from the target: paths made absolute and lexically normal, relative to
 * the working directory or a directory fd; a string read whole when it
 * ends just before an unmapped page, refused when it runs into one; a
 * Unix socket file's path, and nothing for an abstract one or an IP
 * address.
 */
#include "supervise/fs_read.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static void
expect_abs(int dirfd, const char *path, const char *want)
{
	char out[PATH_MAX];

	assert_int_equal(
		cage_fs_absolute(getpid(), dirfd, path, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void
test_absolute(void **state)
{
	char cwd[PATH_MAX], want[PATH_MAX + 8];
	int fd = open("/usr", O_PATH | O_DIRECTORY | O_CLOEXEC);

	(void)state;
	expect_abs(AT_FDCWD, "/a/./b/../c//d/", "/a/c/d");
	expect_abs(AT_FDCWD, "/..", "/");
	expect_abs(AT_FDCWD, "/a/b/../../..", "/");
	expect_abs(AT_FDCWD, "//", "/");
	assert_non_null(realpath(".", cwd));
	snprintf(want, sizeof(want), "%s/y", strcmp(cwd, "/") ? cwd : "");
	expect_abs(AT_FDCWD, "x/../y", want);
	assert_true(fd >= 0);
	expect_abs(fd, "lib/../lib", "/usr/lib");
	expect_abs(fd, "/etc", "/etc");
	close(fd);
}

static void
test_string_at_page_end(void **state)
{
	long page = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
	     buf[PATH_MAX];

	(void)state;
	assert_true(m != MAP_FAILED);
	assert_int_equal(munmap(m + page, (size_t)page), 0);
	memcpy(m + page - 4, "abc", 4);
	assert_int_equal(cage_fs_read_string(
				 getpid(), (uint64_t)(uintptr_t)(m + page - 4),
				 buf, sizeof(buf)),
			 3);
	assert_string_equal(buf, "abc");
	memset(m + page - 4, 'x', 4); /* no end before the hole */
	assert_true(cage_fs_read_string(getpid(),
					(uint64_t)(uintptr_t)(m + page - 4),
					buf, sizeof(buf)) < 0);
	assert_true(cage_fs_read_string(getpid(), 0, buf, sizeof(buf)) < 0);
	munmap(m, (size_t)page);
}

static void
test_unix_path(void **state)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	struct sockaddr_in in = {.sin_family = AF_INET};
	char buf[PATH_MAX];
	uint64_t a = (uint64_t)(uintptr_t)&sun;

	(void)state;
	strcpy(sun.sun_path, "/run/x.sock");
	assert_int_equal(cage_fs_read_unix_path(getpid(), a, sizeof(sun), buf,
						sizeof(buf)),
			 11);
	assert_string_equal(buf, "/run/x.sock");
	sun.sun_path[0] = '\0'; /* abstract */
	assert_int_equal(cage_fs_read_unix_path(getpid(), a, sizeof(sun), buf,
						sizeof(buf)),
			 0);
	assert_int_equal(cage_fs_read_unix_path(getpid(),
						(uint64_t)(uintptr_t)&in,
						sizeof(in), buf, sizeof(buf)),
			 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute),
		cmocka_unit_test(test_string_at_page_end),
		cmocka_unit_test(test_unix_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
