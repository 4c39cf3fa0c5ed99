// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lint of what Landlock and the private view leave open
 * (src/lang/lint_view.c), through cage_policy_lint as --check runs it:
 * Unix socket files and metadata calls with fs rules and no mount
 * namespace, fs rules that make a view no narrower than the host.  The
 * Landlock ABI is faked at the syscall boundary, below and at ABI 9.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "policy/policy.h"
#include "policy_helper.h"

long __real_syscall(long nr, ...);
long __wrap_syscall(long nr, ...);

static long fake_abi = 7;

/* The Landlock ABI query answers FAKE_ABI; every other call is real. */
long
__wrap_syscall(long nr, ...)
{
	long a[6];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (nr == SYS_landlock_create_ruleset && a[2] == 1)
		return fake_abi;
	return __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

#define UNIX_WHY                                                               \
	"does not mediate connect() to a socket file, so the program "         \
	"reaches any socket its uid can write (ssh-agent, docker.sock, "       \
	"D-Bus): add 'private all' (or 'private home' and 'private tmp'): "    \
	"with a private view only what the fs rules name exists\n"
#define META_WHY                                                               \
	"with fs rules but no private view: Landlock has no right for "        \
	"metadata changes, so the mode, owner, times and extended attributes " \
	"of any file the uid owns outside the fs rules can be changed "        \
	"(~/.ssh/id_* made readable to all): add a private view ('private "    \
	"all'): its read-only binds refuse them (EROFS) and what no fs rule "  \
	"names is absent\n"
/* The 'default' built-in's chmod rule, where the metadata warning of a
 * policy that includes it points; the 17 others include setxattrat and
 * removexattrat (Linux 6.13), which syscage names beyond libseccomp 2.5.4. */
#define DEFAULT_CHMOD                                                          \
	"default:32:7: warning: allowing 'chmod' (and 17 more metadata "       \
	"calls) " META_WHY                                                     \
	"allow chmod fchmod if arg1 & (S_ISUID | S_ISGID) == 0\n"              \
	"      ^~~~~\n"
#define SELF "default errno EPERM\nallow execve exit_group\n"

/* TEXT, linked at ABI, gives exactly WANT. */
static void
expect_lint(long abi, const char *text, const char *want)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d;
	char *got;

	fake_abi = abi;
	assert_int_equal(
		test_policy_load(TEST_POLICY_NAME, NULL, text, &d, &pol), 0);
	assert_int_equal(cage_policy_lint(pol, &d), 0);
	got = test_diags_text(&d);
	if (strcmp(got, want))
		print_error("policy:\n%s\nwant:\n%s\ngot:\n%s\n", text, want,
			    got);
	assert_string_equal(got, want);
	free(got);
	cage_diags_free(&d);
	cage_policy_free(pol);
	fake_abi = 7;
}

/* 'net unix' with fs rules and no view: the socket warning at the net
 * statement, the metadata one at default's rule; from ABI 9 only the
 * metadata one. */
static void
test_unix_without_view(void **state)
{
	(void)state;
	expect_lint(7, "include default\nfs ro /usr\nnet unix\n",
		    "t.policy:3:1: warning: allowing 'socket' with AF_UNIX "
		    "and fs rules but no private view: this kernel's Landlock "
		    "(ABI 7, below 9) " UNIX_WHY "net unix\n"
		    "^~~\n" DEFAULT_CHMOD);
	expect_lint(9, "include default\nfs ro /usr\nnet unix\n",
		    DEFAULT_CHMOD);
	/* 'default' itself allows AF_UNIX: its rule is the place. */
	expect_lint(6, "include default\nfs ro /usr\n",
		    "default:132:7: warning: allowing 'socket' with AF_UNIX "
		    "and fs rules but no private view: this kernel's Landlock "
		    "(ABI 6, below 9) " UNIX_WHY
		    "allow socket if arg0 in (AF_UNIX, AF_INET, AF_INET6)\n"
		    "      ^~~~~~\n" DEFAULT_CHMOD);
}

/* A socket that cannot connect, or socketpair only, reaches no file. */
static void
test_unix_unreachable(void **state)
{
	(void)state;
	expect_lint(7, SELF "allow socket if arg0 == AF_UNIX\nfs ro /usr\n",
		    "");
	expect_lint(7,
		    SELF "allow socketpair if arg0 == AF_UNIX\nallow connect\n"
			 "fs ro /usr\n",
		    "");
	expect_lint(7, "include default\nfs ro /usr\nnet none\n",
		    DEFAULT_CHMOD);
}

/* A group's rule is named as the group's. */
static void
test_metadata_from_group(void **state)
{
	(void)state;
	expect_lint(7, SELF "define @m utimensat\nallow @m\nfs rw /tmp\n",
		    "t.policy:4:7: warning: @m allows 'utimensat' " META_WHY
		    "allow @m\n"
		    "      ^~\n");
	expect_lint(7, SELF "allow fchown lchown\nfs rw /tmp\n",
		    "t.policy:3:14: warning: allowing 'lchown' (and 1 more "
		    "metadata call) " META_WHY "allow fchown lchown\n"
		    "             ^~~~~~\n");
}

/* No fs rules: no Landlock confinement to get round ('default'); a
 * mount namespace: the view closes both.  'private ipc' and 'net
 * loopback' make none. */
static void
test_view_closes(void **state)
{
	(void)state;
	expect_lint(7, "include default\nnet unix\n", "");
	expect_lint(7, "include default\nprivate tmp\nnet unix\nfs ro /usr\n",
		    "");
	expect_lint(7, "include default\nprivate pid\nfs ro /usr\n", "");
	expect_lint(7, "include default\nprivate ipc\nfs ro /usr\nnet none\n",
		    DEFAULT_CHMOD);
	expect_lint(7, "include default\nnet loopback\nfs ro /usr\n",
		    "t.policy:2:1: warning: allowing 'socket' with AF_UNIX "
		    "and fs rules but no private view: this kernel's Landlock "
		    "(ABI 7, below 9) " UNIX_WHY "net loopback\n"
		    "^~~\n" DEFAULT_CHMOD);
}

#define NARROW ": name only the directories the program needs\n"

/* fs rules at /, a home or above one, in a view. */
static void
test_broad_rules(void **state)
{
	(void)state;
	expect_lint(7, "include default\nprivate tmp\nfs ro /\n",
		    "t.policy:3:7: warning: 'fs ro /' binds the whole host "
		    "into the private view, which is then no narrower than "
		    "the host" NARROW "fs ro /\n"
		    "      ^\n");
	expect_lint(7,
		    "include default\nprivate all\n"
		    "fs rw /home/ /home/alice /home/alice/src\n",
		    "t.policy:3:7: warning: 'fs rw /home/' binds every home "
		    "into the private view, which is then no narrower than "
		    "the host there (keys, shell start-up files, other "
		    "users' files)" NARROW
		    "fs rw /home/ /home/alice /home/alice/src\n"
		    "      ^~~~~~\n"
		    "t.policy:3:14: warning: 'fs rw /home/alice' binds a "
		    "whole home into the private view, which is then no "
		    "narrower than the host there (keys, shell start-up "
		    "files)" NARROW "fs rw /home/ /home/alice /home/alice/src\n"
		    "             ^~~~~~~~~~~\n");
	expect_lint(7, "include default\nprivate pid\nfs rx $HOME /root\n",
		    "t.policy:3:7: warning: 'fs rx $HOME' binds the whole "
		    "home into the private view, which is then no narrower "
		    "than the host there (keys, shell start-up files)" NARROW
		    "fs rx $HOME /root\n"
		    "      ^~~~~\n"
		    "t.policy:3:13: warning: 'fs rx /root' binds the whole "
		    "home into the private view, which is then no narrower "
		    "than the host there (keys, shell start-up files)" NARROW
		    "fs rx $HOME /root\n"
		    "            ^~~~~\n");
	/* With a private home, $HOME is that empty tmpfs (ci's writable
	 * home): nothing of the real one is bound. */
	expect_lint(7, "include default\nprivate home\nfs rw $HOME/ ${HOME}\n",
		    "");
	/* 'fs none' makes a mount namespace by itself. */
	expect_lint(7, "include default\nfs none /etc/shadow\nfs ro ${HOME}\n",
		    "t.policy:3:7: warning: 'fs ro ${HOME}' binds the whole "
		    "home into the private view, which is then no narrower "
		    "than the host there (keys, shell start-up files)" NARROW
		    "fs ro ${HOME}\n"
		    "      ^~~~~~~\n");
	/* Below a home, and without a view (no mount namespace). */
	expect_lint(7,
		    "include default\nprivate all\n"
		    "fs ro $HOME/.cache /home/alice/src /opt /homes\n",
		    "");
	expect_lint(9, "include default\nprivate ipc\nfs ro /\n",
		    DEFAULT_CHMOD);
}

/* The built-ins have a view, or no fs rules: they draw none. */
static void
test_builtins(void **state)
{
	static const char *const names[] = {"default", "stdio", "untrusted",
					    "ci", "ci-net"};

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char text[64];

		snprintf(text, sizeof(text), "include %s\n", names[i]);
		expect_lint(7, text, "");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unix_without_view),
		cmocka_unit_test(test_unix_unreachable),
		cmocka_unit_test(test_metadata_from_group),
		cmocka_unit_test(test_view_closes),
		cmocka_unit_test(test_broad_rules),
		cmocka_unit_test(test_builtins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
