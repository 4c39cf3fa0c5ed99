// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * New setuid and setgid files: chmod, fchmod, fchmodat, fchmodat2 to
 * 4755 and 2755, and files created with those bits (open, openat, creat
 * with O_CREAT, O_TMPFILE, mknod, mknodat, mkdir, mkdirat).  A uid-0
 * target that makes a root-owned program setuid gives every local user
 * root; any target can leave a setuid program of its own uid behind.
 * Judged by the mode the file ends with, not the return value; the bits
 * are taken off again at once.  mkdir's bits the kernel drops itself: a
 * mkdir the policy let through counts as reaching the kernel.
 * Usage: suid_create DIR [FILE...] (DIR writable; FILEs owned by others,
 * a root-owned program outside every fs rule).
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define BITS (S_ISUID | S_ISGID)
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452 /* Linux 6.6 */
#endif

/* After the call: the bits in PATH's mode (or FD's) decide. */
static void
judge_mode(const char *what, long r, int fd, const char *path)
{
	int err = errno;
	struct stat st;

	if ((fd >= 0 ? fstat(fd, &st) : lstat(path, &st)) < 0) {
		if (r >= 0)
			esc_broken(what, errno);
		esc_blocked(what, "%s", esc_errname(err));
		return;
	}
	if (st.st_mode & BITS) {
		esc_escaped(what, "mode %04o", (unsigned)st.st_mode & 07777);
		if (fd >= 0)
			(void)fchmod(fd, st.st_mode & 0777);
		else
			(void)chmod(path, st.st_mode & 0777);
	} else if (r >= 0) {
		esc_blocked(what, "returned %ld, mode %04o: no bit set", r,
			    (unsigned)st.st_mode & 07777);
	} else {
		esc_blocked(what, "%s", esc_errname(err));
	}
}

/* chmod and its siblings on an existing file. */
static void
try_chmod(const char *path, mode_t mode)
{
	char what[512];
	int fd;

	snprintf(what, sizeof(what), "chmod(%s, %04o)", path, mode);
	judge_mode(what, chmod(path, mode), -1, path);
	snprintf(what, sizeof(what), "fchmodat(%s, %04o)", path, mode);
	judge_mode(what, syscall(SYS_fchmodat, AT_FDCWD, path, mode), -1, path);
	snprintf(what, sizeof(what), "fchmodat2(%s, %04o)", path, mode);
	judge_mode(what, syscall(SYS_fchmodat2, AT_FDCWD, path, mode, 0), -1,
		   path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(what, sizeof(what), "fchmod(%s, %04o)", path, mode);
	if (fd < 0) {
		esc_blocked(what, "cannot open it: %s", esc_errname(errno));
		return;
	}
	judge_mode(what, fchmod(fd, mode), fd, NULL);
	close(fd);
}

static void
try_create(const char *dir, mode_t mode)
{
	char path[512], what[600];
	int fd;

	snprintf(path, sizeof(path), "%s/open-%o", dir, mode);
	snprintf(what, sizeof(what), "open(O_CREAT, %04o)", mode);
	fd = (int)syscall(SYS_open, path, O_WRONLY | O_CREAT | O_EXCL, mode);
	judge_mode(what, fd, fd, path);
	if (fd >= 0)
		close(fd);
	unlink(path);
	snprintf(what, sizeof(what), "openat(O_CREAT, %04o)", mode);
	fd = openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    mode);
	judge_mode(what, fd, fd, path);
	if (fd >= 0)
		close(fd);
	unlink(path);
	snprintf(what, sizeof(what), "creat(%04o)", mode);
	fd = (int)syscall(SYS_creat, path, mode);
	judge_mode(what, fd, fd, path);
	if (fd >= 0)
		close(fd);
	unlink(path);
	snprintf(what, sizeof(what), "openat(O_TMPFILE, %04o)", mode);
	fd = openat(AT_FDCWD, dir, O_TMPFILE | O_RDWR | O_CLOEXEC, mode);
	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR))
		esc_broken("O_TMPFILE unsupported in DIR", errno);
	judge_mode(what, fd, fd, path);
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "%s/fifo-%o", dir, mode);
	snprintf(what, sizeof(what), "mknod(S_IFIFO | %04o)", mode);
	judge_mode(what, syscall(SYS_mknod, path, S_IFIFO | mode, 0), -1, path);
	unlink(path);
	snprintf(what, sizeof(what), "mknodat(S_IFIFO | %04o)", mode);
	judge_mode(what, mknodat(AT_FDCWD, path, S_IFIFO | mode, 0), -1, path);
	unlink(path);
	/* The kernel keeps no S_ISUID or S_ISGID from mkdir's mode: only
	 * the policy's answer can be judged. */
	snprintf(path, sizeof(path), "%s/dir-%o", dir, mode);
	snprintf(what, sizeof(what), "mkdir(%04o) reached the kernel", mode);
	esc_denied(what, syscall(SYS_mkdir, path, mode));
	rmdir(path);
	snprintf(what, sizeof(what), "mkdirat(%04o) reached the kernel", mode);
	esc_denied(what, mkdirat(AT_FDCWD, path, mode));
	rmdir(path);
}

int
main(int argc, char **argv)
{
	char own[512];
	int fd;

	if (argc < 2)
		esc_broken("usage: DIR [FILE...]", EINVAL);
	umask(022);
	/* DIR absent from a private view (SPEC 4.5): its private /tmp. */
	if (access(argv[1], F_OK) < 0 && errno == ENOENT) {
		printf("note: %s is absent here: /tmp instead\n", argv[1]);
		argv[1] = "/tmp";
	}
	snprintf(own, sizeof(own), "%s/own-%d", argv[1], (int)getpid());
	/* stdio creates no file: nothing of its own to chmod. */
	fd = open(own, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	if (fd < 0 && errno != EPERM && errno != EACCES)
		esc_broken("create a file of its own in DIR", errno);
	if (fd < 0) {
		esc_blocked("chmod of a file of its own",
			    "cannot create one: %s", esc_errname(errno));
	} else {
		close(fd);
		try_chmod(own, 04755);
		try_chmod(own, 02755);
		unlink(own);
	}
	try_create(argv[1], 04755);
	try_create(argv[1], 02755);
	for (int i = 2; i < argc; i++) {
		try_chmod(argv[i], 04755);
		try_chmod(argv[i], 02755);
	}
	return esc_finish();
}
