// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ptrace as a tool would use it; prints "REQUEST ok" or the errno name.
 *   trace attach PID     PTRACE_ATTACH, wait for the stop, PTRACE_DETACH
 *   trace attach-child   the same on a child of its own
 *   trace poke-child     that, then PTRACE_POKEDATA into the child
 *   trace traceme        PTRACE_TRACEME (the parent would become the tracer)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static int
say(const char *what, long r)
{
	printf("%s %s\n", what, r < 0 ? strerrorname_np(errno) : "ok");
	fflush(stdout);
	return r < 0;
}

static int
attach(pid_t pid, bool poke)
{
	int r = 0;

	if (say("attach", ptrace(PTRACE_ATTACH, pid, 0, 0)))
		return 1;
	waitpid(pid, NULL, __WALL);
	if (poke)
		r = say("poke", ptrace(PTRACE_POKEDATA, pid, (void *)8, 0));
	ptrace(PTRACE_DETACH, pid, 0, 0);
	return r;
}

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	pid_t child;
	int r;

	if (!strcmp(what, "traceme"))
		return say("traceme", ptrace(PTRACE_TRACEME, 0, 0, 0));
	if (!strcmp(what, "attach") && argc > 2)
		return attach(atoi(argv[2]), false);
	if (strcmp(what, "attach-child") && strcmp(what, "poke-child")) {
		fprintf(stderr, "usage: trace attach PID | attach-child | "
				"poke-child | traceme\n");
		return 2;
	}
	child = fork();
	if (child < 0) {
		perror("fork");
		return 2;
	}
	if (child == 0) {
		pause();
		_exit(0);
	}
	r = attach(child, what[0] == 'p');
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return r;
}
