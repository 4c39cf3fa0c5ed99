// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Only its own terminal: $TTY is the ptys on fds 0-2; a Landlock rule for
 * /, /dev or /dev/pts would grant every terminal of the user, and so
 * would a rule for any directory above a devpts mounted elsewhere (a
 * chroot's rbind of /dev below $CWD), so such a rule stands for rules on
 * each entry beneath it but the other terminals, walking down to each
 * such mount; a policy without fs rules gets a layer of that shape for /
 * alone.
 */
#include "launch/landlock.h"
#include "launch/mounts.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

enum level { LEVEL_PLAIN, LEVEL_DEV, LEVEL_PTS, LEVEL_TTY };

/*
 * The mounts that hold terminals: every devpts (a chroot's rbind of /dev
 * puts one below $CWD), every devtmpfs and every bind of /dev (console,
 * ttyN), and every device node of a terminal mounted on a file.  Read
 * from /proc/self/mountinfo once per process (the child reads it again:
 * its pid differs); no allocation.
 */
#define MOUNTS_MAX 1024
#define MOUNTS_BUF ((size_t)256 * 1024)
static struct {
	pid_t pid;
	size_t n, used;
	unsigned char level[MOUNTS_MAX];
	unsigned off[MOUNTS_MAX];
	char buf[MOUNTS_BUF];
	char line[3 * PATH_MAX + 256];
} mounts;

static int
mount_add(const char *path, enum level level)
{
	size_t len = strlen(path) + 1;

	for (size_t i = 0; i < mounts.n; i++)
		if (!strcmp(mounts.buf + mounts.off[i], path)) {
			if (level == LEVEL_PTS) /* the topmost one shows */
				mounts.level[i] = (unsigned char)level;
			return 0;
		}
	if (mounts.n == MOUNTS_MAX || mounts.used + len > MOUNTS_BUF)
		return -E2BIG; /* fail closed */
	memcpy(mounts.buf + mounts.used, path, len);
	mounts.off[mounts.n] = (unsigned)mounts.used;
	mounts.level[mounts.n++] = (unsigned char)level;
	mounts.used += len;
	return 0;
}

/* One line of mountinfo: a mount that holds terminals? */
static int
mount_line(char *line, const struct stat *dev)
{
	struct cage_mountinfo mi;
	struct stat st;
	bool devpts, devfs;
	const char *type;

	if (cage_mountinfo_parse(line, &mi))
		return 0;
	type = mi.type;
	devpts = !strcmp(type, "devpts");
	devfs = !strcmp(type, "devtmpfs");
	if (!devpts && !devfs && strcmp(type, "tmpfs"))
		return 0;
	if (mi.point[0] != '/' || stat(mi.point, &st) < 0)
		return 0; /* not reachable from here: nothing to grant */
	if (S_ISDIR(st.st_mode)) {
		if (devpts)
			return mount_add(mi.point, LEVEL_PTS);
		/* /dev's tmpfs in a container, bound elsewhere */
		if (devfs ||
		    (st.st_dev == dev->st_dev && st.st_ino == dev->st_ino))
			return mount_add(mi.point, LEVEL_DEV);
		return 0;
	}
	/* A node bound on a file: a terminal (a devpts one but ptmx;
	 * console, ttyN, ttySN, vcs, hvc, ttyAMA, ttyUSB, ttyACM), not
	 * /dev/null. */
	if (S_ISCHR(st.st_mode) &&
	    (devpts ? st.st_rdev != makedev(5, 2)
		    : (major(st.st_rdev) == 4 || major(st.st_rdev) == 7 ||
		       (major(st.st_rdev) >= 136 && major(st.st_rdev) <= 143) ||
		       major(st.st_rdev) == 229 || major(st.st_rdev) == 204 ||
		       major(st.st_rdev) == 188 || major(st.st_rdev) == 166 ||
		       st.st_rdev == makedev(5, 1))))
		return mount_add(mi.point, LEVEL_TTY);
	return 0;
}

static void above_read(void);

static int
mounts_read(void)
{
	struct stat dev;
	size_t len = 0;
	int fd, err = 0;
	ssize_t r;

	if (mounts.pid == getpid())
		return 0;
	mounts.n = mounts.used = 0;
	if (stat("/dev", &dev) < 0)
		memset(&dev, 0, sizeof(dev));
	else if ((err = mount_add("/dev", LEVEL_DEV)))
		return err;
	fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno; /* fail closed: no /proc, no carving */
	do {
		char *s = mounts.line, *nl;

		r = read(fd, mounts.line + len, sizeof(mounts.line) - 1 - len);
		if (r < 0) {
			err = -errno;
			break;
		}
		len += (size_t)r;
		while (!err && (nl = memchr(s, '\n',
					    (size_t)(mounts.line + len - s)))) {
			*nl = '\0';
			err = mount_line(s, &dev);
			s = nl + 1;
		}
		len = (size_t)(mounts.line + len - s);
		if (!err && len == sizeof(mounts.line) - 1)
			err = -E2BIG;
		memmove(mounts.line, s, len);
	} while (!err && r > 0);
	if (!err && len) { /* a last line without its line feed */
		mounts.line[len] = '\0';
		err = mount_line(mounts.line, &dev);
	}
	close(fd);
	if (!err) {
		mounts.pid = getpid();
		above_read();
	}
	return err;
}

/* One carving: the ruleset, the rights, the character devices on fds
 * 0-2 (read once: a launch walks some hundred entries of /dev), the path
 * of the directory being walked (as mountinfo names it) and its depth. */
struct carving {
	int ruleset;
	uint64_t rights;
	dev_t own[3];
	size_t nown;
	bool vt; /* a console, virtual terminal or serial line among them */
	const char **step;
	char path[PATH_MAX];
	size_t len;
	int depth;
};

/* PATH (absolute): its level if it is a mount that holds terminals;
 * LEVEL_PLAIN for a directory above one; -1 otherwise. */
static int
mount_level(const char *path)
{
	size_t len = strlen(path);
	int level = -1;

	for (size_t i = 0; i < mounts.n; i++) {
		const char *m = mounts.buf + mounts.off[i];

		if (!strcmp(m, path))
			return mounts.level[i];
		if ((len == 1 || (!strncmp(m, path, len) && m[len] == '/')) &&
		    path[0] == '/')
			level = LEVEL_PLAIN;
	}
	return level;
}

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

/* Is the character device D/NAME one of fds 0-2 (any terminal: a pty
 * bound on a file, a devpts mounted elsewhere)? */
static bool
own_node(const struct carving *c, int d, const char *name)
{
	struct stat st;

	if (fstatat(d, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISCHR(st.st_mode))
		return false;
	for (size_t i = 0; i < c->nown; i++)
		if (st.st_rdev == c->own[i])
			return true;
	return false;
}

/* A devpts: our own terminals and ptmx, nothing else (the same number
 * in another devpts instance is another terminal: compared by device). */
static int
grant_pts(const struct carving *c, int d)
{
	char paths[3][CAGE_TTY_PATH_MAX];
	size_t n = cage_tty_paths(paths);
	int err = grant(c, d, "ptmx", DT_CHR);

	for (size_t i = 0; i < n && !err; i++) {
		const char *name = paths[i] + strlen("/dev/pts/");
		struct stat a, b;

		if (fstatat(d, name, &a, AT_SYMLINK_NOFOLLOW) == 0 &&
		    stat(paths[i], &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			err = grant(c, d, name, DT_CHR);
	}
	return err;
}

static int carve(struct carving *c, int d, enum level level);

/* NAME in D, at LEVEL: granted, walked into, or left out. */
static int
entry(struct carving *c, int d, enum level level, const char *name,
      unsigned char type)
{
	size_t len = c->len;
	int sub, err, below;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	if (len + 1 + strlen(name) >= sizeof(c->path)) {
		*c->step = "path (landlock terminals)";
		return -ENAMETOOLONG;
	}
	snprintf(c->path + len, sizeof(c->path) - len, "%s%s",
		 len > 1 ? "/" : "", name);
	below = mount_level(c->path);
	if (below == LEVEL_TTY) {
		err = own_node(c, d, name) ? grant(c, d, name, DT_CHR) : 0;
	} else if (below >= 0) {
		sub = openat(d, name,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		/* not a directory we can walk: left out */
		err = sub < 0 ? 0 : carve(c, sub, (enum level)below);
		if (sub >= 0)
			close(sub);
	} else if (level == LEVEL_DEV && cage_dev_entry_terminal(name) &&
		   !on_stdio(c, d, name)) {
		err = 0;
	} else {
		err = grant(c, d, name, type);
	}
	c->path[len] = '\0';
	c->len = len;
	return err;
}

/*
 * D (a directory at or above a mount of terminals) gets the rights that
 * only act beneath a directory (REFER among them, so that renames and
 * links across its entries keep working); each entry the file rights
 * too, except the path to such a mount, which is walked in the same way.
 */
static int
carve(struct carving *c, int d, enum level level)
{
	struct landlock_path_beneath_attr pb = {.parent_fd = d};
	char buf[4096];
	long n = 0;
	int err = 0;

	if (++c->depth > 64) { /* the child's stack is 256 KiB */
		*c->step = "depth (landlock terminals)";
		return -ELOOP;
	}
	c->len = strlen(c->path);
	pb.allowed_access = c->rights & ~FS_FILE;
	if (pb.allowed_access &&
	    syscall(SYS_landlock_add_rule, c->ruleset,
		    LANDLOCK_RULE_PATH_BENEATH, &pb, 0) < 0) {
		*c->step = "landlock_add_rule (terminals)";
		return -errno;
	}
	if (level == LEVEL_PTS)
		err = grant_pts(c, d);
	/* getdents64: readdir would allocate in the child. */
	while (level != LEVEL_PTS && !err &&
	       (n = syscall(SYS_getdents64, d, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n && !err;) {
			struct dirent64 *e = (struct dirent64 *)(buf + off);

			err = entry(c, d, level, e->d_name, e->d_type);
			off += e->d_reclen;
		}
	if (!err && n < 0) {
		*c->step = "getdents64 (landlock terminals)";
		err = -errno;
	}
	c->depth--;
	return err;
}

/*
 * The directories a rule may need carving at, by device and inode: /,
 * and each mount that holds terminals with every directory above it
 * (taken when the mounts are read, once per process).  Any other directory is
 * granted as it is, without a look at its path.  Too many: every one is
 * looked at.
 */
#define ABOVE_MAX 64
static struct {
	size_t n;
	bool all;
	dev_t dev[ABOVE_MAX];
	ino_t ino[ABOVE_MAX];
} above;

static void
above_add(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return; /* not there: nothing reached through it */
	for (size_t i = 0; i < above.n; i++)
		if (above.dev[i] == st.st_dev && above.ino[i] == st.st_ino)
			return;
	if (above.n == ABOVE_MAX) {
		above.all = true;
		return;
	}
	above.dev[above.n] = st.st_dev;
	above.ino[above.n++] = st.st_ino;
}

static void
above_read(void)
{
	char up[PATH_MAX];

	above.n = 0;
	above.all = false;
	above_add("/");
	for (size_t i = 0; i < mounts.n && !above.all; i++) {
		char *slash;

		snprintf(up, sizeof(up), "%s", mounts.buf + mounts.off[i]);
		for (;;) { /* the mount, and each directory up to / */
			above_add(up);
			slash = strrchr(up, '/');
			if (!slash || slash == up)
				break;
			*slash = '\0';
		}
	}
}

static bool
may_hold_terminals(const struct stat *st)
{
	if (above.all)
		return true;
	for (size_t i = 0; i < above.n; i++)
		if (above.dev[i] == st->st_dev && above.ino[i] == st->st_ino)
			return true;
	return false;
}

int
cage_landlock_carve(int ruleset, int fd, const struct stat *fd_st,
		    uint64_t rights, bool whole_pts, const char **step)
{
	static struct carving c; /* a PATH_MAX: not on the child's stack */
	char link[32];
	ssize_t n;
	int level, d, err;
	struct stat st;

	memset(&c, 0, sizeof(c));
	c.ruleset = ruleset;
	c.rights = rights;
	c.step = step;
	if ((err = mounts_read())) {
		*step = "/proc/self/mountinfo (landlock terminals)";
		return err;
	}
	if (fd_st)
		st = *fd_st;
	else if (fstat(fd, &st) < 0) {
		*step = "fstat (landlock terminals)";
		return -errno;
	}
	/* A file, or a directory neither at nor above terminals: the rule
	 * as it is. */
	if (!S_ISDIR(st.st_mode) || !may_hold_terminals(&st))
		return 0;
	/* Where FD is, as mountinfo names it. */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, c.path, sizeof(c.path) - 1);
	if (n <= 0 || fstat(fd, &st) < 0) {
		*step = "readlink (landlock terminals)";
		return n == 0 ? -EIO : -errno;
	}
	c.path[n] = '\0';
	level = mount_level(c.path);
	if (!strcmp(c.path, "/"))
		level = LEVEL_PLAIN;
	/* not a directory above or at terminals; a terminal named as such,
	 * or a devpts named on the command line: the rule as it is */
	if (level < 0 || !S_ISDIR(st.st_mode) || level == LEVEL_TTY ||
	    (level == LEVEL_PTS && whole_pts))
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
