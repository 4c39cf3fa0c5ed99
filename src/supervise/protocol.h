// SPDX-License-Identifier: LGPL-2.1-or-later
/* The status socket's messages, from the child (launch.c) to us. */
#ifndef CAGE_PROTOCOL_H
#define CAGE_PROTOCOL_H

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

#endif
