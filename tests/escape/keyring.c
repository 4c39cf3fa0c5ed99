// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel keyrings are not namespaced: the user's keyring is shared
 * with everything the user runs.  keyctl, add_key, request_key.
 */
#include "escape.h"

#include <errno.h>
#include <linux/keyctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	esc_denied("keyctl(KEYCTL_GET_KEYRING_ID, user keyring)",
		   syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID,
			   KEY_SPEC_USER_KEYRING, 0));
	esc_denied("keyctl(KEYCTL_JOIN_SESSION_KEYRING)",
		   syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL));
	/* The process keyring dies with this process. */
	esc_denied("add_key(user, process keyring)",
		   syscall(SYS_add_key, "user", "syscage-escape", "x", 1,
			   KEY_SPEC_PROCESS_KEYRING));
	esc_expect("request_key(user)",
		   syscall(SYS_request_key, "user", "syscage-escape-none", NULL,
			   KEY_SPEC_PROCESS_KEYRING),
		   EPERM, EACCES, 0);
	return esc_finish();
}
