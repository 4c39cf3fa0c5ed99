// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Syscall argument values by name, for every text that shows one (a
 * denied call, a suggested rule, --explain): which constants name each
 * argument, chosen by what the call's other arguments say (fcntl's
 * command names its third argument, a netlink family the protocol), and
 * one canonical name per value (AF_UNIX, never AF_FILE; O_NONBLOCK, never
 * O_NDELAY; F_SETFL, never F_EXLCK).
 */
#ifndef CAGE_ARGNAMES_H
#define CAGE_ARGNAMES_H

#include <stddef.h>
#include <stdint.h>

/* The set of names an argument's values come from. */
enum cage_ns {
	CAGE_NS_HEX, /* no names: hexadecimal */
	CAGE_NS_NUM, /* no names: decimal (pids, descriptors, sizes) */
	CAGE_NS_MODE,
	CAGE_NS_AF,
	CAGE_NS_SOCKTYPE,
	CAGE_NS_NETLINK,
	CAGE_NS_OFLAGS,
	CAGE_NS_STATUSFLAGS, /* fcntl(F_SETFL): open flags, no access mode */
	CAGE_NS_FCNTL,
	CAGE_NS_FDFLAGS,
	CAGE_NS_CLONE,	 /* clone(2): flags and the exit signal */
	CAGE_NS_NSFLAGS, /* unshare(2), setns(2): flags only */
	CAGE_NS_PROT,
	CAGE_NS_MAP,
	CAGE_NS_PRCTL,
	CAGE_NS_SIG,
	CAGE_NS_IOCTL,
	CAGE_NS_PERSONALITY,
	CAGE_NS_RLIMIT,
};

/*
 * The names of argument ARG of syscall SYS.  KNOWN: bit i set when
 * ARGS[i] is known (the call's registers, or a rule's == comparison);
 * an argument named by another is a number when that one is unknown.
 */
enum cage_ns cage_arg_ns(const char *sys, unsigned arg, const uint64_t args[6],
			 unsigned known);

/*
 * V by name in OUT: a value, or flags joined by '|' ("O_WRONLY|O_CREAT"),
 * leftover bits as a number.  MASK: the bits V is compared on (all ones
 * for a plain value); an access mode is named only where MASK covers it.
 */
void cage_ns_value(char *out, size_t size, enum cage_ns ns, uint64_t v,
		   uint64_t mask);
/* MASK by name ("O_ACCMODE|O_CREAT|O_TRUNC"). */
void cage_ns_mask(char *out, size_t size, enum cage_ns ns, uint64_t mask);

/* The canonical name of V among constants named PREFIX*, or NULL. */
const char *cage_ns_name(enum cage_ns ns, uint64_t v);

#endif
