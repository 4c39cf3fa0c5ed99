// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Which rules stand (src/lang/merge.c): an includer beats its includes,
 * a syscall named directly beats a group, the default settled, 'deny'
 * made the default denial, and conflicts reported with both places.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>

#include "policy/policy.h"
#include "policy_helper.h"

/* The same condition is the same whatever the order of its terms. */
static void
test_conflict_term_order(void **state)
{
	(void)state;
	test_policy_expect_diags(
		NULL,
		"allow socket if arg0 == 1 && arg1 == 2\n"
		"kill socket if arg1 == 2 && arg0 == 1\n",
		"t.policy:2:6: error: conflicting rules for 'socket': "
		"'kill' here, 'allow' at t.policy:1:7\n"
		"kill socket if arg1 == 2 && arg0 == 1\n"
		"     ^~~~~~\n");
}

/* An includer's unconditional rule replaces what an include says. */
static void
test_includer_overrides(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	test_write_text("inc.policy", "allow ioctl if arg1 == TCGETS\n"
				      "allow ptrace\n"
				      "allow read\n");
	pol = test_policy_clean(test_tmpdir, "include inc.policy\n"
					     "kill ioctl\n"
					     "errno EPERM ptrace\n");
	r = test_rule_for(pol, SYS_ioctl);
	assert_int_equal(r->action.kind, CAGE_ACTION_KILL);
	assert_int_equal(r->ncmps, 0);
	r = test_rule_for(pol, SYS_ptrace);
	assert_int_equal(r->action.kind, CAGE_ACTION_ERRNO);
	assert_int_equal(r->action.errnum, EPERM);
	r = test_rule_for(pol, SYS_read);
	assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
	assert_int_equal(r->loc.line, 3);
	cage_policy_free(pol);
}

/* Two includes that disagree: the includer decides, or it is an error. */
static void
test_include_conflict(void **state)
{
	struct cage_policy *pol;
	char *want;

	(void)state;
	test_write_text("a.policy", "allow ptrace\n");
	test_write_text("b.policy", "kill ptrace\n");
	pol = test_policy_clean(test_tmpdir, "include a.policy\n"
					     "include b.policy\n"
					     "errno EPERM ptrace\n");
	assert_int_equal(test_rule_for(pol, SYS_ptrace)->action.kind,
			 CAGE_ACTION_ERRNO);
	cage_policy_free(pol);

	want = test_with_dir(
		"{D}/b.policy:1:6: error: conflicting rules for "
		"'ptrace': 'kill' here, 'allow' at {D}/a.policy:1:7\n"
		"kill ptrace\n"
		"     ^~~~~~\n");
	test_policy_expect_diags(test_tmpdir,
				 "include a.policy\ninclude b.policy\n", want);
	free(want);
}

/* A syscall named directly beats the same syscall in a group. */
static void
test_direct_beats_group(void **state)
{
	static const char *const texts[] = {
		"allow @signal\nerrno EPERM rt_sigaction\n",
		"errno EPERM rt_sigaction\nallow @signal\n",
	};
	const struct cage_rule *r;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct cage_policy *pol = test_policy_clean(NULL, texts[i]);

		r = test_rule_for(pol, SYS_rt_sigaction);
		assert_int_equal(r->action.kind, CAGE_ACTION_ERRNO);
		assert_false(r->via_group);
		assert_null(r->group);
		r = test_rule_for(pol, SYS_rt_sigprocmask);
		assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
		assert_true(r->via_group);
		assert_string_equal(r->group, "@signal");
		/* The place is the group's name in the rule. */
		assert_int_equal(r->loc.line, i + 1);
		assert_int_equal(r->loc.col, 7);
		cage_policy_free(pol);
	}
}

struct deny_case {
	const char *text;
	enum cage_action_kind kind;
	int errnum;
};

/* 'deny' is the policy's default denial; under 'default allow', EPERM. */
static void
test_deny(void **state)
{
	static const struct deny_case cases[] = {
		{"deny ptrace\n", CAGE_ACTION_KILL, 0},
		{"default kill\ndeny ptrace\n", CAGE_ACTION_KILL, 0},
		{"default trap\ndeny ptrace\n", CAGE_ACTION_TRAP, 0},
		{"deny ptrace\ndefault errno ENOSYS\n", CAGE_ACTION_ERRNO,
		 ENOSYS},
		{"default allow\ndeny ptrace\n", CAGE_ACTION_ERRNO, EPERM},
		{"default log\ndeny ptrace\n", CAGE_ACTION_ERRNO, EPERM},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cage_policy *pol =
			test_policy_clean(NULL, cases[i].text);
		const struct cage_rule *r = test_rule_for(pol, SYS_ptrace);

		if (r->action.kind != cases[i].kind ||
		    (cases[i].kind == CAGE_ACTION_ERRNO &&
		     r->action.errnum != cases[i].errnum))
			fail_msg("'%s': action %d errno %d", cases[i].text,
				 r->action.kind, r->action.errnum);
		cage_policy_free(pol);
	}
}

static void
test_default(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = test_policy_clean(NULL, "allow read\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_KILL);
	cage_policy_free(pol);

	/* A built-in's default, and the includer's own beating it. */
	pol = test_policy_clean(NULL, "include stdio\nallow ptrace\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_ERRNO);
	assert_int_equal(pol->dflt.errnum, EPERM);
	assert_int_equal(test_rule_for(pol, SYS_ptrace)->action.kind,
			 CAGE_ACTION_ALLOW);
	cage_policy_free(pol);
	pol = test_policy_clean(NULL, "include stdio\ndefault trap\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_TRAP);
	cage_policy_free(pol);
	pol = test_policy_clean(NULL, "default kill\ndefault kill\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_KILL);
	cage_policy_free(pol);
}

/* An includer's default settles its includes' defaults, wherever it is. */
static void
test_default_order_independent(void **state)
{
	static const char *const texts[] = {
		"default kill\ninclude da.policy\ninclude db.policy\n",
		"include da.policy\ninclude db.policy\ndefault kill\n",
	};

	(void)state;
	test_write_text("da.policy", "default allow\n");
	test_write_text("db.policy", "default errno EPERM\n");
	for (size_t i = 0; i < 2; i++) {
		struct cage_policy *pol =
			test_policy_clean(test_tmpdir, texts[i]);

		assert_int_equal(pol->dflt.kind, CAGE_ACTION_KILL);
		cage_policy_free(pol);
	}
}

/* Includes whose defaults disagree, with no includer to settle it. */
static void
test_default_sibling_conflict(void **state)
{
	char *want;

	(void)state;
	test_write_text("a1.policy", "default trap\n");
	test_write_text("a2.policy", "default allow\n");
	want = test_with_dir("{D}/a2.policy:1:1: error: conflicting defaults: "
			     "'allow' here, 'trap' at {D}/a1.policy:1\n"
			     "default allow\n"
			     "^~~~~~~\n");
	test_policy_expect_diags(
		test_tmpdir, "include a1.policy\ninclude a2.policy\n", want);
	free(want);

	/* The same, after a deeper disagreement that a1 itself settles. */
	test_write_text("c1.policy", "default allow\n");
	test_write_text("c2.policy", "default kill\n");
	test_write_text("a1.policy",
			"include c1.policy\ninclude c2.policy\ndefault trap\n");
	want = test_with_dir("{D}/a2.policy:1:1: error: conflicting defaults: "
			     "'allow' here, 'trap' at {D}/a1.policy:3\n"
			     "default allow\n"
			     "^~~~~~~\n");
	test_policy_expect_diags(
		test_tmpdir, "include a1.policy\ninclude a2.policy\n", want);
	free(want);
}

static void
test_duplicates(void **state)
{
	struct cage_policy *pol;
	size_t n;

	(void)state;
	pol = test_policy_clean(NULL, "allow read\nallow read\n"
				      "allow ioctl if arg1 == TCGETS\n"
				      "allow ioctl if arg1 == TCGETS\n"
				      "kill mmap\nallow mmap if arg2 == 1\n");
	test_rule_for(pol, SYS_read);
	test_rule_for(pol, SYS_ioctl);
	/* A conditional exception to a rule of the same file stands. */
	test_rules_for(pol, SYS_mmap, &n);
	assert_int_equal(n, 2);
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conflict_term_order),
		cmocka_unit_test_setup_teardown(test_includer_overrides,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_include_conflict,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test(test_direct_beats_group),
		cmocka_unit_test(test_deny),
		cmocka_unit_test(test_default),
		cmocka_unit_test_setup_teardown(test_default_order_independent,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_default_sibling_conflict,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test(test_duplicates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
