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
#include "launch/landlock.h"
#include "launch/launch.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

enum {
	G_ROOT = 1 << 0,     /* / */
	G_HOME = 1 << 1,     /* a home directory */
	G_ABOVE = 1 << 2,    /* a directory above a home */
	G_OWN = 1 << 3,	     /* the home of the user or of the target */
	G_SYS = 1 << 4,	     /* a tree of the system, itself and below */
	G_SYSDIR = 1 << 5,   /* a directory of the system, itself only */
	G_SCRATCH = 1 << 6,  /* scratch space inside a system tree */
	G_PROJECTS = 1 << 7, /* holds projects: below it, one's own */
};

/* Trees of the system: what is in them belongs to the machine. */
static const char *const sys_trees[] = {
	"/etc",	      "/usr",	   "/boot",	   "/bin",     "/sbin",
	"/lib",	      "/lib32",	   "/lib64",	   "/libx32",  "/proc",
	"/sys",	      "/dev",	   "/var/lib",	   "/var/log", "/var/spool",
	"/var/cache", "/var/mail", "/var/backups", "/snap",
};
/* Directories whose subdirectories are projects (a container's
 * WORKDIR /usr/src/app, /opt/app, /srv/site): refused themselves, a
 * directory below them is a place of one's own, as under /tmp. */
static const char *const projects[] = {"/opt", "/srv", "/usr/src",
				       "/usr/local/src"};
/* Directories that hold others' space: themselves only (/run/user/UID,
 * /var/tmp and /mnt/disk are a place of one's own). */
static const char *const sys_dirs[] = {"/run", "/run/user", "/var", "/mnt",
				       "/media"};
/* Scratch space everyone may use, under a tree of the system or not. */
static const char *const scratch[] = {"/tmp", "/var/tmp", "/dev/shm"};

struct entry {
	dev_t dev;
	ino_t ino;
	unsigned kind;
	const char *home; /* G_HOME, G_ABOVE: which home */
};

struct guarded {
	struct entry *v;
	size_t n, cap;
	char **homes;
	size_t nhomes;
	int err;
};

static struct entry *
find(const struct guarded *g, const struct stat *st)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].dev == st->st_dev && g->v[i].ino == st->st_ino)
			return &g->v[i];
	return NULL;
}

static void
guard_dir(struct guarded *g, const char *path, unsigned kind, const char *home)
{
	struct stat st;
	struct entry *e, *v;

	if (g->err || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return;
	e = find(g, &st);
	if (!e) {
		if (g->n == g->cap) {
			v = realloc(g->v, (g->cap * 2 + 64) * sizeof(*v));
			if (!v) {
				g->err = -ENOMEM;
				return;
			}
			g->v = v;
			g->cap = g->cap * 2 + 64;
		}
		e = &g->v[g->n++];
		memset(e, 0, sizeof(*e));
		e->dev = st.st_dev;
		e->ino = st.st_ino;
	}
	if (!(e->kind & G_ROOT) && !(kind & G_ROOT) &&
	    (!e->home || (kind & G_HOME)))
		e->home = home;
	e->kind |= kind;
}

/*
 * GCC 12's -fanalyzer loses the path once it is stored in g->homes (the
 * same false leak as in isolation.c); guard_free() frees
 * the list, and ASan, valgrind and clang's unix.Malloc check it.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
/* HOME (symlinks resolved where it exists) and every directory above it. */
static void
guard_home(struct guarded *g, const char *home, bool own)
{
	char up[PATH_MAX], *real, *slash, **v;

	if (g->err || !home || home[0] != '/' || strlen(home) >= PATH_MAX)
		return;
	v = realloc(g->homes, (g->nhomes + 1) * sizeof(*v));
	if (!v) {
		g->err = -ENOMEM;
		return;
	}
	g->homes = v;
	real = realpath(home, NULL);
	if (!real)
		real = strdup(home);
	if (!real) {
		g->err = -ENOMEM;
		return;
	}
	g->homes[g->nhomes++] = real;
	snprintf(up, sizeof(up), "%s", real);
	guard_dir(g, up, G_HOME | (own ? G_OWN : 0), real);
	while ((slash = strrchr(up, '/')) && slash != up) {
		*slash = '\0';
		guard_dir(g, up, G_ABOVE, real);
	}
}
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

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
 * Every other user's home too: root started from /home/bob hands over
 * bob's keys.  Then the system's trees.
 */
static void
guard_all(struct guarded *g, const struct cage_launch_opts *o)
{
	struct passwd *pw;
	FILE *f;

	memset(g, 0, sizeof(*g));
	guard_dir(g, "/", G_ROOT, NULL);
	guard_home(g, o->vars ? o->vars->home : NULL, true);
	guard_home(g, passwd_home(getuid()), true);
	if (o->set_user)
		guard_home(g, passwd_home(o->uid), true);
	/* The file, not NSS: enumerating a directory service may be
	 * slow or refused, and a static binary's NSS modules may crash. */
	f = fopen("/etc/passwd", "re");
	while (f && (pw = fgetpwent(f)) && g->nhomes < 4096)
		guard_home(g, pw->pw_dir, false);
	if (f)
		(void)fclose(f);
	for (size_t i = 0; i < sizeof(sys_trees) / sizeof(*sys_trees); i++)
		guard_dir(g, sys_trees[i], G_SYS, NULL);
	for (size_t i = 0; i < sizeof(sys_dirs) / sizeof(*sys_dirs); i++)
		guard_dir(g, sys_dirs[i], G_SYSDIR, NULL);
	for (size_t i = 0; i < sizeof(scratch) / sizeof(*scratch); i++)
		guard_dir(g, scratch[i], G_SCRATCH, NULL);
	for (size_t i = 0; i < sizeof(projects) / sizeof(*projects); i++)
		guard_dir(g, projects[i], G_PROJECTS, NULL);
}

static void
guard_free(struct guarded *g)
{
	for (size_t i = 0; i < g->nhomes; i++)
		free(g->homes[i]);
	free(g->homes);
	free(g->v);
}

/* What a rule at a directory would hand over. */
enum verdict { V_OK, V_GUARDED, V_HIDDEN, V_SYSTEM, V_TERMINALS };

struct judgement {
	enum verdict v;
	const struct entry *at; /* V_GUARDED */
	char dir[PATH_MAX];	/* V_HIDDEN: the hidden directory;
				   V_SYSTEM: the system's directory */
	char src[PATH_MAX];	/* a mount below: what it shows, or "" */
};

/*
 * Walk from PATH (absolute, symlinks resolved) up to /: a hidden
 * directory of a home on the way, or a tree of the system before a
 * scratch directory or the user's own home.
 */
static enum verdict
walk(const struct guarded *g, const char *path, struct judgement *j)
{
	char up[PATH_MAX], child[PATH_MAX];
	bool sys_done = false, itself = true;
	struct stat st;
	char *slash;

	if (strlen(path) >= sizeof(up) || path[0] != '/')
		return V_OK;
	memcpy(up, path, strlen(path) + 1);
	child[0] = '\0';
	for (;;) {
		const struct entry *e =
			stat(up, &st) == 0 ? find(g, &st) : NULL;
		unsigned k = e ? e->kind : 0;

		if ((k & G_HOME) && child[0] == '.') {
			/* up/child was a prefix of PATH: it fits. */
			if (snprintf(j->dir, sizeof(j->dir), "%s%s%s", up,
				     up[1] ? "/" : "",
				     child) >= (int)sizeof(j->dir))
				j->dir[0] = '\0';
			return V_HIDDEN;
		}
		if (!sys_done && (k & G_SCRATCH))
			sys_done = true;
		if (!sys_done && (k & G_PROJECTS) && !itself)
			sys_done = true;
		if (!sys_done && (k & G_OWN) &&
		    !(k & (G_ROOT | G_SYS | G_SYSDIR)))
			sys_done = true;
		if (!sys_done && ((k & G_SYS) ||
				  ((k & (G_SYSDIR | G_PROJECTS)) && itself))) {
			snprintf(j->dir, sizeof(j->dir), "%s", up);
			return V_SYSTEM;
		}
		if (!up[1])
			return V_OK;
		slash = strrchr(up, '/');
		snprintf(child, sizeof(child), "%s", slash + 1);
		if (slash == up)
			slash[1] = '\0';
		else
			*slash = '\0';
		itself = false;
	}
}

/* mountinfo's "MAJOR:MINOR": 0, or -1 when it is not that. */
static int
parse_devno(const char *s, unsigned *maj, unsigned *min)
{
	char *end;
	unsigned long a, b;

	errno = 0;
	a = strtoul(s, &end, 10);
	if (end == s || *end != ':' || errno || a > UINT_MAX)
		return -1;
	s = end + 1;
	b = strtoul(s, &end, 10);
	if (end == s || *end || errno || b > UINT_MAX)
		return -1;
	*maj = (unsigned)a;
	*min = (unsigned)b;
	return 0;
}

/*
 * Where PATH is on its filesystem, as a path from / when that names the
 * same directory: a bind mount of /etc/ssh at /mnt/x is /etc/ssh.  0, or
 * -1 when PATH is where it is.
 */
static int
mount_source(const char *path, const struct stat *st, char *out, size_t size)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[3 * PATH_MAX], best_root[PATH_MAX], *save, *tok[5];
	size_t best = 0, len;
	unsigned maj, min;
	struct stat ost;
	bool found = false;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		size_t n = 0;

		for (char *t = strtok_r(line, " ", &save); t && n < 5;
		     t = strtok_r(NULL, " ", &save))
			tok[n++] = t;
		if (n < 5 || parse_devno(tok[2], &maj, &min) ||
		    makedev(maj, min) != st->st_dev)
			continue;
		cage_mountinfo_unescape(tok[3]);
		cage_mountinfo_unescape(tok[4]);
		len = strlen(tok[4]);
		if (strncmp(path, tok[4], len) ||
		    (path[len] != '/' && path[len] && len > 1) ||
		    (len <= best && found) || strlen(tok[3]) >= PATH_MAX)
			continue;
		best = len;
		found = true;
		memcpy(best_root, tok[3], strlen(tok[3]) + 1);
	}
	(void)fclose(f);
	if (!found || !strcmp(best_root, "/"))
		return -1;
	if (snprintf(out, size, "%s%s", best_root,
		     best > 1 ? path + best : path) >= (int)size ||
	    stat(out, &ost) < 0 || ost.st_dev != st->st_dev ||
	    ost.st_ino != st->st_ino || !strcmp(out, path))
		return -1;
	return 0;
}

/*
 * PATH as a rule of the policy's variables: at /, a home or above one,
 * inside a hidden directory of a home, or in a tree of the system
 * (through a bind mount too)?
 */
static enum verdict
judge(const struct guarded *g, const char *path, struct judgement *j)
{
	char real[PATH_MAX], src[PATH_MAX];
	struct stat st;

	j->v = V_OK;
	if (!realpath(path, real) || stat(real, &st) < 0)
		return V_OK; /* nothing there: the rule is skipped */
	j->at = find(g, &st);
	if (j->at && (j->at->kind & G_ROOT))
		return j->v = V_GUARDED;
	/* /usr holds daemon's home, /var man's: the system's first */
	j->v = walk(g, real, j);
	if (j->v == V_OK && j->at && (j->at->kind & (G_HOME | G_ABOVE)))
		j->v = V_GUARDED;
	if (j->v == V_OK && !mount_source(real, &st, src, sizeof(src)))
		j->v = walk(g, src, j);
	return j->v;
}

/*
 * Mounts below a rule's directory: a chroot's bind of /dev, /var/lib or
 * a home below $CWD hands those over as the directory itself would.
 * Each mount of /proc/self/mountinfo (read once per launch): where it
 * is, its filesystem's device, the directory of that filesystem it
 * shows, its type.
 */
struct mnt {
	char *point, *root, *type;
	dev_t dev;
};

struct mnts {
	struct mnt *v;
	size_t n;
	bool read;
};

static void
mnts_free(struct mnts *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].point);
		free(m->v[i].root);
		free(m->v[i].type);
	}
	free(m->v);
}

static int
mnts_read(struct mnts *m)
{
	FILE *f;
	char *line = NULL, *save, *tok[5], *sep, *type;
	size_t cap = 0, n;
	unsigned maj, min;
	struct mnt *v;
	int err = 0;

	if (m->read)
		return 0;
	m->read = true;
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -errno; /* fail closed: mounts below unknown */
	while (!err && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		sep = strstr(line, " - ");
		if (!sep)
			continue;
		*sep = '\0';
		type = strtok_r(sep + 3, " ", &save);
		n = 0;
		for (char *t = strtok_r(line, " ", &save); t && n < 5;
		     t = strtok_r(NULL, " ", &save))
			tok[n++] = t;
		if (n < 5 || !type || parse_devno(tok[2], &maj, &min))
			continue;
		v = realloc(m->v, (m->n + 1) * sizeof(*v));
		if (!v) {
			err = -ENOMEM;
			break;
		}
		m->v = v;
		cage_mountinfo_unescape(tok[3]);
		cage_mountinfo_unescape(tok[4]);
		v[m->n].root = strdup(tok[3]);
		v[m->n].point = strdup(tok[4]);
		v[m->n].type = strdup(type);
		v[m->n].dev = makedev(maj, min);
		if (!v[m->n].root || !v[m->n].point || !v[m->n].type)
			err = -ENOMEM;
		m->n++;
	}
	free(line);
	(void)fclose(f);
	return err;
}

/* Is A strictly below directory B (both absolute, no symlinks)? */
static bool
below(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (!strcmp(b, "/"))
		return a[0] == '/' && a[1];
	return !strncmp(a, b, n) && a[n] == '/' && a[n + 1];
}

/*
 * What mount M (below RULE) shows, as a path from / (a bind of /var/lib
 * is /var/lib): another mount of the same filesystem, not below RULE,
 * whose root holds M's.  0, or -1 when none names it.
 */
static int
mnt_source(const struct mnts *m, const struct mnt *mt, const char *rule,
	   const struct stat *st, char *out, size_t size)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct mnt *o = &m->v[i];
		size_t n = strlen(o->root);
		struct stat ost;

		if (o == mt || o->dev != mt->dev || below(o->point, rule) ||
		    !strcmp(o->point, mt->point))
			continue;
		if (strcmp(o->root, "/") &&
		    (strncmp(mt->root, o->root, n) ||
		     (mt->root[n] && mt->root[n] != '/')))
			continue;
		if (snprintf(out, size, "%s%s",
			     strcmp(o->point, "/") ? o->point : "",
			     mt->root + (strcmp(o->root, "/") ? n : 0)) >=
			    (int)size ||
		    stat(out, &ost) < 0 || ost.st_dev != st->st_dev ||
		    ost.st_ino != st->st_ino)
			continue;
		if (!out[0])
			snprintf(out, size, "/");
		return 0;
	}
	return -1;
}

/* Mount MT below the rule's directory RULE: what does it show? */
static enum verdict
judge_mount(const struct guarded *g, const struct mnts *m, const struct mnt *mt,
	    const char *rule, struct judgement *j)
{
	char src[PATH_MAX];
	struct stat st;

	j->v = V_OK;
	j->at = NULL;
	j->dir[0] = j->src[0] = '\0';
	/* gone, or hidden under a later mount at the same place (st_dev
	 * is not compared with mountinfo's: btrfs answers another) */
	if (stat(mt->point, &st) < 0)
		return V_OK;
	for (const struct mnt *o = mt + 1; o < m->v + m->n; o++)
		if (!strcmp(o->point, mt->point))
			return V_OK;
	if (!strcmp(mt->type, "devpts") || !strcmp(mt->type, "devtmpfs")) {
		snprintf(j->dir, sizeof(j->dir), "%s",
			 mt->type[3] == 'p' ? "/dev/pts" : "/dev");
		return j->v = V_TERMINALS;
	}
	j->at = find(g, &st);
	if (mnt_source(m, mt, rule, &st, src, sizeof(src)))
		src[0] = '\0';
	snprintf(j->src, sizeof(j->src), "%s", src);
	if (j->at && (j->at->kind & (G_ROOT | G_HOME | G_ABOVE))) {
		snprintf(j->dir, sizeof(j->dir), "%s", src);
		return j->v = V_GUARDED;
	}
	if (!src[0])
		return j->at && (j->at->kind & (G_SYS | G_SYSDIR))
			       ? (j->v = V_SYSTEM)
			       : V_OK;
	j->v = walk(g, src, j);
	if (j->v == V_SYSTEM || j->v == V_HIDDEN)
		return j->v;
	if (j->at && (j->at->kind & (G_SYS | G_SYSDIR))) {
		snprintf(j->dir, sizeof(j->dir), "%s", src);
		return j->v = V_SYSTEM;
	}
	return j->v = V_OK;
}

static void
explain_mount(const struct cage_fs_rule *r, const char *path, const char *point,
	      const struct judgement *j, char *msg, size_t size)
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

static bool named(const struct cage_launch_opts *o, const char *path,
		  unsigned access, const char *const *names, size_t nnames);

/* The mounts strictly below PATH (rule R): 0, or -EPERM with MSG. */
static int
check_below(const struct cage_launch_opts *o, struct guarded *g, struct mnts *m,
	    const struct cage_fs_rule *r, const char *path, bool whole_var,
	    const char *const *names, size_t nnames, struct judgement *j,
	    char *msg, size_t size)
{
	char real[PATH_MAX];
	int err = mnts_read(m);

	if (err)
		return err;
	if (!realpath(path, real))
		return 0; /* nothing there: the rule is skipped */
	for (size_t i = 0; i < m->n; i++) {
		const struct mnt *mt = &m->v[i];

		if (!below(mt->point, real) ||
		    judge_mount(g, m, mt, real, j) == V_OK ||
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
named(const struct cage_launch_opts *o, const char *path, unsigned access,
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
	const struct judgement *j, char *msg, size_t size)
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
	if (!strcmp(var, "CWD"))
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

int
cage_fs_check_home(const struct cage_launch_opts *o, const char *const *names,
		   size_t nnames, char *msg, size_t size)
{
	struct guarded g;
	struct mnts m = {0};
	struct judgement *j = malloc(sizeof(*j));
	char path[PATH_MAX], var[16];
	int err = 0;

	if (!j)
		return -ENOMEM;
	guard_all(&g, o);
	err = g.err;
	for (size_t i = 0; i < o->npolicies && !err; i++) {
		const struct cage_isolation *iso = &o->policies[i]->iso;

		for (size_t k = 0; k < iso->nfs && !err; k++) {
			const struct cage_fs_rule *r = &iso->fs[k];
			bool whole_var;

			if (from_command_line(r) ||
			    cage_fs_path_expand(r->path, o->vars, path,
						sizeof(path)))
				continue;
			var_name(r->path, var, sizeof(var));
			/* $EXE itself is narrowed (cage_fs_narrow_exe);
			 * $EXE/.. is checked as $CWD is */
			if (!strcmp(r->path, "$EXE") ||
			    !strcmp(r->path, "${EXE}") || !strcmp(var, "TTY")) {
				if (strcmp(var, "TTY"))
					err = check_below(o, &g, &m, r, path,
							  true, names, nnames,
							  j, msg, size);
				continue;
			}
			/* A literal path is its author's choice but for a
			 * write to /, a home or above; $HOME/x names x. */
			whole_var = var[0] && strcmp(var, "HOME");
			if (!var[0] && !(r->access & CAGE_FS_WRITE))
				continue;
			if (judge(&g, path, j) == V_OK ||
			    (j->v != V_GUARDED && !whole_var) ||
			    named(o, path, r->access, names, nnames) ||
			    (j->v == V_HIDDEN &&
			     named(o, j->dir, r->access, names, nnames))) {
				err = check_below(o, &g, &m, r, path, whole_var,
						  names, nnames, j, msg, size);
				continue;
			}
			explain(r, path, j, msg, size);
			err = -EPERM;
		}
	}
	guard_free(&g);
	mnts_free(&m);
	free(j);
	return err;
}

int
cage_fs_narrow_exe(const struct cage_launch_opts *o, struct cage_vars *v,
		   const char *command, char *msg, size_t size)
{
	struct guarded g;
	struct judgement *j;
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
	guard_all(&g, o);
	ret = g.err;
	if (!ret && judge(&g, v->exe, j) != V_OK &&
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
	guard_free(&g);
	free(j);
	free(real);
	return ret;
}
