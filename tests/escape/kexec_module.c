// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Replacing the kernel or adding to it: kexec_load, kexec_file_load,
 * init_module, finit_module, delete_module, and raw I/O ports.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	esc_denied("kexec_load", syscall(SYS_kexec_load, 0L, 0L, NULL, 0L));
	esc_denied("kexec_file_load",
		   syscall(SYS_kexec_file_load, -1, -1, 0L, "", 0L));
	esc_denied("init_module", syscall(SYS_init_module, NULL, 0L, ""));
	esc_denied("finit_module", syscall(SYS_finit_module, -1, "", 0));
	esc_denied("delete_module",
		   syscall(SYS_delete_module, "syscage_none", O_NONBLOCK));
	esc_denied("iopl(3)", syscall(SYS_iopl, 3));
	esc_denied("ioperm(0x80)", syscall(SYS_ioperm, 0x80, 1, 1));
	return esc_finish();
}
