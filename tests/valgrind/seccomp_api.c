// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Preloaded into syscage under valgrind only.  Valgrind 3.19 answers
 * seccomp(2) with ENOSYS, so libseccomp's probe would find API level 1 and
 * refuse every action newer than KILL; the highest level it knows lets the
 * compile go on.  No filter is ever loaded under valgrind: the level
 * cannot weaken one.
 */
#include <seccomp.h>

__attribute__((constructor)) static void
set_api_level(void)
{
	for (unsigned level = 16; level > 1; level--)
		if (seccomp_api_set(level) == 0)
			return;
}
