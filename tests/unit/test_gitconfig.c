// SPDX-License-Identifier: LGPL-2.1-or-later
/* 'private gitconfig': what of a git configuration reaches the job. */
#include "launch/gitconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void
expect(const char *in, const char *want)
{
	char *out = cage_gitconfig_sanitise(in, strlen(in));

	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

/* The identity and safe directories pass, as written. */
static void
test_kept(void **state)
{
	(void)state;
	expect("[user]\n\tname = A U Thor\n\temail = a@example.org\n"
	       "[safe]\n\tdirectory = /src\n[init]\n\tdefaultBranch = main\n",
	       "[user]\n\tname = A U Thor\n[user]\n\temail = a@example.org\n"
	       "[safe]\n\tdirectory = /src\n"
	       "[init]\n\tdefaultBranch = main\n");
	/* Case-insensitive names, a key on the header's line, CRLF,
	 * quotes and comments intact. */
	expect("[User] Name = \"x # y\" ; c\r\n",
	       "[User]\n\tName = \"x # y\" ; c\n");
}

/* Every way git carries a secret or runs a command is dropped. */
static void
test_dropped(void **state)
{
	(void)state;
	expect("[url \"https://u:SECRET@host/\"]\n\tinsteadOf = https://host/\n"
	       "[credential]\n\thelper = store\n"
	       "[credential \"https://host\"]\n\tusername = u\n"
	       "[http]\n\textraHeader = AUTHORIZATION: basic SECRET\n"
	       "[http \"https://host/\"]\n\textraheader = SECRET\n"
	       "[include]\n\tpath = ~/.secret\n"
	       "[includeIf \"gitdir:~/w/\"]\n\tpath = ~/.w\n"
	       "[remote \"origin\"]\n\turl = https://u:SECRET@host/r\n"
	       "[core]\n\tsshCommand = ssh -i SECRET\n\tfsmonitor = x\n"
	       "\thooksPath = /x\n\taskPass = /x\n"
	       "[sendemail]\n\tsmtpPass = SECRET\n"
	       "[github]\n\ttoken = SECRET\n"
	       "[user.x]\n\tname = SECRET\n",
	       "");
}

/* A value continued on the next line goes with its continuation; a
 * control character drops the entry; malformed headers end a section. */
static void
test_malformed(void **state)
{
	(void)state;
	expect("[user]\n\tname = a\\\n[user] email = SECRET\n\temail = b\n",
	       "[user]\n\temail = b\n");
	expect("[user]\n\tname = a\x01b\n", "");
	expect("[user\n\tname = a\n", "");
	expect("[user]\n\tname\n", "[user]\n\tname\n");
	expect("[user]\n\tname x\n", "");
	expect("", "");
}

/* The files git reads, in its order, under a comment. */
static void
test_load(void **state)
{
	char dir[] = "/tmp/test_gitconfig.XXXXXX", path[256], *out = NULL;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	unsetenv("XDG_CONFIG_HOME");
	snprintf(path, sizeof(path), "%s/.gitconfig", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[user]\n\tname = Home\n[credential]\n\thelper = store\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/.config", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/.config/git", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/.config/git/config", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[user]\n\temail = xdg@example.org\n", f);
	fclose(f);
	assert_int_equal(cage_gitconfig_load(dir, &out), 0);
	assert_non_null(strstr(out, "[user]\n\temail = xdg@example.org\n"
				    "[user]\n\tname = Home\n"));
	assert_null(strstr(out, "helper = store"));
	assert_true(out[0] == '#');
	free(out);
	/* A FIFO (or anything not a file) is refused, not waited on. */
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(cage_gitconfig_load(dir, &out), -EINVAL);
	unlink(path);
	/* No file at all: the comment alone. */
	snprintf(path, sizeof(path), "%s/.gitconfig", dir);
	unlink(path);
	assert_int_equal(cage_gitconfig_load(dir, &out), 0);
	assert_null(strstr(out, "[user]"));
	free(out);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_dropped),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
