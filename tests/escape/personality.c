// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * personality(2): READ_IMPLIES_EXEC makes every readable mapping
 * executable, ADDR_NO_RANDOMIZE turns off ASLR for this process and what
 * it execs.  Also with the high 32 bits set, which the kernel ignores.
 */
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct {
	unsigned long value;
	const char *name;
} tries[] = {
	{READ_IMPLIES_EXEC, "READ_IMPLIES_EXEC"},
	{ADDR_NO_RANDOMIZE, "ADDR_NO_RANDOMIZE"},
	{PER_LINUX32 | ADDR_NO_RANDOMIZE, "PER_LINUX32|ADDR_NO_RANDOMIZE"},
	{READ_IMPLIES_EXEC | (1UL << 32), "READ_IMPLIES_EXEC|1<<32"},
	{ADDR_NO_RANDOMIZE | 0xffffffff00000000UL,
	 "ADDR_NO_RANDOMIZE|0xffffffff00000000"},
	{ADDR_COMPAT_LAYOUT | MMAP_PAGE_ZERO,
	 "ADDR_COMPAT_LAYOUT|MMAP_PAGE_ZERO"},
};

int
main(void)
{
	long before = syscall(SYS_personality, 0xffffffffUL), after;
	char what[128];

	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		snprintf(what, sizeof(what), "personality(%s)", tries[i].name);
		esc_denied(what, syscall(SYS_personality, tries[i].value));
	}
	/* Whatever the calls returned, the persona must not have moved. */
	after = syscall(SYS_personality, 0xffffffffUL);
	if (before >= 0 && after >= 0 && after != before)
		esc_escaped("persona after the calls", "%#lx, was %#lx", after,
			    before);
	return esc_finish();
}
