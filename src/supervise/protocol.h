// SPDX-License-Identifier: LGPL-2.1-or-later
/* The status socket's messages, from the child (launch.c) to us. */
#ifndef CAGE_PROTOCOL_H
#define CAGE_PROTOCOL_H

#include <stdint.h>

/* Child to parent over the close-on-exec status socket; EOF means exec. */
enum cage_msg_type {
	CAGE_MSG_ERROR = 1,
	CAGE_MSG_LISTENER,    /* the listener fd comes with it */
	CAGE_MSG_NO_LISTENER, /* errnum: why; kernel filters enforce */
};

struct cage_launch_msg {
	int type;
	int errnum;
	int status; /* the exit status the child ends with */
	char step[64];
};

/*
 * With a PID namespace our child waits outside it, as the target's
 * stand-in.  Once the namespace's init has ended (and with it every
 * process of the namespace), it sends this on a socket of its own, then
 * exits: the kernel's teardown of the namespaces it held (the view's
 * mounts) happens in that exit, which we need not wait for.
 */
struct cage_end_msg {
	int wstatus;	 /* the target's wait status */
	uint64_t cpu_us; /* the CPU time of the namespace's processes */
};

#endif
