// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A rule that would hand the target the user's home directory or the
 * whole machine.  Refused before fork, unless the user named that
 * directory on the command line (--rw ~):
 *
 * - any write rule, literal or not, at /, at a home or above one ('fs rw
 *   $CWD' started from ~, from /home or from /; $TMPDIR set to ~);
 * - a rule of the policy's variables ($CWD, $TMPDIR, $HOME; read and
 *   execute too) at a home, above one or at /; inside a hidden directory
 *   of a home (~/.ssh, ~/.config, ~/.local/bin: keys, start-up files,
 *   programs the shell runs); or inside a tree of the system (/etc, /usr,
 *   /proc, /dev, /var/lib...: 'fs rw $CWD' from /etc as root is
 *   /etc/shadow), unless a scratch directory (/tmp, /var/tmp, /dev/shm)
 *   or the user's own home lies in between.
 *
 * $EXE, the command's directory, is narrowed to the command's file where
 * its directory is any of these (~, /usr/bin, ~/.local/bin): a program in
 * ~ runs, ~ stays closed.  A path the policy spells out (/dev/shm, /opt,
 * $HOME/.gitconfig) is its author's choice, as --rw is the user's; only
 * a write to /, a home or above one is refused whoever names it.
 * Directories are compared by device and inode (symbolic links, bind
 * mounts of a whole tree); a bind mount of a directory inside one is
 * traced back through /proc/self/mountinfo.
 */
#include "policy/fs_path.h"
#include "launch/command.h"
#include "launch/guarded.h"
#include "launch/landlock.h"
#include "launch/fs_home.h"
#include "launch/mounts.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
explain_mount(const struct cage_fs_rule *r, const char *path, const char *point,
	      const struct cage_judgement *j, char *msg, size_t size)
{
	const char *where = r->loc.file ? r->loc.file->name : "policy";
	const char *mode = (r->access & CAGE_FS_WRITE)	? "rw"
			   : (r->access & CAGE_FS_EXEC) ? "rx"
							: "ro";
	char what[2 * PATH_MAX + 128];
	bool inside = j->src[0] && strcmp(j->src, j->dir);

	if (j->v == V_TERMINALS)
		snprintf(what, sizeof(what), "a mount of %s (%s)", j->dir,
			 strcmp(j->dir, "/dev")
				 ? "devpts: the user's other terminals"
				 : "devtmpfs: devices, consoles, terminals");
	else if (j->v == V_HIDDEN)
		snprintf(what, sizeof(what),
			 "a mount of %s%s%s, a hidden directory of a home "
			 "(keys, settings, programs the shell runs)",
			 inside ? j->src : "", inside ? ", inside " : "",
			 j->dir);
	else if (j->v == V_SYSTEM)
		snprintf(what, sizeof(what),
			 "a mount of %s%s%s%s, the system's (what is there "
			 "belongs to the machine)",
			 inside ? j->src : "", inside ? ", inside " : "",
			 j->dir[0] ? "" : "a tree of the system", j->dir);
	else if (!j->at->home || (j->at->kind & G_ROOT))
		snprintf(what, sizeof(what), "a mount of /, the whole machine");
	else if (j->at->kind & G_HOME)
		snprintf(what, sizeof(what),
			 "a mount of the home %s (keys, shell start-up files)",
			 j->at->home);
	else
		snprintf(what, sizeof(what),
			 "a mount of %s, which holds the home %s",
			 j->dir[0] ? j->dir : "a directory", j->at->home);
	snprintf(msg, size,
		 "%s:%u: 'fs %s %s' covers %s, the mount point %s, %s: unmount "
		 "it, or name it with --%s %s if you mean it",
		 where, r->loc.line, mode, r->path, path, point, what, mode,
		 point);
}

static bool named(const struct cage_fs_scope *o, const char *path,
		  unsigned access, const char *const *names, size_t nnames);

/* The mounts strictly below PATH (rule R): 0, or -EPERM with MSG. */
static int
check_below(const struct cage_fs_scope *o, struct cage_guarded *g,
	    struct cage_mounts *m, const struct cage_fs_rule *r,
	    const char *path, bool whole_var, const char *const *names,
	    size_t nnames, struct cage_judgement *j, char *msg, size_t size)
{
	char real[PATH_MAX];
	struct stat st;
	int err = cage_mounts_read(m);

	if (err)
		return err;
	if (cage_mounts_realpath(path, real, &st))
		return 0; /* nothing there: the rule is skipped */
	for (size_t i = 0; i < m->n; i++) {
		const struct cage_mount *mt = &m->v[i];

		if (!cage_mounts_below(mt->point, real) ||
		    cage_guarded_judge_mount(g, m, mt, real, j) == V_OK ||
		    (j->v != V_GUARDED && !whole_var) ||
		    named(o, mt->point, r->access, names, nnames))
			continue;
		explain_mount(r, real, mt->point, j, msg, size);
		return -EPERM;
	}
	return 0;
}

/* "CWD" for $CWD/x or ${CWD}/x, "" for a literal path. */
static const char *
var_name(const char *path, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (path[0] != '$')
		return buf;
	path += path[1] == '{' ? 2 : 1;
	while (n + 1 < size && path[n] && path[n] != '}' && path[n] != '/') {
		buf[n] = path[n];
		n++;
	}
	buf[n] = '\0';
	return buf;
}

/* A rule the command line made (--ro --rx --rw), not the policy. */
static bool
from_command_line(const struct cage_fs_rule *r)
{
	const char *name = r->loc.file ? r->loc.file->name : NULL;
	size_t n = name ? strlen(name) : 0;

	return name && r->loc.file->depth == 0 && n >= 12 &&
	       !strcmp(name + n - 12, "command line");
}

/* Did the user name PATH's directory on the command line, for at least
 * ACCESS? */
static bool
named(const struct cage_fs_scope *o, const char *path, unsigned access,
      const char *const *names, size_t nnames)
{
	struct stat a, b;
	char full[PATH_MAX];

	if (stat(path, &a) < 0)
		return false;
	for (size_t i = 0; i < nnames; i++)
		if (!cage_fs_path_expand(names[i], o->vars, full,
					 sizeof(full)) &&
		    stat(full, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return true;
	for (size_t i = 0; i < o->npolicies; i++) {
		const struct cage_isolation *iso = &o->policies[i]->iso;

		for (size_t k = 0; k < iso->nfs; k++) {
			const struct cage_fs_rule *r = &iso->fs[k];

			if (from_command_line(r) &&
			    (r->access & access) == access &&
			    !cage_fs_path_expand(r->path, o->vars, full,
						 sizeof(full)) &&
			    stat(full, &b) == 0 && a.st_dev == b.st_dev &&
			    a.st_ino == b.st_ino)
				return true;
		}
	}
	return false;
}

static void
explain(const struct cage_fs_rule *r, const char *path,
	const struct cage_judgement *j, char *msg, size_t size)
{
	const char *where = r->loc.file ? r->loc.file->name : "policy";
	const char *mode = (r->access & CAGE_FS_WRITE)	? "rw"
			   : (r->access & CAGE_FS_EXEC) ? "rx"
							: "ro";
	const char *verb = (r->access & CAGE_FS_WRITE) ? "write" : "read";
	const char *remedy;
	char what[2 * PATH_MAX + 128], var[16];

	if (j->v == V_HIDDEN) {
		snprintf(what, sizeof(what),
			 "%s%s%s, a hidden directory of a home (keys, "
			 "settings, programs the shell runs)",
			 path, strcmp(path, j->dir) ? ", inside " : "",
			 strcmp(path, j->dir) ? j->dir : "");
	} else if (j->v == V_SYSTEM) {
		snprintf(what, sizeof(what),
			 "%s%s%s, the system's (what is there belongs to the "
			 "machine)",
			 path, strcmp(path, j->dir) ? ", inside " : "",
			 strcmp(path, j->dir) ? j->dir : "");
	} else if (!j->at->home || (j->at->kind & G_ROOT)) {
		snprintf(what, sizeof(what), "%s, the whole machine", path);
	} else if (j->at->kind & G_HOME) {
		snprintf(what, sizeof(what),
			 "%s, the home directory (keys, shell start-up "
			 "files)",
			 path);
	} else {
		snprintf(what, sizeof(what), "%s, which holds the home %s",
			 path, j->at->home);
	}
	var_name(r->path, var, sizeof(var));
	if (!strcmp(var, "CWD") || !strcmp(var, "CHECKOUT"))
		remedy = "run it from the project's directory";
	else if (!strcmp(var, "TMPDIR"))
		remedy = "set TMPDIR to a directory of scratch files";
	else
		remedy = "narrow the rule";
	snprintf(msg, size,
		 "%s:%u: 'fs %s %s' would let the command %s %s: %s, or "
		 "name the directory with --%s %s if you mean it",
		 where, r->loc.line, mode, r->path, verb, what, remedy, mode,
		 path);
}

/*
 * ISO's rule of $HOME itself where ISO makes a private home that will be
 * made whatever happens (not best effort): it names that empty tmpfs.  If
 * the command line names the real home (--ro ~), the private home gives
 * way and the view binds the real one with the command line's access
 * only (plan_view.c): such a rule still writes nothing of it.
 */
static bool
names_private_home(const struct cage_fs_scope *o,
		   const struct cage_isolation *iso,
		   const struct cage_fs_rule *r)
{
	/* No home to make private (unset, relative, /): none is made. */
	if (!o->vars || o->vars->home[0] != '/' ||
	    o->vars->home[strspn(o->vars->home, "/")] == '\0')
		return false;
	return (!strcmp(r->path, "$HOME") || !strcmp(r->path, "${HOME}")) &&
	       (iso->private_ns & CAGE_PRIVATE_HOME) &&
	       !iso->private_best_effort;
}

/* The scope's guard, or OWN made now (the caller frees OWN if returned). */
static struct cage_guarded *
scope_guard(const struct cage_fs_scope *o, struct cage_guarded *own)
{
	if (o->guard)
		return o->guard;
	cage_guarded_init(own, o->vars ? o->vars->home : NULL, o->set_user,
			  o->uid);
	return own;
}

int
cage_fs_check_home(const struct cage_fs_scope *o, const char *const *names,
		   size_t nnames, char *msg, size_t size)
{
	struct cage_guarded own, *g;
	struct cage_judgement *j = malloc(sizeof(*j));
	char path[PATH_MAX], var[16];
	int err = 0;

	if (!j)
		return -ENOMEM;
	g = scope_guard(o, &own);
	err = g->err;
	for (size_t i = 0; i < o->npolicies && !err; i++) {
		const struct cage_isolation *iso = &o->policies[i]->iso;

		for (size_t k = 0; k < iso->nfs && !err; k++) {
			const struct cage_fs_rule *r = &iso->fs[k];
			bool whole_var;

			if (from_command_line(r) ||
			    cage_fs_path_expand(r->path, o->vars, path,
						sizeof(path)))
				continue;
			if (names_private_home(o, iso, r))
				continue;
			var_name(r->path, var, sizeof(var));
			/* $EXE itself is narrowed (cage_fs_narrow_exe);
			 * $EXE/.. is checked as $CWD is */
			if (!strcmp(r->path, "$EXE") ||
			    !strcmp(r->path, "${EXE}") || !strcmp(var, "TTY")) {
				if (strcmp(var, "TTY"))
					err = check_below(o, g, g->mounts, r,
							  path, true, names,
							  nnames, j, msg, size);
				continue;
			}
			/* A literal path is its author's choice but for a
			 * write to /, a home or above; $HOME/x names x. */
			whole_var = var[0] && strcmp(var, "HOME");
			if (!var[0] && !(r->access & CAGE_FS_WRITE))
				continue;
			if (cage_guarded_judge(g, path, j) == V_OK ||
			    (j->v != V_GUARDED && !whole_var) ||
			    named(o, path, r->access, names, nnames) ||
			    (j->v == V_HIDDEN &&
			     named(o, j->dir, r->access, names, nnames))) {
				err = check_below(o, g, g->mounts, r, path,
						  whole_var, names, nnames, j,
						  msg, size);
				continue;
			}
			explain(r, path, j, msg, size);
			err = -EPERM;
		}
	}
	if (g == &own)
		cage_guarded_free(&own);
	free(j);
	return err;
}

int
cage_fs_narrow_exe(const struct cage_fs_scope *o, struct cage_vars *v,
		   const char *command, char *msg, size_t size)
{
	struct cage_guarded own, *g;
	struct cage_judgement *j;
	char found[PATH_MAX], *real;
	int ret = 0;

	if (!v->exe[0] ||
	    cage_find_command(command, environ, found, sizeof(found)) ||
	    !(real = realpath(found, NULL)))
		return 0;
	j = malloc(sizeof(*j));
	if (!j) {
		free(real);
		return -ENOMEM;
	}
	g = scope_guard(o, &own);
	ret = g->err;
	if (!ret && cage_guarded_judge(g, v->exe, j) != V_OK &&
	    strlen(real) < sizeof(v->exe)) {
		snprintf(msg, size,
			 "$EXE is the command's file %s, not its directory "
			 "%s (%s)",
			 real, v->exe,
			 j->v == V_HIDDEN   ? "a hidden directory of a home"
			 : j->v == V_SYSTEM ? "the system's"
			 : (j->at->kind & G_ROOT) ? "the whole machine"
			 : (j->at->kind & G_HOME) ? "a home directory"
						  : "above a home directory");
		memcpy(v->exe, real, strlen(real) + 1);
		ret = 1;
	}
	if (g == &own)
		cage_guarded_free(&own);
	free(j);
	free(real);
	return ret;
}
