// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * TIOCSTI and TIOCLINUX push input into the controlling terminal, which
 * the target shares with the user's shell (CVE-2017-5226, CVE-2019-10063
 * high bits, CVE-2023-28100).  Tried on a pty of its own made the
 * controlling terminal (posix_openpt, setsid, TIOCSCTTY) where the policy
 * lets it build one, and on the terminal it was started on, if any.
 */
#include "escape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define HIGH 0xffffffff00000000UL

/*
 * Requests on a terminal we control.  ARG NULL: TIOCSTI then fails with
 * EFAULT after every permission check, so nothing is typed into a real
 * terminal; on our own pty a real keystroke is fine.
 */
static void
try_requests(int fd, const char *where, const char *arg)
{
	static const struct {
		unsigned long req;
		const char *name;
	} reqs[] = {
		{TIOCSTI, "TIOCSTI"},
		{TIOCSTI | HIGH, "TIOCSTI|0xffffffff00000000"},
		{TIOCSTI | (1UL << 32), "TIOCSTI|1<<32"},
		{TIOCLINUX, "TIOCLINUX"},
		{TIOCLINUX | HIGH, "TIOCLINUX|0xffffffff00000000"},
	};
	char what[128];

	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		char sub = 6; /* TIOCL_GETSHIFTSTATE: harmless on a VT */
		bool sti;
		long r;

		snprintf(what, sizeof(what), "ioctl(%s, %s)", where,
			 reqs[i].name);
		errno = 0;
		sti = (reqs[i].req & 0xffffffffUL) == TIOCSTI;
		r = syscall(SYS_ioctl, fd, reqs[i].req,
			    sti ? (const void *)arg : (const void *)&sub);
		/* A pty answers TIOCLINUX with ENOTTY or EINVAL: then the
		 * filter let it through, and a virtual console would act. */
		esc_expect(what, r, EPERM, 0);
	}
}

/* In a child: a new session whose controlling terminal is a new pty. */
static int
own_pty(void)
{
	int m, s;
	char *name;

	if (setsid() < 0)
		esc_blocked("setsid for a terminal of its own", "%s",
			    esc_errname(errno));
	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0) {
		esc_blocked("posix_openpt", "%s", esc_errname(errno));
		return 0;
	}
	if (grantpt(m) < 0 || unlockpt(m) < 0 || !(name = ptsname(m))) {
		esc_blocked("grantpt/unlockpt", "%s", esc_errname(errno));
		return 0;
	}
	s = open(name, O_RDWR | O_NOCTTY);
	if (s < 0) {
		esc_blocked("open pty slave", "%s", esc_errname(errno));
		return 0;
	}
	if (ioctl(s, TIOCSCTTY, 0) < 0) {
		esc_blocked("TIOCSCTTY", "%s", esc_errname(errno));
		return 0;
	}
	try_requests(s, "own controlling pty", "x");
	return 1;
}

int
main(void)
{
	int tried = 0, status, fd;
	pid_t pid = fork();

	if (pid == 0)
		_exit(own_pty() ? esc_finish() : 3);
	if (pid < 0) {
		esc_blocked("fork for a terminal of its own", "%s",
			    esc_errname(errno));
	} else if (waitpid(pid, &status, 0) == pid) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
			status = 0; /* it could not build one: said why */
		else
			tried = 1;
		esc_child_status("own pty", status);
	}
	/* The terminal syscage was started on, as the user's shell has it. */
	fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0) {
		try_requests(fd, "inherited controlling terminal", NULL);
		tried = 1;
	}
	if (!tried)
		esc_broken("no controlling terminal to try TIOCSTI on", ENXIO);
	return esc_finish();
}
