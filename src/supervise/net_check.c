// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A TCP connect the network layers refuse, named (net_check.h): in a
 * network namespace with lo alone, any address but a loopback one (the
 * target gets ENETUNREACH); under a policy's 'net connect' ports, a TCP
 * stream socket's port that a layer lacks (Landlock: EACCES).  Landlock
 * leaves UDP alone: the socket's type is read from a copy of its fd
 * (pidfd_getfd), and when it cannot be read nothing is said.
 */
#include "supervise/fs_read.h"
#include "supervise/net_check.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

struct port_layer {
	const char *policy;
	const uint16_t *ports; /* the policy's own: it outlives the run */
	size_t n;
	const char *file;
	unsigned line;
};

struct cage_net_check {
	struct port_layer *v;
	size_t n;
	bool loopback;
};

int
cage_net_check_new(struct cage_policy *const *pols, size_t n,
		   bool loopback_only, struct cage_net_check **out)
{
	struct cage_net_check *c;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (!c || !(c->v = calloc(n ? n : 1, sizeof(*c->v)))) {
		free(c);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const struct cage_isolation *iso = &pols[i]->iso;

		if (!iso->nconnect || iso->net == CAGE_NET_NONE ||
		    iso->net == CAGE_NET_UNIX)
			continue; /* seccomp refuses the socket itself */
		c->v[c->n++] = (struct port_layer){
			pols[i]->name, iso->connect, iso->nconnect,
			iso->ports_loc.file ? iso->ports_loc.file->name : NULL,
			iso->ports_loc.line};
	}
	c->loopback = loopback_only;
	if (!c->n && !c->loopback) {
		cage_net_check_free(c);
		return 0;
	}
	*out = c;
	return 0;
}

void
cage_net_check_free(struct cage_net_check *c)
{
	if (!c)
		return;
	free(c->v);
	free(c);
}

/* FD of PID is a TCP stream socket (Landlock's concern): 1, 0, or -1
 * when it cannot be told. */
static int
tcp_stream(pid_t pid, int fd)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0), s, type = 0;
	socklen_t len = sizeof(type);

	if (pfd < 0)
		pfd = (int)syscall(SYS_pidfd_open, pid, PIDFD_THREAD);
	if (pfd < 0)
		return -1;
	s = (int)syscall(SYS_pidfd_getfd, pfd, fd, 0);
	close(pfd);
	if (s < 0)
		return -1;
	if (getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len) < 0)
		type = -1;
	close(s);
	return type < 0 ? -1 : type == SOCK_STREAM;
}

static bool
has_port(const struct port_layer *l, unsigned port)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->ports[i] == port)
			return true;
	return false;
}

/* "93.184.216.34:443", "[2001:db8::1]:443"; whether it is loopback. */
static bool
address_text(const struct sockaddr_storage *ss, char *out, size_t size,
	     unsigned *port)
{
	char a[INET6_ADDRSTRLEN] = "?";

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)ss;

		inet_ntop(AF_INET, &in->sin_addr, a, sizeof(a));
		*port = ntohs(in->sin_port);
		snprintf(out, size, "%s:%u", a, *port);
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	const struct sockaddr_in6 *in6 = (const void *)ss;

	inet_ntop(AF_INET6, &in6->sin6_addr, a, sizeof(a));
	*port = ntohs(in6->sin6_port);
	snprintf(out, size, "[%s]:%u", a, *port);
	return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
	       (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) &&
		in6->sin6_addr.s6_addr[12] == 127);
}

int
cage_net_check_connect(const struct cage_net_check *c, pid_t pid,
		       const uint64_t args[6], struct cage_fs_finding *f)
{
	struct sockaddr_storage ss;
	int fam = cage_fs_read_sockaddr(pid, args[1], args[2], &ss);
	unsigned port;
	bool loop;

	if (fam != AF_INET && fam != AF_INET6)
		return -1;
	loop = address_text(&ss, f->path, sizeof(f->path), &port);
	f->want = "connect";
	if (c->loopback && !loop) {
		snprintf(f->why, sizeof(f->why),
			 "only lo in the private view (net loopback)");
		snprintf(f->allow, sizeof(f->allow), "net inet");
		snprintf(f->option, sizeof(f->option), "--net inet");
		f->errnum = ENETUNREACH;
		return 1;
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct port_layer *l = &c->v[i];

		if (has_port(l, port) || tcp_stream(pid, (int)args[0]) != 1)
			continue;
		snprintf(f->why, sizeof(f->why),
			 "TCP port %u is not among %s's 'net connect' ports "
			 "(Landlock)",
			 port, l->policy);
		snprintf(f->allow, sizeof(f->allow), "net connect %u", port);
		f->policy = l->policy;
		f->file = l->file;
		f->line = l->line;
		f->errnum = EACCES;
		return 1;
	}
	return 0;
}
