// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The process tree: syscage is a child subreaper, so what the target
 * leaves behind is reparented to it and can be killed when the target is
 * done (no daemons outliving a CI job), and --timeout can end it all.
 *
 * A pid read from /proc may belong to another process by the time it is
 * used: every signal goes through a pidfd, opened for a process only once
 * it is proved a child of a process of the tree (open_child).
 */
#include "supervise/reap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Deeper descendants are reparented to us as the levels above die, and
 * the next sweep of cage_reap_orphans finds them: one pidfd a level. */
#define MAX_DEPTH 256

/* Appends PID to *V (*N of *CAP used); false when out of memory. */
static bool
append(pid_t **v, size_t *n, size_t *cap, pid_t pid)
{
	if (*n == *cap) {
		size_t grown = *cap ? 2 * *cap : 16;
		pid_t *w = realloc(*v, grown * sizeof(**v));

		if (!w)
			return false;
		*v = w;
		*cap = grown;
	}
	(*v)[(*n)++] = pid;
	return true;
}

/* The pids of PID's children, from /proc/PID/task/.../children. */
static size_t
list_children(pid_t pid, pid_t **out)
{
	char path[64];
	struct dirent *e;
	size_t n = 0, cap = 0;
	pid_t *v = NULL;
	bool ok = true;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	while (ok && d && (e = readdir(d))) {
		char file[300];
		FILE *f;
		int child;

		if (e->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "/proc/%d/task/%s/children",
			 (int)pid, e->d_name);
		f = fopen(file, "re");
		if (!f)
			continue;
		/* NOLINTNEXTLINE(cert-err34-c): the kernel's decimal pids */
		while (ok && fscanf(f, "%d", &child) == 1)
			ok = append(&v, &n, &cap, child);
		(void)fclose(f);
	}
	if (d)
		closedir(d);
	*out = v;
	return n;
}

/* The parent of PID as /proc/PID/stat says, or -1. */
static pid_t
read_ppid(pid_t pid)
{
	char path[64], buf[256], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	/* "pid (comm) S ppid": comm may hold anything, ")" included. */
	p = strrchr(buf, ')');
	if (!p || strlen(p) < 5)
		return -1;
	return (pid_t)strtol(p + 4, NULL, 10);
}

/* The process held by PIDFD exists (a zombie too); not yet reaped. */
static bool
alive(int pidfd)
{
	return pidfd < 0 ||
	       syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) == 0 ||
	       errno == EPERM;
}

/*
 * A pidfd for PID if it is a child of PARENT (held by PARENT_FD; -1 for
 * ourselves), else -1.  The pidfd names one process for good; /proc read
 * by number after it was opened is that process's while it is alive, and
 * PARENT's number is still PARENT's while PARENT_FD is alive: a number
 * reused by a process outside the tree shows another parent.
 */
static int
open_child(pid_t parent, int parent_fd, pid_t pid)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (fd < 0)
		return -1;
	if (read_ppid(pid) != parent || !alive(parent_fd) || !alive(fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
signal_one(int pidfd, int sig)
{
	syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/*
 * SIG to PID (held by PIDFD) and its descendants: before them for SIGSTOP,
 * so that a forking tree cannot outrun us; after them for SIGKILL.
 */
static void
signal_tree(pid_t pid, int pidfd, int sig, unsigned depth)
{
	pid_t *kids = NULL;
	size_t n = depth < MAX_DEPTH ? list_children(pid, &kids) : 0;

	if (sig == SIGSTOP)
		signal_one(pidfd, sig);
	for (size_t i = 0; i < n; i++) {
		int fd = open_child(pid, pidfd, kids[i]);

		if (fd < 0)
			continue;
		signal_tree(kids[i], fd, sig, depth + 1);
		close(fd);
	}
	free(kids);
	if (sig != SIGSTOP)
		signal_one(pidfd, sig);
}

void
cage_reap_kill_tree(pid_t root)
{
	/* Our own child: only we reap it, but say so all the same. */
	int fd = open_child(getpid(), -1, root);

	if (fd < 0)
		return;
	signal_tree(root, fd, SIGSTOP, 0);
	signal_tree(root, fd, SIGKILL, 0);
	close(fd);
}

/*
 * After the target: kill every process reparented to us, until none is
 * left.  Orphans arrive as their parents die, so sweep until wait says
 * there are no children, for at most about two seconds.
 */
unsigned
cage_reap_orphans(void)
{
	struct timespec pause = {0, 10L * 1000 * 1000};
	unsigned killed = 0;

	for (int round = 0; round < 200; round++) {
		pid_t *kids = NULL, r;
		size_t n;
		int status;

		/* Usually none is left: then there is nothing to look for. */
		if (round == 0 && waitpid(-1, &status, WNOHANG | __WALL) < 0 &&
		    errno == ECHILD)
			break;
		n = list_children(getpid(), &kids);
		for (size_t i = 0; i < n; i++)
			cage_reap_kill_tree(kids[i]);
		killed += (unsigned)n;
		free(kids);
		while ((r = waitpid(-1, &status, WNOHANG | __WALL)) > 0)
			;
		if (r < 0 && errno == ECHILD)
			break;
		nanosleep(&pause, NULL);
	}
	return killed;
}
