// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * open_by_handle_at opens a file from a handle, not a path, so no path
 * rule (Landlock, a mount namespace) applies: the "shocker" escape from
 * containers.  name_to_handle_at makes the handle.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	struct file_handle *fh = calloc(1, sizeof(*fh) + MAX_HANDLE_SZ);
	int mount_id, mfd;
	long r;

	if (!fh)
		esc_broken("calloc", ENOMEM);
	fh->handle_bytes = MAX_HANDLE_SZ;
	r = syscall(SYS_name_to_handle_at, AT_FDCWD, "/etc/hostname", fh,
		    &mount_id, 0);
	esc_denied("name_to_handle_at(/etc/hostname)", r);
	if (r < 0) {
		/* A made-up handle: the kernel would say EINVAL or ESTALE
		 * if the filter let the call through. */
		fh->handle_bytes = 8;
		fh->handle_type = 1; /* FILEID_INO32_GEN */
		memset(fh->f_handle, 0, 8);
		fh->f_handle[0] = 2; /* the root inode of most filesystems */
	}
	mfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	esc_denied("open_by_handle_at",
		   syscall(SYS_open_by_handle_at, mfd < 0 ? AT_FDCWD : mfd, fh,
			   O_RDONLY | O_CLOEXEC));
	free(fh);
	return esc_finish();
}
