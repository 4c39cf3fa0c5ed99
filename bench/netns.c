// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Network namespace teardown, and what a process's exit path pays for it.
 *
 *   netns stamp
 *     Print CLOCK_MONOTONIC in ns and exit: the target of interleave -s,
 *     which times from this instant to the reap of the launcher.
 *   netns teardown [-n N] [-l]
 *     In a user namespace of its own whose max_net_namespaces is 1, N
 *     times: a child made with clone(CLONE_NEWNET) (-l: brings lo up,
 *     as syscage's 'net loopback' does; the kernel adds ::1) writes a
 *     stamp and exits; we reap it, then retry clone(CLONE_NEWNET) until
 *     the kernel has counted the old namespace out (ENOSPC until then),
 *     which it does at the end of cleanup_net(), in a workqueue.  A
 *     plain child (no new namespace) alternates with it.  Output, one
 *     line a sample:
 *       kind<TAB>rep<TAB>exit_ns<TAB>teardown_ns
 *     kind "net" or "plain"; exit_ns: from the child's stamp to its reap
 *     (its exit path, what a waiter sees); teardown_ns: from the reap
 *     until a new namespace could be made (-1 for plain).
 * Works as root and as a user (it needs unprivileged user namespaces).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int
lo_up(void)
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err = 0;

	if (fd < 0)
		return -1;
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		err = -1;
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (!err && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		err = -1;
	close(fd);
	return err;
}

static int
write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* A user namespace of our own, counting at most one net namespace. */
static int
enter_userns(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER) < 0) {
		perror("netns: unshare(CLONE_NEWUSER)");
		return -1;
	}
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_file("/proc/self/uid_map", map) < 0 ||
	    write_file("/proc/self/setgroups", "deny") < 0) {
		perror("netns: uid_map");
		return -1;
	}
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_file("/proc/self/gid_map", map) < 0) {
		perror("netns: gid_map");
		return -1;
	}
	if (write_file("/proc/sys/user/max_net_namespaces", "1") < 0) {
		perror("netns: max_net_namespaces");
		return -1;
	}
	return 0;
}

/* The child: (lo up,) waits for a byte on go (if >= 0), then its stamp
 * on fd, exit. */
static void __attribute__((noreturn)) child(int fd, int lo, int go)
{
	long long t;
	char c;

	if (lo && lo_up() < 0)
		_exit(3);
	if (go >= 0 && read(go, &c, 1) != 1)
		_exit(5);
	t = now_ns();
	if (write(fd, &t, sizeof(t)) != sizeof(t))
		_exit(4);
	_exit(0);
}

/* Reap pid; its stamp read from fd; 0, or -1 if it failed. */
static int
reap(pid_t pid, int fd, long long *stamp, long long *reaped)
{
	int st;

	if (read(fd, stamp, sizeof(*stamp)) != sizeof(*stamp))
		*stamp = -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	*reaped = now_ns();
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 && *stamp > 0 ? 0 : -1;
}

/* clone(CLONE_NEWNET), retried while the kernel still counts the last
 * one; the child runs child().  Its pid, or -1. */
static pid_t
clone_net(int fd, int lo, int go, long long *made)
{
	struct timespec pause = {0, 10000};

	for (long tries = 0; tries < 2000000; tries++) {
		pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWNET | SIGCHLD,
					   NULL, NULL, NULL, NULL);

		if (pid == 0)
			child(fd, lo, go);
		if (pid > 0) {
			*made = now_ns();
			return pid;
		}
		if (errno != ENOSPC) {
			perror("netns: clone(CLONE_NEWNET)");
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	fputs("netns: the namespace was never counted out\n", stderr);
	return -1;
}

static int
teardown(int n, int lo)
{
	long long stamp, reaped, made;
	/* The net children's stamps, the plain ones', the net ones' go. */
	int p[2], q2[2], go[2];
	pid_t pid;

	if (enter_userns() < 0 || pipe2(p, O_CLOEXEC) < 0 ||
	    pipe2(q2, O_CLOEXEC) < 0 || pipe2(go, O_CLOEXEC) < 0)
		return 1;
	(void)prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	/* The first namespace, then each retry makes the next sample's. */
	pid = clone_net(p[1], lo, go[0], &made);
	for (int r = -2; r < n && pid > 0; r++) {
		if (write(go[1], "", 1) != 1 ||
		    reap(pid, p[0], &stamp, &reaped) < 0) {
			fputs("netns: a child failed\n", stderr);
			return 1;
		}
		long long exit_ns = reaped - stamp;

		pid = clone_net(p[1], lo, go[0], &made);
		if (pid < 0)
			return 1;
		if (r >= 0) /* two warm-up rounds */
			printf("net\t%d\t%lld\t%lld\n", r, exit_ns,
			       made - reaped);
		/* A plain child, while the new namespace's child waits. */
		pid_t q = fork();

		if (q == 0)
			child(q2[1], 0, -1);
		if (q < 0 || reap(q, q2[0], &stamp, &reaped) < 0)
			return 1;
		if (r >= 0)
			printf("plain\t%d\t%lld\t-1\n", r, reaped - stamp);
	}
	if (pid > 0 && write(go[1], "", 1) == 1)
		(void)reap(pid, p[0], &stamp, &reaped);
	return pid > 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	int n = 30, lo = 0, opt;

	if (argc >= 2 && !strcmp(argv[1], "stamp")) {
		printf("%lld\n", now_ns());
		fflush(stdout);
		_exit(0);
	}
	if (argc < 2 || strcmp(argv[1], "teardown")) {
		fputs("usage: netns stamp | netns teardown [-n N] [-l]\n",
		      stderr);
		return 2;
	}
	optind = 2;
	while ((opt = getopt(argc, argv, "n:l")) != -1) {
		if (opt == 'n')
			n = atoi(optarg);
		else if (opt == 'l')
			lo = 1;
		else
			return 2;
	}
	return teardown(n, lo);
}
