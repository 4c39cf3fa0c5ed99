// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reaching into processes outside the sandbox that run as the same user:
 * syscage's own supervisor (the parent) and a sibling (argv[1], a process
 * the runner started beside syscage).  ptrace, process_vm_readv and
 * _writev, pidfd_getfd, and /proc/PID/mem, environ and fd/.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* The first writable mapping's start, from /proc/PID/maps, or 0. */
static unsigned long
writable_addr(pid_t pid)
{
	char path[64], line[512], perms[8];
	unsigned long lo = 0, hi;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 &&
		    perms[1] == 'w')
			break;
		else
			lo = 0;
	fclose(f);
	return lo;
}

/* /proc/PID/mem: opening it for writing is the permission check; then
 * write back the byte that is there, which changes nothing. */
static void
try_mem(pid_t pid, const char *who)
{
	char what[128], path[64], c;
	unsigned long addr;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	snprintf(what, sizeof(what), "open /proc/%s/mem O_RDWR", who);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (esc_denied(what, fd) == false && fd >= 0) {
		addr = writable_addr(pid);
		snprintf(what, sizeof(what), "write /proc/%s/mem", who);
		if (addr && pread(fd, &c, 1, (off_t)addr) == 1 &&
		    pwrite(fd, &c, 1, (off_t)addr) == 1)
			esc_escaped(what, "wrote a byte at %#lx", addr);
		close(fd);
	}
	snprintf(what, sizeof(what), "open /proc/%s/mem O_RDONLY", who);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	esc_denied(what, fd);
	if (fd >= 0)
		close(fd);
}

static void
try_proc_files(pid_t pid, const char *who)
{
	char what[128], path[64], buf[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	snprintf(what, sizeof(what), "read /proc/%s/environ", who);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		esc_denied(what, read(fd, buf, sizeof(buf)));
		close(fd);
	} else {
		esc_denied(what, fd);
	}
	/* Its descriptors, reopened through /proc/PID/fd/N. */
	snprintf(what, sizeof(what), "open /proc/%s/fd/N", who);
	for (int n = 0; n < 16; n++) {
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, n);
		fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			close(fd);
			esc_escaped(what, "reopened its fd %d", n);
			return;
		}
		if (errno != ENOENT && errno != ENXIO)
			break;
	}
	esc_blocked(what, "%s", esc_errname(errno));
}

static void
try_target(pid_t pid, const char *who)
{
	char what[128], byte = 0;
	struct iovec local = {&byte, 1}, remote = {NULL, 1};
	long r, pidfd;

	snprintf(what, sizeof(what), "ptrace(PTRACE_SEIZE, %s)", who);
	/* A seized tracee keeps running; our exit detaches it. */
	esc_denied(what, ptrace(PTRACE_SEIZE, pid, NULL, NULL));
	/* Address 0: EFAULT would mean the access check passed. */
	snprintf(what, sizeof(what), "process_vm_readv(%s)", who);
	r = syscall(SYS_process_vm_readv, pid, &local, 1, &remote, 1, 0);
	esc_denied(what, r);
	snprintf(what, sizeof(what), "process_vm_writev(%s)", who);
	r = syscall(SYS_process_vm_writev, pid, &local, 1, &remote, 1, 0);
	esc_denied(what, r);
	snprintf(what, sizeof(what), "pidfd_getfd(%s, 0)", who);
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		esc_blocked(what, "no pidfd: pidfd_open said %s",
			    esc_errname(errno));
	else
		esc_denied(what, syscall(SYS_pidfd_getfd, pidfd, 0, 0));
	try_mem(pid, who);
	try_proc_files(pid, who);
}

int
main(int argc, char **argv)
{
	pid_t sibling = esc_arg_pid(argc, argv);

	try_target(getppid(), "supervisor");
	if (sibling > 0)
		try_target(sibling, "sibling");
	else
		esc_broken("usage: SIBLING-PID", EINVAL);
	return esc_finish();
}
