// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Native system call names.  libseccomp resolves names quickly (a perfect
 * hash) but numbers to names only by a linear scan, so the table of native
 * names is built once, on first need, for --explain and did-you-mean.
 */
#include "base/syscalls.h"

#include <errno.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* x86-64 numbers stay below 512; leave room for other native ABIs. */
#define NR_LIMIT 1024

/*
 * x86-64 system calls newer than the libseccomp syscage may be built with
 * (Debian 12's 2.5.4 stops at futex_requeue, 456), up to Linux 6.18, from
 * the kernel's arch/x86/entry/syscalls/syscall_64.tbl.  Used only where
 * libseccomp has no name for the number, so that policies can rule on
 * them by name (issue 14, point 7); a libseccomp that knows one wins.
 */
static const struct newer {
	const char *name;
	int nr;
} newer[] = {
	{"uretprobe", 335},	    {"uprobe", 336},
	{"statmount", 457},	    {"listmount", 458},
	{"lsm_get_self_attr", 459}, {"lsm_set_self_attr", 460},
	{"lsm_list_modules", 461},  {"mseal", 462},
	{"setxattrat", 463},	    {"getxattrat", 464},
	{"listxattrat", 465},	    {"removexattrat", 466},
	{"open_tree_attr", 467},    {"file_getattr", 468},
	{"file_setattr", 469},
};

#define NEWER_LEN (sizeof(newer) / sizeof(newer[0]))

static char *names[NR_LIMIT];
static int max_known = -1;

static bool
native_x86_64(void)
{
	return seccomp_arch_native() == SCMP_ARCH_X86_64;
}

/* The name of NR from the table above, or NULL. */
static const char *
newer_name(int nr)
{
	if (!native_x86_64())
		return NULL;
	for (size_t i = 0; i < NEWER_LEN; i++)
		if (newer[i].nr == nr)
			return newer[i].name;
	return NULL;
}

/* libseccomp's name of NR, else the table's, malloc()'d; NULL if none. */
static char *
resolve_num(int nr)
{
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
	const char *n;

	if (name)
		return name;
	n = newer_name(nr);
	return n ? strdup(n) : NULL;
}

static void
build_table(void)
{
	if (max_known >= 0)
		return;
	for (int nr = 0; nr < NR_LIMIT; nr++) {
		names[nr] = resolve_num(nr);
		if (names[nr])
			max_known = nr;
	}
}

int
cage_syscall_number(const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR) {
		for (size_t i = 0; native_x86_64() && i < NEWER_LEN; i++)
			if (!strcmp(newer[i].name, name))
				return newer[i].nr;
		return -ENOENT;
	}
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
		char *name = resolve_num(nr);

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

/*
 * Every architecture's numbers meet at 424; below it, each left a gap
 * after its own last call (x86-64: 337-423 after uprobe), where new
 * calls of that architecture alone land (uretprobe and uprobe did).
 */
int
cage_syscall_gap(int *first)
{
	static int gap = -1;

	for (int nr = 423; gap < 0; nr--) {
		char *name = nr > 0 ? resolve_num(nr) : NULL;

		if (name || nr <= 0)
			gap = nr + 1;
		free(name);
	}
	*first = gap;
	return 423;
}

void
cage_syscall_suggest(struct cage_suggest *s)
{
	build_table();
	for (int nr = 0; nr <= max_known; nr++)
		if (names[nr])
			cage_suggest_offer(s, names[nr]);
}
