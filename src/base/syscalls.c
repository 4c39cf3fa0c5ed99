// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Native system call names.  libseccomp resolves names quickly (a perfect
 * hash) but numbers to names only by a linear scan, so the table of native
 * names is built once, on first need, for --explain and did-you-mean.
 */
#include "base/syscalls.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>

/* x86-64 numbers stay below 512; leave room for other native ABIs. */
#define NR_LIMIT 1024

static char *names[NR_LIMIT];
static int max_known = -1;

static void
build_table(void)
{
	if (max_known >= 0)
		return;
	for (int nr = 0; nr < NR_LIMIT; nr++) {
		names[nr] =
			seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (names[nr])
			max_known = nr;
	}
}

int
cage_syscall_number(const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return -ENOENT;
	if (nr < 0)
		return -EXDEV;
	return nr;
}

const char *
cage_syscall_name(int nr)
{
	if (nr < 0 || nr >= NR_LIMIT)
		return NULL;
	build_table();
	return names[nr];
}

/*
 * Probe upwards from 424 (pidfd_send_signal, where every architecture's
 * numbers meet) instead of building the whole table: this runs at every
 * launch, the table only for --explain and typos.
 */
int
cage_syscall_max_known(void)
{
	int last = -1, misses = 0;

	if (max_known >= 0)
		return max_known;
	for (int nr = 424; nr < NR_LIMIT && misses < 64; nr++) {
		char *name =
			seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);

		if (name) {
			last = nr;
			misses = 0;
		} else {
			misses++;
		}
		free(name);
	}
	return last;
}

void
cage_syscall_suggest(struct cage_suggest *s)
{
	build_table();
	for (int nr = 0; nr <= max_known; nr++)
		if (names[nr])
			cage_suggest_offer(s, names[nr]);
}
