// SPDX-License-Identifier: LGPL-2.1-or-later
/* The verdict lines and exit status every escape program shares. */
#include "escape.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned escaped, broken;

/* Unbuffered: a program the policy kills must still have said what it tried. */
static void __attribute__((constructor)) unbuffer(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
}

static void __attribute__((format(printf, 3, 0)))
line(const char *tag, const char *what, const char *fmt, va_list ap)
{
	printf("%s: %s (", tag, what);
	vprintf(fmt, ap);
	printf(")\n");
}

void
esc_blocked(const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("blocked", what, fmt, ap);
	va_end(ap);
}

void
esc_escaped(const char *what, const char *fmt, ...)
{
	va_list ap;

	escaped++;
	va_start(ap, fmt);
	line("ESCAPED", what, fmt, ap);
	va_end(ap);
}

void
esc_works(const char *what, bool good, const char *fmt, ...)
{
	va_list ap;

	if (!good)
		broken++;
	va_start(ap, fmt);
	line(good ? "ok" : "BROKEN", what, fmt, ap);
	va_end(ap);
}

void
esc_broken(const char *what, int err)
{
	printf("BROKEN: %s (%s)\n", what, esc_errname(err));
	exit(2);
}

const char *
esc_errname(int err)
{
	const char *name = err ? strerrorname_np(err) : "0";

	return name ? name : "unknown errno";
}

static bool
judge(const char *what, long r, int err, va_list ap)
{
	int e;

	if (r >= 0) {
		esc_escaped(what, "returned %ld", r);
		return false;
	}
	while ((e = va_arg(ap, int)) != 0 && e != err)
		;
	if (e) {
		esc_blocked(what, "%s", esc_errname(err));
		return true;
	}
	esc_escaped(what, "passed the filter: the kernel said %s",
		    esc_errname(err));
	return false;
}

bool
esc_expect(const char *what, long r, ...)
{
	int err = errno;
	va_list ap;
	bool blocked;

	va_start(ap, r);
	blocked = judge(what, r, err, ap);
	va_end(ap);
	return blocked;
}

static bool
denied(const char *what, long r, int err, ...)
{
	va_list ap;
	bool blocked;

	va_start(ap, err);
	blocked = judge(what, r, err, ap);
	va_end(ap);
	return blocked;
}

bool
esc_denied(const char *what, long r)
{
	return denied(what, r, errno, EPERM, EACCES, ENOENT, ESRCH, EROFS, 0);
}

pid_t
esc_arg_pid(int argc, char **argv)
{
	return argc > 1 ? (pid_t)atoi(argv[1]) : 0;
}

int
esc_finish(void)
{
	if (broken)
		return 2;
	return escaped ? 1 : 0;
}

void
esc_child_status(const char *what, int wstatus)
{
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
		return;
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 1) {
		escaped++;
		return;
	}
	if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGSYS) {
		esc_blocked(what, "child killed by SIGSYS");
		return;
	}
	broken++;
	printf("BROKEN: %s (child wait status %#x)\n", what, wstatus);
}

long long
esc_status_field(const char *path, const char *field, int base)
{
	size_t n = strlen(field);
	long long v = -1;
	char buf[256];
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f))
		if (!strncmp(buf, field, n) && buf[n] == ':') {
			v = strtoll(buf + n + 1, NULL, base);
			break;
		}
	fclose(f);
	return v;
}
