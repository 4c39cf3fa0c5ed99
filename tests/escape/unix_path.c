// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unix socket files outside the sandbox: a user's session bus
 * (/run/user/UID/bus), docker.sock, a root daemon's control socket.
 * Landlock before ABI 9 does not mediate connect() to a pathname socket,
 * so only a policy without AF_UNIX sockets (socketpair is enough for
 * pipes) keeps them shut.  Connects to one the runner made outside every
 * fs rule (its path in argv[1]), as a stream and as a datagram peer.
 */
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* socket() refused: EPERM from the filter, EAFNOSUPPORT from 'net none'. */
static int
open_unix(int type)
{
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		esc_expect("socket(AF_UNIX)", fd, EPERM, EACCES, EAFNOSUPPORT,
			   0);
	return fd;
}

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : NULL;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char what[160];
	int fd;

	if (!path || !*path || strlen(path) >= sizeof(sa.sun_path))
		esc_broken("usage: SOCKET-PATH", EINVAL);
	memcpy(sa.sun_path, path, strlen(path));
	fd = open_unix(SOCK_STREAM);
	if (fd >= 0) {
		snprintf(what, sizeof(what),
			 "connect to a pathname socket outside (%s)", path);
		esc_denied(what,
			   connect(fd, (struct sockaddr *)&sa, sizeof(sa)));
		close(fd);
	}
	/* The runner's datagram socket is PATH.dgram. */
	if (strlen(path) + 6 >= sizeof(sa.sun_path))
		esc_broken("SOCKET-PATH too long", ENAMETOOLONG);
	strcat(sa.sun_path, ".dgram");
	fd = open_unix(SOCK_DGRAM);
	if (fd >= 0) {
		snprintf(what, sizeof(what),
			 "sendto a pathname socket outside (%s)", sa.sun_path);
		esc_denied(what, sendto(fd, "x", 1, 0, (struct sockaddr *)&sa,
					sizeof(sa)));
		close(fd);
	}
	return esc_finish();
}
