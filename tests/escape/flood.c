// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A flood of denied calls with distinct arguments, from several processes
 * of several threads each, to make syscage's memory, CPU, stderr and
 * report grow with them.  Judged outside (tests/escape/own_files.sh):
 * the report's size, syscage's peak memory and its time.  The calls fail
 * harmlessly even where allowed (bad pointers, paths that do not exist).
 * Usage: flood PROCESSES THREADS CALLS_PER_THREAD
 */
#include "escape.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long calls;
static int proc_no;

static void *
flood(void *arg)
{
	long t = (long)arg, allowed = 0;
	char path[64];

	for (long i = 0; i < calls; i++) {
		long r;

		snprintf(path, sizeof(path), "/nonexistent-flood-%d-%ld-%ld",
			 proc_no, t, i);
		switch (i % 4) {
		case 0:
			r = syscall(SYS_mount, path, path + 1, "none", 0, 0);
			break;
		case 1:
			r = syscall(SYS_umount2, path, 0);
			break;
		case 2:
			r = syscall(SYS_ptrace, 2 /* PEEKDATA */, 0x7ffffff0, i,
				    0);
			break;
		default:
			r = syscall(SYS_bpf, -1 - (int)(i & 0xffff), 0, 0);
			break;
		}
		if (r == 0)
			allowed++;
	}
	return (void *)allowed;
}

int
main(int argc, char **argv)
{
	int procs, threads, bad = 0;

	if (argc != 4)
		esc_broken("usage: flood PROCESSES THREADS CALLS", EINVAL);
	procs = atoi(argv[1]);
	threads = atoi(argv[2]);
	calls = atol(argv[3]);
	if (procs < 1 || threads < 1 || threads > 64 || calls < 1)
		esc_broken("bad arguments", EINVAL);
	for (int p = 0; p < procs; p++) {
		pid_t pid = fork();

		if (pid < 0)
			esc_broken("fork", errno);
		if (pid == 0) {
			pthread_t th[64];
			long allowed = 0;

			proc_no = p;
			for (long t = 0; t < threads; t++)
				if (pthread_create(&th[t], NULL, flood,
						   (void *)t))
					_exit(2);
			for (int t = 0; t < threads; t++) {
				void *r;

				pthread_join(th[t], &r);
				allowed += (long)r;
			}
			_exit(allowed ? 1 : 0);
		}
	}
	for (int p = 0; p < procs; p++) {
		int st;

		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	}
	if (bad)
		esc_escaped("flood",
			    "%d process(es) had a call let through "
			    "or failed",
			    bad);
	else
		esc_blocked("flood", "%d x %d x %ld calls, all refused", procs,
			    threads, calls);
	return esc_finish();
}
