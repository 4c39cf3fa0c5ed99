// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Fileless execution: copy this program into a memfd and execveat it.
 * Where a policy allows that, the new image must still be confined:
 * same filter (Seccomp 2), no_new_privs, no capabilities.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

/* Run inside the memfd image. */
static int
inside(void)
{
	long long sc = esc_status_field("/proc/self/status", "Seccomp", 10);
	long long nnp = esc_status_field("/proc/self/status", "NoNewPrivs", 10);
	long long eff = esc_status_field("/proc/self/status", "CapEff", 16);
	long long prm = esc_status_field("/proc/self/status", "CapPrm", 16);

	if (sc == 2 && nnp == 1 && eff == 0 && prm == 0)
		esc_blocked("code run from a memfd",
			    "still Seccomp 2, NoNewPrivs 1, no capabilities");
	else
		esc_escaped("code run from a memfd",
			    "Seccomp %lld, NoNewPrivs %lld, CapEff %llx, "
			    "CapPrm %llx",
			    sc, nnp, eff, prm);
	return esc_finish();
}

int
main(int argc, char **argv)
{
	char buf[65536];
	ssize_t n;
	int mfd, self;
	long r;

	if (argc > 1 && !strcmp(argv[1], "--inside"))
		return inside();
	r = syscall(SYS_memfd_create, "escape", MFD_CLOEXEC);
	if (r < 0) {
		esc_blocked("memfd_create", "%s", esc_errname(errno));
		return esc_finish();
	}
	mfd = (int)r;
	self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		esc_broken("open /proc/self/exe", errno);
	while ((n = read(self, buf, sizeof(buf))) > 0)
		if (write(mfd, buf, (size_t)n) != n)
			esc_broken("write to the memfd", errno);
	close(self);
	r = syscall(SYS_execveat, mfd, "",
		    (char *[]){"memfd_exec", "--inside", NULL}, environ,
		    AT_EMPTY_PATH);
	esc_blocked("execveat(memfd)", "%s", esc_errname(errno));
	return esc_finish();
}
