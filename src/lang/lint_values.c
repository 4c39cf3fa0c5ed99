// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Argument values that open an escape, shared by the linter's own checks
 * (lint.c) and its comparison with the default policy (lint_default.c).
 */
#include "lang/lint_values.h"

#include <linux/netlink.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW 0xAA00
#endif

#define NETLINK_WHY                                                            \
	"netlink beyond NETLINK_ROUTE reaches audit, netfilter, xfrm and "     \
	"the generic families, a large attack surface"

const struct cage_bad_value cage_lint_bad_values[] = {
	{"ioctl", 1, TIOCSTI, -1, 0, "TIOCSTI",
	 "it types commands into the user's terminal (CVE-2017-5226)"},
	{"ioctl", 1, TIOCLINUX, -1, 0, "TIOCLINUX",
	 "it types commands into the user's terminal (CVE-2023-28100)"},
	{"ioctl", 1, USERFAULTFD_IOC_NEW, -1, 0, "USERFAULTFD_IOC_NEW (0xAA00)",
	 "it makes a userfaultfd through /dev/userfaultfd, which a uid-0 "
	 "target without capabilities still opens"},
	{"socket", 0, AF_PACKET, -1, 0, "AF_PACKET",
	 "raw access to network interfaces wherever CAP_NET_RAW is kept"},
	{"socket", 0, AF_ALG, -1, 0, "AF_ALG",
	 "the kernel's crypto API, a long record of kernel bugs"},
	{"socket", 0, AF_KEY, -1, 0, "AF_KEY",
	 "IPsec key management, a large attack surface"},
	{"socket", 0, AF_NETLINK, 2, NETLINK_AUDIT, "AF_NETLINK NETLINK_AUDIT",
	 NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_NETFILTER,
	 "AF_NETLINK NETLINK_NETFILTER", NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_XFRM, "AF_NETLINK NETLINK_XFRM",
	 NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_GENERIC,
	 "AF_NETLINK NETLINK_GENERIC", NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_KOBJECT_UEVENT,
	 "AF_NETLINK NETLINK_KOBJECT_UEVENT", NETLINK_WHY},
};

const size_t cage_lint_nbad_values =
	sizeof(cage_lint_bad_values) / sizeof(cage_lint_bad_values[0]);

bool
cage_lint_value_named(const char *sys, unsigned arg, uint64_t v)
{
	for (size_t k = 0; k < cage_lint_nbad_values; k++)
		if (!strcmp(cage_lint_bad_values[k].sys, sys) &&
		    cage_lint_bad_values[k].arg == arg &&
		    cage_lint_bad_values[k].value == v &&
		    cage_lint_bad_values[k].arg2 < 0)
			return true;
	return false;
}
