// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A target that turns syscage's own files against it: while syscage runs
 * with --report/--learn in a directory the target can write, it writes
 * into the file by name, puts a forged report in its place, swaps it for
 * a symbolic or a hard link to a file outside, and writes into anything
 * that looks like syscage's temporary file.  What it achieved is judged
 * outside (tests/escape/own_files.sh): the victims and the report.
 * Usage: report_swap ACTION...  with ACTION one of
 *   scribble:NAME  forge:NAME  symlink:NAME:TARGET  hardlink:NAME:TARGET
 *   temps:DIR  deny
 */
#include "escape.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static const char forged[] =
	"{\"event\":\"summary\",\"exit_status\":0,\"denied\":0,\"FORGED\":1}\n";

static void
said(const char *what, int r)
{
	if (r < 0)
		printf("failed: %s (%s)\n", what, esc_errname(errno));
	else
		printf("did: %s\n", what);
}

/* Write into NAME where it is, as a reader of the report would see it. */
static void
scribble(const char *name)
{
	char what[512];
	int fd = open(name, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);

	snprintf(what, sizeof(what), "scribble into %s", name);
	if (fd >= 0 && pwrite(fd, "FORGED garbage\n", 15, 0) != 15)
		fd = -1;
	said(what, fd);
	if (fd >= 0)
		close(fd);
}

static void
forge(const char *name)
{
	char what[512];
	int fd;

	snprintf(what, sizeof(what), "forge %s", name);
	(void)unlink(name);
	fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd >= 0 && write(fd, forged, sizeof(forged) - 1) < 0)
		fd = -1;
	said(what, fd);
	if (fd >= 0)
		close(fd);
}

static void
relink(const char *spec, bool hard)
{
	char name[512], what[1100];
	const char *colon = strchr(spec, ':');

	if (!colon || (size_t)(colon - spec) >= sizeof(name))
		esc_broken("NAME:TARGET expected", EINVAL);
	snprintf(name, sizeof(name), "%.*s", (int)(colon - spec), spec);
	snprintf(what, sizeof(what), "%s %s -> %s",
		 hard ? "hard-link" : "symlink", name, colon + 1);
	(void)unlink(name);
	said(what, hard ? link(colon + 1, name) : symlink(colon + 1, name));
}

/* Anything like syscage's temporary files: open and overwrite it. */
static void
temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int seen = 0;

	while (d && (e = readdir(d))) {
		char path[4096], what[4200];
		size_t n = strlen(e->d_name);
		int fd;

		if (strncmp(e->d_name, ".syscage-", 9) &&
		    (n < 4 || strcmp(e->d_name + n - 4, ".tmp")))
			continue;
		seen++;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(what, sizeof(what),
			 "write syscage's temporary file %s", path);
		fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && pwrite(fd, "FORGED\n", 7, 0) == 7)
			esc_escaped(what, "opened for writing");
		else
			esc_blocked(what, "%s", esc_errname(errno));
		if (fd >= 0)
			close(fd);
	}
	if (d)
		closedir(d);
	printf("did: look for temporary files in %s (%d seen)\n", dir, seen);
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strncmp(a, "scribble:", 9))
			scribble(a + 9);
		else if (!strncmp(a, "forge:", 6))
			forge(a + 6);
		else if (!strncmp(a, "symlink:", 8))
			relink(a + 8, false);
		else if (!strncmp(a, "hardlink:", 9))
			relink(a + 9, true);
		else if (!strncmp(a, "temps:", 6))
			temps(a + 6);
		else if (!strcmp(a, "deny"))
			/* Denied by every built-in: an event to report. */
			said("mount (denied, for the report)",
			     mount("report-swap", "/nonexistent-syscage",
				   "none", 0, NULL));
		else
			esc_broken(a, EINVAL);
	}
	return esc_finish();
}
