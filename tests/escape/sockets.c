// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Socket families beyond the ones a policy allows: raw IP, packet,
 * netlink other than route, and kernel attack surfaces (AF_ALG, AF_KEY,
 * AF_VSOCK...), also with the high 32 bits of the family set.
 */
#include "escape.h"

#include <errno.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef AF_XDP
#define AF_XDP 44
#endif

static const struct {
	unsigned long family;
	int type, proto;
	const char *name;
} tries[] = {
	{AF_INET, SOCK_RAW, IPPROTO_ICMP, "AF_INET SOCK_RAW"},
	{AF_INET6, SOCK_RAW, IPPROTO_ICMPV6, "AF_INET6 SOCK_RAW"},
	{AF_INET, SOCK_PACKET, 0, "AF_INET SOCK_PACKET"},
	{AF_PACKET, SOCK_RAW, 0, "AF_PACKET SOCK_RAW"},
	{AF_PACKET, SOCK_DGRAM, 0, "AF_PACKET SOCK_DGRAM"},
	{AF_PACKET | (1UL << 32), SOCK_RAW, 0, "AF_PACKET|1<<32"},
	{AF_NETLINK, SOCK_RAW, NETLINK_AUDIT, "AF_NETLINK NETLINK_AUDIT"},
	{AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT,
	 "AF_NETLINK NETLINK_KOBJECT_UEVENT"},
	{AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER,
	 "AF_NETLINK NETLINK_NETFILTER"},
	{AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG,
	 "AF_NETLINK NETLINK_SOCK_DIAG"},
	{AF_NETLINK, SOCK_RAW, NETLINK_GENERIC, "AF_NETLINK NETLINK_GENERIC"},
	{AF_NETLINK, SOCK_RAW, NETLINK_XFRM, "AF_NETLINK NETLINK_XFRM"},
	{AF_ALG, SOCK_SEQPACKET, 0, "AF_ALG"},
	{AF_KEY, SOCK_RAW, 2, "AF_KEY"},
	{AF_VSOCK, SOCK_STREAM, 0, "AF_VSOCK"},
	{AF_TIPC, SOCK_RDM, 0, "AF_TIPC"},
	{AF_BLUETOOTH, SOCK_RAW, 0, "AF_BLUETOOTH"},
	{AF_XDP, SOCK_RAW, 0, "AF_XDP"},
};

int
main(void)
{
	char what[128];
	int sv[2];

	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		long fd = syscall(SYS_socket, tries[i].family, tries[i].type,
				  tries[i].proto);

		snprintf(what, sizeof(what), "socket(%s)", tries[i].name);
		/* EAFNOSUPPORT: the errno of a policy's family allowlist
		 * (net none|unix|inet); EPROTONOSUPPORT, ESOCKTNOSUPPORT,
		 * EINVAL would mean the filter let the call through. */
		esc_expect(what, fd, EPERM, EACCES, EAFNOSUPPORT, 0);
		if (fd >= 0)
			close((int)fd);
	}
	/* protocol's high bits: the kernel reads an int, so this is
	 * NETLINK_AUDIT, which a rule on arg2 == NETLINK_ROUTE must see */
	esc_expect("socket(AF_NETLINK, NETLINK_AUDIT|1<<32)",
		   syscall(SYS_socket, AF_NETLINK, SOCK_RAW,
			   NETLINK_AUDIT | (1UL << 32)),
		   EPERM, EACCES, EAFNOSUPPORT, 0);
	esc_expect("socketpair(AF_NETLINK)",
		   syscall(SYS_socketpair, AF_NETLINK, SOCK_RAW, 0, sv), EPERM,
		   EACCES, EAFNOSUPPORT, 0);
	return esc_finish();
}
