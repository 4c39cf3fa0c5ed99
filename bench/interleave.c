// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Run commands interleaved (A B C, B C A, C A B, ...) and time each run:
 * wall time from spawn to reap, the CPU time and the peak RSS wait4(2)
 * reports (the same figure as /usr/bin/time's "Maximum resident set
 * size": the largest of the process and the children it reaped).
 *
 *   interleave [-n REPS] [-w WARMUP] [-s] SPECFILE
 *
 * SPECFILE: one command a line, fields separated by tabs: a name, then
 * argv.  Fields that are not arguments: "<N=PATH": PATH is opened
 * read-only as fd N for that run (bwrap --seccomp N); "%UID:GID:DIR": the
 * run is made as that user (no supplementary groups) in DIR, with fork
 * and execvp in place of posix_spawn; "+NAME=VALUE": set in its
 * environment.  stdin, stdout and stderr go to /dev/null; with -s, stdout
 * is a pipe whose first line is a CLOCK_MONOTONIC stamp in ns (bench/netns
 * stamp as the target): the run's after_exit_ns is from it to the reap,
 * else -1.  Output, one line a run:
 *   name<TAB>rep<TAB>wall_ns<TAB>cpu_ns<TAB>maxrss_kib<TAB>exit_status
 *   <TAB>after_exit_ns
 * Warm-up runs (-w, per command) are run first and not printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
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
#define MAX_ENV	 8

extern char **environ;

struct cmd {
	char *name;
	char *argv[MAX_ARGS + 1];
	int fd; /* -1, or the fd to open PATH at */
	char *fdpath;
	int as_user; /* run as uid:gid in dir */
	uid_t uid;
	gid_t gid;
	char *dir;
	char *env[MAX_ENV];
	int nenv;
};

static int stamped; /* -s */

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
		if (tok[0] == '%') {
			unsigned u, g;
			int off = 0;

			if (sscanf(tok + 1, "%u:%u:%n", &u, &g, &off) != 2 ||
			    !off)
				return -1;
			c->as_user = 1;
			c->uid = u;
			c->gid = g;
			c->dir = strdup(tok + 1 + off);
			continue;
		}
		if (tok[0] == '+' && strchr(tok, '=')) {
			if (c->nenv == MAX_ENV)
				return -1;
			c->env[c->nenv++] = strdup(tok + 1);
			continue;
		}
		if (n == MAX_ARGS)
			return -1;
		c->argv[n++] = strdup(tok);
	}
	c->argv[n] = NULL;
	return n ? 0 : -1;
}

/* The child of a run made as a user: its fds, dir, ids, env, exec. */
static void __attribute__((noreturn)) exec_as(const struct cmd *c, int out)
{
	int null = open("/dev/null", O_RDWR);

	if (null < 0 || dup2(null, 0) < 0 ||
	    dup2(out >= 0 ? out : null, 1) < 0 || dup2(null, 2) < 0)
		_exit(126);
	if (c->fd > 2) {
		int fd = open(c->fdpath, O_RDONLY);

		if (fd < 0 || (fd != c->fd && dup2(fd, c->fd) < 0))
			_exit(126);
	}
	if (chdir(c->dir) < 0 || setgroups(0, NULL) < 0 ||
	    setresgid(c->gid, c->gid, c->gid) < 0 ||
	    setresuid(c->uid, c->uid, c->uid) < 0)
		_exit(126);
	for (int i = 0; i < c->nenv; i++)
		if (putenv(c->env[i]) < 0)
			_exit(126);
	execvp(c->argv[0], c->argv);
	_exit(127);
}

static pid_t
start(const struct cmd *c, int out)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int err;

	if (c->as_user || c->nenv) {
		pid = fork();
		if (pid == 0)
			exec_as(c, out);
		if (pid < 0)
			fprintf(stderr, "interleave: fork: %s\n",
				strerror(errno));
		return pid;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY,
						 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (c->fd > 2)
		posix_spawn_file_actions_addopen(&fa, c->fd, c->fdpath,
						 O_RDONLY, 0);
	err = posix_spawnp(&pid, c->argv[0], &fa, NULL, c->argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		fprintf(stderr, "interleave: %s: %s\n", c->argv[0],
			strerror(err));
		return -1;
	}
	return pid;
}

/* The stamp: the first line on fd, in ns; -1 if none. */
static double
read_stamp(int fd)
{
	char buf[64];
	size_t n = 0;
	ssize_t k;

	while (n + 1 < sizeof(buf) &&
	       (k = read(fd, buf + n, sizeof(buf) - 1 - n)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		n += (size_t)k;
		if (memchr(buf, '\n', n))
			break;
	}
	buf[n] = '\0';
	return n && strchr(buf, '\n') ? strtod(buf, NULL) : -1;
}

/* One run; 0 with its figures, or -1 if it could not be spawned. */
static int
run(const struct cmd *c, double *wall, double *cpu, long *rss, int *status,
    double *after)
{
	struct rusage ru;
	double t0, stamp = -1;
	int ws, p[2] = {-1, -1};
	pid_t pid;

	if (stamped && pipe2(p, O_CLOEXEC) < 0)
		return -1;
	t0 = now_ns();
	pid = start(c, p[1]);
	if (p[1] >= 0)
		close(p[1]);
	if (pid < 0) {
		if (p[0] >= 0)
			close(p[0]);
		return -1;
	}
	if (p[0] >= 0) {
		stamp = read_stamp(p[0]);
		close(p[0]);
	}
	while (wait4(pid, &ws, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	*wall = now_ns() - t0;
	*after = stamp > 0 ? now_ns() - stamp : -1;
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

	while ((opt = getopt(argc, argv, "n:w:s")) != -1) {
		if (opt == 'n')
			reps = atoi(optarg);
		else if (opt == 'w')
			warm = atoi(optarg);
		else if (opt == 's')
			stamped = 1;
		else
			return 2;
	}
	if (optind + 1 != argc || reps < 1) {
		fputs("usage: interleave [-n REPS] [-w WARMUP] [-s] SPECFILE\n",
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
			double wall, cpu, after;
			long rss;
			int st;

			if (run(c, &wall, &cpu, &rss, &st, &after))
				return 1;
			if (r >= 0)
				printf("%s\t%d\t%.0f\t%.0f\t%ld\t%d\t%.0f\n",
				       c->name, r, wall, cpu, rss, st, after);
		}
	return 0;
}
