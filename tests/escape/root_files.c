// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A uid-0 target without capabilities still owns root's files: it may
 * open them for writing (/proc/sys/kernel/core_pattern gives a root shell
 * on the next crash).  Opened for writing only, never written.
 * Usage: root_files [PATH...] (the runner adds a root-owned file).
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void
try_open(const char *path)
{
	char what[512];
	int fd;

	snprintf(what, sizeof(what), "open %s for writing", path);
	fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);
	/* EROFS: a read-only mount; ENOENT: not in this kernel. */
	esc_expect(what, fd, EPERM, EACCES, EROFS, ENOENT, 0);
	if (fd >= 0)
		close(fd);
}

int
main(int argc, char **argv)
{
	try_open("/proc/sys/kernel/core_pattern");
	try_open("/proc/sysrq-trigger");
	for (int i = 1; i < argc; i++)
		try_open(argv[i]);
	return esc_finish();
}
