// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-syscall cost, in process: run it bare, or under syscage -p POLICY,
 * and it times N raw calls of each kind (default 2,000) in ROUNDS
 * interleaved rounds (default 50), in wall time and in the thread's CPU
 * time (which a loaded machine's preemptions do not inflate; a routed
 * call's wait for the supervisor is not in it either).
 *
 *   sysloop [-n N] [-r ROUNDS] [-d DIV] [-F cached|uncached] [CALL...]
 *   sysloop -w N          a workload: N getppid calls, nothing printed
 *
 * CALLs (default: all but routed; "routed" runs N/50 calls):
 *   getppid   argument-free; every built-in allows it outright
 *   ioctl     ioctl(-1, TCGETS): allowed with an argument condition
 *   socket    socket(AF_UNIX, bad type): the filter reads arg0, the kernel
 *             then fails it at once (EINVAL), with nothing allocated
 *   routed    ioctl(-1, TIOCSTI): denied by every built-in, so the
 *             supervisor decides it (a user-notification round trip)
 * -d DIV divides N for every call (--learn routes them all).  -F loads a
 * one-instruction filter first: "cached" (ret ALLOW, which the kernel's
 * action cache skips) or "uncached" (it reads arg0, so it runs every call):
 * the floors any seccomp filter costs.
 * Output, one line a call, in ns per call over the rounds:
 *   call<TAB>wall_median<TAB>wall_p10<TAB>cpu_median<TAB>cpu_p10<TAB>errno
 * (errno of the last call, 0 when it succeeded).
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum call { C_GETPPID, C_IOCTL, C_SOCKET, C_ROUTED, NCALLS };
static const char *const call_names[NCALLS] = {"getppid", "ioctl", "socket",
					       "routed"};

static double
now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* N calls; the errno of the last (0: it succeeded). */
static int
loop(enum call c, long n)
{
	long r = 0;

	for (long i = 0; i < n; i++) {
		switch (c) {
		case C_GETPPID:
			r = syscall(SYS_getppid);
			break;
		case C_IOCTL:
			r = syscall(SYS_ioctl, -1, TCGETS, 0);
			break;
		case C_SOCKET:
			r = syscall(SYS_socket, AF_UNIX, 0x7f, 0);
			break;
		case C_ROUTED:
			r = syscall(SYS_ioctl, -1, TIOCSTI, 0);
			break;
		case NCALLS:
			break;
		}
	}
	return r < 0 ? errno : 0;
}

static int
self_filter(const char *kind)
{
	struct sock_filter cached[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter uncached[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog;

	if (!strcmp(kind, "cached"))
		prog = (struct sock_fprog){1, cached};
	else if (!strcmp(kind, "uncached"))
		prog = (struct sock_fprog){2, uncached};
	else
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		perror("sysloop: seccomp");
		return -1;
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	long n = 2000, div = 1, work = 0;
	int rounds = 50, opt, ncalls = 0;
	enum call calls[NCALLS];
	double *wall[NCALLS], *cpu[NCALLS];
	int err[NCALLS] = {0};

	while ((opt = getopt(argc, argv, "n:r:d:F:w:")) != -1) {
		switch (opt) {
		case 'n':
			n = atol(optarg);
			break;
		case 'r':
			rounds = atoi(optarg);
			break;
		case 'd':
			div = atol(optarg);
			break;
		case 'F':
			if (self_filter(optarg))
				return 2;
			break;
		case 'w':
			work = atol(optarg);
			break;
		default:
			return 2;
		}
	}
	if (work > 0)
		return loop(C_GETPPID, work) ? 1 : 0;
	for (int i = optind; i < argc; i++)
		for (int c = 0; c < NCALLS; c++)
			if (!strcmp(argv[i], call_names[c]) && ncalls < NCALLS)
				calls[ncalls++] = (enum call)c;
	if (optind == argc)
		for (int c = 0; c < C_ROUTED; c++)
			calls[ncalls++] = (enum call)c;
	if (!ncalls || rounds < 1 || div < 1 || n < 1)
		return 2;
	for (int k = 0; k < ncalls; k++) {
		wall[k] = calloc((size_t)rounds, sizeof(double));
		cpu[k] = calloc((size_t)rounds, sizeof(double));
	}
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < ncalls; k++) {
			long m = (calls[k] == C_ROUTED ? n / 50 : n) / div;
			double w0, c0;

			m = m < 1 ? 1 : m;
			w0 = now_ns(CLOCK_MONOTONIC);
			c0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
			err[k] = loop(calls[k], m);
			cpu[k][r] = (now_ns(CLOCK_THREAD_CPUTIME_ID) - c0) /
				    (double)m;
			wall[k][r] = (now_ns(CLOCK_MONOTONIC) - w0) / (double)m;
		}
	for (int k = 0; k < ncalls; k++) {
		qsort(wall[k], (size_t)rounds, sizeof(double), cmp_double);
		qsort(cpu[k], (size_t)rounds, sizeof(double), cmp_double);
		printf("%s\t%.1f\t%.1f\t%.1f\t%.1f\t%d\n", call_names[calls[k]],
		       wall[k][rounds / 2], wall[k][rounds / 10],
		       cpu[k][rounds / 2], cpu[k][rounds / 10], err[k]);
	}
	return 0;
}
