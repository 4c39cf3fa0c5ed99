// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1): the command line.  Options become one struct; the work is
 * done by libsyscage.  Option parsing stops at the first non-option, so a
 * command's own arguments are never read as ours.
 */
#include "launch/command.h"
#include "cli/cli_events.h"
#include "compile/check.h"
#include "compile/embedded.h"
#include "launch/landlock.h"
#include "base/outfile.h"
#include "syscage.h"
#include "base/text_escape.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/capability.h>
#include <unistd.h>

#define MAX_POLICIES 16
#define MAX_KEEP_FDS 64
#define MAX_RW_NAMED 64

enum mode {
	MODE_RUN,
	MODE_CHECK,
	MODE_EXPLAIN,
	MODE_LIST,
	MODE_EXPORT,
	MODE_IMPORT,
};

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
	const char *format; /* --export */
	char *extra; /* --ro --net --env --rlimit...: policy statements */
	size_t extra_len;
	bool extra_fs;	  /* --ro/--rw/--rx given: the system directories too */
	const char *user; /* --user */
	char **args;	  /* the command, or the policies of --check */
	int nargs;
	/* --rw paths: the user's own choice, even of ~ (fs_home.c) */
	const char *rw_named[MAX_RW_NAMED];
	size_t nrw_named;
};

static void
usage(FILE *out)
{
	fputs("usage: syscage [OPTION]... [--] COMMAND [ARG]...\n"
	      "       syscage --check POLICY... | --explain POLICY | --list "
	      "[@GROUP]\n"
	      "       syscage --export oci|spo:NAME|bpf[:N]|pfc|systemd POLICY "
	      "| --import FILE\n"
	      "  -p, --policy NAME|PATH   policy to enforce (default "
	      "'default'); repeatable,\n"
	      "                           each stacked on the others\n"
	      "      --audit              enforce nothing, report what would "
	      "be denied\n"
	      "      --learn FILE         write a policy of what ran (with -p: "
	      "what it let run)\n"
	      "      --report FILE        denials as JSON Lines\n"
	      "      --ro|--rw|--rx PATH  Landlock access to PATH ($HOME $CWD "
	      "$TMPDIR $EXE)\n"
	      "      --net none|unix|inet sockets COMMAND may create\n"
	      "      --env-clear, --env-keep VAR, --env NAME=VALUE   "
	      "COMMAND's environment\n"
	      "      --rlimit NAME=VALUE  e.g. nofile=1024 as=4G cpu=60; "
	      "--timeout SECONDS\n"
	      "      --user USER[:GROUP]  run as USER (root only); --cap-keep "
	      "CAP[,CAP]\n"
	      "      --keep-fd N          keep fd N open; --keep-orphans leave "
	      "descendants\n"
	      "  -q, --quiet / -v, --verbose   fewer / more messages\n"
	      "      --check              parse, compile and lint; silent when "
	      "clean\n"
	      "      --explain            what a policy allows, in plain "
	      "words\n"
	      "      --list               built-in policies and groups, or a "
	      "group's members\n"
	      "      --export FORMAT      for Docker/OCI, SPO, bwrap, "
	      "libseccomp, systemd\n"
	      "      --import FILE        a Docker/OCI seccomp profile as "
	      "policy "
	      "text\n"
	      "  -h, --help; -V, --version\n"
	      "Exit: COMMAND's status; 128+N signal N; 159 killed by the "
	      "policy; "
	      "124\ntimeout; 125 syscage failed; 126 cannot execute; 127 not "
	      "found. syscage(1)\n",
	      out);
}

/* The message quotes the command line or a policy's paths: escaped. */
static void __attribute__((noreturn, format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	char *msg = NULL, *esc = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (msg && (esc = malloc(4 * strlen(msg) + 4)))
		fprintf(stderr, "syscage: %s\n",
			cage_text_shown(msg, esc, 4 * strlen(msg) + 4));
	else
		fprintf(stderr, "syscage: %s\n", fmt); /* out of memory */
	free(esc);
	free(msg);
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

/* One more line of the policy the command-line options make. */
static void __attribute__((format(printf, 2, 3)))
add_stmt(struct options *o, const char *fmt, ...)
{
	va_list ap;
	char *line, *v;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&line, fmt, ap);
	va_end(ap);
	v = n < 0 ? NULL : realloc(o->extra, o->extra_len + (size_t)n + 2);
	if (!v)
		fail("%s", strerror(ENOMEM));
	o->extra = v;
	memcpy(o->extra + o->extra_len, line, (size_t)n);
	o->extra_len += (size_t)n;
	o->extra[o->extra_len++] = '\n';
	o->extra[o->extra_len] = '\0';
	free(line);
}

/* S as a policy string, "..." with " and \ escaped: an argument can
 * never become a statement of its own. */
static char *
quote(const char *opt, const char *s)
{
	char *q = malloc(2 * strlen(s) + 3), *p = q;

	if (!q)
		fail("%s", strerror(ENOMEM));
	if (strchr(s, '\n') || strchr(s, '\r'))
		fail("%s: a line break in '%s'", opt, s);
	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p++ = '"';
	*p = '\0';
	return q;
}

/* A variable or limit name: letters, digits, '_', not a digit first. */
static bool
is_name(const char *s, size_t len)
{
	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!s[i] || !strchr("abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
				     s[i]))
			return false;
	return true;
}

/* --ro/--rw/--rx: a relative PATH is under the current directory. */
static void
add_fs(struct options *o, const char *mode, const char *path)
{
	char opt[8], *full, *q;

	snprintf(opt, sizeof(opt), "--%s", mode);
	if (asprintf(&full, "%s%s",
		     path[0] == '/' || path[0] == '$' ? "" : "$CWD/", path) < 0)
		fail("%s", strerror(ENOMEM));
	q = quote(opt, full);
	add_stmt(o, "fs %s %s", mode, q);
	o->extra_fs = true;
	free(q);
	if (!strcmp(mode, "rw") && o->nrw_named < MAX_RW_NAMED)
		o->rw_named[o->nrw_named++] = full; /* kept for the run */
	else
		free(full);
}

/* NAME=VALUE options: --env and --rlimit. */
static void
add_assignment(struct options *o, const char *opt, const char *arg)
{
	const char *eq = strchr(arg, '=');
	bool env = !strcmp(opt, "--env");
	char *q;

	if (!eq || !is_name(arg, (size_t)(eq - arg)))
		fail("%s: expected NAME=VALUE, not '%s'", opt, arg);
	q = quote(opt, eq + 1);
	if (env)
		add_stmt(o, "env set %.*s=%s", (int)(eq - arg), arg, q);
	else
		add_stmt(o, "limit %.*s %s", (int)(eq - arg), arg, q);
	free(q);
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
	OPT_EXPORT,
	OPT_IMPORT,
	OPT_RO,
	OPT_RW,
	OPT_RX,
	OPT_NET,
	OPT_ENV_CLEAR,
	OPT_ENV_KEEP,
	OPT_ENV,
	OPT_RLIMIT,
	OPT_USER,
};

static void
add_isolation(struct options *o, int c, const char *arg)
{
	char *q;

	switch (c) {
	case OPT_RO:
	case OPT_RW:
	case OPT_RX:
		add_fs(o, c == OPT_RO ? "ro" : c == OPT_RW ? "rw" : "rx", arg);
		break;
	case OPT_NET:
		if (strcmp(arg, "none") && strcmp(arg, "unix") &&
		    strcmp(arg, "inet"))
			fail("--net: expected none, unix or inet, not '%s'",
			     arg);
		add_stmt(o, "net %s", arg);
		break;
	case OPT_ENV_CLEAR:
		add_stmt(o, "env clear");
		break;
	case OPT_ENV_KEEP:
		q = quote("--env-keep", arg);
		add_stmt(o, "env keep %s", q);
		free(q);
		break;
	case OPT_ENV:
		add_assignment(o, "--env", arg);
		break;
	case OPT_RLIMIT:
		add_assignment(o, "--rlimit", arg);
		break;
	}
}

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
		{"export", required_argument, NULL, OPT_EXPORT},
		{"import", no_argument, NULL, OPT_IMPORT},
		{"ro", required_argument, NULL, OPT_RO},
		{"rw", required_argument, NULL, OPT_RW},
		{"rx", required_argument, NULL, OPT_RX},
		{"net", required_argument, NULL, OPT_NET},
		{"env-clear", no_argument, NULL, OPT_ENV_CLEAR},
		{"env-keep", required_argument, NULL, OPT_ENV_KEEP},
		{"env", required_argument, NULL, OPT_ENV},
		{"rlimit", required_argument, NULL, OPT_RLIMIT},
		{"user", required_argument, NULL, OPT_USER},
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
		case OPT_EXPORT:
			o->mode = MODE_EXPORT;
			o->format = optarg;
			break;
		case OPT_IMPORT:
			o->mode = MODE_IMPORT;
			break;
		case OPT_RO:
		case OPT_RW:
		case OPT_RX:
		case OPT_NET:
		case OPT_ENV_CLEAR:
		case OPT_ENV_KEEP:
		case OPT_ENV:
		case OPT_RLIMIT:
			add_isolation(o, c, optarg);
			break;
		case OPT_USER:
			o->user = optarg;
			break;
		default:
			fputs("Try 'syscage --help'.\n", stderr);
			exit(CAGE_EXIT_SETUP);
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
}

static const char *shown(const char *arg, char *buf, size_t size);

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

/*
 * Load, and with LINT check, one policy; diagnostics go to stderr.  With
 * EXTRA (the command-line options as statements), a policy that includes
 * NAME and says EXTRA: the options override NAME as an includer would.
 */
static int
load_policy(const char *name, const struct options *extra, bool lint,
	    int verbosity, struct cage_policy **pol,
	    struct cage_filter **filter)
{
	struct cage_diags d = {0};
	char *text = NULL, *what = NULL, *q, what_buf[256];
	int err;

	if (!name) {
		name = "command line";
		if (asprintf(&text, "default allow\n%s%s",
			     extra && extra->extra_fs ? "include fs-system\n"
						      : "",
			     extra && extra->extra ? extra->extra : "") < 0)
			fail("%s", strerror(ENOMEM));
		err = cage_policy_load_buffer(name, NULL, text, strlen(text),
					      &d, pol);
		free(text);
	} else if (extra && extra->extra) {
		q = quote("-p", name);
		if (asprintf(&text, "include %s\n%s%s", q,
			     extra->extra_fs ? "include fs-system\n" : "",
			     extra->extra) < 0 ||
		    asprintf(&what, "%s + command line", name) < 0)
			fail("%s", strerror(ENOMEM));
		free(q);
		err = cage_policy_load_buffer(what, NULL, text, strlen(text),
					      &d, pol);
		free(text);
		free(what);
	} else {
		err = cage_policy_load(name, &d, pol);
	}
	/* A launch under a built-in loads the filters compiled into the
	 * binary; --check compiles, to find what the kernel would refuse. */
	if (!err && filter && !lint)
		err = cage_filter_for_launch(*pol, &d, filter);
	else if (!err && filter)
		err = cage_filter_compile(*pol, &d, filter);
	if (!err && lint)
		err = cage_filter_check_size(*pol, *filter, &d);
	if (!err && lint)
		err = cage_policy_lint(*pol, &d);
	print_diags(&d, verbosity);
	if (err && d.errors == 0)
		fprintf(stderr, "syscage: %s: %s\n",
			shown(name, what_buf, sizeof(what_buf)),
			strerror(-err));
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

		if (load_policy(o->args[i], NULL, true, o->verbosity, &pol,
				&filter))
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
	if (load_policy(o->args[0], NULL, false, o->verbosity, &pol, NULL))
		return 1;
	err = cage_policy_explain(pol, stdout);
	cage_policy_free(pol);
	return err ? 1 : 0;
}

static int
run_list(const struct options *o)
{
	const char *const *names = cage_builtin_names();
	char buf[256];
	int err;

	if (o->nargs > 1)
		fail("%s", "--list takes at most one @GROUP");
	if (o->nargs == 1) {
		err = cage_groups_list(o->args[0], stdout);
		if (err == -ENOENT)
			fail("--list: unknown group '%s'",
			     shown(o->args[0], buf, sizeof(buf)));
		return err ? 1 : 0;
	}
	puts("policies:");
	for (; *names; names++)
		printf("  %s\n", *names);
	puts("groups:");
	fflush(stdout);
	return cage_groups_list(NULL, stdout) ? 1 : 0;
}

/* --export FORMAT POLICY: the policy for Docker/OCI, bwrap or systemd. */
static int
run_export(const struct options *o)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	char fmt[256];
	int err;

	if (o->nargs != 1)
		fail("%s", "--export needs a FORMAT and one POLICY");
	shown(o->format, fmt, sizeof(fmt));
	if (!strncmp(o->format, "bpf", 3) && isatty(STDOUT_FILENO))
		fail("--export %s writes binary: redirect it to a file or a "
		     "pipe",
		     fmt);
	if (load_policy(o->args[0], NULL, false, o->verbosity, &pol, NULL))
		return 1;
	fflush(stdout);
	err = cage_policy_export(pol, o->format, STDOUT_FILENO, &d);
	print_diags(&d, o->verbosity);
	if (err == -EINVAL && d.errors == 0)
		fprintf(stderr,
			"syscage: --export: unknown format '%s' (oci, "
			"spo:NAME, bpf, bpf:N, pfc, systemd)\n",
			fmt);
	else if (err && d.errors == 0)
		fprintf(stderr, "syscage: --export %s: %s\n", fmt,
			strerror(-err));
	cage_diags_free(&d);
	cage_policy_free(pol);
	return err ? 1 : 0;
}

/* --import FILE: a Docker/OCI seccomp profile as policy text; - is stdin. */
static int
run_import(const struct options *o)
{
	struct cage_diags d = {0};
	const char *file;
	char name[256];
	int err;

	if (o->nargs != 1)
		fail("%s", "--import needs one FILE");
	file = strcmp(o->args[0], "-") ? o->args[0] : "/dev/stdin";
	err = cage_import_oci_file(file, stdout, &d);
	print_diags(&d, o->verbosity);
	if (err && d.errors == 0)
		fprintf(stderr, "syscage: %s: %s\n",
			shown(o->args[0], name, sizeof(name)), strerror(-err));
	cage_diags_free(&d);
	return err || fflush(stdout) ? 1 : 0;
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

/* A word of the command line, which may come from anywhere, escaped. */
static const char *
shown(const char *arg, char *buf, size_t size)
{
	size_t n;

	if (!cage_text_escape(buf, size - 3, arg, strlen(arg), 0)) {
		n = strlen(buf);
		snprintf(buf + n, size - n, "...");
	}
	return buf;
}

static void
report_launch_error(const struct options *o, const struct cage_launch_error *e)
{
	char cmd[256];

	if (!strcmp(e->step, "execve"))
		fprintf(stderr, "syscage: %s: %s\n",
			shown(o->args[0], cmd, sizeof(cmd)),
			e->errnum == ENOENT ? "command not found"
					    : strerror(e->errnum));
	else if (e->errnum == EBUSY && o->supervise != CAGE_SUPERVISE_ENFORCE)
		fprintf(stderr,
			"syscage: %s: %s (already supervised, e.g. "
			"inside another syscage: --audit and --learn "
			"need their own listener)\n",
			e->step, strerror(e->errnum));
	else if (e->errnum == E2BIG && !strncmp(e->step, "seccomp", 7))
		fprintf(stderr,
			"syscage: %s: the policy needs more BPF instructions "
			"than the kernel loads (4096); syscage --check says "
			"which filter\n",
			e->step);
	else
		fprintf(stderr, "syscage: %s: %s\n", e->step,
			strerror(e->errnum));
}

/*
 * --report FILE and --learn FILE: made before the command runs, in the
 * directory as it was then, unnamed until renamed over FILE at the end
 * (outfile.h), so that a target that can write the directory can neither
 * redirect, truncate nor forge them.  NULL, said, if FILE cannot be made.
 */
static FILE *
open_out(struct cage_outfile *of, const char *opt, const char *path,
	 mode_t mode)
{
	int err = cage_outfile_open(of, path, mode);
	FILE *f = NULL;
	char name[256];

	if (!err && !(f = fdopen(of->fd, "w"))) {
		err = -errno;
		close(of->fd);
		cage_outfile_close(of);
	}
	if (f)
		return f;
	shown(path, name, sizeof(name));
	if (err == -ELOOP)
		fprintf(stderr,
			"syscage: %s %s: a symbolic link (name the file it "
			"points to)\n",
			opt, name);
	else if (err == -EINVAL)
		fprintf(stderr,
			"syscage: %s %s: not a regular file or a FIFO (for a "
			"pipe, /dev/fd/N)\n",
			opt, name);
	else
		fprintf(stderr, "syscage: %s %s: %s\n", opt, name,
			strerror(-err));
	return NULL;
}

enum commit { COMMIT_NONE, COMMIT_WHOLE, COMMIT_ALWAYS };

/* F written: FILE takes its name (with WHEN); false, said, if it failed. */
static bool
close_out(struct cage_outfile *of, FILE *f, const char *opt, const char *path,
	  enum commit when)
{
	bool lost = fflush(f) != 0 || ferror(f);
	int err = 0;
	char name[256];

	if (when == COMMIT_ALWAYS || (when == COMMIT_WHOLE && !lost))
		err = cage_outfile_commit(of);
	if (fclose(f))
		lost = true;
	shown(path, name, sizeof(name));
	/* A file cut short (a full disk) must not pass for whole. */
	if (lost && when != COMMIT_NONE)
		fprintf(stderr, "syscage: %s %s: write error%s\n", opt, name,
			when == COMMIT_ALWAYS ? ": it is incomplete" : "");
	if (err)
		fprintf(stderr, "syscage: %s %s: %s%s%s\n", opt, name,
			strerror(-err),
			of->tmpname[0] ? "; it is kept as " : "", of->tmpname);
	cage_outfile_close(of);
	return !lost && !err;
}

static void
write_learned(const struct options *o, const struct cage_learned *l,
	      struct cage_outfile *of, FILE *f)
{
	char cmd[1024] = "", name[256];
	int err;

	for (int i = 0; i < o->nargs; i++)
		snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), "%s%s",
			 i ? " " : "", o->args[i]);
	err = cage_learned_write(l, cmd, f);
	if (err) {
		fprintf(stderr, "syscage: --learn %s: %s\n",
			shown(o->learn_file, name, sizeof(name)),
			strerror(err < 0 ? -err : errno));
		close_out(of, f, "--learn", o->learn_file, COMMIT_NONE);
		return;
	}
	if (!close_out(of, f, "--learn", o->learn_file, COMMIT_WHOLE))
		return;
	if (o->verbosity >= 0)
		fprintf(stderr, "syscage: wrote %s\n",
			shown(o->learn_file, name, sizeof(name)));
	if (cage_learned_lost(l))
		fprintf(stderr,
			"syscage: --learn: %llu calls went unrecorded (the "
			"trace buffer was full): the policy may lack some; "
			"run it again\n",
			(unsigned long long)cage_learned_lost(l));
}

/* --learn: how it recorded (-v), and what it left out and why. */
static void
report_learned(const struct options *o, const struct cage_learned *l)
{
	const char *method = cage_learned_method(l);
	char *list = NULL;
	size_t len = 0;
	FILE *m;
	int n;

	if (o->verbosity > 0 && method)
		fprintf(stderr, "syscage: --learn: recorded by %s\n", method);
	m = open_memstream(&list, &len);
	if (!m)
		return;
	n = cage_learned_left_out(l, m);
	if (fclose(m))
		n = -EIO;
	if (n > 0)
		fprintf(stderr,
			"syscage: --learn: left out %d rule%s that syscage "
			"--check warns about (commented out in the policy; "
			"to allow one the program needs, remove the '#' "
			"before it):\n%s",
			n, n == 1 ? "" : "s", list);
	else if (n < 0)
		fprintf(stderr, "syscage: --learn: %s\n", strerror(-n));
	free(list);
}

static int
launch(struct options *o, struct cage_launch_opts *lo)
{
	struct cage_outfile rof = CAGE_OUTFILE_INIT, lof = CAGE_OUTFILE_INIT;
	struct cage_launch_error err;
	struct cli_events ce;
	FILE *json = NULL, *learned = NULL;
	int status = CAGE_EXIT_SETUP, r;
	char cmd[256];

	if (o->report_file &&
	    !(json = open_out(&rof, "--report", o->report_file, 0644)))
		return CAGE_EXIT_SETUP;
	/* As a truncated file did: a run that dies leaves no older report. */
	if (json && (r = cage_outfile_clear(&rof)) < 0) {
		fprintf(stderr, "syscage: --report %s: %s\n", o->report_file,
			strerror(-r));
		close_out(&rof, json, "--report", o->report_file, COMMIT_NONE);
		return CAGE_EXIT_SETUP;
	}
	if (o->learn_file &&
	    !(learned = open_out(&lof, "--learn", o->learn_file, 0666))) {
		if (json)
			close_out(&rof, json, "--report", o->report_file,
				  COMMIT_NONE);
		return CAGE_EXIT_SETUP;
	}
	cli_events_init(&ce, o->verbosity, json);
	lo->on_event = cli_events_handle;
	lo->event_ctx = &ce;
	lo->supervise = o->supervise;
	lo->timeout = o->timeout;
	lo->keep_orphans = o->keep_orphans;
	if (o->learn_file && !(lo->learned = cage_learned_new()))
		fail("%s", strerror(ENOMEM));
	r = cage_launch(lo, &status, &err);
	/* The target may have left the terminal's foreground to its own
	 * process group, with TOSTOP: our messages and report must not stop
	 * us (SIGTTOU).  Nothing is exec'd from here on. */
	(void)signal(SIGTTOU, SIG_IGN);
	if (r < 0)
		fprintf(stderr, "syscage: %s\n", strerror(-r));
	else if (err.step[0])
		report_launch_error(o, &err);
	else if (status == CAGE_EXIT_POLICY_KILL && o->verbosity >= 0 &&
		 !ce.denied)
		fprintf(stderr,
			"syscage: %s was killed by the policy "
			"(SIGSYS: a denied system call)\n",
			shown(o->args[0], cmd, sizeof(cmd)));
	else if (status == CAGE_EXIT_TIMEOUT && o->verbosity >= 0)
		fprintf(stderr, "syscage: timed out after %u seconds\n",
			o->timeout);
	if (learned && lo->learned && !err.step[0] && r == 0)
		write_learned(o, lo->learned, &lof, learned);
	else if (learned)
		close_out(&lof, learned, "--learn", o->learn_file, COMMIT_NONE);
	if (lo->learned && !err.step[0] && r == 0)
		report_learned(o, lo->learned);
	cli_events_finish(&ce, status);
	if (json)
		close_out(&rof, json, "--report", o->report_file,
			  COMMIT_ALWAYS);
	cage_learned_free(lo->learned);
	lo->learned = NULL;
	lo->on_event = NULL; /* ce is about to go */
	lo->event_ctx = NULL;
	return status;
}

/* --user: names resolved here, before fork; the child switches. */
static void
set_user(const char *spec, struct cage_launch_opts *lo)
{
	int err;

	if (geteuid() != 0)
		fail("--user %s: only root can switch users", spec);
	err = cage_user_resolve(spec, &lo->uid, &lo->gid);
	if (err == -ENOENT)
		fail("--user %s: no such user or group", spec);
	if (err)
		fail("--user %s: %s", spec,
		     err == -EINVAL ? "expected USER[:GROUP]" : strerror(-err));
	lo->set_user = true;
}

/* Landlock is checked before fork: a kernel that cannot hold a policy's
 * fs or port rules stops the launch (unless it says 'fs best-effort'). */
static void
check_landlock(const struct options *o, const struct cage_launch_opts *lo)
{
	const char *why;
	int abi, err = cage_landlock_check(lo, &abi, &why);

	if (err == -EOPNOTSUPP)
		fail("landlock: %s (a policy that says 'fs best-effort' runs "
		     "with what the kernel has)",
		     why);
	if (err)
		fail("landlock: %s", why ? why : strerror(-err));
	if (o->verbosity > 0 && abi)
		fprintf(stderr, "syscage: landlock ABI %d\n", abi);
	if (o->verbosity > 0)
		fprintf(stderr, "syscage: %s\n", cage_landlock_tty_note(lo));
}

/*
 * What the fs paths' variables stand for (-v), and no write rule that
 * hands over the home directory or / unless --rw named it.
 */
static void
check_fs_vars(const struct options *o, const struct cage_launch_opts *lo)
{
	const struct cage_vars *v = lo->vars;
	char msg[2 * PATH_MAX], tty[3][CAGE_TTY_PATH_MAX];
	const char *name[] = {"$CWD", "$HOME", "$TMPDIR", "$EXE"};
	const char *val[] = {v->cwd, v->home, v->tmpdir, v->exe};
	size_t ntty;
	int err;

	if (!v->cwd[0] && !v->tmpdir[0])
		return; /* no policy has fs rules */
	for (size_t i = 0; i < 4 && o->verbosity > 0; i++) {
		cage_text_escape(msg, sizeof(msg), val[i], strlen(val[i]), 0);
		fprintf(stderr, "syscage: %s is %s\n", name[i],
			msg[0] ? msg : "(none: rules under it are skipped)");
	}
	if (o->verbosity > 0) {
		ntty = cage_tty_paths(tty);
		fprintf(stderr, "syscage: $TTY is%s", ntty ? "" : " (none)");
		for (size_t i = 0; i < ntty; i++)
			fprintf(stderr, " %s", tty[i]);
		fputc('\n', stderr);
	}
	err = cage_fs_check_home(lo, o->rw_named, o->nrw_named, msg,
				 sizeof(msg));
	if (err == -EPERM)
		fail("%s", msg);
	if (err)
		fail("fs paths: %s", strerror(-err));
}

/* $EXE in ~ or /usr/bin: the command's file, not the directory. */
static void
narrow_exe(const struct options *o, const struct cage_launch_opts *lo,
	   struct cage_vars *v)
{
	char msg[3 * PATH_MAX];
	int err = cage_fs_narrow_exe(lo, v, o->args[0], msg, sizeof(msg));

	if (err < 0)
		fail("$EXE: %s", strerror(-err));
	if (err > 0 && o->verbosity > 0) {
		char esc[4 * sizeof(msg)];

		cage_text_escape(esc, sizeof(esc), msg, strlen(msg), 0);
		fprintf(stderr, "syscage: %s\n", esc);
	}
}

/*
 * The kernel filters serve a launch that cannot have a listener because
 * one exists up the chain: only possible if we run under a filter.
 * Without one (Seccomp: 0), a policy of one's own need not be compiled
 * by libseccomp at all; unsure, it is.
 */
static bool
may_be_nested(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	int mode = -1;

	while (f && mode < 0 && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp:", 8))
			mode = (int)strtol(line + 8, NULL, 10);
	if (f)
		(void)fclose(f);
	return mode != 0;
}

static int
run(struct options *o)
{
	static struct cage_vars vars;
	struct cage_filter *filters[MAX_POLICIES] = {0};
	struct cage_policy *pols[MAX_POLICIES] = {0};
	struct cage_launch_opts lo = {0};
	int status = CAGE_EXIT_SETUP;
	bool kernel;

	if (o->nargs == 0) {
		usage(stderr);
		return CAGE_EXIT_SETUP;
	}
	/* --learn without -p enforces no system-call rule but the options'
	 * (NULL: a policy that allows the rest); with -p, the policies. */
	if (o->npolicies == 0)
		o->policies[o->npolicies++] =
			o->supervise == CAGE_SUPERVISE_LEARN ? NULL : "default";
	/* --learn stacks the policies' kernel filters under its own. */
	kernel = o->supervise == CAGE_SUPERVISE_OFF ||
		 o->supervise == CAGE_SUPERVISE_LEARN || may_be_nested();
	for (size_t i = 0; i < o->npolicies; i++) {
		if (load_policy(o->policies[i], o, false, o->verbosity,
				&pols[i], kernel ? &filters[i] : NULL))
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
	if (o->user)
		set_user(o->user, &lo);
	/* $HOME, $CWD, $EXE...: for fs paths only (realpath, getcwd). */
	for (size_t i = 0; i < o->npolicies; i++)
		if (pols[i]->iso.nfs) {
			cage_vars_init(&vars, o->args[0], NULL);
			break;
		}
	lo.vars = &vars;
	narrow_exe(o, &lo, &vars);
	check_fs_vars(o, &lo);
	check_landlock(o, &lo);
	status = launch(o, &lo);
out:
	for (size_t i = 0; i < o->npolicies; i++) {
		cage_filter_free(filters[i]);
		cage_policy_free(pols[i]);
	}
	return status;
}

/* What the options kept for the run: the policy lines the command line
 * made and the --rw paths. */
static void
free_options(struct options *o)
{
	free(o->extra);
	for (size_t i = 0; i < o->nrw_named; i++)
		free((char *)o->rw_named[i]);
}

int
main(int argc, char **argv)
{
	struct options o = {.supervise = CAGE_SUPERVISE_ENFORCE};
	int status;

	refuse_privileged_exec();
	ensure_std_fds();
	parse_args(argc, argv, &o);
	switch (o.mode) {
	case MODE_CHECK:
		status = run_check(&o);
		break;
	case MODE_EXPLAIN:
		status = run_explain(&o);
		break;
	case MODE_LIST:
		status = run_list(&o);
		break;
	case MODE_EXPORT:
		status = run_export(&o);
		break;
	case MODE_IMPORT:
		status = run_import(&o);
		break;
	case MODE_RUN:
	default:
		status = run(&o);
		break;
	}
	free_options(&o);
	return status;
}
