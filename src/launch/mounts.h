// SPDX-License-Identifier: LGPL-2.1-or-later
/* /proc/self/mountinfo: its lines, and the mounts below a directory. */
#ifndef CAGE_MOUNTS_H
#define CAGE_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* One line's fields, pointing into the line (unescaped in place). */
struct cage_mountinfo {
	char *root;  /* the directory of the filesystem it shows */
	char *point; /* where it is mounted */
	char *type;
	unsigned maj, min; /* its filesystem's device */
};

/* An octal-escaped field of /proc/self/mountinfo (\040 for a blank), in
 * place. */
void cage_mountinfo_unescape(char *s);
/* LINE (no line feed), split in place: 0, or -1 if malformed.  No
 * allocation. */
int cage_mountinfo_parse(char *line, struct cage_mountinfo *out);

/*
 * Mounts below a rule's directory: a chroot's bind of /dev, /var/lib or
 * a home below $CWD hands those over as the directory itself would.
 * Each mount of /proc/self/mountinfo (read once per launch): where it
 * is, its filesystem's device, the directory of that filesystem it
 * shows, its type.
 */
struct cage_mount {
	char *point, *root, *type;
	dev_t dev;
};

struct cage_mounts {
	struct cage_mount *v;
	size_t n;
	bool read;
};

void cage_mounts_free(struct cage_mounts *m);
/* Read mountinfo into M, once (m->read): 0 or -errno. */
int cage_mounts_read(struct cage_mounts *m);
/* Is A strictly below directory B (both absolute, no symlinks)? */
bool cage_mounts_below(const char *a, const char *b);
/*
 * What mount MT (below RULE) shows, as a path from / (a bind of /var/lib
 * is /var/lib): another mount of the same filesystem, not below RULE,
 * whose root holds MT's.  0, or -1 when none names it.
 */
int cage_mounts_shown(const struct cage_mounts *m, const struct cage_mount *mt,
		      const char *rule, const struct stat *st, char *out,
		      size_t size);
/*
 * Where PATH is on its filesystem, as a path from / when that names the
 * same directory: a bind mount of /etc/ssh at /mnt/x is /etc/ssh.  0, or
 * -1 when PATH is where it is or M cannot be read (M read on first need).
 */
int cage_mount_source(struct cage_mounts *m, const char *path,
		      const struct stat *st, char *out, size_t size);

/*
 * realpath(PATH) into OUT (PATH_MAX) and its stat: one openat2 where no
 * component is a symbolic link (most paths), realpath where one is.
 * 0 or -errno (-ENOENT: nothing there).
 */
int cage_mounts_realpath(const char *path, char *out, struct stat *st);

#endif
