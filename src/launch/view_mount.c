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
open_sources(const struct cage_view_plan *p, int *src, const char **step)
{
	for (size_t i = 0; i < p->n_mounts; i++) {
		const struct cage_view_mount *m = &p->mounts[i];
		int err;

		src[i] = -1;
		if (m->kind != CAGE_VIEW_BIND)
			continue;
		*step = m->what;
		err = cage_view_open_source(m->source, &src[i]);
		if (err == -ENOENT && (m->flags & CAGE_VIEW_OPTIONAL))
			continue;
		if (err)
			return err;
	}
	return 0;
}

static void
close_sources(const struct cage_view_plan *p, int *src)
{
	for (size_t i = 0; i < p->n_mounts; i++)
		if (src[i] >= 0)
			close(src[i]);
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

static int
fresh_tmpfs(const struct cage_view_plan *p, const struct cage_view_mount *m,
	    int root)
{
	char mode[16], uid[16], gid[16];
	const char *opts[] = {"mode", mode, "uid", uid, "gid", gid, NULL};
	int dst, mnt, err;

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
	if (!err) {
		err = cage_view_attach(mnt, dst);
		close(mnt);
	}
	close(dst);
	return err;
}

static int
place(const struct cage_view_plan *p, const struct cage_view_mount *m, int src,
      int *root)
{
	int dst, err;

	switch (m->kind) {
	case CAGE_VIEW_BIND:
		return src < 0 ? 0 : bind_tree(m, src, root);
	case CAGE_VIEW_TMPFS:
		return fresh_tmpfs(p, m, *root);
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
build(const struct cage_view_plan *p, int *src, const char **step)
{
	bool root_bound = false;
	int root = -1, err;

	err = open_sources(p, src, step);
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
	int *src, err;

	if (!(p->ns & CAGE_VIEW_NS_MOUNT))
		return 0;
	*step = "view: allocate";
	src = calloc(p->n_mounts + 1, sizeof(*src));
	if (!src)
		return -ENOMEM;
	/* Directories made for targets are 0755, files 0444, whatever the
	 * caller's umask. */
	mask = umask(0);
	err = build(p, src, step);
	umask(mask);
	close_sources(p, src);
	return err;
}
