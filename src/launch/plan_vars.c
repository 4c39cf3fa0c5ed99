// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The plan's variables ($CWD, $HOME, $CHECKOUT, $EXE...) and the check of
 * the fs rules they make against the homes and the system's trees: in
 * cage_plan_new, or (defer_fs_check) in cage_plan_check while the child
 * makes the namespaces.
 */
#include "launch/plan_vars.h"
#include "launch/command.h"
#include "launch/fs_home.h"
#include "launch/guarded.h"
#include "launch/landlock_tty.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The launch's own diagnostics have no file: syscage(1) prints them as
 * its own messages. */
int
cage_plan_say(struct cage_diags *d, enum cage_severity sev, const char *fmt,
	      ...)
{
	char msg[3 * PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cage_diag_add(d, sev, NULL, "%s", msg);
}

/* -v: what the fs paths' variables stand for, and $TTY. */
static int
note_vars(const struct cage_vars *v, struct cage_diags *d)
{
	const char *name[] = {"$CWD",  "$CHECKOUT", "$GITDIR",
			      "$HOME", "$TMPDIR",   "$EXE"};
	const char *val[] = {v->cwd,  v->checkout, v->gitdir,
			     v->home, v->tmpdir,   v->exe};
	char tty[3][CAGE_TTY_PATH_MAX], line[4 * CAGE_TTY_PATH_MAX + 16];
	size_t ntty = cage_tty_paths(tty);
	int err = 0;

	for (size_t i = 0; i < 6 && !err; i++)
		err = cage_plan_say(
			d, CAGE_SEVERITY_NOTE, "%s is %s", name[i],
			val[i][0] ? val[i]
				  : "(none: rules under it are skipped)");
	snprintf(line, sizeof(line), "$TTY is%s", ntty ? "" : " (none)");
	for (size_t i = 0; i < ntty; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 " %s", tty[i]);
	return err ? err : cage_plan_say(d, CAGE_SEVERITY_NOTE, "%s", line);
}

/* plan_vars' checks, with the scope's one guard. */
static int
check_vars(struct cage_plan *p, const struct cage_fs_scope *s,
	   struct cage_diags *d)
{
	const struct cage_launch_opts *o = &p->opts;
	char msg[3 * PATH_MAX];
	int err;

	err = cage_fs_narrow_exe(s, &p->vars, o->argv[0], msg, sizeof(msg));
	if (err < 0) {
		cage_plan_say(d, CAGE_SEVERITY_ERROR, "$EXE: %s",
			      strerror(-err));
		return err;
	}
	if (err > 0 && o->verbose &&
	    (err = cage_plan_say(d, CAGE_SEVERITY_NOTE, "%s", msg)))
		return err;
	if (o->verbose && (err = note_vars(&p->vars, d)))
		return err;
	return 0;
}

/* The fs rules against the homes and the system's trees (fs_home.c). */
static int
check_home(struct cage_plan *p, const struct cage_fs_scope *s,
	   struct cage_diags *d)
{
	const struct cage_launch_opts *o = &p->opts;
	char msg[3 * PATH_MAX];
	int err = cage_fs_check_home(s, o->rw_named, o->nrw_named, msg,
				     sizeof(msg));

	if (err == -EPERM)
		cage_plan_say(d, CAGE_SEVERITY_ERROR, "%s", msg);
	else if (err)
		cage_plan_say(d, CAGE_SEVERITY_ERROR, "fs paths: %s",
			      strerror(-err));
	return err;
}

static struct cage_fs_scope
scope_of(struct cage_plan *p, struct cage_guarded *g)
{
	const struct cage_launch_opts *o = &p->opts;

	return (struct cage_fs_scope){o->policies, o->npolicies, &p->vars,
				      o->set_user, o->uid,	 g};
}

int
cage_plan_check(struct cage_plan *p, struct cage_diags *d)
{
	struct cage_fs_scope s;
	int err;

	if (!p->pending_guard)
		return 0;
	s = scope_of(p, p->pending_guard);
	err = check_home(p, &s, d);
	cage_guarded_free(p->pending_guard);
	free(p->pending_guard);
	p->pending_guard = NULL;
	p->check_err = err;
	return err;
}

/*
 * $HOME, $CWD, $EXE...: for fs paths only (realpath, getcwd).  $EXE in ~
 * or /usr/bin is the command's file, not the directory; and no write rule
 * hands over the home directory or / unless the user named it.  None of
 * it without fs rules: a launch under default pays nothing here.
 */
int
cage_plan_vars(struct cage_plan *p, struct cage_diags *d)
{
	const struct cage_launch_opts *o = &p->opts;
	struct cage_fs_scope s;
	struct cage_guarded *guard;
	int err;

	for (size_t i = 0; i < o->npolicies; i++)
		if (o->policies[i]->iso.nfs) {
			cage_vars_init(&p->vars, o->argv[0], NULL);
			break;
		}
	if (!p->vars.cwd[0] && !p->vars.tmpdir[0])
		return 0; /* no policy has fs rules */
	/* One guard for both checks: /etc/passwd's homes resolved once. */
	guard = malloc(sizeof(*guard));
	if (!guard)
		return -ENOMEM;
	cage_guarded_init(guard, p->vars.home[0] ? p->vars.home : NULL,
			  o->set_user, o->uid);
	s = scope_of(p, guard);
	err = check_vars(p, &s, d);
	/* Deferred: the caller checks while the child makes the view. */
	if (!err && o->defer_fs_check) {
		p->pending_guard = guard;
		return 0;
	}
	if (!err)
		err = check_home(p, &s, d);
	cage_guarded_free(guard);
	free(guard);
	return err;
}
