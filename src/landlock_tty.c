// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Only its own terminal: $TTY is the ptys on fds 0-2; a Landlock rule for
 * /, /dev or /dev/pts would grant every terminal of the user, so such a
 * rule stands for rules on each entry beneath it but the other terminals;
 * a policy without fs rules gets a layer of that shape for / alone.
 */
#include "landlock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif

/* Rights that apply to a file; the rest only to what lies beneath a
 * directory, and none of those opens a terminal. */
#define FS_FILE                                                                \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |          \
	 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |          \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV)

enum level { LEVEL_ROOT, LEVEL_DEV, LEVEL_PTS };

/* One carving: the ruleset, the rights, the character devices on fds
 * 0-2 (read once: a launch walks some hundred entries of /dev). */
struct carving {
	int ruleset;
	uint64_t rights;
	dev_t own[3];
	size_t nown;
	bool vt; /* a console, virtual terminal or serial line among them */
	const char **step;
};

bool
cage_dev_entry_terminal(const char *name)
{
	static const char *const lines[] = {"tty", "ttyS", "hvc"};
	size_t n;

	if (!strcmp(name, "console") || !strncmp(name, "vcs", 3))
		return true;
	for (size_t i = 0; i < 3; i++) {
		n = strlen(lines[i]);
		if (!strncmp(name, lines[i], n) && name[n] &&
		    strspn(name + n, "0123456789") == strlen(name + n))
			return true;
	}
	return false;
}

bool
cage_fs_rule_from_cli(const struct cage_fs_rule *r)
{
	const char *name = r->loc.file ? r->loc.file->name : NULL;
	size_t n = name ? strlen(name) : 0, k = strlen("command line");

	/* main.c writes the command line's rules into a source of its own,
	 * named "command line" or "NAME + command line", that includes the
	 * policies (depth 1 and more). */
	return n >= k && !strcmp(name + n - k, "command line") &&
	       r->loc.file->depth == 0;
}

/*
 * The pseudo-terminals on fds 0-2, each once: /dev/pts/N, checked to be
 * the very inode the fd refers to (a pts of another devpts instance with
 * the same number is not).  No allocation: the child calls it too.
 */
size_t
cage_tty_paths(char paths[3][CAGE_TTY_PATH_MAX])
{
	struct stat fst, pst;
	dev_t seen[3];
	size_t n = 0;

	for (int fd = 0; fd < 3; fd++) {
		bool dup = false;
		unsigned maj, index;

		if (fstat(fd, &fst) < 0 || !S_ISCHR(fst.st_mode))
			continue;
		maj = major(fst.st_rdev);
		if (maj < 136 || maj > 143) /* UNIX98_PTY_SLAVE_MAJOR.. */
			continue;
		for (size_t i = 0; i < n; i++)
			dup = dup || seen[i] == fst.st_rdev;
		if (dup)
			continue;
		index = (maj - 136) * 256 + minor(fst.st_rdev);
		if (snprintf(paths[n], CAGE_TTY_PATH_MAX, "/dev/pts/%u",
			     index) >= CAGE_TTY_PATH_MAX ||
		    stat(paths[n], &pst) < 0 || pst.st_rdev != fst.st_rdev ||
		    pst.st_dev != fst.st_dev || pst.st_ino != fst.st_ino)
			continue;
		seen[n++] = fst.st_rdev;
	}
	return n;
}

/* Is the character device D/NAME on one of fds 0-2? */
static bool
on_stdio(const struct carving *c, int d, const char *name)
{
	struct stat st;

	/* A container's /dev/console is often a pty bound there. */
	if (!(c->vt || (c->nown && !strcmp(name, "console"))) ||
	    fstatat(d, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISCHR(st.st_mode))
		return false;
	for (size_t i = 0; i < c->nown; i++)
		if (st.st_rdev == c->own[i])
			return true;
	return false;
}

/* A rule for NAME in D (TYPE from getdents, DT_UNKNOWN if unsure);
 * symlinks need none (the rule would land on what they point to). */
static int
grant(const struct carving *c, int d, const char *name, unsigned char type)
{
	struct landlock_path_beneath_attr pb = {0};
	struct stat st;
	int fd, err = 0;

	if (type == DT_LNK)
		return 0;
	fd = openat(d, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT || err == EACCES || err == ELOOP)
			return 0; /* gone, or not ours: nothing to allow */
		*c->step = "open (landlock terminals)";
		return -err;
	}
	if (type == DT_UNKNOWN) {
		if (fstat(fd, &st) < 0) {
			err = -errno;
			*c->step = "fstat (landlock terminals)";
		}
		type = err || S_ISLNK(st.st_mode) ? DT_LNK
		       : S_ISDIR(st.st_mode)	  ? DT_DIR
						  : DT_REG;
	}
	pb.parent_fd = fd;
	pb.allowed_access = type == DT_DIR ? c->rights : c->rights & FS_FILE;
	if (type != DT_LNK && pb.allowed_access &&
	    syscall(SYS_landlock_add_rule, c->ruleset,
		    LANDLOCK_RULE_PATH_BENEATH, &pb, 0) < 0 &&
	    errno != EBADFD) { /* a kernel-internal fs: not granted */
		err = -errno;
		*c->step = "landlock_add_rule (terminals)";
	}
	close(fd);
	return err;
}

/* /dev/pts: our own terminals and ptmx, nothing else. */
static int
grant_pts(const struct carving *c, int d)
{
	char paths[3][CAGE_TTY_PATH_MAX];
	size_t n = cage_tty_paths(paths);
	int err = grant(c, d, "ptmx", DT_CHR);

	for (size_t i = 0; i < n && !err; i++)
		err = grant(c, d, paths[i] + strlen("/dev/pts/"), DT_CHR);
	return err;
}

static int carve(const struct carving *c, int d, enum level level);

/* NAME in D, at LEVEL: granted, walked into, or left out. */
static int
entry(const struct carving *c, int d, enum level level, const char *name,
      unsigned char type)
{
	const char *next = level == LEVEL_ROOT ? "dev" : "pts";
	int sub, err;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	if (!strcmp(name, next)) {
		sub = openat(d, name,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			return 0; /* not a directory we can walk: left out */
		err = carve(c, sub, level + 1);
		close(sub);
		return err;
	}
	if (level == LEVEL_DEV && cage_dev_entry_terminal(name) &&
	    !on_stdio(c, d, name))
		return 0;
	return grant(c, d, name, type);
}

/*
 * D (/, /dev or /dev/pts) gets the rights that only act beneath a
 * directory (REFER among them, so that renames and links across its
 * entries keep working); each entry the file rights too, except the
 * path to /dev/pts, which is walked in the same way.
 */
static int
carve(const struct carving *c, int d, enum level level)
{
	struct landlock_path_beneath_attr pb = {.parent_fd = d};
	char buf[8192];
	long n = 0;
	int err = 0;

	pb.allowed_access = c->rights & ~FS_FILE;
	if (pb.allowed_access &&
	    syscall(SYS_landlock_add_rule, c->ruleset,
		    LANDLOCK_RULE_PATH_BENEATH, &pb, 0) < 0) {
		*c->step = "landlock_add_rule (terminals)";
		return -errno;
	}
	if (level == LEVEL_PTS)
		return grant_pts(c, d);
	/* getdents64: readdir would allocate in the child. */
	while (!err && (n = syscall(SYS_getdents64, d, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n && !err;) {
			struct dirent64 *e = (struct dirent64 *)(buf + off);

			err = entry(c, d, level, e->d_name, e->d_type);
			off += e->d_reclen;
		}
	if (!err && n < 0) {
		*c->step = "getdents64 (landlock terminals)";
		err = -errno;
	}
	return err;
}

/* Which of /, /dev, /dev/pts FD is: its level, or -1. */
static int
level_of(int fd)
{
	static const char *const dirs[] = {"/", "/dev", "/dev/pts"};
	struct stat st, dir;

	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode))
		return -1;
	for (int i = 0; i < 3; i++)
		if (stat(dirs[i], &dir) == 0 && dir.st_dev == st.st_dev &&
		    dir.st_ino == st.st_ino)
			return i;
	return -1;
}

int
cage_landlock_carve(int ruleset, int fd, uint64_t rights, bool whole_pts,
		    const char **step)
{
	struct carving c = {ruleset, rights, {0}, 0, false, step};
	int level = level_of(fd), d, err;
	struct stat st;

	if (level < 0 || (level == LEVEL_PTS && whole_pts))
		return 0;
	/* Only a console, virtual terminal or serial line on fds 0-2 makes
	 * /dev's terminal entries worth a look (TTY_MAJOR, TTYAUX_MAJOR,
	 * VCS_MAJOR, hvc); a pty (UNIX98_PTY_SLAVE_MAJOR...) only its
	 * console. */
	for (int i = 0; i < 3; i++) {
		unsigned maj;

		if (fstat(i, &st) < 0 || !S_ISCHR(st.st_mode))
			continue;
		maj = major(st.st_rdev);
		if (maj == 4 || maj == 5 || maj == 7 || maj == 229)
			c.vt = true;
		else if (maj < 136 || maj > 143)
			continue;
		c.own[c.nown++] = st.st_rdev;
	}
	/* FD may be O_PATH: getdents needs a descriptor opened for reading. */
	d = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d < 0) {
		*step = "open (landlock terminals)";
		return -errno;
	}
	err = carve(&c, d, (enum level)level);
	close(d);
	return err ? err : 1;
}

const char *
cage_landlock_tty_note(const struct cage_launch_opts *o)
{
	int abi = cage_landlock_kernel_abi();

	for (size_t i = 0; i < o->npolicies; i++)
		if (o->policies[i]->iso.nfs && abi >= 3)
			return "other terminals: closed by the fs rules (in "
			       "/dev/pts only $TTY and ptmx, unless --rw names "
			       "/dev/pts)";
	if (abi >= 2)
		return "other terminals: closed by a Landlock layer that "
		       "grants every file but them";
	return "other terminals: open (best effort: this kernel has no "
	       "Landlock ABI 2 and no policy has fs rules to require it)";
}
