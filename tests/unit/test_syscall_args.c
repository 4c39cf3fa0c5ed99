// SPDX-License-Identifier: LGPL-2.1-or-later
/* Unit tests for the table of 32-bit system call arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/syscall_args.h"

#define A(i) (1u << (i))

/* Where Debian and most others keep the kernel's x86-64 numbers. */
static const char *const unistd_paths[] = {
	"/usr/include/x86_64-linux-gnu/asm/unistd_64.h",
	"/usr/include/asm/unistd_64.h",
};

static void
test_sorted_unique(void **state)
{
	const char *prev = NULL;
	const char *name;
	unsigned i;

	(void)state;
	for (i = 0; (name = cage_syscall_args_name(i)); i++) {
		if (prev && strcmp(prev, name) >= 0)
			fail_msg("table out of order at %u: \"%s\" then \"%s\"",
				 i, prev, name);
		prev = name;
	}
	assert_true(i > 300);
}

static void
test_masks_within_nargs(void **state)
{
	const char *name;

	(void)state;
	for (unsigned i = 0; (name = cage_syscall_args_name(i)); i++) {
		int n = cage_syscall_nargs(name);
		unsigned mask = cage_syscall_args32(name);

		if (n < 0 || n > 6)
			fail_msg("%s: %d arguments", name, n);
		if (mask >> n)
			fail_msg("%s: mask %#x beyond %d arguments", name, mask,
				 n);
	}
}

/*
 * Every __NR_ name of the installed <asm/unistd_64.h> must be known: read
 * the header itself so that new kernel headers show what the table lacks.
 */
static void
test_every_nr_known(void **state)
{
	size_t npaths = sizeof(unistd_paths) / sizeof(unistd_paths[0]);
	FILE *f = NULL;
	char line[256], name[128];
	unsigned found = 0, missing = 0;

	(void)state;
	for (size_t i = 0; !f && i < npaths; i++)
		f = fopen(unistd_paths[i], "r");
	if (!f)
		fail_msg("no asm/unistd_64.h found");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "#define __NR_%127s", name) != 1)
			continue;
		found++;
		if (cage_syscall_nargs(name) < 0) {
			print_error("missing from the table: %s\n", name);
			missing++;
		}
	}
	fclose(f);
	assert_true(found > 300);
	assert_int_equal(missing, 0);
}

static void
test_spot_checks(void **state)
{
	(void)state;
	assert_int_equal(cage_syscall_args32("ioctl"), A(0) | A(1));
	assert_int_equal(cage_syscall_nargs("ioctl"), 3);
	assert_int_equal(cage_syscall_args32("socket"), A(0) | A(1) | A(2));
	assert_int_equal(cage_syscall_args32("mmap"), 0);
	assert_int_equal(cage_syscall_nargs("mmap"), 6);
	/* flags are unsigned long, but the kernel reads lower_32_bits() */
	assert_int_equal(cage_syscall_args32("clone"), 1u << 0);
	assert_int_equal(cage_syscall_nargs("clone"), 5);
	assert_int_equal(cage_syscall_args32("personality"), A(0));
	assert_int_equal(cage_syscall_args32("openat"), A(0) | A(2) | A(3));
	assert_int_equal(cage_syscall_nargs("openat"), 4);
	assert_int_equal(cage_syscall_args32("open"), A(1) | A(2));
	assert_int_equal(cage_syscall_args32("prctl"), A(0));
	assert_int_equal(cage_syscall_nargs("prctl"), 5);
	assert_int_equal(cage_syscall_args32("fcntl"), A(0) | A(1));
	assert_int_equal(cage_syscall_args32("kill"), A(0) | A(1));
	assert_int_equal(cage_syscall_args32("setns"), A(0) | A(1));
	assert_int_equal(cage_syscall_args32("unshare"), 0);
	assert_int_equal(cage_syscall_args32("arch_prctl"), A(0));
	assert_int_equal(cage_syscall_args32("fanotify_mark"),
			 A(0) | A(1) | A(3));
	assert_int_equal(cage_syscall_args32("futex"), A(1) | A(2) | A(5));
	assert_int_equal(cage_syscall_nargs("getpid"), 0);
	assert_int_equal(cage_syscall_args32("getpid"), 0);
	/* Newer than many installed headers. */
	assert_int_equal(cage_syscall_nargs("fchmodat2"), 4);
	assert_int_equal(cage_syscall_args32("mseal"), 0);
	assert_int_equal(cage_syscall_args32("futex_wait"), A(3) | A(5));
	/* First and last entries, for the bsearch bounds. */
	assert_int_equal(cage_syscall_nargs("_sysctl"), 1);
	assert_int_equal(cage_syscall_nargs("writev"), 3);
}

static void
test_unknown(void **state)
{
	(void)state;
	assert_int_equal(cage_syscall_args32("no_such_syscall"), 0);
	assert_int_equal(cage_syscall_nargs("no_such_syscall"), -1);
	assert_int_equal(cage_syscall_nargs(""), -1);
	assert_int_equal(cage_syscall_nargs("ioct"), -1);
	assert_int_equal(cage_syscall_nargs("ioctl2"), -1);
	assert_int_equal(cage_syscall_nargs(NULL), -1);
	assert_int_equal(cage_syscall_args32(NULL), 0);
	assert_null(cage_syscall_args_name(100000));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_unique),
		cmocka_unit_test(test_masks_within_nargs),
		cmocka_unit_test(test_every_nr_known),
		cmocka_unit_test(test_spot_checks),
		cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
