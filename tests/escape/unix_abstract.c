// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Abstract Unix sockets have no path, so no file permission or path rule
 * guards them: X11, D-Bus and other daemons listen on them.  Connects to
 * one the runner made outside the sandbox (its name in argv[1]).  They
 * belong to a network namespace: given the runner's (argv[2], the text of
 * /proc/self/ns/net there), a target in a namespace of its own (ci's
 * 'net loopback') finds no such name (ECONNREFUSED), which blocks too.
 */
#include "escape.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* This process's network namespace is not OUTSIDE's ("net:[N]"). */
static bool
own_netns(const char *outside)
{
	char here[64];
	ssize_t n = readlink("/proc/self/ns/net", here, sizeof(here) - 1);

	if (!outside || n <= 0)
		return false;
	here[n] = '\0';
	return strcmp(here, outside) != 0;
}

int
main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	size_t len;
	int fd;

	if (!name || !*name || strlen(name) >= sizeof(sa.sun_path) - 1)
		esc_broken("usage: ABSTRACT-NAME", EINVAL);
	len = strlen(name);
	memcpy(sa.sun_path + 1, name, len);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) { /* EAFNOSUPPORT: 'net none' (untrusted) */
		esc_expect("socket(AF_UNIX)", fd, EPERM, EACCES, EAFNOSUPPORT,
			   0);
		return esc_finish();
	}
	if (own_netns(argc > 2 ? argv[2] : NULL)) {
		long r = connect(
			fd, (struct sockaddr *)&sa,
			(socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
				    len));

		printf("    (a network namespace of its own)\n");
		esc_expect("connect to an abstract socket outside", r, EPERM,
			   EACCES, ECONNREFUSED, 0);
	} else {
		esc_denied("connect to an abstract socket outside",
			   connect(fd, (struct sockaddr *)&sa,
				   (socklen_t)(offsetof(struct sockaddr_un,
							sun_path) +
					       1 + len)));
	}
	close(fd);
	return esc_finish();
}
