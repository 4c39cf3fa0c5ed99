// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * System V shared memory has no namespace here: a segment another process
 * of the same user made outside the sandbox can be attached by its id and
 * written.  Usage: sysv_shm SHMID (a segment the runner made).  In a
 * private IPC namespace (SPEC 4.5) the id names nothing: EINVAL.
 */
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long id = argc > 1 ? strtol(argv[1], NULL, 0) : -1;
	long addr;

	if (id < 0)
		esc_broken("usage: sysv_shm SHMID", EINVAL);
	addr = syscall(SYS_shmat, id, NULL, 0);
	if (esc_expect("shmat of a segment made outside", addr, EPERM, EACCES,
		       EINVAL, 0) == false &&
	    addr != -1) {
		/* Write back what is there: proves write access, changes
		 * nothing. */
		volatile char *p = (volatile char *)addr;

		*p = *p;
		syscall(SYS_shmdt, addr);
	}
	return esc_finish();
}
