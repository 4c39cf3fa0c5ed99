// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The private view's filesystem primitives.  Everything is done by fd:
 * a source is resolved once, cloned as a detached tree, given its
 * attributes (recursively, so that submounts are read-only too), and
 * attached on a target made inside the new root; no path is looked up
 * twice.
 */
#include "launch/view_fs.h"

#include <errno.h>
#include <sys/syscall.h>
#include <linux/openat2.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINKS 40

/* The next component of *S into NAME (advancing *S); 0 at the end. */
static int
next_name(const char **s, char name[NAME_MAX + 1])
{
	size_t len;

	while (**s == '/')
		(*s)++;
	len = strcspn(*s, "/");
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, *s, len);
	name[len] = '\0';
	*s += len;
	return (int)len;
}

uid_t
cage_view_overflow_uid(void)
{
	char buf[16] = "";
	ssize_t n;
	int fd = open("/proc/sys/kernel/overflowuid", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return (uid_t)-1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? (uid_t)strtoul(buf, NULL, 10) : (uid_t)-1;
}

/* Root, or in a user namespace that does not map root, the overflow uid
 * it shows instead (kernel.overflowuid): never the caller's own. */
static bool
root_owned(uid_t uid)
{
	if (uid == 0)
		return true;
	if (uid == getuid())
		return false;
	return uid == cage_view_overflow_uid();
}

static bool
trusted_link(int dir, int link)
{
	struct stat d, l;

	if (fstat(dir, &d) < 0 || fstat(link, &l) < 0)
		return false;
	return root_owned(l.st_uid) && root_owned(d.st_uid) &&
	       !(d.st_mode & (S_IWGRP | S_IWOTH));
}

/* REST becomes the link's text followed by what was left of the walk;
 * an absolute link restarts the walk at /. */
static int
follow(int *dir, int link, char *rest, const char *left)
{
	char text[PATH_MAX], joined[PATH_MAX];
	ssize_t n = readlinkat(link, "", text, sizeof(text) - 1);

	if (n <= 0)
		return n < 0 ? -errno : -ENOENT;
	text[n] = '\0';
	if ((size_t)snprintf(joined, sizeof(joined), "%s/%s", text, left) >=
	    sizeof(joined))
		return -ENAMETOOLONG;
	memcpy(rest, joined, strlen(joined) + 1); /* both PATH_MAX */
	if (text[0] == '/') {
		int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);

		if (root < 0)
			return -errno;
		close(*dir);
		*dir = root;
	}
	return 0;
}

/* May UID:GID (no other group) search directory ST? */
static bool
may_search(const struct stat *st, uid_t uid, gid_t gid)
{
	if (uid == 0)
		return true;
	if (st->st_uid == uid)
		return st->st_mode & S_IXUSR;
	if (st->st_gid == gid)
		return st->st_mode & S_IXGRP;
	return st->st_mode & S_IXOTH;
}

int
cage_view_open_source(const char *path, int *out)
{
	return cage_view_open_source_for(path, 0, 0, out);
}

int
cage_view_open_plain(const char *path)
{
	struct open_how how = {.flags = O_PATH | O_CLOEXEC,
			       .resolve = RESOLVE_NO_SYMLINKS |
					  RESOLVE_NO_MAGICLINKS};
	int fd = (int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));

	return fd < 0 ? -1 : fd;
}

int
cage_view_open_source_for(const char *path, uid_t uid, gid_t gid, int *out)
{
	char rest[PATH_MAX], name[NAME_MAX + 1];
	const char *s = rest;
	int dir, links = 0, err = 0, len;

	if ((size_t)snprintf(rest, sizeof(rest), "%s", path) >= sizeof(rest))
		return -ENAMETOOLONG;
	/* No reach to check (uid 0): one openat2 where it can be; missing
	 * before any symlink is missing (a lookup that met a link first
	 * says ELOOP), with nothing to walk. */
	if (!uid && path[0] == '/') {
		dir = cage_view_open_plain(path);
		if (dir >= 0) {
			*out = dir;
			return 0;
		}
		if (errno == ENOENT || errno == ENOTDIR)
			return -errno;
	}
	dir = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return -errno;
	while (!err && (len = next_name(&s, name)) != 0) {
		struct stat st;
		int fd;

		if (len < 0) {
			err = len;
			break;
		}
		if (strcmp(name, ".") == 0)
			continue;
		if (uid && fstat(dir, &st) < 0) {
			err = -errno;
			break;
		}
		if (uid && !may_search(&st, uid, gid)) {
			err = -EACCES;
			break;
		}
		fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) < 0) {
			err = -errno;
		} else if (!S_ISLNK(st.st_mode)) {
			close(dir);
			dir = fd;
			continue;
		} else if (++links > MAX_LINKS || !trusted_link(dir, fd)) {
			err = -ELOOP;
		} else {
			err = follow(&dir, fd, rest, s);
			s = rest;
		}
		if (fd >= 0)
			close(fd);
	}
	if (err) {
		close(dir);
		return err;
	}
	*out = dir;
	return 0;
}

/* NAME in DIR, never a link (-ELOOP, *OUT set for the caller to close).
 * MAKE: made if missing (a directory if AS_DIR, else an empty file), and
 * of that type. */
static int
step_into(int dir, const char *name, bool make, bool as_dir, int *out)
{
	struct stat st;
	int fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT && make) {
		if (as_dir) {
			if (mkdirat(dir, name, 0755) < 0 && errno != EEXIST)
				return -errno;
		} else {
			int f = openat(dir, name,
				       O_WRONLY | O_CREAT | O_EXCL |
					       O_NOFOLLOW | O_CLOEXEC,
				       0444);

			if (f < 0)
				return -errno;
			close(f);
		}
		fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0 || fstat(fd, &st) < 0) {
		int err = -errno;

		if (fd >= 0)
			close(fd);
		return err;
	}
	*out = fd;
	if (S_ISLNK(st.st_mode))
		return -ELOOP;
	if (make && as_dir && !S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (make && !as_dir && S_ISDIR(st.st_mode))
		return -EISDIR;
	return 0;
}

/* PATH below ROOT (the caller's: walked from, never closed here), a
 * component at a time, following no link; MAKE: what is missing made. */
static int
walk_target(int root, const char *path, bool make, bool dir, int *out)
{
	char name[NAME_MAX + 1];
	const char *s = path;
	int cur = root, len, err = 0;

	while ((len = next_name(&s, name)) != 0) {
		int fd = -1;

		if (len < 0) {
			err = len;
			break;
		}
		s += strspn(s, "/");
		err = step_into(cur, name, make, *s ? true : dir, &fd);
		if (cur != root)
			close(cur);
		cur = fd;
		if (err)
			break;
	}
	if (!err && cur == root) /* PATH is / itself */
		cur = openat(root, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (!err && cur < 0)
		err = -errno;
	if (err) {
		if (cur >= 0 && cur != root)
			close(cur);
		return err;
	}
	*out = cur;
	return 0;
}

int
cage_view_make_target(int root, const char *path, bool dir, int *out)
{
	return walk_target(root, path, true, dir, out);
}

int
cage_view_find_target(int root, const char *path, int *out)
{
	return walk_target(root, path, false, false, out);
}

int
cage_view_new_fs(const char *type, const char *const *opts, unsigned attr,
		 int *out)
{
	int fs = fsopen(type, FSOPEN_CLOEXEC), err = 0, mnt;

	if (fs < 0)
		return -errno;
	for (; !err && opts && opts[0]; opts += 2) {
		if (opts[1] ? fsconfig(fs, FSCONFIG_SET_STRING, opts[0],
				       opts[1], 0)
			    : fsconfig(fs, FSCONFIG_SET_FLAG, opts[0], NULL, 0))
			err = -errno;
	}
	if (!err && fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		err = -errno;
	if (!err) {
		mnt = fsmount(fs, FSMOUNT_CLOEXEC, attr);
		if (mnt < 0)
			err = -errno;
		else
			*out = mnt;
	}
	close(fs);
	return err;
}

int
cage_view_clone(int dir, const char *name, bool recursive, unsigned attr,
		int *out)
{
	struct mount_attr a = {.attr_set = attr};
	unsigned rec = recursive ? AT_RECURSIVE : 0;
	int tree = open_tree(dir, name,
			     OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
				     AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | rec);

	if (tree < 0)
		return -errno;
	/* Recursive: a submount of a read-only bind is read-only too. */
	if (mount_setattr(tree, "", AT_EMPTY_PATH | rec, &a, sizeof(a)) < 0) {
		int err = -errno;

		close(tree);
		return err;
	}
	*out = tree;
	return 0;
}

int
cage_view_attach(int mnt, int target)
{
	if (move_mount(mnt, "", target, "",
		       MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return -errno;
	return 0;
}
