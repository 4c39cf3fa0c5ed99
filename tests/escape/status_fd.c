// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The listener's hand-over once needed sendmsg on the status socket's
 * descriptor number whatever the policy said, and after exec any
 * descriptor with that number kept the exception.  Under a policy that
 * refuses sendmsg (stdio), sendmsg on every descriptor number up to the
 * limit: EPERM means the filter refused it; EBADF or ENOTSOCK means the
 * filter let it through to the kernel.  Run it where sendmsg is denied.
 */
#include "escape.h"

#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	struct rlimit rl;
	char buf[1] = {0};
	struct iovec iov = {buf, sizeof(buf)};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	long max = 1024, through = 0;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 65536)
		max = (long)rl.rlim_cur;
	for (long fd = 0; fd < max; fd++) {
		char what[64];
		long r;

		errno = 0;
		r = syscall(SYS_sendmsg, fd, &mh, MSG_DONTWAIT);
		if (r < 0 && errno == EPERM)
			continue;
		if (through++ < 4) {
			snprintf(what, sizeof(what), "sendmsg on fd %ld", fd);
			esc_escaped(what, "the filter let it through (%s)",
				    esc_errname(r < 0 ? errno : 0));
		}
	}
	if (through > 4)
		esc_escaped("sendmsg on more fd numbers",
			    "%ld in all got through", through);
	if (!through)
		esc_blocked("sendmsg on every fd number", "EPERM for fds 0-%ld",
			    max - 1);
	return esc_finish();
}
