// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Exec a setuid-root or file-capability binary from inside the sandbox
 * (it reports what it gained).  Usage: suid_exec PATH WHAT
 */
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

extern char **environ;

int
main(int argc, char **argv)
{
	char what[256];

	if (argc < 3)
		esc_broken("usage: suid_exec PATH WHAT", EINVAL);
	execve(argv[1], (char *[]){argv[1], argv[2], NULL}, environ);
	snprintf(what, sizeof(what), "%s", argv[2]);
	/* The kernel refuses to exec a file-capability binary when the
	 * bounding set cannot grant its capabilities. */
	if (errno == EPERM || errno == EACCES)
		esc_blocked(what, "execve: %s", esc_errname(errno));
	else
		esc_broken(what, errno);
	return esc_finish();
}
