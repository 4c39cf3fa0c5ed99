// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The policy parser (src/lang/parse.c) seen through loading: every
 * diagnostic compared as the exact text the user sees, and the rules of
 * valid policies as they are written.
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
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "policy/policy.h"
#include "policy_helper.h"

struct diag_case {
	const char *what;
	const char *text;
	const char *want;
};

static const struct diag_case diag_cases[] = {
	{"unknown syscall", "default kill\nallow opne\n",
	 "t.policy:2:7: error: unknown syscall 'opne' (did you mean 'open'?)\n"
	 "allow opne\n"
	 "      ^~~~\n"},
	{"unknown syscall, no suggestion", "allow zzqxv\n",
	 "t.policy:1:7: error: unknown syscall 'zzqxv'\n"
	 "allow zzqxv\n"
	 "      ^~~~~\n"},
	{"unknown syscall after a tab", "allow\topne\n",
	 "t.policy:1:7: error: unknown syscall 'opne' (did you mean 'open'?)\n"
	 "allow\topne\n"
	 "     \t^~~~\n"},
	{"unknown syscall on a continued line", "allow read \\\n  opne\n",
	 "t.policy:2:3: error: unknown syscall 'opne' (did you mean 'open'?)\n"
	 "  opne\n"
	 "  ^~~~\n"},
	{"unknown syscall, CRLF", "allow read\r\nallow opne\r\n",
	 "t.policy:2:7: error: unknown syscall 'opne' (did you mean 'open'?)\n"
	 "allow opne\n"
	 "      ^~~~\n"},
	{"unknown group", "allow @signall\n",
	 "t.policy:1:7: error: unknown group '@signall' (did you mean "
	 "'@signal'?)\n"
	 "allow @signall\n"
	 "      ^~~~~~~~\n"},
	{"unknown group, no suggestion", "allow read @zzqxv\n",
	 "t.policy:1:12: error: unknown group '@zzqxv' (see syscage --list)\n"
	 "allow read @zzqxv\n"
	 "           ^~~~~~\n"},
	{"unknown constant", "allow openat if arg2 & O_ACCMODE == O_RDONY\n",
	 "t.policy:1:37: error: unknown constant 'O_RDONY' (did you mean "
	 "'O_RDONLY'?)\n"
	 "allow openat if arg2 & O_ACCMODE == O_RDONY\n"
	 "                                    ^~~~~~~\n"},
	{"arg6", "allow read if arg6 == 1\n",
	 "t.policy:1:15: error: argument index out of range (system calls "
	 "have arg0 to arg5): 'arg6'\n"
	 "allow read if arg6 == 1\n"
	 "              ^~~~\n"},
	{"arg10", "allow read if arg10 == 1\n",
	 "t.policy:1:15: error: expected an argument (arg0 to arg5), found "
	 "word 'arg10'\n"
	 "allow read if arg10 == 1\n"
	 "              ^~~~~\n"},
	{"an argument compared twice", "allow read if arg0 == 1 && arg0 == 2\n",
	 "t.policy:1:28: error: seccomp tests an argument once per "
	 "alternative; use 'in (...)' or '||' instead of comparing twice "
	 "'arg0'\n"
	 "allow read if arg0 == 1 && arg0 == 2\n"
	 "                           ^~~~\n"},
	{"!= on a 32-bit argument", "allow ioctl if arg1 != 5\n",
	 "t.policy:1:16: error: '!=' on arg1 of ioctl, a 32-bit argument, "
	 "cannot be enforced: the kernel ignores the high 32 bits a caller "
	 "can set (use ==, in or &; < and <= only to allow)\n"
	 "allow ioctl if arg1 != 5\n"
	 "               ^~~~\n"},
	{"> on a 32-bit argument", "allow socket if arg0 > AF_INET\n",
	 "t.policy:1:17: error: '>' on arg0 of socket, a 32-bit argument, "
	 "cannot be enforced: the kernel ignores the high 32 bits a caller "
	 "can set (use ==, in or &; < and <= only to allow)\n"
	 "allow socket if arg0 > AF_INET\n"
	 "                ^~~~\n"},
	{"< on a 32-bit argument in a denying rule", "kill close if arg0 < 3\n",
	 "t.policy:1:15: error: '<' on arg0 of close, a 32-bit argument, "
	 "cannot be enforced: the kernel ignores the high 32 bits a caller "
	 "can set (use ==, in or &; < and <= only to allow)\n"
	 "kill close if arg0 < 3\n"
	 "              ^~~~\n"},
	{"argument beyond the count", "allow getpid if arg0 == 0\n",
	 "t.policy:1:17: error: getpid takes 0 arguments; arg0 is not one of "
	 "them\n"
	 "allow getpid if arg0 == 0\n"
	 "                ^~~~\n"},
	{"unknown statement", "alow read\n",
	 "t.policy:1:1: error: unknown statement 'alow' (did you mean "
	 "'allow'?)\n"
	 "alow read\n"
	 "^~~~\n"},
	{"unknown statement, no suggestion", "frobnicate read\n",
	 "t.policy:1:1: error: unknown statement 'frobnicate'\n"
	 "frobnicate read\n"
	 "^~~~~~~~~~\n"},
	{"statement starting with an operator", "= read\n",
	 "t.policy:1:1: error: expected a statement, found '='\n"
	 "= read\n"
	 "^\n"},
	{"errno without a name", "errno\n",
	 "t.policy:1:6: error: expected an errno name or number after "
	 "'errno', found end of line\n"
	 "errno\n"
	 "     ^\n"},
	{"unknown errno name", "errno EFOOBAR read\n",
	 "t.policy:1:7: error: unknown errno name 'EFOOBAR'\n"
	 "errno EFOOBAR read\n"
	 "      ^~~~~~~\n"},
	{"errno out of range", "errno 5000 read\n",
	 "t.policy:1:7: error: errno number out of range (1 to 4095): "
	 "'5000'\n"
	 "errno 5000 read\n"
	 "      ^~~~\n"},
	{"errno zero", "default errno 0\n",
	 "t.policy:1:15: error: errno number out of range (1 to 4095): '0'\n"
	 "default errno 0\n"
	 "              ^\n"},
	{"default deny", "default deny\n",
	 "t.policy:1:1: error: 'default deny' says nothing: name the denial "
	 "(kill, errno NAME, trap)\n"
	 "default deny\n"
	 "^~~~~~~\n"},
	{"action without syscalls", "allow if arg0 == 1\n",
	 "t.policy:1:7: error: expected a system call or @group, found word "
	 "'if'\n"
	 "allow if arg0 == 1\n"
	 "      ^~\n"},
	{"conflicting rules", "allow ptrace\n\n  kill ptrace\n",
	 "t.policy:3:8: error: conflicting rules for 'ptrace': 'kill' here, "
	 "'allow' at t.policy:1:7\n"
	 "  kill ptrace\n"
	 "       ^~~~~~\n"},
	{"conflicting conditional rules",
	 "allow ioctl if arg1 == TCGETS\nerrno EPERM ioctl if arg1 == TCGETS\n",
	 "t.policy:2:13: error: conflicting rules for 'ioctl': 'errno EPERM' "
	 "here, 'allow' at t.policy:1:7\n"
	 "errno EPERM ioctl if arg1 == TCGETS\n"
	 "            ^~~~~\n"},
	{"conflicting rules through groups",
	 "define @a read\ndefine @b read write\nallow @a\nkill @b\n",
	 "t.policy:4:6: error: conflicting rules for 'read': 'kill' here, "
	 "'allow' at t.policy:3:7 (both through groups: name it directly "
	 "to choose)\n"
	 "kill @b\n"
	 "     ^~\n"},
	{"conflicting defaults", "default kill\ndefault errno EPERM\n",
	 "t.policy:2:1: error: conflicting defaults: 'errno EPERM' here, "
	 "'kill' at t.policy:1\n"
	 "default errno EPERM\n"
	 "^~~~~~~\n"},
	{"group defined twice", "define @a read\ndefine @a write\n",
	 "t.policy:2:8: error: group '@a' is already defined at t.policy:1\n"
	 "define @a write\n"
	 "       ^~\n"},
	{"group used before it is defined", "allow @x\ndefine @x read\n",
	 "t.policy:1:7: error: unknown group '@x' (see syscage --list)\n"
	 "allow @x\n"
	 "      ^~\n"},
	{"group named without @", "define read\n",
	 "t.policy:1:8: error: expected a group name (@name), found word "
	 "'read'\n"
	 "define read\n"
	 "       ^~~~\n"},
	{"unknown capability", "caps keep CAP_NET_BIND_SERVIC\n",
	 "t.policy:1:11: error: unknown capability 'CAP_NET_BIND_SERVIC' "
	 "(see capabilities(7))\n"
	 "caps keep CAP_NET_BIND_SERVIC\n"
	 "          ^~~~~~~~~~~~~~~~~~~\n"},
	{"caps without keep", "caps read\n",
	 "t.policy:1:6: error: expected 'keep' after 'caps', found word "
	 "'read'\n"
	 "caps read\n"
	 "     ^~~~\n"},
	{"trailing garbage after a statement", "default kill )\n",
	 "t.policy:1:14: error: expected end of line, found ')'\n"
	 "default kill )\n"
	 "             ^\n"},
	{"trailing word after a condition", "allow read if arg0 == 1 foo\n",
	 "t.policy:1:25: error: expected end of line, found word 'foo'\n"
	 "allow read if arg0 == 1 foo\n"
	 "                        ^~~\n"},
	{"condition missing", "allow read if\n",
	 "t.policy:1:14: error: expected an argument (arg0 to arg5), found "
	 "end of line\n"
	 "allow read if\n"
	 "             ^\n"},
	{"value missing at the end of the file", "allow read if arg0 ==",
	 "t.policy:1:22: error: expected a number or a constant, found end "
	 "of file\n"
	 "allow read if arg0 ==\n"
	 "                     ^\n"},
	{"bad number", "allow read if arg0 == 08\n",
	 "t.policy:1:23: error: bad number '08'\n"
	 "allow read if arg0 == 08\n"
	 "                      ^~\n"},
	{"number too large", "allow read if arg0 == 99999999999999999999\n",
	 "t.policy:1:23: error: bad number '99999999999999999999'\n"
	 "allow read if arg0 == 99999999999999999999\n"
	 "                      ^~~~~~~~~~~~~~~~~~~~\n"},
	{"empty in list", "allow read if arg0 in ()\n",
	 "t.policy:1:24: error: expected a number or a constant, found ')'\n"
	 "allow read if arg0 in ()\n"
	 "                       ^\n"},
	{"mask without ==", "allow read if arg0 & 1 < 2\n",
	 "t.policy:1:24: error: expected '==' after a mask, found '<'\n"
	 "allow read if arg0 & 1 < 2\n"
	 "                       ^\n"},
	{"in without a list", "allow read if arg0 in 1\n",
	 "t.policy:1:23: error: expected '(', found word '1'\n"
	 "allow read if arg0 in 1\n"
	 "                      ^\n"},
	{"in list without a comma", "allow read if arg0 in (1 2)\n",
	 "t.policy:1:26: error: expected ',' or ')', found word '2'\n"
	 "allow read if arg0 in (1 2)\n"
	 "                         ^\n"},
	{"unclosed parenthesis", "allow read if arg0 == (1\n",
	 "t.policy:1:25: error: expected ')', found end of line\n"
	 "allow read if arg0 == (1\n"
	 "                        ^\n"},
	{"bad character", "allow read if arg0 ! 1\n",
	 "t.policy:1:20: error: expected a comparison (== != < <= > >= & "
	 "in), found '!'\n"
	 "allow read if arg0 ! 1\n"
	 "                   ^\n"},
	{"too many alternatives",
	 "allow read if arg0 in (1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17) "
	 "&& arg1 in (1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17)\n",
	 "t.policy:1:1: error: the condition expands to more than 256 "
	 "alternatives\n"
	 "allow read if arg0 in (1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17) "
	 "&& arg1 in (1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17)\n"
	 "^~~~~\n"},
	{"include without a name", "include\n",
	 "t.policy:1:8: error: expected a policy name or path, found end of "
	 "line\n"
	 "include\n"
	 "       ^\n"},
	{"unknown built-in policy", "include defualt\n",
	 "t.policy:1:9: error: unknown policy 'defualt' (did you mean "
	 "'default'?)\n"
	 "include defualt\n"
	 "        ^~~~~~~\n"},
};

static void
test_diagnostics(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(diag_cases) / sizeof(diag_cases[0]);
	     i++) {
		const struct diag_case *c = &diag_cases[i];
		struct cage_policy *pol = NULL;
		struct cage_diags d = {0};
		char *got;
		int r;

		r = test_policy_load(TEST_POLICY_NAME, NULL, c->text, &d, &pol);
		got = test_diags_text(&d);
		if (strcmp(got, c->want) || r != -EINVAL || pol)
			fail_msg("case '%s' (returned %d):\n--- want\n%s"
				 "--- got\n%s---",
				 c->what, r, c->want, got);
		free(got);
		cage_diags_free(&d);
	}
}

/*
 * Every error in a file is reported, not only those of one phase: syntax
 * errors first, then those found resolving the statements that parsed.
 */
static void
test_several_errors(void **state)
{
	(void)state;
	test_policy_expect_diags(
		NULL,
		"allow opne\n"
		"allow read\n"
		"alow write\n"
		"allow ioctl if arg1 > 2\n"
		"errno EFOO close\n",
		"t.policy:3:1: error: unknown statement 'alow' (did you "
		"mean 'allow'?)\n"
		"alow write\n"
		"^~~~\n"
		"t.policy:5:7: error: unknown errno name 'EFOO'\n"
		"errno EFOO close\n"
		"      ^~~~\n"
		"t.policy:1:7: error: unknown syscall 'opne' (did you mean "
		"'open'?)\n"
		"allow opne\n"
		"      ^~~~\n"
		"t.policy:4:16: error: '>' on arg1 of ioctl, a 32-bit "
		"argument, cannot be enforced: the kernel ignores the high "
		"32 bits a caller can set (use ==, in or &; < and <= only to "
		"allow)\n"
		"allow ioctl if arg1 > 2\n"
		"               ^~~~\n");
}

static char *
many_errors(unsigned n, char **want)
{
	char *text = NULL, *exp = NULL;
	size_t ts = 0, es = 0;
	FILE *t = open_memstream(&text, &ts), *e = open_memstream(&exp, &es);

	assert_non_null(t);
	assert_non_null(e);
	for (unsigned i = 1; i <= n; i++) {
		fprintf(t, "allow zzqx%02u\n", i);
		if (i <= CAGE_DIAGS_MAX_ERRORS)
			fprintf(e,
				"t.policy:%u:7: error: unknown syscall "
				"'zzqx%02u'\nallow zzqx%02u\n      ^~~~~~\n",
				i, i, i);
	}
	fclose(t);
	fclose(e);
	*want = exp;
	return text;
}

static void
check_error_cap(unsigned n)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d;
	char *want, *text = many_errors(n, &want), *got;

	assert_int_equal(
		test_policy_load(TEST_POLICY_NAME, NULL, text, &d, &pol),
		-EINVAL);
	got = test_diags_text(&d);
	assert_string_equal(got, want);
	assert_int_equal(d.n,
			 n < CAGE_DIAGS_MAX_ERRORS ? n : CAGE_DIAGS_MAX_ERRORS);
	assert_int_equal(d.errors, n);
	assert_int_equal(d.truncated, n > CAGE_DIAGS_MAX_ERRORS);
	free(got);
	free(want);
	free(text);
	cage_diags_free(&d);
}

static void
test_error_cap(void **state)
{
	(void)state;
	check_error_cap(25);
	check_error_cap(20);
	check_error_cap(3);
}

static void
test_valid_policy(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	pol = test_policy_clean(NULL, "# a small policy\n"
				      "default errno EPERM   # comment\n"
				      "\n"
				      "allow write read, \\\n"
				      "\tclose\n"
				      "log connect\r\n"
				      "trap ptrace\n"
				      "kill io_uring_setup\n"
				      "errno ENOSYS clone3\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_ERRNO);
	assert_int_equal(pol->dflt.errnum, EPERM);
	assert_int_equal(pol->dflt_loc.line, 2);
	assert_int_equal(pol->nrules, 7);
	r = test_rule_for(pol, SYS_read);
	assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
	assert_int_equal(r->ncmps, 0);
	assert_false(r->via_group);
	assert_int_equal(r->loc.line, 4);
	assert_int_equal(r->loc.col, 13);
	assert_int_equal(test_rule_for(pol, SYS_write)->loc.col, 7);
	r = test_rule_for(pol, SYS_close);
	assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
	assert_int_equal(r->loc.line, 5);
	assert_int_equal(r->loc.col, 2);
	assert_int_equal(test_rule_for(pol, SYS_connect)->action.kind,
			 CAGE_ACTION_LOG);
	assert_int_equal(test_rule_for(pol, SYS_ptrace)->action.kind,
			 CAGE_ACTION_TRAP);
	assert_int_equal(test_rule_for(pol, SYS_io_uring_setup)->action.kind,
			 CAGE_ACTION_KILL);
	r = test_rule_for(pol, SYS_clone3);
	assert_int_equal(r->action.kind, CAGE_ACTION_ERRNO);
	assert_int_equal(r->action.errnum, ENOSYS);
	cage_policy_free(pol);
}

static void
test_values(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = test_policy_clean(
		NULL, "allow openat if arg2 == O_WRONLY|O_CLOEXEC | 0100\n"
		      "allow mmap if arg2 == (0x1 | 2)\n");
	test_check_cmp(&test_rule_for(pol, SYS_openat)->cmps[0], 2,
		       CAGE_OP_MASKED_EQ, 0xffffffffu,
		       O_WRONLY | O_CLOEXEC | 0100);
	test_check_cmp(&test_rule_for(pol, SYS_mmap)->cmps[0], 2, CAGE_OP_EQ, 0,
		       3);
	cage_policy_free(pol);
}

/*
 * Deeply nested parentheses, well under the 1 MiB limit, must be refused or
 * accepted but never overflow the stack.  Loaded in a child: a crash there
 * is a failure here, not the end of this test program.
 */
static void
test_deep_parentheses(void **state)
{
	const size_t depth = 200000;
	int status;
	pid_t pid;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct cage_policy *pol = NULL;
		struct cage_diags d = {0};
		char *text = malloc(2 * depth + 64);
		size_t n = 0;
		int r;

		if (!text)
			_exit(2);
		n += (size_t)sprintf(text, "allow read if arg0 == ");
		memset(text + n, '(', depth);
		n += depth;
		text[n++] = '1';
		memset(text + n, ')', depth);
		n += depth;
		text[n++] = '\n';
		/* Not the helper: TEXT has no NUL, its length is N. */
		r = cage_policy_load_buffer("t.policy", NULL, text, n, &d,
					    &pol);
		_exit(r == 0 || r == -EINVAL ? 0 : 3);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("loading %zu nested parentheses: killed by signal %d",
			 depth, WTERMSIG(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diagnostics),
		cmocka_unit_test(test_several_errors),
		cmocka_unit_test(test_error_cap),
		cmocka_unit_test(test_valid_policy),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_deep_parentheses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
