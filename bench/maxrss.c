// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Peak memory of a command, without the spawner's own: a process's
 * ru_maxrss starts at the high-water mark of the memory it was forked
 * from (and keeps it across execve), so a command spawned by a 1.7 MiB
 * program never reports less than 1.7 MiB.  Linked statically and doing
 * nothing else, this wrapper leaves a floor of a few hundred KiB.
 *
 *   maxrss COMMAND [ARG]...
 *
 * Runs COMMAND (stdin, stdout and stderr as given), waits for it, and
 * prints to stderr, after whatever COMMAND printed there:
 *   maxrss<TAB>KIB<TAB>status<TAB>N
 * KIB is the largest RSS of COMMAND and of every descendant it reaped
 * (wait4's rusage: the launcher and its target, for a launcher).  The
 * floor that is left, this wrapper's RSS at the fork, is measured by
 * running it on a program that does nothing (bench/run.sh, section e).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int ws;

	if (argc < 2) {
		fputs("usage: maxrss COMMAND [ARG]...\n", stderr);
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("maxrss: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	while (wait4(pid, &ws, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("maxrss: wait4");
			return 2;
		}
	fprintf(stderr, "maxrss\t%ld\tstatus\t%d\n", ru.ru_maxrss,
		WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws));
	return 0;
}
