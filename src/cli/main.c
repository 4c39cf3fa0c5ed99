// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1): the command line.  Options become one struct (options.c);
 * the work is done by libsyscage, through include/syscage.h only.
 */
#include "cli_events.h"
#include "cli_limits.h"
#include "options.h"
#include "syscage.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

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
	    int verbosity, struct cage_policy **pol)
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
			cli_fail("%s", strerror(ENOMEM));
		err = cage_policy_load_buffer(name, NULL, text, strlen(text),
					      &d, pol);
		free(text);
	} else if (extra && extra->extra) {
		q = cli_quote("-p", name);
		if (asprintf(&text, "include %s\n%s%s", q,
			     extra->extra_fs ? "include fs-system\n" : "",
			     extra->extra) < 0 ||
		    asprintf(&what, "%s + command line", name) < 0)
			cli_fail("%s", strerror(ENOMEM));
		free(q);
		err = cage_policy_load_buffer(what, NULL, text, strlen(text),
					      &d, pol);
		free(text);
		free(what);
	} else {
		err = cage_policy_load(name, &d, pol);
	}
	/* --check compiles afresh, to find what the kernel would refuse;
	 * a launch compiles in cage_plan_new. */
	if (!err && lint)
		err = cage_policy_check(*pol, &d);
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
		cli_fail("%s", "--check needs at least one POLICY");
	for (int i = 0; i < o->nargs; i++) {
		struct cage_policy *pol = NULL;

		if (load_policy(o->args[i], NULL, true, o->verbosity, &pol))
			status = 1;
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
		cli_fail("%s", "--explain needs one POLICY");
	if (load_policy(o->args[0], NULL, false, o->verbosity, &pol))
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
		cli_fail("%s", "--list takes at most one @GROUP");
	if (o->nargs == 1) {
		err = cage_groups_list(o->args[0], stdout);
		if (err == -ENOENT)
			cli_fail("--list: unknown group '%s'",
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
		cli_fail("%s", "--export needs a FORMAT and one POLICY");
	shown(o->format, fmt, sizeof(fmt));
	if (!strncmp(o->format, "bpf", 3) && isatty(STDOUT_FILENO))
		cli_fail(
			"--export %s writes binary: redirect it to a file or a "
			"pipe",
			fmt);
	if (load_policy(o->args[0], NULL, false, o->verbosity, &pol))
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
		cli_fail("%s", "--import needs one FILE");
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
		cli_fail("%s", "refusing to run setuid, setgid or with file "
			       "capabilities: install syscage without them");
}

/* A closed 0, 1 or 2 would be taken by the next fd we open. */
static void
ensure_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 &&
		    open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
			cli_fail("%s", "cannot open /dev/null for a closed "
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
		fprintf(stderr, "syscage: %s: %s%s%s%s\n", e->step,
			strerror(e->errnum), e->detail[0] ? " (" : "",
			e->detail, e->detail[0] ? ")" : "");
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
launch(struct options *o, struct cage_plan *p, struct cli_events *ce,
       struct cage_learned *l)
{
	struct cage_outfile rof = CAGE_OUTFILE_INIT, lof = CAGE_OUTFILE_INIT;
	struct cage_launch_error err;
	FILE *json = NULL, *learned = NULL;
	const char *const *names;
	const struct cage_limit_set *limits;
	size_t ndropped, nlimits;
	int status = CAGE_EXIT_SETUP, r, sig;
	uint64_t cpu_us;
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
	/* The plan's event handler gets CE: ready before the launch. */
	cli_events_init(ce, o->verbosity, json);
	names = cage_plan_env_dropped(p, &ndropped);
	cli_events_env_dropped(ce, names, ndropped);
	limits = cage_plan_limits(p, &nlimits);
	cli_limits_list(ce, limits, nlimits);
	r = cage_launch(p, &status, &err);
	cage_plan_ended(p, &sig, &cpu_us);
	/* The target may have left the terminal's foreground to its own
	 * process group, with TOSTOP: our messages and report must not stop
	 * us (SIGTTOU).  Nothing is exec'd from here on. */
	(void)signal(SIGTTOU, SIG_IGN);
	if (r < 0)
		fprintf(stderr, "syscage: %s\n", strerror(-r));
	else if (err.step[0])
		report_launch_error(o, &err);
	else if (status == CAGE_EXIT_POLICY_KILL && o->verbosity >= 0 &&
		 !ce->denied)
		fprintf(stderr,
			"syscage: %s was killed by the policy "
			"(SIGSYS: a denied system call)\n",
			shown(o->args[0], cmd, sizeof(cmd)));
	else if (status == CAGE_EXIT_TIMEOUT && o->verbosity >= 0)
		fprintf(stderr, "syscage: timed out after %u seconds\n",
			o->timeout);
	else if (sig)
		cli_limits_end(ce, shown(o->args[0], cmd, sizeof(cmd)), sig,
			       cpu_us);
	if (learned && l && !err.step[0] && r == 0)
		write_learned(o, l, &lof, learned);
	else if (learned)
		close_out(&lof, learned, "--learn", o->learn_file, COMMIT_NONE);
	if (l && !err.step[0] && r == 0)
		report_learned(o, l);
	cli_events_finish(ce, status);
	if (json)
		close_out(&rof, json, "--report", o->report_file,
			  COMMIT_ALWAYS);
	return status;
}

/* --user: names resolved here, before fork; the child switches. */
static void
set_user(const char *spec, struct cage_launch_opts *lo)
{
	int err;

	if (geteuid() != 0)
		cli_fail("--user %s: only root can switch users", spec);
	err = cage_user_resolve(spec, &lo->uid, &lo->gid);
	if (err == -ENOENT)
		cli_fail("--user %s: no such user or group", spec);
	if (err)
		cli_fail("--user %s: %s", spec,
			 err == -EINVAL ? "expected USER[:GROUP]"
					: strerror(-err));
	lo->set_user = true;
}

/*
 * The plan's diagnostics: the policies' (compiling them) with their
 * place, and the launch's own (no file) as our messages: its refusals
 * (a home handed over, Landlock the kernel lacks) and -v's notes.
 */
static int
plan(const struct options *o, const struct cage_launch_opts *lo,
     struct cage_plan **plan)
{
	struct cage_diags d = {0};
	int err = cage_plan_new(lo, &d, plan);

	for (size_t i = 0; i < d.n; i++) {
		const struct cage_diag *g = &d.v[i];

		if (g->file)
			print_diags(&(struct cage_diags){.v = d.v + i, .n = 1},
				    o->verbosity);
		else if (o->verbosity >= 0 ||
			 g->severity == CAGE_SEVERITY_ERROR)
			fprintf(stderr, "syscage: %s\n", g->message);
	}
	if (d.truncated)
		print_diags(&(struct cage_diags){.truncated = true,
						 .errors = d.errors},
			    o->verbosity);
	if (err && d.errors == 0)
		fprintf(stderr, "syscage: %s\n", strerror(-err));
	cage_diags_free(&d);
	return err;
}

#ifndef CAGE_FREE_AT_EXIT
#define CAGE_FREE_AT_EXIT 0
#endif

static int
run(struct options *o)
{
	struct cage_policy *pols[MAX_POLICIES] = {0};
	struct cage_launch_opts lo = {0};
	struct cage_learned *learned = NULL;
	struct cli_events ce;
	struct cage_plan *p = NULL;
	int status = CAGE_EXIT_SETUP;

	if (o->nargs == 0) {
		cli_usage(stderr);
		return CAGE_EXIT_SETUP;
	}
	/* --learn without -p enforces no system-call rule but the options'
	 * (NULL: a policy that allows the rest); with -p, the policies. */
	if (o->npolicies == 0)
		o->policies[o->npolicies++] =
			o->supervise == CAGE_SUPERVISE_LEARN ? NULL : "default";
	for (size_t i = 0; i < o->npolicies; i++)
		if (load_policy(o->policies[i], o, false, o->verbosity,
				&pols[i]))
			goto out;
	lo.argv = o->args;
	lo.policies = pols;
	lo.npolicies = o->npolicies;
	lo.caps_keep = o->caps_keep;
	lo.keep_fds = o->keep_fds;
	lo.nkeep_fds = o->nkeep_fds;
	lo.verbose = o->verbosity > 0;
	lo.rw_named = o->rw_named;
	lo.nrw_named = o->nrw_named;
	if (o->user)
		set_user(o->user, &lo);
	lo.supervise = o->supervise;
	/* A round trip per path-taking call: asked for, or in the modes
	 * whose point is to explain. */
	lo.fs_report = o->report_paths || o->report_file ||
		       o->supervise == CAGE_SUPERVISE_AUDIT;
	lo.timeout = o->timeout;
	/* What the target leaves behind is ours to kill and reap. */
	lo.reap = o->keep_orphans ? CAGE_REAP_ON_ERROR : CAGE_REAP_ALWAYS;
	lo.on_event = cli_events_handle;
	lo.event_ctx = &ce; /* set up by launch(), before the launch */
	if (o->learn_file && !(lo.learned = learned = cage_learned_new()))
		cli_fail("%s", strerror(ENOMEM));
	if (plan(o, &lo, &p) == 0)
		status = launch(o, p, &ce, learned);
out:
	/* The process ends next, and its memory with it: freeing the plan
	 * and the policies block by block first cost a launch about 0.1 ms
	 * (bench (a)).  The builds that look for leaks (sanitizers, the
	 * valgrind suite's syscage-vg) free them, so that what the run
	 * loses stays visible there. */
	if (CAGE_FREE_AT_EXIT) {
		cage_plan_free(p);
		cage_learned_free(learned);
		for (size_t i = 0; i < o->npolicies; i++)
			cage_policy_free(pols[i]);
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct options o = {.supervise = CAGE_SUPERVISE_ENFORCE};
	int status;

	refuse_privileged_exec();
	ensure_std_fds();
	cli_options_parse(argc, argv, &o);
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
	cli_options_free(&o);
	return status;
}
