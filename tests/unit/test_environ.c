// SPDX-License-Identifier: LGPL-2.1-or-later
/* The target's environment: env clear, keep and set, policy by policy. */
#include "launch/environ.h"

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

static struct cage_policy *
load(const char *text)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;

	assert_int_equal(cage_policy_load_buffer("t.policy", "/", text,
						 strlen(text), &d, &pol),
			 0);
	cage_diags_free(&d);
	return pol;
}

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
		pols[i] = load(texts[i]);
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

/* An includer's value wins over an included file's. */
static void
test_includer_wins(void **state)
{
	char dir[] = "/tmp/test-environ.XXXXXX", path[64];
	const char *text = "include inner.policy\nenv set A=outer\n";
	struct cage_diags d = {0};
	struct cage_policy *pol;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/inner.policy", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("env set A=inner\nenv set B=inner\n", f);
	fclose(f);
	assert_int_equal(cage_policy_load_buffer("t.policy", dir, text,
						 strlen(text), &d, &pol),
			 0);
	assert_int_equal(pol->iso.nenv_set, 2);
	assert_string_equal(pol->iso.env_set[0].name, "A");
	assert_string_equal(pol->iso.env_set[0].value, "outer");
	assert_string_equal(pol->iso.env_set[1].value, "inner");
	cage_policy_free(pol);
	cage_diags_free(&d);
	/* One file, two values: a conflict, with both places. */
	text = "env set A=1\nenv set A=2\n";
	assert_int_equal(cage_policy_load_buffer("t.policy", dir, text,
						 strlen(text), &d, &pol),
			 -EINVAL);
	assert_non_null(strstr(d.v[0].message, "conflicting values for 'A'"));
	cage_diags_free(&d);
	unlink(path);
	rmdir(dir);
}

/* What the launch hands to execve; environ itself is left alone. */
static void
test_apply(void **state)
{
	char **saved = environ, **env = NULL;
	struct cage_policy *pol = load("env clear\nenv set X=1");

	assert_int_equal(cage_environ_build(&pol, 1, base, &env), 0);
	assert_string_equal(join(env), "X=1");
	assert_ptr_equal(environ, saved);
	cage_environ_free(env);
	cage_policy_free(pol);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_env_section),
		cmocka_unit_test(test_clear_keep),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_stacked),
		cmocka_unit_test(test_includer_wins),
		cmocka_unit_test(test_apply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
