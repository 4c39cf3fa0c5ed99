// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1)'s reports of the limits (src/cli/cli_limits.c): the end of a
 * target a limit killed, byte for byte; a SIGKILL short of the cpu limit
 * blamed on nothing; a policy file name with control bytes escaped; the
 * report's records valid JSON.  tests/integration/limits.sh runs real
 * programs into real limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_events.h"
#include "cli/cli_limits.h"

static struct cli_events ce; /* large: not on the stack */
static FILE *json, *err;
static int saved_stderr;

static const struct cage_limit_set set[] = {
	{"cpu", 2, 2, "p.policy", 3},
	{"fsize", 65536, 65536, "p.policy", 4},
	{"nofile", 64, UINT64_MAX, "ci + command line", 2},
};

static int
setup(void **state)
{
	(void)state;
	json = tmpfile();
	err = tmpfile();
	fflush(stderr);
	saved_stderr = dup(2);
	if (!json || !err || saved_stderr < 0 || dup2(fileno(err), 2) < 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	fclose(json);
	fclose(err);
	return 0;
}

static char *
slurp(FILE *f)
{
	long n;
	char *s;

	fflush(f);
	n = ftell(f);
	assert_true(n >= 0);
	s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	return s;
}

static void
expect_err(const char *want)
{
	char *text;

	fflush(stderr);
	text = slurp(err);
	assert_string_equal(text, want);
	free(text);
}

static void
test_verbose_list(void **state)
{
	(void)state;
	cli_events_init(&ce, 1, NULL);
	cli_limits_list(&ce, set, 3);
	expect_err(
		"syscage: limit cpu 2 (p.policy:3)\n"
		"syscage: limit fsize 65536 (p.policy:4)\n"
		"syscage: limit nofile 64:unlimited (ci + command line:2)\n");
}

static void
test_quiet_list(void **state)
{
	(void)state;
	cli_events_init(&ce, 0, NULL);
	cli_limits_list(&ce, set, 3);
	expect_err("");
}

static void
test_fsize(void **state)
{
	(void)state;
	cli_events_init(&ce, 0, NULL);
	cli_limits_list(&ce, set, 3);
	assert_true(cli_limits_end(&ce, "dd", SIGXFSZ, 1000));
	expect_err("syscage: dd was killed by SIGXFSZ: it wrote past its file "
		   "size limit, limit fsize 65536 (p.policy:4)\n"
		   "syscage:   raise it with:  --rlimit fsize=SIZE, or 'limit "
		   "fsize VALUE' on that line\n");
}

/* SIGKILL is the cpu limit's at the limit, not at a tenth of it. */
static void
test_cpu(void **state)
{
	(void)state;
	cli_events_init(&ce, 0, NULL);
	cli_limits_list(&ce, set, 3);
	assert_false(cli_limits_end(&ce, "sh", SIGKILL, 200000));
	assert_false(cli_limits_end(&ce, "sh", SIGTERM, 5000000));
	assert_true(cli_limits_end(&ce, "sh", SIGKILL, 1900000));
	assert_true(cli_limits_end(&ce, "sh", SIGXCPU, 100));
	expect_err("syscage: sh was killed by SIGKILL: it used up its CPU "
		   "time, limit cpu 2 (p.policy:3)\n"
		   "syscage:   raise it with:  --rlimit cpu=SECONDS, or 'limit "
		   "cpu VALUE' on that line\n"
		   "syscage: sh was killed by SIGXCPU: it used up its CPU "
		   "time, limit cpu 2 (p.policy:3)\n"
		   "syscage:   raise it with:  --rlimit cpu=SECONDS, or 'limit "
		   "cpu VALUE' on that line\n");
}

/* A cpu limit whose microseconds overflow 64 bits (they would wrap to
 * 448384) is never blamed. */
static void
test_cpu_huge(void **state)
{
	static const struct cage_limit_set huge = {"cpu", 18446744073710ULL,
						   18446744073710ULL, "p", 1};

	(void)state;
	cli_events_init(&ce, 0, NULL);
	cli_limits_list(&ce, &huge, 1);
	assert_false(cli_limits_end(&ce, "sh", SIGKILL, 1000000));
	expect_err("");
}

/* Without the limit, a signal of its kind is not blamed on one. */
static void
test_no_limit(void **state)
{
	(void)state;
	cli_events_init(&ce, 0, NULL);
	cli_limits_list(&ce, set + 2, 1);
	assert_false(cli_limits_end(&ce, "dd", SIGXFSZ, 0));
	assert_false(cli_limits_end(&ce, "sh", SIGXCPU, 0));
	expect_err("");
}

/* A policy's file name is the user's: escaped, on stderr and in JSON. */
static void
test_hostile_file(void **state)
{
	static const struct cage_limit_set bad = {"fsize", 1, 1,
						  "x\x1b[2J\n.policy", 9};
	json_object *o;
	char *text, *line, *save = NULL;

	(void)state;
	cli_events_init(&ce, 1, json);
	cli_limits_list(&ce, &bad, 1);
	assert_true(cli_limits_end(&ce, "dd", SIGXFSZ, 0));
	expect_err("syscage: limit fsize 1 (x\\x1b[2J\\n.policy:9)\n"
		   "syscage: dd was killed by SIGXFSZ: it wrote past its file "
		   "size limit, limit fsize 1 (x\\x1b[2J\\n.policy:9)\n"
		   "syscage:   raise it with:  --rlimit fsize=SIZE, or 'limit "
		   "fsize VALUE' on that line\n");
	text = slurp(json);
	line = strtok_r(text, "\n", &save);
	assert_non_null(line);
	o = json_tokener_parse(line);
	assert_non_null(o);
	assert_non_null(strstr(line, "\"event\":\"limits\",\"limits\":[{"
				     "\"name\":\"fsize\",\"soft\":1,\"hard\":1,"
				     "\"file\":\"x\\\\x1b[2J\\\\n.policy\","
				     "\"line\":9}]}"));
	json_object_put(o);
	line = strtok_r(NULL, "\n", &save);
	assert_non_null(line);
	o = json_tokener_parse(line);
	assert_non_null(o);
	assert_non_null(strstr(line, "\"event\":\"limit-reached\","
				     "\"signal\":\"SIGXFSZ\",\"cpu_us\":0,"));
	assert_non_null(strstr(line, ",\"raise\":\"--rlimit fsize=SIZE\"}"));
	json_object_put(o);
	assert_null(strtok_r(NULL, "\n", &save));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_verbose_list, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_quiet_list, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fsize, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpu_huge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_file, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
