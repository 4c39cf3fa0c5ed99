// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading policies: every diagnostic compared as the exact text the user
 * sees, and the resolved rules of valid policies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "policy/policy.h"

/* What cage_diag_print() makes of every diagnostic, malloc'd. */
static char *
format_diags(const struct cage_diags *d)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	for (size_t i = 0; i < d->n; i++)
		assert_int_equal(cage_diag_print(&d->v[i], f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static int
load_text(const char *dir, const char *text, struct cage_diags *d,
	  struct cage_policy **pol)
{
	memset(d, 0, sizeof(*d));
	return cage_policy_load_buffer("t.policy", dir, text, strlen(text), d,
				       pol);
}

/* TEXT must fail to load with exactly the diagnostics WANT. */
static void
expect_diags_in(const char *dir, const char *text, const char *want)
{
	struct cage_policy *pol = (struct cage_policy *)1;
	struct cage_diags d;
	char *got;
	int r = load_text(dir, text, &d, &pol);

	got = format_diags(&d);
	assert_string_equal(got, want);
	assert_int_equal(r, -EINVAL);
	assert_null(pol);
	free(got);
	cage_diags_free(&d);
}

static void
expect_diags(const char *text, const char *want)
{
	expect_diags_in(NULL, text, want);
}

/* TEXT must load with no diagnostic at all. */
static struct cage_policy *
load_ok_in(const char *dir, const char *text)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d;
	char *got;
	int r = load_text(dir, text, &d, &pol);

	got = format_diags(&d);
	assert_string_equal(got, "");
	assert_int_equal(r, 0);
	assert_non_null(pol);
	free(got);
	cage_diags_free(&d);
	return pol;
}

static struct cage_policy *
load_ok(const char *text)
{
	return load_ok_in(NULL, text);
}

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
		size_t len = strlen(c->text);
		struct cage_policy *pol = NULL;
		struct cage_diags d = {0};
		char *got;
		int r;

		r = cage_policy_load_buffer("t.policy", NULL, c->text, len, &d,
					    &pol);
		got = format_diags(&d);
		if (strcmp(got, c->want) || r != -EINVAL || pol)
			fail_msg("case '%s' (returned %d):\n--- want\n%s"
				 "--- got\n%s---",
				 c->what, r, c->want, got);
		free(got);
		cage_diags_free(&d);
	}
}

/* Text with a NUL byte is refused before it is parsed. */
static void
test_buffer_binary(void **state)
{
	static const char text[] = "allow read\n\0allow write\n";
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};
	char *got;

	(void)state;
	assert_int_equal(cage_policy_load_buffer("t.policy", NULL, text,
						 sizeof(text) - 1, &d, &pol),
			 -EINVAL);
	assert_null(pol);
	got = format_diags(&d);
	assert_string_equal(got,
			    "t.policy: error: binary data, not policy text\n");
	free(got);
	cage_diags_free(&d);
}

/*
 * Every error in a file is reported, not only those of one phase: syntax
 * errors first, then those found resolving the statements that parsed.
 */
static void
test_several_errors(void **state)
{
	(void)state;
	expect_diags(
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

/* The same, with resolution errors only: each statement is checked. */
static void
test_several_resolve_errors(void **state)
{
	(void)state;
	expect_diags(
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
	expect_diags("define @x opne\nallow @x\nkill @x\n",
		     "t.policy:1:11: error: unknown syscall 'opne' (did you "
		     "mean 'open'?)\n"
		     "define @x opne\n"
		     "          ^~~~\n");
	expect_diags("define @x @nope\nallow @x\n",
		     "t.policy:1:11: error: unknown group '@nope' (see syscage "
		     "--list)\n"
		     "define @x @nope\n"
		     "          ^~~~~\n");
}

/* The same condition is the same whatever the order of its terms. */
static void
test_conflict_term_order(void **state)
{
	(void)state;
	expect_diags("allow socket if arg0 == 1 && arg1 == 2\n"
		     "kill socket if arg1 == 2 && arg0 == 1\n",
		     "t.policy:2:6: error: conflicting rules for 'socket': "
		     "'kill' here, 'allow' at t.policy:1:7\n"
		     "kill socket if arg1 == 2 && arg0 == 1\n"
		     "     ^~~~~~\n");
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

	assert_int_equal(load_text(NULL, text, &d, &pol), -EINVAL);
	got = format_diags(&d);
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

/* A temporary directory per test, for files and includes. */
static char tmpdir[64];

static int
setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/syscage-test_parse.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
teardown_dir(void **state)
{
	(void)state;
	return nftw(tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static char *
tmp_path(const char *name)
{
	char *p;

	assert_true(asprintf(&p, "%s/%s", tmpdir, name) > 0);
	return p;
}

static void
write_file(const char *name, const char *text, size_t len)
{
	char *p = tmp_path(name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(p);
}

static void
write_text(const char *name, const char *text)
{
	write_file(name, text, strlen(text));
}

/* TMPL with every "{D}" replaced by the temporary directory. */
static char *
with_dir(const char *tmpl)
{
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);

	assert_non_null(f);
	for (const char *s = tmpl; *s;) {
		if (!strncmp(s, "{D}", 3)) {
			fputs(tmpdir, f);
			s += 3;
		} else {
			fputc(*s++, f);
		}
	}
	fclose(f);
	return out;
}

/* Load the file NAME of the temporary directory by path. */
static void
expect_file_diags(const char *name, int err, const char *tmpl)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};
	char *path = tmp_path(name), *want = with_dir(tmpl), *got;
	int r;

	alarm(10); /* a FIFO must not block the loader */
	r = cage_policy_load(path, &d, &pol);
	alarm(0);
	got = format_diags(&d);
	assert_string_equal(got, want);
	assert_int_equal(r, err);
	assert_null(pol);
	free(got);
	free(want);
	free(path);
	cage_diags_free(&d);
}

static void
test_include_cycle(void **state)
{
	(void)state;
	write_text("a.policy", "include b.policy\n");
	write_text("b.policy", "allow read\ninclude a.policy\n");
	expect_file_diags("a.policy", -EINVAL,
			  "{D}/b.policy:2:9: error: include cycle: "
			  "{D}/b.policy includes {D}/a.policy, which is "
			  "already being read\n"
			  "include a.policy\n"
			  "        ^~~~~~~~\n");
	write_text("self.policy", "allow read\ninclude self.policy\n");
	expect_file_diags("self.policy", -EINVAL,
			  "{D}/self.policy:2:9: error: include cycle: "
			  "{D}/self.policy includes {D}/self.policy, which is "
			  "already being read\n"
			  "include self.policy\n"
			  "        ^~~~~~~~~~~\n");
}

static void
test_include_too_deep(void **state)
{
	char name[32], text[64];

	(void)state;
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "f%02d.policy", i);
		snprintf(text, sizeof(text), "include f%02d.policy\n", i + 1);
		write_text(name, text);
	}
	write_text("f20.policy", "allow read\n");
	expect_file_diags("f00.policy", -EINVAL,
			  "{D}/f15.policy:1:9: error: includes nested more "
			  "than 16 deep\n"
			  "include f16.policy\n"
			  "        ^~~~~~~~~~\n");
}

static void
test_include_missing(void **state)
{
	char *want;

	(void)state;
	want = with_dir("t.policy:2:9: error: cannot read {D}/nothere.policy: "
			"No such file or directory\n"
			"include nothere.policy\n"
			"        ^~~~~~~~~~~~~~\n");
	expect_diags_in(tmpdir, "allow read\ninclude nothere.policy\n", want);
	free(want);
}

static void
test_policy_not_a_file(void **state)
{
	char *p, *want;

	(void)state;
	expect_file_diags("nothere.policy", -ENOENT,
			  "error: cannot read {D}/nothere.policy: No such file "
			  "or directory\n");

	p = tmp_path("dir.policy");
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	expect_file_diags("dir.policy", -EINVAL,
			  "error: {D}/dir.policy is a directory\n");
	want = with_dir("t.policy:1:9: error: {D}/dir.policy is a "
			"directory\n"
			"include dir.policy\n"
			"        ^~~~~~~~~~\n");
	expect_diags_in(tmpdir, "include dir.policy\n", want);
	free(want);

	p = tmp_path("fifo.policy");
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	expect_file_diags("fifo.policy", -EINVAL,
			  "error: {D}/fifo.policy is not a regular file\n");
}

static void
test_policy_binary(void **state)
{
	static const char bin[] = "allow read\n\0allow write\n";

	(void)state;
	write_file("bin.policy", bin, sizeof(bin) - 1);
	expect_file_diags("bin.policy", -EINVAL,
			  "error: {D}/bin.policy is a binary file, not policy "
			  "text\n");
}

static void
test_policy_too_large(void **state)
{
	size_t max = 1u << 20;
	char *buf = malloc(max + 1);
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};
	char *p;

	(void)state;
	assert_non_null(buf);
	/* Exactly 1 MiB still loads: comment lines and one rule. */
	memset(buf, '#', max + 1);
	for (size_t i = 79; i < max; i += 80)
		buf[i] = '\n';
	memcpy(buf, "allow read\n", 11);
	write_file("max.policy", buf, max);
	p = tmp_path("max.policy");
	assert_int_equal(cage_policy_load(p, &d, &pol), 0);
	assert_int_equal(d.n, 0);
	cage_policy_free(pol);
	free(p);

	write_file("big.policy", buf, max + 1);
	free(buf);
	expect_file_diags("big.policy", -EFBIG,
			  "error: {D}/big.policy is larger than 1 MiB, too "
			  "large for a policy\n");
}

/* The rules of syscall NR: the first, and how many there are in *N. */
static const struct cage_rule *
rules_for(const struct cage_policy *pol, int nr, size_t *n)
{
	const struct cage_rule *first = NULL;

	*n = 0;
	for (size_t i = 0; i < pol->nrules; i++) {
		if (i > 0)
			assert_true(pol->rules[i - 1].nr <= pol->rules[i].nr);
		if (pol->rules[i].nr != nr)
			continue;
		if (!first)
			first = &pol->rules[i];
		(*n)++;
	}
	return first;
}

/* The only rule of syscall NR. */
static const struct cage_rule *
rule_for(const struct cage_policy *pol, int nr)
{
	size_t n;
	const struct cage_rule *r = rules_for(pol, nr, &n);

	assert_int_equal(n, 1);
	return r;
}

static void
check_cmp(const struct cage_cmp *c, unsigned arg, enum cage_op op,
	  uint64_t mask, uint64_t value)
{
	assert_int_equal(c->arg, arg);
	assert_int_equal(c->op, op);
	if (op == CAGE_OP_MASKED_EQ)
		assert_true(c->mask == mask);
	assert_true(c->value == value);
}

static void
test_valid_policy(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	pol = load_ok("# a small policy\n"
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
	r = rule_for(pol, SYS_read);
	assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
	assert_int_equal(r->ncmps, 0);
	assert_false(r->via_group);
	assert_int_equal(r->loc.line, 4);
	assert_int_equal(r->loc.col, 13);
	assert_int_equal(rule_for(pol, SYS_write)->loc.col, 7);
	r = rule_for(pol, SYS_close);
	assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
	assert_int_equal(r->loc.line, 5);
	assert_int_equal(r->loc.col, 2);
	assert_int_equal(rule_for(pol, SYS_connect)->action.kind,
			 CAGE_ACTION_LOG);
	assert_int_equal(rule_for(pol, SYS_ptrace)->action.kind,
			 CAGE_ACTION_TRAP);
	assert_int_equal(rule_for(pol, SYS_io_uring_setup)->action.kind,
			 CAGE_ACTION_KILL);
	r = rule_for(pol, SYS_clone3);
	assert_int_equal(r->action.kind, CAGE_ACTION_ERRNO);
	assert_int_equal(r->action.errnum, ENOSYS);
	cage_policy_free(pol);
}

/* ioctl's request is 32 bits wide: == becomes a masked compare. */
static void
test_cond_32bit_eq(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	pol = load_ok("allow ioctl if arg1 == TCGETS\n");
	r = rule_for(pol, SYS_ioctl);
	assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
	assert_int_equal(r->ncmps, 1);
	check_cmp(&r->cmps[0], 1, CAGE_OP_MASKED_EQ, 0xffffffffu, TCGETS);
	cage_policy_free(pol);

	/* -1 is the 32-bit -1; high bits of a mask or value are dropped. */
	pol = load_ok("allow kill if arg1 == -1\n"
		      "allow openat if arg2 & 0xffffffff00000003 == 0\n"
		      "allow close if arg0 < 100\n"
		      "allow close if arg0 <= 200\n");
	check_cmp(&rule_for(pol, SYS_kill)->cmps[0], 1, CAGE_OP_MASKED_EQ,
		  0xffffffffu, 0xffffffffu);
	check_cmp(&rule_for(pol, SYS_openat)->cmps[0], 2, CAGE_OP_MASKED_EQ, 3,
		  0);
	/* '<' stays a 64-bit compare: high bits make it false. */
	{
		size_t n;
		const struct cage_rule *c = rules_for(pol, SYS_close, &n);

		assert_int_equal(n, 2);
		check_cmp(&c[0].cmps[0], 0, CAGE_OP_LT, 0, 100);
		check_cmp(&c[1].cmps[0], 0, CAGE_OP_LE, 0, 200);
	}
	cage_policy_free(pol);
}

static void
test_cond_64bit(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = load_ok("allow clone if arg0 & CLONE_NEWUSER == 0\n"
		      "allow mmap if arg2 == 0x10\n"
		      "allow mprotect if arg1 > 4096\n"
		      "allow munmap if arg1 != 0\n");
	check_cmp(&rule_for(pol, SYS_clone)->cmps[0], 0, CAGE_OP_MASKED_EQ,
		  CLONE_NEWUSER, 0);
	check_cmp(&rule_for(pol, SYS_mmap)->cmps[0], 2, CAGE_OP_EQ, 0, 0x10);
	check_cmp(&rule_for(pol, SYS_mprotect)->cmps[0], 1, CAGE_OP_GT, 0,
		  4096);
	check_cmp(&rule_for(pol, SYS_munmap)->cmps[0], 1, CAGE_OP_NE, 0, 0);
	cage_policy_free(pol);
}

static void
test_values(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = load_ok("allow openat if arg2 == O_WRONLY|O_CLOEXEC | 0100\n"
		      "allow mmap if arg2 == (0x1 | 2)\n");
	check_cmp(&rule_for(pol, SYS_openat)->cmps[0], 2, CAGE_OP_MASKED_EQ,
		  0xffffffffu, O_WRONLY | O_CLOEXEC | 0100);
	check_cmp(&rule_for(pol, SYS_mmap)->cmps[0], 2, CAGE_OP_EQ, 0, 3);
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
	pol = load_ok("allow mmap if arg2 in (1, 2, 3)\n"
		      "allow ioctl if arg1 == TCGETS || arg1 == TIOCGWINSZ\n"
		      "allow socket if arg0 in (AF_UNIX, AF_INET) && "
		      "arg1 in (1, 2, 5)\n");
	r = rules_for(pol, SYS_mmap, &n);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r[i].ncmps, 1);
		assert_int_equal(r[i].cmps[0].op, CAGE_OP_EQ);
		assert_int_equal(r[i].cmps[0].arg, 2);
		seen |= 1u << r[i].cmps[0].value;
	}
	assert_int_equal(seen, 0xe);

	r = rules_for(pol, SYS_ioctl, &n);
	assert_int_equal(n, 2);
	check_cmp(&r[0].cmps[0], 1, CAGE_OP_MASKED_EQ, 0xffffffffu, TCGETS);
	check_cmp(&r[1].cmps[0], 1, CAGE_OP_MASKED_EQ, 0xffffffffu, TIOCGWINSZ);

	/* && keeps both comparisons; every pair of 'in' values is a rule. */
	r = rules_for(pol, SYS_socket, &n);
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

/* An includer's unconditional rule replaces what an include says. */
static void
test_includer_overrides(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	write_text("inc.policy", "allow ioctl if arg1 == TCGETS\n"
				 "allow ptrace\n"
				 "allow read\n");
	pol = load_ok_in(tmpdir, "include inc.policy\n"
				 "kill ioctl\n"
				 "errno EPERM ptrace\n");
	r = rule_for(pol, SYS_ioctl);
	assert_int_equal(r->action.kind, CAGE_ACTION_KILL);
	assert_int_equal(r->ncmps, 0);
	r = rule_for(pol, SYS_ptrace);
	assert_int_equal(r->action.kind, CAGE_ACTION_ERRNO);
	assert_int_equal(r->action.errnum, EPERM);
	r = rule_for(pol, SYS_read);
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
	write_text("a.policy", "allow ptrace\n");
	write_text("b.policy", "kill ptrace\n");
	pol = load_ok_in(tmpdir, "include a.policy\n"
				 "include b.policy\n"
				 "errno EPERM ptrace\n");
	assert_int_equal(rule_for(pol, SYS_ptrace)->action.kind,
			 CAGE_ACTION_ERRNO);
	cage_policy_free(pol);

	want = with_dir("{D}/b.policy:1:6: error: conflicting rules for "
			"'ptrace': 'kill' here, 'allow' at {D}/a.policy:1:7\n"
			"kill ptrace\n"
			"     ^~~~~~\n");
	expect_diags_in(tmpdir, "include a.policy\ninclude b.policy\n", want);
	free(want);
}

/* A file included twice, but not in a cycle, is no error. */
static void
test_include_diamond(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	write_text("common.policy", "define @mine read write\nallow @mine\n");
	write_text("a.policy", "include common.policy\nallow close\n");
	write_text("b.policy", "include common.policy\nallow fstat\n");
	pol = load_ok_in(tmpdir, "include a.policy\ninclude b.policy\n"
				 "kill @mine\n");
	r = rule_for(pol, SYS_read);
	assert_int_equal(r->action.kind, CAGE_ACTION_KILL);
	rule_for(pol, SYS_close);
	rule_for(pol, SYS_fstat);
	cage_policy_free(pol);
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
		struct cage_policy *pol = load_ok(texts[i]);

		r = rule_for(pol, SYS_rt_sigaction);
		assert_int_equal(r->action.kind, CAGE_ACTION_ERRNO);
		assert_false(r->via_group);
		assert_null(r->group);
		r = rule_for(pol, SYS_rt_sigprocmask);
		assert_int_equal(r->action.kind, CAGE_ACTION_ALLOW);
		assert_true(r->via_group);
		assert_string_equal(r->group, "@signal");
		/* The place is the group's name in the rule. */
		assert_int_equal(r->loc.line, i + 1);
		assert_int_equal(r->loc.col, 7);
		cage_policy_free(pol);
	}
}

static void
test_groups(void **state)
{
	struct cage_policy *pol;
	const struct cage_rule *r;

	(void)state;
	pol = load_ok("define @io read write\n"
		      "define @more @io close\n"
		      "kill @more\n");
	assert_int_equal(pol->nrules, 3);
	r = rule_for(pol, SYS_read);
	assert_int_equal(r->action.kind, CAGE_ACTION_KILL);
	assert_true(r->via_group);
	assert_string_equal(r->group, "@more");
	assert_int_equal(rule_for(pol, SYS_close)->action.kind,
			 CAGE_ACTION_KILL);
	cage_policy_free(pol);
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
		struct cage_policy *pol = load_ok(cases[i].text);
		const struct cage_rule *r = rule_for(pol, SYS_ptrace);

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
	pol = load_ok("allow read\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_KILL);
	cage_policy_free(pol);

	/* A built-in's default, and the includer's own beating it. */
	pol = load_ok("include stdio\nallow ptrace\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_ERRNO);
	assert_int_equal(pol->dflt.errnum, EPERM);
	assert_int_equal(rule_for(pol, SYS_ptrace)->action.kind,
			 CAGE_ACTION_ALLOW);
	cage_policy_free(pol);
	pol = load_ok("include stdio\ndefault trap\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_TRAP);
	cage_policy_free(pol);
	pol = load_ok("default kill\ndefault kill\n");
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
	write_text("da.policy", "default allow\n");
	write_text("db.policy", "default errno EPERM\n");
	for (size_t i = 0; i < 2; i++) {
		struct cage_policy *pol = load_ok_in(tmpdir, texts[i]);

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
	write_text("a1.policy", "default trap\n");
	write_text("a2.policy", "default allow\n");
	want = with_dir("{D}/a2.policy:1:1: error: conflicting defaults: "
			"'allow' here, 'trap' at {D}/a1.policy:1\n"
			"default allow\n"
			"^~~~~~~\n");
	expect_diags_in(tmpdir, "include a1.policy\ninclude a2.policy\n", want);
	free(want);

	/* The same, after a deeper disagreement that a1 itself settles. */
	write_text("c1.policy", "default allow\n");
	write_text("c2.policy", "default kill\n");
	write_text("a1.policy",
		   "include c1.policy\ninclude c2.policy\ndefault trap\n");
	want = with_dir("{D}/a2.policy:1:1: error: conflicting defaults: "
			"'allow' here, 'trap' at {D}/a1.policy:3\n"
			"default allow\n"
			"^~~~~~~\n");
	expect_diags_in(tmpdir, "include a1.policy\ninclude a2.policy\n", want);
	free(want);
}

static void
test_duplicates(void **state)
{
	struct cage_policy *pol;
	size_t n;

	(void)state;
	pol = load_ok("allow read\nallow read\n"
		      "allow ioctl if arg1 == TCGETS\n"
		      "allow ioctl if arg1 == TCGETS\n"
		      "kill mmap\nallow mmap if arg2 == 1\n");
	rule_for(pol, SYS_read);
	rule_for(pol, SYS_ioctl);
	/* A conditional exception to a rule of the same file stands. */
	rules_for(pol, SYS_mmap, &n);
	assert_int_equal(n, 2);
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

/* A syscall of another architecture only is a warning, not an error. */
static void
test_foreign_syscall(void **state)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d;
	char *got;

	(void)state;
	assert_int_equal(load_text(NULL, "allow read socketcall\n", &d, &pol),
			 0);
	got = format_diags(&d);
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

/* Relative includes are relative to the including file. */
static void
test_include_relative(void **state)
{
	struct cage_policy *pol;
	char *p;

	(void)state;
	p = tmp_path("sub");
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	write_text("sub/a.policy", "include b.policy\nallow write\n");
	write_text("sub/b.policy", "default trap\nallow read\n");
	pol = load_ok_in(tmpdir, "include sub/a.policy\n");
	assert_int_equal(pol->dflt.kind, CAGE_ACTION_TRAP);
	assert_int_equal(pol->nsources, 4); /* groups, t, a, b */
	assert_string_equal(rule_for(pol, SYS_read)->loc.file->name +
				    strlen(tmpdir),
			    "/sub/b.policy");
	rule_for(pol, SYS_write);
	cage_policy_free(pol);
}

static void
test_caps_keep(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = load_ok("caps keep CAP_NET_BIND_SERVICE, cap_chown\n");
	assert_true(cage_policy_caps_keep(pol) == ((1ull << 10) | (1ull << 0)));
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diagnostics),
		cmocka_unit_test(test_buffer_binary),
		cmocka_unit_test(test_several_errors),
		cmocka_unit_test(test_several_resolve_errors),
		cmocka_unit_test(test_define_error_reported_once),
		cmocka_unit_test(test_conflict_term_order),
		cmocka_unit_test(test_error_cap),
		cmocka_unit_test_setup_teardown(test_include_cycle, setup_dir,
						teardown_dir),
		cmocka_unit_test_setup_teardown(test_include_too_deep,
						setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_include_missing, setup_dir,
						teardown_dir),
		cmocka_unit_test_setup_teardown(test_policy_not_a_file,
						setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_policy_binary, setup_dir,
						teardown_dir),
		cmocka_unit_test_setup_teardown(test_policy_too_large,
						setup_dir, teardown_dir),
		cmocka_unit_test(test_valid_policy),
		cmocka_unit_test(test_cond_32bit_eq),
		cmocka_unit_test(test_cond_64bit),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_cond_in_and_or),
		cmocka_unit_test_setup_teardown(test_includer_overrides,
						setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_include_conflict,
						setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_include_diamond, setup_dir,
						teardown_dir),
		cmocka_unit_test(test_direct_beats_group),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_deny),
		cmocka_unit_test(test_default),
		cmocka_unit_test_setup_teardown(test_default_order_independent,
						setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_default_sibling_conflict,
						setup_dir, teardown_dir),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_caps_keep),
		cmocka_unit_test(test_foreign_syscall),
		cmocka_unit_test(test_deep_parentheses),
		cmocka_unit_test_setup_teardown(test_include_relative,
						setup_dir, teardown_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
