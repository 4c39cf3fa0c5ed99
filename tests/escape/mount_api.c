// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Mounting, old API and new (CVE-2021-41133: flatpak missed fsopen,
 * open_tree, move_mount...).  Arguments are chosen so that the kernel,
 * if it is reached, answers something other than EPERM where it can
 * (EBADF, ENOENT, EINVAL): only the filter then says EPERM.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NOWHERE "/nonexistent-syscage-escape"

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif

int
main(void)
{
	esc_denied("fsopen(tmpfs)", syscall(SYS_fsopen, "tmpfs", 0));
	esc_denied("fsconfig(-1)", syscall(SYS_fsconfig, -1, 0, NULL, NULL, 0));
	esc_denied("fsmount(-1)", syscall(SYS_fsmount, -1, 0, 0));
	esc_denied("fspick(/)", syscall(SYS_fspick, AT_FDCWD, "/", 0));
	esc_denied("open_tree(OPEN_TREE_CLONE)",
		   syscall(SYS_open_tree, AT_FDCWD, "/", OPEN_TREE_CLONE));
	esc_denied("open_tree(" NOWHERE ")",
		   syscall(SYS_open_tree, AT_FDCWD, NOWHERE, 0));
	esc_denied("move_mount(-1)",
		   syscall(SYS_move_mount, -1, "", -1, "", 0));
	esc_denied("mount_setattr(-1)",
		   syscall(SYS_mount_setattr, -1, "", 0, NULL, 0));
	esc_denied("mount(tmpfs on " NOWHERE ")",
		   syscall(SYS_mount, "none", NOWHERE, "tmpfs", 0L, NULL));
	esc_denied("umount2(" NOWHERE ")", syscall(SYS_umount2, NOWHERE, 0));
	esc_denied("pivot_root", syscall(SYS_pivot_root, NOWHERE, NOWHERE));
	esc_denied("chroot(" NOWHERE ")", syscall(SYS_chroot, NOWHERE));
	return esc_finish();
}
