// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1)'s options: getopt, and the options that are policy
 * statements (--ro --net --env --rlimit...) written as such, quoted so
 * that an argument can never become a statement of its own.  Parsing
 * stops at the first non-option, so a command's own arguments are never
 * read as ours.
 */
#include "options.h"
#include "syscage.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <unistd.h>

void
cli_usage(FILE *out)
{
	fputs("usage: syscage [OPTION]... [--] COMMAND [ARG]...\n"
	      "       syscage --check POLICY... | --explain POLICY | --list "
	      "[@GROUP]\n"
	      "       syscage --export oci|spo:NAME|bpf[:N]|pfc|systemd POLICY "
	      "| --import FILE\n"
	      "  -p, --policy NAME|PATH   policy to enforce (default "
	      "'default'); repeatable,\n"
	      "                           each stacked on the others\n"
	      "      --audit              enforce nothing (fs, view, env, "
	      "limits "
	      "included)\n"
	      "      --learn FILE         write a policy of what ran (with -p: "
	      "what it let run)\n"
	      "      --report FILE        denials as JSON Lines; "
	      "--report-paths: "
	      "paths too\n"
	      "      --ro|--rw|--rx PATH  Landlock access ($HOME $CWD "
	      "$CHECKOUT "
	      "$TMPDIR $EXE)\n"
	      "      --net none|unix|inet|loopback   sockets COMMAND may "
	      "create\n"
	      "      --private tmp|home|pid|ipc|dev|all|gitconfig|best-effort\n"
	      "      --env-clear, --env-keep VAR|PFX*, --env NAME=VALUE  "
	      "the environment\n"
	      "      --rlimit NAME=VALUE  e.g. nofile=1024 as=4G cpu=60; "
	      "--timeout SECONDS\n"
	      "      --user USER[:GROUP]  run as USER (root only); --cap-keep "
	      "CAP[,CAP]\n"
	      "      --keep-fd N          keep fd N open; --keep-orphans leave "
	      "descendants\n"
	      "  -q, --quiet / -v, --verbose   fewer / more messages; -h "
	      "--help, "
	      "-V --version\n"
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
	      "text\n",
	      out);
	/* The names from the embedded list: never one the binary lacks,
	 * none it has left out; wrapped at 79 columns. */
	size_t col = (size_t)fprintf(out, "Built-in policies:");

	for (const char *const *n = cage_builtin_names(); *n; n++) {
		if (col + 1 + strlen(*n) > 79)
			col = (size_t)fprintf(out, "\n ");
		col += (size_t)fprintf(out, " %s", *n);
	}
	fputs(" (--explain NAME)\n"
	      "Exit: COMMAND's status; 128+N signal N; 159 killed by the "
	      "policy; "
	      "124\ntimeout; 125 syscage failed; 126 cannot execute; 127 not "
	      "found. syscage(1)\n",
	      out);
}

/* The message quotes the command line or a policy's paths: escaped. */
void
cli_fail(const char *fmt, ...)
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
		cli_fail("%s", strerror(ENOMEM));
	for (char *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		cap_value_t cap;

		if (cap_from_name(tok, &cap) < 0 || cap < 0 || cap >= 64)
			cli_fail("--cap-keep: unknown capability '%s'", tok);
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
		cli_fail("--keep-fd: not a file descriptor above 2: '%s'", arg);
	if (o->nkeep_fds == MAX_KEEP_FDS)
		cli_fail("--keep-fd: too many (at most %d)", MAX_KEEP_FDS);
	if (fcntl((int)fd, F_GETFD) < 0)
		cli_fail("--keep-fd: %s is not open", arg);
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
		cli_fail("%s", strerror(ENOMEM));
	o->extra = v;
	memcpy(o->extra + o->extra_len, line, (size_t)n);
	o->extra_len += (size_t)n;
	o->extra[o->extra_len++] = '\n';
	o->extra[o->extra_len] = '\0';
	free(line);
}

/* S as a policy string, "..." with " and \ escaped: an argument can
 * never become a statement of its own. */
char *
cli_quote(const char *opt, const char *s)
{
	char *q = malloc(2 * strlen(s) + 3), *p = q;

	if (!q)
		cli_fail("%s", strerror(ENOMEM));
	if (strchr(s, '\n') || strchr(s, '\r'))
		cli_fail("%s: a line break in '%s'", opt, s);
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

/* --env-keep NAME, or a prefix and a trailing '*' (as 'env keep'). */
static void
check_keep(const char *arg)
{
	size_t len = strlen(arg);

	if (!strcmp(arg, "*"))
		cli_fail("--env-keep '*' would keep every variable, tokens "
			 "included: name them, or a prefix ('NODE_*'); a "
			 "policy without 'env clear' passes them all");
	if (len && arg[len - 1] == '*')
		len--;
	if (!is_name(arg, len))
		cli_fail("--env-keep: expected a variable's name, or a prefix "
			 "and a trailing '*' ('NODE_*'), not '%s'",
			 arg);
}

/* --ro/--rw/--rx: a relative PATH is under the current directory. */
static void
add_fs(struct options *o, const char *mode, const char *path)
{
	char opt[8], *full, *q;

	snprintf(opt, sizeof(opt), "--%s", mode);
	if (asprintf(&full, "%s%s",
		     path[0] == '/' || path[0] == '$' ? "" : "$CWD/", path) < 0)
		cli_fail("%s", strerror(ENOMEM));
	q = cli_quote(opt, full);
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
		cli_fail("%s: expected NAME=VALUE, not '%s'", opt, arg);
	q = cli_quote(opt, eq + 1);
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
	OPT_PRIVATE,
	OPT_REPORT_PATHS,
};

/* The options that only switch something on. */
static void
set_flag(struct options *o, int c)
{
	if (c == OPT_KEEP_ORPHANS)
		o->keep_orphans = true;
	else
		o->report_paths = true;
}

/* --private WHAT[,WHAT...]: a 'private' statement. */
static void
add_private(struct options *o, const char *arg)
{
	static const char *const words[] = {"tmp",	 "home",       "pid",
					    "ipc",	 "dev",	       "all",
					    "gitconfig", "best-effort"};
	char *copy = strdup(arg), *save = NULL;
	size_t n = 0;

	if (!copy)
		cli_fail("%s", strerror(ENOMEM));
	for (char *w = strtok_r(copy, ",", &save); w;
	     w = strtok_r(NULL, ",", &save), n++) {
		size_t i = 0;

		while (i < sizeof(words) / sizeof(*words) &&
		       strcmp(w, words[i]))
			i++;
		if (i == sizeof(words) / sizeof(*words))
			cli_fail("--private: expected tmp, home, pid, ipc, "
				 "dev, all, gitconfig or best-effort, not '%s'",
				 w);
		add_stmt(o, "private %s", w);
	}
	if (!n)
		cli_fail("--private: expected tmp, home, pid, ipc, dev, all, "
			 "gitconfig or best-effort");
	free(copy);
}

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
		    strcmp(arg, "inet") && strcmp(arg, "loopback"))
			cli_fail("--net: expected none, unix, inet or "
				 "loopback, not '%s'",
				 arg);
		add_stmt(o, "net %s", arg);
		break;
	case OPT_PRIVATE:
		add_private(o, arg);
		break;
	case OPT_ENV_CLEAR:
		add_stmt(o, "env clear");
		break;
	case OPT_ENV_KEEP:
		check_keep(arg);
		q = cli_quote("--env-keep", arg);
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
		cli_fail("--timeout: not a number of seconds: '%s'", arg);
	return (unsigned)v;
}

/* Option C of the command line, with ARG. */
static void
one_option(struct options *o, int c, const char *arg)
{
	switch (c) {
	case 'p':
		if (o->npolicies == MAX_POLICIES)
			cli_fail("too many policies (at most %d)",
				 MAX_POLICIES);
		o->policies[o->npolicies++] = arg;
		break;
	case 'q':
		o->verbosity = -1;
		break;
	case 'v':
		o->verbosity = 1;
		break;
	case 'h':
		cli_usage(stdout);
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
		parse_caps(o, arg);
		break;
	case OPT_KEEP_FD:
		parse_fd(o, arg);
		break;
	case OPT_AUDIT:
		o->supervise = CAGE_SUPERVISE_AUDIT;
		break;
	case OPT_LEARN:
		o->supervise = CAGE_SUPERVISE_LEARN;
		o->learn_file = arg;
		break;
	case OPT_REPORT:
		o->report_file = arg;
		break;
	case OPT_TIMEOUT:
		o->timeout = parse_seconds(arg);
		break;
	case OPT_KEEP_ORPHANS:
	case OPT_REPORT_PATHS:
		set_flag(o, c);
		break;
	case OPT_EXPORT:
		o->mode = MODE_EXPORT;
		o->format = arg;
		break;
	case OPT_IMPORT:
		o->mode = MODE_IMPORT;
		break;
	case OPT_RO:
	case OPT_RW:
	case OPT_RX:
	case OPT_NET:
	case OPT_PRIVATE:
	case OPT_ENV_CLEAR:
	case OPT_ENV_KEEP:
	case OPT_ENV:
	case OPT_RLIMIT:
		add_isolation(o, c, arg);
		break;
	case OPT_USER:
		o->user = arg;
		break;
	default:
		fputs("Try 'syscage --help'.\n", stderr);
		exit(CAGE_EXIT_SETUP);
	}
}

void
cli_options_parse(int argc, char **argv, struct options *o)
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
		{"report-paths", no_argument, NULL, OPT_REPORT_PATHS},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"keep-orphans", no_argument, NULL, OPT_KEEP_ORPHANS},
		{"export", required_argument, NULL, OPT_EXPORT},
		{"import", no_argument, NULL, OPT_IMPORT},
		{"ro", required_argument, NULL, OPT_RO},
		{"rw", required_argument, NULL, OPT_RW},
		{"rx", required_argument, NULL, OPT_RX},
		{"net", required_argument, NULL, OPT_NET},
		{"private", required_argument, NULL, OPT_PRIVATE},
		{"env-clear", no_argument, NULL, OPT_ENV_CLEAR},
		{"env-keep", required_argument, NULL, OPT_ENV_KEEP},
		{"env", required_argument, NULL, OPT_ENV},
		{"rlimit", required_argument, NULL, OPT_RLIMIT},
		{"user", required_argument, NULL, OPT_USER},
		{0},
	};
	int c;

	/* '+': stop at the first non-option (bubblewrap CVE-2024-32462). */
	while ((c = getopt_long(argc, argv, "+p:qvhV", longopts, NULL)) != -1)
		one_option(o, c, optarg);
	o->args = argv + optind;
	o->nargs = argc - optind;
}

/* What the options kept for the run: the policy lines the command line
 * made and the --rw paths. */
void
cli_options_free(struct options *o)
{
	free(o->extra);
	for (size_t i = 0; i < o->nrw_named; i++)
		free((char *)o->rw_named[i]);
}
