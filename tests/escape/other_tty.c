// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * 'fs rw /dev/pts', or no fs rules at all (default, stdio), grants every
 * pseudo-terminal of the user: a target could read what is typed into
 * another terminal and write escape sequences into it.  Given the path
 * of another terminal of the same user, open it for reading (stdio's
 * opens are read-only) and for reading and writing, and try every
 * /dev/pts/N that is not on our fds 0-2; our own terminal must still
 * open.  In a private view (SPEC 4.5), the other terminal is absent
 * (ENOENT), and so is our own terminal's host name: /dev/tty is it.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Is the character device RDEV on one of fds 0-2? */
static bool
own(dev_t rdev)
{
	struct stat st;

	for (int fd = 0; fd < 3; fd++)
		if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
		    st.st_rdev == rdev)
			return true;
	return false;
}

static void
try_open(const char *path, bool quiet)
{
	char what[128];
	int fd;

	snprintf(what, sizeof(what), "open %s (another terminal) read-only",
		 path);
	errno = 0;
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (!(fd < 0 && quiet && errno != EACCES && errno != EPERM))
		esc_expect(what, fd, EACCES, EPERM, ENOENT, 0);
	if (fd >= 0)
		close(fd);
	snprintf(what, sizeof(what), "open %s (another terminal) read-write",
		 path);
	errno = 0;
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && quiet && errno != EACCES && errno != EPERM)
		return; /* not there, or not ours to open (EIO, ENXIO) */
	/* Written to only if it is the test's own second terminal: the
	 * others may be anyone's (a control run as root opens them all). */
	if (!esc_expect(what, fd, EACCES, EPERM, ENOENT, 0) && !quiet) {
		/* A harmless sequence: the window title. */
		static const char seq[] = "\033]0;syscage-escape\007";
		long w = write(fd, seq, sizeof(seq) - 1);

		printf("  (wrote %ld bytes of an escape sequence)\n", w);
	}
	if (fd >= 0)
		close(fd);
}

int
main(int argc, char **argv)
{
	struct stat st;
	char path[64];

	if (argc != 2)
		esc_broken("usage: esc-other_tty /dev/pts/N", EINVAL);
	if (stat(argv[1], &st) == 0 && own(st.st_rdev))
		esc_broken("the other terminal is on our fds", EINVAL);
	try_open(argv[1], false);
	for (int n = 0; n < 64; n++) {
		snprintf(path, sizeof(path), "/dev/pts/%d", n);
		if (strcmp(path, argv[1]) && stat(path, &st) == 0 &&
		    !own(st.st_rdev))
			try_open(path, true);
	}
	/* Our own terminal, where its owner lets us (--user: root's is not). */
	if (isatty(0) && fstat(0, &st) == 0 &&
	    (st.st_uid == geteuid() || geteuid() == 0)) {
		const char *name = ttyname(0);
		int fd =
			name ? open(name, O_RDONLY | O_NOCTTY | O_CLOEXEC) : -1;

		if (name)
			esc_works("open our own terminal by its path", fd >= 0,
				  "%s", name);
		else
			printf("note: our terminal has no name here (a "
			       "private /dev): /dev/tty is it\n");
		if (fd >= 0)
			close(fd);
		fd = open("/dev/tty", O_RDONLY | O_CLOEXEC);
		esc_works("open /dev/tty", fd >= 0, "%s",
			  fd >= 0 ? "ok" : strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return esc_finish();
}
