// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What a private view (SPEC 4.5) must keep out, where Landlock alone
 * cannot: metadata changes of a file the target's uid owns outside every
 * fs rule (chmod, chown, utimes, setxattr: Landlock has no right for
 * them), a Unix socket served outside (Landlock before ABI 9 does not
 * mediate connect), processes outside (visible in /proc, reachable by
 * pid), another terminal of the user, the host's /dev/shm.
 *
 *   esc-private_view FILE SOCKET PID TTY SHMFILE
 */
#include "escape.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Absent (ENOENT), read-only (EROFS) or refused. */
static void
outside(const char *what, const char *path, long r)
{
	char w[256];

	snprintf(w, sizeof(w), "%s of a file outside the rules (%s)", what,
		 path);
	esc_expect(w, r, ENOENT, EROFS, EPERM, EACCES, 0);
}

static void
metadata(const char *file)
{
	struct stat st;

	outside("chmod", file, chmod(file, 0666));
	/* To its own owner: allowed unconfined, a no-op. */
	if (stat(file, &st) == 0)
		outside("chown", file, chown(file, st.st_uid, st.st_gid));
	else
		outside("chown", file, chown(file, getuid(), getgid()));
	outside("utimes", file, utimensat(AT_FDCWD, file, NULL, 0));
	outside("setxattr", file,
		setxattr(file, "user.syscage-escape", "x", 1, 0));
}

static void
unix_socket(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char what[160];
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		esc_broken("SOCKET too long", ENAMETOOLONG);
	memcpy(sa.sun_path, path, strlen(path));
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		esc_expect("socket(AF_UNIX)", fd, EPERM, EACCES, EAFNOSUPPORT,
			   0);
		return;
	}
	snprintf(what, sizeof(what), "connect to a Unix socket outside (%s)",
		 path);
	esc_expect(what, connect(fd, (struct sockaddr *)&sa, sizeof(sa)),
		   ENOENT, EACCES, EPERM, ECONNREFUSED, 0);
	close(fd);
}

/* Processes in /proc: a private PID namespace shows its init, the
 * target and what it started (here: none but ls-free readdir). */
static void
processes(pid_t pid)
{
	char path[64], what[96];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(what, sizeof(what), "kill(%d, 0) of a process outside",
		 (int)pid);
	esc_expect(what, kill(pid, 0), ESRCH, EPERM, 0);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	snprintf(what, sizeof(what), "%s of a process outside", path);
	esc_expect(what, access(path, F_OK), ENOENT, EACCES, 0);
	dir = opendir("/proc");
	if (!dir) {
		esc_expect("opendir /proc", -1, ENOENT, EACCES, 0);
		return;
	}
	while ((d = readdir(dir)))
		if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
			n++;
	closedir(dir);
	if (n > 4)
		esc_escaped("processes outside listed in /proc", "%d processes",
			    n);
	else
		esc_blocked("processes outside listed in /proc",
			    "%d processes: the view's own", n);
}

int
main(int argc, char **argv)
{
	char what[256];

	if (argc != 6)
		esc_broken("usage: FILE SOCKET PID TTY SHMFILE", EINVAL);
	metadata(argv[1]);
	unix_socket(argv[2]);
	processes((pid_t)atoi(argv[3]));
	snprintf(what, sizeof(what), "open another terminal (%s)", argv[4]);
	esc_expect(what, open(argv[4], O_RDWR | O_NOCTTY | O_CLOEXEC), ENOENT,
		   EACCES, EPERM, ENXIO, EIO, 0);
	snprintf(what, sizeof(what), "open the host's /dev/shm (%s)", argv[5]);
	esc_expect(what, open(argv[5], O_RDWR | O_CLOEXEC), ENOENT, EACCES,
		   EPERM, 0);
	return esc_finish();
}
