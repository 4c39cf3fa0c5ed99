// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view's /dev and /proc, as bubblewrap's --dev and --proc
 * make them: device nodes bound from the host (a tmpfs made in a user
 * namespace cannot hold working ones), a devpts instance of our own.
 */
#include "launch/view_dev.h"
#include "launch/view_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define NODE_ATTR (MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC)

static int
bind_node(int dev, const char *name, int src)
{
	char path[NAME_MAX + 2];
	int tree, dst, err;

	snprintf(path, sizeof(path), "/%s", name);
	err = cage_view_clone(src, "", false, NODE_ATTR, &tree);
	if (err)
		return err;
	err = cage_view_make_target(dev, path, false, &dst);
	if (!err) {
		err = cage_view_attach(tree, dst);
		close(dst);
	}
	close(tree);
	return err;
}

/* The host name of our controlling terminal if one of fds 0-2 is it,
 * opened by a safe walk and checked to be that very device; else -1. */
static int
open_own_tty(void)
{
	char link[32], name[PATH_MAX];
	struct stat fst, st;

	for (int fd = 0; fd < 3; fd++) {
		ssize_t n;
		int src;

		if (!isatty(fd) || tcgetsid(fd) != getsid(0) ||
		    fstat(fd, &fst) < 0)
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		n = readlink(link, name, sizeof(name) - 1);
		if (n <= 5)
			continue;
		name[n] = '\0';
		if (strncmp(name, "/dev/", 5) ||
		    cage_view_open_source(name, &src))
			continue;
		if (fstat(src, &st) == 0 && S_ISCHR(st.st_mode) &&
		    st.st_rdev == fst.st_rdev)
			return src;
		close(src);
	}
	return -1;
}

static int
bind_host_nodes(int dev)
{
	static const char *const nodes[] = {"null",   "zero",	 "full",
					    "random", "urandom", "tty"};
	char path[32];
	int err = 0, src;

	for (size_t i = 0; !err && i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		snprintf(path, sizeof(path), "/dev/%s", nodes[i]);
		err = cage_view_open_source(path, &src);
		if (err)
			break;
		err = bind_node(dev, nodes[i], src);
		close(src);
	}
	src = err ? -1 : open_own_tty();
	if (src >= 0) {
		err = bind_node(dev, "console", src);
		close(src);
	}
	return err;
}

static int
devpts(int dev)
{
	static const char *const opts[] = {
		"newinstance", NULL, "ptmxmode", "0666", "mode", "0620", NULL};
	int pts, mnt, err;

	err = cage_view_make_target(dev, "/pts", true, &pts);
	if (err)
		return err;
	err = cage_view_new_fs("devpts", opts,
			       MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, &mnt);
	if (!err) {
		err = cage_view_attach(mnt, pts);
		close(mnt);
	}
	close(pts);
	return err;
}

static int
links(int dev)
{
	static const char *const pairs[] = {
		"ptmx",	  "pts/ptmx",	     "fd",     "/proc/self/fd",
		"stdin",  "/proc/self/fd/0", "stdout", "/proc/self/fd/1",
		"stderr", "/proc/self/fd/2", NULL};

	for (const char *const *l = pairs; *l; l += 2)
		if (symlinkat(l[1], dev, l[0]) < 0)
			return -errno;
	return 0;
}

int
cage_view_dev(int target)
{
	static const char *const opts[] = {"mode", "0755", NULL};
	int dev, err;

	err = cage_view_new_fs("tmpfs", opts,
			       MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, &dev);
	if (err)
		return err;
	err = cage_view_attach(dev, target);
	if (!err)
		err = bind_host_nodes(dev);
	if (!err)
		err = devpts(dev);
	if (!err)
		err = links(dev);
	close(dev);
	return err;
}

/* What a writable /proc would let root change on the host. */
static int
cover_proc(int proc)
{
	static const char *const covered[] = {"sys", "sysrq-trigger", "irq",
					      "bus"};
	const unsigned attr = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
			      MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;

	for (size_t i = 0; i < sizeof(covered) / sizeof(covered[0]); i++) {
		int tree, dst, err;

		err = cage_view_clone(proc, covered[i], true, attr, &tree);
		if (err == -ENOENT)
			continue;
		if (err)
			return err;
		dst = openat(proc, covered[i], O_PATH | O_NOFOLLOW | O_CLOEXEC);
		err = dst < 0 ? -errno : cage_view_attach(tree, dst);
		if (dst >= 0)
			close(dst);
		close(tree);
		if (err)
			return err;
	}
	return 0;
}

int
cage_view_proc(int target, bool fresh)
{
	const unsigned attr =
		MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;
	int proc, src, err;

	if (fresh) {
		err = cage_view_new_fs("proc", NULL, attr, &proc);
	} else {
		err = cage_view_open_source("/proc", &src);
		if (err)
			return err;
		err = cage_view_clone(src, "", true, attr, &proc);
		close(src);
	}
	if (err)
		return err;
	err = cage_view_attach(proc, target);
	if (!err)
		err = cover_proc(proc);
	close(proc);
	return err;
}
