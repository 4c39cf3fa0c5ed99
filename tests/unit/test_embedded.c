// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The built-ins are compiled into the binary, not at launch (issue 7):
 *  - the launch path (cage_filter_for_launch, cage_supervised_for_launch) of
 *    every built-in makes no libseccomp call: seccomp_init is wrapped to
 *    count its calls and fail, and a policy that is not a built-in shows
 *    the wrap works;
 *  - what is embedded equals what a fresh compile gives, instruction for
 *    instruction, so the binary cannot carry a stale filter;
 *  - a policy that differs from the built-in by one byte, or says more on
 *    the command line, is compiled, not served from the binary.
 */
#include "lang/builtins.h"
#include "compile/embedded.h"
#include "compile/filter.h"
#include "syscage.h"
#include "policy_helper.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static unsigned init_calls;
static bool init_works;

scmp_filter_ctx __wrap_seccomp_init(uint32_t def_action);
scmp_filter_ctx __real_seccomp_init(uint32_t def_action);

scmp_filter_ctx
__wrap_seccomp_init(uint32_t def_action)
{
	init_calls++;
	return init_works ? __real_seccomp_init(def_action) : NULL;
}

static void
test_launch_path_compiles_nothing(void **state)
{
	const char *const *names = cage_builtin_names();
	struct cage_diags d = {0};
	struct cage_policy *pol;
	struct cage_filter *f;
	struct sock_fprog prog;

	(void)state;
	init_works = false;
	for (size_t i = 0; names[i]; i++) {
		pol = test_policy_named(names[i], NULL);
		init_calls = 0;
		assert_int_equal(cage_filter_for_launch(pol, &d, &f), 0);
		assert_int_equal(
			cage_supervised_for_launch(&pol, 1, false, 5, &prog),
			0);
		assert_int_equal(init_calls, 0);
		assert_non_null(f->embedded);
		free(prog.filter);
		cage_filter_free(f);
		cage_policy_free(pol);
	}
	/* The wrap is effective: a policy of one's own is compiled. */
	pol = test_policy_named("mine.policy", "default kill\nallow read\n");
	init_calls = 0;
	assert_int_equal(cage_filter_for_launch(pol, &d, &f), -ENOMEM);
	assert_true(init_calls > 0);
	cage_policy_free(pol);
	cage_diags_free(&d);
}

static void
read_back(const struct cage_filter *f, size_t i, struct sock_fprog *p)
{
	assert_int_equal(cage_filter_program(f, i, p), 0);
}

static void
assert_same(const struct sock_fprog *a, const struct sock_fprog *b,
	    const char *name, const char *what)
{
	if (a->len != b->len ||
	    memcmp(a->filter, b->filter, a->len * sizeof(*a->filter)))
		fail_msg("%s: embedded %s (%u instructions) differs from a "
			 "fresh compile (%u)",
			 name, what, a->len, b->len);
}

static struct cage_source *
top_source(const struct cage_policy *pol)
{
	for (size_t i = 0; i < pol->nsources; i++)
		if (pol->sources[i]->depth == 0 &&
		    !strcmp(pol->sources[i]->name, pol->name))
			return pol->sources[i];
	fail_msg("%s: no top source", pol->name);
	return NULL;
}

static void
test_embedded_equals_fresh(void **state)
{
	const char *const *names = cage_builtin_names();
	size_t count = 0;

	(void)state;
	init_works = true;
	for (size_t i = 0; names[i]; i++, count++) {
		struct cage_policy *pol = test_policy_named(names[i], NULL);
		const struct cage_embedded *e = cage_embedded_of(pol);
		struct cage_diags d = {0};
		struct cage_filter *emb, *fresh;
		struct sock_fprog a, b;
		struct cage_source *top;
		char what[48];

		assert_non_null(e);
		assert_int_equal(cage_filter_from_embedded(e, &emb), 0);
		assert_int_equal(cage_filter_compile(pol, &d, &fresh), 0);
		assert_int_equal(cage_filter_count(emb),
				 cage_filter_count(fresh));
		for (size_t k = 0; k < cage_filter_count(emb); k++) {
			read_back(emb, k, &a);
			read_back(fresh, k, &b);
			snprintf(what, sizeof(what), "kernel filter %zu", k);
			assert_same(&a, &b, names[i], what);
			free(a.filter);
			free(b.filter);
		}
		/* The supervised filter: embedded, then emitted afresh by a
		 * copy of the policy the lookup does not recognise. */
		assert_int_equal(
			cage_supervised_for_launch(&pol, 1, false, 9, &a), 0);
		top = top_source(pol);
		top->dir = (char *)"/not-built-in";
		assert_null(cage_embedded_of(pol));
		assert_int_equal(
			cage_supervised_for_launch(&pol, 1, false, 9, &b), 0);
		top->dir = NULL;
		assert_same(&a, &b, names[i], "supervised filter");
		free(a.filter);
		free(b.filter);
		cage_filter_free(emb);
		cage_filter_free(fresh);
		cage_diags_free(&d);
		cage_policy_free(pol);
	}
	assert_int_equal(count, cage_embedded_count);
}

/* Anything but the shipped text is compiled. */
static void
test_only_exact_builtins(void **state)
{
	const struct cage_builtin *b = cage_builtin_find("default");
	char *text;
	struct cage_policy *pol;

	(void)state;
	assert_non_null(b);
	text = strndup(b->text, b->size);
	assert_non_null(text);
	/* One more space after the first line's '#'. */
	assert_int_equal(text[0], '#');
	text[1] = text[1] == ' ' ? '\t' : ' ';
	pol = test_policy_named("default", text);
	assert_null(cage_embedded_of(pol));
	cage_policy_free(pol);
	free(text);
	pol = test_policy_named("default + command line",
				"include default\nallow ptrace\n");
	assert_null(cage_embedded_of(pol));
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_launch_path_compiles_nothing),
		cmocka_unit_test(test_embedded_equals_fresh),
		cmocka_unit_test(test_only_exact_builtins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
