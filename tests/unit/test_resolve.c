// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resolving statements into rules (src/lang/resolve.c): conditions to
 * comparisons (32-bit arguments on their low 32 bits), groups, names of
 * other architectures, capabilities; each bad statement reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "policy/policy.h"
#include "policy_helper.h"

/* Every resolution error is reported: each statement is checked. */
static void
test_several_resolve_errors(void **state)
{
	(void)state;
	test_policy_expect_diags(
		NULL,
		"allow opne\n"
		"allow @signall\n"
		"allow getpid if arg0 == 0\n",
		"t.policy:1:7: error: unknown syscall 'opne' (did you mean "
		"'open'?)\n"
		"allow opne\n"
		"      ^~~~\n"
		"t.policy:2:7: error: unknown group '@signall' (did you "
		"mean '@signal'?)\n"
		"allow @signall\n"
		"      ^~~~~~~~\n"
		"t.policy:3:17: error: getpid takes 0 arguments; arg0 is "
		"not one of them\n"
		"allow getpid if arg0 == 0\n"
		"                ^~~~\n");
}

/* A bad name in a group is reported once, where the group is defined. */
static void
test_define_error_reported_once(void **state)
{
	(void)state;
	test_policy_expect_diags(
		NULL, "define @x opne\nallow @x\nkill @x\n",
		"t.policy:1:11: error: unknown syscall 'opne' (did you "
		"mean 'open'?)\n"
		"define @x opne\n"
		"          ^~~~\n");
	test_policy_expect_diags(
		NULL, "define @x @nope\nallow @x\n",
		"t.policy:1:11: error: unknown group '@nope' (see syscage "
		"--list)\n"
		"define @x @nope\n"
		"          ^~~~~\n");
}

/* ioctl's request is 32 bits wide: == becomes a masked compare. */
static void
test_cond_32bit_eq(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	pol = test_policy_clean(NULL, "allow ioctl if arg1 == TCGETS\n");
	r = test_rule_for(pol, SYS_ioctl);
	assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
	assert_int_equal(r->ncmps, 1);
	test_check_cmp(&r->cmps[0], 1, CAGE_OP_MASKED_EQ, 0xffffffffu, TCGETS);
	cage_policy_free(pol);

	/* -1 is the 32-bit -1; high bits of a mask or value are dropped. */
	pol = test_policy_clean(
		NULL, "allow kill if arg1 == -1\n"
		      "allow openat if arg2 & 0xffffffff00000003 == 0\n"
		      "allow close if arg0 < 100\n"
		      "allow close if arg0 <= 200\n");
	test_check_cmp(&test_rule_for(pol, SYS_kill)->cmps[0], 1,
		       CAGE_OP_MASKED_EQ, 0xffffffffu, 0xffffffffu);
	test_check_cmp(&test_rule_for(pol, SYS_openat)->cmps[0], 2,
		       CAGE_OP_MASKED_EQ, 3, 0);
	/* '<' stays a 64-bit compare: high bits make it false. */
	{
		size_t n;
		const struct cage_rule *c = test_rules_for(pol, SYS_close, &n);

		assert_int_equal(n, 2);
		test_check_cmp(&c[0].cmps[0], 0, CAGE_OP_LT, 0, 100);
		test_check_cmp(&c[1].cmps[0], 0, CAGE_OP_LE, 0, 200);
	}
	cage_policy_free(pol);
}

static void
test_cond_64bit(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = test_policy_clean(NULL,
				"allow clone if arg0 & CLONE_NEWUSER == 0\n"
				"allow mmap if arg2 == 0x10\n"
				"allow mprotect if arg1 > 4096\n"
				"allow munmap if arg1 != 0\n");
	test_check_cmp(&test_rule_for(pol, SYS_clone)->cmps[0], 0,
		       CAGE_OP_MASKED_EQ, CLONE_NEWUSER, 0);
	test_check_cmp(&test_rule_for(pol, SYS_mmap)->cmps[0], 2, CAGE_OP_EQ, 0,
		       0x10);
	test_check_cmp(&test_rule_for(pol, SYS_mprotect)->cmps[0], 1,
		       CAGE_OP_GT, 0, 4096);
	test_check_cmp(&test_rule_for(pol, SYS_munmap)->cmps[0], 1, CAGE_OP_NE,
		       0, 0);
	cage_policy_free(pol);
}

static void
test_cond_in_and_or(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;
	uint64_t seen = 0;
	size_t n;

	(void)state;
	pol = test_policy_clean(
		NULL, "allow mmap if arg2 in (1, 2, 3)\n"
		      "allow ioctl if arg1 == TCGETS || arg1 == TIOCGWINSZ\n"
		      "allow socket if arg0 in (AF_UNIX, AF_INET) && "
		      "arg1 in (1, 2, 5)\n");
	r = test_rules_for(pol, SYS_mmap, &n);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r[i].ncmps, 1);
		assert_int_equal(r[i].cmps[0].op, CAGE_OP_EQ);
		assert_int_equal(r[i].cmps[0].arg, 2);
		seen |= 1u << r[i].cmps[0].value;
	}
	assert_int_equal(seen, 0xe);

	r = test_rules_for(pol, SYS_ioctl, &n);
	assert_int_equal(n, 2);
	test_check_cmp(&r[0].cmps[0], 1, CAGE_OP_MASKED_EQ, 0xffffffffu,
		       TCGETS);
	test_check_cmp(&r[1].cmps[0], 1, CAGE_OP_MASKED_EQ, 0xffffffffu,
		       TIOCGWINSZ);

	/* && keeps both comparisons; every pair of 'in' values is a rule. */
	r = test_rules_for(pol, SYS_socket, &n);
	assert_int_equal(n, 6);
	seen = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r[i].ncmps, 2);
		assert_int_equal(r[i].cmps[0].arg, 0);
		assert_int_equal(r[i].cmps[1].arg, 1);
		seen |= 1u << (r[i].cmps[0].value * 8 + r[i].cmps[1].value);
	}
	assert_true(seen ==
		    ((0x26u << (AF_UNIX * 8)) | (0x26u << (AF_INET * 8))));
	cage_policy_free(pol);
}

static void
test_groups(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	pol = test_policy_clean(NULL, "define @io read write\n"
				      "define @more @io close\n"
				      "kill @more\n");
	assert_int_equal(pol->nrules, 3);
	r = test_rule_for(pol, SYS_read);
	assert_int_equal(r->action.kind, CAGE_ACTION_KILL);
	assert_true(r->via_group);
	assert_string_equal(r->group, "@more");
	assert_int_equal(test_rule_for(pol, SYS_close)->action.kind,
			 CAGE_ACTION_KILL);
	cage_policy_free(pol);
}

/* A syscall of another architecture only is a warning, not an error. */
static void
test_foreign_syscall(void **state)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d;
	char *got;

	(void)state;
	assert_int_equal(test_policy_load(TEST_POLICY_NAME, NULL,
					  "allow read socketcall\n", &d, &pol),
			 0);
	got = test_diags_text(&d);
	assert_string_equal(got,
			    "t.policy:1:12: warning: 'socketcall' is not a "
			    "system call of this architecture; ignored\n"
			    "allow read socketcall\n"
			    "           ^~~~~~~~~~\n");
	assert_int_equal(d.errors, 0);
	assert_int_equal(pol->nrules, 1);
	free(got);
	cage_diags_free(&d);
	cage_policy_free(pol);
}

static void
test_caps_keep(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = test_policy_clean(NULL,
				"caps keep CAP_NET_BIND_SERVICE, cap_chown\n");
	assert_true(cage_policy_caps_keep(pol) == ((1ull << 10) | (1ull << 0)));
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_several_resolve_errors),
		cmocka_unit_test(test_define_error_reported_once),
		cmocka_unit_test(test_cond_32bit_eq),
		cmocka_unit_test(test_cond_64bit),
		cmocka_unit_test(test_cond_in_and_or),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_caps_keep),
		cmocka_unit_test(test_foreign_syscall),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
