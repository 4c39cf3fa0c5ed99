// SPDX-License-Identifier: LGPL-2.1-or-later
/* modify_ldt: 16-bit segments, a long record of kernel bugs. */
#include "escape.h"

#include <asm/ldt.h>
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	struct user_desc d;
	char buf[16];

	memset(&d, 0, sizeof(d));
	d.entry_number = 0;
	d.limit = 0xfff;
	d.seg_32bit = 1;
	d.contents = 0; /* data */
	d.useable = 1;
	/* ENOSYS: a kernel built without CONFIG_MODIFY_LDT_SYSCALL. */
	esc_expect("modify_ldt(write a data segment)",
		   syscall(SYS_modify_ldt, 1, &d, sizeof(d)), EPERM, ENOSYS, 0);
	esc_expect("modify_ldt(read)",
		   syscall(SYS_modify_ldt, 0, buf, sizeof(buf)), EPERM, ENOSYS,
		   0);
	return esc_finish();
}
