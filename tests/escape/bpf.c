// SPDX-License-Identifier: LGPL-2.1-or-later
/* bpf(2): programs and maps in the kernel, a large attack surface. */
#include "escape.h"

#include <errno.h>
#include <linux/bpf.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	esc_denied("bpf(BPF_MAP_CREATE)",
		   syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof(attr)));
	memset(&attr, 0, sizeof(attr));
	esc_denied("bpf(BPF_PROG_LOAD, empty)",
		   syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr)));
	return esc_finish();
}
