// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * New namespaces: clone and unshare with each CLONE_NEW* flag (also with
 * the high 32 bits set, which the kernel ignores), and setns.  A user
 * namespace gives an unprivileged process every capability inside it.
 */
#include "escape.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static const struct {
	unsigned long flag;
	const char *name;
} flags[] = {
	{CLONE_NEWUSER, "CLONE_NEWUSER"},
	{CLONE_NEWUSER | CLONE_NEWNS, "CLONE_NEWUSER|CLONE_NEWNS"},
	{CLONE_NEWNS, "CLONE_NEWNS"},
	{CLONE_NEWPID, "CLONE_NEWPID"},
	{CLONE_NEWNET, "CLONE_NEWNET"},
	{CLONE_NEWUTS, "CLONE_NEWUTS"},
	{CLONE_NEWIPC, "CLONE_NEWIPC"},
	{CLONE_NEWCGROUP, "CLONE_NEWCGROUP"},
};

static void
try_clone(unsigned long fl, const char *name, const char *suffix)
{
	char what[128];
	long pid;
	int status;

	snprintf(what, sizeof(what), "clone(%s%s)", name, suffix);
	pid = syscall(SYS_clone, fl | SIGCHLD, 0L, NULL, NULL, 0L);
	if (pid == 0)
		syscall(SYS_exit_group, 0);
	if (pid > 0)
		waitpid((pid_t)pid, &status, 0);
	esc_denied(what, pid);
}

int
main(void)
{
	char what[128];

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		try_clone(flags[i].flag, flags[i].name, "");
		try_clone(flags[i].flag | 0xffffffff00000000UL, flags[i].name,
			  "|0xffffffff00000000");
	}
	/* setns on a bad fd: EBADF would mean the filter let it through. */
	esc_denied("setns(-1)", syscall(SYS_setns, -1, 0));
	/* unshare last: if one gets through, this process is in it. */
	esc_denied("unshare(CLONE_NEWTIME)",
		   syscall(SYS_unshare, CLONE_NEWTIME));
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		snprintf(what, sizeof(what), "unshare(%s)", flags[i].name);
		esc_denied(what, syscall(SYS_unshare, flags[i].flag));
	}
	return esc_finish();
}
