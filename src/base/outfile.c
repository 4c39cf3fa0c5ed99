// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --report and --learn files, often written as root into a directory the
 * target can write.  Everything is relative to the directory opened
 * before the launch, so a directory renamed or swapped for a symbolic
 * link afterwards changes nothing; the file is unnamed until the end
 * (O_TMPFILE), so the target can neither open it by name, nor truncate
 * it, nor put a link in its place; and the final rename replaces FILE's
 * name, so a symbolic or hard link put there is replaced, never followed.
 */
#include "base/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: N, else -1. */
static int
named_fd(const char *path)
{
	const char *n = NULL;
	char *end;
	long fd;

	if (!strcmp(path, "/dev/stdout"))
		return 1;
	if (!strcmp(path, "/dev/stderr"))
		return 2;
	if (!strncmp(path, "/dev/fd/", 8))
		n = path + 8;
	else if (!strncmp(path, "/proc/self/fd/", 14))
		n = path + 14;
	if (!n || *n < '0' || *n > '9')
		return -1;
	errno = 0;
	fd = strtol(n, &end, 10);
	return errno || *end || fd > 1 << 20 ? -1 : (int)fd;
}

static void
random_name(char *out, size_t size)
{
	unsigned char r[8];

	/* Uniqueness, not secrecy: O_EXCL and linkat's EEXIST decide. */
	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != sizeof(r)) {
		static unsigned long n;
		unsigned long v = (unsigned long)getpid() * 2654435761u ^
				  (unsigned long)clock() ^ (++n << 40);

		memcpy(r, &v, sizeof(r) < sizeof(v) ? sizeof(r) : sizeof(v));
	}
	snprintf(out, size, ".syscage-%02x%02x%02x%02x%02x%02x%02x%02x.tmp",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
}

/* Split PATH into its directory, opened, and its last component. */
static int
open_dir(struct cage_outfile *of, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir;

	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return -EISDIR;
	if (!slash)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	of->base = strdup(base);
	if (!dir || !of->base) {
		free(dir);
		return -ENOMEM;
	}
	of->dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return of->dirfd < 0 ? -errno : 0;
}

/* What is at the name now: nothing, or a file the rename may replace. */
static int
check_existing(struct cage_outfile *of)
{
	struct stat st, dst;

	if (fstatat(of->dirfd, of->base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (S_ISLNK(st.st_mode))
		return -ELOOP;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (S_ISFIFO(st.st_mode)) {
		of->fd = openat(of->dirfd, of->base,
				O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
		if (of->fd < 0)
			return -errno;
		of->stream = true;
		if (fstat(of->fd, &st) < 0 || !S_ISFIFO(st.st_mode))
			return -EINVAL;
		return 0;
	}
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	/* A sticky directory refuses to replace another user's file. */
	if (fstat(of->dirfd, &dst) < 0)
		return -errno;
	if ((dst.st_mode & S_ISVTX) && geteuid() != 0 &&
	    st.st_uid != geteuid() && dst.st_uid != geteuid())
		return -EPERM;
	return 0;
}

static int
open_temp(struct cage_outfile *of)
{
	of->fd = openat(of->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (of->fd >= 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -errno;
	/* A file system without O_TMPFILE: a fresh name of our own. */
	for (int tries = 0; tries < 16; tries++) {
		random_name(of->tmpname, sizeof(of->tmpname));
		of->fd = openat(of->dirfd, of->tmpname,
				O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
					O_CLOEXEC,
				0600);
		if (of->fd >= 0) {
			of->named = true;
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	of->tmpname[0] = '\0';
	return -errno;
}

int
cage_outfile_open(struct cage_outfile *of, const char *path, mode_t mode)
{
	int fd = named_fd(path), err;

	*of = (struct cage_outfile)CAGE_OUTFILE_INIT;
	of->mode = mode;
	if (fd >= 0) {
		of->stream = true;
		of->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
		return of->fd < 0 ? -errno : 0;
	}
	err = open_dir(of, path);
	if (!err)
		err = check_existing(of);
	if (!err && !of->stream)
		err = open_temp(of);
	if (err) {
		if (of->fd >= 0)
			close(of->fd);
		of->fd = -1;
		cage_outfile_close(of);
	}
	return err;
}

int
cage_outfile_clear(struct cage_outfile *of)
{
	if (of->stream || unlinkat(of->dirfd, of->base, 0) == 0 ||
	    errno == ENOENT)
		return 0;
	return -errno;
}

/* A name in the directory for the unnamed file: linkat, never replacing. */
static int
link_temp(struct cage_outfile *of)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", of->fd);
	for (int tries = 0; tries < 16; tries++) {
		random_name(of->tmpname, sizeof(of->tmpname));
		if (linkat(AT_FDCWD, proc, of->dirfd, of->tmpname,
			   AT_SYMLINK_FOLLOW) == 0)
			return 0;
		/* Without /proc, AT_EMPTY_PATH (CAP_DAC_READ_SEARCH). */
		if (errno == ENOENT && linkat(of->fd, "", of->dirfd,
					      of->tmpname, AT_EMPTY_PATH) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	of->tmpname[0] = '\0';
	return -errno;
}

/* The named temporary file is still ours under its name. */
static bool
still_ours(const struct cage_outfile *of)
{
	struct stat a, b;

	return fstat(of->fd, &a) == 0 &&
	       fstatat(of->dirfd, of->tmpname, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int
cage_outfile_commit(struct cage_outfile *of)
{
	mode_t mask;
	int err;

	if (of->stream)
		return 0;
	if (of->named && !still_ours(of)) {
		/* Renamed or replaced under us: name our own inode afresh. */
		of->named = false;
		of->tmpname[0] = '\0';
	}
	if (!of->named && (err = link_temp(of)) < 0)
		return err;
	if (renameat(of->dirfd, of->tmpname, of->dirfd, of->base) < 0) {
		err = -errno;
		of->named = false; /* kept under tmpname, for the user */
		return err;
	}
	of->named = false;
	of->tmpname[0] = '\0';
	/* 0600 until it has its name; then as any new file would be. */
	mask = umask(0);
	umask(mask);
	return fchmod(of->fd, of->mode & ~mask) < 0 ? -errno : 0;
}

void
cage_outfile_close(struct cage_outfile *of)
{
	if (of->named && of->tmpname[0] && of->dirfd >= 0)
		unlinkat(of->dirfd, of->tmpname, 0);
	if (of->dirfd >= 0)
		close(of->dirfd);
	free(of->base);
	of->base = NULL;
	of->dirfd = -1;
	of->named = false;
}
