// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1)'s events (src/cli/cli_events.c) fed what a hostile target can
 * make them: raw control bytes and invalid UTF-8 in every text field, and
 * a flood of distinct calls.  stderr stays free of control characters,
 * the report is JSON Lines in valid UTF-8, and both stay bounded while
 * the summary counts every call.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_events.h"
#include "base/text_escape.h"

static struct cli_events ce; /* large: not on the stack */
static FILE *json, *err;
static int saved_stderr;

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

/* Each line of F: safe text (no control byte, valid UTF-8), counted. */
static size_t
safe_lines(FILE *f, char ***out)
{
	char *line = NULL, **v = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;

	fflush(f);
	rewind(f);
	while ((len = getline(&line, &cap, f)) > 0) {
		assert_int_equal(line[len - 1], '\n');
		line[len - 1] = '\0';
		if (!cage_text_is_safe(line))
			fail_msg("not safe text: %s", line);
		if (out) {
			v = realloc(v, (n + 1) * sizeof(*v));
			assert_non_null(v);
			v[n] = strdup(line);
		}
		n++;
	}
	free(line);
	if (out)
		*out = v;
	return n;
}

static void
event(struct cage_event *ev, int nr, const char *comm, const char *call)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = CAGE_EVENT_DENIED;
	ev->pid = 42;
	ev->nr = nr;
	ev->name = "mount";
	snprintf(ev->comm, sizeof(ev->comm), "%s", comm);
	snprintf(ev->call, sizeof(ev->call), "%s", call);
	ev->action.kind = CAGE_ACTION_ERRNO;
	ev->action.errnum = EPERM;
	ev->policy = "default";
	ev->file = "pol\x1b\n";
	ev->line = 7;
	snprintf(ev->allow, sizeof(ev->allow), "allow mount\x7f");
}

static void
test_hostile_text(void **state)
{
	static const char *const texts[] = {
		"\x1b[2J\nsyscage: forged",
		"\xff\xfe\xc0\xaf\xed\xa0\x80",
		"\xc2\x9b"
		"31m\xe2\x80\xae\x7f\"\\",
	};
	struct cage_event ev;
	char **lines;
	size_t n;

	(void)state;
	cli_events_init(&ce, 0, json);
	for (int i = 0; i < 3; i++) {
		event(&ev, 165 + i, texts[i], texts[(i + 1) % 3]);
		cli_events_handle(&ev, &ce);
	}
	cli_events_finish(&ce, 0);
	n = safe_lines(json, &lines);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_tokener_parse(lines[i]);

		if (!o)
			fail_msg("not JSON: %s", lines[i]);
		json_object_put(o);
		free(lines[i]);
	}
	free(lines);
	assert_int_equal(safe_lines(err, NULL), 6);
}

/* 200,000 events of 1,000 distinct calls: bounded, all counted. */
static void
test_flood(void **state)
{
	struct cage_event ev;
	json_object *sum, *v;
	char **lines;
	size_t n;

	(void)state;
	cli_events_init(&ce, 0, json);
	for (int i = 0; i < 200000; i++) {
		char call[64];

		snprintf(call, sizeof(call), "mount(\"/x/%d\")", i);
		event(&ev, i % 1000, "flood", call);
		cli_events_handle(&ev, &ce);
	}
	cli_events_finish(&ce, 0);
	n = safe_lines(json, &lines);
	assert_true(n <= CLI_RECORDS_MAX + 1);
	sum = json_tokener_parse(lines[n - 1]);
	assert_non_null(sum);
	assert_true(json_object_object_get_ex(sum, "denied", &v));
	assert_int_equal(json_object_get_int64(v), 200000);
	assert_true(json_object_object_get_ex(sum, "records", &v));
	assert_int_equal(json_object_get_int64(v), (int64_t)n - 1);
	assert_true(json_object_object_get_ex(sum, "left_out", &v));
	assert_int_equal(json_object_get_int64(v), 200000 - ((int64_t)n - 1));
	assert_true(json_object_object_get_ex(sum, "untracked", &v));
	assert_int_equal(json_object_get_int64(v), 200 * (1000 - CLI_MAX_KEYS));
	assert_true(json_object_object_get_ex(sum, "calls", &v));
	assert_int_equal(json_object_array_length(v), CLI_MAX_KEYS);
	json_object_put(sum);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	/* Two lines per call shown, one per repeat count, two totals. */
	assert_true(safe_lines(err, NULL) <= 3 * CLI_TEXT_MAX + 2);
}

/* The variables the policies removed: names escaped, in the record and
 * under -v; counted in the summary; a long list bounded on stderr. */
static void
test_env_dropped(void **state)
{
	static const char *const names[] = {"AWS_SECRET", "EVIL\x1b[2J\n",
					    "GITHUB_TOKEN"};
	json_object *o, *v;
	char **lines;
	size_t n;

	(void)state;
	cli_events_init(&ce, 1, json);
	cli_events_env_dropped(&ce, names, 3);
	cli_events_finish(&ce, 0);
	n = safe_lines(json, &lines);
	assert_int_equal(n, 2);
	o = json_tokener_parse(lines[0]);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "event", &v));
	assert_string_equal(json_object_get_string(v), "env-dropped");
	assert_true(json_object_object_get_ex(o, "count", &v));
	assert_int_equal(json_object_get_int(v), 3);
	assert_true(json_object_object_get_ex(o, "names", &v));
	assert_int_equal(json_object_array_length(v), 3);
	assert_string_equal(
		json_object_get_string(json_object_array_get_idx(v, 1)),
		"EVIL\\x1b[2J\\n");
	json_object_put(o);
	o = json_tokener_parse(lines[1]);
	assert_true(json_object_object_get_ex(o, "env_dropped", &v));
	assert_int_equal(json_object_get_int(v), 3);
	json_object_put(o);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	n = safe_lines(err, &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0],
			    "syscage: environment: removed 3 variables (names "
			    "only): AWS_SECRET, EVIL\\x1b[2J\\n, GITHUB_TOKEN");
	assert_string_equal(lines[1], "syscage:   keep one with:  --env-keep "
				      "NAME, or 'env keep NAME' in a policy "
				      "(a prefix: 'NODE_*')");
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Nothing removed: no record, no text, a count of 0; and without -v no
 * text at all. */
static void
test_env_none(void **state)
{
	static const char *const names[] = {"A"};
	json_object *o, *v;
	char **lines;
	size_t n;

	(void)state;
	cli_events_init(&ce, 1, json);
	cli_events_env_dropped(&ce, NULL, 0);
	cli_events_finish(&ce, 0);
	n = safe_lines(json, &lines);
	assert_int_equal(n, 1);
	o = json_tokener_parse(lines[0]);
	assert_true(json_object_object_get_ex(o, "env_dropped", &v));
	assert_int_equal(json_object_get_int(v), 0);
	json_object_put(o);
	free(lines[0]);
	free(lines);
	cli_events_init(&ce, 0, NULL);
	cli_events_env_dropped(&ce, names, 1);
	assert_int_equal(safe_lines(err, NULL), 0);
}

/* 5,000 names: -v shows what fits and says how many more. */
static void
test_env_many(void **state)
{
	static char bufs[5000][16];
	static const char *names[5000];
	char **lines;
	size_t n;

	(void)state;
	for (int i = 0; i < 5000; i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "VAR_%04d", i);
		names[i] = bufs[i];
	}
	cli_events_init(&ce, 1, NULL);
	cli_events_env_dropped(&ce, names, 5000);
	n = safe_lines(err, &lines);
	assert_int_equal(n, 2);
	assert_true(strlen(lines[0]) < CLI_ENV_TEXT_MAX + 200);
	assert_non_null(strstr(lines[0], "more (--report lists them all)"));
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* All of F as one string, malloc'd. */
static char *
slurp(FILE *f)
{
	char *buf;
	long n;

	fflush(f);
	n = ftell(f);
	assert_true(n >= 0);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	rewind(f);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	return buf;
}

/* One event of each advice, and a by-design call made twice. */
static void
golden_events(struct cli_events *c)
{
	struct cage_event ev;

	event(&ev, 41, "probe", "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)");
	ev.name = "socket";
	ev.file = "stdio";
	ev.line = 5;
	snprintf(ev.allow, sizeof(ev.allow),
		 "allow socket if arg0 == "
		 "AF_NETLINK && arg2 == "
		 "NETLINK_ROUTE");
	cli_events_handle(&ev, c);
	event(&ev, 41, "python3", "socket(AF_INET, SOCK_STREAM, 0)");
	ev.name = "socket";
	ev.file = "untrusted";
	ev.line = 18;
	ev.action.errnum = EAFNOSUPPORT;
	ev.advice = CAGE_ADVICE_OPTION;
	snprintf(ev.allow, sizeof(ev.allow), "--net inet");
	cli_events_handle(&ev, c);
	event(&ev, 272, "unshare", "unshare(CLONE_NEWUSER)");
	ev.name = "unshare";
	ev.file = NULL;
	ev.line = 0;
	ev.advice = CAGE_ADVICE_NONE;
	ev.allow[0] = '\0';
	snprintf(ev.why, sizeof(ev.why),
		 "allowing 'unshare' with "
		 "CLONE_NEWUSER: it creates namespaces");
	cli_events_handle(&ev, c);
	event(&ev, 435, "th", "clone3(0x7ffd0, 0x58, 0x7f00, ...)");
	ev.name = "clone3";
	ev.file = "p.policy";
	ev.line = 2;
	ev.advice = CAGE_ADVICE_ENOSYS;
	snprintf(ev.allow, sizeof(ev.allow), "errno ENOSYS clone3");
	snprintf(ev.why, sizeof(ev.why), "glibc falls back to clone");
	cli_events_handle(&ev, c);
	for (int i = 0; i < 2; i++) {
		event(&ev, 435, "th", "clone3(0x7ffd0, 0x58, 0x7f00, ...)");
		ev.kind = CAGE_EVENT_BY_DESIGN;
		ev.name = "clone3";
		ev.file = "stdio";
		ev.line = 39;
		ev.action.errnum = ENOSYS;
		ev.allow[0] = '\0';
		snprintf(ev.why, sizeof(ev.why), "glibc falls back to clone");
		cli_events_handle(&ev, c);
	}
}

#define GOLDEN_DENIALS                                                         \
	"syscage: denied socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) in pid "  \
	"42 (probe): errno EPERM\n"                                            \
	"syscage:   allow it with:  allow socket if arg0 == AF_NETLINK && "    \
	"arg2 == NETLINK_ROUTE (stdio, line 5)\n"                              \
	"syscage: denied socket(AF_INET, SOCK_STREAM, 0) in pid 42 "           \
	"(python3): errno EAFNOSUPPORT\n"                                      \
	"syscage:   allow it with:  --net inet               (untrusted, "     \
	"line "                                                                \
	"18)\n"                                                                \
	"syscage: denied unshare(CLONE_NEWUSER) in pid 42 (unshare): errno "   \
	"EPERM\n"                                                              \
	"syscage:   no rule suggested (policy default, its default): "         \
	"allowing 'unshare' with CLONE_NEWUSER: it creates namespaces\n"       \
	"syscage: denied clone3(0x7ffd0, 0x58, 0x7f00, ...) in pid 42 (th): "  \
	"errno EPERM\n"                                                        \
	"syscage:   answer it with: errno ENOSYS clone3      (p.policy, line " \
	"2): glibc falls back to clone\n"

/* stderr byte for byte: by design is not news, but under -v, once. */
static void
test_golden_text(void **state)
{
	char *text;

	(void)state;
	cli_events_init(&ce, 0, NULL);
	golden_events(&ce);
	cli_events_finish(&ce, 0);
	fflush(stderr);
	text = slurp(err);
	assert_string_equal(text, GOLDEN_DENIALS);
	free(text);
}

static void
test_golden_verbose(void **state)
{
	char *text;

	(void)state;
	cli_events_init(&ce, 1, NULL);
	golden_events(&ce);
	cli_events_finish(&ce, 0);
	fflush(stderr);
	text = slurp(err);
	assert_string_equal(
		text, GOLDEN_DENIALS
		"syscage: by design: clone3(0x7ffd0, 0x58, 0x7f00, ...) in pid "
		"42 (th): errno ENOSYS (stdio, line 39): glibc falls back to "
		"clone\n"
		"syscage: clone3: 1 more like it\n");
	free(text);
}

/* --report: by design marked, with the reason, and counted apart. */
static void
test_golden_report(void **state)
{
	char **lines;
	json_object *o, *v;
	size_t n;

	(void)state;
	cli_events_init(&ce, 0, json);
	golden_events(&ce);
	cli_events_finish(&ce, 0);
	n = safe_lines(json, &lines);
	assert_int_equal(n, 7);
	assert_non_null(strstr(lines[0],
			       ",\"allow\":\"allow socket if arg0 == "
			       "AF_NETLINK && arg2 == NETLINK_ROUTE\","
			       "\"advice\":\"rule\"}"));
	assert_non_null(strstr(lines[1], ",\"allow\":\"--net inet\","
					 "\"advice\":\"option\"}"));
	assert_non_null(strstr(lines[2],
			       ",\"allow\":\"\",\"advice\":\"none\",\"why\":"
			       "\"allowing 'unshare' with CLONE_NEWUSER: it "
			       "creates namespaces\"}"));
	assert_non_null(strstr(lines[3], "\"advice\":\"enosys\""));
	assert_non_null(strstr(lines[4], "{\"time\":"));
	assert_non_null(
		strstr(lines[4], "\"event\":\"by-design\",\"pid\":42,"));
	assert_non_null(strstr(lines[4], ",\"line\":39,\"reason\":\"glibc "
					 "falls back to clone\"}"));
	o = json_tokener_parse(lines[6]);
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "denied", &v));
	assert_int_equal(json_object_get_int64(v), 4);
	assert_true(json_object_object_get_ex(o, "by_design", &v));
	assert_int_equal(json_object_get_int64(v), 2);
	json_object_put(o);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* A refused path: its suggestion, or why none (each reason once, the
 * same one folded; a reason with a control byte escaped), in stderr and
 * in --report ("withheld" only when allow is empty). */
static void
fs_event(struct cage_event *ev, const char *path, const char *allow,
	 const char *option, const char *withheld)
{
	event(ev, 257, "sh", "openat(AT_FDCWD, \"x\", O_WRONLY|O_CREAT, 0666)");
	ev->kind = CAGE_EVENT_FS_REFUSED;
	ev->name = "openat";
	ev->file = NULL;
	ev->line = 0;
	ev->action.errnum = EACCES;
	ev->want = "create";
	ev->advice = allow[0] ? CAGE_ADVICE_OPTION : CAGE_ADVICE_NONE;
	snprintf(ev->path, sizeof(ev->path), "%s", path);
	snprintf(ev->why, sizeof(ev->why), "no fs rule of ci covers it");
	snprintf(ev->allow, sizeof(ev->allow), "%s", allow);
	snprintf(ev->option, sizeof(ev->option), "%s", option);
	snprintf(ev->withheld, sizeof(ev->withheld), "%s", withheld);
}

static void
test_fs_withheld(void **state)
{
	static const char *const sys = "/etc is a system directory; grant it "
				       "only if you trust the program";
	struct cage_event ev;
	char *text, **lines;
	size_t n;

	(void)state;
	cli_events_init(&ce, 0, json);
	fs_event(&ev, "/srv/x", "fs rw /srv", "--rw /srv", "");
	cli_events_handle(&ev, &ce);
	fs_event(&ev, "/etc/x", "", "", sys);
	cli_events_handle(&ev, &ce);
	fs_event(&ev, "/etc/y", "", "", sys);
	cli_events_handle(&ev, &ce);
	fs_event(&ev, "/h/.ssh/x", "", "", "a hidden file (~/.s\x1bsh)");
	cli_events_handle(&ev, &ce);
	fs_event(&ev, "/h/.ssh/y", "", "", "");
	cli_events_handle(&ev, &ce);
	cli_events_finish(&ce, 0);
	fflush(stderr);
	text = slurp(err);
	assert_string_equal(
		text,
		"syscage: refused openat(AT_FDCWD, \"x\", O_WRONLY|O_CREAT, "
		"0666) in pid 42 (sh): create /srv/x: no fs rule of ci covers "
		"it\n"
		"syscage:   allow it with:  fs rw /srv               (or --rw "
		"/srv)\n"
		"syscage: refused openat(AT_FDCWD, \"x\", O_WRONLY|O_CREAT, "
		"0666) in pid 42 (sh): create /etc/x: no fs rule of ci covers "
		"it\n"
		"syscage:   no rule suggested: /etc is a system directory; "
		"grant "
		"it only if you trust the program\n"
		"syscage: refused openat(AT_FDCWD, \"x\", O_WRONLY|O_CREAT, "
		"0666) in pid 42 (sh): create /h/.ssh/x: no fs rule of ci "
		"covers it\n"
		"syscage:   no rule suggested: a hidden file (~/.s\\x1bsh)\n"
		"syscage: refused openat(AT_FDCWD, \"x\", O_WRONLY|O_CREAT, "
		"0666) in pid 42 (sh): create /h/.ssh/y: no fs rule of ci "
		"covers it\n"
		"syscage:   no rule suggested: hidden on purpose\n"
		"syscage: openat: 1 more like it\n");
	free(text);
	n = safe_lines(json, &lines);
	assert_int_equal(n, 6);
	assert_non_null(strstr(lines[0], ",\"option\":\"--rw /srv\"}"));
	assert_non_null(
		strstr(lines[1], ",\"allow\":\"\",\"advice\":\"none\","));
	assert_non_null(strstr(lines[1], ",\"option\":\"\",\"withheld\":"
					 "\"/etc is a system directory; grant "
					 "it only if you trust the "
					 "program\"}"));
	assert_non_null(strstr(lines[3], "\"withheld\":\"a hidden file "
					 "(~/.s\\\\x1bsh)\"}"));
	assert_null(strstr(lines[4], "withheld"));
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hostile_text, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_flood, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env_dropped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_env_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_golden_text, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_golden_verbose, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fs_withheld, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_golden_report, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
