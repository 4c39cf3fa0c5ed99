// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view's plan (SPEC 4.5), from the policies of a launch,
 * before fork.  What it decides:
 *  - Any policy asking for a namespace gets it ('private' settings and
 *    'net loopback' of every policy add up).  'private best-effort'
 *    applies only when every policy that asks for a view says it: one
 *    policy cannot make another's view optional.
 *  - A mount namespace always has a minimal /dev (the engine's binds are
 *    nodev, so host device nodes bound in would not open) and its own
 *    /proc.
 *  - With fs rules, the fs rules of every policy are the view: each path
 *    bound at itself, writable where some rule says rw; what no rule names
 *    is absent.  Binds keep exec: noexec would also refuse mapping
 *    libraries, which a read rule allows; execve stays Landlock's.  Rules
 *    under /dev and /proc are the engine's, and a rule naming exactly a
 *    private mount point (/tmp, /var/tmp, /dev/shm, the private $HOME)
 *    leaves the private mount in place; paths below them are bound on top.
 *  - Without fs rules, / stays as it is: the host's root bound
 *    recursively, with the private mounts laid over it.
 *  - A private home needs $HOME: unset, relative or /, there is no home
 *    to hide and none is made (with fs rules, what they do not name is
 *    absent anyway).
 *  - 'fs none' paths are hidden over whatever the binds put there; they
 *    make a mount namespace (and its minimal /dev) by themselves, and
 *    with them the view is never optional: best effort does not apply.
 *  - 'private gitconfig' writes the sanitised git configuration into the
 *    private home (which it needs).
 *  - Root without CAP_SYS_ADMIN (a reduced bounding set) makes the view
 *    in a user namespace, as an unprivileged caller does.
 */
#include "launch/plan_view.h"
#include "launch/view_fs.h"
#include "launch/gitconfig.h"
#include "launch/landlock_tty.h"
#include "policy/fs_path.h"

#include <errno.h>
#include <limits.h>
#include <sys/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* PATH is DIR or below it. */
static bool
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

/* A rule's path the view leaves to the engine's own mounts. */
static bool
left_to_engine(const struct cage_view_plan *v, const char *path,
	       const char *home)
{
	if (under(path, "/dev") || under(path, "/proc"))
		return true;
	if (v->private_tmp &&
	    (!strcmp(path, "/tmp") || !strcmp(path, "/var/tmp")))
		return true;
	return v->private_home && home && !strcmp(path, home);
}

/* One bind per path: the broadest access any rule gives it. */
struct binds {
	char **path;
	unsigned *flags;
	size_t n, cap;
};

static int
add_bind(struct binds *b, const char *path, unsigned flags)
{
	for (size_t i = 0; i < b->n; i++)
		if (!strcmp(b->path[i], path)) {
			b->flags[i] |= flags;
			return 0;
		}
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 32;
		void *p = realloc(b->path, cap * sizeof(*b->path)), *f;

		if (p)
			b->path = p;
		f = p ? realloc(b->flags, cap * sizeof(*b->flags)) : NULL;
		if (!f)
			return -ENOMEM;
		b->flags = f;
		b->cap = cap;
	}
	if (!(b->path[b->n] = strdup(path)))
		return -ENOMEM;
	b->flags[b->n++] = flags;
	return 0;
}

static int
rule_binds(const struct cage_view_plan *v, const struct cage_isolation *iso,
	   const struct cage_vars *vars, const char *home, struct binds *b)
{
	char path[PATH_MAX];
	int err = 0;

	for (size_t i = 0; i < iso->nfs && !err; i++) {
		const struct cage_fs_rule *r = &iso->fs[i];

		if (cage_fs_path_is_tty(r->path))
			continue; /* fds 0-2 are open; /dev is the engine's */
		err = cage_fs_path_expand(r->path, vars, path, sizeof(path));
		if (err == -ENOENT) {
			err = 0; /* no value: nothing to bind */
			continue;
		}
		if (err || left_to_engine(v, path, home))
			continue;
		/* A policy's own $HOME is its private home, even where the
		 * command line's --ro ~ made it give way. */
		if ((iso->private_ns & CAGE_PRIVATE_HOME) && home &&
		    !strcmp(path, home) && !cage_fs_rule_from_cli(r))
			continue;
		err = add_bind(b, path,
			       CAGE_VIEW_EXEC | CAGE_VIEW_OPTIONAL |
				       (r->access & CAGE_FS_WRITE
						? CAGE_VIEW_WRITE
						: 0));
	}
	return err;
}

/* --ro/--rw/--rx ~ on the command line: the user's own home, chosen; the
 * private one gives way (before any rule is bound: a policy's rule of
 * $HOME then names that home too, with the access it says). */
static void
cli_home(struct cage_view_plan *v, struct cage_policy *const *pols, size_t n,
	 const struct cage_vars *vars, const char *home)
{
	char path[PATH_MAX];

	for (size_t i = 0; i < n && v->private_home && home; i++)
		for (size_t k = 0; k < pols[i]->iso.nfs; k++) {
			const struct cage_fs_rule *r = &pols[i]->iso.fs[k];

			if (cage_fs_rule_from_cli(r) &&
			    !cage_fs_path_expand(r->path, vars, path,
						 sizeof(path)) &&
			    !strcmp(path, home)) {
				v->private_home = false;
				v->want_gitconfig = false;
				return;
			}
		}
}

/* Strictly below DIR. */
static bool
below(const char *path, const char *dir)
{
	return strcmp(path, dir) && under(path, dir) &&
	       (strcmp(dir, "/") || path[1]);
}

/* A mount of the engine's, or a hidden path, at P or between A and P. */
static bool
other_mount(const struct cage_view_plan *v, struct cage_policy *const *pols,
	    size_t n, const struct cage_vars *vars, const char *home,
	    const char *a, const char *p)
{
	static const char *const fixed[] = {"/tmp", "/var/tmp", "/dev",
					    "/dev/shm", "/proc"};
	char h[PATH_MAX];

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (below(fixed[i], a) && under(p, fixed[i]))
			return true;
	if (v->private_home && home && below(home, a) && under(p, home))
		return true;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < pols[i]->iso.nhide; k++)
			if (!cage_fs_path_expand(pols[i]->iso.hide[k].path,
						 vars, h, sizeof(h)) &&
			    below(h, a) && under(p, h))
				return true;
	return false;
}

/*
 * Bind I adds nothing: a bind of a directory above it, with nothing in
 * between, already shows it with the same access (rw $GITDIR in rw
 * $CHECKOUT, $EXE's file in /usr): one mount fewer to make.
 */
static bool
redundant(const struct cage_view_plan *v, const struct binds *b, size_t i,
	  struct cage_policy *const *pols, size_t n,
	  const struct cage_vars *vars, const char *home)
{
	const char *p = b->path[i];
	size_t best = b->n;

	for (size_t k = 0; k < b->n; k++)
		if (below(p, b->path[k]) &&
		    (best == b->n || below(b->path[k], b->path[best])))
			best = k;
	/* The same access: a read-only bind below a writable one narrows
	 * it, and the other way round widens it. */
	if (best == b->n ||
	    (b->flags[best] & (CAGE_VIEW_EXEC | CAGE_VIEW_WRITE)) !=
		    (b->flags[i] & (CAGE_VIEW_EXEC | CAGE_VIEW_WRITE)))
		return false;
	return !other_mount(v, pols, n, vars, home, b->path[best], p);
}

/* TEXT (a link's) is relative, every component a plain name, every byte
 * printable ASCII (-v prints it). */
static bool
plain_text(const char *text)
{
	for (const char *c = text; *c; c++)
		if (*c <= ' ' || *c > '~')
			return false;
	for (const char *s = text; *s;) {
		size_t len = strcspn(s, "/");

		if (len == 0 || (len == 1 && s[0] == '.') ||
		    (len == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		s += len;
		if (*s == '/' && !*++s)
			return false; /* a trailing slash */
	}
	return text[0] != '\0';
}

/*
 * Bind I is, on the host, a symbolic link owned by root in a directory
 * only root may change (merged /usr's /bin -> usr/bin), that leads to
 * what another bind with the same access shows, nothing in between: the
 * view gets the same link, a mount fewer to make and to take down.
 * TEXT: the link's text.
 */
static bool
as_link(const struct cage_view_plan *v, const struct binds *b, size_t i,
	struct cage_policy *const *pols, size_t n, const struct cage_vars *vars,
	const char *home, char text[PATH_MAX])
{
	const char *p = b->path[i], *slash = strrchr(p, '/');
	char dir[PATH_MAX], to[2 * PATH_MAX];
	struct stat ls, ds;
	size_t best = b->n;
	ssize_t len;
	int fd;

	if (!slash || !slash[1] || lstat(p, &ls) < 0 || !S_ISLNK(ls.st_mode) ||
	    ls.st_uid != 0)
		return false;
	/* Nothing bound or hidden below it: those are made through it. */
	for (size_t k = 0; k < b->n; k++)
		if (below(b->path[k], p))
			return false;
	for (size_t k = 0; k < n; k++)
		for (size_t h = 0; h < pols[k]->iso.nhide; h++)
			if (!cage_fs_path_expand(pols[k]->iso.hide[h].path,
						 vars, dir, sizeof(dir)) &&
			    below(dir, p))
				return false;
	snprintf(dir, sizeof(dir), "%.*s", slash == p ? 1 : (int)(slash - p),
		 p);
	if (stat(dir, &ds) < 0 || ds.st_uid != 0 ||
	    (ds.st_mode & (S_IWGRP | S_IWOTH)))
		return false;
	len = readlink(p, text, PATH_MAX - 1);
	if (len <= 0)
		return false;
	text[len] = '\0';
	if (!plain_text(text))
		return false;
	snprintf(to, sizeof(to), "%s/%s", slash == p ? "" : dir, text);
	/* What it leads to, with no other link on the way: the bind found
	 * below is then what the view shows there. */
	if ((fd = cage_view_open_plain(to)) < 0)
		return false;
	close(fd);
	for (size_t k = 0; k < b->n; k++)
		if (k != i && under(to, b->path[k]) &&
		    (best == b->n || below(b->path[k], b->path[best])))
			best = k;
	return best < b->n &&
	       (b->flags[best] & (CAGE_VIEW_EXEC | CAGE_VIEW_WRITE)) ==
		       (b->flags[i] & (CAGE_VIEW_EXEC | CAGE_VIEW_WRITE)) &&
	       !other_mount(v, pols, n, vars, home, b->path[best], to);
}

/*
 * A caller whose uid is the overflow uid (nobody) cannot tell, inside its
 * user namespace, root's symbolic links from its own: both show that uid.
 * Its bind sources are resolved here, outside, where root's links are
 * root's (the same trust as the child's walk), and the child opens what
 * they lead to with no link on the way (one that appears meanwhile stops
 * the launch).  Else, or where this cannot resolve it, PATH as it is.
 */
static int
bind_source(struct cage_view_plan *v, const char *path, unsigned flags)
{
	uid_t me = getuid();
	char link[32], real[PATH_MAX];
	ssize_t len = -1;
	int fd;

	real[0] = '\0';
	if (me != 0 && me == cage_view_overflow_uid() &&
	    !cage_view_open_source(path, &fd)) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		len = readlink(link, real, sizeof(real) - 1);
		close(fd);
	}
	if (len <= 0 || real[0] != '/')
		return cage_view_plan_bind(v, path, NULL, flags);
	real[len] = '\0';
	return cage_view_plan_bind(v, real, path, flags);
}

static int
plan_binds(struct cage_view_plan *v, struct cage_policy *const *pols, size_t n,
	   const struct cage_vars *vars, const char *home)
{
	struct binds b = {0};
	bool any_fs = false;
	int err = 0;

	for (size_t i = 0; i < n; i++)
		any_fs |= pols[i]->iso.nfs > 0;
	if (!any_fs)
		return cage_view_plan_bind(v, "/", NULL,
					   CAGE_VIEW_WRITE | CAGE_VIEW_EXEC);
	cli_home(v, pols, n, vars, home);
	for (size_t i = 0; i < n && !err; i++)
		err = rule_binds(v, &pols[i]->iso, vars, home, &b);
	for (size_t i = 0; i < b.n && !err; i++) {
		char text[PATH_MAX];

		if (redundant(v, &b, i, pols, n, vars, home))
			continue;
		if (as_link(v, &b, i, pols, n, vars, home, text))
			err = cage_view_plan_link(v, b.path[i], text,
						  b.flags[i]);
		else
			err = bind_source(v, b.path[i], b.flags[i]);
	}
	for (size_t i = 0; i < b.n; i++)
		free(b.path[i]);
	free(b.path);
	free(b.flags);
	return err;
}

/* 'fs none' of every policy, after the binds: on top of them. */
static int
plan_hides(struct cage_view_plan *v, struct cage_policy *const *pols, size_t n,
	   const struct cage_vars *vars)
{
	char path[PATH_MAX];
	struct stat st;
	int err = 0;

	for (size_t i = 0; i < n && !err; i++)
		for (size_t k = 0; k < pols[i]->iso.nhide && !err; k++) {
			err = cage_fs_path_expand(pols[i]->iso.hide[k].path,
						  vars, path, sizeof(path));
			if (err == -ENOENT) {
				err = 0; /* no value: nothing to hide */
				continue;
			}
			/* Not there now: nothing for a bind to show (the view
			 * holds only what the host has), and the child is
			 * spared the walk. */
			if (!err && !(lstat(path, &st) < 0 && errno == ENOENT))
				err = cage_view_plan_hide(v, path);
		}
	return err;
}

/* What the policies ask for, merged; false when none asks. */
static bool
merge_asked(struct cage_view_plan *v, struct cage_policy *const *pols, size_t n)
{
	unsigned priv = 0;
	bool loopback = false, asked = false, strict = false;

	for (size_t i = 0; i < n; i++) {
		const struct cage_isolation *iso = &pols[i]->iso;
		bool asks = iso->private_ns || iso->net == CAGE_NET_LOOPBACK;

		priv |= iso->private_ns;
		loopback |= iso->net == CAGE_NET_LOOPBACK;
		asked |= asks || iso->nhide;
		strict |= asks && !iso->private_best_effort;
	}
	if (!asked)
		return false;
	for (size_t i = 0; i < n; i++)
		strict |= pols[i]->iso.nhide > 0;
	v->best_effort = !strict;
	v->private_tmp = priv & CAGE_PRIVATE_TMP;
	v->private_home = priv & CAGE_PRIVATE_HOME;
	v->want_gitconfig = priv & CAGE_PRIVATE_GITCONFIG;
	v->private_dev = priv & (CAGE_PRIVATE_TMP | CAGE_PRIVATE_HOME |
				 CAGE_PRIVATE_DEV | CAGE_PRIVATE_PID);
	for (size_t i = 0; i < n; i++)
		v->private_dev |= pols[i]->iso.nhide > 0;
	if (v->private_dev)
		v->ns |= CAGE_VIEW_NS_MOUNT;
	if (priv & CAGE_PRIVATE_PID)
		v->ns |= CAGE_VIEW_NS_PID;
	if (priv & CAGE_PRIVATE_IPC)
		v->ns |= CAGE_VIEW_NS_IPC;
	if (loopback)
		v->ns |= CAGE_VIEW_NS_NET;
	return true;
}

static bool
has_sys_admin(void)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t caps = cap_get_proc();

	if (caps && cap_get_flag(caps, CAP_SYS_ADMIN, CAP_EFFECTIVE, &v) < 0)
		v = CAP_CLEAR;
	cap_free(caps);
	return v == CAP_SET;
}

/* $HOME names a directory other than / (the private home's place). */
static bool
home_usable(const char *home)
{
	return home && home[0] == '/' && home[strspn(home, "/")] != '\0';
}

int
cage_plan_view(const struct cage_launch_opts *o, const struct cage_vars *vars,
	       struct cage_view_plan **out)
{
	struct cage_view_plan *v = cage_view_plan_new();
	char cwd[PATH_MAX];
	const char *home, *dir;
	int err = 0;

	*out = NULL;
	if (!v)
		return -ENOMEM;
	if (!merge_asked(v, o->policies, o->npolicies)) {
		cage_view_plan_free(v);
		return 0;
	}
	home = vars->home[0] ? vars->home : getenv("HOME");
	dir = vars->cwd[0] ? vars->cwd : getcwd(cwd, sizeof(cwd));
	if (!home_usable(home)) {
		v->private_home = false;
		home = NULL;
	}
	v->force_user = !has_sys_admin();
	if (o->set_user) {
		v->owner_uid = o->uid;
		v->owner_gid = o->gid;
	}
	if (v->ns & CAGE_VIEW_NS_MOUNT)
		err = plan_binds(v, o->policies, o->npolicies, vars, home);
	if (!err && (v->ns & CAGE_VIEW_NS_MOUNT))
		err = plan_hides(v, o->policies, o->npolicies, vars);
	/* Without a home there is no configuration to give. */
	if (!err && v->want_gitconfig && home)
		err = v->private_home ? cage_gitconfig_load(home, &v->gitconfig)
				      : -ENOTDIR;
	if (!err)
		err = cage_view_plan_finish(v, home, dir);
	if (err) {
		cage_view_plan_free(v);
		return err;
	}
	*out = v;
	return 0;
}
