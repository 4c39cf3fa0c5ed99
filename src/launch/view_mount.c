// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view's new root.  Order matters:
 *  1. every bind source is opened first, while the host's tree is whole
 *     (the new root is then mounted on /tmp, which may hold sources);
 *  2. the root is an empty tmpfs; the plan's mounts go on it parents
 *     first, each attached by fd on a target made inside it;
 *  3. pivot_root(".", ".") and a lazy detach of the host's root, which
 *     cannot propagate back: / was made a slave before anything;
 *  4. the root tmpfs itself is made read-only: nothing can be added
 *     beside what the plan names.
 */
#include "launch/view_mount.h"
#include "launch/view_dev.h"
#include "launch/view_fs.h"

#include <errno.h>
#include <limits.h>
#include <linux/openat2.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Where the new root is built, in our mount namespace only. */
#define BASE "/tmp"

static int
open_sources(const struct cage_view_plan *p, int *src, int *null,
	     const char **step)
{
	for (size_t i = 0; i < p->n_mounts; i++) {
		const struct cage_view_mount *m = &p->mounts[i];
		int err;

		src[i] = -1;
		if (m->kind == CAGE_VIEW_HIDE) {
			/* What a hidden file shows: a device node on a nodev
			 * mount, which no one can open; one fd for all. */
			*step = m->what;
			if (*null < 0)
				*null = open("/dev/null", O_PATH | O_CLOEXEC);
			if (*null < 0)
				return -errno;
			src[i] = *null;
			continue;
		}
		if (m->kind != CAGE_VIEW_BIND || (m->flags & CAGE_VIEW_LINK))
			continue;
		*step = m->what;
		/* As root for --user: what the target could reach only (a
		 * caller's own launch is the kernel's to check). */
		err = cage_view_open_source_for(
			m->source, p->owner_uid != p->uid ? p->owner_uid : 0,
			p->owner_uid != p->uid ? p->owner_gid : 0, &src[i]);
		if ((err == -ENOENT || err == -EACCES) &&
		    (m->flags & CAGE_VIEW_OPTIONAL))
			continue;
		if (err)
			return err;
	}
	return 0;
}

static void
close_sources(const struct cage_view_plan *p, int *src, int null)
{
	for (size_t i = 0; i < p->n_mounts; i++)
		if (src[i] >= 0 && src[i] != null)
			close(src[i]);
	if (null >= 0)
		close(null);
	free(src);
}

/* SRC's tree at the target; a bind on / becomes the root built on. */
static int
bind_tree(const struct cage_view_mount *m, int src, int *root)
{
	unsigned attr = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV;
	struct stat st;
	int tree, dst, err;

	if (!(m->flags & CAGE_VIEW_WRITE))
		attr |= MOUNT_ATTR_RDONLY;
	if (!(m->flags & CAGE_VIEW_EXEC))
		attr |= MOUNT_ATTR_NOEXEC;
	if (fstat(src, &st) < 0)
		return -errno;
	err = cage_view_clone(src, "", true, attr, &tree);
	if (err)
		return err;
	err = cage_view_make_target(*root, m->target, S_ISDIR(st.st_mode),
				    &dst);
	if (!err) {
		err = cage_view_attach(tree, dst);
		close(dst);
	}
	if (!err && strcmp(m->target, "/") == 0) {
		close(*root);
		*root = tree;
		return 0;
	}
	close(tree);
	return err;
}

/* private gitconfig: the sanitised text as the home's .gitconfig, the
 * home owner's, which the job may change (the home is its scratch). */
static int
write_gitconfig(const struct cage_view_plan *p, int home)
{
	size_t len = strlen(p->gitconfig), off = 0;
	int fd = openat(home, ".gitconfig",
			O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			0644);
	int err = 0;

	if (fd < 0)
		return -errno;
	while (!err && off < len) {
		ssize_t n = write(fd, p->gitconfig + off, len - off);

		if (n < 0 && errno != EINTR)
			err = -errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (!err && fchown(fd, p->owner_uid, p->owner_gid) < 0)
		err = -errno;
	close(fd);
	return err;
}

static int
fresh_tmpfs(const struct cage_view_plan *p, const struct cage_view_mount *m,
	    int root)
{
	char mode[16], uid[16], gid[16];
	const char *opts[] = {"mode", mode, "uid", uid, "gid", gid, NULL};
	int dst, mnt = -1, err;

	snprintf(mode, sizeof(mode), "%04o", m->mode);
	snprintf(uid, sizeof(uid), "%u", (unsigned)p->owner_uid);
	snprintf(gid, sizeof(gid), "%u", (unsigned)p->owner_gid);
	if (!m->owned)
		opts[2] = NULL;
	err = cage_view_make_target(root, m->target, true, &dst);
	if (err)
		return err;
	err = cage_view_new_fs("tmpfs", opts,
			       MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, &mnt);
	if (!err)
		err = cage_view_attach(mnt, dst);
	if (!err && m->owned && p->gitconfig && p->home &&
	    !strcmp(m->target, p->home))
		err = write_gitconfig(p, mnt);
	if (mnt >= 0)
		close(mnt);
	close(dst);
	return err;
}

/* A symbolic link on the way to PATH: -ENOENT if PATH, links followed
 * inside the new root, leads to nothing (a link out of the view dangles
 * there), else -ELOOP: what it leads to cannot be covered through it. */
static int
through_link(int root, const char *path)
{
	struct open_how how = {.flags = O_PATH | O_CLOEXEC,
			       .resolve =
				       RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
	int fd = (int)syscall(SYS_openat2, root,
			      path[0] == '/' ? path + 1 : path, &how,
			      sizeof(how));

	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? -ENOENT : -ELOOP;
	close(fd);
	return -ELOOP;
}

/*
 * 'fs none': what the binds put at the target is covered.  A directory by
 * an empty read-only tmpfs of mode 0, anything else by /dev/null on a
 * nodev, read-only mount (open fails with EACCES).  A target that is not
 * there is not made: nothing shows.  A symlink cannot be covered (a mount
 * on it would land on what it points to): unless it leads nowhere in the
 * view, the launch stops, naming it.
 */
static int
hide(const struct cage_view_mount *m, int null, int root)
{
	static const char *const opts[] = {"mode", "0000", "size", "4k", NULL};
	unsigned attr = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;
	struct stat st;
	int dst = -1, cover = -1;
	int err = cage_view_find_target(root, m->target, &dst);

	if (err == -ELOOP)
		err = through_link(root, m->target);
	if (err == -ENOENT || err == -ENOTDIR)
		return 0;
	if (err)
		return err;
	if (fstat(dst, &st) < 0)
		err = -errno;
	else if (S_ISDIR(st.st_mode))
		err = cage_view_new_fs("tmpfs", opts, attr, &cover);
	else
		err = cage_view_clone(null, "", false, attr, &cover);
	if (!err) {
		err = cage_view_attach(cover, dst);
		close(cover);
	}
	close(dst);
	return err;
}

/* The host's link, as the plan read it, made in the new root. */
static int
make_link(const struct cage_view_mount *m, int root)
{
	const char *slash = strrchr(m->target, '/');
	char dir[PATH_MAX];
	int dfd, err;

	if (!slash || !slash[1])
		return -EINVAL;
	snprintf(dir, sizeof(dir), "%.*s",
		 slash == m->target ? 1 : (int)(slash - m->target), m->target);
	err = cage_view_make_target(root, dir, true, &dfd);
	if (err)
		return err;
	if (symlinkat(m->link, dfd, slash + 1) < 0)
		err = -errno;
	close(dfd);
	return err;
}

static int
place(const struct cage_view_plan *p, const struct cage_view_mount *m, int src,
      int *root)
{
	int dst, err;

	switch (m->kind) {
	case CAGE_VIEW_BIND:
		if (m->flags & CAGE_VIEW_LINK)
			return make_link(m, *root);
		return src < 0 ? 0 : bind_tree(m, src, root);
	case CAGE_VIEW_TMPFS:
		return fresh_tmpfs(p, m, *root);
	case CAGE_VIEW_HIDE:
		return hide(m, src, *root);
	case CAGE_VIEW_DEV:
	case CAGE_VIEW_PROC:
		break;
	}
	err = cage_view_make_target(*root, m->target, true, &dst);
	if (err)
		return err;
	if (m->kind == CAGE_VIEW_DEV)
		err = cage_view_dev(dst);
	else
		err = cage_view_proc(dst, p->ns & CAGE_VIEW_NS_PID);
	close(dst);
	return err;
}

static int
new_root(int *root, const char **step)
{
	static const char *const opts[] = {"mode", "0755", NULL};
	int base, err;

	*step = "open " BASE " to build the new root on";
	base = open(BASE, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (base < 0)
		return -errno;
	*step = "mount the new root (tmpfs)";
	err = cage_view_new_fs("tmpfs", opts,
			       MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, root);
	if (!err) {
		err = cage_view_attach(*root, base);
		if (err)
			close(*root);
	}
	close(base);
	return err;
}

static int
pivot(const struct cage_view_plan *p, int root, bool root_bound,
      const char **step)
{
	struct mount_attr ro = {.attr_set = MOUNT_ATTR_RDONLY};

	*step = "chdir to the new root";
	if (fchdir(root) < 0)
		return -errno;
	*step = "pivot_root";
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return -errno;
	*step = "detach the host's root";
	if (umount2(".", MNT_DETACH) < 0)
		return -errno;
	*step = "chdir /";
	if (chdir("/") < 0)
		return -errno;
	*step = "make the new root read-only";
	if (!root_bound && mount_setattr(AT_FDCWD, "/", 0, &ro, sizeof(ro)) < 0)
		return -errno;
	/* Outside the view, the target starts at /. */
	if (p->cwd && chdir(p->cwd) < 0 && chdir("/") < 0)
		return -errno;
	return 0;
}

static int
build(const struct cage_view_plan *p, int *src, int *null, const char **step)
{
	bool root_bound = false;
	int root = -1, err;

	err = open_sources(p, src, null, step);
	if (!err)
		err = new_root(&root, step);
	for (size_t i = 0; !err && i < p->n_mounts; i++) {
		*step = p->mounts[i].what;
		err = place(p, &p->mounts[i], src[i], &root);
		if (!err && p->mounts[i].kind == CAGE_VIEW_BIND &&
		    src[i] >= 0 && strcmp(p->mounts[i].target, "/") == 0)
			root_bound = true;
	}
	if (!err)
		err = pivot(p, root, root_bound, step);
	if (root >= 0)
		close(root);
	return err;
}

int
cage_view_mount(const struct cage_view_plan *p, const char **step)
{
	mode_t mask;
	int *src, null = -1, err;

	if (!(p->ns & CAGE_VIEW_NS_MOUNT))
		return 0;
	*step = "view: allocate";
	src = malloc((p->n_mounts + 1) * sizeof(*src));
	if (!src)
		return -ENOMEM;
	for (size_t i = 0; i <= p->n_mounts; i++)
		src[i] = -1; /* what open_sources does not reach stays closed */
	/* Directories made for targets are 0755, files 0444, whatever the
	 * caller's umask. */
	mask = umask(0);
	err = build(p, src, &null, step);
	umask(mask);
	close_sources(p, src, null);
	return err;
}
