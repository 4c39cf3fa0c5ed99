// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Policies that exercise every way rules of one syscall combine (allow
 * with exceptions, conditional allows, log, trap, kill, a lenient
 * default), shared by the tests that compare a compiled filter with
 * decide.c's verdict (test_seccomp, test_supervised) and the OCI export
 * with the compiled filters (test_export).
 */
#ifndef SYSCAGE_TESTS_RULE_SHAPES_H
#define SYSCAGE_TESTS_RULE_SHAPES_H

#define RULE_SHAPES                                                            \
	"default kill\nallow ioctl\nerrno EPERM ioctl if arg1 == 5\n"          \
	"allow read write execve\n",                                           \
		"default kill\nallow socket if arg0 == 1\n"                    \
		"errno EAFNOSUPPORT socket\nlog getpid\ntrap ptrace\n",        \
		"default allow\nkill ioctl if arg0 == 1\n"                     \
		"errno EPERM ioctl if arg1 == 5\n"                             \
		"errno EACCES openat if arg2 & 3 == 1\n",                      \
		"default errno EPERM\nallow ioctl\n"                           \
		"errno EACCES ioctl if arg1 == TIOCSTI\n"                      \
		"errno ENOTTY ioctl if arg1 & 0xff00 == 0x5400 && arg0 == "    \
		"99\n",                                                        \
		"default errno EPERM\ntrap socket\n"                           \
		"errno EACCES socket if arg0 == 1\n"                           \
		"allow socket if arg1 == 5\nallow clone if arg0 < 100\n"

#endif
