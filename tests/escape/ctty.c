// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A job started with its fds 0-2 away from the terminal ('syscage ...
 * </dev/null >log 2>&1' typed into an interactive shell) still had that
 * terminal as its controlling tty: /dev/tty, which every policy may
 * open, read what the user typed next and wrote into the screen.  With
 * no terminal on fds 0-2, /dev/tty must not open.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int
main(void)
{
	int fd;

	for (int i = 0; i <= 2; i++)
		if (isatty(i))
			esc_broken("fds 0-2 must not be a terminal here",
				   ENOTTY);
	errno = 0;
	fd = open("/dev/tty", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	esc_expect("open /dev/tty read-only (the controlling terminal)", fd,
		   ENXIO, EACCES, EPERM, 0);
	if (fd >= 0)
		close(fd);
	errno = 0;
	fd = open("/dev/tty", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	esc_expect("open /dev/tty read-write (the controlling terminal)", fd,
		   ENXIO, EACCES, EPERM, 0);
	if (fd >= 0)
		close(fd);
	return esc_finish();
}
