// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading a path argument from the target: process_vm_readv in page-sized
 * pieces (a transfer stops at the first piece it cannot read, so a string
 * that ends just before an unmapped page is still read whole), and the
 * directory a relative path starts from, from /proc/PID/{cwd,fd/N}.  The
 * caller counts what it read only if the call is still pending after.
 */
#include "supervise/fs_read.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define PAGE 4096u

/* Up to SIZE bytes at ADDR: how many could be read, or -errno. */
static ssize_t
read_mem(pid_t pid, uint64_t addr, char *buf, size_t size)
{
	struct iovec local = {buf, size}, remote[PATH_MAX / PAGE + 2];
	size_t n = 0, done = 0;
	ssize_t got;

	while (done < size && n < sizeof(remote) / sizeof(remote[0])) {
		uint64_t at = addr + done;
		size_t len = PAGE - (size_t)(at % PAGE);

		if (len > size - done)
			len = size - done;
		remote[n].iov_base = (void *)(uintptr_t)at;
		remote[n++].iov_len = len;
		done += len;
	}
	local.iov_len = done;
	got = process_vm_readv(pid, &local, 1, remote, n, 0);
	return got < 0 ? -errno : got;
}

ssize_t
cage_fs_read_string(pid_t pid, uint64_t addr, char *buf, size_t size)
{
	ssize_t n;
	size_t len;

	if (pid <= 0 || !addr || size < 2)
		return -EINVAL;
	n = read_mem(pid, addr, buf, size - 1);
	if (n <= 0)
		return n < 0 ? n : -EFAULT;
	len = strnlen(buf, (size_t)n);
	if (len == (size_t)n)
		return -ENAMETOOLONG;
	return (ssize_t)len;
}

ssize_t
cage_fs_read_unix_path(pid_t pid, uint64_t addr, uint64_t len, char *buf,
		       size_t size)
{
	struct sockaddr_un sun;
	size_t off = offsetof(struct sockaddr_un, sun_path), n;
	ssize_t got;

	if (pid <= 0 || !addr || len <= off + 1)
		return 0;
	if (len > sizeof(sun))
		len = sizeof(sun);
	memset(&sun, 0, sizeof(sun));
	got = read_mem(pid, addr, (char *)&sun, (size_t)len);
	if (got < (ssize_t)len || sun.sun_family != AF_UNIX || !sun.sun_path[0])
		return 0;
	n = strnlen(sun.sun_path, (size_t)len - off);
	if (n + 1 > size)
		return 0;
	memcpy(buf, sun.sun_path, n);
	buf[n] = '\0';
	return (ssize_t)n;
}

int
cage_fs_read_sockaddr(pid_t pid, uint64_t addr, uint64_t len,
		      struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (pid <= 0 || !addr || len < sizeof(sa_family_t))
		return 0;
	if (len > sizeof(*ss))
		len = sizeof(*ss);
	if (read_mem(pid, addr, (char *)ss, (size_t)len) < (ssize_t)len)
		return 0;
	return ss->ss_family;
}

void
cage_fs_normalise(char *p)
{
	char *out = p, *in = p;

	while (*in) {
		char *end;
		size_t n;

		while (*in == '/')
			in++;
		end = strchrnul(in, '/');
		n = (size_t)(end - in);
		if (n == 0 || (n == 1 && in[0] == '.')) {
			/* nothing */
		} else if (n == 2 && in[0] == '.' && in[1] == '.') {
			while (out > p && *--out != '/')
				;
		} else {
			*out++ = '/';
			memmove(out, in, n);
			out += n;
		}
		in = end;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

int
cage_fs_absolute(pid_t pid, int dirfd, const char *path, char *out, size_t size)
{
	char link[64];
	ssize_t n = 0;

	if (path[0] != '/') {
		if (dirfd == AT_FDCWD)
			snprintf(link, sizeof(link), "/proc/%d/cwd", (int)pid);
		else
			snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid,
				 dirfd);
		n = readlink(link, out, size - 1);
		if (n < 0)
			return -errno;
		if (n == 0 || out[0] != '/') /* a pipe, a socket... */
			return -ENOTDIR;
		out[n++] = '/';
	}
	if (strlen(path) + (size_t)n >= size)
		return -ENAMETOOLONG;
	memcpy(out + n, path, strlen(path) + 1); /* room: checked above */
	cage_fs_normalise(out);
	return 0;
}
