// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The process tree: syscage is a child subreaper, so what the target
 * leaves behind is reparented to it and can be killed when the target is
 * done (no daemons outliving a CI job), and --timeout can end it all.
 */
#include "reap.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Calls FN for each child of PID, read from /proc/PID/task/.../children. */
static void
for_each_child(pid_t pid, void (*fn)(pid_t, void *), void *ctx)
{
	char path[64];
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
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
		/* The kernel's decimal pids: nothing to range-check. */
		while (fscanf(f, "%d", &child) == 1) /* NOLINT(cert-err34-c) */
			fn(child, ctx);
		(void)fclose(f);
	}
	closedir(d);
}

/* Stop first, so that a forking tree cannot outrun us; then kill. */
static void
stop_tree(pid_t pid, void *ctx)
{
	(void)ctx;
	kill(pid, SIGSTOP);
	for_each_child(pid, stop_tree, NULL);
}

static void
kill_tree(pid_t pid, void *ctx)
{
	(void)ctx;
	for_each_child(pid, kill_tree, NULL);
	kill(pid, SIGKILL);
}

void
cage_reap_kill_tree(pid_t root)
{
	stop_tree(root, NULL);
	kill_tree(root, NULL);
}

static void
kill_own_child(pid_t pid, void *ctx)
{
	unsigned *n = ctx;

	cage_reap_kill_tree(pid);
	(*n)++;
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
		int status;
		pid_t r;

		/* Usually none is left: then there is nothing to look for. */
		if (round == 0 && waitpid(-1, &status, WNOHANG | __WALL) < 0 &&
		    errno == ECHILD)
			break;
		for_each_child(getpid(), kill_own_child, &killed);
		while ((r = waitpid(-1, &status, WNOHANG | __WALL)) > 0)
			;
		if (r < 0 && errno == ECHILD)
			break;
		nanosleep(&pause, NULL);
	}
	return killed;
}
