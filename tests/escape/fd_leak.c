// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Descriptors syscage's caller or syscage itself left open: every fd
 * above 2 the target finds is a way back to something outside (a
 * directory fd escapes Landlock's path rules, a socket reaches a daemon,
 * the supervisor's own sockets reach it).
 */
#include "escape.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		esc_broken("opendir /proc/self/fd", errno);
	while ((e = readdir(d))) {
		char path[300], target[256] = "?", what[400];
		int fd = atoi(e->d_name);
		ssize_t len;

		if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd(d))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len >= 0)
			target[len] = '\0';
		snprintf(what, sizeof(what), "fd %d leaked into the target",
			 fd);
		esc_escaped(what, "%s", target);
		n++;
	}
	closedir(d);
	if (!n)
		esc_blocked("fds above 2", "none open");
	return esc_finish();
}
