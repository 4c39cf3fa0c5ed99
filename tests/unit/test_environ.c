// SPDX-License-Identifier: LGPL-2.1-or-later
/* The target's environment: env clear, keep and set, policy by policy. */
#include "launch/environ.h"
#include "policy_helper.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

extern char **environ;

/* ENV as one string, "A=1 B=2", to compare at a glance. */
static char *
join(char **env)
{
	static char buf[1024];

	buf[0] = '\0';
	for (size_t i = 0; env[i]; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, env[i]);
	}
	return buf;
}

static char *base[] = {"PATH=/bin",	      "HOME=/h",
		       "GITHUB_TOKEN=ghp_x",  "LANG=C",
		       "junk-without-equals", NULL};

static void
expect(const char *const *texts, size_t n, const char *want)
{
	struct cage_policy *pols[4] = {0};
	char **env;

	for (size_t i = 0; i < n; i++)
		pols[i] = test_policy_text(texts[i]);
	assert_int_equal(cage_environ_build(pols, n, base, &env), 0);
	assert_string_equal(join(env), want);
	cage_environ_free(env);
	for (size_t i = 0; i < n; i++)
		cage_policy_free(pols[i]);
}

static void
test_no_env_section(void **state)
{
	const char *t[] = {"allow read"};

	expect(NULL, 0, "PATH=/bin HOME=/h GITHUB_TOKEN=ghp_x LANG=C");
	expect(t, 1, "PATH=/bin HOME=/h GITHUB_TOKEN=ghp_x LANG=C");
}

static void
test_clear_keep(void **state)
{
	const char *t[] = {"env clear\nenv keep PATH LANG"};
	const char *bare[] = {"env clear"};

	expect(t, 1, "PATH=/bin LANG=C");
	expect(bare, 1, "");
}

static void
test_set(void **state)
{
	const char *t[] = {"env set HOME=/sandbox\nenv set NEW=\"a b\"\n"
			   "env set EMPTY="};
	const char *cleared[] = {"env clear\nenv set TERM=dumb"};

	expect(t, 1,
	       "PATH=/bin GITHUB_TOKEN=ghp_x LANG=C HOME=/sandbox NEW=a b "
	       "EMPTY=");
	expect(cleared, 1, "TERM=dumb");
}

/* Stacked policies apply in order: each must let a variable through. */
static void
test_stacked(void **state)
{
	const char *t[] = {"env clear\nenv keep PATH HOME\nenv set A=1",
			   "env clear\nenv keep PATH A"};
	const char *u[] = {"env set A=1", "env set A=2"};

	expect(t, 2, "PATH=/bin A=1");
	expect(u, 2, "PATH=/bin HOME=/h GITHUB_TOKEN=ghp_x LANG=C A=2");
}

/* What the launch hands to execve; environ itself is left alone. */
static void
test_apply(void **state)
{
	char **saved = environ, **env = NULL;
	struct cage_policy *pol = test_policy_text("env clear\nenv set X=1");

	assert_int_equal(cage_environ_build(&pol, 1, base, &env), 0);
	assert_string_equal(join(env), "X=1");
	assert_ptr_equal(environ, saved);
	cage_environ_free(env);
	cage_policy_free(pol);
}

/* 'env keep' with a trailing '*': every variable of that prefix. */
static void
test_keep_prefix(void **state)
{
	static char *env[] = {"NODE_ENV=ci", "NODE_=x", "NODEJS=y",
			      "LC_ALL=C",    "LC_=z",	"GITHUB_TOKEN=ghp",
			      NULL};
	struct cage_policy *pol =
		test_policy_text("env clear\nenv keep NODE_* LC_* \"HOME\"");
	char **out;

	assert_int_equal(cage_environ_build(&pol, 1, env, &out), 0);
	assert_string_equal(join(out), "NODE_ENV=ci NODE_=x LC_ALL=C LC_=z");
	cage_environ_free(out);
	cage_policy_free(pol);
}

/* D's names as one string, "A B". */
static char *
join_dropped(const struct cage_env_dropped *d)
{
	static char buf[1024];

	buf[0] = '\0';
	for (size_t i = 0; i < d->n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, d->names[i]);
	}
	return buf;
}

static void
expect_dropped(const char *text, char **env, const char *want)
{
	struct cage_policy *pol = test_policy_text(text);
	struct cage_env_dropped d = {0};
	char **out;

	assert_int_equal(cage_environ_build(&pol, 1, env, &out), 0);
	assert_int_equal(cage_environ_dropped(env, out, &d), 0);
	assert_string_equal(join_dropped(&d), want);
	for (size_t i = 0; i < d.n; i++)
		assert_null(strchr(d.names[i], '='));
	cage_env_dropped_free(&d);
	assert_null(d.names);
	cage_environ_free(out);
	cage_policy_free(pol);
}

/*
 * What 'env clear' removed: names only, sorted by byte, each once (a
 * name twice in the environment, or also an entry without '='); not a
 * name set again, not one kept, not an empty name (none can keep it),
 * nothing without 'env clear'.
 */
static void
test_dropped(void **state)
{
	static char *env[] = {"ZED=1",
			      "GITHUB_TOKEN=ghp_secret",
			      "PATH=/bin",
			      "AWS_KEY=k=v",
			      "GITHUB_TOKEN=again",
			      "junk",
			      "HOME=/h",
			      "A_B=1",
			      "A=2",
			      "=empty-name",
			      NULL};

	expect_dropped("env clear\nenv keep PATH\nenv set HOME=/s", env,
		       "A AWS_KEY A_B GITHUB_TOKEN ZED");
	expect_dropped("env set HOME=/s", env, "");
	expect_dropped("env clear\nenv keep A*\nenv keep PATH HOME ZED", env,
		       "GITHUB_TOKEN");
	expect_dropped("allow read", env, "");
}

/* Stacked: dropped by either policy, not set again by the second. */
static void
test_dropped_stacked(void **state)
{
	static char *env[] = {"A=1", "B=2", "C=3", "D=4", NULL};
	struct cage_policy *pols[2] = {
		test_policy_text("env clear\nenv keep A B"),
		test_policy_text("env clear\nenv keep A\nenv set C=x")};
	struct cage_env_dropped d = {0};
	char **out;

	assert_int_equal(cage_environ_build(pols, 2, env, &out), 0);
	assert_string_equal(join(out), "A=1 C=x");
	assert_int_equal(cage_environ_dropped(env, out, &d), 0);
	assert_string_equal(join_dropped(&d), "B D");
	cage_env_dropped_free(&d);
	cage_environ_free(out);
	cage_policy_free(pols[0]);
	cage_policy_free(pols[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_env_section),
		cmocka_unit_test(test_clear_keep),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_stacked),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_keep_prefix),
		cmocka_unit_test(test_dropped),
		cmocka_unit_test(test_dropped_stacked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
