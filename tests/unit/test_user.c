// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --user: USER[:GROUP] resolution, and the switch failing closed when
 * setgroups, setresgid or setresuid fail or lie (-Wl,--wrap).  Switches
 * happen in children, read back through a pipe.
 */
#include "launch/user.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

enum call { CALL_NONE, CALL_SETGROUPS, CALL_SETRESGID, CALL_SETRESUID };
enum how { HOW_FAIL, HOW_LIE };
static enum call bad;
static enum how how;
static int skipped; /* cases that need root, run without it */

int __real_setgroups(size_t n, const gid_t *list);
int __wrap_setgroups(size_t n, const gid_t *list);
int __real_setresgid(gid_t r, gid_t e, gid_t s);
int __wrap_setresgid(gid_t r, gid_t e, gid_t s);
int __real_setresuid(uid_t r, uid_t e, uid_t s);
int __wrap_setresuid(uid_t r, uid_t e, uid_t s);

#define MISBEHAVE(call)                                                        \
	do {                                                                   \
		if (bad == (call) && how == HOW_LIE)                           \
			return 0;                                              \
		if (bad == (call)) {                                           \
			errno = EPERM;                                         \
			return -1;                                             \
		}                                                              \
	} while (0)

int
__wrap_setgroups(size_t n, const gid_t *list)
{
	MISBEHAVE(CALL_SETGROUPS);
	return __real_setgroups(n, list);
}

int
__wrap_setresgid(gid_t r, gid_t e, gid_t s)
{
	MISBEHAVE(CALL_SETRESGID);
	return __real_setresgid(r, e, s);
}

int
__wrap_setresuid(uid_t r, uid_t e, uid_t s)
{
	MISBEHAVE(CALL_SETRESUID);
	return __real_setresuid(r, e, s);
}

static void
test_resolve(void **state)
{
	struct passwd *nobody = getpwnam("nobody");
	uid_t u;
	gid_t g;

	assert_non_null(nobody);
	assert_int_equal(cage_user_resolve("root", &u, &g), 0);
	assert_true(u == 0 && g == 0);
	assert_int_equal(cage_user_resolve("nobody", &u, &g), 0);
	assert_true(u == nobody->pw_uid && g == nobody->pw_gid);
	assert_int_equal(cage_user_resolve("nobody:root", &u, &g), 0);
	assert_true(u == nobody->pw_uid && g == 0);
	assert_int_equal(cage_user_resolve("0:12345", &u, &g), 0);
	assert_true(u == 0 && g == 12345);
	/* A uid without an entry gets its own number as group, never 0. */
	assert_int_equal(cage_user_resolve("54321", &u, &g), 0);
	assert_true(u == 54321 && g == 54321);
	assert_int_equal(cage_user_resolve("no-such-user-x", &u, &g), -ENOENT);
	assert_int_equal(cage_user_resolve("nobody:no-such-group-x", &u, &g),
			 -ENOENT);
	assert_int_equal(cage_user_resolve("", &u, &g), -EINVAL);
	assert_int_equal(cage_user_resolve(":0", &u, &g), -EINVAL);
	assert_int_equal(cage_user_resolve("nobody:", &u, &g), -EINVAL);
}

struct result {
	int err;
	char step[64];
	uid_t uid;
	gid_t gid;
	int ngroups;
};

static struct result
apply_in_child(const struct cage_launch_opts *o)
{
	struct result res;
	int fds[2], status;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		const char *s = "";

		memset(&res, 0, sizeof(res));
		res.err = cage_user_apply(o->set_user, o->uid, o->gid, &s);
		snprintf(res.step, sizeof(res.step), "%s", s);
		res.uid = geteuid();
		res.gid = getegid();
		res.ngroups = getgroups(0, NULL);
		_exit(write(fds[1], &res, sizeof(res)) == sizeof(res) ? 0 : 1);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &res, sizeof(res)), sizeof(res));
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return res;
}

static void
test_switch(void **state)
{
	struct cage_launch_opts o = {.set_user = true};
	struct result r;

	assert_int_equal(cage_user_resolve("nobody", &o.uid, &o.gid), 0);
	bad = CALL_NONE;
	r = apply_in_child(&o);
	if (geteuid() != 0) {
		/* Without root the switch must fail, never half happen. */
		assert_int_equal(r.err, -EPERM);
		assert_string_equal(r.step, "setgroups");
		return;
	}
	assert_int_equal(r.err, 0);
	assert_true(r.uid == o.uid && r.gid == o.gid);
	assert_int_equal(r.ngroups, 0);
}

static void
test_fail_closed(void **state)
{
	static const struct {
		enum call call;
		enum how how;
		const char *step;
	} cases[] = {
		{CALL_SETGROUPS, HOW_FAIL, "setgroups"},
		{CALL_SETRESGID, HOW_FAIL, "setresgid"},
		{CALL_SETRESUID, HOW_FAIL, "setresuid"},
		/* Lies are caught when the ids are read back. */
		{CALL_SETGROUPS, HOW_LIE,
		 "getresuid (confirm the user switch)"},
		{CALL_SETRESGID, HOW_LIE,
		 "getresuid (confirm the user switch)"},
		{CALL_SETRESUID, HOW_LIE,
		 "getresuid (confirm the user switch)"},
	};
	struct cage_launch_opts o = {.set_user = true};

	if (geteuid() != 0) {
		/* test_switch covers the unprivileged refusal */
		skipped++;
		skip();
	}
	assert_int_equal(cage_user_resolve("nobody", &o.uid, &o.gid), 0);
	assert_int_equal(setgroups(1, &(gid_t){12345}), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct result r;

		bad = cases[i].call;
		how = cases[i].how;
		r = apply_in_child(&o);
		assert_int_equal(r.err, -EPERM);
		assert_string_equal(r.step, cases[i].step);
	}
	bad = CALL_NONE;
	assert_int_equal(setgroups(0, NULL), 0);
}

/* Without --user nothing is called. */
static void
test_not_asked(void **state)
{
	struct cage_launch_opts o = {0};
	const char *step = NULL;

	bad = CALL_SETGROUPS;
	how = HOW_FAIL;
	assert_int_equal(cage_user_apply(o.set_user, o.uid, o.gid, &step), 0);
	assert_null(step);
	bad = CALL_NONE;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_switch),
		cmocka_unit_test(test_fail_closed),
		cmocka_unit_test(test_not_asked),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	/* A case that needs root is skipped, never passed: 77 is meson's
	 * SKIP. */
	return failed ? failed : skipped ? 77 : 0;
}
