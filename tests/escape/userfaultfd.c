// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * userfaultfd lets a program stall the kernel at a page fault of its
 * choosing, a tool of many exploits.  Tried through the syscall (also
 * UFFD_USER_MODE_ONLY, allowed unprivileged) and through /dev/userfaultfd
 * (Linux 6.1+), whose USERFAULTFD_IOC_NEW ioctl needs no syscall at all.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW _IO(0xAA, 0x00)
#endif

int
main(void)
{
	int fd;

	esc_denied("userfaultfd(O_CLOEXEC)",
		   syscall(SYS_userfaultfd, O_CLOEXEC));
	esc_denied("userfaultfd(UFFD_USER_MODE_ONLY)",
		   syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY));
	for (int mode = 0; mode < 2; mode++) {
		const char *how = mode ? "O_RDONLY" : "O_RDWR";
		char what[128];

		snprintf(what, sizeof(what), "open /dev/userfaultfd %s", how);
		fd = open("/dev/userfaultfd",
			  (mode ? O_RDONLY : O_RDWR) | O_CLOEXEC);
		if (fd < 0) {
			esc_expect(what, fd, EPERM, EACCES, ENOENT, 0);
			continue;
		}
		snprintf(what, sizeof(what),
			 "ioctl(/dev/userfaultfd %s, USERFAULTFD_IOC_NEW)",
			 how);
		esc_denied(what, syscall(SYS_ioctl, fd, USERFAULTFD_IOC_NEW,
					 O_CLOEXEC | UFFD_USER_MODE_ONLY));
		close(fd);
	}
	return esc_finish();
}
