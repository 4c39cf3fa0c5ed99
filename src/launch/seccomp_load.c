// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading compiled programs into the calling thread: the child's last
 * steps before execve (launch.c).  Nothing here compiles.
 */
#include "launch/seccomp_load.h"
#include "compile/embedded.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>

int
cage_seccomp_load_program(const struct sock_fprog *prog)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) < 0)
		return -errno;
	return 0;
}

/* The listener's fd, or -errno (EBUSY: another listener up the chain). */
int
cage_seccomp_load_listener(const struct sock_fprog *prog)
{
	long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			  SECCOMP_FILTER_FLAG_NEW_LISTENER, prog);

	return fd < 0 ? -errno : (int)fd;
}

int
cage_seccomp_load(const struct cage_filter *f, size_t index)
{
	if (index >= f->n)
		return -EINVAL;
	if (f->embedded) {
		const struct cage_embedded_prog *p = &f->embedded->parts[index];
		struct sock_fprog prog = {p->len,
					  (struct sock_filter *)p->insns};

		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			return -errno;
		return 0;
	}
	return seccomp_load(f->parts[index].ctx);
}
