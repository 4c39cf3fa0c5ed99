// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading a policy for a unit test, written once: from text, by built-in
 * name or path, or expecting exact diagnostics; with a temporary directory
 * for the files a test includes, and the rules of one syscall.  Linked
 * into every unit test by tests/meson.build.  The asserting variants fail
 * the calling test (cmocka) and print the diagnostics they saw.
 */
#ifndef SYSCAGE_TESTS_POLICY_HELPER_H
#define SYSCAGE_TESTS_POLICY_HELPER_H

#include <stddef.h>
#include <stdint.h>

#include "policy/policy.h"

/* The file name text is loaded under, as diagnostics show it. */
#define TEST_POLICY_NAME "t.policy"

/* TEXT as the file NAME in DIR (NULL: the current directory), as is:
 * *D is zeroed first and left to the caller with the result. */
int test_policy_load(const char *name, const char *dir, const char *text,
		     struct cage_diags *d, struct cage_policy **pol);

/* Must load (warnings allowed, printed on stderr): TEXT as t.policy. */
struct cage_policy *test_policy_text(const char *text);
/* The same, its relative includes found in DIR. */
struct cage_policy *test_policy_text_in(const char *dir, const char *text);
/* TEXT as the file NAME (a name the code under test reads); TEXT NULL:
 * NAME is loaded as a built-in name or a path. */
struct cage_policy *test_policy_named(const char *name, const char *text);
/* A built-in policy by NAME (or a path): must load with no diagnostic. */
struct cage_policy *test_policy_builtin(const char *name);
/* TEXT in DIR (NULL: the current directory) must load with no
 * diagnostic at all, not even a warning. */
struct cage_policy *test_policy_clean(const char *dir, const char *text);

/* What cage_diag_print() makes of every diagnostic, malloc'd. */
char *test_diags_text(const struct cage_diags *d);
/* TEXT in DIR must fail to load with exactly the diagnostics WANT. */
void test_policy_expect_diags(const char *dir, const char *text,
			      const char *want);

/* The file NAME of the temporary directory, loaded by path, must fail
 * with ERR and exactly the diagnostics TMPL (test_with_dir()). */
void test_expect_file_diags(const char *name, int err, const char *tmpl);

/* A temporary directory for a test's files, as cmocka setup/teardown. */
extern char test_tmpdir[64];
int test_tmpdir_setup(void **state);
int test_tmpdir_teardown(void **state);
/* NAME in the temporary directory, malloc'd. */
char *test_tmp_path(const char *name);
void test_write_file(const char *name, const char *text, size_t len);
void test_write_text(const char *name, const char *text);
/* TMPL with every "{D}" replaced by the temporary directory, malloc'd. */
char *test_with_dir(const char *tmpl);

/* The rules of syscall NR: the first, and how many there are in *N
 * (checking on the way that the rules are sorted by number). */
const struct cage_rule *test_rules_for(const struct cage_policy *pol, int nr,
				       size_t *n);
/* The only rule of syscall NR. */
const struct cage_rule *test_rule_for(const struct cage_policy *pol, int nr);
void test_check_cmp(const struct cage_cmp *c, unsigned arg, enum cage_op op,
		    uint64_t mask, uint64_t value);

#endif
