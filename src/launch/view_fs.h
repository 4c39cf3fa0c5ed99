// SPDX-License-Identifier: LGPL-2.1-or-later
/* The private view's filesystem primitives: safe walks, new filesystems
 * and detached trees (the new mount API), attached by fd. */
#ifndef CAGE_VIEW_FS_H
#define CAGE_VIEW_FS_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * An O_PATH fd of the host PATH, walked from / one component at a time.
 * A symlink is followed only if root owns it and the directory holding it,
 * and no one else can write that directory (/lib -> usr/lib): any other
 * one could have been planted by an earlier run, so it is -ELOOP.
 */
int cage_view_open_source(const char *path, int *fd);
/*
 * The same, for a target of uid UID and group GID without supplementary
 * groups (root's --user): a directory on the way it could not search on
 * the host (no x bit for it: /root is 0700) is -EACCES, so that a bind
 * never hands it what the host's permissions keep from it.
 */
int cage_view_open_source_for(const char *path, uid_t uid, gid_t gid, int *fd);
/* PATH (O_PATH) in one lookup where no component is a symlink (most are
 * not), or -1 (errno says why: ELOOP where one is). */
int cage_view_open_plain(const char *path);
/* kernel.overflowuid: what a user namespace shows for an unmapped owner
 * (root's files, to a caller mapped alone); (uid_t)-1 if unknown. */
uid_t cage_view_overflow_uid(void);

/*
 * An O_PATH fd of PATH below ROOT (an absolute path, "/" for ROOT itself),
 * creating what is missing: directories, and the last component as a
 * directory (DIR) or an empty file.  A symlink anywhere is -ELOOP: a
 * target never leads out of the new root.
 */
int cage_view_make_target(int root, const char *path, bool dir, int *fd);

/* An O_PATH fd of PATH below ROOT, made of nothing: -ENOENT where a
 * component is missing, -ELOOP where one is a symlink. */
int cage_view_find_target(int root, const char *path, int *fd);

/* A new detached filesystem of TYPE (OPTS: key, value pairs, NULL-ended;
 * a NULL value is a flag) with mount attributes ATTR. */
int cage_view_new_fs(const char *type, const char *const *opts, unsigned attr,
		     int *fd);

/* A detached copy of NAME below DIR ("" for DIR itself), submounts
 * included if RECURSIVE, each given the attributes ATTR. */
int cage_view_clone(int dir, const char *name, bool recursive, unsigned attr,
		    int *fd);

/* The detached mount MNT attached on TARGET (an fd). */
int cage_view_attach(int mnt, int target);

#endif
