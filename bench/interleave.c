// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Run commands interleaved (A B C, B C A, C A B, ...) and time each run:
 * wall time from spawn to reap, the CPU time and the peak RSS wait4(2)
 * reports (the same figure as /usr/bin/time's "Maximum resident set
 * size": the largest of the process and the children it reaped).
 *
 *   interleave [-n REPS] [-w WARMUP] SPECFILE
 *
 * SPECFILE: one command a line, fields separated by tabs: a name, then
 * argv.  A field "<N=PATH" is not an argument: PATH is opened read-only as
 * fd N for that run (bwrap --seccomp N).  stdin, stdout and stderr go to
 * /dev/null.  Output, one line a run:
 *   name<TAB>rep<TAB>wall_ns<TAB>cpu_ns<TAB>maxrss_kib<TAB>exit_status
 * Warm-up runs (-w, per command) are run first and not printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS 64
#define MAX_ARGS 64

extern char **environ;

struct cmd {
	char *name;
	char *argv[MAX_ARGS + 1];
	int fd; /* -1, or the fd to open PATH at */
	char *fdpath;
};

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int
parse_line(char *line, struct cmd *c)
{
	char *save = NULL, *tok;
	int n = 0;

	line[strcspn(line, "\n")] = '\0';
	c->fd = -1;
	c->name = strtok_r(line, "\t", &save);
	if (!c->name || c->name[0] == '#')
		return -1;
	c->name = strdup(c->name);
	while ((tok = strtok_r(NULL, "\t", &save))) {
		if (tok[0] == '<' && strchr(tok, '=')) {
			c->fd = atoi(tok + 1);
			c->fdpath = strdup(strchr(tok, '=') + 1);
			continue;
		}
		if (n == MAX_ARGS)
			return -1;
		c->argv[n++] = strdup(tok);
	}
	c->argv[n] = NULL;
	return n ? 0 : -1;
}

/* One run; 0 with its figures, or -1 if it could not be spawned. */
static int
run(const struct cmd *c, double *wall, double *cpu, long *rss, int *status)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	double t0;
	pid_t pid;
	int err, ws;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (c->fd > 2)
		posix_spawn_file_actions_addopen(&fa, c->fd, c->fdpath,
						 O_RDONLY, 0);
	t0 = now_ns();
	err = posix_spawnp(&pid, c->argv[0], &fa, NULL, c->argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		fprintf(stderr, "interleave: %s: %s\n", c->argv[0],
			strerror(err));
		return -1;
	}
	while (wait4(pid, &ws, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	*wall = now_ns() - t0;
	*cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
	*rss = ru.ru_maxrss;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct cmd cmds[MAX_CMDS];
	int reps = 10, warm = 1, n = 0, opt;
	char line[8192];
	FILE *f;

	while ((opt = getopt(argc, argv, "n:w:")) != -1) {
		if (opt == 'n')
			reps = atoi(optarg);
		else if (opt == 'w')
			warm = atoi(optarg);
		else
			return 2;
	}
	if (optind + 1 != argc || reps < 1) {
		fputs("usage: interleave [-n REPS] [-w WARMUP] SPECFILE\n",
		      stderr);
		return 2;
	}
	f = fopen(argv[optind], "r");
	if (!f) {
		perror(argv[optind]);
		return 2;
	}
	while (n < MAX_CMDS && fgets(line, sizeof(line), f))
		if (parse_line(line, &cmds[n]) == 0)
			n++;
	fclose(f);
	for (int r = -warm; r < reps; r++)
		/* Rotate the order, so no command always follows another. */
		for (int k = 0; k < n; k++) {
			const struct cmd *c = &cmds[(k + (r < 0 ? 0 : r)) % n];
			double wall, cpu;
			long rss;
			int st;

			if (run(c, &wall, &cpu, &rss, &st))
				return 1;
			if (r >= 0)
				printf("%s\t%d\t%.0f\t%.0f\t%ld\t%d\n", c->name,
				       r, wall, cpu, rss, st);
		}
	return 0;
}
