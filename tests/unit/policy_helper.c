// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading a policy for a unit test: policy_helper.h. */
#include "policy_helper.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

int
test_policy_load(const char *name, const char *dir, const char *text,
		 struct cage_diags *d, struct cage_policy **pol)
{
	memset(d, 0, sizeof(*d));
	return cage_policy_load_buffer(name, dir, text, strlen(text), d, pol);
}

static void
print_diags(const struct cage_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		cage_diag_print(&d->v[i], stderr);
}

/* NAME in DIR from TEXT, or by name (TEXT NULL): must load. */
static struct cage_policy *
must_load(const char *name, const char *dir, const char *text, bool clean)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	int err = text ? test_policy_load(name, dir, text, &d, &pol)
		       : cage_policy_load(name, &d, &pol);

	print_diags(&d);
	assert_int_equal(err, 0);
	assert_int_equal(d.errors, 0);
	if (clean)
		assert_int_equal(d.n, 0);
	assert_non_null(pol);
	cage_diags_free(&d);
	return pol;
}

struct cage_policy *
test_policy_text(const char *text)
{
	return must_load(TEST_POLICY_NAME, NULL, text, false);
}

struct cage_policy *
test_policy_text_in(const char *dir, const char *text)
{
	return must_load(TEST_POLICY_NAME, dir, text, false);
}

struct cage_policy *
test_policy_named(const char *name, const char *text)
{
	return must_load(name, NULL, text, false);
}

struct cage_policy *
test_policy_builtin(const char *name)
{
	return must_load(name, NULL, NULL, true);
}

char *
test_diags_text(const struct cage_diags *d)
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

/* Compared as text, so that a failure shows what was said. */
struct cage_policy *
test_policy_clean(const char *dir, const char *text)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d;
	int r = test_policy_load(TEST_POLICY_NAME, dir, text, &d, &pol);
	char *got = test_diags_text(&d);

	assert_string_equal(got, "");
	assert_int_equal(r, 0);
	assert_non_null(pol);
	free(got);
	cage_diags_free(&d);
	return pol;
}

void
test_policy_expect_diags(const char *dir, const char *text, const char *want)
{
	struct cage_policy *pol = (struct cage_policy *)1;
	struct cage_diags d;
	int r = test_policy_load(TEST_POLICY_NAME, dir, text, &d, &pol);
	char *got = test_diags_text(&d);

	assert_string_equal(got, want);
	assert_int_equal(r, -EINVAL);
	assert_null(pol);
	free(got);
	cage_diags_free(&d);
}

char test_tmpdir[64];

int
test_tmpdir_setup(void **state)
{
	(void)state;
	snprintf(test_tmpdir, sizeof(test_tmpdir), "/tmp/syscage-test.XXXXXX");
	return mkdtemp(test_tmpdir) ? 0 : -1;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
test_tmpdir_teardown(void **state)
{
	(void)state;
	return nftw(test_tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

char *
test_tmp_path(const char *name)
{
	char *p;

	assert_true(asprintf(&p, "%s/%s", test_tmpdir, name) > 0);
	return p;
}

void
test_write_file(const char *name, const char *text, size_t len)
{
	char *p = test_tmp_path(name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(p);
}

void
test_write_text(const char *name, const char *text)
{
	test_write_file(name, text, strlen(text));
}

char *
test_with_dir(const char *tmpl)
{
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);

	assert_non_null(f);
	for (const char *s = tmpl; *s;) {
		if (!strncmp(s, "{D}", 3)) {
			fputs(test_tmpdir, f);
			s += 3;
		} else {
			fputc(*s++, f);
		}
	}
	fclose(f);
	return out;
}

const struct cage_rule *
test_rules_for(const struct cage_policy *pol, int nr, size_t *n)
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

const struct cage_rule *
test_rule_for(const struct cage_policy *pol, int nr)
{
	size_t n;
	const struct cage_rule *r = test_rules_for(pol, nr, &n);

	assert_int_equal(n, 1);
	return r;
}

void
test_check_cmp(const struct cage_cmp *c, unsigned arg, enum cage_op op,
	       uint64_t mask, uint64_t value)
{
	assert_int_equal(c->arg, arg);
	assert_int_equal(c->op, op);
	if (op == CAGE_OP_MASKED_EQ)
		assert_true(c->mask == mask);
	assert_true(c->value == value);
}

void
test_expect_file_diags(const char *name, int err, const char *tmpl)
{
	struct cage_policy *pol = NULL;
	struct cage_diags d = {0};
	char *path = test_tmp_path(name), *want = test_with_dir(tmpl), *got;
	int r;

	alarm(10); /* a FIFO must not block the loader */
	r = cage_policy_load(path, &d, &pol);
	alarm(0);
	got = test_diags_text(&d);
	assert_string_equal(got, want);
	assert_int_equal(r, err);
	assert_null(pol);
	free(got);
	free(want);
	free(path);
	cage_diags_free(&d);
}
