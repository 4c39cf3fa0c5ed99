// SPDX-License-Identifier: LGPL-2.1-or-later
/* The generated constants table and its lookups, against the headers. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/consts.h"

static uint64_t
value_of(const char *name)
{
	uint64_t v = 0xdeadbeef;

	assert_int_equal(cage_const_lookup(name, &v), 0);
	return v;
}

#define CHECK(name) assert_true(value_of(#name) == (uint64_t)(int64_t)(name))

static void
test_known(void **state)
{
	(void)state;
	CHECK(O_RDONLY);
	CHECK(O_ACCMODE);
	CHECK(O_CLOEXEC);
	CHECK(AF_UNIX);
	CHECK(AF_INET6);
	CHECK(AF_PACKET);
	CHECK(SOCK_CLOEXEC);
	CHECK(CLONE_NEWUSER);
	CHECK(CLONE_THREAD);
	CHECK(PROT_EXEC);
	CHECK(MAP_SHARED);
	CHECK(PR_SET_NO_NEW_PRIVS);
	CHECK(TIOCSTI);
	CHECK(TIOCLINUX);
	CHECK(TCGETS);
	CHECK(FIONREAD);
	CHECK(F_SETFL);
	CHECK(EPERM);
	CHECK(SIGSYS);
	CHECK(PER_LINUX);
	CHECK(READ_IMPLIES_EXEC);
	CHECK(RLIMIT_NOFILE);
	assert_true(value_of("O_RDONLY") == O_RDONLY);
	assert_true(value_of("TIOCSTI") == TIOCSTI);
	assert_true(value_of("CLONE_NEWUSER") == CLONE_NEWUSER);
}

static void
test_negative(void **state)
{
	(void)state;
	assert_true(value_of("AT_FDCWD") == (uint64_t)(int64_t)AT_FDCWD);
	assert_true(value_of("AT_FDCWD") == 0xffffffffffffff9cull);
}

static void
test_unknown(void **state)
{
	uint64_t v = 42;

	(void)state;
	assert_int_equal(cage_const_lookup("O_NOSUCHFLAG", &v), -ENOENT);
	assert_int_equal(cage_const_lookup("", &v), -ENOENT);
	assert_int_equal(cage_const_lookup("o_rdonly", &v), -ENOENT);
	/* Neither pointers, nor calls, nor non-errno E names from termios.h. */
	assert_int_equal(cage_const_lookup("MAP_FAILED", &v), -ENOENT);
	assert_int_equal(cage_const_lookup("SIG_DFL", &v), -ENOENT);
	assert_int_equal(cage_const_lookup("SIGRTMIN", &v), -ENOENT);
	assert_int_equal(cage_const_lookup("ECHO", &v), -ENOENT);
	assert_int_equal(v, 42);
}

static void
test_sorted(void **state)
{
	(void)state;
	assert_true(cage_consts_count > 100);
	for (size_t i = 1; i < cage_consts_count; i++) {
		if (strcmp(cage_consts[i - 1].name, cage_consts[i].name) >= 0)
			fail_msg("%s before %s", cage_consts[i - 1].name,
				 cage_consts[i].name);
	}
}

static void
test_every_name_found(void **state)
{
	uint64_t v;

	(void)state;
	for (size_t i = 0; i < cage_consts_count; i++) {
		assert_int_equal(cage_const_lookup(cage_consts[i].name, &v), 0);
		assert_true(v == cage_consts[i].value);
	}
}

static void
test_errno_lookup(void **state)
{
	(void)state;
	assert_int_equal(cage_errno_lookup("EPERM"), 1);
	assert_int_equal(cage_errno_lookup("EPERM"), EPERM);
	assert_int_equal(cage_errno_lookup("ENOSYS"), ENOSYS);
	assert_int_equal(cage_errno_lookup("EWOULDBLOCK"), EAGAIN);
	assert_int_equal(cage_errno_lookup("O_RDONLY"), -ENOENT);
	assert_int_equal(cage_errno_lookup("SIGKILL"), -ENOENT);
	assert_int_equal(cage_errno_lookup("EFD_SEMAPHORE"), -ENOENT);
	assert_int_equal(cage_errno_lookup("ENOSUCH"), -ENOENT);
	assert_int_equal(cage_errno_lookup("E"), -ENOENT);
	assert_int_equal(cage_errno_lookup(""), -ENOENT);
}

static void
test_errno_name(void **state)
{
	(void)state;
	assert_string_equal(cage_errno_name(EPERM), "EPERM");
	assert_string_equal(cage_errno_name(ENOSYS), "ENOSYS");
	assert_string_equal(cage_errno_name(EAGAIN), "EAGAIN");
	assert_string_equal(cage_errno_name(EDEADLK), "EDEADLK");
	assert_string_equal(cage_errno_name(EOPNOTSUPP), "EOPNOTSUPP");
	assert_null(cage_errno_name(0));
	assert_null(cage_errno_name(-1));
	assert_null(cage_errno_name(4096));
	assert_null(cage_errno_name(4000));
	/* Every errno name maps back to a name of the same value. */
	for (size_t i = 0; i < cage_consts_count; i++) {
		int n = cage_errno_lookup(cage_consts[i].name);

		if (n > 0)
			assert_int_equal(cage_errno_lookup(cage_errno_name(n)),
					 n);
	}
}

static void
count(const char *name, void *ctx)
{
	(void)name;
	(*(size_t *)ctx)++;
}

static void
test_foreach(void **state)
{
	size_t n = 0;

	(void)state;
	cage_const_foreach(count, &n);
	assert_int_equal(n, cage_consts_count);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_negative),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_sorted),
		cmocka_unit_test(test_every_name_found),
		cmocka_unit_test(test_errno_lookup),
		cmocka_unit_test(test_errno_name),
		cmocka_unit_test(test_foreach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
