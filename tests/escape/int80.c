// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The i386 entry, int $0x80, from an x86-64 process: seccomp sees
 * AUDIT_ARCH_I386 and must kill the process.  Some hypervisors fault the
 * instruction (SIGSEGV) before the kernel sees it; arch_sim checks the
 * filter itself.  Usage: int80 [NR [ARG0]] (i386 numbers; 102 socketcall).
 */
#include "escape.h"

#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	long nr = argc > 1 ? strtol(argv[1], NULL, 0) : 20 /* getpid */;
	long a0 = argc > 2 ? strtol(argv[2], NULL, 0) : 0;
	char what[64];
	long r;

	snprintf(what, sizeof(what), "i386 int $0x80 syscall %ld(%ld)", nr, a0);
	printf("trying: %s\n", what);
	__asm__ volatile("int $0x80"
			 : "=a"(r)
			 : "a"(nr), "b"(a0), "c"(0L), "d"(0L)
			 : "memory", "r8", "r9", "r10", "r11");
	esc_escaped(what, "returned %ld", r);
	return esc_finish();
}
