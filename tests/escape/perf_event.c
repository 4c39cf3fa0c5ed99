// SPDX-License-Identifier: LGPL-2.1-or-later
/* perf_event_open: a large kernel attack surface and a side channel. */
#include "escape.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.exclude_kernel = 1;
	a.exclude_hv = 1;
	/* This process only, user space only: allowed at paranoid 2. */
	esc_denied("perf_event_open(task clock, self)",
		   syscall(SYS_perf_event_open, &a, 0, -1, -1, 0));
	esc_denied("perf_event_open(NULL)",
		   syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
	return esc_finish();
}
