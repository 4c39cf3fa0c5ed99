// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * No window before the filter: this static binary (no loader runs before
 * it) checks, in its first pre-init function and again at the start of
 * main, that the filter is already in force.
 */
#include "escape.h"

#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static long early_mode, early_errno;

/* Before libc's constructors: raw, so nothing in libc runs first. */
static void
at_preinit(void)
{
	early_mode = syscall(SYS_prctl, PR_GET_SECCOMP, 0, 0, 0, 0);
	early_errno = early_mode < 0 ? errno : 0;
}

/* The ELF pre-init array: run by libc's start-up before constructors. */
static void (*const preinit[])(void)
	__attribute__((section(".preinit_array"), used)) = {at_preinit};

int
main(void)
{
	long long mode = esc_status_field("/proc/self/status", "Seccomp", 10);
	long long n =
		esc_status_field("/proc/self/status", "Seccomp_filters", 10);

	if (mode == 2 && n >= 1)
		esc_blocked("start of main", "Seccomp 2, %lld filters", n);
	else
		esc_escaped("start of main", "Seccomp %lld, %lld filters", mode,
			    n);
	/* PR_GET_SECCOMP answers 2 under a filter, or the filter refuses
	 * it (a policy need not allow prctl); 0 would mean no filter. */
	if (early_mode == 2 || (early_mode < 0 && early_errno == EPERM))
		esc_blocked("pre-init", "PR_GET_SECCOMP: %s",
			    early_mode == 2 ? "2" : "EPERM from the filter");
	else
		esc_escaped("pre-init", "PR_GET_SECCOMP returned %ld (%s)",
			    early_mode, esc_errname((int)early_errno));
	return esc_finish();
}
