// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of reap.c on real processes: a tree is stopped and killed, the
 * orphans it leaves too; and a pid in a children list that is no longer
 * a child of the tree (its number reused by a stranger) is neither
 * stopped nor killed.  The reuse is staged by making /proc/A/task/A/
 * children read as the test says (fopen wrapped): the stranger is a live
 * process of ours that is not A's child, as a reused number would be.
 */
#include "supervise/reap.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static char fake_path[64];
static char fake_list[64];
static unsigned fake_reads; /* proof that the staging took effect */

FILE *__real_fopen64(const char *path, const char *mode);
FILE *__wrap_fopen64(const char *path, const char *mode);

FILE *
__wrap_fopen64(const char *path, const char *mode)
{
	if (fake_path[0] && !strcmp(path, fake_path)) {
		fake_reads++;
		return fmemopen(fake_list, strlen(fake_list), "r");
	}
	return __real_fopen64(path, mode);
}

/*
 * Our children also end if the test dies first; a grandchild must not
 * (that would kill it for reap.c), so it lets go of the test's output,
 * which a failed run would otherwise leave held open.
 */
static void __attribute__((noreturn)) sleep_forever(bool ours)
{
	if (ours) {
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	} else {
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	for (;;)
		pause();
}

/* A child of ours that forks one of its own; *grandchild is its pid. */
static pid_t
spawn_pair(pid_t *grandchild)
{
	int p[2];
	pid_t a;

	assert_int_equal(pipe(p), 0);
	a = fork();
	assert_true(a >= 0);
	if (a == 0) {
		pid_t b = fork();

		if (b == 0)
			sleep_forever(false);
		if (write(p[1], &b, sizeof(b)) != sizeof(b))
			_exit(1);
		sleep_forever(true);
	}
	close(p[1]);
	assert_int_equal(read(p[0], grandchild, sizeof(*grandchild)),
			 sizeof(*grandchild));
	close(p[0]);
	return a;
}

static pid_t
spawn_sleeper(void)
{
	pid_t s = fork();

	assert_true(s >= 0);
	if (s == 0)
		sleep_forever(true);
	return s;
}

/* Wait up to two seconds for PID; its wait status, or -1. */
static int
wait_for(pid_t pid)
{
	struct timespec tick = {0, 10L * 1000 * 1000};
	int status;

	for (int i = 0; i < 200; i++) {
		if (waitpid(pid, &status, WNOHANG | __WALL) == pid)
			return status;
		nanosleep(&tick, NULL);
	}
	return -1;
}

/* The state letter of /proc/PID/stat ('S', 'T' for stopped...). */
static char
state_of(pid_t pid)
{
	char path[64], buf[256], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = __real_fopen64(path, "re");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	assert_non_null(p);
	return p[2];
}

static int
setup(void **state)
{
	(void)state;
	/* As syscage: orphans come to us. */
	return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

static void
test_kill_tree(void **state)
{
	pid_t b, a = spawn_pair(&b);
	int status;

	(void)state;
	cage_reap_kill_tree(a);
	status = wait_for(a);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	status = wait_for(b); /* reparented to us as a died */
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static void
test_orphans(void **state)
{
	pid_t b, a = spawn_pair(&b);
	int status;

	(void)state;
	/* A dies by itself; B is ours now, and the sweep kills it. */
	kill(a, SIGTERM);
	status = wait_for(a);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	assert_true(cage_reap_orphans() >= 1);
	assert_int_equal(kill(b, 0), -1);
	assert_int_equal(errno, ESRCH);
}

/*
 * A's children list names B and S, as it would if a child of A had died
 * and its number had gone to S: S must be neither stopped nor killed,
 * while A and B are.
 */
static void
test_reused_pid(void **state)
{
	pid_t b, a = spawn_pair(&b);
	pid_t s = spawn_sleeper();
	int status;

	(void)state;
	snprintf(fake_path, sizeof(fake_path), "/proc/%d/task/%d/children",
		 (int)a, (int)a);
	snprintf(fake_list, sizeof(fake_list), "%d %d ", (int)b, (int)s);
	cage_reap_kill_tree(a);
	fake_path[0] = '\0';
	assert_true(fake_reads > 0);
	status = wait_for(a);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	status = wait_for(b);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	/* The stranger runs on, untouched. */
	assert_int_equal(waitpid(s, &status, WNOHANG), 0);
	assert_int_not_equal(state_of(s), 'T');
	kill(s, SIGKILL);
	status = wait_for(s);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/* A root that is not our child (a number reused after we reaped it) is
 * left alone. */
static void
test_root_not_ours(void **state)
{
	pid_t s = spawn_sleeper();
	pid_t b, a = spawn_pair(&b);
	struct timespec settle = {0, 50L * 1000 * 1000};
	int status;

	(void)state;
	cage_reap_kill_tree(b);	  /* A's child, not ours */
	nanosleep(&settle, NULL); /* a signal sent would have landed */
	/* Neither stopped (T) nor dead (Z): still sleeping or starting. */
	assert_true(state_of(b) == 'S' || state_of(b) == 'R');
	cage_reap_kill_tree(a);
	assert_true(WIFSIGNALED(wait_for(a)));
	assert_true(WIFSIGNALED(wait_for(b)));
	kill(s, SIGKILL);
	status = wait_for(s);
	assert_true(WIFSIGNALED(status));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kill_tree),
		cmocka_unit_test(test_orphans),
		cmocka_unit_test(test_reused_pid),
		cmocka_unit_test(test_root_not_ours),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
