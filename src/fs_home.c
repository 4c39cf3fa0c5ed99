// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A write rule that would hand the target the user's home directory or
 * the whole machine: 'fs rw $CWD' started from ~, from /home or from /,
 * $TMPDIR set to ~.  Such a launch is refused before fork, unless the
 * user named that directory on the command line (--rw ~).
 */
#include "landlock.h"
#include "launch.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every component of three homes: a path of PATH_MAX has fewer. */
#define MAX_DIRS (3 * PATH_MAX / 2 + 1)

/* The directories a write rule must not be: each home, its ancestors, /. */
struct guarded {
	struct {
		dev_t dev;
		ino_t ino;
		const char *home; /* whose ancestor (or itself); NULL for / */
		bool is_home;
	} v[MAX_DIRS];
	size_t n;
	char homes[3][PATH_MAX];
};

static void
guard_dir(struct guarded *g, const char *path, const char *home, bool is_home)
{
	struct stat st;

	if (g->n == MAX_DIRS || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return;
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].dev == st.st_dev && g->v[i].ino == st.st_ino)
			return;
	g->v[g->n].dev = st.st_dev;
	g->v[g->n].ino = st.st_ino;
	g->v[g->n].home = home;
	g->v[g->n].is_home = is_home;
	g->n++;
}

/* HOME (symlinks resolved where it exists) and every directory above it. */
static void
guard_home(struct guarded *g, size_t slot, const char *home)
{
	char up[PATH_MAX], *slash;

	if (!home || home[0] != '/' || strlen(home) >= PATH_MAX)
		return;
	if (!realpath(home, g->homes[slot]))
		strcpy(g->homes[slot], home);
	strcpy(up, g->homes[slot]);
	guard_dir(g, up, g->homes[slot], true);
	while ((slash = strrchr(up, '/')) && slash != up) {
		*slash = '\0';
		guard_dir(g, up, g->homes[slot], false);
	}
}

static const char *
passwd_home(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	return pw ? pw->pw_dir : NULL;
}

/*
 * $HOME, the home of the user we run as, and that of the user the target
 * runs as (--user): a $HOME set elsewhere must not make ~ writable.  A
 * user without a home (HOME=/ or /nonexistent) still has / guarded.
 */
static void
guard_all(struct guarded *g, const struct cage_launch_opts *o)
{
	memset(g, 0, sizeof(*g));
	guard_dir(g, "/", NULL, false);
	guard_home(g, 0, o->vars ? o->vars->home : NULL);
	guard_home(g, 1, passwd_home(getuid()));
	if (o->set_user)
		guard_home(g, 2, passwd_home(o->uid));
}

/* The guarded directory PATH is, or -1. */
static int
guarded_at(const struct guarded *g, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return -1;
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].dev == st.st_dev && g->v[i].ino == st.st_ino)
			return (int)i;
	return -1;
}

/* Did the user name PATH's directory on the command line? */
static bool
named(const struct cage_launch_opts *o, const char *path,
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
	return false;
}

static void
explain(const struct cage_fs_rule *r, const char *path, const struct guarded *g,
	int at, char *msg, size_t size)
{
	const char *where = r->loc.file ? r->loc.file->name : "policy";
	const char *todo;
	char what[PATH_MAX + 64];

	if (!g->v[at].home)
		snprintf(what, sizeof(what), "%s, the whole machine", path);
	else if (g->v[at].is_home)
		snprintf(what, sizeof(what),
			 "%s, the home directory (keys, shell start-up "
			 "files)",
			 path);
	else
		snprintf(what, sizeof(what), "%s, which holds the home %s",
			 path, g->v[at].home);
	if (!strncmp(r->path, "$CWD", 4) || !strncmp(r->path, "${CWD}", 6))
		todo = "run it from the project's directory";
	else if (!strncmp(r->path, "$TMPDIR", 7) ||
		 !strncmp(r->path, "${TMPDIR}", 9))
		todo = "set TMPDIR to a directory of scratch files";
	else
		todo = "narrow the rule";
	snprintf(msg, size,
		 "%s:%u: 'fs rw %s' would let the command write %s: %s, or "
		 "name the directory with --rw %s if you mean it",
		 where, r->loc.line, r->path, what, todo, path);
}

int
cage_fs_check_home(const struct cage_launch_opts *o, const char *const *names,
		   size_t nnames, char *msg, size_t size)
{
	struct guarded *g = malloc(sizeof(*g));
	char path[PATH_MAX];
	int err = 0;

	if (!g)
		return -ENOMEM;
	guard_all(g, o);
	for (size_t i = 0; i < o->npolicies && !err; i++) {
		const struct cage_isolation *iso = &o->policies[i]->iso;

		for (size_t k = 0; k < iso->nfs && !err; k++) {
			const struct cage_fs_rule *r = &iso->fs[k];
			int at;

			if (!(r->access & CAGE_FS_WRITE) ||
			    cage_fs_path_expand(r->path, o->vars, path,
						sizeof(path)))
				continue;
			at = guarded_at(g, path);
			if (at < 0 || named(o, path, names, nnames))
				continue;
			explain(r, path, g, at, msg, size);
			err = -EPERM;
		}
	}
	free(g);
	return err;
}
