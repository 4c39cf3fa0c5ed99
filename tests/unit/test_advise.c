// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Advice on refused calls (src/supervise/advise.c): which refusals are by
 * design; for the others, the exact line or option proposed, checked by
 * applying it: the policy with the line added lets the call in (decide.c,
 * the reference semantics) and --check's linter warns of nothing it did
 * not warn of before, but what only 'default' keeps shut.  The dangerous
 * cases get no rule, and the linter's reason instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/syscalls.h"
#include "policy/decide.h"
#include "policy_helper.h"
#include "supervise/advise.h"

/* A built-in by name, or policy text. */
static struct cage_policy *
load(const char *policy)
{
	return strchr(policy, '\n') ? test_policy_text(policy)
				    : test_policy_builtin(policy);
}

static const char *
by_design(const char *policy, int nr)
{
	static char reason[320];
	struct cage_policy *pol = load(policy);
	uint64_t args[6] = {0};
	struct cage_verdict v;
	const char *r;

	cage_policy_decide(pol, nr, args, &v);
	r = cage_advise_by_design(&v, nr);
	snprintf(reason, sizeof(reason), "%s", r ? r : "");
	cage_policy_free(pol);
	return r ? reason : NULL;
}

static void
test_by_design(void **state)
{
	const char *r;

	(void)state;
	r = by_design("default", SYS_clone3);
	assert_non_null(r);
	assert_non_null(strstr(r, "glibc falls back to clone,"));
	r = by_design("untrusted", SYS_openat2);
	assert_non_null(strstr(r, "glibc falls back to openat,"));
	r = by_design("default", cage_syscall_max_known() + 1);
	assert_non_null(strstr(r, "newer than syscage's tables"));
	r = by_design("include default\nerrno ENOSYS mbind\n", SYS_mbind);
	assert_non_null(strstr(r, "the policy answers as a kernel without"));
	/* Not by design: EPERM, and a default that names no syscall. */
	assert_null(by_design("default", SYS_ptrace));
	assert_null(
		by_design("default errno ENOSYS\nallow execve\n", SYS_getpid));
	assert_null(
		by_design("include default\nerrno EPERM clone3\n", SYS_clone3));
}

struct advice_case {
	const char *policy;
	int nr;
	uint64_t args[6];
	enum cage_advice kind;
	const char *allow; /* exact; for NONE a part of why */
};

#define TERM_FD 0
static const struct advice_case cases[] = {
	/* Sockets: the family, and netlink's protocol. */
	{"stdio",
	 SYS_socket,
	 {AF_NETLINK, SOCK_RAW, NETLINK_ROUTE},
	 CAGE_ADVICE_RULE,
	 "allow socket if arg0 == AF_NETLINK && arg2 == NETLINK_ROUTE"},
	{"stdio",
	 SYS_socket,
	 {AF_INET, SOCK_STREAM, 0},
	 CAGE_ADVICE_RULE,
	 "allow socket if arg0 == AF_INET"},
	{"stdio",
	 SYS_socket,
	 {AF_LOCAL, SOCK_STREAM, 0},
	 CAGE_ADVICE_RULE,
	 "allow socket if arg0 == AF_UNIX"},
	{"default",
	 SYS_socket,
	 {AF_NETLINK, SOCK_RAW, NETLINK_AUDIT},
	 CAGE_ADVICE_NONE,
	 "with AF_NETLINK NETLINK_AUDIT: netlink beyond"},
	{"default",
	 SYS_socket,
	 {AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT},
	 CAGE_ADVICE_NONE,
	 "NETLINK_KOBJECT_UEVENT"},
	/* A net mode: the option, where one lets the family in. */
	{"untrusted",
	 SYS_socket,
	 {AF_INET, SOCK_STREAM, 0},
	 CAGE_ADVICE_OPTION,
	 "--net inet"},
	{"untrusted",
	 SYS_socket,
	 {AF_INET6, SOCK_DGRAM, 0},
	 CAGE_ADVICE_OPTION,
	 "--net inet"},
	{"untrusted",
	 SYS_socket,
	 {AF_UNIX, SOCK_STREAM, 0},
	 CAGE_ADVICE_OPTION,
	 "--net unix"},
	{"ci",
	 SYS_socket,
	 {AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG},
	 CAGE_ADVICE_RULE,
	 "allow socket if arg0 == AF_NETLINK && arg2 == NETLINK_SOCK_DIAG"},
	/* Namespaces, clone3: never. */
	{"default",
	 SYS_unshare,
	 {CLONE_NEWUSER},
	 CAGE_ADVICE_NONE,
	 "allowing 'unshare' with CLONE_NEWUSER: it creates namespaces"},
	{"default",
	 SYS_clone,
	 {CLONE_NEWNS | SIGCHLD},
	 CAGE_ADVICE_NONE,
	 "allowing 'clone' with CLONE_NEWNS: it creates namespaces"},
	{"stdio",
	 SYS_clone,
	 {0x01200000 | SIGCHLD},
	 CAGE_ADVICE_RULE,
	 "allow clone if arg0 & (CLONE_VM|CLONE_THREAD|CLONE_NEWNS|"
	 "CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|"
	 "CLONE_NEWPID|CLONE_NEWNET) == 0"},
	{"default errno EPERM\nallow execve exit_group\n",
	 SYS_clone3,
	 {0, 88},
	 CAGE_ADVICE_ENOSYS,
	 "errno ENOSYS clone3"},
	{"default errno EPERM\nallow execve exit_group\n",
	 SYS_openat2,
	 {0},
	 CAGE_ADVICE_ENOSYS,
	 "errno ENOSYS openat2"},
	{"default",
	 SYS_ptrace,
	 {0x4206, 1}, /* PTRACE_SEIZE: LeakSanitizer's ATTACH is allowed */
	 CAGE_ADVICE_NONE,
	 "allowing 'ptrace': can take over"},
	/* Files: the access wanted, never a setuid mode. */
	{"stdio",
	 SYS_openat,
	 {-100, 0, O_WRONLY | O_CREAT | O_TRUNC, 0644},
	 CAGE_ADVICE_RULE,
	 "allow openat if arg2 & (O_ACCMODE|O_CREAT|O_TRUNC) == "
	 "O_WRONLY|O_CREAT|O_TRUNC && arg3 & (S_ISUID|S_ISGID) == 0"},
	{"stdio",
	 SYS_openat,
	 {-100, 0, O_WRONLY | O_CREAT, 04755},
	 CAGE_ADVICE_NONE,
	 "S_ISUID or S_ISGID in the mode"},
	{"stdio",
	 SYS_chmod,
	 {0, 0644},
	 CAGE_ADVICE_RULE,
	 "allow chmod if arg1 & (S_ISUID|S_ISGID) == 0"},
	{"stdio",
	 SYS_chmod,
	 {0, 02755},
	 CAGE_ADVICE_NONE,
	 "S_ISUID or S_ISGID"},
	/* Terminals and other processes. */
	{"stdio",
	 SYS_ioctl,
	 {TERM_FD, TCSETS},
	 CAGE_ADVICE_RULE,
	 "allow ioctl if arg1 == TCSETS"},
	{"default",
	 SYS_ioctl,
	 {TERM_FD, TIOCSTI},
	 CAGE_ADVICE_NONE,
	 "with TIOCSTI: it types commands"},
	{"stdio",
	 SYS_sched_setaffinity,
	 {0, 8},
	 CAGE_ADVICE_RULE,
	 "allow sched_setaffinity if arg0 == 0"},
	{"stdio",
	 SYS_sched_setaffinity,
	 {4242, 8},
	 CAGE_ADVICE_NONE,
	 "allow it only on the caller"},
	{"default",
	 SYS_prlimit64,
	 {1, RLIMIT_NOFILE, 1},
	 CAGE_ADVICE_NONE,
	 "sets the limits of other processes"},
	/* fcntl: the command named as one, F_SETFL, not F_EXLCK. */
	{"include stdio\nerrno EPERM fcntl\nallow fcntl if arg1 == F_GETFD\n",
	 SYS_fcntl,
	 {3, F_SETFL, O_NONBLOCK},
	 CAGE_ADVICE_RULE,
	 "allow fcntl if arg1 == F_SETFL"},
	{"default kill\nallow execve\n",
	 SYS_getpid,
	 {0},
	 CAGE_ADVICE_RULE,
	 "allow getpid"},
};

/* Warnings of POL's linter but those about what 'default' keeps shut. */
static size_t
escapes(const struct cage_policy *pol)
{
	struct cage_diags d = {0};
	size_t n = 0;

	assert_int_equal(cage_policy_lint(pol, &d), 0);
	for (size_t i = 0; i < d.n; i++)
		if (!strstr(d.v[i].message, "the 'default' built-in"))
			n++;
	cage_diags_free(&d);
	return n;
}

/* The advice applied: the policy with the line (or the option's
 * statement) added lets the call in, and opens no escape. */
static void
apply(const struct advice_case *c, const struct cage_policy *before,
      const char *allow)
{
	char text[1024];
	struct cage_policy *pol;
	struct cage_verdict v;

	if (c->kind == CAGE_ADVICE_OPTION)
		snprintf(text, sizeof(text), "include %s\nnet %s\n", c->policy,
			 allow + strlen("--net "));
	else if (strchr(c->policy, '\n'))
		snprintf(text, sizeof(text), "%s%s\n", c->policy, allow);
	else
		snprintf(text, sizeof(text), "include %s\n%s\n", c->policy,
			 allow);
	pol = test_policy_text(text);
	cage_policy_decide(pol, c->nr, c->args, &v);
	if (c->kind == CAGE_ADVICE_ENOSYS) {
		if (!cage_advise_by_design(&v, c->nr))
			fail_msg("%s: not by design once applied", allow);
	} else if (v.action.kind != CAGE_ACTION_ALLOW) {
		fail_msg("'%s' added, the call is still refused", allow);
	}
	if (escapes(pol) > escapes(before))
		fail_msg("'%s' makes --check warn of an escape", allow);
	cage_policy_free(pol);
}

static void
test_advice(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct advice_case *c = &cases[i];
		struct cage_policy *pol = load(c->policy);
		char allow[256], why[320];
		struct cage_verdict v;
		enum cage_advice kind;

		cage_policy_decide(pol, c->nr, c->args, &v);
		if (v.action.kind == CAGE_ACTION_ALLOW)
			fail_msg("case %zu: the call is not refused", i);
		kind = cage_advise(pol, &v, c->nr, c->args, allow,
				   sizeof(allow), why, sizeof(why));
		if (kind != c->kind)
			fail_msg("case %zu: advice %d, not %d (%s / %s)", i,
				 kind, c->kind, allow, why);
		if (kind == CAGE_ADVICE_NONE) {
			assert_string_equal(allow, "");
			if (!strstr(why, c->allow))
				fail_msg("case %zu: why: %s", i, why);
		} else {
			assert_string_equal(allow, c->allow);
			apply(c, pol, allow);
		}
		cage_policy_free(pol);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_design),
		cmocka_unit_test(test_advice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
