// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The test suites' target: makes the system calls it is told to and prints
 * what the kernel answered, one line each, so that tests check the
 * kernel's own verdict.  Like bubblewrap's try-syscall.c, calls use bad
 * arguments where they can: EBADF or EFAULT then means "allowed".
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *
errname(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EBADF: return "EBADF";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EINVAL: return "EINVAL";
	case ENOTTY: return "ENOTTY";
	case ENOSYS: return "ENOSYS";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case ENOTDIR: return "ENOTDIR";
	}
	return "other";
}

static void
report(const char *what, long r)
{
	if (r < 0)
		printf("%s: errno %s\n", what, errname(errno));
	else
		printf("%s: ok %ld\n", what, r);
}

/* syscall NR [ARG...]: raw, numbers in any base */
static int
raw(int argc, char **argv)
{
	long a[6] = { 0 };

	for (int i = 1; i < argc && i <= 6; i++)
		a[i - 1] = (long)strtoull(argv[i], NULL, 0);
	errno = 0;
	report(argv[0], syscall(strtol(argv[0], NULL, 0), a[0], a[1], a[2],
				a[3], a[4], a[5]));
	return 0;
}

static int
print_caps(void)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Cap", 3) || !strncmp(line, "NoNewPrivs", 10)
		    || !strncmp(line, "Seccomp:", 8) || !strncmp(line, "Uid:", 4)
		    || !strncmp(line, "Groups:", 7))
			fputs(line, stdout);
	fclose(f);
	return 0;
}

/* Every open fd but 0, 1, 2 and the one reading the directory. */
static int
print_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 1;
	while ((e = readdir(d))) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd(d))
			continue;
		printf("fd %d\n", fd);
		n++;
	}
	closedir(d);
	printf("fds above 2: %d\n", n);
	return 0;
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 1; i < argc; i++) {
		const char *op = argv[i];

		if (!strcmp(op, "getpid")) {
			report(op, syscall(SYS_getpid));
		} else if (!strcmp(op, "caps")) {
			print_caps();
		} else if (!strcmp(op, "fds")) {
			print_fds();
		} else if (!strcmp(op, "nnp")) {
			report(op, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
		} else if (!strcmp(op, "exit") && i + 1 < argc) {
			return atoi(argv[i + 1]);
		} else if (!strcmp(op, "syscall") && i + 1 < argc) {
			int n = 1;

			while (i + 1 + n < argc && strcmp(argv[i + 1 + n], ";"))
				n++;
			raw(n, argv + i + 1);
			i += n + (i + 1 + n < argc);
		} else {
			fprintf(stderr, "probe: unknown op '%s'\n", op);
			return 2;
		}
	}
	return 0;
}
