// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Probes socket families as programs do at start-up: one line per probe,
 * "NAME ok" or "NAME ERRNONAME".  socketpair probes end in "-pair".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const struct probe {
	const char *name;
	int family, type, protocol; /* protocol -1: socketpair */
} probes[] = {
	{"unix", AF_UNIX, SOCK_STREAM, 0},
	{"inet", AF_INET, SOCK_STREAM, 0},
	{"inet6", AF_INET6, SOCK_DGRAM, 0},
	{"netlink-route", AF_NETLINK, SOCK_RAW, NETLINK_ROUTE},
	{"netlink-audit", AF_NETLINK, SOCK_RAW, NETLINK_AUDIT},
	{"netlink-uevent", AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT},
	{"netlink-generic", AF_NETLINK, SOCK_RAW, NETLINK_GENERIC},
	{"packet", AF_PACKET, SOCK_RAW, 0},
	{"bluetooth", AF_BLUETOOTH, SOCK_RAW, 1 /* BTPROTO_HCI */},
	{"vsock", AF_VSOCK, SOCK_STREAM, 0},
	{"alg", AF_ALG, SOCK_SEQPACKET, 0},
	{"key", AF_KEY, SOCK_RAW, 2 /* PF_KEY_V2 */},
	{"can", AF_CAN, SOCK_RAW, 1 /* CAN_RAW */},
	{"tipc", AF_TIPC, SOCK_RDM, 0},
	{"xdp", AF_XDP, SOCK_RAW, 0},
	{"unix-pair", AF_UNIX, SOCK_STREAM, -1},
	{"inet-pair", AF_INET, SOCK_STREAM, -1},
	{"vsock-pair", AF_VSOCK, SOCK_STREAM, -1},
};

int
main(void)
{
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		const struct probe *p = &probes[i];
		int sv[2], r;

		if (p->protocol < 0)
			r = socketpair(p->family, p->type, 0, sv);
		else
			r = socket(p->family, p->type, p->protocol);
		printf("%s %s\n", p->name,
		       r < 0 ? strerrorname_np(errno) : "ok");
	}
	return 0;
}
