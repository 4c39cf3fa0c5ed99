// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The directories a rule must not hand over (fs_home.c says which and
 * why): /, the homes and the directories above them, the system's trees,
 * by device and inode; and the judging of a path, or of a mount below a
 * rule, against them.
 */
#include "launch/guarded.h"
#include "launch/mounts.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static unsigned
memo_hash(const char *path)
{
	unsigned h = 2166136261u;

	for (const char *c = path; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	return h;
}

/*
 * A new entry for PATH, or NULL (out of memory: asked afresh).  GCC 12's
 * -fanalyzer loses the copy once it is stored in the array (the same
 * false leak as guard_home's), here and in the two callers below:
 * cage_guarded_free() frees the entries, and ASan, valgrind and clang's
 * unix.Malloc check it.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
static struct cage_stat_memo *
memo_new(struct cage_stat_memos *m, const char *path, unsigned h)
{
	struct cage_stat_memo *e;
	char *copy;

	if (!m)
		return NULL;
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		void *v = realloc(m->v, cap * sizeof(*m->v));

		if (!v)
			return NULL;
		m->v = v;
		m->cap = cap;
	}
	copy = strdup(path);
	if (!copy)
		return NULL;
	e = &m->v[m->n++];
	e->path = copy;
	e->hash = h;
	return e;
}
/* stat(PATH) as it was the first time the launch asked (the guard's
 * view of the host is taken once, before fork; the child opens what it
 * binds again, with its own checks). */
static int
memo_stat(struct cage_stat_memos *m, const char *path, struct stat *st)
{
	unsigned h = memo_hash(path);
	struct cage_stat_memo *e;

	for (size_t i = 0; m && i < m->n; i++)
		if (m->v[i].hash == h && !strcmp(m->v[i].path, path)) {
			*st = m->v[i].st;
			return m->v[i].err;
		}
	e = memo_new(m, path, h);
	if (!e)
		return stat(path, st) < 0 ? -errno : 0;
	e->err = stat(path, &e->st) < 0 ? -errno : 0;
	*st = e->st;
	return e->err;
}

/* What a lookup of PATH (no symlink in it) found: a stat of it. */
static void
memo_put(struct cage_stat_memos *m, const char *path, const struct stat *st)
{
	unsigned h = memo_hash(path);
	struct cage_stat_memo *e;

	for (size_t i = 0; m && i < m->n; i++)
		if (m->v[i].hash == h && !strcmp(m->v[i].path, path))
			return;
	e = memo_new(m, path, h);
	if (e) {
		e->err = 0;
		e->st = *st;
	}
}
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

static struct cage_guard_entry *
find(const struct cage_guarded *g, const struct stat *st)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i].dev == st->st_dev && g->v[i].ino == st->st_ino)
			return &g->v[i];
	return NULL;
}

static void
guard_dir(struct cage_guarded *g, const char *path, unsigned kind,
	  const char *home)
{
	struct stat st;
	struct cage_guard_entry *e, *v;

	if (g->err || memo_stat(g->memo, path, &st) || !S_ISDIR(st.st_mode))
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
 * same false leak as in isolation.c); cage_guarded_free() frees
 * the list, and ASan, valgrind and clang's unix.Malloc check it.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
/* HOME (symlinks resolved where it exists) and every directory above it. */
static void
guard_home(struct cage_guarded *g, const char *home, bool own)
{
	char up[PATH_MAX], *real, *slash, **v;
	struct stat st;

	if (g->err || !home || home[0] != '/' || strlen(home) >= PATH_MAX)
		return;
	v = realloc(g->homes, (g->nhomes + 1) * sizeof(*v));
	if (!v) {
		g->err = -ENOMEM;
		return;
	}
	g->homes = v;
	real = malloc(PATH_MAX);
	if (real && cage_mounts_realpath(home, real, &st))
		snprintf(real, PATH_MAX, "%s", home); /* missing: as written */
	else if (real)
		memo_put(g->memo, real, &st);
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

/* The home of a line of /etc/passwd (name:password:uid:gid:gecos:home:
 * shell), cut in place; NULL for a line that has none. */
static const char *
passwd_line_home(char *line)
{
	char *s = line, *end;

	if (*s == '#' || *s == '+' || *s == '-')
		return NULL; /* a comment, or NIS's: no home of its own */
	for (int field = 0; field < 5; field++) {
		s = strchr(s, ':');
		if (!s)
			return NULL;
		s++;
	}
	end = s + strcspn(s, ":\n");
	if (*end != ':')
		return NULL; /* no shell field: not a whole line */
	*end = '\0';
	return *s == '/' ? s : NULL;
}

/*
 * $HOME, the home of the user we run as, and that of the user the target
 * runs as (--user): a $HOME set elsewhere must not make ~ writable.  A
 * user without a home (HOME=/ or /nonexistent) still has / guarded.
 * Every other user's home too: root started from /home/bob hands over
 * bob's keys.  Then the system's trees.
 */
void
cage_guarded_init(struct cage_guarded *g, const char *home, bool set_user,
		  uid_t uid)
{
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	memset(g, 0, sizeof(*g));
	g->mounts = calloc(1, sizeof(*g->mounts));
	g->memo = calloc(1, sizeof(*g->memo));
	if (!g->mounts || !g->memo)
		g->err = -ENOMEM;
	guard_dir(g, "/", G_ROOT, NULL);
	guard_home(g, home, true);
	guard_home(g, passwd_home(getuid()), true);
	if (set_user)
		guard_home(g, passwd_home(uid), true);
	/* The file, not NSS: enumerating a directory service may be
	 * slow or refused, and a static binary's NSS modules may crash. */
	f = fopen("/etc/passwd", "re");
	while (f && g->nhomes < 4096 && getline(&line, &cap, f) > 0) {
		const char *dir = passwd_line_home(line);

		if (dir)
			guard_home(g, dir, false);
	}
	free(line);
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

void
cage_guarded_free(struct cage_guarded *g)
{
	for (size_t i = 0; i < g->nhomes; i++)
		free(g->homes[i]);
	free(g->homes);
	free(g->v);
	for (size_t i = 0; g->memo && i < g->memo->n; i++)
		free(g->memo->v[i].path);
	if (g->memo)
		free(g->memo->v);
	free(g->memo);
	if (g->mounts)
		cage_mounts_free(g->mounts);
	free(g->mounts);
}

/*
 * Walk from PATH (absolute, symlinks resolved) up to /: a hidden
 * directory of a home on the way, or a tree of the system before a
 * scratch directory or the user's own home.
 */
static enum cage_guard_verdict
walk(const struct cage_guarded *g, const char *path, struct cage_judgement *j)
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
		const struct cage_guard_entry *e =
			memo_stat(g->memo, up, &st) == 0 ? find(g, &st) : NULL;
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

/*
 * PATH as a rule of the policy's variables: at /, a home or above one,
 * inside a hidden directory of a home, or in a tree of the system
 * (through a bind mount too)?
 */
enum cage_guard_verdict
cage_guarded_judge(const struct cage_guarded *g, const char *path,
		   struct cage_judgement *j)
{
	char real[PATH_MAX], src[PATH_MAX];
	struct stat st;

	j->v = V_OK;
	if (cage_mounts_realpath(path, real, &st))
		return V_OK; /* nothing there: the rule is skipped */
	memo_put(g->memo, real, &st);
	j->at = find(g, &st);
	if (j->at && (j->at->kind & G_ROOT))
		return j->v = V_GUARDED;
	/* /usr holds daemon's home, /var man's: the system's first */
	j->v = walk(g, real, j);
	if (j->v == V_OK && j->at && (j->at->kind & (G_HOME | G_ABOVE)))
		j->v = V_GUARDED;
	if (j->v == V_OK &&
	    !cage_mount_source(g->mounts, real, &st, src, sizeof(src)))
		j->v = walk(g, src, j);
	return j->v;
}

/* Mount MT below the rule's directory RULE: what does it show? */
enum cage_guard_verdict
cage_guarded_judge_mount(const struct cage_guarded *g,
			 const struct cage_mounts *m,
			 const struct cage_mount *mt, const char *rule,
			 struct cage_judgement *j)
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
	for (const struct cage_mount *o = mt + 1; o < m->v + m->n; o++)
		if (!strcmp(o->point, mt->point))
			return V_OK;
	if (!strcmp(mt->type, "devpts") || !strcmp(mt->type, "devtmpfs")) {
		snprintf(j->dir, sizeof(j->dir), "%s",
			 mt->type[3] == 'p' ? "/dev/pts" : "/dev");
		return j->v = V_TERMINALS;
	}
	j->at = find(g, &st);
	if (cage_mounts_shown(m, mt, rule, &st, src, sizeof(src)))
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
