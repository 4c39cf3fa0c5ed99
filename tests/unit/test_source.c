// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading a policy's files (src/lang/source.c): what is not a regular
 * text file under the size cap is refused, and a file written to while
 * it is read is read again: fstat64 is wrapped so that a writer can act
 * between the loader's read and its check of the file, which a real
 * writer only does by chance.
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
#include <sys/stat.h>
#include <unistd.h>

#include "policy/policy.h"
#include "base/syscalls.h"
#include "policy_helper.h"

/* A writer that has written the start of the policy and is not done. */
#define HEAD "default kill\nallow read write exit_group\n"
#define TAIL "allow close\n"

static char path[64];
static ino_t watched;	/* the policy file's inode; 0: none */
static unsigned checks; /* fstat64 calls on it */
static bool always;	/* write at every check after a read, not once */

int __real_fstat64(int fd, struct stat *st);
int __wrap_fstat64(int fd, struct stat *st);

static void
append(const char *text)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
}

/* The loader checks the file once on open, then after each read. */
int
__wrap_fstat64(int fd, struct stat *st)
{
	struct stat now;

	if (watched && __real_fstat64(fd, &now) == 0 && now.st_ino == watched &&
	    ++checks >= 2 && (always || checks == 2))
		append(always ? "# and more\n" : TAIL);
	return __real_fstat64(fd, st);
}

static void
write_policy(const char *text)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(close(fd), 0);
	watched = st.st_ino;
	checks = 0;
}

static int
setup(void **state)
{
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/syscage-test-load.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	watched = 0;
	return unlink(path);
}

static bool
allows(const struct cage_policy *pol, const char *name)
{
	int nr = cage_syscall_number(name);

	assert_true(nr >= 0);
	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr == nr &&
		    pol->rules[i].action.kind == CAGE_ACTION_ALLOW)
			return true;
	return false;
}

/* Written to while read: read again, and the whole file is the policy,
 * never the part that was there at the first read. */
static void
test_read_again(void **state)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};

	(void)state;
	always = false;
	write_policy(HEAD);
	assert_int_equal(cage_policy_load(path, &d, &pol), 0);
	assert_int_equal(d.errors, 0);
	assert_true(checks >= 3);
	assert_true(allows(pol, "write"));
	assert_true(allows(pol, "close"));
	cage_policy_free(pol);
	cage_diags_free(&d);
}

/* Written to at every read: refused, and said so. */
static void
test_never_still(void **state)
{
	struct cage_policy *pol = (struct cage_policy *)1;
	struct cage_diags d = {0};
	char want[128];

	(void)state;
	always = true;
	write_policy(HEAD);
	assert_int_equal(cage_policy_load(path, &d, &pol), -EAGAIN);
	assert_null(pol);
	assert_int_equal(d.n, 1);
	snprintf(want, sizeof(want), "%s changed while it was being read",
		 path);
	assert_string_equal(d.v[0].message, want);
	cage_diags_free(&d);
}

/* An included file, the same. */
static void
test_include_read_again(void **state)
{
	char top[] = "/tmp/syscage-test-top.XXXXXX";
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};
	FILE *f;
	int fd = mkstemp(top);

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fprintf(f, "include %s\n", path);
	assert_int_equal(fclose(f), 0);
	always = false;
	write_policy(HEAD);
	assert_int_equal(cage_policy_load(top, &d, &pol), 0);
	assert_int_equal(d.errors, 0);
	assert_true(allows(pol, "close"));
	cage_policy_free(pol);
	cage_diags_free(&d);
	assert_int_equal(unlink(top), 0);
}

static void
test_include_missing(void **state)
{
	char *want;

	(void)state;
	want = test_with_dir(
		"t.policy:2:9: error: cannot read {D}/nothere.policy: "
		"No such file or directory\n"
		"include nothere.policy\n"
		"        ^~~~~~~~~~~~~~\n");
	test_policy_expect_diags(test_tmpdir,
				 "allow read\ninclude nothere.policy\n", want);
	free(want);
}

static void
test_policy_not_a_file(void **state)
{
	char *p, *want;

	(void)state;
	test_expect_file_diags(
		"nothere.policy", -ENOENT,
		"error: cannot read {D}/nothere.policy: No such file "
		"or directory\n");

	p = test_tmp_path("dir.policy");
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	test_expect_file_diags("dir.policy", -EINVAL,
			       "error: {D}/dir.policy is a directory\n");
	want = test_with_dir("t.policy:1:9: error: {D}/dir.policy is a "
			     "directory\n"
			     "include dir.policy\n"
			     "        ^~~~~~~~~~\n");
	test_policy_expect_diags(test_tmpdir, "include dir.policy\n", want);
	free(want);

	p = test_tmp_path("fifo.policy");
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	test_expect_file_diags(
		"fifo.policy", -EINVAL,
		"error: {D}/fifo.policy is not a regular file\n");
}

static void
test_policy_binary(void **state)
{
	static const char bin[] = "allow read\n\0allow write\n";

	(void)state;
	test_write_file("bin.policy", bin, sizeof(bin) - 1);
	test_expect_file_diags(
		"bin.policy", -EINVAL,
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
	test_write_file("max.policy", buf, max);
	p = test_tmp_path("max.policy");
	assert_int_equal(cage_policy_load(p, &d, &pol), 0);
	assert_int_equal(d.n, 0);
	cage_policy_free(pol);
	free(p);

	test_write_file("big.policy", buf, max + 1);
	free(buf);
	test_expect_file_diags(
		"big.policy", -EFBIG,
		"error: {D}/big.policy is larger than 1 MiB, too "
		"large for a policy\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_again, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_never_still, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_include_read_again, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_include_missing,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_policy_not_a_file,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_policy_binary,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_policy_too_large,
						test_tmpdir_setup,
						test_tmpdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
