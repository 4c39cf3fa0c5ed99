// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1): the command line.  Options become one struct; the work is
 * done by libsyscage.  Option parsing stops at the first non-option, so a
 * command's own arguments are never read as ours.
 */
#include "cli_events.h"
#include "syscage.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/capability.h>
#include <unistd.h>

#define MAX_POLICIES 16
#define MAX_KEEP_FDS 64

enum mode { MODE_RUN, MODE_CHECK, MODE_EXPLAIN, MODE_LIST };

struct options {
	enum mode mode;
	const char *policies[MAX_POLICIES];
	size_t npolicies;
	uint64_t caps_keep;
	int keep_fds[MAX_KEEP_FDS];
	size_t nkeep_fds;
	int verbosity; /* -1 quiet, 0 normal, 1 verbose */
	enum cage_supervise supervise;
	const char *learn_file;
	const char *report_file;
	unsigned timeout;
	bool keep_orphans;
	char **args; /* the command, or the policies of --check */
	int nargs;
};

static void
usage(FILE *out)
{
	fputs("usage: syscage [OPTION]... [--] COMMAND [ARG]...\n"
	      "       syscage --check POLICY...\n"
	      "       syscage --explain POLICY\n"
	      "       syscage --list [@GROUP]\n"
	      "Run COMMAND so that it reaches the kernel only through the\n"
	      "system calls POLICY allows.\n\n"
	      "  -p, --policy NAME|PATH  policy to enforce (repeatable: each "
	      "is stacked);\n"
	      "                          default: 'default'\n"
	      "      --cap-keep CAP[,CAP] capabilities to keep (default: "
	      "none)\n"
	      "      --keep-fd N         keep fd N open (all fds above 2 "
	      "are closed)\n"
	      "  -q, --quiet             fewer messages\n"
	      "  -v, --verbose           more messages\n"
	      "      --check POLICY...   parse, compile and lint; silent "
	      "when clean\n"
	      "      --explain POLICY    what the policy allows, in plain "
	      "words\n"
	      "      --list [@GROUP]     built-in policies and groups, or a "
	      "group's members\n"
	      "  -h, --help              this help\n"
	      "  -V, --version           version\n\n"
	      "Exit status: COMMAND's own; 128+N if it died of signal N; 159 "
	      "if the\npolicy killed it; 125 if syscage failed; 126 if COMMAND "
	      "cannot be\nexecuted; 127 if it was not found.  See "
	      "syscage(1).\n",
	      out);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("syscage: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(CAGE_EXIT_SETUP);
}

static void
parse_caps(struct options *o, const char *list)
{
	char *copy = strdup(list), *save = NULL;

	if (!copy)
		fail("%s", strerror(ENOMEM));
	for (char *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		cap_value_t cap;

		if (cap_from_name(tok, &cap) < 0 || cap < 0 || cap >= 64)
			fail("--cap-keep: unknown capability '%s'", tok);
		o->caps_keep |= 1ull << cap;
	}
	free(copy);
}

static void
parse_fd(struct options *o, const char *arg)
{
	char *end;
	long fd;

	errno = 0;
	fd = strtol(arg, &end, 10);
	if (errno || *end || fd < 3 || fd > INT_MAX)
		fail("--keep-fd: not a file descriptor above 2: '%s'", arg);
	if (o->nkeep_fds == MAX_KEEP_FDS)
		fail("--keep-fd: too many (at most %d)", MAX_KEEP_FDS);
	if (fcntl((int)fd, F_GETFD) < 0)
		fail("--keep-fd: %s is not open", arg);
	o->keep_fds[o->nkeep_fds++] = (int)fd;
}

enum {
	OPT_CHECK = 256,
	OPT_EXPLAIN,
	OPT_LIST,
	OPT_CAP_KEEP,
	OPT_KEEP_FD,
	OPT_AUDIT,
	OPT_LEARN,
	OPT_REPORT,
	OPT_TIMEOUT,
	OPT_KEEP_ORPHANS,
};

static unsigned
parse_seconds(const char *arg)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || *end || v == 0 || v > 100000000 || arg[0] == '-')
		fail("--timeout: not a number of seconds: '%s'", arg);
	return (unsigned)v;
}

static void
parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{"policy", required_argument, NULL, 'p'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"check", no_argument, NULL, OPT_CHECK},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"list", no_argument, NULL, OPT_LIST},
		{"cap-keep", required_argument, NULL, OPT_CAP_KEEP},
		{"keep-fd", required_argument, NULL, OPT_KEEP_FD},
		{"audit", no_argument, NULL, OPT_AUDIT},
		{"learn", required_argument, NULL, OPT_LEARN},
		{"report", required_argument, NULL, OPT_REPORT},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"keep-orphans", no_argument, NULL, OPT_KEEP_ORPHANS},
		{0},
	};
	int c;

	/* '+': stop at the first non-option (bubblewrap CVE-2024-32462). */
	while ((c = getopt_long(argc, argv, "+p:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (o->npolicies == MAX_POLICIES)
				fail("too many policies (at most %d)",
				     MAX_POLICIES);
			o->policies[o->npolicies++] = optarg;
			break;
		case 'q':
			o->verbosity = -1;
			break;
		case 'v':
			o->verbosity = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("syscage %s\n", CAGE_VERSION);
			exit(0);
		case OPT_CHECK:
			o->mode = MODE_CHECK;
			break;
		case OPT_EXPLAIN:
			o->mode = MODE_EXPLAIN;
			break;
		case OPT_LIST:
			o->mode = MODE_LIST;
			break;
		case OPT_CAP_KEEP:
			parse_caps(o, optarg);
			break;
		case OPT_KEEP_FD:
			parse_fd(o, optarg);
			break;
		case OPT_AUDIT:
			o->supervise = CAGE_SUPERVISE_AUDIT;
			break;
		case OPT_LEARN:
			o->supervise = CAGE_SUPERVISE_LEARN;
			o->learn_file = optarg;
			break;
		case OPT_REPORT:
			o->report_file = optarg;
			break;
		case OPT_TIMEOUT:
			o->timeout = parse_seconds(optarg);
			break;
		case OPT_KEEP_ORPHANS:
			o->keep_orphans = true;
			break;
		default:
			fputs("Try 'syscage --help'.\n", stderr);
			exit(CAGE_EXIT_SETUP);
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
}

static void
print_diags(const struct cage_diags *d, int verbosity)
{
	for (size_t i = 0; i < d->n; i++)
		if (verbosity >= 0 || d->v[i].severity == CAGE_SEVERITY_ERROR)
			cage_diag_print(&d->v[i], stderr);
	if (d->truncated)
		fprintf(stderr,
			"syscage: %zu errors; only the first %d are "
			"shown\n",
			d->errors, CAGE_DIAGS_MAX_ERRORS);
}

/* Load, and with LINT check, one policy; diagnostics go to stderr. */
static int
load_policy(const char *name, bool lint, int verbosity,
	    struct cage_policy **pol, struct cage_filter **filter)
{
	struct cage_diags d = {0};
	int err;

	err = cage_policy_load(name, &d, pol);
	if (!err && filter)
		err = cage_filter_compile(*pol, &d, filter);
	if (!err && lint)
		err = cage_policy_lint(*pol, &d);
	print_diags(&d, verbosity);
	if (err && d.errors == 0)
		fprintf(stderr, "syscage: %s: %s\n", name, strerror(-err));
	cage_diags_free(&d);
	return err;
}

static int
run_check(const struct options *o)
{
	int status = 0;

	if (o->nargs == 0)
		fail("%s", "--check needs at least one POLICY");
	for (int i = 0; i < o->nargs; i++) {
		struct cage_policy *pol = NULL;
		struct cage_filter *filter = NULL;

		if (load_policy(o->args[i], true, o->verbosity, &pol, &filter))
			status = 1;
		cage_filter_free(filter);
		cage_policy_free(pol);
	}
	return status;
}

static int
run_explain(const struct options *o)
{
	struct cage_policy *pol = NULL;
	int err;

	if (o->nargs != 1)
		fail("%s", "--explain needs one POLICY");
	if (load_policy(o->args[0], false, o->verbosity, &pol, NULL))
		return 1;
	err = cage_policy_explain(pol, stdout);
	cage_policy_free(pol);
	return err ? 1 : 0;
}

static int
run_list(const struct options *o)
{
	const char *const *names = cage_builtin_names();
	int err;

	if (o->nargs > 1)
		fail("%s", "--list takes at most one @GROUP");
	if (o->nargs == 1) {
		err = cage_groups_list(o->args[0], stdout);
		if (err == -ENOENT)
			fail("--list: unknown group '%s'", o->args[0]);
		return err ? 1 : 0;
	}
	puts("policies:");
	for (; *names; names++)
		printf("  %s\n", *names);
	puts("groups:");
	fflush(stdout);
	return cage_groups_list(NULL, stdout) ? 1 : 0;
}

/* syscage must never be installed setuid, setgid or with file caps. */
static void
refuse_privileged_exec(void)
{
	if (getauxval(AT_SECURE) || getuid() != geteuid() ||
	    getgid() != getegid())
		fail("%s", "refusing to run setuid, setgid or with file "
			   "capabilities: install syscage without them");
}

/* A closed 0, 1 or 2 would be taken by the next fd we open. */
static void
ensure_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 &&
		    open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
			fail("%s", "cannot open /dev/null for a closed "
				   "standard fd");
}

static void
report_launch_error(const struct options *o, const struct cage_launch_error *e)
{
	if (!strcmp(e->step, "execve"))
		fprintf(stderr, "syscage: %s: %s\n", o->args[0],
			e->errnum == ENOENT ? "command not found"
					    : strerror(e->errnum));
	else if (e->errnum == EBUSY && o->supervise != CAGE_SUPERVISE_ENFORCE)
		fprintf(stderr,
			"syscage: %s: %s (already supervised, e.g. "
			"inside another syscage: --audit and --learn "
			"need their own listener)\n",
			e->step, strerror(e->errnum));
	else
		fprintf(stderr, "syscage: %s: %s\n", e->step,
			strerror(e->errnum));
}

/* --learn FILE: written whole, then renamed over FILE. */
static void
write_learned(const struct options *o, const struct cage_learned *l)
{
	char tmp[PATH_MAX], cmd[1024] = "";
	FILE *f;

	for (int i = 0; i < o->nargs; i++)
		snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), "%s%s",
			 i ? " " : "", o->args[i]);
	snprintf(tmp, sizeof(tmp), "%s.tmp", o->learn_file);
	f = fopen(tmp, "wxe");
	if (!f || cage_learned_write(l, cmd, f) || fclose(f) ||
	    rename(tmp, o->learn_file)) {
		fprintf(stderr, "syscage: --learn %s: %s\n", o->learn_file,
			strerror(errno));
		unlink(tmp);
		return;
	}
	if (o->verbosity >= 0)
		fprintf(stderr, "syscage: wrote %s\n", o->learn_file);
}

static FILE *
open_report(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!f)
		fail("--report %s: %s", path, strerror(errno));
	return f;
}

static int
launch(struct options *o, struct cage_launch_opts *lo)
{
	struct cage_launch_error err;
	struct cli_events ce;
	FILE *json = o->report_file ? open_report(o->report_file) : NULL;
	int status = CAGE_EXIT_SETUP, r;

	cli_events_init(&ce, o->verbosity, json);
	lo->on_event = cli_events_handle;
	lo->event_ctx = &ce;
	lo->supervise = o->supervise;
	lo->timeout = o->timeout;
	lo->keep_orphans = o->keep_orphans;
	if (o->learn_file && !(lo->learned = cage_learned_new()))
		fail("%s", strerror(ENOMEM));
	r = cage_launch(lo, &status, &err);
	if (r < 0)
		fprintf(stderr, "syscage: %s\n", strerror(-r));
	else if (err.step[0])
		report_launch_error(o, &err);
	else if (status == CAGE_EXIT_POLICY_KILL && o->verbosity >= 0 &&
		 !ce.denied)
		fprintf(stderr,
			"syscage: %s was killed by the policy "
			"(SIGSYS: a denied system call)\n",
			o->args[0]);
	else if (status == CAGE_EXIT_TIMEOUT && o->verbosity >= 0)
		fprintf(stderr, "syscage: timed out after %u seconds\n",
			o->timeout);
	if (lo->learned && !err.step[0] && r == 0)
		write_learned(o, lo->learned);
	cli_events_finish(&ce, status);
	if (json)
		fclose(json);
	cage_learned_free(lo->learned);
	return status;
}

static int
run(struct options *o)
{
	struct cage_filter *filters[MAX_POLICIES] = {0};
	struct cage_policy *pols[MAX_POLICIES] = {0};
	struct cage_launch_opts lo = {0};
	int status = CAGE_EXIT_SETUP;

	if (o->nargs == 0) {
		usage(stderr);
		return CAGE_EXIT_SETUP;
	}
	if (o->npolicies == 0)
		o->policies[o->npolicies++] = "default";
	for (size_t i = 0; i < o->npolicies; i++) {
		if (load_policy(o->policies[i], false, o->verbosity, &pols[i],
				&filters[i]))
			goto out;
		lo.caps_keep |= cage_policy_caps_keep(pols[i]);
	}
	lo.argv = o->args;
	lo.filters = filters;
	lo.nfilters = o->npolicies;
	lo.policies = pols;
	lo.npolicies = o->npolicies;
	lo.caps_keep |= o->caps_keep;
	lo.keep_fds = o->keep_fds;
	lo.nkeep_fds = o->nkeep_fds;
	lo.verbose = o->verbosity > 0;
	status = launch(o, &lo);
out:
	for (size_t i = 0; i < o->npolicies; i++) {
		cage_filter_free(filters[i]);
		cage_policy_free(pols[i]);
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct options o = {.supervise = CAGE_SUPERVISE_ENFORCE};

	refuse_privileged_exec();
	ensure_std_fds();
	parse_args(argc, argv, &o);
	switch (o.mode) {
	case MODE_CHECK:
		return run_check(&o);
	case MODE_EXPLAIN:
		return run_explain(&o);
	case MODE_LIST:
		return run_list(&o);
	case MODE_RUN:
		break;
	}
	return run(&o);
}
