// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * 'fs rw $CWD' started from a directory of the system (/etc, /proc/sys,
 * the same through a symbolic link or a bind mount) hands over the
 * machine: as root, /etc/shadow or /proc/sys/kernel/core_pattern.  Open
 * each PATH given for writing (O_APPEND, nothing is written) and, with
 * -r, for reading.  Under a policy with fs rules every open fails;
 * started from such a directory it must not start at all.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char what[4200];
	bool rd = false;
	int fd;

	if (argc > 1 && !strcmp(argv[1], "-r")) {
		rd = true;
		argv++;
		argc--;
	}
	if (argc < 2)
		esc_broken("usage: esc-sys_write [-r] PATH...", EINVAL);
	for (int i = 1; i < argc; i++) {
		snprintf(what, sizeof(what), "open %s for %s", argv[i],
			 rd ? "reading" : "writing");
		errno = 0;
		fd = open(argv[i], (rd ? O_RDONLY : O_WRONLY | O_APPEND) |
					   O_NOCTTY | O_CLOEXEC);
		esc_expect(what, fd, EACCES, EPERM, ENOENT, EROFS, 0);
		if (fd >= 0)
			close(fd);
	}
	return esc_finish();
}
