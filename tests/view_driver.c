// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Test driver for the private view (src/launch/view*.c): builds a plan
 * from its options, forks, applies it in the child as the launch will,
 * and runs COMMAND there.  Exits as COMMAND did, 125 when a step failed
 * (printed as "view_driver: STEP: ERROR (HINT)"), 127 when exec failed.
 *
 *   view_driver [--none] [--mount] [--pid] [--ipc] [--net] [--tmp]
 *               [--home] [--dev] [--all] [--best-effort] [--userns]
 *               [--ro|--rx|--rw|--rwx|--opt-ro|--opt-rx SRC[=DST]]...
 *               -- COMMAND...
 */
#include "launch/view.h"
#include "launch/view_mount.h"
#include "launch/view_pid.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct msg {
	int err;
	char step[128];
};

static void __attribute__((noreturn))
fail(int fd, const char *step, int err, int status)
{
	struct msg m = {.err = err};

	snprintf(m.step, sizeof(m.step), "%s", step);
	if (write(fd, &m, sizeof(m)) < 0)
		_exit(status);
	_exit(status);
}

static void __attribute__((noreturn))
child(const struct cage_view_plan *p, int fd, char **argv)
{
	struct cage_view_pid pid = {.report = -1, .end = -1, .ready = -1};
	const char *step = "";
	int r;

	r = cage_view_unshare(p, &step);
	if (r == 1) {
		fprintf(stderr, "view_driver: view left out (best effort)\n");
	} else {
		if (!r)
			r = cage_view_loopback(p, &step);
		if (!r)
			r = cage_view_pid_enter(p, &pid, &step);
		if (!r)
			r = cage_view_pid_fork(p, &pid, &step);
		if (!r && !pid.in_target)
			r = cage_view_mount(p, &step);
		if (!r && !pid.in_target)
			r = cage_view_pid_init(p, &pid, &step);
		if (!r)
			r = cage_view_pid_ready(p, &pid, &step);
		if (!r)
			r = cage_view_pid_net(&pid, &step);
		if (r == -ECANCELED) /* pid 1 failed, and said why */
			_exit(125);
		if (r)
			fail(fd, step, r, 125);
	}
	execvp(argv[0], argv);
	fail(fd, "execvp", -errno, 127);
}

static int
add_bind(struct cage_view_plan *p, char *arg, unsigned flags)
{
	char *eq = strchr(arg, '=');

	if (eq)
		*eq++ = '\0';
	return cage_view_plan_bind(p, arg, eq, flags);
}

/* Bind options carry their flags above this bit. */
#define BIND_OPT 0x100

static const struct option opts[] = {
	{"none", no_argument, NULL, 'N'},
	{"mount", no_argument, NULL, 'm'},
	{"pid", no_argument, NULL, 'p'},
	{"ipc", no_argument, NULL, 'i'},
	{"net", no_argument, NULL, 'n'},
	{"tmp", no_argument, NULL, 't'},
	{"home", no_argument, NULL, 'h'},
	{"dev", no_argument, NULL, 'd'},
	{"all", no_argument, NULL, 'a'},
	{"best-effort", no_argument, NULL, 'b'},
	{"userns", no_argument, NULL, 'U'},
	{"ro", required_argument, NULL, BIND_OPT},
	{"rx", required_argument, NULL, BIND_OPT | CAGE_VIEW_EXEC},
	{"rw", required_argument, NULL, BIND_OPT | CAGE_VIEW_WRITE},
	{"rwx", required_argument, NULL,
	 BIND_OPT | CAGE_VIEW_WRITE | CAGE_VIEW_EXEC},
	{"opt-ro", required_argument, NULL, BIND_OPT | CAGE_VIEW_OPTIONAL},
	{"opt-rx", required_argument, NULL,
	 BIND_OPT | CAGE_VIEW_OPTIONAL | CAGE_VIEW_EXEC},
	{0},
};

static int
apply_opt(struct cage_view_plan *p, int c)
{
	const unsigned all = CAGE_VIEW_NS_MOUNT | CAGE_VIEW_NS_PID |
			     CAGE_VIEW_NS_IPC | CAGE_VIEW_NS_NET;

	if (c > 0 && (c & BIND_OPT))
		return add_bind(p, optarg, (unsigned)c & ~BIND_OPT);
	switch (c) {
	case 'N':
		return 0;
	case 'm':
		p->ns |= CAGE_VIEW_NS_MOUNT;
		return 0;
	case 'p':
		p->ns |= CAGE_VIEW_NS_PID;
		return 0;
	case 'i':
		p->ns |= CAGE_VIEW_NS_IPC;
		return 0;
	case 'n':
		p->ns |= CAGE_VIEW_NS_NET;
		return 0;
	case 'a':
		p->ns |= all;
		p->private_tmp = p->private_home = p->private_dev = true;
		return 0;
	case 't':
		p->private_tmp = true;
		return 0;
	case 'h':
		p->private_home = true;
		return 0;
	case 'd':
		p->private_dev = true;
		return 0;
	case 'b':
		p->best_effort = true;
		return 0;
	case 'U':
		p->force_user = true;
		return 0;
	}
	return -EINVAL;
}

static int
parse(struct cage_view_plan *p, int argc, char **argv)
{
	int c, err = 0;

	while (!err && (c = getopt_long(argc, argv, "+", opts, NULL)) != -1)
		err = apply_opt(p, c);
	if (err || optind >= argc)
		return err ? err : -EINVAL;
	return optind;
}

int
main(int argc, char **argv)
{
	struct cage_view_plan *p = cage_view_plan_new();
	char cwd[4096];
	struct msg m;
	int sv[2], status, first;
	pid_t pid;

	if (!p)
		return 125;
	first = parse(p, argc, argv);
	if (first < 0) {
		fprintf(stderr, "view_driver: bad arguments: %s\n",
			strerror(-first));
		return 125;
	}
	if (cage_view_plan_finish(p, getenv("HOME"), getcwd(cwd, sizeof(cwd))) <
	    0) {
		fprintf(stderr, "view_driver: plan refused\n");
		return 125;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return 125;
	pid = fork();
	if (pid < 0)
		return 125;
	if (pid == 0) {
		close(sv[0]);
		child(p, sv[1], argv + first);
	}
	close(sv[1]);
	if (read(sv[0], &m, sizeof(m)) == sizeof(m)) {
		const char *hint = cage_view_hint(m.step, m.err);

		fprintf(stderr, "view_driver: %s: %s%s%s%s\n", m.step,
			strerror(-m.err), hint ? " (" : "", hint ? hint : "",
			hint ? ")" : "");
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 125;
	cage_view_plan_free(p);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
