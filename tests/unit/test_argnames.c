// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Argument values by name (src/base/argnames.c): one canonical name per
 * value, names chosen by the call's other arguments, flag sets; and the
 * rule printer built on it (src/policy/print.c), whose text the parser
 * must read back as the same comparisons, for every rule of every
 * built-in.
 */
#include <fcntl.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/argnames.h"
#include "base/syscalls.h"
#include "policy/print.h"
#include "policy_helper.h"

static void
expect_named(enum cage_ns ns, uint64_t v, uint64_t mask, const char *want)
{
	char out[256];

	cage_ns_value(out, sizeof(out), ns, v, mask);
	assert_string_equal(out, want);
}

static void
expect_mask(enum cage_ns ns, uint64_t mask, const char *want)
{
	char out[256];

	cage_ns_mask(out, sizeof(out), ns, mask);
	assert_string_equal(out, want);
}

/* Several names for one value: the canonical one, never the alias. */
static void
test_canonical(void **state)
{
	(void)state;
	expect_named(CAGE_NS_AF, AF_UNIX, ~0ull, "AF_UNIX");
	expect_named(CAGE_NS_AF, AF_NETLINK, ~0ull, "AF_NETLINK");
	expect_named(CAGE_NS_STATUSFLAGS, O_NONBLOCK, ~0ull, "O_NONBLOCK");
	expect_named(CAGE_NS_FCNTL, F_SETFL, ~0ull, "F_SETFL");
	expect_named(CAGE_NS_FCNTL, F_DUPFD, ~0ull, "F_DUPFD");
	expect_named(CAGE_NS_FCNTL, F_SETOWN, ~0ull, "F_SETOWN");
	expect_named(CAGE_NS_SIG, SIGABRT, ~0ull, "SIGABRT");
	expect_named(CAGE_NS_SIG, SIGCHLD, ~0ull, "SIGCHLD");
	expect_named(CAGE_NS_IOCTL, FIONREAD, ~0ull, "FIONREAD");
	expect_named(CAGE_NS_IOCTL, TIOCSTI, ~0ull, "TIOCSTI");
	expect_named(CAGE_NS_IOCTL, TCGETS, ~0ull, "TCGETS");
	expect_named(CAGE_NS_NETLINK, NETLINK_ROUTE, ~0ull, "NETLINK_ROUTE");
	expect_named(CAGE_NS_NETLINK, NETLINK_SOCK_DIAG, ~0ull,
		     "NETLINK_SOCK_DIAG");
	expect_named(CAGE_NS_PRCTL, 1, ~0ull, "PR_SET_PDEATHSIG");
	expect_named(CAGE_NS_PRCTL, 15, ~0ull, "PR_SET_NAME");
	expect_named(CAGE_NS_PERSONALITY, 0x20008, ~0ull,
		     "UNAME26|PER_LINUX32");
	expect_named(CAGE_NS_PERSONALITY, 0xffffffff, ~0ull, "0xffffffff");
	/* No name: a number, never a wrong name. */
	expect_named(CAGE_NS_AF, 4242, ~0ull, "0x1092");
	expect_named(CAGE_NS_IOCTL, 1, ~0ull, "0x1");
}

/* Flag sets: open(2) flags with and without their access mode. */
static void
test_flags(void **state)
{
	(void)state;
	expect_mask(CAGE_NS_OFLAGS, O_ACCMODE | O_CREAT | O_TRUNC,
		    "O_ACCMODE|O_CREAT|O_TRUNC");
	expect_named(CAGE_NS_OFLAGS, 0, O_ACCMODE | O_CREAT | O_TRUNC,
		     "O_RDONLY");
	expect_named(CAGE_NS_OFLAGS, O_WRONLY | O_CREAT | O_TRUNC,
		     O_ACCMODE | O_CREAT | O_TRUNC, "O_WRONLY|O_CREAT|O_TRUNC");
	expect_named(CAGE_NS_OFLAGS, O_RDWR | O_CLOEXEC, ~0ull,
		     "O_RDWR|O_CLOEXEC");
	expect_named(CAGE_NS_OFLAGS, O_WRONLY | O_NONBLOCK, ~0ull,
		     "O_WRONLY|O_NONBLOCK");
	/* A mask without the access mode names no access mode. */
	expect_named(CAGE_NS_OFLAGS, 0, O_CREAT | 020000000, "0");
	expect_mask(CAGE_NS_OFLAGS, O_CREAT | 020000000, "O_CREAT|020000000");
	expect_named(CAGE_NS_OFLAGS, O_SYNC, ~0ull, "O_RDONLY|O_SYNC");
	expect_named(CAGE_NS_OFLAGS, O_TMPFILE | O_RDWR, ~0ull,
		     "O_RDWR|O_TMPFILE");
	expect_named(CAGE_NS_STATUSFLAGS, O_NONBLOCK | O_APPEND, ~0ull,
		     "O_APPEND|O_NONBLOCK");
	expect_named(CAGE_NS_SOCKTYPE, SOCK_STREAM | SOCK_CLOEXEC, ~0ull,
		     "SOCK_STREAM|SOCK_CLOEXEC");
	expect_named(CAGE_NS_CLONE, 0x01200000 | SIGCHLD, ~0ull,
		     "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	expect_named(CAGE_NS_PROT, 0, ~0ull, "PROT_NONE");
	expect_mask(CAGE_NS_MODE, 06000, "S_ISUID|S_ISGID");
	expect_named(CAGE_NS_MODE, 0644, ~0ull, "0644");
}

/* One argument named by another: fcntl's by its command, a socket's
 * protocol by its family. */
static void
test_by_other_args(void **state)
{
	uint64_t args[6] = {3, F_SETFL, O_NONBLOCK};
	char out[64];

	(void)state;
	assert_int_equal(cage_arg_ns("fcntl", 1, args, 0), CAGE_NS_FCNTL);
	assert_int_equal(cage_arg_ns("fcntl", 2, args, 2), CAGE_NS_STATUSFLAGS);
	cage_ns_value(out, sizeof(out), cage_arg_ns("fcntl", 2, args, 2),
		      args[2], ~0ull);
	assert_string_equal(out, "O_NONBLOCK");
	args[1] = F_SETFD;
	args[2] = FD_CLOEXEC;
	cage_ns_value(out, sizeof(out), cage_arg_ns("fcntl", 2, args, 2),
		      args[2], ~0ull);
	assert_string_equal(out, "FD_CLOEXEC");
	/* unknown command: a number, not a guess */
	assert_int_equal(cage_arg_ns("fcntl", 2, args, 0), CAGE_NS_HEX);
	args[0] = AF_NETLINK;
	args[2] = NETLINK_AUDIT;
	assert_int_equal(cage_arg_ns("socket", 2, args, 1), CAGE_NS_NETLINK);
	args[0] = AF_INET;
	assert_int_equal(cage_arg_ns("socket", 2, args, 1), CAGE_NS_NUM);
}

/* The rules as print.c writes them, read back by the parser. */
static void
round_trip(const struct cage_rule *r)
{
	char *text = NULL, *line = NULL;
	size_t size = 0, lsize = 0;
	FILE *f = open_memstream(&line, &lsize);
	struct cage_policy *pol;
	const struct cage_rule *back;
	size_t n;

	assert_non_null(f);
	cage_print_rule(f, r);
	assert_int_equal(fclose(f), 0);
	f = open_memstream(&text, &size);
	assert_non_null(f);
	fprintf(f, "default kill\n%s\n", line);
	assert_int_equal(fclose(f), 0);
	pol = test_policy_text(text);
	back = test_rules_for(pol, r->nr, &n);
	assert_int_equal(n, 1);
	if (back->ncmps != r->ncmps)
		fail_msg("%s: %u comparisons back, not %u", line, back->ncmps,
			 r->ncmps);
	for (unsigned i = 0; i < r->ncmps; i++) {
		const struct cage_cmp *a = &r->cmps[i], *b = &back->cmps[i];
		enum cage_op op =
			a->op == CAGE_OP_IN ? CAGE_OP_MASKED_EQ : a->op;

		if (a->arg != b->arg || a->value != b->value ||
		    (op != b->op &&
		     !(a->op == CAGE_OP_IN && b->op == CAGE_OP_EQ)) ||
		    (b->op == CAGE_OP_MASKED_EQ && a->mask != b->mask))
			fail_msg("%s: comparison %u reads back otherwise", line,
				 i);
	}
	cage_policy_free(pol);
	free(text);
	free(line);
}

static void
test_print_round_trip(void **state)
{
	static const char *const names[] = {"stdio", "default", "ci", "ci-net",
					    "untrusted"};
	unsigned tried = 0;

	(void)state;
	for (size_t p = 0; p < sizeof(names) / sizeof(*names); p++) {
		struct cage_policy *pol = test_policy_builtin(names[p]);

		for (size_t i = 0; i < pol->nrules; i++)
			if (pol->rules[i].ncmps) {
				round_trip(&pol->rules[i]);
				tried++;
			}
		cage_policy_free(pol);
	}
	assert_true(tried > 50);
}

/* --explain and the exports write names, not numbers. */
static void
test_print_names(void **state)
{
	struct cage_policy *pol = test_policy_text(
		"default kill\n"
		"allow openat if arg2 & (O_ACCMODE | O_CREAT | O_TRUNC) == 0\n"
		"allow fcntl if arg1 == F_SETFL && arg2 == O_NONBLOCK\n"
		"allow socket if arg0 == AF_LOCAL\n");
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	(void)state;
	assert_non_null(f);
	for (size_t i = 0; i < pol->nrules; i++) {
		cage_print_rule(f, &pol->rules[i]);
		fputc('\n', f);
	}
	assert_int_equal(fclose(f), 0);
	assert_string_equal(
		text, "allow socket if arg0 == AF_UNIX\n"
		      "allow fcntl if arg1 == F_SETFL && arg2 == O_NONBLOCK\n"
		      "allow openat if arg2 & (O_ACCMODE|O_CREAT|O_TRUNC) == "
		      "O_RDONLY\n");
	free(text);
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_by_other_args),
		cmocka_unit_test(test_print_round_trip),
		cmocka_unit_test(test_print_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
