// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-syscall cost of a filter, paired in one process: seccomp filters
 * belong to a thread, so one thread stays unfiltered while one thread per
 * FILTER loads it; all are pinned to one CPU and take turns, round after
 * round and in a rotating order, so the unfiltered and filtered figures
 * share the CPU, its caches and the machine's load of the moment.  The differences
 * are then a few nanoseconds precise even on a loaded machine, where
 * comparing separate processes is not.
 *
 *   sysloop_paired [-n N] [-r ROUNDS] FILTER...
 *
 * FILTER: "cached" (ret ALLOW: the kernel's action cache skips it),
 * "uncached" (reads arg0: it runs on every call), or NAME=FILE, a raw BPF
 * program (syscage's supervised filter as compile_time -o writes it),
 * loaded with a listener whose calls a thread here answers "continue": a
 * routed call then costs one bare user-notification round trip.
 * Calls: getppid, ioctl(-1, TCGETS), socket(AF_UNIX, bad type).
 * Output, one line per filter and call, ns per call:
 *   filter<TAB>call<TAB>median_of_paired_differences<TAB>unfiltered_p10
 *   <TAB>filtered_p10
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP 1
#endif

#define MAX_FILTERS 8
enum { NCALLS = 3 };
static const char *const call_names[NCALLS] = {"getppid", "ioctl", "socket"};

struct runner {
	const char *name;
	struct sock_fprog prog;
	bool listener;
	pthread_t thread;
	sem_t go, done;
	int call;
	long n;
	double ns; /* per call, of the last turn */
	int err;   /* loading the filter */
	int fd;	   /* its listener */
};

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double
timed(int call, long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++) {
		if (call == 0)
			syscall(SYS_getppid);
		else if (call == 1)
			syscall(SYS_ioctl, -1, TCGETS, 0);
		else
			syscall(SYS_socket, AF_UNIX, 0x7f, 0);
	}
	return (now_ns() - t0) / (double)n;
}

static int the_cpu; /* the first CPU we may run on */

static int
pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static int
first_cpu(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return 0;
	for (int i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &set))
			return i;
	return 0;
}

/* Answer every routed call with "continue", as --learn does. */
static void *
respond(void *arg)
{
	int fd = (int)(long)arg;
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
	      (unsigned long long)SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			return NULL;
		}
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

static void *
run_filtered(void *arg)
{
	struct runner *r = arg;
	long fd;

	pin(the_cpu);
	if (r->prog.len == 0) {
		r->fd = -1; /* the reference: no filter */
	} else if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		r->err = errno;
	} else {
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			     r->listener ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0,
			     &r->prog);
		if (fd < 0)
			r->err = errno;
		r->fd = (int)fd;
	}
	sem_post(&r->done);
	for (;;) {
		sem_wait(&r->go);
		r->ns = timed(r->call, r->n);
		sem_post(&r->done);
	}
	return NULL;
}

static int
load_file(struct runner *r, const char *spec)
{
	const char *eq = strchr(spec, '=');
	struct stat st;
	int fd;

	r->name = strndup(spec, (size_t)(eq - spec));
	fd = open(eq + 1, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size == 0 ||
	    st.st_size % sizeof(struct sock_filter))
		return -1;
	r->prog.len = (unsigned short)(st.st_size / sizeof(struct sock_filter));
	r->prog.filter = malloc((size_t)st.st_size);
	if (read(fd, r->prog.filter, (size_t)st.st_size) != st.st_size)
		return -1;
	close(fd);
	r->listener = true;
	return 0;
}

static int
setup(struct runner *r, const char *spec)
{
	static struct sock_filter cached[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	static struct sock_filter uncached[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	pthread_t t;

	if (!strcmp(spec, "none")) {
		r->name = "none";
		r->prog.len = 0;
	} else if (!strcmp(spec, "cached")) {
		r->name = "seccomp floor: cached";
		r->prog = (struct sock_fprog){1, cached};
	} else if (!strcmp(spec, "uncached")) {
		r->name = "seccomp floor: uncached";
		r->prog = (struct sock_fprog){2, uncached};
	} else if (!strchr(spec, '=') || load_file(r, spec)) {
		fprintf(stderr, "sysloop_paired: bad filter '%s'\n", spec);
		return -1;
	}
	sem_init(&r->go, 0, 0);
	sem_init(&r->done, 0, 0);
	pthread_create(&r->thread, NULL, run_filtered, r);
	sem_wait(&r->done);
	if (r->err) {
		fprintf(stderr, "sysloop_paired: %s: seccomp: %s\n", r->name,
			strerror(r->err));
		return -1;
	}
	/* Started here: a thread the filtered one started would inherit
	 * its filter, and could route its own calls to itself. */
	if (r->listener)
		pthread_create(&t, NULL, respond, (void *)(long)r->fd);
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
pick(double *v, int n, int pct)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	return v[n * pct / 100];
}

int
main(int argc, char **argv)
{
	static struct runner rs[MAX_FILTERS + 1];
	long n = 2000;
	int rounds = 100, nr = 0, opt;
	double *ns[MAX_FILTERS + 1][NCALLS], *diff[MAX_FILTERS + 1][NCALLS];

	while ((opt = getopt(argc, argv, "n:r:")) != -1) {
		if (opt == 'n')
			n = atol(optarg);
		else if (opt == 'r')
			rounds = atoi(optarg);
		else
			return 2;
	}
	if (optind == argc || n < 1 || rounds < 1) {
		fputs("usage: sysloop_paired [-n N] [-r ROUNDS] FILTER...\n",
		      stderr);
		return 2;
	}
	the_cpu = first_cpu();
	if (pin(the_cpu) < 0) {
		perror("sysloop_paired: sched_setaffinity");
		return 1;
	}
	/* Runner 0, the reference, is a thread like the others. */
	if (setup(&rs[nr++], "none"))
		return 1;
	for (int i = optind; i < argc && nr <= MAX_FILTERS; i++)
		if (setup(&rs[nr++], argv[i]))
			return 1;
	for (int f = 0; f < nr; f++)
		for (int c = 0; c < NCALLS; c++) {
			ns[f][c] = calloc((size_t)rounds, sizeof(double));
			diff[f][c] = calloc((size_t)rounds, sizeof(double));
		}
	for (int r = 0; r < rounds; r++)
		for (int c = 0; c < NCALLS; c++) {
			/* Each round in another order. */
			for (int k = 0; k < nr; k++) {
				int f = (k + r) % nr;

				/* A routed call costs microseconds: fewer. */
				rs[f].n = rs[f].listener ? n / 20 + 1 : n;
				rs[f].call = c;
				sem_post(&rs[f].go);
				sem_wait(&rs[f].done);
				ns[f][c][r] = rs[f].ns;
			}
			for (int f = 0; f < nr; f++)
				diff[f][c][r] = ns[f][c][r] - ns[0][c][r];
		}
	for (int f = 1; f < nr; f++)
		for (int c = 0; c < NCALLS; c++)
			printf("%s\t%s\t%.1f\t%.1f\t%.1f\n", rs[f].name,
			       call_names[c], pick(diff[f][c], rounds, 50),
			       pick(ns[0][c], rounds, 10),
			       pick(ns[f][c], rounds, 10));
	return 0;
}
