// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * x32 system call numbers from an x86-64 process (nr | 0x40000000): the
 * filter must kill the process, so this program should never print again
 * after "trying".  Usage: x32 NR (the x86-64 number to try).
 */
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define X32_SYSCALL_BIT 0x40000000L

int
main(int argc, char **argv)
{
	long nr = argc > 1 ? strtol(argv[1], NULL, 0) : 39 /* getpid */;
	char what[64];
	long r;

	snprintf(what, sizeof(what), "x32 syscall %ld", nr);
	printf("trying: %s\n", what);
	errno = 0;
	r = syscall(X32_SYSCALL_BIT | nr, -1L, 0L, 0L, 0L, 0L, 0L);
	/* Still alive: the filter let the call reach the kernel. */
	if (r < 0 && errno == ENOSYS)
		esc_escaped(what, "passed the filter: ENOSYS from a kernel "
				  "without x32, a kernel with x32 runs it");
	else
		esc_escaped(what, "returned %ld, %s", r, esc_errname(errno));
	return esc_finish();
}
