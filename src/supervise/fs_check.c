// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The user-space model of the file-system layers, for the report only
 * (fs_check.h): Landlock grants an access to a path when some rule of
 * each layer on the path or a directory above it grants it; the view
 * holds a path when it is on or under one of its paths, or on the way to
 * one.  A path is checked lexically first (cheap: nothing is read but
 * the target's memory); only what that finds refused is looked at again
 * through the host's symbolic links, and reported only if it exists
 * (else the target got ENOENT, the layers had nothing to do with it).
 */
#include "supervise/fs_check.h"
#include "supervise/fs_explain.h"
#include "supervise/fs_read.h"
#include "supervise/net_check.h"
#include "base/syscalls.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct rule {
	char *path;
	size_t len;
	unsigned access;
	const char *file;
	unsigned line;
};

struct layer {
	const char *policy;
	struct rule *v;
	size_t n;
};

struct vpath {
	char *path;
	size_t len;
	bool write, empty, hidden;
};

/* What a call does to its path(s). */
enum op {
	OP_OPEN,    /* by its flags: read, write, create */
	OP_CREAT,   /* create, or write */
	OP_EXEC,    /* execute */
	OP_LOOKUP,  /* the view alone: Landlock does not mediate these */
	OP_MAKE,    /* create in the parent (the second path if two) */
	OP_REMOVE,  /* remove from the parent */
	OP_RENAME,  /* remove from one parent, create in the other */
	OP_TRUNC,   /* write */
	OP_CONNECT, /* a Unix socket file: the view alone */
};

struct call {
	const char *name;
	enum op op;
	/* Argument indexes: the directory fd (-1: AT_FDCWD), the path, the
	 * second pair (-1: none), the open flags. */
	signed char dirfd, path, dirfd2, path2, flags;
};

static const struct call calls[] = {
	{"open", OP_OPEN, -1, 0, -1, -1, 1},
	{"openat", OP_OPEN, 0, 1, -1, -1, 2},
	{"creat", OP_CREAT, -1, 0, -1, -1, -1},
	{"execve", OP_EXEC, -1, 0, -1, -1, -1},
	{"execveat", OP_EXEC, 0, 1, -1, -1, -1},
	{"truncate", OP_TRUNC, -1, 0, -1, -1, -1},
	{"mkdir", OP_MAKE, -1, 0, -1, -1, -1},
	{"mkdirat", OP_MAKE, 0, 1, -1, -1, -1},
	{"mknod", OP_MAKE, -1, 0, -1, -1, -1},
	{"mknodat", OP_MAKE, 0, 1, -1, -1, -1},
	{"symlink", OP_MAKE, -1, -1, -1, 1, -1},
	{"symlinkat", OP_MAKE, -1, -1, 1, 2, -1},
	{"link", OP_MAKE, -1, -1, -1, 1, -1},
	{"linkat", OP_MAKE, -1, -1, 2, 3, -1},
	{"unlink", OP_REMOVE, -1, 0, -1, -1, -1},
	{"rmdir", OP_REMOVE, -1, 0, -1, -1, -1},
	{"unlinkat", OP_REMOVE, 0, 1, -1, -1, -1},
	{"rename", OP_RENAME, -1, 0, -1, 1, -1},
	{"renameat", OP_RENAME, 0, 1, 2, 3, -1},
	{"renameat2", OP_RENAME, 0, 1, 2, 3, -1},
	{"connect", OP_CONNECT, -1, -1, -1, -1, -1},
	/* Only with a view: */
	{"stat", OP_LOOKUP, -1, 0, -1, -1, -1},
	{"lstat", OP_LOOKUP, -1, 0, -1, -1, -1},
	{"newfstatat", OP_LOOKUP, 0, 1, -1, -1, -1},
	{"statx", OP_LOOKUP, 0, 1, -1, -1, -1},
	{"access", OP_LOOKUP, -1, 0, -1, -1, -1},
	{"faccessat", OP_LOOKUP, 0, 1, -1, -1, -1},
	{"faccessat2", OP_LOOKUP, 0, 1, -1, -1, -1},
	{"readlink", OP_LOOKUP, -1, 0, -1, -1, -1},
	{"readlinkat", OP_LOOKUP, 0, 1, -1, -1, -1},
	{"chdir", OP_LOOKUP, -1, 0, -1, -1, -1},
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

struct cage_fs_check {
	struct layer *layers;
	size_t nlayers;
	struct vpath *view;
	size_t nview;
	int view_state;		    /* CAGE_FS_VIEW_* */
	struct cage_net_check *net; /* TCP connects, or NULL */
	char home[CAGE_PATH_MAX];
	int nr[NCALLS]; /* -1: not routed */
};

/* What one path is to get: an access, or a place in the view. */
struct want {
	const char *word; /* for the user */
	unsigned access;  /* CAGE_FS_*; 0: the view alone */
	bool parent;	  /* the access is the parent directory's */
	bool view_only;
	/* The path itself must exist (remove, rename), or must not
	 * (create): else the kernel fails the lookup before Landlock. */
	signed char exists; /* 1, -1, or 0: either */
};

/* P is D or below it (D without a trailing slash, but "/"). */
static bool
under(const char *p, const char *d, size_t dlen)
{
	if (dlen == 1 && d[0] == '/')
		return true;
	return !strncmp(p, d, dlen) && (p[dlen] == '/' || p[dlen] == '\0');
}

static int
add_layer(struct cage_fs_check *c, const struct cage_policy *pol,
	  const struct cage_vars *vars)
{
	const struct cage_isolation *iso = &pol->iso;
	struct layer *l = &c->layers[c->nlayers];
	char path[CAGE_PATH_MAX];

	l->policy = pol->name;
	l->v = calloc(iso->nfs, sizeof(*l->v));
	if (!l->v)
		return -ENOMEM;
	c->nlayers++;
	for (size_t i = 0; i < iso->nfs; i++) {
		const struct cage_fs_rule *r = &iso->fs[i];
		struct rule *d = &l->v[l->n];

		if (cage_fs_path_is_tty(r->path) ||
		    cage_fs_path_expand(r->path, vars, path, sizeof(path)))
			continue; /* $TTY, or a variable without a value */
		if (!(d->path = strdup(path)))
			return -ENOMEM;
		d->len = strlen(path);
		while (d->len > 1 && d->path[d->len - 1] == '/')
			d->path[--d->len] = '\0';
		d->access = r->access;
		d->file = r->loc.file ? r->loc.file->name : NULL;
		d->line = r->loc.line;
		l->n++;
	}
	return 0;
}

static int
add_view(struct cage_fs_check *c, const struct cage_fs_view_path *view,
	 size_t n)
{
	c->view = calloc(n ? n : 1, sizeof(*c->view));
	if (!c->view)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct vpath *v = &c->view[c->nview];

		if (!(v->path = strdup(view[i].path)))
			return -ENOMEM;
		v->len = strlen(v->path);
		v->write = view[i].write;
		v->empty = view[i].empty;
		v->hidden = view[i].hidden;
		c->nview++;
	}
	return 0;
}

int
cage_fs_check_new(struct cage_policy *const *pols, size_t n,
		  const struct cage_vars *vars,
		  const struct cage_fs_view_path *view, size_t nview,
		  int view_state, bool loopback_only,
		  struct cage_fs_check **out)
{
	struct cage_fs_check *c;
	struct cage_net_check *net;
	size_t nfs = 0;
	int err = cage_net_check_new(pols, n, loopback_only, &net);

	*out = NULL;
	if (err)
		return err;
	for (size_t i = 0; i < n; i++)
		nfs += pols[i]->iso.nfs;
	if (!nfs && view_state == CAGE_FS_VIEW_NONE && !net)
		return 0;
	c = calloc(1, sizeof(*c));
	if (!c || !(c->layers = calloc(n ? n : 1, sizeof(*c->layers)))) {
		free(c);
		cage_net_check_free(net);
		return -ENOMEM;
	}
	c->net = net;
	for (size_t i = 0; i < n && !err; i++)
		if (pols[i]->iso.nfs)
			err = add_layer(c, pols[i], vars);
	c->view_state = view_state;
	if (!err)
		err = add_view(c, view, nview);
	snprintf(c->home, sizeof(c->home), "%s", vars->home);
	for (size_t i = 0; i < NCALLS; i++)
		c->nr[i] = calls[i].op == OP_LOOKUP &&
					   view_state == CAGE_FS_VIEW_NONE
				   ? -1
				   : cage_syscall_number(calls[i].name);
	if (err)
		cage_fs_check_free(c);
	else
		*out = c;
	return err;
}

void
cage_fs_check_free(struct cage_fs_check *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nlayers; i++) {
		for (size_t k = 0; k < c->layers[i].n; k++)
			free(c->layers[i].v[k].path);
		free(c->layers[i].v);
	}
	for (size_t i = 0; i < c->nview; i++)
		free(c->view[i].path);
	free(c->layers);
	free(c->view);
	cage_net_check_free(c->net);
	free(c);
}

size_t
cage_fs_check_calls(const struct cage_fs_check *c, int *nrs, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; c && i < NCALLS && n < max; i++)
		if (c->nr[i] >= 0)
			nrs[n++] = c->nr[i];
	return n;
}

static const struct call *
call_of(const struct cage_fs_check *c, int nr)
{
	for (size_t i = 0; c && nr >= 0 && i < NCALLS; i++)
		if (c->nr[i] == nr)
			return &calls[i];
	return NULL;
}

bool
cage_fs_check_watches(const struct cage_fs_check *c, int nr)
{
	return call_of(c, nr) != NULL;
}

/* The access the rules of L grant on P (those on it and above it add
 * up), and the nearest of them. */
static unsigned
granted(const struct layer *l, const char *p, const struct rule **nearest)
{
	unsigned a = 0;
	size_t best = 0;

	*nearest = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct rule *r = &l->v[i];

		if (!under(p, r->path, r->len))
			continue;
		a |= r->access;
		if (r->len >= best) {
			best = r->len;
			*nearest = r;
		}
	}
	return a;
}

static unsigned
l_granted(const struct layer *l, const char *p)
{
	const struct rule *r;

	return granted(l, p, &r);
}

/* The first layer that does not grant ACCESS on P, or NULL. */
static const struct layer *
refusing_layer(const struct cage_fs_check *c, const char *p, unsigned access,
	       const struct rule **nearest)
{
	for (size_t i = 0; i < c->nlayers; i++)
		if (access & ~granted(&c->layers[i], p, nearest))
			return &c->layers[i];
	*nearest = NULL;
	return NULL;
}

enum vstate { V_IN, V_ABSENT, V_HIDDEN, V_READONLY, V_NONE };

/* Where P is in the view: the deepest view path it is on or under
 * (*WHERE), or on the way to one. */
static enum vstate
view_state(const struct cage_fs_check *c, const char *p, bool write,
	   const struct vpath **where)
{
	size_t best = 0, plen = strlen(p);

	*where = NULL;
	for (size_t i = 0; i < c->nview; i++) {
		const struct vpath *v = &c->view[i];

		if (under(p, v->path, v->len) && v->len >= best) {
			best = v->len;
			*where = &c->view[i];
		}
	}
	if (!*where) {
		for (size_t i = 0; i < c->nview; i++)
			if (under(c->view[i].path, p, plen))
				return V_IN; /* a directory on the way */
		return V_ABSENT;
	}
	if ((*where)->hidden)
		return V_NONE; /* 'fs none': the node, or nothing below it */
	if ((*where)->empty)
		return (*where)->len < plen ? V_HIDDEN : V_IN;
	return write && !(*where)->write ? V_READONLY : V_IN;
}

/* P exists where the target looks: through its root when its view is
 * made (the host's path may be hidden there), else on the host. */
static bool
exists_for(const struct cage_fs_check *c, pid_t pid, const char *p)
{
	char buf[CAGE_PATH_MAX + 32];
	struct stat st;

	if (c->view_state != CAGE_FS_VIEW_MADE)
		return lstat(p, &st) == 0;
	if (snprintf(buf, sizeof(buf), "/proc/%d/root%s", (int)pid, p) >=
	    (int)sizeof(buf))
		return false;
	return fstatat(AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static void
parent_of(const char *p, char *out, size_t size)
{
	const char *slash = strrchr(p, '/');
	size_t n = slash && slash != p ? (size_t)(slash - p) : 1;

	snprintf(out, size, "%.*s", (int)n, p);
}

/* Seen through the host's symbolic links, P is granted after all. */
static bool
granted_really(const struct cage_fs_check *c, const char *p, unsigned access)
{
	char real[PATH_MAX];
	const struct rule *near;

	if (c->view_state == CAGE_FS_VIEW_MADE || !realpath(p, real))
		return false;
	return strcmp(real, p) && !refusing_layer(c, real, access, &near);
}

/*
 * The view, as the kernel meets it first: a path it lacks fails the
 * lookup (ENOENT), a read-only bind the write (EROFS), both before
 * Landlock.  V_IN when it lets the call on to Landlock, or when the path
 * is nowhere (the host lacks it: plain ENOENT, not ours to name).
 */
static enum vstate
view_refuses(const struct cage_fs_check *c, pid_t pid, const char *at,
	     const struct want *w, const struct vpath **vp)
{
	struct stat st;
	enum vstate vs;

	*vp = NULL;
	if (c->view_state == CAGE_FS_VIEW_NONE)
		return V_IN;
	vs = view_state(c, at, w->access & CAGE_FS_WRITE, vp);
	if (vs == V_READONLY)
		return exists_for(c, pid, at) ? vs : V_IN;
	if (vs == V_NONE) /* its node stands in the view: the host says */
		return lstat(at, &st) == 0 ? vs : V_IN;
	if (vs == V_IN || lstat(at, &st) < 0)
		return V_IN;
	/* Made: the target's own root says (it may have made the path). */
	if (c->view_state == CAGE_FS_VIEW_MADE && exists_for(c, pid, at))
		return V_IN;
	return vs;
}

/* The Landlock layer that refuses W on AT (P's parent, or P), or NULL
 * when none, or when the lookup fails first (ENOENT, EEXIST). */
static const struct layer *
landlock_refuses(const struct cage_fs_check *c, pid_t pid, const char *p,
		 const char *at, const struct want *w, const struct rule **near)
{
	const struct layer *l;

	*near = NULL;
	if (w->view_only || !w->access)
		return NULL;
	l = refusing_layer(c, at, w->access, near);
	if (l && (!exists_for(c, pid, at) ||
		  (w->exists && exists_for(c, pid, p) != (w->exists > 0)) ||
		  granted_really(c, at, w->access)))
		return NULL; /* ENOENT or EEXIST first, or a link to a grant */
	return l;
}

/* 1 when W on P would be refused, with *F; 0 when not. */
static int
check_one(const struct cage_fs_check *c, pid_t pid, const char *p,
	  const struct want *w, struct cage_fs_finding *f)
{
	char at[CAGE_PATH_MAX], esc[sizeof(f->path)];
	const struct rule *near = NULL;
	const struct layer *l = NULL;
	const struct vpath *vp;
	enum vstate vs;

	if (w->parent)
		parent_of(p, at, sizeof(at));
	else
		snprintf(at, sizeof(at), "%s", p);
	vs = view_refuses(c, pid, at, w, &vp);
	if (vs == V_IN && !(l = landlock_refuses(c, pid, p, at, w, &near)))
		return 0;
	f->want = w->word;
	f->errnum = l || vs == V_NONE  ? EACCES
		    : vs == V_READONLY ? EROFS
				       : ENOENT;
	if (l && near)
		cage_fs_say_rule(l->policy, near->path, near->access,
				 near->file, near->line, l_granted(l, at), f);
	else if (l)
		cage_fs_say_rule(l->policy, NULL, 0, NULL, 0, 0, f);
	else
		cage_fs_say_view(vs == V_HIDDEN, vs == V_READONLY, vs == V_NONE,
				 vp ? vp->path : "", f);
	/* What 'fs none' hides (keys, tokens) gets no suggestion. */
	if (vs != V_NONE)
		cage_fs_say_allow(c->home, w->parent ? at : p,
				  w->access ? w->access : CAGE_FS_READ, f);
	else
		snprintf(f->withheld, sizeof(f->withheld), "hidden on purpose");
	snprintf(f->path, sizeof(f->path), "%s",
		 cage_text_shown(p, esc, sizeof(esc)));
	return 1;
}

/* What open(2)'s FLAGS want of P. */
static bool
open_want(const struct cage_fs_check *c, pid_t pid, const char *p,
	  uint64_t flags, struct want *w)
{
	unsigned acc = (unsigned)flags & O_ACCMODE;
	bool rd = acc != O_WRONLY, wr = acc != O_RDONLY || (flags & O_TRUNC);

	if (flags & O_PATH)
		return false; /* no access to the file itself */
	if ((flags & O_CREAT) && !exists_for(c, pid, p)) {
		*w = (struct want){"create", CAGE_FS_WRITE, true, false, 0};
		return true;
	}
	w->access = (rd ? CAGE_FS_READ : 0) | (wr ? CAGE_FS_WRITE : 0);
	w->word = rd && wr ? "read and write" : wr ? "write" : "read";
	return true;
}

/* What call K wants of its path P (the first, or SECOND). */
static bool
want_of(const struct cage_fs_check *c, pid_t pid, const struct call *k,
	const uint64_t args[6], const char *p, bool second, struct want *w)
{
	memset(w, 0, sizeof(*w));
	switch (k->op) {
	case OP_OPEN:
		return open_want(c, pid, p, args[k->flags], w);
	case OP_CREAT:
		return open_want(c, pid, p, O_WRONLY | O_CREAT | O_TRUNC, w);
	case OP_EXEC:
		*w = (struct want){"execute", CAGE_FS_EXEC, false, false};
		return true;
	case OP_TRUNC:
		*w = (struct want){"write", CAGE_FS_WRITE, false, false};
		return true;
	case OP_MAKE:
		*w = (struct want){"create", CAGE_FS_WRITE, true, false, -1};
		return true;
	case OP_REMOVE:
	case OP_RENAME:
		*w = (struct want){k->op == OP_REMOVE ? "remove"
				   : second	      ? "rename to"
						      : "rename",
				   CAGE_FS_WRITE, true, false, second ? 0 : 1};
		return true;
	case OP_CONNECT:
		*w = (struct want){"connect", 0, false, true};
		return true;
	default:
		*w = (struct want){"look up", 0, false, true};
		return true;
	}
}

/* The path of argument PATH (directory fd at DIRFD, -1: AT_FDCWD). */
static int
check_arg(const struct cage_fs_check *c, pid_t pid, const struct call *k,
	  const uint64_t args[6], int dirfd, int path, bool second,
	  struct cage_fs_finding *f)
{
	char raw[CAGE_PATH_MAX], abs[CAGE_PATH_MAX];
	struct want w;
	ssize_t n;

	if (k->op == OP_CONNECT)
		n = cage_fs_read_unix_path(pid, args[1], args[2], raw,
					   sizeof(raw));
	else
		n = cage_fs_read_string(pid, args[path], raw, sizeof(raw));
	if (n <= 0) /* unreadable, or empty (AT_EMPTY_PATH: the fd) */
		return 0;
	if (cage_fs_absolute(pid, dirfd < 0 ? AT_FDCWD : (int)args[dirfd], raw,
			     abs, sizeof(abs)))
		return 0;
	if (!want_of(c, pid, k, args, abs, second, &w))
		return 0;
	return check_one(c, pid, abs, &w, f);
}

int
cage_fs_check_call(const struct cage_fs_check *c, pid_t pid, int nr,
		   const uint64_t args[6], struct cage_fs_finding *f)
{
	const struct call *k = call_of(c, nr);
	int r = 0;

	if (!k || pid <= 0)
		return 0;
	memset(f, 0, sizeof(*f));
	if (k->op == OP_CONNECT && c->net &&
	    (r = cage_net_check_connect(c->net, pid, args, f)) >= 0)
		return r;
	r = 0;
	if (k->path >= 0 || k->op == OP_CONNECT)
		r = check_arg(c, pid, k, args, k->dirfd, k->path, false, f);
	if (!r && k->path2 >= 0)
		r = check_arg(c, pid, k, args, k->dirfd2, k->path2, true, f);
	return r;
}
