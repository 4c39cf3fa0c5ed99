// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * syscage(1): the command line.  Options become one struct (options.c);
 * the work is done by libsyscage, through include/syscage.h only.
 */
#include "cli_events.h"
#include "cli_limits.h"
#include "modes.h"
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

static void
report_launch_error(const struct options *o, const struct cage_launch_error *e)
{
	char cmd[256];

	if (!strcmp(e->step, "execve"))
		fprintf(stderr, "syscage: %s: %s\n",
			cli_shown(o->args[0], cmd, sizeof(cmd)),
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
	cli_shown(path, name, sizeof(name));
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
	cli_shown(path, name, sizeof(name));
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
			cli_shown(o->learn_file, name, sizeof(name)),
			strerror(err < 0 ? -err : errno));
		close_out(of, f, "--learn", o->learn_file, COMMIT_NONE);
		return;
	}
	if (!close_out(of, f, "--learn", o->learn_file, COMMIT_WHOLE))
		return;
	if (o->verbosity >= 0)
		fprintf(stderr, "syscage: wrote %s\n",
			cli_shown(o->learn_file, name, sizeof(name)));
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
			cli_shown(o->args[0], cmd, sizeof(cmd)));
	else if (status == CAGE_EXIT_TIMEOUT && o->verbosity >= 0)
		fprintf(stderr, "syscage: timed out after %u seconds\n",
			o->timeout);
	else if (sig)
		cli_limits_end(ce, cli_shown(o->args[0], cmd, sizeof(cmd)), sig,
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

	/* The child makes the namespaces and the view while the fs rules
	 * are checked here; it goes no further until launch() says go. */
	if (!err) {
		cage_launch_start(*plan);
		if ((err = cage_plan_check(*plan, &d)))
			cage_launch_abort(*plan);
	}
	for (size_t i = 0; i < d.n; i++) {
		const struct cage_diag *g = &d.v[i];

		if (g->file)
			cli_print_diags(
				&(struct cage_diags){.v = d.v + i, .n = 1},
				o->verbosity);
		else if (o->verbosity >= 0 ||
			 g->severity == CAGE_SEVERITY_ERROR)
			fprintf(stderr, "syscage: %s\n", g->message);
	}
	if (d.truncated)
		cli_print_diags(&(struct cage_diags){.truncated = true,
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
		if (cli_load_policy(o->policies[i], o, false, o->verbosity,
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
	lo.defer_fs_check = true;
	lo.exit_after = true;
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
		status = cli_run_check(&o);
		break;
	case MODE_EXPLAIN:
		status = cli_run_explain(&o);
		break;
	case MODE_LIST:
		status = cli_run_list(&o);
		break;
	case MODE_EXPORT:
		status = cli_run_export(&o);
		break;
	case MODE_IMPORT:
		status = cli_run_import(&o);
		break;
	case MODE_RUN:
	default:
		status = run(&o);
		break;
	}
	cli_options_free(&o);
	return status;
}
